"""The exception hierarchy: every error auditor raises on purpose."""


class AuditorError(Exception):
    """Root of every error raised on purpose."""


class InputError(AuditorError):
    """A document cannot be read or decoded.

    ``kind`` is a short stable word for the JSON ``error.kind`` field
    (``not-found``, ``encoding``, ``json``, ``empty``, ``io``, ``timeout``).
    """

    def __init__(self, message: str, kind: str = "input") -> None:
        super().__init__(message)
        self.kind = kind


class RulePackError(AuditorError, ValueError):
    """A rule pack is malformed."""


class GrammarError(AuditorError):
    """A bundled grammar cannot be loaded (a packaging fault, not user input)."""


class UsageError(AuditorError):
    """The command line asks for something that cannot be done."""
