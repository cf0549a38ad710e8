"""What the block classifier knows about each block of a page: named facts, as strings.

Each block is described by a list of feature names (``words=6-9``, ``anc=nav``, ``cw=comment``,
``furn=HTML003``); a feature is either present or not, so the model is a weight per name (see
classifier.py) and numbers are cut into a few ranges first. The facts are the block's own
(length, link share, sentence shape, stop words of the page's language), where it sits (tag
path, the class/id words of the elements around it, position), its neighbours, repetition
(the same text again, the block inside a run of look-alike siblings: posts, cards, rows), and
what the rules we have say: the HTML rule the element would have been removed by, whether
readability's best container and the article region hold it. The container choice is one fact
among the others, not the answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from cleaner.html.blocks import Walked
from cleaner.html.dom import HtmlElement, signature, tag_of
from cleaner.html.judge import name_words
from cleaner.text.language import detect_language_counts, stopwords
from cleaner.text.shapes import words_of

ANCESTOR_TAGS = frozenset(
    {"nav", "aside", "footer", "header", "form", "article", "main", "section", "li", "ul", "ol", "table", "td",
     "th", "dl", "dd", "blockquote", "figure", "details", "summary", "menu", "h1", "h2", "h3", "h4", "a",
     "button", "label", "address", "time", "strong", "b", "em", "span", "small", "code"}
)  # fmt: skip
"""Enclosing elements whose presence says something about a block."""
NAME_DEPTH = 6
"""How many enclosing elements' class/id words describe a block."""
NEAR_DEPTH = 2
"""The block's own element and its parent: their names are described apart (``cw0=``)."""
CARD_DEPTH = 8
"""How far up the walk looks for a run of look-alike siblings the block sits in."""
CARD_MIN_SIBLINGS = 3
DESCRIBED_MIN_CHARS = 20
"""A shorter block found in the page's description says little (a word or two of it)."""
MAX_NAME_WORD = 24
"""Longer class/id tokens are generated hashes, not names."""

_WORD_BINS = (0, 1, 2, 3, 5, 9, 19, 39, 79)
_SHARE_BINS = (0.0, 0.1, 0.2, 0.35, 0.5, 0.8)


def _bin(value: float, edges: Sequence[float]) -> int:
    """How many of ``edges`` ``value`` exceeds: 0 for at most the first edge."""
    n = 0
    for edge in edges:
        if value > edge:
            n += 1
        else:
            break
    return n


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the whole page adds to each block's features."""

    stopwords: frozenset[str]
    text_counts: Counter[str]
    best_share: int
    """The share of the page's words inside readability's best container, as a range."""
    region_share: int
    blocks: int
    runs: Mapping[HtmlElement, Counter[tuple[str, str]]]
    """Each parent's children by ``dom.signature`` (``dom.census``)."""
    described: str
    """The page's own descriptions (JSON-LD, meta), lower-cased: a block found in them is what the page is about."""


def _card_run(owner: HtmlElement, runs: Mapping[HtmlElement, Counter[tuple[str, str]]]) -> tuple[int, int]:
    """(look-alike siblings, levels up) of the nearest enclosing element that sits in a run of them; (0, 0) if none.

    A forum thread is a run of posts, a listing a run of cards: elements of the same tag and class
    side by side (``runs``: ``dom.census``'s count of each parent's children)."""
    el: HtmlElement | None = owner
    for level in range(CARD_DEPTH):
        if el is None:
            break
        parent = el.getparent()
        if parent is None:
            break
        counts = runs.get(parent)
        if counts is not None:
            same = counts[signature(el)]
            if same >= CARD_MIN_SIBLINGS:
                return same, level
        el = parent
    return 0, 0


def page_facts(
    walked: Sequence[Walked],
    runs: Mapping[HtmlElement, Counter[tuple[str, str]]],
    described: str = "",
    stop: frozenset[str] | None = None,
) -> PageFacts:
    texts = [w.block.text for w in walked if w.removal is None]
    if stop is None:
        counts: Counter[str] = Counter()
        for text in texts[:400]:
            counts.update(word.lower() for word in words_of(text))
        stop = stopwords(detect_language_counts(counts))
    total = sum(len(w.block.text) for w in walked if w.removal is None) or 1
    best = sum(len(w.block.text) for w in walked if w.removal is None and w.place.in_best)
    region = sum(len(w.block.text) for w in walked if w.removal is None and w.place.in_region)
    return PageFacts(
        stop,
        Counter(texts),
        _bin(best / total, _SHARE_BINS),
        _bin(region / total, _SHARE_BINS),
        len(texts),
        runs,
        described,
    )


_first = itemgetter(0)


def _own(w: Walked, stop: frozenset[str]) -> tuple[list[str], int, int]:
    """A block's own features, and its word and link-share ranges (for crosses and neighbours)."""
    text = w.block.text
    words = words_of(text)
    n = len(words)
    wbin = _bin(n, _WORD_BINS)
    link = _bin(w.link_chars / max(1, len(text.replace(" ", ""))), _SHARE_BINS)
    feats = [f"kind={w.block.kind}", f"words={wbin}", f"link={link}", f"lw={link},{wbin}", f"kw={w.block.kind},{wbin}"]
    if n:
        if stop:  # (the words are lower-cased)
            share = sum(map(stop.__contains__, words)) / n
            feats.append(f"stop={_bin(share, _SHARE_BINS)},{min(wbin, 6)}")
        else:
            feats.append("stop=unknown")
        # (the words are lower-cased, so this is always caps=0: the shipped model was fitted so; reading capitals
        # off the text as written is a feature for the next fit)
        caps = sum(map(str.isupper, map(_first, words))) / n
        feats.append(f"caps={_bin(caps, _SHARE_BINS)}")
        digits = sum(map(str.isdigit, map(_first, words))) / n
        feats.append(f"digits={_bin(digits, _SHARE_BINS)}")
        feats.append(f"avglen={min(9, len(text) // max(1, n))}")
    last = text.rstrip()[-1:]
    feats.append(f"end={last if last in '.!?:;,)…|' else ('w' if last.isalnum() else 'o')}")
    sentences = text.count(". ") + text.count("? ") + text.count("! ") + (last in ".!?")
    feats.append(f"sent={min(sentences, 4)}")
    if not w.block.para_start:
        feats.append("continues")
    return feats, wbin, link


def block_features(walked: Sequence[Walked], page: PageFacts) -> list[list[str]]:
    """The feature names of every block the markup did not remove (in order; removed blocks get [])."""
    names_memo: dict[HtmlElement, list[str]] = {}
    words_memo: dict[HtmlElement, frozenset[str]] = {}
    path_memo: dict[HtmlElement, tuple[str, ...]] = {}
    enclosing: dict[HtmlElement, tuple[frozenset[str], int]] = {}
    kept = [i for i, w in enumerate(walked) if w.removal is None]
    own: list[tuple[list[str], int, int]] = [_own(walked[i], page.stopwords) for i in kept]
    out: list[list[str]] = [[] for _ in walked]
    count = len(kept)
    for j, i in enumerate(kept):
        w = walked[i]
        feats, wbin, _ = own[j]
        feats = list(feats)
        place = w.place
        region = ("B" if place.in_best else "b") + ("R" if place.in_region else "r")
        feats += [f"place={region}", f"place={region},{wbin}", f"place={region},bs{page.best_share}"]
        feats.append(f"place={region},rs{page.region_share}")
        feats.append(f"furn={place.furniture}")
        if place.furniture:
            feats.append(f"furn={place.furniture},{w.block.kind}")
        feats.append(f"pos={10 * j // max(1, count)}")
        if page.described and len(w.block.text) >= DESCRIBED_MIN_CHARS and w.block.text.lower() in page.described:
            feats.append(f"described={w.block.kind},{wbin}")
        repeats = page.text_counts[w.block.text]
        if repeats > 1:
            feats.append(f"rep={min(repeats, 4)}")
        cards, level = _card_run(w.owner, page.runs)
        feats.append(f"cards={_bin(cards, (0, 3, 5, 10, 25))},{min(level, 4)}")
        feats.append(f"cards={_bin(cards, (0, 3, 5, 10, 25))},{region}")
        feats.extend(_path(w.owner, path_memo, enclosing))
        feats.extend(_names(w.owner, names_memo, words_memo))
        for side, k in (("prev", j - 1), ("next", j + 1)):
            if 0 <= k < count:
                _, nwbin, nlink = own[k]
                neighbour = walked[kept[k]]
                feats.append(f"{side}={nlink},{nwbin}")
                feats.append(
                    f"{side}place={'B' if neighbour.place.in_best else 'b'}{'R' if neighbour.place.in_region else 'r'}"
                )
                if neighbour.owner.getparent() is w.owner.getparent():
                    feats.append(f"{side}=sibling")
            else:
                feats.append(f"{side}=none")
        out[i] = feats
    return out


def _path(
    owner: HtmlElement,
    memo: dict[HtmlElement, tuple[str, ...]],
    enclosing: dict[HtmlElement, tuple[frozenset[str], int]],
) -> tuple[str, ...]:
    """``anc=TAG`` for each telling tag among the owner and its ancestors, ``itemprop=``/``role=`` values."""
    if owner in memo:
        return memo[owner]
    found, depth = _enclosing(owner, enclosing)
    memo[owner] = result = tuple(sorted({*found, f"depth={min(depth // 3, 10)}"}))
    return result


def _enclosing(el: HtmlElement, memo: dict[HtmlElement, tuple[frozenset[str], int]]) -> tuple[frozenset[str], int]:
    """The ``anc=``/``itemprop=``/``role=`` facts of ``el`` and its ancestors, and how many they are: each
    element's own facts added to its parent's (found once per element, from the top down)."""
    chain: list[HtmlElement] = []
    node: HtmlElement | None = el
    while node is not None and node not in memo:
        chain.append(node)
        node = node.getparent()
    found, depth = memo[node] if node is not None else (frozenset(), 0)
    for node in reversed(chain):
        own = _own_path(node)
        found, depth = (found | own if own else found), depth + 1
        memo[node] = (found, depth)
    return found, depth


def _own_path(el: HtmlElement) -> frozenset[str]:
    tag = tag_of(el)
    own: set[str] = {f"anc={tag}"} if tag in ANCESTOR_TAGS else set()
    for attribute in ("itemprop", "role"):
        value = el.get(attribute)
        if value and len(value) <= MAX_NAME_WORD:
            own.add(f"{attribute}={value.strip().lower()}")
    return frozenset(own)


@lru_cache(maxsize=8192)
def _describing(words: frozenset[str]) -> frozenset[str]:
    """The class/id words that describe a block: not generated hashes or numbers."""
    return frozenset(w for w in words if len(w) <= MAX_NAME_WORD and not w.isdigit())


def _names(
    owner: HtmlElement, memo: dict[HtmlElement, list[str]], words_memo: dict[HtmlElement, frozenset[str]]
) -> list[str]:
    """``cw0=`` words of the owner's and its parent's class/id names, ``cw=`` those of the next few up."""
    if owner in memo:
        return memo[owner]
    near: set[str] = set()
    far: set[str] = set()
    el: HtmlElement | None = owner
    for level in range(NAME_DEPTH):
        if el is None:
            break
        words = words_memo.get(el)
        if words is None:
            words_memo[el] = words = _describing(name_words(el))
        (near if level < NEAR_DEPTH else far).update(words)
        el = el.getparent()
    result = sorted(f"cw0={w}" for w in near) + sorted(f"cw={w}" for w in far - near)
    memo[owner] = result
    return result


TYPE_CROSSED = ("kind=", "lw=", "place=", "cards=", "furn=", "rep=", "pos=", "sent=", "stop=", "anc=", "cw0=")
"""Features whose weight depends on the page's type: a run of look-alike boxes is the thread on a forum and a
rail of teasers on an article; a table is a product's specifications."""

_TYPE_CROSSED = frozenset(TYPE_CROSSED)


def with_page_type(features: Sequence[Sequence[str]], page_type: str | None) -> list[list[str]]:
    """Each block's features with ``pt=TYPE`` and the type crossed with the ``TYPE_CROSSED`` ones (blocks without
    features, which markup removed, stay without)."""
    if page_type is None:
        return [list(names) for names in features]
    tag = f"pt={page_type}"
    crossed = _Crossed(tag).__getitem__
    return [[*names, tag, *filter(None, map(crossed, names))] if names else [] for names in features]


class _Crossed(dict[str, str]):
    """Feature name -> the name crossed with the page type ``tag``, or "" for a name not crossed (each name
    decided once a page: a page's blocks share most of their names)."""

    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag = tag

    def __missing__(self, name: str) -> str:
        self[name] = value = f"{self.tag},{name}" if name[: name.find("=") + 1] in _TYPE_CROSSED else ""
        return value
