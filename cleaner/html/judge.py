"""Judge one element inside the article region: is it page furniture, and by which HTML rule?

Context-free, element by element, from structure plain text loses: element names, the
hidden attribute and styles, link density, and the class/id names sites give their widgets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from cleaner.html.dom import (
    BLOCK_TAGS,
    FORM_CONTROLS,
    HtmlElement,
    is_hidden,
    link_density,
    text_of,
    visible_length,
)
from cleaner.rules import codes

FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "header", "menu"})
FIGURE_TAGS = frozenset({"figure", "figcaption"})
CONTAINER_TAGS = frozenset({"div", "section", "ul", "ol", "dl", "table"})
TEXT_TAGS = frozenset({"p", "li", "dd", "dt", "h2", "h3", "h4", "h5", "h6"})

_NAME_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
"""Words of a name in kebab, snake or camel case: ``GoogleDfpAd-adCaption`` -> Google, Dfp, Ad, ad, Caption."""
_HIDDEN_NAMES = frozenset({"hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "d-none"})
# Whole words of class/id names (split at '-', '_', spaces), grouped by the rule they point to.
# Developers mostly name things in English, but not only: the common German, French, Spanish and
# Italian names for the same boxes are listed too.
_CAPTION_WORDS = frozenset(
    {"caption", "captions", "credit", "credits", "photocredit", "figcaption", "imagecaption", "bildunterschrift",
     "bildtext", "bildquelle", "legende", "didascalia"}
)  # fmt: skip
_BYLINE_WORDS = frozenset(
    {"byline", "bylines", "author", "authors", "dateline", "bio", "autor", "autoren", "auteur", "autore"}
)  # fmt: skip
_SHORT_CAPTION_WORDS = frozenset({"image", "photo", "picture", "gallery"})
_SHORT_BYLINE_WORDS = frozenset(
    {"timestamp", "published", "pubdate", "updated", "meta", "postmeta", "entrymeta", "posted", "date", "datum",
     "fecha"}
)  # fmt: skip
"""Names that mark a caption or a byline only on a short box: a long one named "image" or "meta" holds more."""
_EMBED_WORDS = frozenset({"tweet", "embed", "embedded", "blockquote", "quote", "pullquote"})
"""Quoted posts and quotes embedded in the article are the article's, whatever box they sit in."""
_WIDGET_WORDS = frozenset(
    {"share", "shares", "sharing", "sharebar", "comment", "comments", "newsletter", "newsletters", "subscribe",
     "subscription", "promo", "advert", "advertisement", "ad", "ads", "adslot", "sponsor", "sponsored", "tags",
     "tag", "breadcrumb", "breadcrumbs", "pagination", "signup", "popup", "modal", "cookie", "cookies", "toolbar",
     "outbrain", "taboola", "sidebar", "disqus", "cta", "followus", "donate", "paywall", "banner", "rating",
     "teilen", "werbung", "anzeige", "kommentar", "kommentare", "partage", "partager", "commentaires",
     "publicite", "publicidad", "compartir", "comentarios", "condividi", "commenti", "pubblicita"}
)  # fmt: skip
_LINK_BOX_WORDS = frozenset(
    {"related", "recommended", "recommendations", "teaser", "teasers", "rail", "trending", "carousel", "slider",
     "swiper", "popular", "mostread", "recirc", "recirculation", "readmore", "readalso", "seealso",
     "empfehlung", "empfehlungen", "verwandte", "relacionados", "relacionadas", "similaires",
     "correlati"}
)  # fmt: skip
"""Boxes pointing to other pages ("related", "teaser"); without a link inside, the name means something
else (German sites call an article's lead its "Teaser")."""

_ANY_FURNITURE_WORDS = (
    _CAPTION_WORDS | _BYLINE_WORDS | _SHORT_CAPTION_WORDS | _SHORT_BYLINE_WORDS | _WIDGET_WORDS | _LINK_BOX_WORDS
)

# WordPress and friends tag posts with their taxonomy: class="post tag-comments category-ads".
_TAXONOMY_PREFIXES = (
    *("tag-", "tags-", "category-", "categories-", "format-", "status-", "type-", "topic-"),
    *("has-", "with-"),  # modifiers: "has-image" says the box has an image, not that it is one
)

LINK_DENSE = 0.5
"""A container whose text is more than half link text is a menu or a list of links."""
LINK_DENSE_TEXT = 0.6
"""A paragraph or list item mostly made of a link is a teaser; prose with a linked phrase stays."""
LINK_DENSE_CONTAINER = 0.33
"""...a container holding mostly links, with little text of its own, too."""
SHORT_CONTAINER_CHARS = 400
CAPTION_MAX_CHARS = 400
"""Captions and bylines are short; a long box named "image" or "meta" holds more than that."""


_NO_WORDS: frozenset[str] = frozenset()


def name_words(el: HtmlElement) -> frozenset[str]:
    """The words of the element's class and id names; CMS taxonomy classes (``tag-brexit``) say nothing."""
    cls = el.get("class")
    ident = el.get("id")
    if cls is None and ident is None:
        return _NO_WORDS
    return words_of_names(f"{cls or ''} {ident or ''}")


@lru_cache(maxsize=8192)
def _named_hidden(names: str) -> bool:
    """A class or id that hides an element from sight (``sr-only``, ``d-none``)."""
    return not _HIDDEN_NAMES.isdisjoint(names.lower().split())


@lru_cache(maxsize=8192)
def words_of_names(names: str) -> frozenset[str]:
    """The words of a class and id string (a pure function of it: a page repeats its class strings often)."""
    words: set[str] = set()
    for token in names.split():
        if not token.lower().startswith(_TAXONOMY_PREFIXES):
            words.add(token.lower())
            words.update(part.lower() for part in _NAME_PART.findall(token))
    return frozenset(words)


def named_as_furniture(el: HtmlElement) -> bool:
    """Named like any kind of page furniture (captions, bylines, link boxes included), whatever its size."""
    words = name_words(el)
    return bool(words & _ANY_FURNITURE_WORDS) and not words & _EMBED_WORDS


def _stands_alone(el: HtmlElement) -> bool:
    """No running text touches the element: it is a line of its own, not a date inside a sentence."""
    previous = el.getprevious()
    before = previous.tail if previous is not None else el.getparent().text if el.getparent() is not None else ""
    return not (before or "").strip() and not (el.tail or "").strip()


def furniture_rule(
    el: HtmlElement, tag: str, lengths: Mapping[HtmlElement, tuple[int, int]] | None = None
) -> str | None:
    """The HTML rule code that removes ``el`` with everything inside it, or None to look inside.

    ``lengths`` (``dom.text_lengths`` of the page) spares measuring the element's text again."""
    if is_hidden(el):
        return codes.HIDDEN_ELEMENT
    if tag in FURNITURE_TAGS:
        return codes.FURNITURE_ELEMENT
    if tag in FIGURE_TAGS:
        return codes.FIGURE_CAPTION
    if tag in FORM_CONTROLS:
        return codes.FORM_CONTROL
    cls, ident = el.get("class"), el.get("id")
    names = f"{cls or ''} {ident or ''}" if cls is not None or ident is not None else ""
    if names and _named_hidden(names):
        return codes.HIDDEN_ELEMENT
    if tag == "time" and _stands_alone(el):
        return codes.BYLINE_ELEMENT
    if tag not in BLOCK_TAGS and "-" not in tag:  # custom elements (<ps-promo>) are components, not inline
        return None  # inline: a class name or a link inside a sentence is still the sentence's
    words = words_of_names(names) if names else _NO_WORDS
    if words and not words & _EMBED_WORDS:
        if words & _WIDGET_WORDS or (words & _LINK_BOX_WORDS and el.find(".//a") is not None):
            return codes.WIDGET_CLASS
        if words & _CAPTION_WORDS:
            return codes.FIGURE_CAPTION
        if words & _BYLINE_WORDS:
            return codes.BYLINE_ELEMENT
        if words & (_SHORT_CAPTION_WORDS | _SHORT_BYLINE_WORDS) and len(text_of(el)) <= CAPTION_MAX_CHARS:
            return codes.FIGURE_CAPTION if words & _SHORT_CAPTION_WORDS else codes.BYLINE_ELEMENT
    if tag not in CONTAINER_TAGS and tag not in TEXT_TAGS:
        return None
    measured = lengths.get(el) if lengths is not None else None
    if measured is not None and measured[1] > 0:  # (link text inside: a link, as far as density goes)
        visible, links = measured
        density = links / max(visible, 1)
    elif measured is None and el.find(".//a") is not None:
        visible, density = visible_length(el.text_content()), link_density(el)
    else:
        return None
    if tag in TEXT_TAGS:
        return codes.LINK_DENSE if density > LINK_DENSE_TEXT else None
    if density > LINK_DENSE or (density > LINK_DENSE_CONTAINER and visible < SHORT_CONTAINER_CHARS):
        return codes.LINK_DENSE
    return None
