"""Generated text-reuse pairs with known alignments, and PAN's text-alignment measures.

A pair is (A, B, truth): A is a real article; B mixes chunks of A (in shuffled order, verbatim
or with a share of their words substituted, deleted, inserted or swapped) with unrelated
paragraphs of other articles. `truth` lists the (A range, B range) of every copied chunk.

Scores follow PAN 2013-2015 (Potthast et al.): character precision and recall macro-averaged
over detections and true cases, granularity (detections per detected case), and
plagdet = F1 / log2(1 + granularity).
"""

from __future__ import annotations

import csv
import math
import random
import re
from pathlib import Path

WORD = re.compile(r"\S+")
Case = tuple[tuple[int, int], tuple[int, int]]  # ((a_start, a_end), (b_start, b_end))


def load_fnc1(folder: Path) -> list[tuple[str, str]]:
    """(id, body) of every FNC-1 article body, train then competition test."""
    csv.field_size_limit(10**9)
    rows: list[tuple[str, str]] = []
    for name in ("train_bodies.csv", "competition_test_bodies.csv"):
        with open(folder / name, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                rows.append((f"{name.split('_')[0]}-{row['Body ID']}", row["articleBody"]))
    return rows


def _edit_words(words: list[str], rate: float, rng: random.Random, vocab: list[str]) -> list[str]:
    """Substitute, delete, insert or swap about `rate` of the words."""
    out = list(words)
    n_edits = round(len(words) * rate)
    for _ in range(n_edits):
        if len(out) < 3:
            break
        k = rng.randrange(len(out))
        op = rng.choice(("sub", "del", "ins", "swap"))
        if op == "sub":
            out[k] = rng.choice(vocab)
        elif op == "del":
            del out[k]
        elif op == "ins":
            out.insert(k, rng.choice(vocab))
        elif k + 1 < len(out):
            out[k], out[k + 1] = out[k + 1], out[k]
    return out


def make_pair(
    source: str, others: list[str], rate: float, rng: random.Random, vocab: list[str]
) -> tuple[str, str, list[Case]]:
    """One generated pair from article `source` and unrelated articles `others`."""
    spans = [m.span() for m in WORD.finditer(source)]
    n = len(spans)
    k = rng.randint(2, 5)
    size = max(15, min(80, n // (k + 1)))
    starts = sorted(rng.sample(range(0, max(1, n - size)), k)) if n > size + k else [0]
    chunks = []
    last_end = -1
    for s in starts:
        if s <= last_end:
            continue
        length = rng.randint(max(12, size // 2), size)
        e = min(n, s + length)
        if e - s < 12:
            continue
        chunks.append((s, e))
        last_end = e
    pieces: list[tuple[str, tuple[int, int] | None]] = []
    for s, e in chunks:
        words = [source[a:b] for a, b in spans[s:e]]
        if rate:
            words = _edit_words(words, rate, rng, vocab)
        pieces.append((" ".join(words), (spans[s][0], spans[e - 1][1])))
    for other in others:
        paras = [p for p in other.split("\n") if len(p.split()) >= 10]
        if paras:
            pieces.append((rng.choice(paras), None))
    rng.shuffle(pieces)
    b_parts: list[str] = []
    truth: list[Case] = []
    pos = 0
    for text, a_range in pieces:
        if a_range is not None:
            truth.append((a_range, (pos, pos + len(text))))
        b_parts.append(text)
        pos += len(text) + 2
    return source, "\n\n".join(b_parts), truth


def generate(
    articles: list[str], count: int, rate: float, seed: int = 1
) -> list[tuple[str, str, list[Case]]]:
    """`count` pairs at edit rate `rate`, sources of 250+ words, fillers sharing no 8-gram."""
    rng = random.Random(seed * 1000 + int(rate * 100))
    long = [t for t in articles if 250 <= len(t.split()) <= 1500]
    vocab = [w for t in rng.sample(long, min(50, len(long))) for w in t.split()]
    pairs = []
    while len(pairs) < count:
        source = rng.choice(long)
        grams = _grams(source)
        others = []
        while len(others) < rng.randint(2, 4):
            other = rng.choice(articles)
            if other is not source and not (grams & _grams(other)):
                others.append(other)
        pairs.append(make_pair(source, others, rate, rng, vocab))
    return pairs


def _grams(text: str, n: int = 8) -> set:
    words = re.findall(r"\w+", text.lower())
    return set(zip(*(words[k:] for k in range(n))))


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> int:
    return max(0, min(x[1], y[1]) - max(x[0], y[0]))


def _union_len(ranges: list[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(ranges):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


def pan_scores(results: list[tuple[list[Case], list[Case]]]) -> dict[str, float]:
    """PAN precision, recall, granularity, plagdet over (truth, detections) of many pairs."""
    rec_sum = prec_sum = 0.0
    n_cases = n_dets = 0
    gran_sum = detected = 0
    for truth, dets in results:
        for s in truth:
            n_cases += 1
            hits = [r for r in dets if _overlap(s[0], r[0]) and _overlap(s[1], r[1])]
            if hits:
                detected += 1
                gran_sum += len(hits)
            covered_a = _union_len([(max(s[0][0], r[0][0]), min(s[0][1], r[0][1])) for r in hits])
            covered_b = _union_len([(max(s[1][0], r[1][0]), min(s[1][1], r[1][1])) for r in hits])
            size = (s[0][1] - s[0][0]) + (s[1][1] - s[1][0])
            rec_sum += (covered_a + covered_b) / size
        for r in dets:
            n_dets += 1
            hits = [s for s in truth if _overlap(s[0], r[0]) and _overlap(s[1], r[1])]
            covered_a = _union_len([(max(s[0][0], r[0][0]), min(s[0][1], r[0][1])) for s in hits])
            covered_b = _union_len([(max(s[1][0], r[1][0]), min(s[1][1], r[1][1])) for s in hits])
            size = (r[0][1] - r[0][0]) + (r[1][1] - r[1][0])
            prec_sum += (covered_a + covered_b) / size if size else 0.0
    recall = rec_sum / n_cases if n_cases else 0.0
    precision = prec_sum / n_dets if n_dets else 0.0
    gran = gran_sum / detected if detected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision, "recall": recall, "granularity": gran,
        "plagdet": f1 / math.log2(1 + gran),
    }
