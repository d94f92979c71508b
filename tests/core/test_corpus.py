"""Corpus overview: candidate pairs from the n-gram index, alignment, caching, cancel."""

import hashlib
import random
from pathlib import Path

import pytest

from desktop_app.core.align import AlignOptions, align
from desktop_app.core.corpus import (
    Cancelled,
    CorpusDoc,
    CorpusOptions,
    candidate_pairs,
    overview,
    overview_for_project,
)
from desktop_app.core.repeats import find_repeats

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def doc(doc_id, text, skip=()):
    return CorpusDoc(doc_id, hashlib.sha256(text.encode()).hexdigest(), text, tuple(skip))


def seed_docs():
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        docs.append(doc(path.name[:3], text, find_repeats(text)))
    return docs


class DictCache:
    def __init__(self):
        self.data, self.puts = {}, 0

    def cache_get(self, key):
        return self.data.get(key)

    def cache_put(self, key, value):
        self.puts += 1
        self.data[key] = value


def synthetic_corpus(count=14, seed=3):
    """Articles of random words; each consecutive pair shares one 30-word paragraph."""
    rng = random.Random(seed)
    vocab = [f"word{i}" for i in range(3000)]

    def para(n=30):
        return " ".join(rng.choice(vocab) for _ in range(n))

    shared = [para() for _ in range(count)]
    docs = []
    for i in range(count):
        parts = [para(), shared[i], para(), shared[(i - 1) % count], para()]
        docs.append(doc(f"d{i}", "\n\n".join(parts)))
    return docs


def test_seed_overview_matches_pairwise_alignment():
    docs = seed_docs()
    result = overview(docs, CorpusOptions(processes=1))
    assert result.documents == 5
    pairs = {(p.a, p.b): p for p in result.pairs}
    assert set(pairs) == {("000", "002")}
    p = pairs[("000", "002")]
    direct = align(docs[0].text, docs[2].text, a_skip=docs[0].skip_ranges)
    assert (p.shared_a, p.shared_b, p.passages) == (
        direct.shared_chars_a, direct.shared_chars_b, len(direct.passages))
    assert p.a_length == len(docs[0].text)
    assert 0 < p.fraction_a < 1


def test_candidates_need_enough_shared_rare_ngrams():
    docs = synthetic_corpus(6)
    pairs, common = candidate_pairs(docs, CorpusOptions())
    assert pairs == sorted({tuple(sorted((i, (i + 1) % 6))) for i in range(6)})
    assert common == frozenset()
    pairs, _ = candidate_pairs(docs, CorpusOptions(min_shared=1000))
    assert pairs == []


def test_frequent_ngrams_are_common_and_not_candidates():
    boiler = "subscribe to our newsletter for the latest rail freight news every week"
    docs = [doc(i, f"{boiler} unique{i} text{i} here{i} now{i} more{i}") for i in range(5)]
    pairs, common = candidate_pairs(docs, CorpusOptions(max_df=3))
    assert pairs == []
    assert ("subscribe", "to", "our", "newsletter") in common


def test_two_processes_give_the_same_result_and_progress_ends_at_total():
    docs = synthetic_corpus(14)
    calls = []
    serial = overview(docs, CorpusOptions(processes=1))
    parallel = overview(docs, CorpusOptions(processes=2), progress=lambda d, t: calls.append((d, t)))
    assert serial.pairs == parallel.pairs
    assert len(serial.pairs) == 14
    assert all(p.passages == 1 for p in serial.pairs)
    assert calls and calls[-1][0] == calls[-1][1]
    assert parallel.peak_rss_mb > 0


def test_pool_is_used_for_many_pairs(monkeypatch):
    from desktop_app.core import corpus_workers

    monkeypatch.setattr(corpus_workers, "MIN_PAIRS_FOR_POOL", 2)
    docs = synthetic_corpus(8)
    assert overview(docs, CorpusOptions(processes=2)).pairs == overview(
        docs, CorpusOptions(processes=1)).pairs


def test_cache_makes_second_overview_instant_and_reuses_pairs():
    docs = synthetic_corpus(8)
    cache = DictCache()
    first = overview(docs, cache=cache)
    assert not first.from_cache and first.aligned == first.candidates
    second = overview(docs, cache=cache)
    assert second.from_cache and second.pairs == first.pairs and second.aligned == 0
    # a new article: only its candidate pairs are aligned again
    extra = doc("new", docs[0].text.split("\n\n")[1] + "\n\nsomething else entirely different")
    third = overview([*docs, extra], cache=cache)
    assert not third.from_cache
    assert third.aligned == 2 < third.candidates  # shared[0] is in d0 and d1
    assert any("new" in (p.a, p.b) for p in third.pairs)


def test_options_change_the_cache_key():
    docs = synthetic_corpus(6)
    cache = DictCache()
    overview(docs, cache=cache)
    again = overview(docs, CorpusOptions(align=AlignOptions(min_words=40)), cache=cache)
    assert not again.from_cache
    assert again.pairs == ()


def test_cancel_stops_the_overview():
    docs = synthetic_corpus(120)
    with pytest.raises(Cancelled):
        overview(docs, should_cancel=lambda: True)


def test_empty_and_single_corpus():
    assert overview([]).pairs == ()
    assert overview([doc(1, "only one article here")]).pairs == ()
    assert overview([doc(1, ""), doc(2, "   ")]).pairs == ()


def test_project_adapter(tmp_path):
    from desktop_app.core.articles import import_paths
    from desktop_app.core.store import Project

    with Project.open(tmp_path / "p.sqlite") as project:
        import_paths(project, sorted(SEEDS.glob("*.txt")))
        first = overview_for_project(project, CorpusOptions(processes=1))
        assert len(first.pairs) == 1 and first.pairs[0].passages >= 1
        assert overview_for_project(project).from_cache
    with Project.open(tmp_path / "p.sqlite") as project:
        assert overview_for_project(project).pairs == first.pairs


def test_spawned_workers_give_the_same_result(monkeypatch):
    """Where fork is unsafe (GUI threads, macOS, Windows) workers start fresh and re-tokenise."""
    import multiprocessing

    from desktop_app.core import corpus_workers

    monkeypatch.setattr(corpus_workers, "MIN_PAIRS_FOR_POOL", 2)
    monkeypatch.setattr(corpus_workers, "_context", lambda: multiprocessing.get_context("spawn"))
    docs = synthetic_corpus(6)
    assert overview(docs, CorpusOptions(processes=2)).pairs == overview(
        docs, CorpusOptions(processes=1)).pairs


def test_common_ngrams_for_pairwise_alignment():
    from desktop_app.core.corpus import common_ngrams

    boiler = "subscribe to our newsletter for the latest rail freight news every week"
    docs = [doc(i, f"{boiler} unique{i} text{i} here{i} now{i} more{i}") for i in range(5)]
    common = common_ngrams(docs, CorpusOptions(max_df=3))
    assert ("subscribe", "to", "our", "newsletter") in common
    assert align(docs[0].text, docs[1].text).passages
    assert align(docs[0].text, docs[1].text, AlignOptions(common_ngrams=common)).passages == ()


@pytest.mark.parametrize("processes", [1, 2])
def test_cancel_during_alignment(processes, monkeypatch):
    from desktop_app.core import corpus_workers

    monkeypatch.setattr(corpus_workers, "MIN_PAIRS_FOR_POOL", 2)
    cache = DictCache()
    with pytest.raises(Cancelled):
        overview(synthetic_corpus(14), CorpusOptions(processes=processes), cache=cache,
                 should_cancel=lambda: True)
    assert cache.data == {}  # nothing half-done is cached
