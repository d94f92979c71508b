"""Deterministic synthetic article pairs with known shared passages, for UI tests and benches."""

from __future__ import annotations

import random

VOCAB = (
    "rail freight border cargo train ministry officials report weekly trade talks port grain coal "
    "minister agency statement week month year village river bridge station line route convoy "
    "container wagon shipment crossing customs inspection delivery supply export import growth"
).split()


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) + rng.choice(("", "s", "ed", "ing")) for _ in range(n))


def paragraph(rng: random.Random, n: int) -> str:
    return words(rng, n).capitalize() + "."


def shared_pair(passages: int = 5, seed: int = 1, filler=(60, 140), shared=(25, 45), prefix_a: str = "",
                prefix_b: str = "") -> tuple[str, str, list[str]]:
    """Two texts sharing `passages` paragraphs verbatim, in the same order, amid unrelated filler."""
    rng = random.Random(seed)
    common = [paragraph(rng, rng.randint(*shared)) for _ in range(passages)]
    a_parts, b_parts = [prefix_a] if prefix_a else [], [prefix_b] if prefix_b else []
    for part in common:
        a_parts += [paragraph(rng, rng.randint(*filler)), part]
        b_parts += [paragraph(rng, rng.randint(*filler)), paragraph(rng, rng.randint(*filler)), part]
    a_parts.append(paragraph(rng, 80))
    b_parts.append(paragraph(rng, 40))
    return "\n\n".join(a_parts), "\n\n".join(b_parts), common


def unrelated_pair(seed: int = 7, paragraphs: int = 12) -> tuple[str, str]:
    rng_a, rng_b = random.Random(seed), random.Random(seed + 1000)
    a = "\n\n".join(paragraph(rng_a, rng_a.randint(40, 90)) for _ in range(paragraphs))
    b = "\n\n".join(" ".join(f"zq{rng_b.randint(0, 999)}x" for _ in range(rng_b.randint(40, 90)))
                    for _ in range(paragraphs))
    return a, b


def big_pair(target_chars: int, seed: int = 3) -> tuple[str, str]:
    """Two texts of about `target_chars` each sharing one paragraph in ten."""
    rng = random.Random(seed)
    a_parts, b_parts, size = [], [], 0
    while size < target_chars:
        if rng.random() < 0.1:
            part = paragraph(rng, rng.randint(30, 60))
            a_parts.append(part)
            b_parts.append(part)
        else:
            a_parts.append(paragraph(rng, rng.randint(50, 120)))
            b_parts.append(paragraph(rng, rng.randint(50, 120)))
        size += len(a_parts[-1]) + 2
    return "\n\n".join(a_parts), "\n\n".join(b_parts)
