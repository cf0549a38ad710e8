"""Plain text to blocks: one block per non-blank line."""

from __future__ import annotations

from cleaner.model import Block

# White space plus the invisible characters editors and CMSs leave on "empty" lines
# (zero-width space/joiners, word joiner, a stray byte-order mark).
_BLANK = " \t\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000"


def split_lines(text: str) -> list[Block]:
    """Each non-blank line becomes a block; a blank line before it starts a paragraph.

    A line made only of white space or invisible characters counts as blank.
    """
    blocks: list[Block] = []
    blank_before = True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip().strip(_BLANK)
        if not line:
            blank_before = True
            continue
        blocks.append(Block(text=line, line=number, kind="p", para_start=blank_before))
        blank_before = False
    return blocks
