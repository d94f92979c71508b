"""`crosscheck gui`: open the app window (the default command)."""

from __future__ import annotations

import argparse
from pathlib import Path


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1400x900, not {text!r}") from None
    if width < 200 or height < 150:
        raise argparse.ArgumentTypeError("size must be at least 200x150")
    return width, height


def register(subparsers) -> None:
    from desktop_app.cli import add_project_option

    parser = subparsers.add_parser("gui", help="open the app window (default)")
    add_project_option(parser)
    parser.add_argument("--compare", nargs="+", type=int, metavar="ID", help="open a comparison of these articles")
    parser.add_argument("--screenshot", type=Path, metavar="PNG", help="render the window to PNG and exit")
    parser.add_argument("--size", type=_size, default=(1400, 900), metavar="WxH", help="window size (default 1400x900)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.ui.app import run_app

    return run_app(args)
