"""The extractors the benchmark compares, each one a plain function from its input to text.

`cleaner` reads HTML and plain text itself. The peers read HTML only, so in the text
modes they get the text wrapped one ``<p>`` per line (:func:`text_as_html`), the best a
user can do with them. Peers that are not installed are simply left out.
"""

from __future__ import annotations

import html as html_escape
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

import lxml.html
from lxml import etree
from lxml.html import defs

from cleaner import Options, clean_text

BASELINE = "no extraction"

BLOCK_TAGS = defs.block_tags | {
    "article",
    "aside",
    "br",
    "figcaption",
    "figure",
    "footer",
    "header",
    "main",
    "nav",
    "section",
}
"""Elements that break a line when a browser renders them; their text must not run into the next word."""


@dataclass(frozen=True)
class Extractor:
    """One contestant: ``from_html`` reads an HTML page; ``from_text`` (if any) reads plain text natively."""

    name: str
    version: str
    from_html: Callable[[str], str]
    from_text: Callable[[str], str] | None = None


def text_as_html(text: str) -> str:
    """Plain text as the HTML a user would feed an HTML-only extractor: one escaped ``<p>`` per non-blank line."""
    paragraphs = "\n".join(f"<p>{html_escape.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>\n{paragraphs}\n</body></html>"


def html_as_text(html: str) -> str:
    """Every text node of a page on its own line, scripts and styles dropped: the page with nothing removed.

    This is how the published "whole page as text" row is computed (it reproduces 0.673 / 0.509 / 0.994).
    """
    root = lxml.html.fromstring(html)
    etree.strip_elements(root, "script", "style", with_tail=False)
    return "\n".join(str(text) for text in root.itertext())


def fragment_as_text(html: str) -> str:
    """An extractor's HTML output flattened to text, with a line break after every block element.

    Block boundaries matter: ``<p>end</p><p>start</p>`` must read as two words, not ``endstart``.
    """
    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return "".join(str(text) for text in root.itertext())


def _installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _cleaner() -> Extractor:
    html_options, text_options = Options(input_format="html"), Options(input_format="text")
    # Patterns compile when a line first calls for them; the peers compile theirs when imported. The
    # table times the extraction call after warm-up, so here too they are compiled before the clock runs
    # (the whole-process throughput run pays for them, start-up included).
    text_options.rules.compile_patterns()
    return Extractor(
        "cleaner",
        version("cleaner"),
        lambda page: clean_text(page, html_options).text,
        lambda text: clean_text(text, text_options).text,
    )


def _baseline() -> Extractor:
    return Extractor(BASELINE, "", html_as_text, lambda text: text)


def _trafilatura() -> Extractor:
    trafilatura = import_module("trafilatura")
    # Default settings, as a user calls it (comments and tables included).
    return Extractor("trafilatura", version("trafilatura"), lambda page: trafilatura.extract(page) or "")


def _readability() -> Extractor:
    document = import_module("readability").Document
    return Extractor(
        "readability-lxml", version("readability-lxml"), lambda page: fragment_as_text(document(page).summary())
    )


def _boilerpy3() -> Extractor:
    article = import_module("boilerpy3.extractors").ArticleExtractor(raise_on_failure=False)
    return Extractor("boilerpy3", version("boilerpy3"), lambda page: article.get_content(page) or "")


def _justext() -> Extractor:
    justext = import_module("justext")
    stoplist = justext.get_stoplist("English")

    def extract(page: str) -> str:
        return "\n".join(p.text for p in justext.justext(page, stoplist) if not p.is_boilerplate)

    return Extractor("jusText", version("jusText"), extract)


PEERS: dict[str, tuple[str, Callable[[], Extractor]]] = {
    "trafilatura": ("trafilatura", _trafilatura),
    "readability-lxml": ("readability-lxml", _readability),
    "boilerpy3": ("boilerpy3", _boilerpy3),
    "jusText": ("jusText", _justext),
}
"""Peer name -> (distribution that must be installed, factory)."""


def names() -> list[str]:
    """Every extractor name the benchmark knows, in table order."""
    return ["cleaner", *PEERS, BASELINE]


def extractors(only: set[str] | None = None) -> list[Extractor]:
    """cleaner, the installed peers and the no-extraction baseline, in table order (``only``: lower-case names)."""
    factories: list[tuple[str, Callable[[], Extractor]]] = [("cleaner", _cleaner)]
    factories += [(name, factory) for name, (package, factory) in PEERS.items() if _installed(package)]
    factories.append((BASELINE, _baseline))
    return [factory() for name, factory in factories if only is None or name.lower() in only]
