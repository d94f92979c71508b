"""Application start-up: QApplication, the main window, and the --screenshot/--compare options."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow, QPlainTextEdit, QSplitter

from desktop_app.core.session import open_project


def create_main_window(project_path=None) -> QMainWindow:
    project = open_project(project_path)
    window = QMainWindow()
    splitter = QSplitter()
    library = QListWidget()
    text = QPlainTextEdit(readOnly=True)
    articles = project.articles()
    for a in articles:
        library.addItem(f"{a.id}  {a.title}")
    library.currentRowChanged.connect(lambda row: text.setPlainText(project.article(articles[row].id).text))
    splitter.addWidget(library)
    splitter.addWidget(text)
    window.setCentralWidget(splitter)
    window.setWindowTitle(f"Crosscheck - {project.path.stem}")
    return window


def run_app(args) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = create_main_window(args.project)
    window.resize(*args.size)
    window.show()
    if args.screenshot:
        app.processEvents()
        window.grab().save(str(args.screenshot))
        return 0
    return app.exec()
