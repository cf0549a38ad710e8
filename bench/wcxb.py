"""HTML mode on WCXB's seven page types, split by site, beside trafilatura on the same pages in the same run.

    python -m bench.wcxb                          # cleaner (shipped model) and trafilatura, per page type
    python -m bench.wcxb --only cleaner --worst 10 --type listing

The figure is WCXB's own: per page, word F1 over bags of lower-cased ``\\w+`` tokens; the mean over pages
per page type, over all pages, and the macro average of the types. Pages are grouped into
:data:`FOLDS` folds by ``domain`` (a stable hash, so a site's pages are never split): a model fitted in
``bench.train_html`` is fitted on four folds and scored on the fifth, and that is the out-of-fold
figure it prints with these functions. The shipped model is fitted on every fold, so the figures this
module prints for cleaner alone are in-sample; ``python -m bench.train_html cv`` gives the held-out ones.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench.data import data_dir
from bench.metric import word_f1

FOLDS = 5
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


def wcxb_dir() -> Path:
    return data_dir() / "wcxb"


def available() -> bool:
    return (wcxb_dir() / "ground-truth.json").is_file()


@dataclass(frozen=True)
class WcxbPage:
    id: str
    url: str
    domain: str
    page_type: str
    main_content: str
    title: str | None
    author: str | None
    date: str | None

    def html(self) -> str:
        with gzip.open(wcxb_dir() / "html" / f"{self.id}.html.gz", "rt", encoding="utf-8") as fh:
            return fh.read()

    @property
    def fold(self) -> int:
        return fold_of(self.domain)


def fold_of(domain: str) -> int:
    """The fold a site belongs to: a stable hash of its domain (the same on every machine and run)."""
    return int(hashlib.sha1(domain.lower().encode("utf-8")).hexdigest(), 16) % FOLDS


@cache
def wcxb_pages() -> tuple[WcxbPage, ...]:
    truth = json.loads((wcxb_dir() / "ground-truth.json").read_text(encoding="utf-8"))
    return tuple(
        WcxbPage(
            key,
            value.get("url", ""),
            value.get("domain", ""),
            value["page_type"],
            value.get("main_content") or "",
            value.get("title"),
            value.get("author"),
            value.get("date"),
        )
        for key, value in sorted(truth.items())
    )


@dataclass(frozen=True)
class TypeFigures:
    """One extractor's mean word F1 per page type, over all pages, and the macro average of the types."""

    by_type: dict[str, float]
    counts: dict[str, int]
    pages: float
    macro: float


def figures(corpus: Sequence[WcxbPage], f1s: Sequence[float]) -> TypeFigures:
    by_type: dict[str, list[float]] = {}
    for page, f1 in zip(corpus, f1s, strict=True):
        by_type.setdefault(page.page_type, []).append(f1)
    means = {kind: sum(v) / len(v) for kind, v in by_type.items()}
    macro = sum(means.values()) / max(1, len(means))
    return TypeFigures(means, {k: len(v) for k, v in by_type.items()}, sum(f1s) / max(1, len(f1s)), macro)


def page_scores(corpus: Sequence[WcxbPage], outputs: Iterable[str]) -> list[float]:
    return [word_f1(page.main_content, output)[2] for page, output in zip(corpus, outputs, strict=True)]


def print_figures(title: str, columns: dict[str, TypeFigures]) -> None:
    """One row per page type, one column per extractor, then all pages and the macro average."""
    names = list(columns)
    first = next(iter(columns.values()))
    print(title)
    print(f"  {'page type':<14}{'pages':>6}" + "".join(f"{name:>14}" for name in names))
    for kind in PAGE_TYPES:
        if kind in first.counts:
            print(f"  {kind:<14}{first.counts[kind]:>6}" + "".join(f"{columns[n].by_type[kind]:>14.3f}" for n in names))
    total = sum(first.counts.values())
    print(f"  {'all pages':<14}{total:>6}" + "".join(f"{columns[n].pages:>14.3f}" for n in names))
    print(f"  {'macro (types)':<14}{'':>6}" + "".join(f"{columns[n].macro:>14.3f}" for n in names))


def _cache_file(name: str, version: str) -> Path:
    return Path(__file__).resolve().parent.parent / ".bench-cache" / f"wcxb-{name}-{version}.json"


def peer_outputs(name: str, version: str, extract: Callable[[str], str], corpus: Sequence[WcxbPage]) -> list[str]:
    """A peer's output on every page, kept in ``.bench-cache/`` by peer version (a peer does not change)."""
    path = _cache_file(name, version)
    cached: dict[str, str] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    missing = [page for page in corpus if page.id not in cached]
    for page in missing:
        try:
            cached[page.id] = extract(page.html())
        except Exception:  # a peer failing on a page scores it empty, as in bench/run.py
            cached[page.id] = ""
    if missing:
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(cached, ensure_ascii=False), encoding="utf-8")
    return [cached[page.id] for page in corpus]


def cleaner_outputs(corpus: Sequence[WcxbPage]) -> list[str]:
    from cleaner import Options, clean_text

    options = Options(input_format="html")
    return [clean_text(page.html(), options).text for page in corpus]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.wcxb", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="cleaner,trafilatura", help="comma-separated: cleaner, trafilatura")
    parser.add_argument("--type", help="only pages of this type")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list cleaner's N worst pages")
    args = parser.parse_args(argv)
    if not available():
        print(f"WCXB data not found at {wcxb_dir()}; set BENCH_DATA", file=sys.stderr)
        return 2
    corpus = [p for p in wcxb_pages() if args.type is None or p.page_type == args.type]
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    columns: dict[str, TypeFigures] = {}
    scores: dict[str, list[float]] = {}
    for name in chosen:
        if name == "cleaner":
            outputs = cleaner_outputs(corpus)
        elif name == "trafilatura":
            from importlib.metadata import version

            import trafilatura

            outputs = peer_outputs(name, version(name), lambda html: trafilatura.extract(html) or "", corpus)
        else:
            print(f"unknown extractor {name}", file=sys.stderr)
            return 2
        scores[name] = page_scores(corpus, outputs)
        columns[name] = figures(corpus, scores[name])
    print_figures(f"WCXB dev pages ({len(corpus)}), HTML mode, word F1 (mean over pages)", columns)
    if args.worst and "cleaner" in scores:
        ranked = sorted(zip(scores["cleaner"], corpus, strict=True), key=lambda item: item[0])
        for f1, page in ranked[: args.worst]:
            others = "  ".join(f"{n} {scores[n][corpus.index(page)]:.3f}" for n in scores if n != "cleaner")
            print(f"  {page.id} {page.page_type:<13} cleaner {f1:.3f}  {others}  {page.url[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
