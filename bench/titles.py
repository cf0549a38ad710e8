"""How often text mode finds the page's title: python -m bench.titles [--all].

The reference is silver, not gold: HTML mode's metadata title (og:title, <title>, h1) for the same page.
A text-mode title matches exactly when both agree once case, whitespace and quotes are normalised and a
site suffix (" | Site", " - Site") is stripped from either; it matches softly when their word sets overlap
by a Jaccard index of at least 0.6. Mismatches are listed (``--all`` also lists the matching ones), marked
``x`` when some input line matches the reference (text mode could have found it) and ``-`` when none does.
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from dataclasses import dataclass

from bench.data import pages
from cleaner import Options, clean_bytes, clean_text

SOFT_JACCARD = 0.6
_QUOTES = str.maketrans({c: "'" for c in '"“”„«»‘’‚‹›`´'})
_SITE_SUFFIX = re.compile(r"\s+[|–—:-]\s+[^|–—]{2,60}$")
_SITE_PREFIX = re.compile(r"^[^|–—]{2,40}\s+[|–—]\s+")


@dataclass(frozen=True)
class Outcome:
    page: str
    reference: str | None
    found: str | None
    exact: bool
    soft: bool
    present: bool
    """Some line of the input matches the reference softly: a title text mode could have found."""


def normalise(title: str) -> str:
    text = unicodedata.normalize("NFKC", html.unescape(title)).translate(_QUOTES).lower()
    return " ".join(text.split()).strip(" '.")


def _variants(title: str) -> set[str]:
    """The title as written, without a site suffix, and without a site prefix ("Site | Headline")."""
    base = normalise(title)
    return {base, normalise(_SITE_SUFFIX.sub("", base)), normalise(_SITE_PREFIX.sub("", base))} - {""}


def _words(title: str) -> set[str]:
    return set(re.findall(r"\w+", normalise(_SITE_SUFFIX.sub("", normalise(title)))))


def compare(reference: str | None, found: str | None) -> tuple[bool, bool]:
    """(exact, soft) match of a found title against the reference; no reference or no title never matches."""
    if not reference or not found:
        return False, False
    exact = bool(_variants(reference) & _variants(found))
    a, b = _words(reference), _words(found)
    soft = exact or (bool(a | b) and len(a & b) / len(a | b) >= SOFT_JACCARD)
    return exact, soft


def measure(mode: str) -> list[Outcome]:
    html, text = Options(input_format="html"), Options(input_format="text")
    outcomes = []
    for page in pages():
        reference = clean_bytes(page.html_bytes(), html).title
        source = page.page_text() if mode == "page" else page.container_text()
        found = clean_text(source, text).title
        exact, soft = compare(reference, found)
        present = any(compare(reference, line.strip())[1] for line in source.splitlines() if line.strip())
        outcomes.append(Outcome(page.id, reference, found, exact, soft, present))
    return outcomes


def main() -> None:
    show_all = "--all" in sys.argv[1:]
    modes = [m for m in sys.argv[1:] if m in ("page", "container")] or ["page", "container"]
    for mode in modes:
        outcomes = measure(mode)
        n = len(outcomes)
        with_ref = [o for o in outcomes if o.reference]
        exact = sum(o.exact for o in outcomes)
        soft = sum(o.soft for o in outcomes)
        none = sum(o.found is None for o in outcomes)
        present = sum(o.present for o in outcomes)
        print(
            f"{mode}: exact {exact}/{len(with_ref)} ({exact / max(1, len(with_ref)):.3f})  "
            f"soft {soft}/{len(with_ref)} ({soft / max(1, len(with_ref)):.3f})  "
            f"None titles {none}/{n}  reference present in the input {present}/{n}  "
            f"(pages without a reference: {n - len(with_ref)})"
        )
        for o in outcomes:
            if show_all or not o.soft:
                mark = "=" if o.exact else "~" if o.soft else "x" if o.present else "-"
                print(f"  {mark} {o.page[:12]}  ref {o.reference!r}\n{'':18}got {o.found!r}")
        print()


if __name__ == "__main__":
    main()
