"""Bytes to text: every encoding a scrape arrives in, and what is refused."""

from __future__ import annotations

import codecs
import gzip

import pytest

from cleaner.inputs.decode import DecodeError, decode, gunzip

FRENCH = "Les élèves ont répondu « oui » à la question, déjà posée l’an dernier — c’est ça."
GERMAN = "Straße und Größe: „Über“ alles, sagte die Ärztin."
SPANISH = "Año nuevo, señor. ¿Qué tal? ¡Muy bien, gracias!"
RUSSIAN = "Привет, как дела? Это длинный тест на русском языке, чтобы детектор был уверен в ответе."
POLISH = "Zażółć gęślą jaźń, mówię po polsku dość długo, żeby wykrywacz się nie pomylił."


def test_utf8_without_bom() -> None:
    assert decode(FRENCH.encode("utf-8")) == FRENCH


def test_utf8_with_bom_drops_the_bom() -> None:
    assert decode(codecs.BOM_UTF8 + FRENCH.encode("utf-8")) == FRENCH


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    assert decode(bom + GERMAN.encode(codec)) == GERMAN


@pytest.mark.parametrize("text", [FRENCH, GERMAN, SPANISH])
def test_cp1252_western_text(text: str) -> None:
    assert decode(text.encode("cp1252")) == text


def test_latin1_text() -> None:
    assert decode(SPANISH.encode("latin-1")) == SPANISH


def test_cp1251_cyrillic_goes_to_the_detector() -> None:
    assert decode(RUSSIAN.encode("cp1251")) == RUSSIAN


def test_cp1250_central_european_goes_to_the_detector() -> None:
    assert decode(POLISH.encode("cp1250")) == POLISH


def test_html_meta_charset_is_honoured() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    assert RUSSIAN in decode(html.encode("cp1251"))


def test_declared_latin1_is_read_as_cp1252_like_browsers_do() -> None:
    html = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>“Quoted” – €5</p>'
    assert "“Quoted” – €5" in decode(html.encode("cp1252"))


def test_crlf_and_cr_newlines_become_lf() -> None:
    assert decode(b"one\r\ntwo\rthree\n\r\nfour") == "one\ntwo\nthree\n\nfour"


def test_gzip_is_inflated_transparently() -> None:
    assert decode(gzip.compress(FRENCH.encode("utf-8"))) == FRENCH


def test_concatenated_gzip_members_are_all_read() -> None:
    assert decode(gzip.compress(b"first line\n") + gzip.compress(b"second line\n")) == "first line\nsecond line\n"


def test_gzip_bomb_is_refused() -> None:
    with pytest.raises(DecodeError, match="inflates past"):
        gunzip(gzip.compress(b"\0" * 100_000), limit=10_000)


@pytest.mark.parametrize(
    "data", [gzip.compress(b"hello")[:-12], b"\x1f\x8bnot gzip at all"], ids=["truncated", "not-gzip"]
)
def test_corrupt_or_truncated_gzip_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="gzip"):
        decode(data)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
        b"text with a NUL\x00 byte in it",
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + b" some words",
    ],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(data)


def test_gzip_compressed_binary_is_refused() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(gzip.compress(bytes(range(256)) * 4))


def test_invalid_bytes_after_a_utf16_bom_are_refused() -> None:
    with pytest.raises(DecodeError, match="utf-16-le"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8")


def test_empty_input_is_empty_text() -> None:
    assert decode(b"") == ""


def test_tabs_and_form_feeds_are_text() -> None:
    assert decode(b"a\tb\x0cc") == "a\tb\x0cc"
