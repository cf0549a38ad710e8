"""Invariants of text mode, held by hypothesis over generated pages.

Pages are built from lines that look like scraped text: prose, short menu
items, and real boilerplate (sign-ups, share buttons, cookie banners, in
several languages), with blank lines between some of them, so that every
kind of rule and structural decision gets exercised.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Options, clean_bytes, clean_text
from cleaner.outputs import render
from cleaner.rules import RuleSet

TEXT = Options(input_format="text")

BOILERPLATE = [
    "Sign up for our newsletter today!",
    "Abonnez-vous à notre newsletter",
    "Share on Facebook",
    "Partager sur Facebook",
    "We use cookies to improve your experience.",
    "Accept all cookies",
    "You must be logged in to post a comment.",
    "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
    "Melden Sie sich für unseren Newsletter an",
    "Suscríbete a nuestro boletín",
    "Read more",
    "Home",
    "© 2026 Example Media. All rights reserved.",
]
PROSE = [
    "The council voted on Monday to turn the old ferry terminal into a public library and reading room.",
    "Les habitants consacrent leurs samedis de novembre à planter des haies le long des chemins agricoles.",
    "Die Gemeinde will die alte Brücke bis zum Herbst sanieren und für Radfahrer öffnen.",
    "El ayuntamiento aprobó ayer el nuevo plan de transporte para los barrios del norte de la ciudad.",
    "Work on the roof is due to begin in the autumn, and the first floor should open to readers in 2028.",
]

words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12
)
random_line = st.lists(words, min_size=1, max_size=30).map(" ".join)
line = st.one_of(st.sampled_from(BOILERPLATE), st.sampled_from(PROSE), random_line, st.just(""))
page = st.lists(line, min_size=0, max_size=40).map("\n".join)

WITHOUT_STRUCTURE = Options(input_format="text", rules=RuleSet.build(ignore=["TXT"]))
"""Pattern and context rules only: built once, as a rule set is analysed for matching when it is built."""

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _lines(text: str) -> list[str]:
    return [stripped for raw in text.split("\n") if (stripped := raw.strip())]


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    rest = iter(haystack)
    return all(any(item == candidate for candidate in rest) for item in needle)


@PROPERTY_SETTINGS
@given(page)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text, TEXT).text
    assert clean_text(once, TEXT).text == once


@PROPERTY_SETTINGS
@given(page)
def test_pattern_and_context_rules_are_idempotent(text: str) -> None:
    once = clean_text(text, WITHOUT_STRUCTURE).text
    assert clean_text(once, WITHOUT_STRUCTURE).text == once


@PROPERTY_SETTINGS
@given(page)
def test_text_mode_output_lines_are_a_subsequence_of_the_input_lines(text: str) -> None:
    output = clean_text(text, TEXT).text
    assert _is_subsequence(_lines(output), _lines(text))


@PROPERTY_SETTINGS
@given(page)
def test_every_block_is_kept_or_removed_with_a_registered_rule(text: str) -> None:
    result = clean_text(text, TEXT)
    codes = {rule.code for rule in TEXT.rules.rules}
    assert len(result.kept) + len(result.removed) == len(_lines(text))
    assert all(d.removal is not None and d.removal.rule in codes and d.removal.reason for d in result.removed)


@settings(max_examples=60, deadline=None)
@given(page, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), st.sampled_from(["\n", "\r\n", "\r"]))
def test_encoding_and_newline_style_do_not_change_the_result(text: str, encoding: str, newline: str) -> None:
    data = text.replace("\n", newline).encode(encoding)
    assert clean_bytes(data, TEXT).text == clean_text(text, TEXT).text


@settings(max_examples=60, deadline=None)
@given(page)
def test_json_text_is_the_text_output(text: str) -> None:
    result = clean_text(text, TEXT)
    assert json.loads(render(result, "json"))["text"] + ("\n" if result.text else "") == render(result, "text")
