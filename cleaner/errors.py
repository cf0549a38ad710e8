"""The library's errors: ``clean_text`` and ``clean_bytes`` raise only :class:`CleanerError` and its kinds.

    CleanerError
    ├── DocumentError   a document that cannot be cleaned (also a ValueError)
    │   ├── DecodeError     bytes that are not text we can read
    │   └── HtmlError       HTML the parser cannot read
    ├── RuleError       a rule file that cannot be used (also a ValueError)
    └── InternalError   a bug: anything else that went wrong, the original as its ``__cause__``
"""

from __future__ import annotations


class CleanerError(Exception):
    """Every error the library raises."""


class DocumentError(CleanerError, ValueError):
    """A document that cannot be cleaned; the message says why (the caller names the document)."""


class InternalError(CleanerError):
    """Something went wrong that is not the document's fault: a bug, reported with what was raised."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"internal error ({type(cause).__name__}: {cause})")
