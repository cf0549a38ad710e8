"""Site templates: a line (text mode) or block (HTML mode) that recurs on many pages of one site is the site's
template, and the TEMPLATE rule removes it (pure: no I/O; the batch driver in run.py does the two passes).

A batch is read twice. The first pass turns each page into :class:`PageUnits`: its site and the fingerprints
(hashes of the whitespace-collapsed, case-folded text) of its blocks, the same blocks the cleaning pass
decides. :class:`TemplateCounter` reduces them to :class:`Templates`, per site the fingerprints found on
enough of its pages; the cleaning pass removes each kept block whose fingerprint is among its site's.
Everything is decided from counts over the whole batch, and each count is a sum, so the outcome is the same
in any input order, with any number of workers and on any engine.

Memory is bounded whatever the batch: a page gives at most MAX_PAGE_UNITS fingerprints (8 bytes each), a
site is counted over at most SITE_SAMPLE of its distinct pages (those whose content hashes lowest: a sample
that does not depend on order), and at most MAX_STORED_PAGES pages are held in all (past that, sites are
dropped by a hash of their name, half of them at a time, again whatever the order), so the counter holds at
most MAX_STORED_PAGES * MAX_PAGE_UNITS * 8 bytes of fingerprints (160 MB; a few MB for ordinary pages).
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from math import ceil
from pathlib import PurePath
from urllib.parse import urlsplit

from cleaner.classify import remove_kept_repeats
from cleaner.model import Decision
from cleaner.rules import RuleSet, codes

MIN_PAGES = 3
"""A block is a template only when it appears on at least this many distinct pages of its site..."""
MIN_SHARE = 0.5
"""...and on at least this share of them (a site's sections share less than the whole site does)."""
MIN_WORDS = 5
"""A block of fewer words is never a template: the short blocks a site repeats on its every page and the block
classifier keeps are mostly the labels of a record ("Condition:", "Delivery:", "Compare"), whose values differ
from page to page; menus and buttons are removed already. (Chosen from 1, 3 and 5 on the WCXB pages of
bench.templates: 5 removes the blurbs and costs least.)"""
MAX_TEMPLATE_SHARE = 0.5
"""A page whose kept words would be more than this share template keeps them all: it is a copy of its
site's other pages (two captures of one article, a series of near-identical pages), not one dressed in a
template, which is a header, a footer, a blurb beside an article of its own."""
MAX_PAGE_UNITS = 1000
"""Fingerprints taken from one page, its first distinct blocks in order."""
SITE_SAMPLE = 200
"""Distinct pages a site is counted over: enough to tell a block on half of them from one on a few."""
MAX_STORED_PAGES = 20_000
"""Pages held by the counter in all sites together."""


def fingerprint(text: str) -> int | None:
    """The block's text, whitespace collapsed and case folded, hashed to 64 bits the same in every process;
    None for a block with no text."""
    normal = " ".join(text.casefold().split())
    if not normal:
        return None
    return int.from_bytes(
        hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big", signed=True
    )


def site_of(url: str | None, folder: str | None) -> str:
    """A page's site: its URL's host (``www.`` dropped, so that both names count as one site), else its folder
    (else the batch as a whole)."""
    if url:
        try:
            host = urlsplit(url.strip()).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    return folder or "the batch"


def folder_of(name: str) -> str:
    """The folder a document named ``name`` sits in (``a/b.zip:c/d.txt`` -> ``a/b.zip:c``): its site when it has
    no URL."""
    return str(PurePath(name).parent)


@dataclass(frozen=True, slots=True)
class PageUnits:
    """What the first pass keeps of one page: its site and its blocks' fingerprints (distinct, sorted)."""

    site: str
    fingerprints: bytes
    """Signed 64-bit integers (``array('q')``), sorted."""

    @classmethod
    def of(cls, site: str, texts: Iterable[str]) -> PageUnits:
        seen: dict[int, None] = {}
        for text in texts:
            value = fingerprint(text)
            if value is not None:
                seen[value] = None
                if len(seen) >= MAX_PAGE_UNITS:
                    break
        return cls(site, array("q", sorted(seen)).tobytes())

    @property
    def key(self) -> bytes:
        """The page's content: two captures of the same page have the same key and count once."""
        return hashlib.blake2b(self.fingerprints, digest_size=8).digest()


@dataclass(frozen=True, slots=True)
class SiteTemplate:
    """A site's template: each templated block's fingerprint with the number of its pages it appears on."""

    site: str
    pages: int
    """The site's distinct pages counted (at most SITE_SAMPLE)."""
    counts: Mapping[int, int]


@dataclass(frozen=True)
class Templates:
    """The templates of a batch's sites, by site (sites without one are absent)."""

    by_site: Mapping[str, SiteTemplate] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.by_site)


@dataclass(frozen=True, slots=True)
class Batch:
    """A document's place in a batch: what tells its site (the URL its web-archive record names, the folder it
    sits in) and the batch's templates. The page's own URL (HTML metadata) names the site when no record does."""

    templates: Templates
    record_url: str | None = None
    folder: str | None = None


def _level(site: str) -> int:
    """How many of the site hash's low bits are zero: half of all sites reach level 1, a quarter level 2, ..."""
    value = int.from_bytes(hashlib.blake2b(site.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
    return (value & -value).bit_length() - 1 if value else 64


@dataclass
class TemplateCounter:
    """Per-site counts of the first pass, in bounded memory (see the module's docstring), the same whatever
    the order pages are added in."""

    site_sample: int = SITE_SAMPLE
    max_pages: int = MAX_STORED_PAGES
    _sites: dict[str, dict[bytes, bytes]] = field(default_factory=dict)
    _level: int = 0
    _stored: int = 0

    def add(self, page: PageUnits) -> None:
        if _level(page.site) < self._level:
            return
        pages = self._sites.setdefault(page.site, {})
        key = page.key
        if key in pages:
            return
        if len(pages) >= self.site_sample:
            largest = max(pages)
            if key > largest:
                return
            del pages[largest]
        else:
            self._stored += 1
        pages[key] = page.fingerprints
        while self._stored > self.max_pages:  # the volume only grows, so the final level is order-free
            self._level += 1
            for site in [s for s in self._sites if _level(s) < self._level]:
                self._stored -= len(self._sites.pop(site))

    def templates(self) -> Templates:
        found: dict[str, SiteTemplate] = {}
        for site, pages in self._sites.items():
            if len(pages) < MIN_PAGES:
                continue
            counts = Counter[int]()
            for units in pages.values():
                counts.update(array("q", units))
            least = max(MIN_PAGES, ceil(MIN_SHARE * len(pages)))
            common = {value: count for value, count in counts.items() if count >= least}
            if common:
                found[site] = SiteTemplate(site, len(pages), common)
        return Templates(found)


def learn(pages: Iterable[PageUnits | None]) -> Templates:
    """The templates of a batch from its pages' first-pass units (None: a page that could not be read)."""
    counter = TemplateCounter()
    for page in pages:
        if page is not None:
            counter.add(page)
    return counter.templates()


def remove_template(
    decisions: Sequence[Decision], batch: Batch | None, page_url: str | None, rules: RuleSet
) -> list[Decision]:
    """Each kept block of the site's template goes (TEMPLATE001), unless the template is most of what the page
    kept (then the page is another capture of the same page, or a near copy, not a page in a template); then a
    kept block that repeats the kept block before it goes (DUP001), as it does on every page."""
    out = list(decisions)
    if batch is None or not batch.templates.by_site:
        return out
    template = batch.templates.by_site.get(site_of(batch.record_url or page_url, batch.folder))
    if template is None or rules.get(codes.SITE_TEMPLATE) is None:
        return out
    changed = False
    for i, decision in enumerate(decisions):
        if decision.removal is not None or len(decision.block.text.split()) < MIN_WORDS:
            continue
        value = fingerprint(decision.block.text)
        count = template.counts.get(value) if value is not None else None
        if count is not None:
            removal = rules.removal(codes.SITE_TEMPLATE, pages=count, of=template.pages, site=template.site)
            out[i] = replace(decision, removal=removal)
            changed = True
    if not changed or _words(out) < (1 - MAX_TEMPLATE_SHARE) * _words(decisions):
        return list(decisions)
    texted = [i for i, d in enumerate(out) if d.block.text]
    for i, decision in zip(texted, remove_kept_repeats([out[i] for i in texted], rules), strict=True):
        out[i] = decision
    return out


def _words(decisions: Iterable[Decision]) -> int:
    return sum(len(d.block.text.split()) for d in decisions if d.removal is None)


EXAMPLE_PAGE_BREAK = "\n\f\n"
"""What separates the pages of one site in TEMPLATE001's examples (a rule file's examples are strings)."""
