"""The `crosscheck` subcommands, one module each.

Each module exposes `register(subparsers)`, which adds its parser and sets `func` to a callable
taking the parsed arguments and returning an exit status. Add a module name to COMMAND_MODULES to
make a new command appear; the first one is the default command.
"""

COMMAND_MODULES = [
    "gui",
    "import_",
    "list_",
    "show",
    "align",
    "overview",
    "backup",
    "restore",
    "export",
    "import_annotations",
    "annotate",
    "replace_text",
    "reattach",
]
