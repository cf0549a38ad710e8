"""What kind of page this is: article, forum, product, collection, listing, documentation or service.

A page's type is told by what it declares (JSON-LD ``@type``, ``og:type``, the generator, the body's
classes), by its URL's words (``/forum/``, ``/product/``, ``/docs/``) and by its shape (code blocks,
tables, prices, runs of look-alike siblings). A multinomial logistic model over those named facts,
fitted by ``python -m bench.train_html types`` and shipped as ``cleaner/data/page_type_model.json``,
weighs them; scoring is pure Python. The type is reported in JSON metadata (``page_type``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from cleaner.html.dom import Census, HtmlElement
from cleaner.html.judge import name_words
from cleaner.html.metadata import json_ld_objects, types_of

MODEL_FILE = "data/page_type_model.json"
URL_WORDS = 10
_URL_WORD = re.compile(r"[a-z]{2,20}")
_PRICE = re.compile(r"(?:[$€£¥]\s?\d|\d(?:[.,]\d\d)?\s?(?:€|eur|usd|kr)\b)", re.IGNORECASE)


def _bin(value: int, edges: Sequence[int]) -> int:
    return sum(1 for edge in edges if value > edge)


def declared_features(
    root: HtmlElement, url: str | None, objects: Sequence[dict[str, Any]] | None = None
) -> list[str]:
    """What the page says about itself, read before scripts are stripped: JSON-LD types (``objects``: its
    ``json_ld_objects``, when read already), og:type, generator, URL."""
    found: set[str] = set()
    for obj in json_ld_objects(root) if objects is None else objects:
        found.update(f"ld={kind[:30]}" for kind in types_of(obj))
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        content = (el.get("content") or "").strip().lower()
        if key == "og:type" and content:
            found.add(f"og={content[:30]}")
        elif key == "generator" and content:
            found.add(f"gen={content.split()[0][:30]}")
    if url:
        parts = urlsplit(url)
        path = parts.path.lower()
        words = _URL_WORD.findall(path)[:URL_WORDS]
        found.update(f"url={word}" for word in words)
        found.add(f"urldepth={min(5, path.strip('/').count('/') + bool(path.strip('/')))}")
        if re.search(r"\d{3,}", path):
            found.add("url=#number")
        host = parts.hostname or ""
        found.update(f"host={word}" for word in _URL_WORD.findall(host.split(".")[0])[:2])
    body = root.find("body")
    if body is not None:
        found.update(f"body={word}" for word in name_words(body) if len(word) <= 24)
    return sorted(found)


def shape_features(page: Census, text: str) -> list[str]:
    """What the page's visible structure says: code, tables, articles, forms, prices, runs of look-alike siblings."""
    tags = page.tags
    longest_run = max((max(counts.values(), default=0) for counts in page.runs.values()), default=0)
    words = len(text.split())
    found = [
        f"pre={_bin(tags['pre'] + tags['code'] // 4, (0, 2, 6))}",
        f"table={_bin(tags['table'], (0, 2))}",
        f"article={_bin(tags['article'], (0, 1, 4, 10))}",
        f"form={_bin(tags['input'] + tags['select'] + tags['button'], (0, 5, 20))}",
        f"h2={_bin(tags['h2'] + tags['h3'], (0, 3, 8, 20))}",
        f"li={_bin(tags['li'], (10, 40, 120))}",
        f"img={_bin(tags['img'], (3, 15, 40))}",
        f"run={_bin(longest_run, (3, 6, 12, 30))}",
        f"price={_bin(len(_PRICE.findall(text)), (0, 2, 8, 30))}",
        f"textwords={_bin(words, (150, 400, 1000, 3000))}",
    ]
    return found


@dataclass(frozen=True)
class PageTypeModel:
    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]
    bias: tuple[float, ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> PageTypeModel:
        return cls(
            tuple(raw["classes"]),
            {name: tuple(float(w) for w in ws) for name, ws in raw["weights"].items()},
            tuple(float(b) for b in raw["bias"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "bias": list(self.bias), "weights": dict(sorted(self.weights.items()))}

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        logits = list(self.bias)
        for name in features:
            row = self.weights.get(name)
            if row is not None:
                logits = [a + b for a, b in zip(logits, row, strict=True)]
        top = max(logits)
        exps = [math.exp(z - top) for z in logits]
        total = sum(exps)
        return {kind: e / total for kind, e in zip(self.classes, exps, strict=True)}

    def predict(self, features: Sequence[str]) -> str:
        probabilities = self.probabilities(features)
        return max(probabilities, key=lambda kind: probabilities[kind])


@lru_cache(maxsize=1)
def shipped_page_type_model() -> PageTypeModel:
    raw = resources.files("cleaner").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return PageTypeModel.from_dict(json.loads(raw))
