"""Hostile input, generated: whatever bytes or markup come in, cleaning ends in a Result or a DecodeError.

Scraped files are untrusted. These properties feed the whole pipeline (decode, sniff, HTML parse
and extraction, text structure, every renderer) with arbitrary bytes and with HTML assembled from
the pieces that break parsers: unclosed and misnested tags, entity declarations, comments, CDATA,
scripts, odd attributes, control characters and deep nesting.
"""

from __future__ import annotations

import contextlib
import os

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import CleanerError, DocumentError, InternalError, Options, clean_bytes, clean_text
from cleaner.html.parse import HtmlError
from cleaner.inputs.decode import DecodeError
from cleaner.model import Result
from cleaner.options import MarkupOptions
from cleaner.outputs import FORMATS, render

from .conftest import invoke
from .mdtree import read_markdown

EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "120"))
"""Examples per property: few enough for the suite; ``make fuzz`` runs many more."""
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TAGS = ["p", "div", "article", "main", "section", "span", "a", "h1", "h2", "li", "ul", "table", "td", "script", "style",
        "ol", "pre", "blockquote", "tr", "th", "em", "b", "code", "img", "br", "dl", "dd"]  # fmt: skip
MARKUP = Options(input_format="html", markup=MarkupOptions(formatting=True, links=True, images=True))
SAFE_ATTRIBUTES = frozenset({"href", "src", "alt"})
ATTRIBUTES = [
    ' class="article-body"',
    ' id="comments"',
    ' class="newsletter signup"',
    ' href="javascript:alert(1)"',
    ' src="data:text/html,x" alt="[x](y)"',
    ' class="language-py`x" colspan="3" rowspan="x" start="-2"',
    " data-x='\"'",
    ' style="display:none"',
    " hidden",
    ' class="',
    "",
]
TEXTS = [
    "The council voted on Monday to turn the old ferry terminal into a public library.",
    "Sign up for our newsletter",
    "[bold red]markup[/]",
    "\x1b[31mred\x1b[0m",
    "&amp; &lt;b&gt; &#0; &#x110000; &bogus; &nbsp;",
    "\u202e\u200b\ufeff",
    "Ünïcödé — « guillemets » 漢字",
    "",
]
SPECIALS = [
    '<?xml version="1.0" encoding="bogus"?>',
    '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY big "&big;&big;">]>',
    "&xxe; &big;",
    "<!-- a comment -- with -- dashes -->",
    "<![CDATA[ raw <p> text ]]>",
    '<meta charset="utf-16">',
    '<script type="application/ld+json">{"headline": [1, {"@type": null}], "author": {"name": 5}}</script>',
    '<meta property="og:title" content="',
    "<html><head><title>Title | Site</title></head>",
    "</body></html></html>",
    "<",
    "</",
    "<p <p>",
]


def _tag(depth: int) -> st.SearchStrategy[str]:
    leaf = st.one_of(st.sampled_from(TEXTS), st.sampled_from(SPECIALS))
    if depth == 0:
        return leaf
    inner = st.lists(_tag(depth - 1), max_size=4).map("".join)
    element = st.builds(
        lambda tag, attribute, body, closed: f"<{tag}{attribute}>{body}" + (f"</{tag}>" if closed else ""),
        st.sampled_from(TAGS),
        st.sampled_from(ATTRIBUTES),
        inner,
        st.booleans(),
    )
    return st.one_of(leaf, element)


html_document = st.lists(_tag(3), min_size=1, max_size=8).map("".join)


def _render_all(result: Result) -> None:
    for fmt in FORMATS:
        assert isinstance(render(result, fmt), str)
    assert read_markdown(render(result, "markdown")).raw_html == 0
    page = render(result, "html")
    if page:
        for el in lxml.html.fragment_fromstring(page).iter():
            assert set(el.attrib) <= SAFE_ATTRIBUTES and el.tag not in ("script", "style")
            assert not any(v.strip().lower().startswith(("javascript", "data")) for v in el.attrib.values())


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_result_or_a_decode_error(data: bytes) -> None:
    try:
        result = clean_bytes(data)
    except (DecodeError, HtmlError):  # refused with a one-line reason: not text, or unreadable HTML
        return
    _render_all(result)


@FUZZ
@given(html_document)
def test_any_tag_soup_gives_a_result_in_every_format(html: str) -> None:
    result = clean_text(html, Options(input_format="html"))
    _render_all(result)
    _render_all(clean_text(html, MARKUP))
    assert "root:" not in result.text  # the external entity (/etc/passwd) is never resolved
    assert len(result.text) <= len(html)  # nor is any entity expanded into more text than came in


@FUZZ
@given(html_document)
def test_tag_soup_as_bytes_in_any_declared_encoding_never_escapes_as_an_exception(html: str) -> None:
    for encoding in ("utf-8", "utf-16", "latin-1"):
        try:
            data = html.encode(encoding)
        except UnicodeEncodeError:
            continue
        with contextlib.suppress(DecodeError, HtmlError):
            _render_all(clean_bytes(data))


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["div", "p", "span", "table"]))
def test_deep_nesting_is_cleaned_or_refused_with_a_clear_error_never_truncated(depth: int, tag: str) -> None:
    sentence = "The council voted on Monday to turn the terminal into a library."
    html = f"<{tag}>" * depth + sentence + f"</{tag}>" * depth
    try:
        result = clean_text(html, Options(input_format="html"))
    except DocumentError as exc:  # deeper than the parser (or the walk) reads: refused, not cut short
        assert depth >= 900 and "nested too deeply" in str(exc)
        return
    assert result.text == sentence
    try:
        _render_all(result)
    except DocumentError as exc:  # Markdown and HTML out follow the nesting: past the stack, refused by name
        assert "nested too deeply to render" in str(exc)


def test_control_characters_in_html_text_do_not_break_extraction() -> None:
    # htmldate prunes <script> and writes the neighbouring text back into the tree; lxml refuses to
    # write control characters, so they are blanked at parse time (a regression found by the fuzzer).
    html = (
        "<html><body><p>The council voted on Monday to turn the terminal\x1b into a library.</p>"
        '<script type="application/ld+json">{}</script>\x1b[31m</body></html>'
    )
    result = clean_bytes(html.encode("utf-8"))
    assert result.text.startswith("The council voted on Monday to turn the terminal into a library.")


def test_an_xhtml_page_with_repeated_xml_declarations_is_read() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n<?xml version="1.0"?><html><body><p>Reading room.</p></body></html>'
    assert clean_text(html, Options(input_format="html")).text == "Reading room."


HOSTILE_TEXT = st.lists(
    st.one_of(
        st.characters(codec=None),  # any code point, lone surrogates included
        st.sampled_from(["\n", " " * 50, "\t", "\x1b[2J", "\x1b]0;x\x07", "<p>", "&", ":", "\xa0", "Share", "©"]),
    ),
    max_size=200,
).map("".join)


@FUZZ
@given(HOSTILE_TEXT, st.sampled_from(["auto", "text", "html"]))
def test_the_library_raises_only_its_own_errors_and_never_a_bug(text: str, kind: str) -> None:
    try:
        result = clean_text(text, Options(input_format=kind))
    except InternalError:
        raise
    except CleanerError:
        return
    _render_all(result)
    for fmt in FORMATS:
        render(result, fmt).encode("utf-8")  # what is handed back can always be written


@settings(max_examples=max(10, EXAMPLES // 4), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600), st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12))
def test_the_command_ends_cleanly_whatever_the_input_and_its_name(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    folder = tmp_path_factory.mktemp("in")
    safe_name = name.replace("/", "_").replace("\x00", "_").lstrip(".") or "x"
    try:
        (folder / safe_name).write_bytes(data)
    except OSError:  # a name the file system refuses
        return
    for args in ([folder, "-f", "jsonl"], [folder / safe_name, "--explain"]):
        result = invoke(*args)
        assert result.exit_code in (0, 1), result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
