"""`crosscheck align A B [C ...]`: shared passages between every pair of the given articles.

Each input is a text file (decoded and newline-normalised as import does, with boilerplate and
repeated blocks found the same way) or the id of an article in the project. Offsets in the JSON
output are code points into each text after newline normalisation, so for a UTF-8 file with `\n`
newlines they index the file's text exactly.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.align import DEFAULT_MIN_WORDS, Alignment, AlignOptions, align
from desktop_app.core.errors import UserError


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    skip: tuple[tuple[int, int], ...]


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser(
        "align",
        help="find the passages two or more articles share",
        description="Find shared passages (in any order, with word edits marked) between every "
        "pair of the given files or project article ids.",
    )
    parser.add_argument("inputs", nargs="+", metavar="A", help="text file or article id (two or more)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")
    parser.add_argument("--min-words", type=int, default=DEFAULT_MIN_WORDS, metavar="N",
                        help=f"minimum passage length in matching words (default {DEFAULT_MIN_WORDS})")
    parser.add_argument("--mode", choices=("passages", "diff"), default="passages",
                        help="passages (any order, default) or diff (two versions of one article)")
    parser.add_argument("--include-skipped", action="store_true",
                        help="also align boilerplate and duplicate ranges")
    add_project_option(parser)
    parser.set_defaults(func=run)


def _file_skip_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Boilerplate and duplicate ranges, found as import finds them."""
    try:
        from desktop_app.core.boilerplate import find_ranges
    except ImportError:  # pragma: no cover - import engine absent
        from desktop_app.core.repeats import find_repeats

        return tuple(find_repeats(text))
    return tuple((r.start, r.end) for r in find_ranges(text))


def load_documents(inputs: list[str], project_path: Path | None) -> list[Document]:
    """Read every input: existing files first, anything numeric as an article id."""
    from desktop_app.core.articles import read_text_file

    docs: list[Document | None] = []
    wanted_ids: dict[int, list[int]] = {}
    for position, raw in enumerate(inputs):
        path = Path(raw)
        if path.is_file():
            text = read_text_file(path)
            docs.append(Document(raw, text, _file_skip_ranges(text)))
        elif raw.isdigit():
            wanted_ids.setdefault(int(raw), []).append(position)
            docs.append(None)
        elif path.exists():
            raise UserError(f"{raw} is not a file")
        else:
            raise UserError(f"{raw}: no such file (or article id)")
    if wanted_ids:
        from desktop_app.core.session import open_project

        with open_project(project_path) as project:
            found = {item.id: item for item in project.alignment_inputs(wanted_ids)}
            titles = {i: project.article(i).title for i in found}
        for article_id, positions in wanted_ids.items():
            if article_id not in found:
                raise UserError(f"no article {article_id} in the project (see `crosscheck list`)")
            item = found[article_id]
            for position in positions:
                docs[position] = Document(f"{article_id}: {titles[article_id]}", item.text,
                                          tuple(item.skip_ranges))
    return [d for d in docs if d is not None]


def alignment_json(alignment: Alignment) -> list[dict]:
    """Passages in the documented JSON shape."""
    return [
        {
            "a": [p.a_start, p.a_end],
            "b": [p.b_start, p.b_end],
            "words": [p.a_words, p.b_words],
            "similarity": p.similarity,
            "edits": [
                {"kind": e.kind, "a": [e.a_start, e.a_end], "b": [e.b_start, e.b_end]}
                for e in p.edits
            ],
        }
        for p in alignment.passages
    ]


def _clip(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit // 2 - 2] + " … " + flat[-(limit // 2 - 2):]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def _print_summary(docs: list[Document], results, options: AlignOptions, out) -> None:
    for index, doc in enumerate(docs, 1):
        skipped = sum(e - s for s, e in doc.skip)
        note = f", {skipped} skipped (boilerplate/duplicate)" if skipped and not options.include_skipped else ""
        print(f"[{index}] {doc.name}  ({len(doc.text)} chars{note})", file=out)
    print(file=out)
    empty = []
    for i, j, alignment in results:
        a, b = docs[i], docs[j]
        if not alignment.passages:
            empty.append(f"[{i + 1}]–[{j + 1}]")
            continue
        count = len(alignment.passages)
        print(
            f"[{i + 1}] ↔ [{j + 1}]: {count} shared passage{'s' * (count != 1)}; "
            f"{alignment.shared_chars_a} chars of [{i + 1}] ({_percent(alignment.shared_chars_a, len(a.text))}), "
            f"{alignment.shared_chars_b} of [{j + 1}] ({_percent(alignment.shared_chars_b, len(b.text))})",
            file=out,
        )
        for k, p in enumerate(alignment.passages, 1):
            print(f"  {k}. {p.a_words} words, similarity {p.similarity:.2f}: "
                  f"[{i + 1}] {p.a_start}-{p.a_end}, [{j + 1}] {p.b_start}-{p.b_end}", file=out)
            print(f"     “{_clip(a.text[p.a_start:p.a_end])}”", file=out)
            for e in p.edits:
                old, new = a.text[e.a_start:e.a_end], b.text[e.b_start:e.b_end]
                change = {"replace": f"“{_clip(old, 40)}” → “{_clip(new, 40)}”",
                          "delete": f"only in [{i + 1}]: “{_clip(old, 60)}”",
                          "insert": f"only in [{j + 1}]: “{_clip(new, 60)}”"}[e.kind]
                print(f"     edit: {change}", file=out)
        print(file=out)
    if empty:
        print(f"No shared passage of {options.min_words}+ words: {', '.join(empty)}", file=out)


def run(args: argparse.Namespace) -> int:
    if len(args.inputs) < 2:
        raise UserError("align needs at least two inputs (files or article ids)")
    if args.min_words < 1:
        raise UserError("--min-words must be at least 1")
    docs = load_documents(args.inputs, args.project)
    options = AlignOptions(min_words=args.min_words, mode=args.mode,
                           include_skipped=args.include_skipped)
    results = [
        (i, j, align(docs[i].text, docs[j].text, options, a_skip=docs[i].skip, b_skip=docs[j].skip))
        for i, j in itertools.combinations(range(len(docs)), 2)
    ]
    if args.json:
        payload = {
            "documents": [{"name": d.name, "length": len(d.text)} for d in docs],
            "options": {"min_words": options.min_words, "mode": options.mode,
                        "include_skipped": options.include_skipped},
            "pairs": [{"a": i, "b": j, "passages": alignment_json(al)} for i, j, al in results],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_summary(docs, results, options, sys.stdout)
    return 0
