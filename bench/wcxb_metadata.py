"""HTML mode's metadata on WCXB beside trafilatura's, on the same pages in the same run.

    python -m bench.wcxb_metadata            # title, author, date: share of pages whose answer has one that match
    python -m bench.wcxb_metadata --misses 10 --field author

A title or author matches when both agree once case, whitespace, quotes and punctuation at the ends are
normalised; a date when the day (YYYY-MM-DD) is the same. Each field is scored over the pages whose answer has
it. No metadata rule was written while looking at these pages' answers, so the figures are held-out ones for
rules; they are printed per fold of ``bench.wcxb`` (split by site) too, to show how much they vary.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Callable, Sequence
from importlib.metadata import version

from bench.wcxb import FOLDS, WcxbPage, available, wcxb_dir, wcxb_pages

FIELDS = ("title", "author", "date")
_QUOTES = str.maketrans({c: "'" for c in '"“”„«»‘’‚‹›`´'})

Found = dict[str, str | None]


def normalised(value: str | None) -> str:
    text = unicodedata.normalize("NFKC", value or "").translate(_QUOTES).casefold()
    return " ".join(text.split()).strip(" .,:;!?'-–—|")


def matches(field: str, truth: str | None, found: str | None) -> bool:
    if field == "date":
        return bool(truth and found) and str(found)[:10] == str(truth)[:10]
    return normalised(truth) == normalised(found)


def cleaner_metadata(page: WcxbPage) -> Found:
    from cleaner import Options, clean_text

    metadata = clean_text(page.html(), Options(input_format="html")).metadata
    return {"title": metadata.title, "author": metadata.author, "date": metadata.date}


def trafilatura_metadata(page: WcxbPage) -> Found:
    import trafilatura

    try:
        found = trafilatura.extract_metadata(page.html())
    except Exception:  # a peer failing on a page finds nothing there
        return dict.fromkeys(FIELDS)
    if found is None:
        return dict.fromkeys(FIELDS)
    return {"title": found.title, "author": found.author, "date": found.date}


def shares(corpus: Sequence[WcxbPage], found: Sequence[Found]) -> dict[str, tuple[float, int]]:
    """Per field: the share of pages with an answer that match, and how many pages have one."""
    out = {}
    for field in FIELDS:
        pairs = [(getattr(p, field), f[field]) for p, f in zip(corpus, found, strict=True) if getattr(p, field)]
        out[field] = (sum(matches(field, t, v) for t, v in pairs) / max(1, len(pairs)), len(pairs))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.wcxb_metadata", description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="list cleaner's first N misses")
    parser.add_argument("--field", choices=FIELDS, default="author")
    args = parser.parse_args(argv)
    if not available():
        print(f"WCXB data not found at {wcxb_dir()}; set BENCH_DATA", file=sys.stderr)
        return 2
    corpus = list(wcxb_pages())
    tools: dict[str, Callable[[WcxbPage], Found]] = {
        "cleaner": cleaner_metadata,
        f"trafilatura {version('trafilatura')}": trafilatura_metadata,
    }
    found = {name: [extract(page) for page in corpus] for name, extract in tools.items()}
    print(f"WCXB dev pages ({len(corpus)}), metadata matching the answer (share of the pages that have one)")
    print(f"  {'field':<8}{'pages':>7}" + "".join(f"{name:>20}" for name in tools))
    scored = {name: shares(corpus, values) for name, values in found.items()}
    for field in FIELDS:
        count = next(iter(scored.values()))[field][1]
        print(f"  {field:<8}{count:>7}" + "".join(f"{scored[name][field][0]:>20.3f}" for name in tools))
    for fold in range(FOLDS):
        rows = [i for i, page in enumerate(corpus) if page.fold == fold]
        held = [corpus[i] for i in rows]
        per = {name: shares(held, [values[i] for i in rows]) for name, values in found.items()}
        line = "  ".join(f"{field} {per['cleaner'][field][0]:.3f}" for field in FIELDS)
        print(f"  fold {fold} ({len(held)} pages), cleaner: {line}")
    if args.misses:
        ours = found["cleaner"]
        missed = [
            (page, values[args.field])
            for page, values in zip(corpus, ours, strict=True)
            if getattr(page, args.field) and not matches(args.field, getattr(page, args.field), values[args.field])
        ]
        for page, value in missed[: args.misses]:
            print(f"  {page.id} {page.page_type:<13} answer {getattr(page, args.field)!r:<40.40} ours {value!r:.40}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
