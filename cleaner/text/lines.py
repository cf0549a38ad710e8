"""Plain text to blocks: one block per non-blank line."""

from __future__ import annotations

from itertools import chain, compress, count, repeat
from operator import not_

from cleaner.model import NO_SHAPE, Block, many

# White space plus the invisible characters editors and CMSs leave on "empty" lines
# (zero-width space/joiners, word joiner, a stray byte-order mark).
_BLANK = " \t\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000"


def split_lines(text: str) -> list[Block]:
    """Each non-blank line becomes a block; a blank line before it starts a paragraph.

    A line made only of white space or invisible characters counts as blank.
    """
    # Every line of a page passes here: each step is one C-level pass over all the lines.
    lines = list(map(str.strip, map(str.strip, text.split("\n")), repeat(_BLANK)))
    after_blank = map(not_, chain(("",), lines))  # the first line starts a paragraph too
    texts = list(filter(None, lines))
    starts = list(compress(after_blank, lines))
    return many(Block, texts, list(compress(count(1), lines)), ["p"] * len(texts), starts, [NO_SHAPE] * len(texts))
