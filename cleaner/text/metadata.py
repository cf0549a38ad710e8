"""What the lines around a plain-text article say about it: title, byline, closing credit.

A headline and a byline just above the article are metadata, not body:
they move to :class:`~cleaner.model.Metadata` and leave the text with a
rule code (TXT010, TXT011). A dateline ("PARIS —") opens the first
paragraph and a closing credit ("This report by The Canadian Press was first
published Jan. 6, 2026.") ends the last; both stay in the text, and the
credit's source and date (ISO 8601) are copied into the metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import islice
from typing import TypeVar

from cleaner.model import Decision, Metadata, Removal
from cleaner.rules import RuleSet, codes
from cleaner.text.shapes import DocumentShapes, words_of

_Reading = TypeVar("_Reading")

TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 25
HEADER_LINES_BEFORE = 8
"""How far above the article's first line a headline may stand."""
HEADER_LINES_INTO = 3
"""How many lines into the article region a headline or byline may stand (container-style input)."""
BYLINE_MAX_WORDS = 16
BYLINE_LEAD_MAX_WORDS = 3
"""A byline's "by" comes at most this many words into its part of the line ("Words and pictures by …",
"Posted by …", "18 Nov 2019 | By …"): in "The plan was approved by Congress." a sentence leads up to it."""
DATE_LINE_MAX_WORDS = 14
"""A line this short that carries a date and no sentence is a date line ("Updated: 18 Nov 2019, 19:11")."""
CREDIT_LINES = 3
"""The closing credit is one of the article's last few lines."""
STRUCTURAL_PREFIX = "TXT"
PAGE_TITLE_RULES = (codes.MENU_RUN, codes.OUTSIDE_ARTICLE)
"""The page's first line stands for its <title> when the structural pass removed it as a menu or outside line."""
HEADLINE_MIN_WORDS = 4
PAGE_TITLE_MIN_WORDS = 3
CHAINED_TITLE_PARTS = 3
LABEL_MIN_WORDS = 2
TITLE_MIN_OVERLAP = 0.6
"""Dice overlap of a line's words with the page's first line (its <title>) for it to count as the headline."""
TITLE_SAME_OVERLAP = 0.8
"""Overlap at which a line is the page title itself: it may then end like a sentence ("They just might be.")."""
HEADLINE_SEARCH_BEFORE = 40
"""How far above the article a line that repeats the page's title may stand (menus and share bars sit between)."""
HEADLINE_MAX_NUMBERS = 2
"""A line with more numbers than this is a quote, a score table or a ticker row, not a headline."""

_NAME = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯΑ-Ω][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯΑ-Ω][\w.'’-]*){0,3}"
_BYLINE = re.compile(
    r"(?:^|[\s|,·•—–-])(?i:by|par|von|por|di|door|av|af|przez|autor(?:in)?:|author:|auteur\s*:)\s+"
    rf"(?P<name>{_NAME}(?:(?:\s*,\s*|\s+(?:and|und|et|y|e|en|och|og|&)\s+){_NAME})*)"
)
_BYLINE_PART = re.compile(r"[|·•—–]|\s-\s|\d")
"""What parts a byline's lead from what came before it on the line: a separator, a date or time's digits."""
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|columnist|contributor|redakteur(?:in)?|redaktion|"
    r"korrespondent(?:in)?|journaliste|rédaction|envoyée? spéciale?|corresponsal|redactora?|periodista|"
    r"giornalista|redazione|jornalista|redação|redactie|verslaggever)\b",
    re.IGNORECASE,
)
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")
_TITLE_SEPARATOR = re.compile(r"\s+\|\s+")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*%?")
_PICTURE_CREDIT = re.compile(
    r"(?i)^(?:photo|photos|foto|fotos|bild|image|picture|crédits?(?: photo)?|crédito|credit|quelle|source|fuente)\s*:"
    r"|©|\((?:photo|foto|bild)\b"
    r"|\b(?:getty\s*images|shutterstock|istock(?:photo)?|ap\s+photo|afp|reuters|efe|dpa|imago|picture[- ]alliance"
    r"|keystone|alamy|sipa|abaca|bildbox)\b"
)
"""A picture credit or caption source ("Alex Wong | Getty Images", "Foto: dpa", "Crédit photo : AFP")."""

_MONTH_NAMES = (
    "january jan janvier janv janeiro janeiro gennaio genn enero ene januar jän januari",
    "february feb février févr fevereiro fev febbraio febr febrero febrer februar februari",
    "march mar mars março marzo märz maart",
    "april apr avril avr abril aprile",
    "may mai maio maggio mayo mei",
    "june jun juin junho giugno junio juni",
    "july jul juillet juil julho luglio julio juli",
    "august aug août agosto ago augustus",
    "september sept sep septembre setembro set settembre septiembre",
    "october oct octobre outubro out ottobre ott octubre oktober okt",
    "november nov novembre novembro noviembre",
    "december dec décembre déc dezembro dez dicembre dic diciembre dezember",
)
"""Each month's names and abbreviations (English, French, Portuguese, Italian, Spanish, German, Dutch), in order."""
MONTHS: dict[str, int] = {
    name: number for number, names in reversed(list(enumerate(_MONTH_NAMES, start=1))) for name in names.split()
}
"""Month name -> number; a name shared by two months ("mar") is the earlier month's, as the first spelling wins."""

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_YEAR = re.compile(r"(?:19|20)\d\d")
"""Every date shape below holds a year: a line without one is passed over at the cost of one quick scan."""
_DATES = (
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)"),
    re.compile(r"(?P<day>\d{1,2})(?:\.|er|º)?\s+(?:de\s+)?" + _MONTH + r"\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)"),
)

_CREDITS = (
    # en: This report by The Canadian Press was first published Jan. 6, 2026.
    re.compile(r"^(?:this|the) (?:report|story|article) (?:by|from) (?P<source>.+?) was (?:first )?published (?:on )?"),
    # fr: Ce texte de La Presse Canadienne a été publié pour la première fois le 6 janvier 2026.
    re.compile(r"^(?:ce|cet) (?:texte|article|reportage) (?:de|d’|d') ?(?P<source>.+?) a (?:d'abord )?été publié "),
    # de: Dieser Bericht von dpa wurde erstmals am 6. Januar 2026 veröffentlicht.
    re.compile(r"^diese[rs]? (?:bericht|artikel|text|meldung) (?:von|der|des) (?P<source>.+?) wurde "),
    # es: Este informe de Europa Press se publicó por primera vez el 6 de enero de 2026.
    re.compile(
        r"^(?:este|esta) (?:informe|artículo|nota|reportaje) (?:de|del) (?P<source>.+?) (?:se publicó|fue publicad)"
    ),
)


def iso_date(text: str) -> str | None:
    """The first calendar date written in ``text`` (English, French, German, Spanish, ...), as YYYY-MM-DD."""
    if _YEAR.search(text) is None:
        return None
    for pattern in _DATES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else MONTHS.get((parts.get("month") or "").lower())
            day, year = int(parts["day"]), int(parts["year"])
            if month and 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _words(text: str, limit: int) -> int:
    """How many words ``text`` has, counted up to ``limit`` + 1: a long line of prose is not split whole."""
    return len(text.split(maxsplit=limit))


def _is_title_shaped(text: str) -> bool:
    stripped = text.rstrip("\"'”’» ")
    return TITLE_MIN_WORDS <= _words(text, TITLE_MAX_WORDS) <= TITLE_MAX_WORDS and not stripped.endswith(
        (".", ",", ";", ":")
    )


def _page_title_text(page_title: str) -> str:
    """The headline a <title> carries: without its site suffix ("Headline | Site"), or its longest part when
    sections are chained onto it ("Standings | Racing | F1 | Indy")."""
    parts = _TITLE_SEPARATOR.split(page_title)
    if len(parts) >= CHAINED_TITLE_PARTS:
        return max(parts, key=lambda part: _words(part, TITLE_MAX_WORDS))
    return _SITE_SUFFIX.sub("", page_title)


def _without_widget_label(line: str, page_title: str) -> str:
    """The headline within a line that holds the page title after a label ("Share options for: Headline",
    "Home News Headline"): only the part the page title spells out."""
    if _words(page_title, PAGE_TITLE_MIN_WORDS) < PAGE_TITLE_MIN_WORDS or not line.lower().endswith(page_title.lower()):
        return line
    label = line[: len(line) - len(page_title)]
    # A label is two words or more ahead of a space: "The Doobie Brothers ..." is not "Doobie Brothers ..." labelled.
    return line[len(label) :] if label[-1:].isspace() and _words(label, LABEL_MIN_WORDS) >= LABEL_MIN_WORDS else line


def _word_set(text: str) -> set[str]:
    return set(words_of(text))


def _overlap(words: set[str], title: set[str]) -> float:
    """Dice overlap of a line's word set with the title's: a short part of the title ("Davis Cup",
    a section name) is not the headline, nor is a long line that merely holds the title's words."""
    return 2 * len(words & title) / (len(words) + len(title)) if words and title else 0.0


def _title_word_sets(words: set[str], page_title: str, memo: MetadataMemo) -> list[set[str]]:
    """The page title's word sets: ``words``, all of its words, and those of the title without what may be a
    site suffix (" - " also joins a headline's two halves). A title of a word or two is a site or section name
    ("Quanta Magazine"): it names no headline."""
    if len(words) < PAGE_TITLE_MIN_WORDS:
        return []  # and the title without its suffix, a part of it, has fewer words still
    headline = memo.headline_words[page_title]
    return [words, headline] if len(headline) >= PAGE_TITLE_MIN_WORDS else [words]


def _headline_word_set(page_title: str) -> set[str]:
    return _word_set(_page_title_text(page_title))


def _is_credit_or_figures(text: str) -> bool:
    """A picture credit, or a ticker or score row (more numbers than a headline holds)."""
    return bool(_PICTURE_CREDIT.search(text)) or len(_NUMBER.findall(text)) > HEADLINE_MAX_NUMBERS


def _is_headline_like(text: str, memo: MetadataMemo) -> bool:
    """Not a credit or a row of figures, nor a shout in capitals (scripts without case pass)."""
    return not memo.credits_or_figures[text] and (any(c.islower() for c in text) or not any(c.isupper() for c in text))


def _is_page_furniture(decision: Decision) -> bool:
    """Removed only for standing outside the article (not for being a menu or a list)."""
    return decision.removal is not None and decision.removal.rule == codes.OUTSIDE_ARTICLE


def _movable(decision: Decision) -> bool:
    """A line the header may claim: kept, or removed only by the structural pass."""
    return decision.removal is None or decision.removal.rule.startswith(STRUCTURAL_PREFIX)


class _Readings(dict[str, _Reading]):
    """What ``read`` found in each line looked up so far: a line is read the first time it is looked up only.

    Looking up a line read before is a plain dict lookup, with no Python call (``__missing__`` runs on
    the first lookup alone).
    """

    def __init__(self, read: Callable[[str], _Reading]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, text: str) -> _Reading:
        found = self[text] = self.read(text)
        return found


class MetadataMemo:
    """What the metadata search read in each distinct line of one text, kept for every pass over it.

    The structural pass searches the lines around its article again in every round, and they are
    mostly the lines it read the round before: each line is tried as a byline, a date line and a
    credit once per text, not once per round.
    """

    def __init__(self) -> None:
        self.headline_words = _Readings(_headline_word_set)
        """By page title: the words of the headline it carries (see :func:`_page_title_text`)."""
        self.bylines = _Readings(byline_author)
        self.date_lines = _Readings(_date_line)
        self.credits_or_figures = _Readings(_is_credit_or_figures)
        self.closing_credits = _Readings(_closing_credit)


def byline_author(text: str) -> str | None:
    """The author named by a byline line ("By Jane Doe", "Par Marie Dupont", "Von Hans Meier"), or None."""
    if _words(text, BYLINE_MAX_WORDS) > BYLINE_MAX_WORDS:
        return None
    text = text.strip()
    match = _BYLINE.search(text)
    if (
        match is None
        or _words(_BYLINE_PART.split(text[: match.start()])[-1], BYLINE_LEAD_MAX_WORDS) > BYLINE_LEAD_MAX_WORDS
    ):
        return None
    names = [part.strip(" .") for part in match.group("name").split(",")]
    name = ", ".join(part for part in names if part and not _ROLE.search(part))
    return name or None


def _headline_index(
    decisions: Sequence[Decision],
    lo: int,
    start: int,
    page_title: str,
    memo: MetadataMemo,
    doc: DocumentShapes | None,
) -> int | None:
    """The headline, tried in this order: the line nearest above the article that repeats the page's first line
    (its <title>); the line directly above the article once byline, date and credit lines are skipped; the line
    above the byline nearest the article; a headline-shaped first kept line with a byline or date line just
    below it (container-style input). A line found by position alone must not be a credit, a row of figures or
    a shout in capitals."""
    repeat = _title_repeat_index(decisions, start, page_title, memo, doc)
    if repeat is not None:
        return repeat
    # Else the headline is the first line above the article once byline, date and picture-credit lines are skipped.
    for i in range(start - 1, max(0, lo) - 1, -1):
        d = decisions[i]
        text = d.block.text
        if memo.bylines[text] or memo.date_lines[text] or _PICTURE_CREDIT.search(text):
            continue
        if (
            _words(text, HEADLINE_MIN_WORDS) >= HEADLINE_MIN_WORDS
            and _is_title_shaped(text)
            and _is_headline_like(text, memo)
            and _is_page_furniture(d)
        ):
            return i
        break
    above_byline = _above_byline(decisions, start, memo)
    if above_byline is not None:
        return above_byline
    kept = list(islice((i for i, d in enumerate(decisions) if d.removal is None), 2))
    if (
        len(kept) == 2
        and _is_title_shaped(decisions[kept[0]].block.text)
        and _is_headline_like(decisions[kept[0]].block.text, memo)
    ):
        if memo.bylines[decisions[kept[1]].block.text]:
            return kept[0]
        # A byline or date line among the next few short lines ("Detroit News wire services", "Published ...").
        for below in decisions[kept[0] + 1 : kept[0] + 1 + HEADER_LINES_INTO]:
            text = below.block.text
            if memo.bylines[text] or memo.date_lines[text]:
                return kept[0]
            if not _is_title_shaped(text):
                break
    return None


def _title_repeat_index(
    decisions: Sequence[Decision], start: int, page_title: str, memo: MetadataMemo, doc: DocumentShapes | None
) -> int | None:
    """The line nearest above the article (or the article's first line) that repeats the page title: the first
    that is all but the title itself, else the one that shares most of it.

    A line's overlap with the title is worked out first, as it is cheap: only the few lines that share
    enough of the title to be the headline are read as bylines, credits or rows of figures. With the
    document's shapes (``doc``), its lines are not split into words again, and a line that shares no
    word with the page title is passed over at once.
    """
    # Nearest the article first: copies of the title further up sit in breadcrumbs, menus and share bars.
    lines = range(min(start, len(decisions) - 1), max(1, start - HEADLINE_SEARCH_BEFORE) - 1, -1)
    if not lines:
        return None  # text that opens with its article has no line above it to read
    if not _is_title_shaped(page_title):
        return None  # the first line is a sentence (text that opens with prose): no page title to repeat
    titles = _title_word_sets(_word_set(page_title) if doc is None else set(doc.line_words(0)), page_title, memo)
    if not titles:
        return None
    best_at: int | None = None
    best = TITLE_MIN_OVERLAP
    for i in lines:
        d = decisions[i]
        text = d.block.text
        if doc is None:
            words = _word_set(text)
        elif doc.title_words[i]:
            words = set(doc.line_words(i))  # the line's words as features split them: words_of's
        else:
            continue  # it shares no word with the page title
        if words.isdisjoint(titles[0]):
            continue  # not a word of the title (the first set, the whole title's, holds the others' words)
        overlap = max(_overlap(words, title) for title in titles)
        if overlap < TITLE_SAME_OVERLAP and overlap <= best:
            continue  # too little of the title to be the headline, or to beat the best line so far
        # A line in capitals that repeats the title is still its headline; a credit or a ticker row is not.
        if not _movable(d) or memo.bylines[text] or memo.credits_or_figures[text]:
            continue
        if overlap >= TITLE_SAME_OVERLAP and _words(text, TITLE_MAX_WORDS) <= TITLE_MAX_WORDS:
            return i
        if overlap > best and _is_title_shaped(text):
            best_at, best = i, overlap
    return best_at


def _above_byline(decisions: Sequence[Decision], start: int, memo: MetadataMemo) -> int | None:
    """The headline-shaped line just above the byline nearest the article (date lines between are skipped)."""
    lines = range(start - 1, max(0, start - HEADLINE_SEARCH_BEFORE) - 1, -1)
    at = next((i for i in lines if memo.bylines[decisions[i].block.text]), None)
    if at is None:
        return None
    for i in range(at - 1, max(0, at - HEADER_LINES_INTO) - 1, -1):
        d = decisions[i]
        text = d.block.text
        if memo.date_lines[text]:
            continue
        if (
            _movable(d)
            and _words(text, HEADLINE_MIN_WORDS) >= HEADLINE_MIN_WORDS
            and _is_title_shaped(text)
            and _is_headline_like(text, memo)
        ):
            return i
        break
    return None


def _move_byline_and_date(
    out: list[Decision], window: range, memo: MetadataMemo, rules: RuleSet
) -> tuple[str | None, str | None]:
    """The author and the date that the first byline and the first date line of the header ``window`` give;
    those lines leave the body (TXT011, TXT012). Both are looked for in one pass over the window.

    A line already moved to metadata (a byline that also carries the date) is read but not moved again.
    """
    author: str | None = None
    date: str | None = None
    for i in window:
        d = out[i]
        if d.removal is not None and not _movable(d):
            continue
        if author is None and (author := memo.bylines[d.block.text]) is not None:
            _move_to_metadata(out, i, rules.removal(codes.BYLINE_LINE, author=author))
        if date is None and (date := memo.date_lines[d.block.text]) is not None:
            _move_to_metadata(out, i, rules.removal(codes.DATE_LINE, date=date))
        if author is not None and date is not None:
            break
    return author, date


def _move_to_metadata(out: list[Decision], i: int, removal: Removal | None) -> None:
    """Line ``i`` leaves the body by ``removal`` (None: its rule is deselected), unless it has left it for metadata."""
    d = out[i]
    if removal is not None and (d.removal is None or d.removal.category != "metadata"):
        out[i] = Decision(d.block, removal)


def find_header(
    decisions: list[Decision],
    rules: RuleSet,
    region: tuple[int, int],
    memo: MetadataMemo | None = None,
    doc: DocumentShapes | None = None,
) -> tuple[list[Decision], Metadata]:
    """Move the headline and byline just above (or atop) the article region into metadata.

    ``memo`` carries what was read in the lines of the same text before (the structural pass
    searches again in every round); it is filled in as lines are read. ``doc``, the shapes of these
    very lines when known, spares splitting them into words again.
    """
    start, end = region
    if end < start:
        return decisions, Metadata()
    memo = MetadataMemo() if memo is None else memo
    out = list(decisions)
    lo, hi = max(0, start - HEADER_LINES_BEFORE), min(len(out), start + HEADER_LINES_INTO)
    page_title = out[0].block.text if out else ""
    title_at = _headline_index(out, lo, start, page_title, memo, doc)
    title: str | None = None
    if title_at is not None:
        title = _without_widget_label(out[title_at].block.text, _page_title_text(page_title))
        removal = rules.removal(codes.TITLE_LINE)
        if removal is not None:
            out[title_at] = Decision(out[title_at].block, removal)
    author, date = _move_byline_and_date(out, range(lo, hi), memo, rules)
    # Failing a headline, the page's first line (its <title>) when the structural pass removed it.
    first_removed = bool(out) and out[0].removal is not None and out[0].removal.rule in PAGE_TITLE_RULES
    if title is None and first_removed and _is_title_shaped(page_title):
        title = _page_title_text(page_title)
    return out, Metadata(title=title, author=author, date=date)


def _date_line(text: str) -> str | None:
    """The date of a short header line that is only a date (with a time, a label, a place), else None."""
    if _words(text, DATE_LINE_MAX_WORDS) > DATE_LINE_MAX_WORDS or text.rstrip().endswith((".", "!", "?")):
        return None
    return iso_date(text)


def find_credit(decisions: Sequence[Decision], memo: MetadataMemo | None = None) -> Metadata:
    """Source and date of a closing credit among the article's last lines; the line itself stays."""
    read = _closing_credit if memo is None else memo.closing_credits.__getitem__
    left = CREDIT_LINES
    for d in reversed(decisions):  # past the removed footer, up to the last few kept lines
        if d.removal is None:
            credit = read(d.block.text)
            if credit is not None:
                return credit
            left -= 1
            if not left:
                break
    return Metadata()


def _closing_credit(text: str) -> Metadata | None:
    """Source and date of ``text`` when it is a closing credit ("This report by ... was first published ...")."""
    lowered = text.lower()
    for pattern in _CREDITS:
        match = pattern.match(lowered)
        if match:
            source = text[match.start("source") : match.end("source")].strip()
            return Metadata(source=source, date=iso_date(text))
    return None
