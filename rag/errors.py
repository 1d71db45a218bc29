"""The project's own exceptions: each message says what happened and what to do."""


class RagError(Exception):
    """Base class; the CLI prints the message on one line and exits non-zero."""

    exit_code = 1


class InputError(RagError):
    """A question, file or option the user gave cannot be used."""

    exit_code = 2


class IndexMissingError(RagError):
    exit_code = 3


class IndexMismatchError(RagError):
    exit_code = 4
