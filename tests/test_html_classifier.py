"""HTML mode's block classifier and page types: every post of a thread, every card of a listing, explained removals."""

from __future__ import annotations

import json

import pytest

from cleaner import Options, clean_text
from cleaner.html.classifier import CONTEXT_NAMES, HtmlModel, context_rows, shipped_html_model
from cleaner.html.extract import page_blocks
from cleaner.html.pagetype import shipped_page_type_model
from cleaner.outputs.json import to_dict
from cleaner.rules import RuleSet

POSTS = (
    "I am starting a small catering service and wonder how many chafing dishes a party of forty people needs.",
    "Two dishes were enough for us last summer, as long as you keep the rice warm in its own cooker beside them.",
    "Plan for paper plates and plenty of napkins; guests always take more than you think they will at buffets.",
    "We hired extra trays from a local shop for a few pounds each, which saved us buying them for one evening.",
    "Label every dish with its allergens, because someone will always ask whether the dips contain any nuts.",
)
NAV = (
    '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/forums">Forums</a></li>'
    '<li><a href="/new">New posts</a></li></ul></nav></header>'
)
FOOTER = '<footer><a href="/terms">Terms</a> <a href="/privacy">Privacy</a> <a href="/help">Help</a></footer>'


def _forum() -> str:
    posts = "".join(
        f'<article class="message"><div class="user"><a href="/u/{i}">member{i}</a></div>'
        f'<div class="message-body"><p>{text}</p></div></article>'
        for i, text in enumerate(POSTS)
    )
    return (
        "<html><head><title>How many chafing dishes? | Cooks Forum</title></head><body>"
        f'{NAV}<main><h1>How many chafing dishes?</h1><div class="thread">{posts}</div></main>{FOOTER}</body></html>'
    )


def _listing() -> str:
    cards = "".join(
        f'<li class="card"><h3><a href="/course/{i}">Course {i}: {text[:40]}</a></h3><p>{text}</p></li>'
        for i, text in enumerate(POSTS)
    )
    return (
        "<html><head><title>Courses | Wrenmouth College</title></head><body>"
        f'{NAV}<main><h1>Short courses</h1><ul class="cards">{cards}</ul></main>{FOOTER}</body></html>'
    )


@pytest.mark.parametrize("page", [_forum(), _listing()], ids=["forum thread", "listing"])
def test_every_post_and_every_card_is_kept_and_the_navigation_goes(page: str) -> None:
    result = clean_text(page, Options(input_format="html"))
    for text in POSTS:
        assert text in result.text
    assert "New posts" not in result.text
    assert "Privacy" not in result.text


def test_every_removed_block_names_its_rule_and_reason() -> None:
    result = clean_text(_forum(), Options(input_format="html"))
    removed = {d.block.text: d.removal for d in result.removed}
    assert removed, "the navigation and footer are removed"
    for removal in removed.values():
        assert removal is not None and removal.rule.startswith("HTML") and removal.reason


def test_a_block_the_classifier_removes_says_its_probability_and_what_weighed_against_it() -> None:
    body = "".join(f"<p>{text}</p>" for text in POSTS[:3])
    page = (
        f"<html><body><article><h2>A dish for every guest</h2>{body}<div><p>Business</p></div></article></body></html>"
    )
    removals = [d.removal for d in clean_text(page, Options(input_format="html")).removed]
    learned = [r for r in removals if r is not None and r.rule == "HTML010"]
    assert learned, removals
    assert all(
        r.reason.startswith("block classifier: content probability 0.") and "against it:" in r.reason for r in learned
    )


def test_a_page_where_the_model_keeps_nothing_falls_back_to_the_article_region() -> None:
    shipped = shipped_html_model()
    nothing = HtmlModel(shipped.weights, shipped.bias, shipped.context, -1000.0, shipped.keep_threshold)
    result = clean_text(_forum(), Options(input_format="html", html_model=nothing))
    assert result.text.strip()


def test_page_type_is_in_json_metadata_for_html_and_absent_for_text() -> None:
    html = to_dict(clean_text(_forum(), Options(input_format="html")))
    assert html["metadata"]["page_type"] in shipped_page_type_model().classes
    text = to_dict(clean_text("\n".join(POSTS), Options(input_format="text")))
    assert text["metadata"]["page_type"] is None


def test_json_ld_product_declares_a_product_page() -> None:
    ld = json.dumps({"@context": "https://schema.org", "@type": "Product", "name": "Chafing dish", "offers": {}})
    page = (
        f'<html><head><script type="application/ld+json">{ld}</script>'
        '<link rel="canonical" href="https://shop.example/product/chafing-dish"></head>'
        f"<body>{NAV}<main><h1>Chafing dish</h1><p>{POSTS[0]}</p><p>Price: $24.99</p>"
        "<button>Add to cart</button></main></body></html>"
    )
    assert clean_text(page, Options(input_format="html")).metadata.page_type == "product"


def test_context_rows_are_own_neighbours_window_and_siblings() -> None:
    rows = context_rows([1.0, 2.0, 3.0, 20.0], [0, 0, 1, 1])
    assert len(CONTEXT_NAMES) == len(rows[0])
    # own, previous, next, the mean of up to three on each side (itself left out), the mean of its siblings
    assert rows[0] == (1.0, 0.0, 2.0, (2.0 + 3.0 + 8.0) / 3, 2.0)
    assert rows[3] == (8.0, 3.0, 0.0, (1.0 + 2.0 + 3.0) / 3, 3.0)  # 20 is clipped to 8


def test_the_shipped_model_survives_a_round_trip_through_its_file_format() -> None:
    model = shipped_html_model()
    assert HtmlModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model


def test_a_model_without_page_type_weights_reads_the_untyped_features_to_the_same_probabilities() -> None:
    untyped_model = HtmlModel({"kind=p": 1.0, "cw0=message": 0.5}, -0.5, (1.0, 0.0, 0.0, 0.0, 0.0), 0.0, 0.5)
    typed_model = HtmlModel({**untyped_model.weights, "pt=forum,kind=p": 2.0}, -0.5, untyped_model.context, 0.0, 0.5)
    assert not untyped_model.reads_page_type and typed_model.reads_page_type
    page = page_blocks(_forum(), Options())
    untyped = page_blocks(_forum(), Options(), typed=False)
    assert untyped.features == untyped.untyped == page.untyped
    assert page.features != page.untyped  # (the crossed names are there, weighing nothing in this model)
    assert untyped_model.probabilities(untyped.features, untyped.groups) == untyped_model.probabilities(
        page.features, page.groups
    )
    assert typed_model.probabilities(untyped.features, untyped.groups) != typed_model.probabilities(
        page.features, page.groups
    )


# A model that keeps paragraphs and removes every table row, list item and caption on its own.
PROSE_ONLY = HtmlModel({"kind=p": 20.0}, -10.0, (1.0, 0.0, 0.0, 0.0, 0.0), 0.0, 0.5)


def _article(*parts: str) -> str:
    return f"<html><body><article>{''.join(parts)}</article></body></html>"


@pytest.mark.parametrize(
    "structure",
    [
        "<table><tr><td>Adult single</td><td>4.50</td></tr><tr><td>Child single</td><td>2.20</td></tr></table>",
        "<ol><li>A reading room on the first floor</li><li>A café by the quay</li></ol>",
        '<figure><img src="/t.jpg" alt="The terminal"><figcaption>The terminal in 1984.</figcaption></figure>',
    ],
    ids=["table", "list", "figure"],
)
def test_a_table_list_or_figure_between_kept_paragraphs_is_kept_with_them(structure: str) -> None:
    rules = RuleSet.build([], [], ["HTML004"])  # (captions are furniture by default)
    options = Options(input_format="html", html_model=PROSE_ONLY, rules=rules)
    page = _article(f"<p>{POSTS[0]}</p>", structure, f"<p>{POSTS[1]}</p>")
    result = clean_text(page, options)
    assert not result.removed, [d.block.text for d in result.removed]
    closing = clean_text(_article(f"<p>{POSTS[0]}</p>", structure), options)  # it ends the article
    assert not closing.removed, [d.block.text for d in closing.removed]


def test_a_structure_beside_removed_blocks_or_made_of_links_keeps_the_classifier_verdict() -> None:
    options = Options(input_format="html", html_model=PROSE_ONLY)
    rows = "<table><tr><td>Adult single</td><td>4.50</td></tr></table>"
    links = '<ul><li><a href="/a">Harbour news today</a></li><li><a href="/b">Ferry news today</a></li></ul>'
    beside_removed = clean_text(_article(f"<p>{POSTS[0]}</p>", rows, "<h2>More from the harbour</h2>"), options)
    assert "Adult single | 4.50" not in beside_removed.text
    menu = clean_text(_article(f"<p>{POSTS[0]}</p>", links, f"<p>{POSTS[1]}</p>"), options)
    assert "Harbour news today" not in menu.text

