"""Hostile names and documents: every error path inert on a terminal, one documented error hierarchy."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner import CleanerError, DecodeError, DocumentError, HtmlError, InternalError, Options, clean_bytes, clean_text

from .conftest import ARTICLE, assert_no_traceback, invoke

HOSTILE = "f\x1b]0;PWNED\x07\x1b[2J"
"""A file name that sets the terminal's title and clears its screen if printed raw."""


def _assert_inert(stderr: str) -> None:
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert "\ufffd" in stderr  # the name is still there, its controls made visible


def test_o_that_exists_and_is_not_a_folder_is_named_inert(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    out = tmp_path / HOSTILE
    out.write_text("x")
    result = invoke(folder, "-o", out)
    assert result.exit_code == 2
    _assert_inert(result.stderr)


def test_o_inside_the_input_folder_is_named_inert(tmp_path: Path) -> None:
    folder = tmp_path / HOSTILE
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    result = invoke(folder, "-o", folder / "out")
    assert result.exit_code == 2 and "refusing to write inside" in result.stderr
    _assert_inert(result.stderr)


def test_two_inputs_to_one_output_are_named_inert(tmp_path: Path) -> None:
    (tmp_path / f"{HOSTILE}.txt").write_text(ARTICLE)
    (tmp_path / f"{HOSTILE}.html").write_text(f"<p>{ARTICLE}</p>")
    result = invoke(tmp_path / f"{HOSTILE}.txt", tmp_path / f"{HOSTILE}.html", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "would both be written to" in result.stderr
    _assert_inert(result.stderr)


def test_refusing_to_overwrite_the_input_names_it_inert(tmp_path: Path) -> None:
    page = tmp_path / HOSTILE
    page.write_text(ARTICLE)
    result = invoke(page, "-o", page)
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr
    _assert_inert(result.stderr)
    assert page.read_text() == ARTICLE


@pytest.mark.parametrize("content", ["[[rule]\ncode =", None])
def test_a_bad_or_missing_rule_file_is_named_inert(tmp_path: Path, content: str | None) -> None:
    rules = tmp_path / f"{HOSTILE}.toml"
    if content is not None:
        rules.write_text(content)
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE)
    result = invoke("--rules", rules, page)
    assert result.exit_code == 2
    assert_no_traceback(result)
    _assert_inert(result.stderr)


def test_a_failed_input_is_named_inert(tmp_path: Path) -> None:
    result = invoke(tmp_path / HOSTILE)
    assert result.exit_code == 1
    _assert_inert(result.stderr)


def test_document_text_reaches_a_pipe_byte_exact() -> None:
    """Piped, the document is passed through as it is, escape sequences and all (a terminal gets U+FFFD)."""
    line = "The council voted \x1b]0;PWNED\x07 on Monday \x1b[2J to turn the old ferry terminal into a library."
    result = invoke("--input-format", "text", "-", stdin=line + "\n")
    assert result.exit_code == 0
    assert line in result.stdout


# --- the library raises one documented hierarchy --------------------------------------------------------------------


def test_the_error_hierarchy_is_exported() -> None:
    for error in (DocumentError, DecodeError, HtmlError, InternalError, cleaner.RuleError):
        assert issubclass(error, CleanerError) and error.__name__ in cleaner.__all__
    assert issubclass(DecodeError, DocumentError) and issubclass(HtmlError, DocumentError)


@pytest.mark.parametrize("codec", ["base64", "zlib", "rot13", "hex", "undefined", "idna", "nonsense"])
def test_a_lying_charset_is_ignored(codec: str) -> None:
    page = f'<html><head><meta charset="{codec}"></head><body><p>{ARTICLE}</p></body></html>'.encode()
    result = clean_bytes(page)
    assert "ferry terminal" in result.text


def test_binary_data_is_a_decode_error_and_a_cleaner_error() -> None:
    with pytest.raises(CleanerError) as raised:
        clean_bytes(bytes(range(256)) * 8)
    assert isinstance(raised.value, DecodeError)


def test_html_too_deep_to_read_is_a_document_error() -> None:
    with pytest.raises(DocumentError):
        clean_text("<div>" * 3000 + "<p>Deep text</p>" + "</div>" * 3000 + ARTICLE, Options(input_format="html"))


@pytest.mark.parametrize(
    "hostile",
    [
        "<div>" * 300 + "<p>Deep text.</p>" + "</div>" * 300,  # past libxml2's usual 255 levels
        "<p>" + "word " * 2_200_000 + "</p>",  # a text node over 10 MB
        '<p title="' + "x" * 11_000_000 + '">A paragraph.</p>',  # an attribute over 10 MB
    ],
    ids=["deep", "huge-text", "huge-attribute"],
)
def test_html_past_the_parsers_usual_limits_loses_no_text(hostile: str) -> None:
    page = f"<html><body><p>{ARTICLE}</p>{hostile}<p>{ARTICLE.upper()}</p></body></html>"
    result = clean_text(page, Options(input_format="html"))
    assert ARTICLE.upper().split("\n")[0] in " ".join(d.block.text for d in result.decisions)


def test_a_bug_comes_out_as_an_internal_error_with_its_cause(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, options: Options) -> None:
        raise TypeError("a bug")

    monkeypatch.setattr("cleaner.pipeline.extract_text", broken)
    with pytest.raises(InternalError, match=r"internal error \(TypeError: a bug\)") as raised:
        clean_text("Hello there.", Options(input_format="text"))
    assert isinstance(raised.value.__cause__, TypeError)


def test_a_lone_surrogate_does_not_truncate_the_text() -> None:
    text = "The council voted on Monday \ud800 to turn the old ferry terminal into a public library.\n" + ARTICLE
    result = clean_text(text, Options(input_format="text"))
    assert "to turn the old ferry terminal into a public library" in result.text
    assert "\ufffd" in result.text
    result.text.encode("utf-8")  # what is handed back can be written


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names")
def test_a_name_that_is_not_utf8_makes_valid_utf8_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt"))).write_text(ARTICLE)
    result = invoke(folder, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    result.stdout_bytes.decode("utf-8")
    assert "caf\ufffd.txt" in result.stdout or "caf\\udce9" in result.stdout


# --- errors that are clean: every input that cannot be read is named, the rest still cleaned ----------------------


def _tree_with_links(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "sub" / "b.txt").write_text(ARTICLE)
    (tmp_path / "elsewhere.txt").write_text(ARTICLE)
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    (folder / "outside.txt").symlink_to(tmp_path / "elsewhere.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub" / "up").symlink_to(folder)
    return folder


def test_links_that_dangle_loop_or_lead_out_are_named_and_the_rest_cleaned(tmp_path: Path) -> None:
    folder = _tree_with_links(tmp_path)
    result = invoke(folder, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert_no_traceback(result)
    errors = [line for line in result.stderr.splitlines() if line.startswith("clean: error:")]
    assert len(errors) == 4
    assert f"{folder / 'dangling.txt'}: a dangling link" in result.stderr
    assert f"{folder / 'loop.txt'}: a link that loops" in result.stderr
    assert f"{folder / 'outside.txt'}: a link to a file outside the folder" in result.stderr
    assert f"{folder / 'sub' / 'up'}: a link to a folder: not followed" in result.stderr
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.txt"))
    assert written == ["a.txt", "inside.txt", "sub/b.txt"]


def test_follow_links_reads_files_outside_and_follows_folders_but_never_loops(tmp_path: Path) -> None:
    folder = _tree_with_links(tmp_path)
    result = invoke(folder, "--follow-links", "-f", "jsonl")
    assert result.exit_code == 1
    sources = [line for line in result.stdout.splitlines()]
    assert any('outside.txt"' in line for line in sources)
    assert "a link back to a folder above it" in result.stderr
    assert "a link to a file outside" not in result.stderr


def test_a_folder_that_cannot_be_listed_is_named_and_the_rest_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "locked" / "b.txt").write_text(ARTICLE)
    listing = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)  # (the suite runs as root, who may read anything)
    for args in ([folder], [folder, "-o", tmp_path / "out"]):
        result = invoke(*args)
        assert result.exit_code == 1
        assert f"{folder / 'locked'}: cannot list the folder: Permission denied" in result.stderr
    assert (tmp_path / "out" / "a.txt").exists()


def test_an_input_that_cannot_be_read_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret, page = tmp_path / "secret.txt", tmp_path / "page.txt"
    secret.write_text(ARTICLE)
    page.write_text(ARTICLE)
    opening, access = Path.open, os.access

    def open_file(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return opening(path, *args, **kwargs)

    def may_access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        return Path(path).name != "secret.txt" and access(path, mode, *args, **kwargs)

    # (the suite runs as root, who may read anything: what a user who may not read the file meets is faked)
    monkeypatch.setattr(Path, "open", open_file)
    monkeypatch.setattr(os, "access", may_access)
    result = invoke(secret, page)
    assert result.exit_code == 1
    assert f"{secret}: Permission denied" in result.stderr
    assert "ferry terminal" in result.stdout


def test_an_archive_and_a_folder_of_its_name_never_write_one_file_twice(tmp_path: Path) -> None:
    import zipfile

    folder = tmp_path / "in"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "a.txt").write_text(ARTICLE)
    with zipfile.ZipFile(folder / "pages.zip", "w") as archive:
        archive.writestr("a.txt", "Sign up for our newsletter today!\n" + ARTICLE)
    result = invoke(folder, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "would overwrite the output of" in result.stderr
    assert "1 cleaned, 1 failed" in result.stderr


def test_an_endless_input_is_refused_past_max_bytes(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE)
    result = invoke("--max-bytes", "1000", "/dev/zero", page)
    assert result.exit_code == 1
    assert "/dev/zero: larger than 1,000 bytes: not read (--max-bytes sets the limit)" in result.stderr
    assert "ferry terminal" in result.stdout
    piped = invoke("--max-bytes", "100", "-", stdin=ARTICLE)
    assert piped.exit_code == 1 and "<stdin>: larger than 100 bytes" in piped.stderr


def test_max_bytes_has_a_sane_default() -> None:
    result = invoke("--help")
    assert "--max-bytes" in result.stdout and "268435456" in result.stdout


# --- archive caps hold for compressed members too ------------------------------------------------------------------


def _tar_of(path: Path, members: dict[str, bytes]) -> Path:
    import io
    import tarfile

    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_a_gzip_member_of_a_tar_is_held_to_the_member_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    monkeypatch.setattr("cleaner.inputs.archives.MAX_MEMBER_BYTES", 2**20)
    archive = _tar_of(
        tmp_path / "pages.tar",
        {"bomb.txt.gz": gzip.compress(b"a" * (2 * 2**20)), "ok.txt.gz": gzip.compress(ARTICLE.encode())},
    )
    result = invoke(archive)
    assert result.exit_code == 1
    assert "pages.tar:bomb.txt.gz: member holds gzip data inflates past 1 MiB" in result.stderr
    assert "ferry terminal" in result.stdout


def test_the_archive_budget_counts_inflated_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    monkeypatch.setattr("cleaner.inputs.archives.MAX_ARCHIVE_BYTES", 2**20)
    each = gzip.compress(ARTICLE.encode() * 4000)  # ~0.8 MiB inflated, ~3 kB compressed
    archive = _tar_of(tmp_path / "pages.tar", {"a.txt.gz": each, "b.txt.gz": each})
    result = invoke(archive)
    assert result.exit_code == 1
    assert "pages.tar: inflates past 1 MiB (decompression bomb?)" in result.stderr
