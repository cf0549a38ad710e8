"""Every dev corpus in text mode, split by site: the pages text mode is fitted and scored on.

    python -m bench.text_corpora            # the shipped model and "nothing removed", per corpus and page type

- ``wcxb``: WCXB's page/ and container/ texts (seven page types; WCXB's word F1, mean over pages);
- ``news``: scrapinghub's page/ and container/ texts (the public shingle F1 of the averages);
- ``snippets``: trafilatura's page/ texts (its snippet F1 over the whole corpus);
- ``clean``: the answers themselves as input (scrapinghub's and WCXB's), where the figure is recall.

Each page's fold is :func:`bench.wcxb.fold_of` of its site (WCXB's ``domain``, else the URL host), so a
site's pages are never split between fitting and scoring.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from bench import wcxb
from bench.data import data_dir, pages
from bench.metric import aggregate, score_document, word_f1

CORPORA = ("wcxb", "news", "snippets")


@dataclass(frozen=True)
class TextDoc:
    """One text-mode input with its answer: the full answer (``truth``) or snippets that must / must not appear."""

    corpus: str
    mode: str
    """page, container, or clean (the answer itself as input)."""
    page_type: str
    id: str
    site: str
    source: str
    truth: str = ""
    with_snippets: tuple[str, ...] = field(default=())
    without_snippets: tuple[str, ...] = field(default=())

    @property
    def fold(self) -> int:
        return wcxb.fold_of(self.site)


def host(url: str, fallback: str) -> str:
    name = (urlsplit(url).hostname or fallback).lower()
    return name.removeprefix("www.")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def text_docs() -> tuple[TextDoc, ...]:
    """Every text input of every corpus (the ones whose data is at hand)."""
    docs: list[TextDoc] = []
    if wcxb.available():
        root = wcxb.wcxb_dir()
        for page in wcxb.wcxb_pages():
            site = page.domain.lower().removeprefix("www.") or host(page.url, page.id)
            for mode in ("page", "container"):
                path = root / mode / f"{page.id}.txt"
                if path.is_file():
                    docs.append(TextDoc("wcxb", mode, page.page_type, page.id, site, _read(path), page.main_content))
            if page.main_content.strip():
                docs.append(
                    TextDoc("wcxb", "clean", page.page_type, page.id, site, page.main_content, page.main_content)
                )
    for news in pages():
        site = host(news.url, news.id)
        docs.append(TextDoc("news", "page", "news", news.id, site, news.page_text(), news.truth))
        docs.append(TextDoc("news", "container", "news", news.id, site, news.container_text(), news.truth))
        docs.append(TextDoc("news", "clean", "news", news.id, site, news.truth, news.truth))
    root = data_dir() / "trafilatura"
    if (root / "evaldata.json").is_file():
        for url, entry in sorted(json.loads((root / "evaldata.json").read_text(encoding="utf-8")).items()):
            stem = entry["file"].rsplit(".", 1)[0]
            path = root / "page" / f"{stem}.txt"
            if path.is_file():
                docs.append(
                    TextDoc(
                        "snippets",
                        "page",
                        "multilingual",
                        stem,
                        host(url, stem),
                        _read(path),
                        "",
                        tuple(entry.get("with", ())),
                        tuple(entry.get("without", ())),
                    )
                )
    return tuple(docs)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def snippet_counts(doc: TextDoc, output: str) -> tuple[int, int, int]:
    """trafilatura's counts on one page: with-snippets found (tp), without-snippets found (fp), with-snippets
    missed (fn)."""
    flat = _normalised(output)
    found = [_normalised(s) in flat for s in doc.with_snippets]
    fp = sum(_normalised(s) in flat for s in doc.without_snippets)
    return sum(found), fp, len(found) - sum(found)


def figures(docs: Sequence[TextDoc], outputs: Sequence[str]) -> dict[str, float]:
    """Every figure the report prints, by name ("wcxb page", "wcxb page article", "news page", ...)."""
    out: dict[str, float] = {}
    by_key: dict[str, list[float]] = {}
    news: dict[str, list[object]] = {}
    snippets = [0, 0, 0]
    recalls: dict[str, list[float]] = {}
    for doc, output in zip(docs, outputs, strict=True):
        if doc.mode == "clean":
            if doc.corpus == "news":
                recalls.setdefault("news clean recall", []).append(score_document(doc.truth, output).recall)
            else:
                recalls.setdefault(f"{doc.corpus} clean recall", []).append(word_f1(doc.truth, output)[1])
        elif doc.corpus == "wcxb":
            f1 = word_f1(doc.truth, output)[2]
            by_key.setdefault(f"wcxb {doc.mode}", []).append(f1)
            by_key.setdefault(f"wcxb {doc.mode} {doc.page_type}", []).append(f1)
        elif doc.corpus == "news":
            news.setdefault(f"news {doc.mode}", []).append(score_document(doc.truth, output))
        else:
            tp, fp, fn = snippet_counts(doc, output)
            snippets[0] += tp
            snippets[1] += fp
            snippets[2] += fn
    for key, values in by_key.items():
        out[key] = sum(values) / len(values)
    for mode in ("page", "container"):
        types = [out[k] for k in out if k.startswith(f"wcxb {mode} ") and k.count(" ") == 2]
        if types:
            out[f"wcxb {mode} macro"] = sum(types) / len(types)
    for key, scores in news.items():
        out[key] = aggregate(scores).f1  # type: ignore[arg-type]
    if any(snippets):
        tp, fp, fn = snippets
        precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
        out["snippets page"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    for key, values in recalls.items():
        out[key] = sum(values) / len(values)
    return out


def print_columns(title: str, columns: dict[str, dict[str, float]]) -> None:
    names = list(columns)
    keys = list(dict.fromkeys(k for c in columns.values() for k in c))
    print(title)
    print(f"  {'figure':<32}" + "".join(f"{name:>16}" for name in names))
    for key in keys:
        print(f"  {key:<32}" + "".join(f"{columns[n].get(key, float('nan')):>16.3f}" for n in names))


def run(docs: Sequence[TextDoc], extract: Callable[[str], str]) -> list[str]:
    return [extract(doc.source) for doc in docs]


def main() -> int:
    from cleaner import Options, clean_text

    docs = text_docs()
    options = Options(input_format="text")
    columns = {
        "cleaner": figures(docs, run(docs, lambda text: clean_text(text, options).text)),
        "nothing removed": figures(docs, [doc.source for doc in docs]),
    }
    print_columns(f"{len(docs)} text inputs, shipped model (in sample where it was fitted on them)", columns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
