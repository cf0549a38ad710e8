"""HTML mode reads what a reader sees: a page served in <noscript>, a page hidden until a script shows it, headings
whose ids are slugs of their text, an <h1> that differs from the page's <title>; and one pass counts the page."""

from __future__ import annotations

import lxml.html

from cleaner import Options, clean_text
from cleaner.html.dom import census, link_density, signature, visible_length
from cleaner.html.features import with_page_type
from cleaner.html.metadata import extract_metadata

OPTIONS = Options(input_format="html")
POSTS = (
    "I updated the router last night and since then the wireless network drops every few minutes.",
    "Same here: rolling back to the previous firmware fixed it for me, the changelog mentions the driver.",
    "Thanks, the rollback worked. I will wait for the next release before trying the update again.",
)


def _thread(wrapper: str) -> str:
    posts = "".join(
        f'<div class="post"><p class="author">user{i}</p><p>{text}</p></div>' for i, text in enumerate(POSTS)
    )
    return (
        "<html><head><title>Router drops wifi after update - Forum</title></head><body>"
        f"<div id='app'><a href='/'>Home</a> <a href='/latest'>Latest</a></div>{wrapper.format(posts=posts)}"
        "</body></html>"
    )


def test_a_page_served_in_noscript_is_read_from_there() -> None:
    """Discourse forums serve the posts in <noscript> (the rest is a script's shell): they are the page."""
    out = clean_text(_thread("<noscript data-path='/t/router/1'>{posts}</noscript>"), OPTIONS).text
    assert all(post in out for post in POSTS)


def test_a_small_noscript_beside_the_page_is_still_dropped() -> None:
    page = _thread("{posts}<noscript><p>Please enable JavaScript to use every feature of this forum.</p></noscript>")
    out = clean_text(page, OPTIONS).text
    assert POSTS[0] in out
    assert "enable JavaScript" not in out


def test_a_page_hidden_until_a_script_shows_it_is_read() -> None:
    """Anti-flicker wrappers (visibility:hidden on everything) and streamed <div hidden> hold the whole page."""
    for wrapper in (
        "<div style='visibility:hidden;min-height:100vh'>{posts}</div>",
        "<div hidden id='S:2'>{posts}</div>",
    ):
        out = clean_text(_thread(wrapper), OPTIONS).text
        assert all(post in out for post in POSTS), wrapper


def test_a_hidden_box_beside_the_page_still_goes() -> None:
    out = clean_text(
        _thread("{posts}<div style='display:none'><p>Sign up to reply to this thread today.</p></div>"), OPTIONS
    )
    assert POSTS[0] in out.text
    assert "Sign up" not in out.text


ARTICLE = """<html><head><title>How we run the survey | Example Research</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a> <a href="/blog">Blog</a></nav>
<main><article><h1>{headline}</h1>
<p>Every spring we ask a few thousand households about their spending, and this note explains how the survey is
run, from the sample to the published tables.</p>
<h2 id="sharing-the-data">Sharing the data</h2>
<p>The anonymised answers are published every year under an open licence, so that other researchers can check our
figures and build on them.</p>
<section id="ad-hoc-analysis"><h2>Ad hoc analysis</h2>
<p>Requests for ad hoc analysis are answered within a month, and the code we use for them is released alongside the
tables it produced.</p></section>
</article></main><footer><p>Copyright 2026 Example Research</p></footer></body></html>"""


def test_headings_whose_ids_are_slugs_of_their_text_stay() -> None:
    """id="sharing-the-data" names the section, not a share widget; id="ad-hoc-analysis" is not an ad."""
    out = clean_text(ARTICLE.format(headline="How we run the survey"), OPTIONS).text
    assert "Sharing the data" in out
    assert "Ad hoc analysis" in out
    assert "Requests for ad hoc analysis" in out


def test_an_h1_that_is_not_the_title_stays_in_the_text() -> None:
    """The headline is lost from neither: the <h1> stays when metadata's title (from <title>) says otherwise."""
    result = clean_text(ARTICLE.format(headline="Inside the household spending survey"), OPTIONS)
    assert result.metadata.title == "How we run the survey"
    assert result.text.startswith("Inside the household spending survey")


def test_an_h1_that_is_the_title_goes_from_the_text_and_is_the_title() -> None:
    result = clean_text(ARTICLE.format(headline="How we run the survey"), OPTIONS)
    assert result.metadata.title == "How we run the survey"
    assert "How we run the survey" not in result.text


def test_a_declared_publication_date_is_the_date() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2025-09-04T08:00:00+02:00">'
        "<title>t</title></head><body><p>Updated 2026-01-01</p></body></html>"
    )
    assert extract_metadata(lxml.html.document_fromstring(page)).date == "2025-09-04"


def test_the_census_counts_what_link_density_and_the_tags_do() -> None:
    root = lxml.html.document_fromstring(
        "<html><body><ul class='menu'><li class='a b'><a href='/'>Home page</a></li><li class='b a'>News</li>"
        "<li class='a b'>Sport <a href='/s'>results</a></li></ul><p>Plain text here.</p></body></html>"
    )
    counted = census(root)
    for el in root.iter():
        assert isinstance(el, lxml.html.HtmlElement)
        visible, links = counted.lengths[el]
        assert visible == visible_length(el.text_content())
        assert abs(links / max(visible, 1) - link_density(el)) < 1e-9
    assert counted.tags["li"] == 3
    assert counted.tags["a"] == 2
    ul = root.find(".//ul")
    assert ul is not None
    assert counted.runs[ul] == {("li", "a b"): 3}
    assert signature(ul[1]) == ("li", "a b")
    assert root.find("body") not in counted.runs  # two children: no run


def test_page_type_crosses_only_the_named_features() -> None:
    crossed = with_page_type([["kind=p", "words=3", "cw0=post", "prev=0,3"], []], "forum")
    assert crossed == [
        ["kind=p", "words=3", "cw0=post", "prev=0,3", "pt=forum", "pt=forum,kind=p", "pt=forum,cw0=post"],
        [],
    ]
    assert with_page_type([["kind=p"]], None) == [["kind=p"]]
