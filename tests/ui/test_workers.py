"""Background jobs: results, errors and progress arrive on the GUI thread; cancel and stale drops."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from desktop_app.ui.workers import LatestOnly, run_job


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    seen = {}
    progress = []

    def work(ctx):
        seen["worker"] = threading.get_ident()
        for i in range(3):
            ctx.progress(i + 1, 3)
        return 42

    def done(result):
        seen["result"] = result
        seen["on_gui_thread"] = QThread.currentThread() is qtbot_thread

    qtbot_thread = QThread.currentThread()
    job = run_job(work, on_done=done, on_progress=lambda d, t: progress.append((d, t)))
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42 and seen["on_gui_thread"]
    assert seen["worker"] != threading.get_ident()
    qtbot.waitUntil(lambda: progress == [(1, 3), (2, 3), (3, 3)], timeout=5000)
    qtbot.waitUntil(lambda: job.done, timeout=5000)


def test_errors_are_reported_not_lost(qtbot):
    errors = []
    run_job(lambda ctx: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_cancelled_job_reports_nothing(qtbot):
    release = threading.Event()
    results, errors = [], []

    def work(ctx):
        release.wait(5)
        return "late"

    job = run_job(work, on_done=results.append, on_error=errors.append)
    job.cancel()
    release.set()
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    qtbot.wait(20)
    assert results == [] and errors == [] and job.cancelled


def test_latest_only_drops_the_result_of_a_replaced_job(qtbot):
    runner = LatestOnly()
    first_may_finish = threading.Event()
    delivered = []

    def slow(ctx):
        first_may_finish.wait(5)
        return "old inputs"

    first = runner.start(slow, delivered.append)
    runner.start(lambda ctx: "new inputs", delivered.append)
    qtbot.waitUntil(lambda: delivered == ["new inputs"], timeout=5000)
    first_may_finish.set()
    qtbot.waitUntil(lambda: first.done, timeout=5000)
    qtbot.wait(20)
    assert delivered == ["new inputs"]
