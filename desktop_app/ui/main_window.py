"""The main window: a frame that hosts the library dock, the comparison and other features.

It owns no feature logic: the library (`ui.library`), the comparison (`ui.compare_view` with its
navigator and scroll lock), the options (`ui.options_bar`) and the corpus overview
(`ui.corpus_overview`) are separate widgets/controllers wired together here.

Extension points (for the claims views and other features):
    window.controller                    ProjectController (signal `changed(Changes)`)
    window.menu("File"|"Edit"|"View"|"Claims"|"Help") -> QMenu
    window.add_dock(widget, area=Qt.RightDockWidgetArea, title=None) -> QDockWidget
    window.panes() -> list[ArticlePane]  (set_layer / set_span_layer / selected_span / positionClicked)
    window.compare.panesChanged / alignmentShown   re-apply layers when panes are rebuilt
    window.show_article_span(article_id, start, end)   code points; opens the article if needed
    window.open_comparison(ids)
Actions by objectName: actionCompare (Ctrl+Return), actionNextPassage (Alt+Down),
actionPrevPassage (Alt+Up), actionScrollLock (checkable, on by default), actionCorpusOverview,
actionZoomIn/actionZoomOut/actionZoomReset.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QToolBar

from desktop_app.core.align import AlignOptions
from desktop_app.ui.compare_view import MAX_PANES, CompareView
from desktop_app.ui.library import LibraryPanel
from desktop_app.ui.options_bar import OptionsBar
from desktop_app.ui.settings import app_settings, int_list, project_key

MENU_NAMES = ("File", "Edit", "View", "Claims", "Help")


class MainWindow(QMainWindow):
    """Library on the left, the comparison in the middle, feature docks around."""

    comparisonOpened = Signal(list)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName("Crosscheck")
        self.controller = controller
        self.setWindowTitle(f"Crosscheck – {controller.path.stem}")
        self._menus = {name: self.menuBar().addMenu(f"&{name}") for name in MENU_NAMES}
        for name, menu in self._menus.items():
            menu.setObjectName(f"menu{name}")

        self.compare = CompareView(self)
        self.setCentralWidget(self.compare)
        self.library = LibraryPanel(controller, self)
        self.library_dock = self.add_dock(self.library, Qt.DockWidgetArea.LeftDockWidgetArea, "Library")
        self.library_dock.setObjectName("libraryDock")
        self.resizeDocks([self.library_dock], [340], Qt.Orientation.Horizontal)
        self.options_bar = OptionsBar(AlignOptions(), self)
        self._zoom = 0

        self._build_actions()
        self._build_toolbar()
        self._wire()
        self.statusBar().setObjectName("statusBar")
        self.statusBar().showMessage("Select two to four articles and press Ctrl+Return to compare.")
        self._restore_settings()

    # -- extension points ---------------------------------------------------------------------
    def menu(self, name: str):
        return self._menus[name]

    def add_dock(self, widget, area=Qt.DockWidgetArea.RightDockWidgetArea, title: str | None = None) -> QDockWidget:
        title = title or widget.accessibleName() or widget.objectName()
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{widget.objectName() or title}")
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        if "View" in getattr(self, "_menus", {}):
            self._menus["View"].addAction(dock.toggleViewAction())
        return dock

    def panes(self) -> list:
        return self.compare.panes()

    def show_article_span(self, article_id: int, start: int, end: int) -> None:
        """Scroll to [start, end) of an article (code points), opening it if it is not shown."""
        pane = self.compare.pane_for(article_id)
        if pane is None:
            ids = self.compare.article_ids()
            ids = (ids + [article_id])[-MAX_PANES:] if ids else [article_id]
            self.open_comparison(ids)
            pane = self.compare.pane_for(article_id)
            if pane is None:
                return
        with self.compare.scroll_lock.suspended():
            pane.text.scroll_to_span(start, end)
        pane.text.flash_span(start, end, 700)

    def open_comparison(self, article_ids) -> None:
        """Open these articles side by side (unknown ids are reported, not fatal)."""
        project = self.controller.project
        articles, missing = [], []
        for article_id in list(dict.fromkeys(int(i) for i in article_ids))[:MAX_PANES]:
            article = project.article(article_id)
            (articles if article is not None else missing).append(article or article_id)
        if missing:
            self.statusBar().showMessage(f"No article with id {', '.join(map(str, missing))} in this project.")
        if not articles:
            return
        self.compare.open(articles, self.options_bar.options())
        ids = [a.id for a in articles]
        self.library.select_ids(ids)
        self.comparisonOpened.emit(ids)

    # -- construction -------------------------------------------------------------------------
    def _action(self, name, text, shortcut=None, slot=None, checkable=False, tip=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcuts([QKeySequence(s) for s in (shortcut if isinstance(shortcut, list) else [shortcut])])
        action.setCheckable(checkable)
        action.setToolTip(tip or text.replace("&", ""))
        action.setStatusTip(tip or text.replace("&", ""))
        if slot is not None:
            (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        nav = self.compare.navigator
        self.actionCompare = self._action("actionCompare", "&Compare", ["Ctrl+Return", "Ctrl+Enter"],
                                          lambda: self.library.request_compare(), tip="Compare the selected articles (Ctrl+Return)")
        self.actionPrevPassage = self._action("actionPrevPassage", "&Previous passage", "Alt+Up",
                                              lambda: self._moved(nav.previous()), tip="Previous shared passage (Alt+Up)")
        self.actionNextPassage = self._action("actionNextPassage", "&Next passage", "Alt+Down",
                                              lambda: self._moved(nav.next()), tip="Next shared passage (Alt+Down)")
        self.actionScrollLock = self._action("actionScrollLock", "Scroll &lock", "Ctrl+L",
                                             self.compare.scroll_lock.set_enabled, checkable=True,
                                             tip="Keep partner passages in line while scrolling (Ctrl+L)")
        self.actionScrollLock.setChecked(True)
        self.actionZoomIn = self._action("actionZoomIn", "Zoom &in", [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
                                         lambda: self.zoom(1))
        self.actionZoomOut = self._action("actionZoomOut", "Zoom &out", QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(-1))
        self.actionZoomReset = self._action("actionZoomReset", "&Reset zoom", "Ctrl+0", lambda: self.zoom(None))
        self.actionCorpusOverview = self._action("actionCorpusOverview", "Corpus &overview…", "Ctrl+Shift+O",
                                                 self.show_corpus_overview, tip="How much text each pair of articles shares")
        self.actionCloseComparison = self._action("actionCloseComparison", "&Close comparison", "Ctrl+W",
                                                  self.compare.close_comparison)
        self.actionFindArticles = self._action("actionFindArticles", "&Find articles…", QKeySequence.StandardKey.Find,
                                               self._find_articles, tip="Search the library's full text (Ctrl+F)")
        self.actionQuit = self._action("actionQuit", "&Quit", "Ctrl+Q", self.close)
        self.actionAbout = self._action("actionAbout", "&About Crosscheck", None, self._about)
        file_menu = self._menus["File"]
        file_menu.addAction(self.actionCompare)
        file_menu.addAction(self.actionCorpusOverview)
        file_menu.addAction(self.actionCloseComparison)
        file_menu.addSeparator()
        file_menu.addAction(self.actionQuit)
        self._menus["Edit"].addAction(self.actionFindArticles)
        view = self._menus["View"]
        for action in (self.actionPrevPassage, self.actionNextPassage, self.actionScrollLock):
            view.addAction(action)
        view.addSeparator()
        for action in (self.actionZoomIn, self.actionZoomOut, self.actionZoomReset):
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.library_dock.toggleViewAction())
        self._menus["Help"].addAction(self.actionAbout)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Comparison", self)
        bar.setObjectName("compareToolbar")
        bar.setAccessibleName("Comparison toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        for action in (self.actionCompare, self.actionPrevPassage, self.actionNextPassage, self.actionScrollLock):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.options_bar)
        bar.addSeparator()
        bar.addAction(self.actionCorpusOverview)
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if widget is not None and not widget.accessibleName():
                widget.setAccessibleName(action.toolTip())
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

    def _wire(self) -> None:
        self.library.compareRequested.connect(self.open_comparison)
        self.options_bar.optionsChanged.connect(self.compare.set_options)
        self.compare.alignmentStarted.connect(lambda: self.statusBar().showMessage("Finding shared passages…"))
        self.compare.alignmentShown.connect(self._alignment_shown)
        self.compare.panesChanged.connect(self._apply_zoom)
        self.compare.alignmentFailed.connect(lambda msg: self.statusBar().showMessage(f"Alignment failed: {msg}"))

    # -- behaviour ----------------------------------------------------------------------------
    def _alignment_shown(self) -> None:
        comparison = self.compare.comparison
        count = len(comparison.all_links()) if comparison else 0
        self.statusBar().showMessage(
            f"{count} shared passage{'s' if count != 1 else ''} · "
            "Alt+Down / Alt+Up to step through them")

    def _moved(self, index) -> None:
        total = len(self.compare.navigator.stops())
        if index is None:
            self.statusBar().showMessage("No more shared passages in that direction." if total else
                                         "No shared passages in this comparison.")
        else:
            self.statusBar().showMessage(f"Passage {index + 1} of {total}")

    def _find_articles(self) -> None:
        self.library_dock.show()
        self.library.search.setFocus()
        self.library.search.selectAll()

    def zoom(self, steps: int | None) -> None:
        """Ctrl +/−/0: every pane, and the panes of later comparisons, share one zoom level."""
        self._zoom = 0 if steps is None else max(-6, min(12, self._zoom + steps))
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        for pane in self.panes():
            pane.text.zoom(self._zoom - pane.text.zoom_steps)

    def show_corpus_overview(self) -> None:
        from desktop_app.ui.corpus_overview import CorpusOverviewDialog

        dialog = getattr(self, "_overview_dialog", None)
        if dialog is None:
            dialog = CorpusOverviewDialog(self.controller, self)
            dialog.pairChosen.connect(self.open_comparison)
            self._overview_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.start()

    def _about(self) -> None:
        QMessageBox.about(self, "About Crosscheck",
                          "Crosscheck compares how news outlets cover one story: shared passages, "
                          "claims and stances, saved in one SQLite project file.")

    # -- settings -----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        self._state_restored = isinstance(state, QByteArray) and self.restoreState(state)
        self.actionScrollLock.setChecked(settings.value("view/scrollLock", "true") in (True, "true"))
        try:
            self._zoom = int(settings.value("view/zoom", 0))
        except (TypeError, ValueError):
            self._zoom = 0
        key = project_key(self.controller.path)
        try:
            options = AlignOptions(
                min_words=int(settings.value(f"{key}/minWords", AlignOptions().min_words)),
                mode=str(settings.value(f"{key}/mode", "passages")),
                include_skipped=settings.value(f"{key}/includeSkipped", "false") in (True, "true"),
            )
        except (TypeError, ValueError):
            options = AlignOptions()
        self.options_bar.set_options(options)
        self.last_comparison = int_list(settings.value(f"{key}/lastComparison"))

    def save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("view/scrollLock", self.actionScrollLock.isChecked())
        settings.setValue("view/zoom", self._zoom)
        key = project_key(self.controller.path)
        options = self.options_bar.options()
        settings.setValue(f"{key}/minWords", options.min_words)
        settings.setValue(f"{key}/mode", options.mode)
        settings.setValue(f"{key}/includeSkipped", options.include_skipped)
        settings.setValue(f"{key}/lastComparison", ",".join(map(str, self.compare.article_ids())))
        settings.sync()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._state_restored and not getattr(self, "_docks_balanced", False):
            self._docks_balanced = True
            self.balance_docks()

    def balance_docks(self) -> None:
        """First-run layout: the comparison is the point of the window, so docks above or below
        it get at most a fifth of the height, and side docks a quarter of the width."""
        for dock in self.findChildren(QDockWidget):
            if dock.isFloating() or not dock.isVisible():
                continue
            area = self.dockWidgetArea(dock)
            if area in (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea):
                self.resizeDocks([dock], [max(120, self.height() // 5)], Qt.Orientation.Vertical)
            elif dock is not self.library_dock and area == Qt.DockWidgetArea.RightDockWidgetArea:
                self.resizeDocks([dock], [min(dock.width(), max(220, self.width() // 5))], Qt.Orientation.Horizontal)

    def closeEvent(self, event) -> None:
        self.save_settings()
        super().closeEvent(event)
