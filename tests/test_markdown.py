"""Markdown a reader can trust: read back by a real CommonMark/GFM parser, it says what the page said.

Every Markdown output here is parsed with markdown-it-py and its tree (headings, lists, tables, code,
paragraphs) is held against the source article read with lxml; no raw HTML and no markup that the
text did not have may appear.
"""

from __future__ import annotations

import os
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Options, clean_text
from cleaner.model import Block, Decision, Frame, Inline, Metadata, Result, Shape
from cleaner.options import MarkupOptions
from cleaner.outputs import render
from cleaner.outputs.markdown import escape, to_markdown
from cleaner.rules import RuleSet

from .conftest import invoke
from .mdtree import PARSER, inline_text, read_article, read_markdown

PAGES = Path(__file__).parent / "pages"
SCALE = int(os.environ.get("CLEANER_PROPERTY_SCALE", "1"))
"""More examples for the properties: ``CLEANER_PROPERTY_SCALE=20 pytest tests/test_markdown.py``."""
HTML = Options(input_format="html")
ALL_MARKUP = Options(input_format="html", markup=MarkupOptions(formatting=True, links=True, images=True))


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def _markdown(html: str, options: Options = HTML) -> str:
    return to_markdown(clean_text(html, options))


# --- the hand-made pages: every part of the article, in its structure ---------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.html")))
@pytest.mark.parametrize("options", [HTML, ALL_MARKUP], ids=["plain", "markup"])
def test_page_reads_back_as_its_article(name: str, options: Options) -> None:
    html = _page(name)
    got, want = read_markdown(_markdown(html, options)), read_article(html)
    assert got.headings == want.headings
    assert got.lists == want.lists
    assert got.items == want.items
    assert got.tables == want.tables
    assert got.code == want.code
    assert got.paragraphs == want.paragraphs
    assert got.quotes == want.quotes
    assert got.raw_html == 0


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.html")))
def test_page_as_html_keeps_its_structure_and_only_safe_attributes(name: str) -> None:
    html = _page(name)
    page = render(clean_text(html, ALL_MARKUP), "html")
    got, want = read_article(page), read_article(html)
    assert (got.headings, got.lists, got.items, got.tables, got.code, got.quotes) == (
        want.headings,
        want.lists,
        want.items,
        want.tables,
        [("", code) for _, code in want.code],  # no class attribute: the language is not said
        want.quotes,
    )
    for el in lxml.html.fragment_fromstring(page).iter():
        assert set(el.attrib) <= {"href", "src", "alt"}


def test_html_drops_unsafe_links_and_escapes_text() -> None:
    html = (
        '<html><body><article><p>The council <a href=" JaVa\tScRiPt:alert(1)">voted</a> on Monday to turn the '
        '<a href="/terminal">old ferry terminal</a> into a library &lt;script&gt;x&lt;/script&gt;.</p>'
        '<p><img src="data:image/png;base64,xx" alt="a">'
        """<img src="/p.png" alt='say "hi" &lt;b&gt;' onerror="x"></p>"""
        "</article></body></html>"
    )
    page = render(clean_text(html, ALL_MARKUP), "html")
    assert 'The council voted on Monday to turn the <a href="/terminal">old ferry terminal</a>' in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script" not in page
    assert '<img src="/p.png" alt="say &quot;hi&quot; &lt;b&gt;">' in page
    assert "data:" not in page and "onerror" not in page


def test_code_keeps_its_lines_and_language() -> None:
    tree = read_markdown(_markdown(_page("code.html")))
    assert tree.code == [
        ("python", 'with open("server.log") as log:\n    for line in log:\n        print(line.rstrip())'),
        ("", "wc -l server.log\ngrep -c ERROR server.log\n\n  # a comment with ``` backticks"),
        ("html", "<p>*not emphasis* and <b>not bold</b></p>\n    indented line"),
    ]


def test_table_cells_stay_in_their_columns() -> None:
    tables = read_markdown(_markdown(_page("tables.html"))).tables
    assert tables[0] == [
        ["Route", "Monday", "Saturday", "Notes"],
        ["Harbour to North Isle", "07:15", "", "Weekdays only"],
        ["Harbour to South Isle", "08:30 every day", "", "Cars | bikes"],
        ["Night boat", "22:00", "23:30", ""],
        ["", "22:45", "00:15", "Fridays"],
    ]
    assert tables[1] == [["Adult single", "4.50"], ["Child single", "2.20"]]


def test_lists_keep_order_nesting_and_stay_apart() -> None:
    markdown = _markdown(_page("lists.html"))
    tree = read_markdown(markdown)
    assert tree.lists == [(False, 3, 0), (False, 2, 1), (False, 2, 0), (True, 3, 0), (True, 2, 1), (True, 2, 0)]
    assert "4) Water the lawn less" in markdown  # a list that starts at 4 says so


def test_tricky_text_is_text() -> None:
    html = _page("tricky.html")
    tree = read_markdown(_markdown(html))
    assert tree.headings == [(1, "Election results in the county of Wrenmouth"), (2, "What comes next #")]
    assert tree.lists == [] and tree.quotes == 0 and tree.inline_markup == [] and tree.raw_html == 0
    assert tree.paragraphs[0].startswith("# of voters")
    assert tree.paragraphs[1].startswith("1984. That year")
    assert '<script>alert("x")</script>' in tree.paragraphs[3]
    assert "&copy;" in tree.paragraphs[4]


def test_inline_markup_is_kept_when_asked_for() -> None:
    html = (
        "<html><body><article><p>The council voted on <b>Monday</b> to turn the <em>old</em> ferry terminal into a "
        'library, says <a href="https://example.com/a b">the report</a>; run <code>make `test`</code> and see '
        '<a href="javascript:alert(1)">this</a>.</p><p><img src="pic.png" alt="The [terminal]"> '
        "<del>Closed</del> for a decade now, the building has stood empty on the quay since the ferries stopped.</p>"
        "</article></body></html>"
    )
    plain = _markdown(html)
    assert read_markdown(plain).inline_markup == []
    marked = _markdown(html, ALL_MARKUP)
    assert "**Monday**" in marked and "*old*" in marked and "~~Closed~~" in marked
    assert "[the report](https://example.com/a%20b)" in marked
    assert "`` make `test` ``" in marked
    assert "javascript" not in marked
    assert "![The \\[terminal\\]](pic.png)" in marked
    tree = read_markdown(marked)
    assert tree.inline_markup == ["strong_open", "em_open", "link_open", "code_inline", "image", "s_open"]
    assert [p for p in tree.paragraphs if p] == read_markdown(plain).paragraphs  # the picture: a paragraph of no text


def test_emphasis_that_would_not_read_back_is_given_as_text() -> None:
    html = (
        '<html><body><article><p>A word<em>"quoted"</em>next to it stays as it was written, with nothing added.</p>'
        "</article></body></html>"
    )
    markdown = _markdown(html, ALL_MARKUP)
    paragraphs = read_markdown(markdown).paragraphs
    assert paragraphs == ['A word"quoted"next to it stays as it was written, with nothing added.']


def test_line_breaks_stay_in_their_paragraph() -> None:
    # Prose around the address: on its own, the block classifier takes its short lines for furniture.
    before = "The ferry office moved last spring, and the new rooms are easier to reach from the station."
    after = "Opening hours are the same as before, and the desk answers questions about tickets and timetables."
    html = (
        f"<html><body><article><p>{before}</p><p>Harbour Road 1<br>- Wrenmouth<br>1. floor, on the left side of the"
        f" old ferry terminal</p><p>{after}</p></article></body></html>"
    )
    tree = read_markdown(_markdown(html))
    address = "Harbour Road 1\n- Wrenmouth\n1. floor, on the left side of the old ferry terminal"
    assert tree.paragraphs == [before, address, after]
    assert tree.lists == []


def test_text_input_makes_a_paragraph_of_each_line() -> None:
    text = (
        "The council voted on Monday to turn the old ferry terminal into a public library.\n"
        "# of voters: 1,200; *5%* more than last time, said the clerk on Tuesday evening.\n"
        "1984. That year the terminal closed, and the building has stood empty ever since.\n"
    )
    result = clean_text(text, Options(input_format="text"))
    tree = read_markdown(to_markdown(result))
    assert tree.paragraphs == [b.text for b in result.kept]
    assert len(tree.paragraphs) == 3 and tree.headings == [] and tree.lists == [] and tree.inline_markup == []


def test_text_input_title_line_becomes_the_heading() -> None:
    blocks = [Block("Library plans", 1), Block("The council voted on Monday to build it.", 3)]
    result = Result(tuple(map(Decision, blocks)), Metadata(title="Library plans"), "text")
    assert to_markdown(result) == "# Library plans\n\nThe council voted on Monday to build it.\n"


def test_two_lists_of_one_kind_in_a_row_stay_two() -> None:
    def item(text: str, serial: int) -> Decision:
        return Decision(Block(text, 1, "li", shape=Shape((Frame("ol", serial), Frame("li", serial + 10)))))

    result = Result((item("one", 1), item("two", 2)), input_format="html")
    assert read_markdown(to_markdown(result)).lists == [(True, 1, 0), (True, 1, 0)]


# --- escaping, as a property ---------------------------------------------------------------------

MARKDOWN_ALPHABET = st.sampled_from([*"\\`*_[]()<>#+-=.!|~&;:'\"{}$%^@/ 1aZ\t", "&amp;", "&#35;", "www.", "é", "->"])
TEXTS = (
    st.lists(MARKDOWN_ALPHABET | st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
    .map("".join)
    .map(lambda t: " ".join(t.split()))
    .filter(bool)
)


def _only_text(markdown: str, container: str) -> str:
    tokens = PARSER.parse(markdown)
    inline = [t for t in tokens if t.type == "inline"]
    table_parts = ("tr_", "th_", "td_", "thead", "tbody")
    blocks = [t.type for t in tokens if t.type != "inline" and not t.type.startswith(table_parts)]
    assert blocks == [f"{container}_open", f"{container}_close"]
    assert len(inline) >= 1
    for t in inline:
        assert all(c.type in ("text", "text_special") for c in t.children or []), [c.type for c in t.children or []]
    return inline_text(inline[0])


@settings(max_examples=400 * SCALE, deadline=None)
@given(TEXTS)
def test_escaped_text_reads_back_as_itself(text: str) -> None:
    assert _only_text(escape(text), "paragraph") == text


@settings(max_examples=200 * SCALE, deadline=None)
@given(TEXTS, st.integers(1, 6))
def test_escaped_heading_reads_back_as_itself(text: str, level: int) -> None:
    block = Block(text, 1, f"h{level}")
    markdown = render(Result((Decision(block),), input_format="html"), "markdown")
    tokens = PARSER.parse(markdown)
    assert tokens[0].type == "heading_open" and tokens[0].tag == f"h{level}"
    assert _only_text(markdown, "heading") == text


@settings(max_examples=200 * SCALE, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4), st.lists(TEXTS, min_size=1, max_size=4))
def test_escaped_cells_read_back_as_themselves(header: list[str], row: list[str]) -> None:
    width = max(len(header), len(row))
    cells = [tuple(header) + ("",) * (width - len(header)), tuple(row) + ("",) * (width - len(row))]
    table = Frame("table", 1)
    rows = tuple(Decision(Block(" | ".join(c), 1, "tr", shape=Shape((table,), cells=c))) for c in cells)
    tree = read_markdown(to_markdown(Result(rows, input_format="html")))
    assert tree.tables == [[list(c) for c in cells]]
    assert tree.raw_html == 0 and tree.inline_markup == []


@settings(max_examples=200 * SCALE, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), min_size=1))
def test_code_reads_back_exactly(code: str) -> None:
    code = "\n".join(line.rstrip() for line in code.strip("\n").split("\n"))
    if not code.strip():
        return
    block = Block(code, 1, "pre", shape=Shape(code=code, language="py`thon x"))
    tree = read_markdown(to_markdown(Result((Decision(block),), input_format="html")))
    assert tree.code == [("python", code)]


URLS = st.sampled_from(["https://e.com/a b", "/x(y)", "javascript:alert(1)", "#top"])
RUNS = st.deferred(
    lambda: (
        st.builds(lambda t: Inline("text", t), TEXTS)
        | st.builds(
            lambda k, c: Inline(k, children=tuple(c)),
            st.sampled_from(["em", "strong", "del", "code"]),
            st.lists(RUNS, min_size=1, max_size=3),
        )
        | st.builds(
            lambda c, u: Inline("link", children=tuple(c), target=u), st.lists(RUNS, min_size=1, max_size=2), URLS
        )
    )
)


def _plain(runs: tuple[Inline, ...]) -> str:
    return "".join(r.text if r.kind == "text" else _plain(r.children) for r in runs)


@settings(max_examples=300 * SCALE, deadline=None)
@given(st.lists(RUNS, min_size=1, max_size=4))
def test_inline_markup_never_changes_the_text(runs: list[Inline]) -> None:
    text = " ".join(_plain(tuple(runs)).split())
    if not text or text != _plain(tuple(runs)):
        return
    block = Block(text, 1, shape=Shape(inline=tuple(runs)))
    markdown = to_markdown(Result((Decision(block),), input_format="html"))
    tokens = PARSER.parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    shown = "".join(c.content for c in tokens[1].children or [] if c.type in ("text", "code_inline", "text_special"))
    assert " ".join(shown.split()) == text
    assert not any(c.type == "html_inline" for c in tokens[1].children or [])
    assert "javascript" not in markdown


def test_cli_switches_keep_markup_in_markdown_and_html(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    page = tmp_path / "in" / "page.html"
    page.write_text(
        "<html><body><article><p>The council voted on <b>Monday</b> to turn the old "
        '<a href="https://example.com/terminal">ferry terminal</a> into a public library and reading room.</p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    assert "**Monday**" not in invoke(page, "-f", "markdown").stdout
    both = invoke(page, "-f", "markdown", "--formatting", "--links").stdout
    assert "**Monday**" in both and "[ferry terminal](https://example.com/terminal)" in both
    links = invoke(page, "-f", "html", "--links").stdout
    assert '<a href="https://example.com/terminal">ferry terminal</a>' in links and "<strong>" not in links
    assert invoke(page, "--formatting", "--links").stdout == invoke(page).stdout  # text output: the same
    out = tmp_path / "out"
    assert invoke(tmp_path / "in", "-o", out, "-f", "html").exit_code == 0
    assert (out / "page.html").read_text(encoding="utf-8").startswith("<article>\n")


def test_text_in_a_list_outside_its_items_goes_with_the_item_before() -> None:
    html = (
        "<html><body><article><p>The council listed what the library will hold once the terminal is rebuilt.</p>"
        "<ol><p>Before any item: a note on the plans.</p><li>A reading room on the first floor</li>"
        "<p>with a view of the harbour</p><li>A café by the quay</li></ol></article></body></html>"
    )
    markdown = _markdown(html)
    tree = read_markdown(markdown)
    assert tree.lists == [(True, 2, 0)]
    assert tree.items == ["A reading room on the first floor", "A café by the quay"]
    assert "Before any item: a note on the plans." in tree.paragraphs
    assert "1. A reading room on the first floor\n\n   with a view of the harbour\n2. A café" in markdown


def test_definitions_in_a_list_item_are_not_code() -> None:
    html = (
        "<html><body><article><p>The council published answers to the questions residents asked most.</p><ul><li>"
        "<dl><dt>When will it open?</dt><dd><p>In the spring of 2028, if the roof work ends on time.</p>"
        "<p>The first floor opens first, the rest of the building in the autumn.</p></dd></dl></li></ul>"
        "</article></body></html>"
    )
    tree = read_markdown(_markdown(html))
    assert tree.code == []
    assert tree.items == ["When will it open?"]


def test_figure_shows_its_picture_and_caption_when_the_caption_is_kept() -> None:
    html = (
        "<html><body><article><p>The council voted on Monday to turn the old ferry terminal into a library.</p>"
        '<figure><img src="/terminal.jpg" alt="The terminal"><figcaption>The terminal in 1984.</figcaption></figure>'
        "<p>Work on the roof is due to begin in the autumn, and the first floor should open in 2028.</p>"
        "</article></body></html>"
    )
    rules = RuleSet.build([], [], ["HTML004"])  # captions are furniture by default
    options = Options(input_format="html", rules=rules, markup=MarkupOptions(images=True))
    markdown = _markdown(html, options)
    assert "![The terminal](/terminal.jpg)\n\nThe terminal in 1984.\n\n" in markdown
    page = render(clean_text(html, options), "html")
    assert (
        '<figure>\n<p><img src="/terminal.jpg" alt="The terminal"></p>\n<figcaption>The terminal in 1984.</figcaption>'
        in page
    )


def test_only_a_paragraph_that_says_the_title_becomes_the_title_heading() -> None:
    table = Frame("table", 1)
    row = Decision(Block("Ferry times", 1, "tr", shape=Shape((table,), cells=("Ferry times",))))
    para = Decision(Block("Ferry times", 1))
    rest = Decision(Block("The boats run every hour from the harbour.", 2))
    as_row = read_markdown(to_markdown(Result((row, rest), Metadata(title="Ferry times"), "html")))
    assert as_row.headings == [(1, "Ferry times")] and as_row.tables == [[["Ferry times"]]]
    as_para = read_markdown(to_markdown(Result((para, rest), Metadata(title="Ferry times"), "html")))
    assert as_para.headings == [(1, "Ferry times")] and as_para.paragraphs == [rest.block.text]
