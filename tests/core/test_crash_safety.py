"""Crash safety: SIGKILL a writer at random moments; nothing acknowledged is lost (crash_harness.py)."""

from __future__ import annotations

import pytest

from tests.core.crash_harness import run


def test_sigkilled_writer_loses_no_acknowledged_annotation(tmp_path):
    report = run(tmp_path / "crash.sqlite", kills=10, seed=1)
    assert report.kills == 10
    assert report.acknowledged > 0
    assert report.ok, report


@pytest.mark.slow
def test_sigkilled_writer_hundred_kills(tmp_path):
    report = run(tmp_path / "crash.sqlite", kills=100, seed=2)
    assert report.kills == 100 and report.acknowledged > 0
    assert report.ok, report
