"""Fit HTML mode's block classifier on WCXB, reproducibly, and report it out of fold, split by site.

    python -m bench.train_html cv      # 5 folds by domain: fit on four, score the fifth; beside trafilatura
    python -m bench.train_html model   # fit on every fold and write cleaner/data/html_model.json
    python -m bench.train_html cv model   # both, walking the pages once
    python -m bench.train_html types   # page types: accuracy out of fold, then cleaner/data/page_type_model.json
    python -m bench.train_html cv types model   # all three, walking the pages once

Blocks are crossed with their page's type (``features.with_page_type``); out of fold, that type comes from a
type model fitted on the same four folds as the block model.

The pages are WCXB's dev split and scrapinghub's news pages, each folded by site (WCXB's ``domain``, the
URL host for scrapinghub); the news pages are scored with their own public metric.

Every block of every page is walked as HTML mode walks it (``cleaner.html.extract.page_blocks``: the one
source of the features). A block's label is whether its text is the answer's: most of its word trigrams
(for blocks under three words, its whole word sequence) appear in the page's ``main_content``. A page's
length weighs little in the fit (WCXB's score is a mean over pages): a block weighs its words over the square
root of its page's; a page weighs its type's page count to the power ``-TYPE_BALANCE``, so that the rarer
types (forums, listings) are not drowned by the articles. Stage one is an L2-regularised logistic regression
over feature names seen on enough pages, the names crossed with the page type penalised more
(``CROSSED_L2``: a type departs from the shared weight only where its pages carry it); stage two folds in the
neighbours' stage-one logits. Fitting is full-batch
Adam in numpy from zero weights: the same data gives the same model. The scored outputs are whole
``extract_html`` results (the pattern rules and title removal included), WCXB's word F1 per page.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from bench import data as scrapinghub
from bench.metric import evaluate
from bench.wcxb import (
    FOLDS,
    PAGE_TYPES,
    WcxbPage,
    figures,
    fold_of,
    page_scores,
    peer_outputs,
    print_figures,
    wcxb_pages,
)
from cleaner import Options
from cleaner.html.classifier import CONTEXT_NAMES, HtmlModel, context_rows
from cleaner.html.extract import PageBlocks, decide, finish, page_blocks, read_page
from cleaner.html.pagetype import PageTypeModel
from cleaner.html.parse import HtmlError
from cleaner.model import Result

MODEL_PATH = Path(__file__).resolve().parent.parent / "cleaner" / "data" / "html_model.json"
TYPE_MODEL_PATH = MODEL_PATH.with_name("page_type_model.json")
MIN_PAGES = 5
"""A feature name seen on fewer training pages than this gets no weight (it would only fit those pages)."""
L2 = 1e-4
CROSSED_L2 = 3e-3
"""The L2 penalty of a feature crossed with the page type (``pt=...``): larger than ``L2``, so a type's own weight
moves away from the shared one only as far as that type's pages carry it."""
TYPE_BALANCE = 0.5
"""Each page type's pages weigh (their count) ** -TYPE_BALANCE in the fit and in choosing the threshold: 0 weighs
every page the same, 1 every page type the same."""
ITERATIONS = 400
LEARNING_RATE = 0.05
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(11))
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class NewsPage:
    """A scrapinghub page in the shape the fit reads (its answer is the article body; its site is the URL host)."""

    id: str
    url: str
    main_content: str
    page_type: str = "news"

    @property
    def domain(self) -> str:
        return urlsplit(self.url).hostname or self.id

    @property
    def fold(self) -> int:
        return fold_of(self.domain)

    def html(self) -> str:
        return scrapinghub.Page(self.id.removeprefix("news-"), self.main_content, self.url).html()


def news_pages() -> list[NewsPage]:
    return [NewsPage(f"news-{page.id}", page.url, page.truth) for page in scrapinghub.pages()]


@dataclass
class Example:
    """One page's blocks, with labels and weights for the blocks markup did not remove."""

    page: WcxbPage | NewsPage
    blocks: PageBlocks
    rows: list[int]
    """The blocks the classifier decides (markup removed the others)."""
    labels: np.ndarray
    weights: np.ndarray
    tokens: list[Counter[str]]


def _label(text: str, truth_tokens: list[str], trigrams: set[tuple[str, ...]], joined: str) -> float:
    words = _TOKEN.findall(text.lower())
    if not words:
        return 0.0
    if len(words) < 3:
        return float(f" {' '.join(words)} " in joined)
    grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return float(sum(g in trigrams for g in grams) >= 0.5 * len(grams))


def example(page: WcxbPage | NewsPage, options: Options) -> Example | None:
    try:
        blocks = page_blocks(page.html(), options)
    except HtmlError:
        return None
    truth = _TOKEN.findall(page.main_content.lower())
    trigrams = {tuple(truth[i : i + 3]) for i in range(len(truth) - 2)}
    joined = f" {' '.join(truth)} "
    rows = [i for i, w in enumerate(blocks.walked) if w.removal is None]
    texts = [blocks.walked[i].block.text for i in rows]
    labels = np.array([_label(t, truth, trigrams, joined) for t in texts])
    counts = np.array([len(_TOKEN.findall(t)) for t in texts], dtype=float)
    weights = (counts + 1.0) / np.sqrt(counts.sum() + 1.0)
    tokens = [Counter(_TOKEN.findall(t.lower())) for t in texts]
    return Example(page, blocks, rows, labels, weights, tokens)


def examples() -> list[Example]:
    options = Options(input_format="html")
    start = time.perf_counter()
    corpus: list[WcxbPage | NewsPage] = [*wcxb_pages(), *news_pages()]
    out = [e for e in (example(page, options) for page in corpus) if e is not None]
    print(f"walked {len(out)} pages in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return out


def _adam(gradient: Any, size: int, iterations: int = ITERATIONS) -> np.ndarray:
    """Full-batch Adam from zero: deterministic for the same data."""
    w = np.zeros(size)
    m = np.zeros(size)
    v = np.zeros(size)
    for t in range(1, iterations + 1):
        g = gradient(w)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= LEARNING_RATE * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def fit(train: Sequence[Example]) -> HtmlModel:
    """Both stages and the keep threshold, from ``train`` alone."""
    pages_with: Counter[str] = Counter()
    for ex in train:
        pages_with.update({name for i in ex.rows for name in ex.blocks.features[i]})
    vocabulary = sorted(name for name, n in pages_with.items() if n >= MIN_PAGES)
    index = {name: k for k, name in enumerate(vocabulary)}
    rows: list[int] = []
    cols: list[int] = []
    row = 0
    for ex in train:
        for i in ex.rows:
            for name in ex.blocks.features[i]:
                k = index.get(name)
                if k is not None:
                    rows.append(row)
                    cols.append(k)
            row += 1
    r, c = np.array(rows), np.array(cols)
    y = np.concatenate([ex.labels for ex in train])
    balance = _type_weights(train)
    sw = np.concatenate([ex.weights * balance[_kind(ex)] for ex in train])
    sw = sw / sw.mean()
    n, f = row, len(vocabulary)
    penalty = np.array([CROSSED_L2 if name.startswith("pt=") else L2 for name in vocabulary])

    def gradient(params: np.ndarray) -> np.ndarray:
        bias, w = params[0], params[1:]
        z = bias + np.bincount(r, weights=w[c], minlength=n)
        g = (_sigmoid(z) - y) * sw / n
        grad = np.empty(f + 1)
        grad[0] = g.sum()
        grad[1:] = np.bincount(c, weights=g[r], minlength=f) + penalty * w
        return grad

    params = _adam(gradient, f + 1)
    stage_one = HtmlModel(
        dict(zip(vocabulary, params[1:].tolist(), strict=True)), float(params[0]), (1.0, 0, 0, 0, 0), 0.0, 0.5
    )
    context = np.array(
        [
            row
            for ex in train
            for row in context_rows(
                stage_one.logits([ex.blocks.features[i] for i in ex.rows]), [ex.blocks.groups[i] for i in ex.rows]
            )
        ]
    )

    def context_gradient(params: np.ndarray) -> np.ndarray:
        z = params[0] + context @ params[1:]
        g = (_sigmoid(z) - y) * sw / n
        return np.concatenate([[g.sum()], context.T @ g + L2 * params[1:]])

    second = _adam(context_gradient, len(CONTEXT_NAMES) + 1, 300)
    model = HtmlModel(stage_one.weights, stage_one.bias, tuple(second[1:].tolist()), float(second[0]), 0.5)
    return HtmlModel(model.weights, model.bias, model.context, model.context_bias, _threshold(model, train))


def _kind(ex: Example) -> str:
    return "article" if ex.page.page_type == "news" else ex.page.page_type


def _type_weights(train: Sequence[Example]) -> dict[str, float]:
    """Each page type's weight a page (``TYPE_BALANCE``), 1 on average over the pages."""
    counts = Counter(_kind(ex) for ex in train)
    raw = {kind: n**-TYPE_BALANCE for kind, n in counts.items()}
    mean = sum(raw[kind] * n for kind, n in counts.items()) / sum(counts.values())
    return {kind: w / mean for kind, w in raw.items()}


def _threshold(model: HtmlModel, train: Sequence[Example]) -> float:
    """The keep threshold giving the best mean word F1 over ``train``'s pages (kept blocks' words, before the
    pattern rules: a close and cheap stand-in for the whole output)."""
    balance = _type_weights(train)
    per_page = []
    for ex in train:
        probabilities = _probabilities(model, ex)
        truth = Counter(_TOKEN.findall(ex.page.main_content.lower()))
        per_page.append((probabilities, truth, ex.tokens, balance[_kind(ex)]))
    best, best_f1 = 0.5, -1.0
    for threshold in THRESHOLDS:
        total = 0.0
        for probabilities, truth, tokens, weight in per_page:
            kept: Counter[str] = Counter()
            for p, counts in zip(probabilities, tokens, strict=True):
                if p >= threshold:
                    kept.update(counts)
            common = sum((kept & truth).values())
            if not truth and not kept:
                total += weight
            elif common:
                precision, recall = common / sum(kept.values()), common / sum(truth.values())
                total += weight * 2 * precision * recall / (precision + recall)
        if total > best_f1:
            best, best_f1 = threshold, total
    return best


def _probabilities(model: HtmlModel, ex: Example) -> list[float]:
    return model.probabilities([ex.blocks.features[i] for i in ex.rows], [ex.blocks.groups[i] for i in ex.rows])


def output(model: HtmlModel, ex: Example) -> str:
    """The whole extract_html output for the page under ``model``."""
    options = Options(input_format="html", html_model=model)
    probabilities = [0.0] * len(ex.blocks.walked)
    for i, p in zip(ex.rows, _probabilities(model, ex), strict=True):
        probabilities[i] = p
    extraction = finish(ex.blocks, decide(ex.blocks, probabilities, model.keep_threshold, options), options)
    return Result(tuple(extraction.decisions), extraction.metadata, "html").text


def cross_validate(all_examples: list[Example]) -> dict[str, str]:
    """Each page's output from the model fitted on the other folds (its own site never seen)."""
    outputs: dict[str, str] = {}
    for fold in range(FOLDS):
        # The page type a block is crossed with comes from a type model fitted on the same folds.
        types = fit_types([(ex.page, ex.blocks.type_features) for ex in all_examples if ex.page.fold != fold])
        typed = retyped(all_examples, types)
        train = [ex for ex in typed if ex.page.fold != fold]
        model = fit(train)
        held = [ex for ex in typed if ex.page.fold == fold]
        for ex in held:
            outputs[ex.page.id] = output(model, ex)
        print(f"fold {fold}: {len(train)} pages fitted, {len(held)} held out, threshold {model.keep_threshold}",
              file=sys.stderr)  # fmt: skip
    return outputs


def retyped(all_examples: Sequence[Example], types: PageTypeModel) -> list[Example]:
    """The examples with each page's blocks crossed with the type ``types`` gives it."""
    return [replace(ex, blocks=ex.blocks.typed(types.predict(ex.blocks.type_features))) for ex in all_examples]


def report(outputs: dict[str, str]) -> None:
    import trafilatura

    corpus = list(wcxb_pages())
    ours = [outputs.get(page.id, "") for page in corpus]
    theirs = peer_outputs("trafilatura", version("trafilatura"), lambda html: trafilatura.extract(html) or "", corpus)
    print_figures(
        f"WCXB dev pages ({len(corpus)}), HTML mode, word F1, out of fold ({FOLDS} folds by domain)",
        {
            "cleaner": figures(corpus, page_scores(corpus, ours)),
            "trafilatura": figures(corpus, page_scores(corpus, theirs)),
        },
    )


def report_news(outputs: dict[str, str]) -> None:
    """The news corpus out of fold: its public shingle F1 (its pages' sites held out like WCXB's)."""
    news = news_pages()
    score = evaluate((page.main_content, outputs.get(page.id, "")) for page in news)
    print(f"scrapinghub ({len(news)} news pages), HTML mode, shingle F1 out of fold: {score.f1:.4f} "
          f"(P {score.precision:.4f}, R {score.recall:.4f})")  # fmt: skip


def type_examples() -> list[tuple[WcxbPage | NewsPage, list[str]]]:
    """Each page with the facts the page-type model reads (news pages are articles)."""
    corpus: list[WcxbPage | NewsPage] = [*wcxb_pages(), *news_pages()]
    out = []
    for page in corpus:
        try:
            out.append((page, read_page(page.html()).type_features))
        except HtmlError:
            continue
    return out


def fit_types(train: Sequence[tuple[WcxbPage | NewsPage, list[str]]]) -> PageTypeModel:
    """A multinomial logistic model (softmax, L2) over the page facts seen on enough training pages."""
    classes = tuple(dict.fromkeys(kind for kind in (*PAGE_TYPES, *(p.page_type for p, _ in train))))
    classes = tuple(kind if kind != "news" else "article" for kind in classes)
    classes = tuple(dict.fromkeys(classes))
    seen: Counter[str] = Counter(name for _, names in train for name in set(names))
    vocabulary = sorted(name for name, n in seen.items() if n >= MIN_PAGES)
    index = {name: k for k, name in enumerate(vocabulary)}
    x = np.zeros((len(train), len(vocabulary)))
    for row, (_, names) in enumerate(train):
        for name in names:
            if name in index:
                x[row, index[name]] = 1.0
    y = np.zeros((len(train), len(classes)))
    for row, (page, _) in enumerate(train):
        y[row, classes.index("article" if page.page_type == "news" else page.page_type)] = 1.0
    # Each type weighs the same in the fit: the rare ones are what the type is for.
    weight = (1.0 / y.sum(axis=0).clip(min=1))[y.argmax(axis=1)]
    weight = weight / weight.mean()
    shape = (len(vocabulary) + 1, len(classes))

    def gradient(flat: np.ndarray) -> np.ndarray:
        params = flat.reshape(shape)
        z = params[0] + x @ params[1:]
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) * weight[:, None] / len(train)
        grad = np.vstack([g.sum(axis=0), x.T @ g + 1e-3 * params[1:]])
        return grad.ravel()

    params = _adam(gradient, shape[0] * shape[1], 500).reshape(shape)
    weights = {name: tuple(round(float(w), 5) for w in params[k + 1]) for name, k in index.items()}
    return PageTypeModel(classes, weights, tuple(float(b) for b in params[0]))


def cross_validate_types(pages: list[tuple[WcxbPage | NewsPage, list[str]]]) -> None:
    """Page-type accuracy out of fold (split by site), per true type."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for fold in range(FOLDS):
        model = fit_types([item for item in pages if item[0].fold != fold])
        for page, names in pages:
            if page.fold == fold:
                truth = "article" if page.page_type == "news" else page.page_type
                total[page.page_type] += 1
                right[page.page_type] += model.predict(names) == truth
    print("page type, out of fold (5 folds by site): accuracy per true type")
    for kind in total:
        print(f"  {kind:<14}{total[kind]:>6}{right[kind] / total[kind]:>8.3f}")
    print(f"  {'all pages':<14}{sum(total.values()):>6}{sum(right.values()) / sum(total.values()):>8.3f}")


def main(argv: list[str] | None = None) -> int:
    commands = (sys.argv[1:] if argv is None else argv) or ["cv"]
    if any(command not in ("cv", "model", "types") for command in commands):
        print(__doc__, file=sys.stderr)
        return 2
    if commands == ["types"]:
        typed = type_examples()
        cross_validate_types(typed)
        TYPE_MODEL_PATH.write_text(json.dumps(fit_types(typed).to_dict(), indent=0) + "\n", encoding="utf-8")
        print(f"wrote {TYPE_MODEL_PATH}")
        return 0
    all_examples = examples()
    if "types" in commands:
        typed = [(ex.page, ex.blocks.type_features) for ex in all_examples]
        cross_validate_types(typed)
        TYPE_MODEL_PATH.write_text(json.dumps(fit_types(typed).to_dict(), indent=0) + "\n", encoding="utf-8")
        print(f"wrote {TYPE_MODEL_PATH}")
    if "cv" in commands:
        outputs = cross_validate(all_examples)
        report(outputs)
        report_news(outputs)
    if "model" in commands:
        types = fit_types([(ex.page, ex.blocks.type_features) for ex in all_examples])
        model = fit(retyped(all_examples, types))
        payload = {"trained_on": f"WCXB dev split and scrapinghub, {len(all_examples)} pages (bench.train_html model)"}
        payload.update(model.to_dict())
        MODEL_PATH.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({len(model.weights)} weights, threshold {model.keep_threshold})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
