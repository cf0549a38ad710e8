"""Build the data files text mode ships in cleaner/data/, reproducibly.

    python -m bench.train_text stopwords   # cleaner/data/stopwords.json from jusText's stop lists
    python -m bench.train_text model       # cleaner/data/text_model.json, fitted on every dev corpus
    python -m bench.train_text cv          # out-of-fold figures, 5 folds by site, per corpus and page type

Training needs numpy and the bench extra (jusText); the runtime reads plain JSON only.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from bench.metric import tokens
from bench.text_corpora import TextDoc, figures, print_columns, text_docs
from cleaner import Options, clean_text
from cleaner.classify import classify_blocks
from cleaner.model import Decision
from cleaner.rules import RuleSet
from cleaner.text.context import CONTEXT_NAMES, context_vectors
from cleaner.text.lines import split_lines
from cleaner.text.model import LinearModel, TextModel
from cleaner.text.page_kind import PAGE_FEATURE_NAMES, page_features
from cleaner.text.shapes import FEATURE_NAMES, DocumentShapes, document_shapes

DATA = Path(__file__).resolve().parent.parent / "cleaner" / "data"

JUSTEXT_LISTS = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian_Bokmal",
    "pl": "Polish",
    "cs": "Czech",
    "ru": "Russian",
    "tr": "Turkish",
    "fi": "Finnish",
    "ro": "Romanian",
    "hu": "Hungarian",
}
STOPWORDS_PER_LANGUAGE = 200

# jusText's lists come from Wikipedia, which rarely says "you" or "we"; news and blogs do.
CONVERSATIONAL = {
    "en": "you we our your my me us them their there here what when how if so been do does",
    "fr": "je tu nous vous ils elles on mon ma mes notre nos votre vos leur leurs ça cela ceci ici très mais donc",
    "de": "ich du wir ihr sie mein meine unser unsere euer ihre man nicht noch schon sehr hier dass wenn",
    "es": "yo tú nosotros vosotros ellos ellas usted mi mis nuestro nuestra su sus muy aquí eso esto porque",
    "it": "io tu noi voi loro mio mia nostro nostra vostro molto qui questo questa perché",
    "pt": "eu tu nós vocês eles elas você meu minha nosso nossa muito aqui isso isto porque",
    "nl": "ik jij je wij we jullie zij mijn onze jouw uw heel hier dit omdat",
}


def build_stopwords() -> None:
    """Top words of jusText's frequency-ordered lists (BSD licence), lower-cased, plus conversational ones."""
    import justext  # type: ignore[import-untyped]

    folder = Path(justext.__file__).parent / "stoplists"
    languages: dict[str, list[str]] = {}
    for code, name in JUSTEXT_LISTS.items():
        words: list[str] = []
        for raw in (folder / f"{name}.txt").read_text(encoding="utf-8").split():
            word = raw.lower()
            if re.fullmatch(r"\w+", word) and not word.isdigit() and word not in words:
                words.append(word)
        top = words[:STOPWORDS_PER_LANGUAGE]
        extra = [w for w in CONVERSATIONAL.get(code, "").split() if w not in top]
        languages[code] = top + extra
    payload = {
        "source": "most frequent words of jusText 3 stop lists (BSD-2-Clause), plus conversational function words",
        "languages": languages,
    }
    (DATA / "stopwords.json").write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


# -- the line model -----------------------------------------------------------------------------

RULES = RuleSet.default()
FOLDS = 5
L2_LINE = 5.0
L2_CONTEXT = 10.0
"""Ridge penalties of the two stages (per unit of sample weight; every document weighs 100)."""
KEEP_THRESHOLD = 0.5
REGION_FLOOR = 0.3
OUTSIDE_KEEP = 0.5
ARTICLE_OUTSIDE_KEEP = 0.8
"""Chosen out of fold, split by site, from OUTSIDE_KEEP_GRID (``python -m bench.train_text cv``, the best WCXB
and snippet figures; 1.01, a firm cut on articles, gives news page/ 0.906 for 0.895 but WCXB 0.743 for 0.773):
pages of every kind keep a line outside the region that scores as well as one inside, an article one that
scores 0.8."""
OUTSIDE_KEEP_GRID = ((0.5, 1.01), (0.6, 1.01), (0.5, 0.8), (0.6, 0.8))
"""(general, article) pairs tried."""
L2_GATE = 1.0
CONTENT_SHARE = 0.5
"""A line is article text when at least this share of its 4-token shingles is in the answer."""
CORPUS_WEIGHTS = {"wcxb": 1.0, "news": 8.0, "snippets": 1.0}
"""How much one document of each corpus weighs in the fit: scrapinghub's 127 news pages would otherwise
weigh a twelfth of WCXB's 1,497 pages, and its kind of page (long news articles) is the commonest."""


@dataclass
class Doc:
    text: TextDoc
    decisions: list[Decision]
    shapes: DocumentShapes
    labels: list[float]
    known: list[bool]
    """Whether each line's label is known (a snippet page labels only the lines its snippets are in)."""
    vectors: Any
    """``shapes.vectors()`` as a numpy array (lines by FEATURE_NAMES), computed once: every fit reads it."""


def line_labels(truth: str, texts: list[str]) -> list[float]:
    """1.0 for a line of article text, else 0.0 (shingle share; short lines must occur in the answer)."""
    shingles, short = _answer_ngrams(truth)
    labels: list[float] = []
    for text in texts:
        toks = tokens(text)
        if len(toks) >= 4:
            own = _ngrams(toks, 4)
            share = sum(map(shingles.__contains__, own)) / len(own)
        else:
            share = 1.0 if toks and tuple(toks) in short else 0.0
        labels.append(float(share >= CONTENT_SHARE))
    return labels


@lru_cache(maxsize=4)
def _answer_ngrams(truth: str) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """The answer's 4-token shingles and its runs of 1 to 3 tokens (a page's inputs share one answer and
    come one after another)."""
    answer = tokens(truth)
    return frozenset(_ngrams(answer, 4)), frozenset({*_ngrams(answer, 1), *_ngrams(answer, 2), *_ngrams(answer, 3)})


def _ngrams(toks: list[str], n: int) -> list[tuple[str, ...]]:
    """Every run of ``n`` consecutive tokens, in order."""
    return list(zip(*(toks[i:] for i in range(n)), strict=False))


def snippet_labels(doc: TextDoc, texts: list[str]) -> tuple[list[float], list[bool]]:
    """1.0 for a line that holds (or is part of) a with-snippet, 0.0 for one of a without-snippet; the
    others are not known."""
    flat = [" ".join(t.split()) for t in texts]
    labels, known = [0.0] * len(texts), [False] * len(texts)
    for value, snippets in ((1.0, doc.with_snippets), (0.0, doc.without_snippets)):
        for snippet in (" ".join(s.split()) for s in snippets):
            for i, line in enumerate(flat):
                if snippet in line or (len(line.split()) >= 2 and line in snippet):
                    labels[i], known[i] = value, True
    return labels, known


def load_docs(sources: Sequence[TextDoc] | None = None) -> list[Doc]:
    import numpy as np

    started = time.perf_counter()
    docs: list[Doc] = []
    for source in text_docs() if sources is None else sources:
        decisions = classify_blocks(split_lines(source.source), RULES)
        if not decisions:
            continue
        texts = [d.block.text for d in decisions]
        if source.corpus == "snippets":
            labels, known = snippet_labels(source, texts)
        else:
            labels, known = line_labels(source.truth, texts), [True] * len(texts)
        shapes = document_shapes(decisions)
        docs.append(Doc(source, decisions, shapes, labels, known, np.array(shapes.vectors(), dtype=float)))
    print(f"read {len(docs)} text inputs in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return docs


CONVERGED = 1e-10
"""Newton's method stops once a step moves no coefficient by more than this: it converges quadratically, so
the steps after that one move them by rounding error alone."""


def _fit_logistic(x: Any, y: Any, w: Any, l2: float, iterations: int = 25) -> tuple[list[float], float]:
    """L2-regularised logistic regression by Newton's method (weights per sample), at most ``iterations`` steps."""
    import numpy as np

    x = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(x.shape[1])
    penalty = l2 * np.r_[np.ones(x.shape[1] - 1), 0.0]
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() <= CONVERGED:
            break
    return [float(b) for b in beta[:-1]], float(beta[-1])


def _sample_weights(doc: Doc) -> list[float]:
    """Long lines weigh more (the metric counts tokens); every document of a corpus weighs the same."""
    raw = [(math.log1p(words) + 0.5) * known for words, known in zip(doc.shapes.words, doc.known, strict=True)]
    total = sum(raw) or 1.0
    scale = 100.0 * CORPUS_WEIGHTS[doc.text.corpus] / total
    return [r * scale for r in raw]


def line_scores(line: LinearModel, doc: Doc) -> list[float]:
    return line.probabilities(doc.vectors.tolist())


def is_article(doc: Doc) -> bool:
    """What the gate learns: scrapinghub's news pages and WCXB's articles are articles."""
    return doc.text.corpus == "news" or doc.text.page_type == "article"


def fit(docs: list[Doc], outside_keep: float = OUTSIDE_KEEP, article_keep: float = ARTICLE_OUTSIDE_KEEP) -> TextModel:
    """The general model (fitted on every input) with the gate and the article model (fitted on articles)."""
    import numpy as np

    general = fit_stages(docs, outside_keep)
    article = fit_stages([d for d in docs if is_article(d)], article_keep)
    known = [d for d in docs if d.text.corpus != "snippets"]
    x = np.array([page_features(d.shapes) for d in known])
    y = np.array([float(is_article(d)) for d in known])
    weights, bias = _fit_logistic(x, y, np.ones(len(known)), L2_GATE)
    return replace(general, gate=LinearModel(PAGE_FEATURE_NAMES, tuple(weights), bias), article=article)


def fit_stages(docs: list[Doc], outside_keep: float) -> TextModel:
    """Both stages of one model, fitted on ``docs``."""
    import numpy as np

    y = np.array([label for d in docs for label in d.labels])
    w = np.array([weight for d in docs for weight in _sample_weights(d)])
    x1 = np.concatenate([d.vectors for d in docs])
    weights, bias = _fit_logistic(x1, y, w, L2_LINE * len(docs) / 100.0)
    line = LinearModel(FEATURE_NAMES, tuple(weights), bias)
    x2 = np.array([v for d in docs for v in context_vectors(line_scores(line, d), d.shapes)])
    weights2, bias2 = _fit_logistic(x2, y, w, L2_CONTEXT * len(docs) / 100.0)
    context = LinearModel(CONTEXT_NAMES, tuple(weights2), bias2)
    return TextModel(line, context, KEEP_THRESHOLD, REGION_FLOOR, outside_keep)


def clean(text: str, model: TextModel) -> str:
    return clean_text(text, Options(input_format="text", rules=RULES, text_model=model)).text


def cross_validate(grid: Sequence[tuple[float, float]] = OUTSIDE_KEEP_GRID) -> None:
    """Fit on four folds of sites, clean the fifth's inputs; print every figure out of fold, for each
    (general, article) outside_keep pair of ``grid``, beside the figures of removing nothing."""
    docs = load_docs()
    outputs: dict[str, list[str]] = {f"outside {a}/{b}": [""] * len(docs) for a, b in grid}
    for k in range(FOLDS):
        started = time.perf_counter()
        model = fit([d for d in docs if d.text.fold != k])
        assert model.article is not None
        for keep, article_keep in grid:
            tuned = replace(model, outside_keep=keep, article=replace(model.article, outside_keep=article_keep))
            for i, d in enumerate(docs):
                if d.text.fold == k:
                    outputs[f"outside {keep}/{article_keep}"][i] = clean(d.text.source, tuned)
        print(f"fold {k}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    texts = [d.text for d in docs]
    columns = {name: figures(texts, out) for name, out in outputs.items()}
    columns["nothing removed"] = figures(texts, [d.text.source for d in docs])
    print_columns(f"{FOLDS}-fold CV by site, out of fold ({len(docs)} text inputs)", columns)


def train_and_save() -> None:
    docs = load_docs()
    model = fit(docs)
    texts = [d.text for d in docs]
    print_columns(
        "in sample (fitted on every fold)", {"cleaner": figures(texts, [clean(t.source, model) for t in texts])}
    )
    corpora = sorted({t.corpus for t in texts})
    payload = {
        "trained_on": f"{len(docs)} text inputs of the dev corpora ({', '.join(corpora)}): page/, container/, clean",
        **model.to_dict(),
    }
    (DATA / "text_model.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "model"
    if command == "stopwords":
        build_stopwords()
    elif command == "model":
        train_and_save()
    elif command == "cv":
        cross_validate()
    else:
        raise SystemExit(f"unknown command {command!r}: stopwords | model | cv")


if __name__ == "__main__":
    main()
