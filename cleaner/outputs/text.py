"""Plain text: the kept blocks, a blank line at each paragraph break."""

from __future__ import annotations

from cleaner.model import Result


def to_text(result: Result) -> str:
    text = result.text
    return text + "\n" if text else ""
