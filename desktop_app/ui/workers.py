"""Long jobs off the GUI thread, with progress, cancel and stale-result dropping.

    job = run_job(fn, on_done=..., on_error=..., on_progress=..., parent=widget)
    job.cancel()

`fn(ctx)` runs on `QThreadPool.globalInstance()` and receives a `JobContext`: call
`ctx.progress(done, total)` now and then and pass `ctx.should_cancel` to core functions that accept
a cancel callback (`core.corpus.overview(..., progress=ctx.progress, should_cancel=ctx.should_cancel)`).
Its return value goes to `on_done(result)` on the GUI thread; an exception goes to
`on_error(exc)`. A cancelled job reports neither. Give the worker plain data (texts, ids, a project
*path* to open its own `Project`), never widgets.

`LatestOnly` keeps only the newest of a stream of jobs (re-alignment after an option change): a
result whose inputs changed meanwhile is dropped (Meld, git-cola). Export/import reuse `run_job`.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobContext:
    """What a running job sees: progress reporting and the cancel flag."""

    def __init__(self, job: "Job"):
        self._job = job

    def progress(self, done: int, total: int) -> None:
        self._job.progressed.emit(int(done), int(total))

    def should_cancel(self) -> bool:
        return self._job.cancelled


class Job(QObject):
    """One background job; its signals arrive on the GUI thread (queued connections)."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    ended = Signal()  # always, after finished/failed or a cancelled run

    def __init__(self, fn: Callable[[JobContext], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()
        self.done = False

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def _run(self) -> None:
        try:
            result, error = self._fn(JobContext(self)), None
        except BaseException as exc:  # reported to the GUI thread, never lost in the pool
            result, error = None, exc
        # done before the signals: their slots run later on the GUI thread and may start the next
        # job at once, which a still-"busy" job would refuse
        self.done = True
        if not self.cancelled:
            if error is not None:
                self.failed.emit(error)
            else:
                self.finished.emit(result)
        self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


_running: set[Job] = set()  # keeps jobs alive until they report


def run_job(
    fn: Callable[[JobContext], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    parent: QObject | None = None,
) -> Job:
    """Start `fn(ctx)` in the thread pool; callbacks run on the GUI thread."""
    job = Job(fn, parent)

    def settle() -> None:
        _running.discard(job)

    if on_done:
        job.finished.connect(on_done)
    if on_error:
        job.failed.connect(on_error)
    if on_progress:
        job.progressed.connect(on_progress)
    job.ended.connect(settle)
    _running.add(job)
    runnable = _Runnable(job)
    runnable.setAutoDelete(True)
    QThreadPool.globalInstance().start(runnable)
    return job


class LatestOnly(QObject):
    """Runs jobs one after another in spirit: starting a new one cancels and ignores the old."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._job: Job | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done

    def start(self, fn, on_done, on_error=None, on_progress=None) -> Job:
        if self._job is not None:
            self._job.cancel()
        self._generation += 1
        generation = self._generation

        def deliver(result) -> None:
            if generation == self._generation:  # inputs unchanged since this job started
                on_done(result)

        def fail(exc) -> None:
            if generation == self._generation and on_error:
                on_error(exc)

        self._job = run_job(fn, on_done=deliver, on_error=fail, on_progress=on_progress, parent=self)
        return self._job

    def invalidate(self) -> None:
        """Forget the running job: its result will be dropped."""
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
