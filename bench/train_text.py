"""Build the data files text mode ships in cleaner/data/, reproducibly.

    python -m bench.train_text stopwords   # cleaner/data/stopwords.json from jusText's stop lists
    python -m bench.train_text model       # cleaner/data/text_model.json, fitted on the dev pages
    python -m bench.train_text cv          # k-fold cross-validated figures for page/ and container/

Training needs numpy and the bench extra (jusText); the runtime reads plain JSON only.
"""

from __future__ import annotations

import json
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.data import pages
from bench.metric import DocScore, Score, aggregate, score_document, tokens
from cleaner import Options, clean_text
from cleaner.classify import classify_blocks
from cleaner.model import Decision
from cleaner.rules import RuleSet
from cleaner.text.context import CONTEXT_NAMES, context_vectors
from cleaner.text.lines import split_lines
from cleaner.text.model import LinearModel, TextModel
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
MODES = ("page", "container", "clean")
"""The whole page flattened, the article's region only, and the answer itself (already clean text)."""
FOLDS = 5
L2_LINE = 5.0
L2_CONTEXT = 10.0
"""Ridge penalties of the two stages, chosen by 5-fold CV by page (30 for both: page/ F1 0.9249; these: 0.9301)."""
THRESHOLDS = (0.5,)
FLOORS = (0.3,)
CONTENT_SHARE = 0.5
"""A line is article text when at least this share of its 4-token shingles is in the answer."""


@dataclass
class Doc:
    page: str
    mode: str
    truth: str
    source: str
    decisions: list[Decision]
    shapes: DocumentShapes
    labels: list[float]


def line_labels(truth: str, texts: list[str]) -> list[float]:
    """1.0 for a line of article text, else 0.0 (shingle share; short lines must occur in the answer)."""
    answer = tokens(truth)
    shingles = {tuple(answer[i : i + 4]) for i in range(len(answer) - 3)}
    short = {tuple(answer[i : i + n]) for n in (1, 2, 3) for i in range(len(answer) - n + 1)}
    labels: list[float] = []
    for text in texts:
        toks = tokens(text)
        if len(toks) >= 4:
            own = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
            share = sum(s in shingles for s in own) / len(own)
        else:
            share = 1.0 if toks and tuple(toks) in short else 0.0
        labels.append(float(share >= CONTENT_SHARE))
    return labels


def load_docs() -> list[Doc]:
    rules = RuleSet.default()
    docs: list[Doc] = []
    for page in pages():
        for mode in MODES:
            source = page.truth if mode == "clean" else page.page_text() if mode == "page" else page.container_text()
            decisions = classify_blocks(split_lines(source), rules)
            shapes = document_shapes(decisions)
            labels = line_labels(page.truth, [d.block.text for d in decisions])
            docs.append(Doc(page.id, mode, page.truth, source, decisions, shapes, labels))
    return docs


def _fit_logistic(x: Any, y: Any, w: Any, l2: float, iterations: int = 25) -> tuple[list[float], float]:
    """L2-regularised logistic regression by Newton's method (weights per sample)."""
    import numpy as np

    x = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(x.shape[1])
    penalty = l2 * np.r_[np.ones(x.shape[1] - 1), 0.0]
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        beta -= np.linalg.solve(hessian, gradient)
    return [float(b) for b in beta[:-1]], float(beta[-1])


def _sample_weights(doc: Doc) -> list[float]:
    """Long lines weigh more (the metric counts tokens); every document weighs the same."""
    raw = [math.log1p(words) + 0.5 for words in doc.shapes.words]
    total = sum(raw) or 1.0
    return [100.0 * r / total for r in raw]


def line_scores(line: LinearModel, doc: Doc) -> list[float]:
    return [line.probability(v) for v in doc.shapes.vectors()]


def fit(docs: list[Doc]) -> TextModel:
    import numpy as np

    y = np.array([label for d in docs for label in d.labels])
    w = np.array([weight for d in docs for weight in _sample_weights(d)])
    x1 = np.array([v for d in docs for v in d.shapes.vectors()])
    weights, bias = _fit_logistic(x1, y, w, L2_LINE)
    line = LinearModel(FEATURE_NAMES, tuple(weights), bias)
    x2 = np.array([v for d in docs for v in context_vectors(line_scores(line, d), d.shapes)])
    weights2, bias2 = _fit_logistic(x2, y, w, L2_CONTEXT)
    context = LinearModel(CONTEXT_NAMES, tuple(weights2), bias2)
    best: tuple[float, float, float] | None = None
    for threshold in THRESHOLDS:
        for floor in FLOORS:
            model = TextModel(line, context, threshold, floor)
            f1 = sum(score(docs, model, mode).f1 for mode in MODES)
            if best is None or f1 > best[0]:
                best = (f1, threshold, floor)
    assert best is not None
    return TextModel(line, context, best[1], best[2])


def predict(doc: Doc, model: TextModel) -> str:
    return clean(doc.source, model)


def clean(text: str, model: TextModel) -> str:
    return clean_text(text, Options(input_format="text", rules=RULES, text_model=model)).text


def score(docs: list[Doc], model: TextModel, mode: str) -> Score:
    return aggregate(score_document(d.truth, predict(d, model)) for d in docs if d.mode == mode)


def clean_text_recall(truths: list[str], model: TextModel) -> float:
    """Mean recall when the answers themselves (already clean) go through text mode."""
    recalls = []
    for truth in truths:
        recalls.append(score_document(truth, clean(truth, model)).recall)
    return sum(recalls) / max(1, len(recalls))


def cross_validate() -> None:
    docs = load_docs()
    ids = sorted({d.page for d in docs})
    order = ids[:]
    random.Random(0).shuffle(order)
    fold = {pid: i % FOLDS for i, pid in enumerate(order)}
    predicted: dict[str, list[DocScore]] = {mode: [] for mode in MODES}
    recalls: list[float] = []
    for k in range(FOLDS):
        train = [d for d in docs if fold[d.page] != k]
        held = [d for d in docs if fold[d.page] == k]
        model = fit(train)
        print(f"fold {k}: threshold {model.keep_threshold} floor {model.region_floor}")
        for d in held:
            predicted[d.mode].append(score_document(d.truth, predict(d, model)))
        truths = [d.truth for d in held if d.mode == "page"]
        recalls.append(clean_text_recall(truths, model) * len(truths))
    for mode in MODES:
        s = aggregate(predicted[mode])
        print(f"{FOLDS}-fold CV {mode}: F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}")
    print(f"{FOLDS}-fold CV clean-text recall: {sum(recalls) / len(ids):.4f}")


def train_and_save() -> None:
    docs = load_docs()
    model = fit(docs)
    for mode in MODES:
        s = score(docs, model, mode)
        print(f"dev (trained on all) {mode}: F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}")
    payload = {"trained_on": f"{len({d.page for d in docs})} dev pages, page/ and container/ inputs", **model.to_dict()}
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
