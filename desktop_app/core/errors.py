"""Errors meant for the user: one clear line, never a traceback.

Core code raises `UserError` (or a subclass) for anything the user can fix: bad input, a file that
is not a project, a project from a newer version. The CLI prints the message and exits 1; the GUI
shows it in a message box. Anything else is a bug.
"""


class UserError(Exception):
    """A problem with the user's input or files, explained in one line."""


class ProjectError(UserError):
    """The project file cannot be opened or used as asked."""


class ImportRefused(UserError):
    """An input file was refused; the project is unchanged."""
