"""Shared text across a whole corpus: which article pairs share passages, and how much.

Comparing every pair of N articles is N²/2 alignments; instead (as passim does) an inverted index
of word n-grams gives the candidate pairs: n-grams in more than one article but fewer than
`max_df` (too common ones are stop-phrases and are also withheld from alignment seeds), and pairs
sharing at least `min_shared` of them. Only candidates are aligned, on `processes` worker
processes. The result, an `Overview`, lists per pair the shared characters on each side and the
passage count.

Results are cached through any object with `cache_get(key)`/`cache_put(key, value)` (a Project):
the whole overview by the corpus' text hashes and options, and every pair by its two texts'
hashes (and skip ranges), so a second overview is instant and adding one article re-aligns only
new candidates. (A cached pair keeps the corpus-common n-grams of the run that aligned it; a new
article rarely changes which n-grams are stop-phrases.)
The core works on plain inputs (anything with `.id .text_hash .text .skip_ranges`);
`overview_for_project` is the thin adapter for a store Project.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable, Protocol, Sequence

from desktop_app.core.align import AlignOptions
from desktop_app.core.align_seeds import is_stop_gram, ngrams
from desktop_app.core.corpus_workers import peak_rss_mb, run_pool
from desktop_app.core.errors import UserError
from desktop_app.core.text import tokenize

CACHE_VERSION = "1"


class Cancelled(UserError):
    """The overview was cancelled by the user before it finished."""


class _Input(Protocol):
    id: object
    text_hash: str
    text: str
    skip_ranges: Sequence[tuple[int, int]]


@dataclass(frozen=True)
class CorpusDoc:
    """A plain corpus input (what `Project.alignment_inputs()` returns has the same fields)."""

    id: object
    text_hash: str
    text: str
    skip_ranges: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class CorpusOptions:
    """How candidate pairs are chosen and aligned."""

    align: AlignOptions = field(default_factory=AlignOptions)
    #: n-grams in more articles than this are stop-phrases: not candidates, not seeds.
    max_df: int = 50
    #: a pair must share at least this many distinct rare n-grams to be aligned.
    min_shared: int = 3
    #: worker processes for alignment (1 = in this process).
    processes: int = 2

    def key(self) -> str:
        return f"{self.align.key()}-df{self.max_df}-k{self.min_shared}"


@dataclass(frozen=True)
class PairSummary:
    """How much two articles share: characters on each side and the number of passages."""

    a: object
    b: object
    shared_a: int
    shared_b: int
    passages: int
    a_length: int
    b_length: int

    @property
    def fraction_a(self) -> float:
        return self.shared_a / self.a_length if self.a_length else 0.0

    @property
    def fraction_b(self) -> float:
        return self.shared_b / self.b_length if self.b_length else 0.0


@dataclass(frozen=True)
class Overview:
    """Article pairs that share text (largest shared share first), with run figures."""

    pairs: tuple[PairSummary, ...]
    documents: int
    candidates: int
    aligned: int  # candidates actually aligned in this run (others came from the cache)
    seconds: float
    peak_rss_mb: float
    from_cache: bool = False


def _doc_key(doc: _Input) -> str:
    """Text hash plus a digest of the skip ranges: what a pair result depends on."""
    skips = ",".join(f"{s}-{e}" for s, e in sorted(doc.skip_ranges))
    return f"{doc.text_hash}:{hashlib.sha1(skips.encode()).hexdigest()[:10]}"


def _doc_grams(doc: _Input, n: int, keep: list | None = None) -> set:
    """Distinct n-grams of a document's words outside its skip ranges (tokens go to `keep`)."""
    tokens = tokenize(doc.text)
    if keep is not None:
        keep.append(tokens)
    if not doc.skip_ranges:
        return set(ngrams(tokens.words, n))
    from desktop_app.core.align import skip_flags

    flags = skip_flags(tokens, doc.skip_ranges)
    grams: set = set()
    start = 0
    words = tokens.words
    for i in range(len(words) + 1):
        if i == len(words) or flags[i]:
            if i - start >= n:
                grams.update(ngrams(words[start:i], n))
            start = i + 1
    return grams


def common_ngrams(docs: Sequence[_Input], options: CorpusOptions | None = None) -> frozenset:
    """N-grams in more than `max_df` documents: pass as `AlignOptions.common_ngrams` when
    aligning two articles of this corpus, so its stop-phrases do not make passages."""
    options = options or CorpusOptions()
    n = max(1, min(options.align.ngram, options.align.min_words))
    df = Counter(itertools.chain.from_iterable(_doc_grams(d, n) for d in docs))
    return frozenset(g for g, c in df.items() if c > options.max_df)


def candidate_pairs(
    docs: Sequence[_Input], options: CorpusOptions, *, tick: Callable[[], None] = lambda: None,
    keep_tokens: list | None = None,
) -> tuple[list[tuple[int, int]], frozenset]:
    """Index n-grams; return candidate pairs (i < j) and the too-common n-grams.

    When `keep_tokens` is a list, every document's Tokens are appended to it for reuse."""
    n = max(1, min(options.align.ngram, options.align.min_words))
    doc_grams = []
    for doc in docs:
        doc_grams.append(_doc_grams(doc, n, keep_tokens))
        tick()
    df = Counter(itertools.chain.from_iterable(doc_grams))
    common = frozenset(g for g, c in df.items() if c > options.max_df)
    rare_shared = {g for g, c in df.items() if 2 <= c <= options.max_df and not is_stop_gram(g)}
    del df
    postings: dict = {}
    for index, grams in enumerate(doc_grams):
        for gram in grams & rare_shared:  # set intersection in C: only the few shared grams
            posting = postings.get(gram)
            if posting is None:
                postings[gram] = [index]
            else:
                posting.append(index)
    del doc_grams, rare_shared
    shared: Counter = Counter()
    for docs_with in postings.values():
        shared.update(itertools.combinations(docs_with, 2))
    pairs = sorted(pair for pair, count in shared.items() if count >= options.min_shared)
    return pairs, common


def overview(
    docs: Iterable[_Input],
    options: CorpusOptions | None = None,
    *,
    cache=None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> Overview:
    """Shared text between all article pairs of a corpus (see the module docstring)."""
    started = time.perf_counter()
    options = options or CorpusOptions()
    docs = list(docs)
    progress = progress or (lambda done, total: None)
    should_cancel = should_cancel or (lambda: False)
    keys = [_doc_key(d) for d in docs]
    corpus_key = _corpus_key(docs, keys, options)
    if cache is not None:
        hit = cache.cache_get(corpus_key)
        if hit is not None:
            result = _overview_from_json(hit)
            progress(1, 1)
            return Overview(result.pairs, result.documents, result.candidates, 0,
                            time.perf_counter() - started, peak_rss_mb(), True)

    done = 0
    estimate = 2 * len(docs)

    def tick() -> None:
        nonlocal done
        done += 1
        if done % 50 == 0:
            if should_cancel():
                raise Cancelled("overview cancelled")
            progress(done, estimate)

    tokens: list = []
    pairs, common = candidate_pairs(docs, options, tick=tick, keep_tokens=tokens)
    pair_store_key = f"overview-pairs/{CACHE_VERSION}/{options.key()}"
    pair_cache: dict = {}
    if cache is not None:
        stored = cache.cache_get(pair_store_key)
        pair_cache = json.loads(stored) if stored else {}
    todo, results = [], {}
    for i, j in pairs:
        cached = pair_cache.get(f"{keys[i]}|{keys[j]}")
        if cached is None:
            todo.append((i, j))
        else:
            results[(i, j)] = tuple(cached)
    total = len(docs) + len(todo)
    progress(len(docs), total)
    align_options = options.align.with_(common_ngrams=common or None)
    aligned = 0
    for batch in run_pool(docs, todo, align_options, options.processes, should_cancel,
                          tokens=tokens):
        for i, j, sa, sb, count in batch:
            results[(i, j)] = (sa, sb, count)
            pair_cache[f"{keys[i]}|{keys[j]}"] = [sa, sb, count]
        aligned += len(batch)
        progress(len(docs) + aligned, total)
        if should_cancel():
            raise Cancelled("overview cancelled")
    summaries = [
        PairSummary(docs[i].id, docs[j].id, sa, sb, count, len(docs[i].text), len(docs[j].text))
        for (i, j), (sa, sb, count) in results.items()
        if count
    ]
    summaries.sort(key=lambda p: (-(p.shared_a + p.shared_b), str(p.a), str(p.b)))
    result = Overview(tuple(summaries), len(docs), len(pairs), len(todo),
                      time.perf_counter() - started, peak_rss_mb())
    if cache is not None:
        if todo:
            cache.cache_put(pair_store_key, json.dumps(pair_cache, separators=(",", ":")))
        cache.cache_put(corpus_key, _overview_to_json(result))
    progress(total, total)
    return result


def overview_for_project(project, options: CorpusOptions | None = None, **kwargs) -> Overview:
    """`overview` over every article of a store Project, cached in the project."""
    return overview(project.alignment_inputs(), options, cache=project, **kwargs)


def _corpus_key(docs: Sequence[_Input], keys: list[str], options: CorpusOptions) -> str:
    digest = hashlib.sha256()
    for doc, key in zip(docs, keys):
        digest.update(f"{doc.id}\x00{key}\x01".encode())
    return f"overview/{CACHE_VERSION}/{options.key()}/{digest.hexdigest()}"


def _overview_to_json(result: Overview) -> str:
    return json.dumps({
        "documents": result.documents, "candidates": result.candidates,
        "pairs": [asdict(p) for p in result.pairs],
    }, separators=(",", ":"))


def _overview_from_json(text: str) -> Overview:
    data = json.loads(text)
    pairs = tuple(PairSummary(**p) for p in data["pairs"])
    return Overview(pairs, data["documents"], data["candidates"], 0, 0.0, 0.0, True)
