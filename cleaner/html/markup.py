"""What renderers need of an element besides its text: inline markup, a code block's lines and language, images.

Cleaning never reads any of it. Inline markup is gathered only when asked for (``MarkupOptions``), beside
the block's text and normalised the same way, so that its text is always exactly the block's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cleaner.html.dom import BLOCK_TAGS, HtmlElement, tag_of
from cleaner.model import Inline
from cleaner.options import MarkupOptions

FORMATTING_KINDS = {
    "em": "em", "i": "em", "cite": "em", "dfn": "em", "var": "em",
    "strong": "strong", "b": "strong",
    "code": "code", "kbd": "code", "samp": "code", "tt": "code",
    "del": "del", "s": "del", "strike": "del",
}  # fmt: skip
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "ftps", "tel"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
"""What a URL's scheme is read without (``java\\tscript:`` is ``javascript:``)."""
_BROKEN_LINE = re.compile(r"[\t\n\r]+")
"""What browsers take out of a URL."""
_LANGUAGE_CLASS = re.compile(r"(?:^|\s)(?:language|lang|highlight-source|brush:?)-([A-Za-z0-9_+#.-]{1,32})")
_LANGUAGE = re.compile(r"[A-Za-z0-9_+#.-]{1,32}")
_LINE_CLASS = re.compile(r"(?:^|[\s_-])(?:line|ln|code-line)(?:$|\s)")
"""The class highlighters give one element a line of code (``<span class="line">``)."""
LINE_TAGS = BLOCK_TAGS - {"br"}


def safe_url(url: str | None) -> str | None:
    """``url`` when following it cannot run code (http, https, mailto, ..., or relative); else None."""
    if not url or not url.strip():
        return None
    scheme = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    if scheme is not None and scheme.group(1) not in SAFE_SCHEMES:
        return None
    return _BROKEN_LINE.sub("", url.strip())


def image_of(el: HtmlElement) -> Inline | None:
    """An <img> as an image run (alt text, safe src), or None when it has no safe source."""
    src = safe_url(el.get("src") or el.get("data-src"))
    if src is None:
        return None
    return Inline("image", " ".join((el.get("alt") or "").split()), target=src)


def code_language(pre: HtmlElement) -> str | None:
    """The language a code block names: ``class="language-python"`` (or ``lang-``) on the <pre>, its <code>
    or the box around it, or a ``data-lang`` attribute."""
    code = next(pre.iter("code"), None)
    parent = pre.getparent()
    for el in (pre, code, parent):
        if el is None:
            continue
        found = _LANGUAGE_CLASS.search(el.get("class") or "")
        if found:
            return found.group(1).lower()
        named = str(el.get("data-lang") or el.get("data-language") or "").strip()
        if _LANGUAGE.fullmatch(named):
            return named.lower()
    return None


def code_text(pre: HtmlElement) -> str:
    """A code block's text, a line for each line the page shows: ``<br>``s and the elements
    highlighters put each line in end lines too, not only newlines in the text."""
    pieces: list[str] = []

    def end_line() -> None:
        last = next((piece for piece in reversed(pieces) if piece), "\n")
        if not last.endswith("\n"):
            pieces.append("\n")

    def walk(el: HtmlElement) -> None:
        tag = tag_of(el)
        if tag == "br":
            pieces.append("\n")
            return
        is_line = tag in LINE_TAGS or _LINE_CLASS.search(el.get("class") or "") is not None
        if is_line:
            end_line()
        pieces.append(el.text or "")
        for child in el:
            walk(child)
            pieces.append(child.tail or "")
        if is_line:
            end_line()

    walk(pre)
    lines = "".join(pieces).strip("\n").split("\n")
    return "\n".join(line.rstrip() for line in lines)


@dataclass
class _Open:
    kind: str
    target: str = ""
    children: list[Inline] = field(default_factory=list)


@dataclass
class Markup:
    """Gathers one block's inline markup while the walk goes, whitespace normalised as the block's text is."""

    options: MarkupOptions
    stack: list[_Open] = field(default_factory=lambda: [_Open("root")])
    space: bool = False
    """White space seen and not written yet: written before the next text, outside any run that opens."""
    written: bool = False
    marked: bool = False
    """The block has some markup: otherwise its text says it all."""
    ends_space: bool = False
    """What was written last ends in a space."""

    def text(self, piece: str) -> None:
        words = piece.split()
        if not words:
            self.space = self.space or bool(piece)
            return
        lead = " " if (self.space or piece[0].isspace()) and self.written and not self.ends_space else ""
        self._write(lead + " ".join(words))
        self.written = True
        self.ends_space = False
        self.space = piece[-1].isspace()

    def _write(self, text: str) -> None:
        """Text into the innermost open run, one text run with the text just before it."""
        children = self.stack[-1].children
        if children and children[-1].kind == "text":
            children[-1] = Inline("text", children[-1].text + text)
        else:
            children.append(Inline("text", text))

    def _kind(self, el: HtmlElement, tag: str) -> tuple[str, str] | None:
        if self.options.formatting and tag in FORMATTING_KINDS:
            return FORMATTING_KINDS[tag], ""
        if self.options.links and tag == "a":
            href = safe_url(el.get("href"))
            if href is not None:
                return "link", href
        return None

    def open(self, el: HtmlElement, tag: str) -> None:
        kind = self._kind(el, tag)
        if kind is None:
            self.stack.append(_Open(""))  # transparent: its children go to the run around it
            return
        if self.space and self.written and not self.ends_space:
            self._write(" ")
            self.ends_space = True
        self.space = False
        self.stack.append(_Open(*kind))

    def end(self, tag: str) -> None:
        run = self.stack.pop()
        if run.kind and any(child.kind != "text" or child.text.strip() for child in run.children):
            self.stack[-1].children.append(Inline(run.kind, children=tuple(run.children), target=run.target))
            self.marked = True
            return
        for child in run.children:  # a transparent or empty run: its text joins the run around it
            if child.kind == "text":
                self._write(child.text)
            else:
                self.stack[-1].children.append(child)

    def close(self, text: str) -> tuple[Inline, ...] | None:
        """The block's runs, when it has markup and their text is its ``text``; the runs still open go on."""
        kinds = [(run.kind, run.target) for run in self.stack[1:]]
        while len(self.stack) > 1:
            self.end("")
        runs = tuple(self.stack[0].children)
        marked = self.marked
        self.stack = [_Open("root"), *(_Open(kind, target) for kind, target in kinds)]
        self.space = self.written = self.marked = self.ends_space = False
        if not marked or plain_text(runs) != text:
            return None
        return runs


def plain_text(runs: tuple[Inline, ...]) -> str:
    """The text of inline runs (an image's alt text is not text)."""
    return "".join(run.text if run.kind == "text" else plain_text(run.children) for run in runs)
