"""Plain text to blocks: one block per non-blank line."""

from __future__ import annotations

from cleaner.model import Block


def split_lines(text: str) -> list[Block]:
    """Each non-blank line becomes a block; a blank line before it starts a paragraph."""
    blocks: list[Block] = []
    blank_before = True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        blocks.append(Block(text=line, line=number, kind="p", para_start=blank_before))
        blank_before = False
    return blocks
