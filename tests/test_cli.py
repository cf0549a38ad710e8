"""The `clean` command through Click's CliRunner: the product contract, case by case."""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from cleaner import __version__

from .conftest import ARTICLE, BINARY, DOCUMENT, NEWSLETTER, SEED, assert_no_traceback, invoke

CONTRACT_KEYS = {"text", "title", "metadata", "removed", "stats"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- help, version, rules ----------------------------------------------------------------------------------------


def test_help_documents_every_option_and_exit_codes() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for option in ("-o", "--format", "--input-format", "--explain", "--rules", "--select", "--ignore"):
        assert option in result.stdout
    for option in ("--list-rules", "--jobs", "--resume", "--version"):
        assert option in result.stdout
    assert "Exit status: 0" in " ".join(result.stdout.split())


def test_version_prints_the_package_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"clean, version {__version__}\n"


def test_list_rules_piped_prints_one_tab_separated_line_per_rule() -> None:
    result = invoke("--list-rules")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(row) == 5 for row in rows)
    codes = [row[0] for row in rows]
    assert "NEWS001" in codes and "DUP001" in codes
    assert {row[3] for row in rows} == {"pattern", "structural"}
    assert "\x1b" not in result.stdout


def test_list_rules_honours_select_and_ignore() -> None:
    selected = invoke("--list-rules", "--select", "NEWS,DUP")
    codes = {line.split("\t")[0] for line in selected.stdout.splitlines()}
    assert codes and all(c.startswith(("NEWS", "DUP")) for c in codes)
    ignored = invoke("--list-rules", "--ignore", "NEWS")
    assert not any(line.startswith("NEWS") for line in ignored.stdout.splitlines())


def test_unknown_rule_code_is_a_usage_error() -> None:
    result = invoke("--select", "NOPE999", stdin=DOCUMENT)
    assert result.exit_code == 2
    assert "NOPE999" in result.stderr
    assert result.stdout == ""


def test_ignoring_a_rule_keeps_the_lines_it_would_remove() -> None:
    result = invoke("--ignore", "NEWS", stdin=DOCUMENT)
    assert result.exit_code == 0
    assert result.stdout.startswith(NEWSLETTER.strip())


def test_user_rule_file_adds_a_rule_that_removes_lines(tmp_path: Path) -> None:
    rules = tmp_path / "house.toml"
    rules.write_text(
        'category = "promo"\n[[rule]]\ncode = "HOUSE001"\nreason = "house promo"\npatterns = [\'^Download our app\']\n',
        encoding="utf-8",
    )
    result = invoke("--rules", rules, "-f", "json", stdin="Download our app now\n\n" + ARTICLE)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["removed"][0]["rule"] == "HOUSE001"
    assert data["removed"][0]["category"] == "promo"
    assert data["text"] == ARTICLE.strip()


def test_bad_rule_file_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    rules = tmp_path / "broken.toml"
    rules.write_text("[[rule]]\ncode = 'lower'\n", encoding="utf-8")
    result = invoke("--rules", rules, stdin=DOCUMENT)
    assert result.exit_code == 2
    assert "broken.toml" in result.stderr
    assert_no_traceback(result)


def test_a_misspelt_key_in_a_rule_file_is_a_usage_error_not_a_silent_no_op(tmp_path: Path) -> None:
    rules = tmp_path / "house.toml"
    rules.write_text(
        "[[rule]]\ncode = 'HOUSE001'\ncategory = 'app'\nreason = 'app promo'\npatterns = ['^x$']\npatern = ['^y$']\n",
        encoding="utf-8",
    )
    result = invoke("--rules", rules, stdin=DOCUMENT)
    assert result.exit_code == 2
    assert "house.toml: rule HOUSE001: unknown key 'patern'" in result.stderr
    assert_no_traceback(result)


# --- one document ------------------------------------------------------------------------------------------------


def test_file_prints_only_the_article(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    result = invoke(path)
    assert result.exit_code == 0
    assert result.stdout == ARTICLE
    assert result.stderr == ""


def test_no_path_reads_stdin() -> None:
    result = invoke(stdin=DOCUMENT)
    assert result.exit_code == 0
    assert result.stdout == ARTICLE


def test_dash_reads_stdin() -> None:
    result = invoke("-", stdin=DOCUMENT)
    assert result.exit_code == 0
    assert result.stdout == ARTICLE


def test_stdin_can_be_gzip_compressed() -> None:
    result = invoke(stdin=gzip.compress(DOCUMENT.encode()))
    assert result.exit_code == 0
    assert result.stdout == ARTICLE


def test_gz_file_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(DOCUMENT.encode()))
    result = invoke(path)
    assert result.exit_code == 0
    assert result.stdout == ARTICLE


def test_paragraph_breaks_are_kept_as_in_the_input() -> None:
    text = "First paragraph, line one of it.\nLine two of it.\n\n\n\nSecond paragraph here.\n"
    result = invoke(stdin=text)
    assert result.stdout == "First paragraph, line one of it.\nLine two of it.\n\nSecond paragraph here.\n"


def test_json_output_has_the_contract_shape(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    result = invoke("-f", "json", path)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= CONTRACT_KEYS
    assert data["text"] == ARTICLE.strip()
    assert {"url", "author", "date", "site", "language"} <= set(data["metadata"])
    removed = data["removed"]
    assert len(removed) == 1
    assert set(removed[0]) == {"rule", "category", "reason", "text", "line"}
    assert removed[0]["rule"].startswith("NEWS")
    assert removed[0]["category"] == "newsletter"
    assert removed[0]["text"] == NEWSLETTER.strip()
    assert removed[0]["line"] == 1
    assert data["stats"]["kept"] == 2
    assert data["stats"]["removed"] == 1


def test_empty_file_gives_empty_output_and_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = invoke(path)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(invoke("-f", "json", path).stdout)["text"] == ""


def test_binary_file_exits_1_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(BINARY)
    result = invoke(path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"clean: error: {path}: binary data, not text\n"


def test_missing_path_is_named_and_the_other_inputs_are_still_cleaned(tmp_path: Path) -> None:
    present = tmp_path / "present.txt"
    present.write_text("A plain paragraph of article text that stays.\n", encoding="utf-8")
    missing = tmp_path / "nope.txt"
    result = invoke(missing, present)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"clean: error: {missing}: No such file or directory",
        "clean: 1 cleaned, 1 failed -> stdout",
    ]
    assert result.stdout == "A plain paragraph of article text that stays.\n"
    assert_no_traceback(result)


def test_missing_path_in_folder_mode_fails_alone(tmp_path: Path) -> None:
    present = tmp_path / "present.txt"
    present.write_text("A plain paragraph of article text that stays.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(tmp_path / "nope.txt", present, "-o", out)
    assert result.exit_code == 1
    assert f"{tmp_path / 'nope.txt'}: No such file or directory" in result.stderr
    assert (out / "present.txt").read_text(encoding="utf-8") == "A plain paragraph of article text that stays.\n"
    assert not (out / "nope.txt").exists()


def test_output_file_receives_the_article(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "clean.txt"
    result = invoke("-o", out, stdin=DOCUMENT)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == ARTICLE
    assert list(out.parent.iterdir()) == [out]


def test_output_onto_the_input_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    result = invoke(path, "-o", path)
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == DOCUMENT


def test_forced_html_input_format_reads_markup() -> None:
    html = "<p>" + ARTICLE.splitlines()[0] + "</p>"
    assert invoke("--input-format", "html", stdin=html).stdout.strip() == ARTICLE.splitlines()[0]
    assert invoke("--input-format", "text", stdin=html).stdout.strip() == html


def test_unexpected_bug_is_one_line_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr("cleaner.run.clean_bytes", broken)
    path = tmp_path / "page.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    result = invoke(path)
    assert result.exit_code == 1
    assert result.stderr == f"clean: error: {path}: internal error (KeyError: 'boom')\n"


# --- several documents to stdout ---------------------------------------------------------------------------------


def _two_files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(DOCUMENT, encoding="utf-8")
    b.write_text("Another story entirely, told in one line of prose.\n", encoding="utf-8")
    return a, b


def test_several_files_as_text_are_separated_by_a_blank_line(tmp_path: Path) -> None:
    result = invoke(*_two_files(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == ARTICLE + "\nAnother story entirely, told in one line of prose.\n"


def test_several_files_as_json_make_one_array(tmp_path: Path) -> None:
    a, b = _two_files(tmp_path)
    data = json.loads(invoke("-f", "json", a, b).stdout)
    assert [d["source"] for d in data] == [str(a), str(b)]
    assert data[0]["text"] == ARTICLE.strip()


def test_several_files_as_jsonl_give_one_object_per_line(tmp_path: Path) -> None:
    a, b = _two_files(tmp_path)
    lines = invoke("-f", "jsonl", a, b).stdout.splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(a), str(b)]


def test_one_bad_file_among_several_still_prints_the_others(tmp_path: Path) -> None:
    a, b = _two_files(tmp_path)
    bad = tmp_path / "bad.bin"
    bad.write_bytes(BINARY)
    result = invoke("-f", "json", a, bad, b)
    assert result.exit_code == 1
    assert [d["source"] for d in json.loads(result.stdout)] == [str(a), str(b)]
    assert result.stderr == f"clean: error: {bad}: binary data, not text\nclean: 2 cleaned, 1 failed -> stdout\n"


def test_folder_without_output_prints_every_document_in_order(corpus: Path) -> None:
    result = invoke("-f", "jsonl", corpus)
    assert result.exit_code == 0
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    names = ["a.txt", "empty.txt", "news/c.txt.gz", "news/2026/b.html"]
    assert sources == [str(corpus / n) for n in names]


# --- folder in, folder out ---------------------------------------------------------------------------------------


def test_folder_is_mirrored_with_extensions_replaced(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(corpus, "-o", out)
    assert result.exit_code == 0
    assert sorted(_tree(out)) == ["a.txt", "empty.txt", "news/2026/b.txt", "news/c.txt"]
    assert (out / "a.txt").read_text(encoding="utf-8") == ARTICLE
    assert (out / "news" / "c.txt").read_text(encoding="utf-8") == ARTICLE
    # HTML paragraphs are paragraphs: a blank line between them.
    assert (out / "news" / "2026" / "b.txt").read_text(encoding="utf-8") == ARTICLE.replace("\n", "\n\n", 1)
    assert result.stderr == f"clean: 4 cleaned, 0 failed -> {out}\n"


def test_folder_as_json_writes_json_files(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke(corpus, "-o", out, "-f", "json").exit_code == 0
    data = json.loads((out / "news" / "2026" / "b.json").read_text(encoding="utf-8"))
    assert data["text"].split("\n\n") == ARTICLE.splitlines()
    assert data["input_format"] == "html"


def test_binary_file_in_folder_fails_alone(corpus: Path, tmp_path: Path) -> None:
    (corpus / "news" / "photo.jpg").write_bytes(BINARY)
    out = tmp_path / "out"
    result = invoke(corpus, "-o", out)
    assert result.exit_code == 1
    assert sorted(_tree(out)) == ["a.txt", "empty.txt", "news/2026/b.txt", "news/c.txt"]
    assert result.stderr.splitlines() == [
        f"clean: error: {corpus / 'news' / 'photo.jpg'}: binary data, not text",
        f"clean: 4 cleaned, 1 failed -> {out}",
    ]
    assert_no_traceback(result)


def test_folder_needs_no_output_but_stdin_cannot_join_a_batch(corpus: Path, tmp_path: Path) -> None:
    result = invoke(corpus, "-", "-o", tmp_path / "out", stdin=DOCUMENT)
    assert result.exit_code == 2
    assert "stdin" in result.stderr


@pytest.mark.parametrize("inside", [".", "out", "news/out"])
def test_output_onto_or_inside_the_input_folder_is_refused(corpus: Path, inside: str) -> None:
    before = _tree(corpus)
    result = invoke(corpus, "-o", corpus / inside)
    assert result.exit_code == 2
    assert "refusing to write inside the input folder" in result.stderr
    assert _tree(corpus) == before
    assert_no_traceback(result)


def test_input_folder_inside_the_output_cannot_be_overwritten(tmp_path: Path) -> None:
    # out/raw/raw/a.txt would be written to out/raw/a.txt: over an input.
    nested = tmp_path / "out" / "raw" / "raw"
    nested.mkdir(parents=True)
    (nested / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    (nested.parent / "a.txt").write_text("an input, not an output\n", encoding="utf-8")
    result = invoke(tmp_path / "out" / "raw", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert (nested.parent / "a.txt").read_text(encoding="utf-8") == "an input, not an output\n"


def test_two_inputs_writing_the_same_output_are_refused(tmp_path: Path) -> None:
    a, b = tmp_path / "page.txt", tmp_path / "page.html"
    a.write_text(DOCUMENT, encoding="utf-8")
    b.write_text(DOCUMENT, encoding="utf-8")
    result = invoke(a, b, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "would both be written to" in result.stderr
    assert not (tmp_path / "out").exists()


def test_output_that_is_a_file_cannot_take_a_folder(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken.txt"
    target.write_text("x", encoding="utf-8")
    assert invoke(corpus, "-o", target).exit_code == 2
    assert target.read_text(encoding="utf-8") == "x"


def test_single_file_into_an_existing_folder_keeps_its_name(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(DOCUMENT.encode()))
    out = tmp_path / "out"
    out.mkdir()
    assert invoke(path, "-o", out, "-f", "markdown").exit_code == 0
    assert sorted(_tree(out)) == ["page.md"]


def test_resume_skips_outputs_newer_than_their_input(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke(corpus, "-o", out).exit_code == 0
    (out / "a.txt").write_text("kept by resume\n", encoding="utf-8")
    stale = out / "news" / "c.txt"
    os.utime(stale, (1, 1))
    result = invoke(corpus, "-o", out, "--resume")
    assert result.exit_code == 0
    assert result.stderr == f"clean: 1 cleaned, 0 failed, 3 skipped (up to date) -> {out}\n"
    assert (out / "a.txt").read_text(encoding="utf-8") == "kept by resume\n"
    assert stale.read_text(encoding="utf-8") == ARTICLE


def test_two_workers_write_the_same_files_as_one(corpus: Path, tmp_path: Path) -> None:
    assert invoke(corpus, "-o", tmp_path / "one").exit_code == 0
    assert invoke(corpus, "-o", tmp_path / "two", "-j", "2").exit_code == 0
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_atomic_writes_leave_no_temporary_files(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke(corpus, "-o", out)
    assert not [p for p in out.rglob(".*")]


# --- archives ----------------------------------------------------------------------------------------------------


def _tar_gz(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_tar_gz_members_go_to_a_folder_named_after_the_archive(tmp_path: Path) -> None:
    archive = _tar_gz(tmp_path / "pages.tar.gz", {"a.txt": DOCUMENT.encode(), "sub/b.md": DOCUMENT.encode()})
    out = tmp_path / "out"
    result = invoke(archive, "-o", out)
    assert result.exit_code == 0
    assert _tree(out) == {"pages/a.txt": ARTICLE.encode(), "pages/sub/b.txt": ARTICLE.encode()}


def test_archive_members_print_to_stdout_as_documents(tmp_path: Path) -> None:
    archive = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("one.txt", DOCUMENT)
        zf.writestr("dir/two.txt", DOCUMENT)
    result = invoke("-f", "jsonl", archive)
    assert result.exit_code == 0
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"] for d in docs] == [f"{archive}:one.txt", f"{archive}:dir/two.txt"]
    assert all(d["text"] == ARTICLE.strip() for d in docs)


def test_zip_member_escaping_the_output_folder_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../escaped.txt", DOCUMENT)
        zf.writestr("/absolute.txt", DOCUMENT)
        zf.writestr("fine.txt", DOCUMENT)
    out = tmp_path / "deep" / "out"
    result = invoke(archive, "-o", out)
    assert result.exit_code == 1
    assert _tree(tmp_path / "deep") == {"out/evil/fine.txt": ARTICLE.encode()}
    assert not (tmp_path / "escaped.txt").exists()
    assert f"{archive}:../../escaped.txt: unsafe member path" in result.stderr
    assert f"{archive}:/absolute.txt: unsafe member path" in result.stderr


def test_tar_links_are_refused_by_the_data_filter(tmp_path: Path) -> None:
    archive = tmp_path / "links.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        link = tarfile.TarInfo("passwd.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tar.addfile(link)
    result = invoke(archive)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{archive}:passwd.txt: refused by the tar data filter" in result.stderr


def test_zip_bomb_member_is_refused_without_inflating_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cleaner.inputs.archives.MAX_MEMBER_BYTES", 1000)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"a" * 100_000)
        zf.writestr("fine.txt", DOCUMENT)
    result = invoke(archive)
    assert result.exit_code == 1
    assert result.stdout == ARTICLE
    assert "bomb.zip:bomb.txt: member inflates past" in result.stderr


def test_corrupt_archive_is_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tgz"
    broken.write_bytes(b"\x1f\x8b this is not really gzip data at all")
    page = tmp_path / "page.txt"
    page.write_text(DOCUMENT, encoding="utf-8")
    result = invoke(broken, page)
    assert result.exit_code == 1
    assert result.stdout == ARTICLE
    assert result.stderr.startswith(f"clean: error: {broken}: unreadable archive")
    assert result.stderr.splitlines()[1:] == ["clean: 1 cleaned, 1 failed -> stdout"]


# --- explain -----------------------------------------------------------------------------------------------------


def test_explain_piped_tags_removals_without_ansi() -> None:
    result = invoke("--explain", stdin=DOCUMENT)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    first = result.stdout.splitlines()[1]
    assert first.split()[0] == "1"
    assert "[NEWS" in first and NEWSLETTER.strip() in first
    assert "newsletter" in result.stdout.split("Removed, by category")[1]


def test_explain_does_not_combine_with_output(tmp_path: Path) -> None:
    result = invoke("--explain", "-o", tmp_path / "x.txt", stdin=DOCUMENT)
    assert result.exit_code == 2
    assert not (tmp_path / "x.txt").exists()


def test_seed_through_the_cli_matches_the_library() -> None:
    from cleaner import clean_text

    result = invoke(SEED)
    assert result.stdout == clean_text(SEED.read_text(encoding="utf-8")).text + "\n"


def test_resume_skips_archive_members_already_written(tmp_path: Path) -> None:
    archive = _tar_gz(tmp_path / "pages.tgz", {"a.txt": DOCUMENT.encode(), "b.txt": DOCUMENT.encode()})
    out = tmp_path / "out"
    assert invoke(archive, "-o", out).exit_code == 0
    (out / "pages" / "b.txt").unlink()
    result = invoke(archive, "-o", out, "--resume")
    assert result.exit_code == 0
    assert result.stderr == f"clean: 1 cleaned, 0 failed, 1 skipped (up to date) -> {out}\n"
    assert (out / "pages" / "b.txt").read_text(encoding="utf-8") == ARTICLE


def test_several_files_as_markdown_are_separated_by_a_rule(tmp_path: Path) -> None:
    result = invoke("-f", "markdown", *_two_files(tmp_path))
    assert result.exit_code == 0
    first, second = result.stdout.split("\n---\n\n")
    assert first.rstrip("\n").endswith(ARTICLE.splitlines()[-1])
    assert second == "Another story entirely, told in one line of prose.\n"


def test_empty_folder_as_json_is_an_empty_array(tmp_path: Path) -> None:
    result = invoke("-f", "json", tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "[]\n"


def test_workers_stream_a_folder_to_stdout_in_the_same_order_as_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(f"Document number {i} of the folder.\n{ARTICLE}", encoding="utf-8")
    (folder / "3.txt").write_bytes(bytes(range(256)) * 8)
    one = invoke(folder, "-f", "jsonl")
    two = invoke(folder, "-f", "jsonl", "-j", "2")
    assert two.exit_code == one.exit_code == 1
    assert two.stdout == one.stdout
    assert [json.loads(line)["text"].split(".")[0] for line in two.stdout.splitlines()] == [
        f"Document number {i} of the folder" for i in (0, 1, 2, 4, 5)
    ]
    assert two.stderr == one.stderr == (
        f"clean: error: {folder / '3.txt'}: binary data, not text\nclean: 5 cleaned, 1 failed -> stdout\n"
    )
