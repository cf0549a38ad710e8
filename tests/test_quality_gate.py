"""Quality gate: cleaner's scores on the benchmark's dev pages must not fall below pinned floors.

The floors sit just below what main achieves; raise them when quality improves, never lower
them to let a change in. The full comparison with the peers is `make bench`, not a test.
"""

from __future__ import annotations

from functools import cache

import pytest

from bench import wcxb
from bench.data import available, pages, scrapinghub_dir
from bench.metric import Score, aggregate, score_document
from bench.run import mode_inputs
from cleaner import Options, clean_text

pytestmark = pytest.mark.skipif(
    not available(), reason=f"benchmark data not found at {scrapinghub_dir()}; set BENCH_DATA"
)

F1_FLOORS = {"html": 0.977, "page": 0.905, "container": 0.983}
"""Minimum F1 per input mode: the fetched page, the whole page as text, the article's region as text.
Pinned about 0.005 below main on 2026-11-24 (html 0.9871, page 0.9506, container 0.9875). html LOWERED
from 0.982 on 2026-12-02 (issue 11): the learned block classifier gives 0.9809 on these pages (the rules
it replaces as the answer were written on them, 0.9871 in sample); out of fold, split by site, it gives
0.964 here and lifts WCXB's 1,497 pages from 0.692 to 0.826 (`python -m bench.train_html cv`). page LOWERED
from 0.946 on 2026-12-02 (issue 11, text mode): the text model is now fitted on every dev corpus (WCXB's seven
page types, trafilatura's snippets, these pages) and gives 0.9104 here, in sample (0.951 before, fitted on these
pages alone); out of fold, split by site, news page/ went from 0.936 to 0.895 while WCXB page/ text went from
0.662 to 0.773 and its seven-type macro from 0.526 to 0.665 (`python -m bench.train_text cv`). html RAISED to
0.977 on 2026-12-03: the refit HTML model (page types balanced, a table, list or figure kept with the prose around
it) gives 0.9821 here in sample, 0.9665 out of fold."""

HARM_RECALL_FLOOR = 0.994
"""Minimum recall when the input is the answer itself: on clean text, cleaner must remove (almost) nothing.
Pinned 0.005 below main (0.9994)."""


@cache
def score(mode: str) -> Score:
    """cleaner's score over every dev page in ``mode``, computed once per test session."""
    corpus = pages()
    options = Options(input_format="html" if mode == "html" else "text")
    outputs = [clean_text(source, options).text for source in mode_inputs(mode, corpus)]
    return aggregate(score_document(page.truth, output) for page, output in zip(corpus, outputs, strict=True))


@pytest.mark.parametrize("mode", sorted(F1_FLOORS))
def test_f1_stays_above_its_floor(mode: str) -> None:
    measured = score(mode)
    assert measured.f1 >= F1_FLOORS[mode], (
        f"{mode} F1 fell to {measured.f1:.4f} (P {measured.precision:.4f}, R {measured.recall:.4f}); "
        f"floor {F1_FLOORS[mode]}"
    )


def test_clean_text_comes_back_almost_untouched() -> None:
    measured = score("harm")
    assert measured.recall >= HARM_RECALL_FLOOR, (
        f"recall on already clean text fell to {measured.recall:.4f}; floor {HARM_RECALL_FLOOR}"
    )


WCXB_SAMPLE_STEP = 10
"""Every tenth WCXB dev page (150 of 1,497, all seven types) keeps the gate fast; `python -m bench.wcxb` scores all."""
WCXB_FLOOR = 0.898
"""Minimum mean word F1 (WCXB's metric) on the sample, in sample for the shipped model (fitted on every fold):
a regression guard, not a held-out figure (`python -m bench.train_html cv` gives those). Pinned 0.006 below
0.8860 on 2026-12-02 (main gave about 0.69 on these pages); raised to 0.898, 0.006 below the refit model's 0.9042,
on 2026-12-03."""


@pytest.mark.skipif(not wcxb.available(), reason="WCXB data not found")
def test_wcxb_sample_stays_above_its_floor() -> None:
    corpus = list(wcxb.wcxb_pages()[::WCXB_SAMPLE_STEP])
    options = Options(input_format="html")
    f1s = wcxb.page_scores(corpus, (clean_text(page.html(), options).text for page in corpus))
    measured = wcxb.figures(corpus, f1s)
    assert measured.pages >= WCXB_FLOOR, f"WCXB sample word F1 fell to {measured.pages:.4f}; floor {WCXB_FLOOR}"


WCXB_TEXT_FLOOR = 0.752
"""Minimum mean word F1 of text mode on the same sample's page/ texts (the whole page flattened), in sample for
the shipped text model (fitted on every fold). Pinned 0.005 below 0.7576 on 2026-12-02 (main gave 0.6717 on
these pages; nothing removed about 0.68)."""


@pytest.mark.skipif(not wcxb.available(), reason="WCXB data not found")
def test_wcxb_sample_page_text_stays_above_its_floor() -> None:
    corpus = list(wcxb.wcxb_pages()[::WCXB_SAMPLE_STEP])
    options = Options(input_format="text")
    texts = [(wcxb.wcxb_dir() / "page" / f"{page.id}.txt").read_text(encoding="utf-8") for page in corpus]
    f1s = wcxb.page_scores(corpus, (clean_text(text, options).text for text in texts))
    measured = wcxb.figures(corpus, f1s)
    assert measured.pages >= WCXB_TEXT_FLOOR, (
        f"WCXB sample page-text word F1 fell to {measured.pages:.4f}; floor {WCXB_TEXT_FLOOR}"
    )
