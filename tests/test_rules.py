"""The rule catalogue and the rule engine: every example in every TOML file, and how rules are found."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.rules import Pattern, Rule, RuleError, RuleSet, analyser, builtin_rules, index, matcher
from cleaner.rules.analyser import edge_keys, needed_literals
from cleaner.rules.matcher import FOLDING
from cleaner.rules.reindex import builtin_index_text

DEFAULT = RuleSet.default()
PATTERN_RULES = DEFAULT.pattern_rules

CATEGORY_PREFIXES = {
    "NEWS": "newsletter",
    "BOT": "captcha",
    "LOGIN": "login",
    "COMM": "comments",
    "CONS": "consent",
    "SHARE": "share",
    "AD": "advertising",
    "NAV": "navigation",
    "REL": "related",
    "LOC": "region",
    "APP": "app",
    "PAY": "paywall",
    "CRED": "credit",
    "LEGAL": "legal",
    "TOOL": "tools",
    "MKP": "markup",
}
"""Every required category: code prefix -> category name."""

SAMPLES: dict[str, dict[str, str]] = {
    "NEWS": {
        "en": "Sign up for our daily newsletter",
        "fr": "Abonnez-vous à notre newsletter quotidienne",
        "de": "Jetzt den Newsletter abonnieren",
        "es": "Suscríbete a nuestro boletín diario",
    },
    "BOT": {
        "en": "Please verify you are a human",
        "fr": "Vérifiez que vous êtes un humain",
        "de": "Ich bin kein Roboter",
        "es": "No soy un robot",
    },
    "LOGIN": {
        "en": "You need to be signed in to comment.",
        "fr": "Connectez-vous pour réagir",
        "de": "Bitte loggen Sie sich ein, um fortzufahren.",
        "es": "Inicia sesión para comentar",
    },
    "COMM": {
        "en": "Post a comment",
        "fr": "Ajouter un commentaire",
        "de": "Jetzt kommentieren",
        "es": "Escribe un comentario",
    },
    "CONS": {
        "en": "This site uses cookies to give you a better experience.",
        "fr": "Nous utilisons des cookies pour mesurer l'audience.",
        "de": "Wir verwenden Cookies, um unsere Website zu verbessern.",
        "es": "Usamos cookies para analizar el tráfico.",
    },
    "SHARE": {
        "en": "Share this story",
        "fr": "Partager cet article",
        "de": "Per WhatsApp teilen",
        "es": "Compartir esta noticia",
    },
    "AD": {"en": "Advertisement", "fr": "Publicité", "de": "Anzeige", "es": "Publicidad"},
    "NAV": {
        "en": "Skip to content",
        "fr": "Retour en haut",
        "de": "Zurück nach oben",
        "es": "Ir al contenido principal",
    },
    "REL": {
        "en": "You might also like",
        "fr": "À lire aussi",
        "de": "Lesen Sie auch",
        "es": "Noticias relacionadas",
    },
    "LOC": {
        "en": "Choose your edition",
        "fr": "Changer d'édition",
        "de": "Region wählen",
        "es": "Elige tu edición",
    },
    "APP": {
        "en": "Download the app",
        "fr": "Téléchargez l'application",
        "de": "Jetzt die App herunterladen",
        "es": "Descarga la aplicación",
    },
    "PAY": {
        "en": "This story is available to subscribers only",
        "fr": "Abonnez-vous pour lire la suite",
        "de": "Nur für Abonnenten",
        "es": "Solo para suscriptores",
    },
    "CRED": {
        "en": "Photo: Getty Images",
        "fr": "Photo : AFP",
        "de": "Foto: picture alliance",
        "es": "Foto: EFE",
    },
    "LEGAL": {
        "en": "Copyright © 2023 Example News. All rights reserved.",
        "fr": "© 2023 Le Journal. Tous droits réservés.",
        "de": "© 2023 Die Zeitung. Alle Rechte vorbehalten.",
        "es": "© 2023 El Diario. Todos los derechos reservados.",
    },
    "TOOL": {"en": "Print this article", "fr": "Imprimer", "de": "Drucken", "es": "Imprimir"},
}
"""One line per category and language, none of them copied from the rule files' own examples."""

PROSE_WITH_KEYWORDS = [
    "Subscribers who signed up for the newsletter before March were told on Monday that their data had "
    "leaked, and the company urged them to change passwords, log in again and review their privacy settings.",
    "The advertisement, which ran in three newspapers, showed a photo by Getty Images of a crowd outside "
    "the stadium, and readers were invited to share their thoughts and comments on Facebook and Twitter.",
    "Home prices rose again in May; read more about why economists expect the trend to continue into the "
    "autumn, when the central bank meets to decide whether to accept all of the government's proposals.",
    "Die Anzeige erschien in mehreren Zeitungen; Leser wurden gebeten, den Artikel zu teilen, den Newsletter "
    "zu abonnieren und ihre Meinung in den Kommentaren zu schreiben, sagte der Verlag am Montag.",
    "La publicité, publiée dans plusieurs journaux, invitait les lecteurs à partager l'article, à s'abonner "
    "à la newsletter et à laisser un commentaire, a indiqué l'éditeur lundi dans un communiqué.",
    "La publicidad apareció en varios diarios; los lectores fueron invitados a compartir la noticia, "
    "suscribirse al boletín y dejar un comentario, dijo la editorial el lunes en un comunicado.",
    "Support for the measure, which was updated at 1:23 p.m. on Tuesday, grew after reporters contributed "
    "their notes to this report and readers were told to email the author at desk@example.com for details.",
    "Published in 2019 with photos by a local agency, the study was later updated, and the charity asked "
    "readers to donate to its appeal so that volunteers could continue their work in the gallery.",
]


def _examples() -> list[tuple[Rule, str, bool]]:
    out = []
    for rule in PATTERN_RULES:
        out += [(rule, text, True) for text in rule.must_match]
        out += [(rule, text, False) for text in rule.must_not_match]
    return out


def _example_id(case: tuple[Rule, str, bool]) -> str:
    rule, text, expected = case
    return f"{rule.code}-{'match' if expected else 'no_match'}-{text[:40]}"


def _naive_first_match(rules: RuleSet, line: str) -> Rule | None:
    """Every pattern rule in order, one by one: what the filed matcher must agree with."""
    text = line.strip()
    words = len(text.split())
    if not words:
        return None
    for rule in rules.pattern_rules:
        if words <= rule.max_words and any(p.search(text) for p in rule.patterns):
            return rule
    return None


# --- the catalogue ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _examples(), ids=_example_id)
def test_rule_example(case: tuple[Rule, str, bool]) -> None:
    rule, text, expected = case
    assert rule.matches(text) is expected


@pytest.mark.parametrize("case", [c for c in _examples() if c[2]], ids=_example_id)
def test_every_match_example_is_removed_by_the_rule_set(case: tuple[Rule, str, bool]) -> None:
    assert DEFAULT.first_match(case[1]) is not None


def test_every_pattern_rule_has_at_least_two_examples_each_way() -> None:
    thin = [r.code for r in PATTERN_RULES if len(r.must_match) < 2 or len(r.must_not_match) < 2]
    assert thin == []


def test_rule_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in builtin_rules()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{2,8}[0-9]{3}", code) for code in codes)


def test_rules_have_a_name_and_a_one_line_reason() -> None:
    for rule in builtin_rules():
        assert rule.name and rule.reason and "\n" not in rule.reason, rule.code


def test_pattern_rule_codes_carry_their_category_prefix() -> None:
    for rule in PATTERN_RULES:
        prefix = re.sub(r"[0-9]+$", "", rule.code)
        assert CATEGORY_PREFIXES[prefix] == rule.category, rule.code


@pytest.mark.parametrize("prefix", sorted(CATEGORY_PREFIXES))
def test_every_required_category_has_rules(prefix: str) -> None:
    assert any(r.code.startswith(prefix) for r in PATTERN_RULES)


@pytest.mark.parametrize(
    ("prefix", "language"), [(p, lang) for p in sorted(SAMPLES) for lang in ("en", "fr", "de", "es")]
)
def test_every_category_works_in_english_french_german_and_spanish(prefix: str, language: str) -> None:
    rule = DEFAULT.first_match(SAMPLES[prefix][language])
    assert rule is not None and rule.category == CATEGORY_PREFIXES[prefix]


@pytest.mark.parametrize("sentence", PROSE_WITH_KEYWORDS, ids=lambda s: s[:30])
def test_a_long_prose_sentence_with_keywords_is_never_removed(sentence: str) -> None:
    assert DEFAULT.first_match(sentence) is None


def test_the_starter_codes_stay_stable() -> None:
    for code in ("NEWS001", "BOT001", "LOGIN001", "COMM001", "LOC001"):
        assert DEFAULT.get(code) is not None


# --- selection and user rule files ------------------------------------------------------------------------------


def test_select_by_prefix_keeps_only_those_rules() -> None:
    rules = RuleSet.build(select=["SHARE"])
    assert {r.code[:5] for r in rules.rules} == {"SHARE"}
    assert rules.first_match("Share this article") is not None
    assert rules.first_match("Advertisement") is None


def test_ignore_by_prefix_drops_those_rules() -> None:
    rules = RuleSet.build(ignore=["AD"])
    assert rules.first_match("Advertisement") is None
    share = rules.first_match("Share this article")
    assert share is not None and share.code == "SHARE001"


def test_an_unknown_selector_is_an_error() -> None:
    with pytest.raises(RuleError, match="NOPE"):
        RuleSet.build(select=["NOPE"])


def test_a_user_rule_file_adds_rules_tried_before_the_built_in_ones(tmp_path: Path) -> None:
    path = tmp_path / "house.toml"
    path.write_text(
        'category = "promo"\n[[rule]]\ncode = "HOUSE001"\nreason = "house promo"\n'
        "patterns = ['^download our app', '^our podcast$']\n",
        encoding="utf-8",
    )
    rules = RuleSet.build(extra_files=[path])
    app = rules.first_match("Download our app now")
    podcast = rules.first_match("Our podcast")
    assert app is not None and app.code == "HOUSE001" and app.category == "promo"
    assert podcast is not None and podcast.origin == str(path)
    assert RuleSet.default().first_match("Our podcast") is None


def test_a_user_rule_reusing_a_built_in_code_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "clash.toml"
    path.write_text('[[rule]]\ncode = "AD001"\ncategory = "x"\nreason = "x"\npatterns = ["x"]\n', encoding="utf-8")
    with pytest.raises(RuleError, match="AD001"):
        RuleSet.build(extra_files=[path])


def test_broken_toml_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('category = "x"\n\n[[rule]]\ncode = "X001\n', encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        RuleSet.build(extra_files=[path])
    assert str(path) in str(caught.value)
    assert "line 4" in str(caught.value)


def test_a_bad_pattern_names_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[rule]]\ncode = "BAD001"\ncategory = "x"\nreason = "x"\npatterns = ["(unclosed"]\n')
    with pytest.raises(RuleError, match="BAD001"):
        RuleSet.build(extra_files=[path])


# --- the engine -------------------------------------------------------------------------------------------------


def test_the_default_rule_set_is_built_once_per_process() -> None:
    assert RuleSet.default() is RuleSet.default()
    assert builtin_rules() == builtin_rules()


def test_a_rule_set_survives_pickling_for_worker_processes() -> None:
    copy = pickle.loads(pickle.dumps(RuleSet.build(ignore=["NAV"])))
    assert copy.rules == RuleSet.build(ignore=["NAV"]).rules
    hit = copy.first_match("Share this article")
    assert hit is not None and hit.code == "SHARE001"
    assert copy.first_match("Skip to main content") is None


def _only_user_rules(tmp_path: Path, prefix: str, toml: str) -> RuleSet:
    path = tmp_path / f"{prefix.lower()}.toml"
    path.write_text(toml, encoding="utf-8")
    return RuleSet.build(extra_files=[path], select=[prefix])


def test_the_first_rule_in_order_wins_when_several_match(tmp_path: Path) -> None:
    rules = _only_user_rules(
        tmp_path,
        "TWO",
        'category = "x"\n'
        '[[rule]]\ncode = "TWO001"\nreason = "a"\npatterns = ["word$"]\n'
        '[[rule]]\ncode = "TWO002"\nreason = "b"\npatterns = ["^some"]\n',
    )
    hit = rules.first_match("some word")
    assert hit is not None and hit.code == "TWO001"


def test_lines_met_on_an_earlier_page_are_judged_as_on_a_fresh_matcher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matcher, "RECENT_LINES", 6)
    rules = RuleSet(tuple(builtin_rules()))
    pages = [
        ["Share this article", "Home", "A sentence of the story, long enough to be prose.", "  Home  ", "Home"],
        ["Home", "Advertisement", "Share this article", "© 2024 Example Ltd. All rights reserved."],
        [f"Line {i} of a long page" for i in range(10)] + ["Advertisement", "Home"],
        ["Home", "Related articles", "Line 3 of a long page", "Advertisement"],
    ]
    for page in pages:
        numbers = rules.first_match_numbers(page)
        assert numbers == RuleSet(tuple(builtin_rules())).first_match_numbers(page)
        assert [rules.pattern_rules[n] if n < len(rules.pattern_rules) else None for n in numbers] == [
            _naive_first_match(rules, line) for line in page
        ]
        assert len(rules._matcher.recent) <= 6
        if len(page) > 6:  # a page of more new lines than it keeps: they are not kept
            assert "Line 0 of a long page" not in rules._matcher.recent


def test_max_words_lets_a_later_rule_match_a_longer_line(tmp_path: Path) -> None:
    rules = _only_user_rules(
        tmp_path,
        "LEN",
        'category = "x"\n'
        '[[rule]]\ncode = "LEN001"\nreason = "short"\nmax_words = 2\npatterns = ["^share"]\n'
        '[[rule]]\ncode = "LEN002"\nreason = "long"\nmax_words = 10\npatterns = ["^share"]\n',
    )
    short, longer = rules.first_match("Share it"), rules.first_match("Share it with all of your friends")
    assert short is not None and short.code == "LEN001"
    assert longer is not None and longer.code == "LEN002"
    assert rules.first_match("share " * 11) is None


def test_patterns_are_filed_by_their_anchored_edges() -> None:
    assert edge_keys(re.compile("^(share|tweet)", re.I)) == ("head", {"share", "tweet"})
    assert edge_keys(re.compile(r"all rights reserved\.?$", re.I)) == ("tail", {"served", "erved."})
    assert edge_keys(re.compile(r"^\w+ foo")) is None
    assert edge_keys(re.compile(r"\bfoo\b")) is None
    assert edge_keys(re.compile(r"^©\S+")) == ("head", {"©"})


def test_a_pattern_with_too_many_long_edges_is_filed_by_short_ones() -> None:
    filed = edge_keys(re.compile(r"^[0-9]{3}-[a-z]{2} x", re.I))
    assert filed is not None and filed[0] == "head"
    assert filed[1] == {f"{a}{b}" for a in "0123456789" for b in "0123456789"}


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"^(?-i:[A-Z])[^.!?]{0,200}\bcontributed (reporting|to (this|the) (report|story|article))", ("contributed ",)),
        (r"(sign up|subscribe)\b", ("sign up", "subscribe")),
        (r"^(the )?(story|article) continues", (" continues",)),
        (r"(?-i:REUTERS|AFP|EPA|EFE|DPA)/\w+$", ("/",)),
        (r"\((photo|image) by [^()]{1,80}\)", (" by ",)),
        (r"^\w+$", ()),  # nothing literal
        (r"^(a|b)\w*$", ()),  # single letters say nothing
        (r"x(?!newsletter)y", ("xy",)),  # a negative lookahead needs nothing
        (r"^ſhare$", ("share",)),  # folded as IGNORECASE matches it
        (r"^\w+\s*[,/]\s*(getty images|alamy)$", ("alamy", "getty images")),  # not the comma most prose holds
        (r"^\w+\s*[,/]\s*\w+$", (",", "/")),  # ... unless nothing else is needed
    ],
)
def test_needed_literals_are_text_every_match_holds(pattern: str, needed: tuple[str, ...]) -> None:
    assert needed_literals(re.compile(pattern, re.I)) == needed


def test_edges_are_folded_as_keys_are_filed() -> None:
    assert FOLDING.fold("Menu\t\u00a0X") == "menu  x"  # every white space a space, as \\s files it
    assert FOLDING.fold("\u0663 Comments") == "3 comments"  # an Arabic-Indic digit is a \\d
    assert FOLDING.fold("ſhare") == "share"


def test_too_many_long_edges_are_cut_to_their_shared_starts_not_to_one_character() -> None:
    filed = edge_keys(re.compile(r"^[×✕✖☰≡\s]*(menu|search)\s*$", re.I))
    assert filed is not None and filed[0] == "head"
    assert {"menu", "search", "×menu", "☰searc", "××", "☰ "} <= filed[1]
    assert len(filed[1]) <= 300 and min(map(len, filed[1])) == 2


def test_lines_are_folded_the_way_ignorecase_compares_them() -> None:
    assert FOLDING.fold_case("ſHARE ÉTÉ") == "share été"
    assert FOLDING.fold_case("ΟΔΟΣ σ") == "οδος ς"  # final and medial sigma are one letter to re
    assert FOLDING.fold_case("İstanbul") is None  # lower-casing changes the length


@pytest.mark.parametrize(
    "line",
    [
        "ADVERTISEMENT",
        "ſhare this",  # long s: equal to 's' under IGNORECASE
        "İmage 1 of 3",  # lower-casing changes the length
        "٣ Comments",  # an Arabic-Indic digit is a \d
        "  Share  ",
        "x",
        "©",
        "© Example Photo Agency",
        "SHARE ON FACEBOOK",
    ],
)
def test_the_filed_matcher_agrees_with_trying_every_rule_in_order(line: str) -> None:
    assert DEFAULT.first_match(line) is _naive_first_match(DEFAULT, line)


LINES = st.sampled_from([text for rule, text, _ in _examples()] + PROSE_WITH_KEYWORDS)


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from([str, str.upper, str.lower, str.title]), st.text(max_size=3), st.text(max_size=3))
def test_filing_never_changes_which_rule_matches(line: str, case: object, before: str, after: str) -> None:
    assert callable(case)
    text = before + case(line) + after
    assert DEFAULT.first_match(text) is _naive_first_match(DEFAULT, text)


def _hostile_variants(example: str) -> list[str]:
    """An example stretched the ways that make nested quantifiers backtrack: wide spaces, many list items."""
    variants = [example.replace(" ", "    ") + " !"]
    for sep in (", ", " / ", " | ", " · ", " > ", " - ", ": "):
        variants.append(example + (sep + "a   a") * 12 + "!")
        variants.append(sep.join([example] * 6) + "  !")
    return variants


def test_no_pattern_backtracks_catastrophically_on_hostile_lines() -> None:
    started = time.perf_counter()
    for rule in PATTERN_RULES:
        for example in rule.must_match:
            for line in _hostile_variants(example):
                for pattern in rule.patterns:
                    pattern.search(line)
    # A pattern with nested ambiguous repeats takes seconds on a single such line; the whole set takes ~0.1 s.
    assert time.perf_counter() - started < 3.0


VARIANTS = st.tuples(
    LINES, st.sampled_from([str, str.upper, str.lower, str.title]), st.text(max_size=3), st.text(max_size=3)
)


@settings(max_examples=200, deadline=None)
@given(st.lists(VARIANTS, max_size=8))
def test_matching_many_lines_at_once_agrees_with_trying_every_rule_in_order(
    variants: list[tuple[str, object, str, str]],
) -> None:
    lines = []
    for line, case, before, after in variants:
        assert callable(case)
        lines.append(before + case(line) + after)
    found = DEFAULT.first_matches(lines)
    assert len(found) == len(lines)
    assert all(rule is _naive_first_match(DEFAULT, line) for rule, line in zip(found, lines, strict=True))


@pytest.mark.parametrize(
    "lines",
    [
        ["İmage 1 of 3", "Share this article", "Advertisement"],  # one line that cannot be folded whole
        ["Photo: AP\nShare this", "Advertisement", ""],  # a line holding the separator; an empty line
        ["John Smith is a staff writer", "ſhare this", "Jane Doe (jane@example.com) is our editor"],
        ["Read more \u00bb News \u203a World \u203a Europe", "newsletter"],
    ],
)
def test_hostile_batches_agree_with_trying_every_rule_in_order(lines: list[str]) -> None:
    assert DEFAULT.first_matches(lines) == [_naive_first_match(DEFAULT, line) for line in lines]


@pytest.mark.parametrize(
    "lines",
    [
        ["İmage 1 of 3", "Share this article", "Advertisement", "٣ Comments", "ſhare this"],
        ["Photo: AP\nShare this", "Advertisement", "", "\u00a0Menu", "Menu\tHome"],
        ["John Smith is a staff writer", "Jane Doe (jane@example.com) is our editor"],
    ],
)
def test_lines_with_characters_folded_specially_agree_with_trying_every_rule_in_order(lines: list[str]) -> None:
    assert DEFAULT.first_matches(lines) == [_naive_first_match(DEFAULT, line) for line in lines]


def test_a_literal_across_two_lines_does_not_count_for_either(tmp_path: Path) -> None:
    rules = _only_user_rules(
        tmp_path,
        "JOIN",
        'category = "x"\n[[rule]]\ncode = "JOIN001"\nreason = "r"\npatterns = ["^[A-Z]\\\\w* a\\\\nb"]\n',
    )
    assert rules.first_matches(["Xyz a", "b", "Xyz a\nb"]) == [None, None, rules.pattern_rules[0]]


def test_without_the_shipped_index_every_pattern_is_tried_and_the_result_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = [text for _, text, _ in _examples()] + PROSE_WITH_KEYWORDS + ["İmage 1 of 3", "ſhare this", ""]
    monkeypatch.setattr(index, "shipped", lambda: index.ShippedIndex({}, {}))
    unfiled = RuleSet.build()
    assert unfiled._matcher.heads == {} and unfiled._matcher.by_literal == ()
    assert len(unfiled._matcher.anywhere) == len(unfiled._matcher.pairs)
    assert unfiled.first_matches(lines) == DEFAULT.first_matches(lines)


# --- the shipped index of the built-in patterns' analyses ----------------------------------------------------------


def test_the_shipped_index_is_what_analysing_the_built_in_patterns_gives_now() -> None:
    shipped = resources.files("cleaner").joinpath(index.INDEX_FILE).read_text(encoding="utf-8")
    assert shipped == builtin_index_text(), (
        "cleaner/data/rule_index.json is stale: run `.venv/bin/python -m cleaner.rules.reindex` and commit it"
        " (and raise index.ANALYSER_VERSION if the analyser changed)"
    )


def test_the_shipped_case_folds_are_what_ignorecase_treats_as_equal() -> None:
    case_fold = index.shipped().case_fold
    assert case_fold == analyser.case_fold_table() and case_fold
    for variant, canonical in case_fold.items():
        assert re.fullmatch(re.escape(chr(variant)), chr(canonical), re.IGNORECASE)


def test_building_the_rules_reads_every_analysis_from_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    lookups: list[str] = []
    real = index.analysis

    def counted(flags: int, source: str) -> index.Analysis:
        found = real(flags, source)
        if found is index.UNKNOWN:
            lookups.append(source)
        return found

    monkeypatch.setattr(index, "analysis", counted)
    built = RuleSet.build()
    assert lookups == []
    assert built._matcher == DEFAULT._matcher


def test_a_pattern_the_index_lacks_is_tried_on_every_line(tmp_path: Path) -> None:
    rules = _only_user_rules(
        tmp_path, "OWN", 'category = "x"\n[[rule]]\ncode = "OWN001"\nreason = "r"\npatterns = ["^my own line$"]\n'
    )
    assert [pair.pattern.pattern for pair in rules._matcher.anywhere] == ["^my own line$"]
    hit = rules.first_match("My own line")
    assert hit is not None and hit.code == "OWN001"
    assert rules.first_match("Not my own line") is None


def test_an_index_stamped_with_another_analyser_version_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "ANALYSER_VERSION", index.ANALYSER_VERSION + 1)
    index.shipped.cache_clear()
    try:
        assert index.shipped() == index.ShippedIndex({}, {})
    finally:
        monkeypatch.undo()
        index.shipped.cache_clear()
    assert index.shipped().analyses


def test_cleaning_never_imports_the_analyser() -> None:
    code = (
        "import sys; from cleaner import Options, clean_text; from cleaner.rules import RuleSet;"
        " clean_text('Share this article\\nHello there, this is a sentence.', Options(input_format='text'));"
        " RuleSet.build(); assert 'cleaner.rules.analyser' not in sys.modules, 'imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- patterns compiled when first searched -------------------------------------------------------------------------


def test_every_built_in_pattern_compiles_in_the_linear_time_engine() -> None:
    for rule in PATTERN_RULES:
        for pattern in rule.patterns:
            assert callable(pattern.compiled()), (rule.code, pattern.pattern)


def test_compile_patterns_compiles_every_pattern_of_the_rule_set_at_once() -> None:
    rules = RuleSet.default()
    rules.compile_patterns()
    assert all(pattern._compiled is not None for rule in rules.pattern_rules for pattern in rule.patterns)


def test_a_pattern_is_compiled_when_first_searched_and_then_searches_as_the_compiled_one() -> None:
    pattern = Pattern("^share (this|it)$", re.IGNORECASE)
    assert pattern._compiled is None
    assert pattern.search("Share it") is True
    assert pattern.search == pattern.compiled()
    assert pattern.flags == re.compile("^share (this|it)$", re.IGNORECASE).flags
    assert pattern.search("Please share it") is False


def test_a_pattern_compares_and_pickles_by_its_source_and_flags() -> None:
    pattern = Pattern("^menu$", re.IGNORECASE)
    pattern.compiled()
    copy = pickle.loads(pickle.dumps(pattern))
    assert copy == pattern and hash(copy) == hash(pattern) and copy._compiled is None
    assert Pattern("^menu$") != pattern
    assert copy.search("MENU") is True


@pytest.mark.parametrize(
    ("pattern", "lengths"),
    [
        (r"^(privacy policy|imprint)$", (7, 14)),  # the whole line: at most the longest match
        (r"^(privacy policy|imprint)\s*$", (7, None)),
        (r"^share this", (10, None)),  # a match at the start: the line may go on
        (r"(?m)^menu$", (4, None)),  # each line of a text, not the whole text
        (r"^(?=[0-9a-f]*\d)[0-9a-f]{32,}$", (32, None)),
    ],
)
def test_a_line_shorter_than_any_match_or_longer_than_a_whole_line_match_is_not_tried(
    pattern: str, lengths: tuple[int, int | None]
) -> None:
    assert analyser.line_lengths(re.compile(pattern)) == lengths
