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


def test_the_harness_catches_a_writer_that_acknowledges_before_commit(tmp_path):
    """Sensitivity check: with the acknowledgement printed inside the transaction (before COMMIT),
    kills lose acknowledged writes and the harness reports them."""
    report = run(tmp_path / "early.sqlite", kills=10, seed=3, max_acks=5, early=True)
    assert report.lost, report


def test_sigkilled_text_replacement_is_all_or_nothing(tmp_path):
    """Replacing an article's text rewrites the article, its revision and every annotation in one
    transaction: after a kill the text is one version or the other and every annotation's quote
    sits exactly on its span."""
    from tests.core.crash_harness import run_replace

    report = run_replace(tmp_path / "replace.sqlite", kills=8, seed=4)
    assert report.kills == 8
    assert report.ok, report
