"""What site templates (TEMPLATE001) add on the dev corpora's multi-page sites, HTML and text (page/) mode.

    python -m bench.templates            # WCXB's sites with 3+ pages

The pages of every site with at least ``templates.MIN_PAGES`` pages are written into one WARC (HTML, with
their URLs, so that each page's site is its host) and one WET (their page/ text), cleaned by the ``clean``
command as a batch with TEMPLATE001 and with ``--ignore TEMPLATE``, and scored by WCXB's word F1 per page (mean).
ScrapingHub's sites have two pages at most, fewer than a template needs: nothing to measure there; nor on
trafilatura's pages, whose files this module cannot match to their URLs. No threshold was fitted on
these pages (MIN_PAGES and MIN_SHARE were set beforehand), so the figures are not in-sample for them.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.data import data_dir
from bench.metric import word_f1
from bench.wcxb import wcxb_pages
from cleaner.templates import MIN_PAGES, site_of

Page = tuple[str, str, str]
"""A page's URL, HTML and page/ text."""


def _write(path: Path, pages: Sequence[Page], html: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, page, text in pages:
            if html:
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                body = io.BytesIO(page.encode("utf-8", "surrogatepass"))
                writer.write_record(writer.create_warc_record(url, "response", payload=body, http_headers=http))
            else:
                headers = {"Content-Type": "text/plain"}
                body = io.BytesIO(text.encode("utf-8", "surrogatepass"))
                writer.write_record(
                    writer.create_warc_record(url, "conversion", payload=body, warc_headers_dict=headers)
                )


def _clean(path: Path, *args: str) -> dict[str, dict[str, object]]:
    """The `clean` command's JSON record of each page, by URL."""
    command = [sys.executable, "-m", "cleaner", str(path), "-f", "jsonl", "-j", "2", *args]
    out = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    return {str(r["url"]): r for r in map(json.loads, out.splitlines())}


def _multi_page(pages: Sequence[Page]) -> list[Page]:
    sites = Counter(site_of(url, None) for url, _, _ in pages)
    return [page for page in pages if sites[site_of(page[0], None)] >= MIN_PAGES]


def _removals(records: dict[str, dict[str, object]]) -> tuple[int, int, int]:
    """TEMPLATE001 removals: blocks, words, pages with any."""
    found = [[r for r in rec["removed"] if r["rule"] == "TEMPLATE001"] for rec in records.values()]  # type: ignore[attr-defined]
    return sum(map(len, found)), sum(len(r["text"].split()) for f in found for r in f), sum(1 for f in found if f)


def wcxb(where: Path) -> None:
    corpus = [p for p in wcxb_pages() if p.url]
    text_dir = data_dir() / "wcxb" / "page"
    pages = _multi_page([(p.url, p.html(), (text_dir / f"{p.id}.txt").read_text(encoding="utf-8")) for p in corpus])
    truth = {p.url: p.main_content for p in corpus}
    sites = {site_of(url, None) for url, _, _ in pages}
    print(f"WCXB: {len(pages)} pages of {len(sites)} sites with {MIN_PAGES}+ pages")
    for mode, html in (("html", True), ("page/ text", False)):
        archive = where / f"wcxb-{'warc' if html else 'wet'}.gz"
        _write(archive, pages, html)
        on, off = _clean(archive), _clean(archive, "--ignore", "TEMPLATE")
        f1 = {name: [word_f1(truth[url], str(got[url]["text"]))[2] for url, _, _ in pages] for name, got in
              (("on", on), ("off", off))}  # fmt: skip
        changed = sum(1 for a, b in zip(f1["on"], f1["off"], strict=True) if a != b)
        blocks, words, hit = _removals(on)
        print(
            f"  {mode:10}  word F1 {sum(f1['off']) / len(pages):.4f} -> {sum(f1['on']) / len(pages):.4f}"
            f"  (TEMPLATE001 removed {blocks} blocks, {words} words, on {hit} pages; F1 changed on {changed})"
        )


def main() -> int:
    with tempfile.TemporaryDirectory() as where:
        wcxb(Path(where))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
