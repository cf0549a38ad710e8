"""Text mode on languages the dev pages lack, simulated: python -m bench.unseen_languages

The dev pages are nine in ten English, and no multilingual set with answers is at hand. Two stand-ins
turn the dev pages (input and answer alike) into text of another kind, keeping each page's structure:

- "no stop list": the document's language is left unknown, as for a language without a stop-word
  list (every stop-word feature reads 0);
- "CJK-like": every Latin word becomes one Han character (the same word, the same character), spaces
  between them go and . , ? ! become 。，？！, as in Chinese or Japanese text. The public metric's
  tokens are runs of word characters, so a whole clause is one token here: scores are lower for
  every extractor, "nothing removed" included, and are read against that baseline.

Figures are F1 on page/ and container/, for nothing removed and for cleaner.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.data import Page, available, pages, scrapinghub_dir
from bench.metric import aggregate, score_document
from cleaner import Options, clean_text
from cleaner.text import shapes as features

_LATIN_WORD = re.compile(r"[A-Za-z]+")
_FULL_WIDTH = {". ": "。", ", ": "，", "? ": "？", "! ": "！"}
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff，。？！]) +(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) +(?=[，。？！])")


def cjk_like(text: str) -> str:
    """``text`` with each Latin word one Han character (by a hash of the word), no spaces between them, and
    full-width punctuation."""
    text = _LATIN_WORD.sub(lambda word: chr(0x4E00 + zlib.crc32(word.group(0).lower().encode()) % 20000), text)
    for mark, full_width in _FULL_WIDTH.items():
        text = text.replace(mark, full_width)
    text = re.sub(r"\.(?=\n|$)", "。", text)
    return _SPACE_IN_CJK.sub("", text)


@contextmanager
def no_language() -> Iterator[None]:
    """Text mode with every document's language unknown."""
    detected = features.document_language
    features.document_language = lambda word_lists, sentence: None
    try:
        yield
    finally:
        features.document_language = detected


def scores(corpus: list[Page], turn: Callable[[str], str]) -> dict[str, tuple[float, float]]:
    """F1 of nothing removed and of cleaner, on page/ and container/, with every text turned by ``turn``."""
    options = Options(input_format="text")
    out = {}
    for mode in ("page", "container"):
        raw, cleaned = [], []
        for page in corpus:
            truth = turn(page.truth)
            text = turn(page.page_text() if mode == "page" else page.container_text())
            raw.append(score_document(truth, text))
            cleaned.append(score_document(truth, clean_text(text, options).text))
        out[mode] = (aggregate(raw).f1, aggregate(cleaned).f1)
    return out


def main() -> int:
    if not available():
        print(f"benchmark data not found at {scrapinghub_dir()}; set BENCH_DATA", file=sys.stderr)
        return 2
    corpus = pages()
    rows = [("as they are", scores(corpus, str))]
    with no_language():
        rows.append(("no stop list", scores(corpus, str)))
    rows.append(("CJK-like", scores(corpus, cjk_like)))
    print(f"{'dev pages':14} {'page/ raw':>10} {'page/ clean':>12} {'container/ raw':>15} {'container/ clean':>17}")
    for name, by_mode in rows:
        (page_raw, page_clean), (box_raw, box_clean) = by_mode["page"], by_mode["container"]
        print(f"{name:14} {page_raw:10.3f} {page_clean:12.3f} {box_raw:15.3f} {box_clean:17.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
