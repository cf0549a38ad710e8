"""The engine and its edges: output names, planning, atomic writes, per-document outcomes, archive safety."""

from __future__ import annotations

import os
import pickle
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePath, PurePosixPath

import pytest

from cleaner.inputs.archives import archive_stem, read_archive, safe_member_path
from cleaner.inputs.read import Document, describe_error, walk
from cleaner.outputs.write import output_name, write_atomic
from cleaner.pool import AHEAD_PER_WORKER
from cleaner.run import Outcome, Planned, Settings, folder_items, plan_folder, run

from .conftest import ARTICLE, BINARY, DOCUMENT


@pytest.mark.parametrize(
    ("relative", "fmt", "expected"),
    [
        ("page.html", "text", "page.txt"),
        ("a/b/page.html.gz", "text", "a/b/page.txt"),
        ("a/page.txt.GZ", "json", "a/page.json"),
        ("notes", "markdown", "notes.md"),
        ("v1.2/report.final.htm", "jsonl", "v1.2/report.final.json"),
        ("archive.gz", "text", "archive.txt"),
    ],
)
def test_output_name_replaces_the_extension_and_gz(relative: str, fmt: str, expected: str) -> None:
    assert output_name(Path(relative), fmt) == Path(expected)


@pytest.mark.parametrize(
    ("name", "stem"),
    [("pages.tar.gz", "pages"), ("pages.TGZ", "pages"), ("x.zip", "x"), ("a.b.tar", "a.b"), (".zip", ".zip")],
)
def test_archive_stem(name: str, stem: str) -> None:
    assert archive_stem(name) == stem


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("a/b.txt", "a/b.txt"),
        ("./a//b.txt", "a/b.txt"),
        ("../a.txt", None),
        ("a/../../b.txt", None),
        ("/etc/passwd", None),
        ("C:/Windows/win.ini", None),
        ("..\\..\\evil.txt", None),
        ("", None),
    ],
)
def test_safe_member_path_refuses_names_that_leave_the_folder(name: str, safe: str | None) -> None:
    result = safe_member_path(name)
    assert (str(result) if result is not None else None) == safe


def _run_folder(inputs: list[Path], out: Path, fmt: str = "text", workers: int = 1) -> list[Outcome]:
    settings = Settings(fmt=fmt, out_dir=out)
    return list(run(folder_items(plan_folder([str(p) for p in inputs], out, fmt), settings), settings, workers))


def test_plan_mirrors_the_tree_and_skips_hidden_files(corpus: Path, tmp_path: Path) -> None:
    (corpus / ".git").mkdir()
    (corpus / ".git" / "config.txt").write_text("x", encoding="utf-8")
    jobs = plan_folder([str(corpus)], tmp_path / "out", "text")
    assert [(j.path.relative_to(corpus).as_posix(), j.out.relative_to(tmp_path).as_posix()) for j in jobs] == [
        ("a.txt", "out/a.txt"),
        ("empty.txt", "out/empty.txt"),
        ("news/c.txt.gz", "out/news/c.txt"),
        ("news/2026/b.html", "out/news/2026/b.txt"),
    ]


def test_plan_sends_archive_members_to_a_folder_named_after_the_archive(tmp_path: Path) -> None:
    (tmp_path / "in" / "x").mkdir(parents=True)
    (tmp_path / "in" / "x" / "pages.tar.gz").write_bytes(b"")
    [job] = plan_folder([str(tmp_path / "in")], tmp_path / "out", "text")
    archive = tmp_path / "in" / "x" / "pages.tar.gz"
    assert job == Planned(archive, PurePath("x/pages.tar.gz"), tmp_path / "out" / "x" / "pages", archive=True)


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.txt"
    write_atomic(target, "first\n")
    write_atomic(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    assert os.listdir(target.parent) == ["out.txt"]


def test_a_binary_file_is_a_named_failure_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    source.write_bytes(BINARY)
    assert _run_folder([source], tmp_path / "out") == [Outcome(str(source), "binary data, not text")]
    assert not (tmp_path / "out" / "photo.txt").exists()


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    source = tmp_path / "gone.txt"
    [outcome] = _run_folder([source], tmp_path / "out")
    assert outcome == Outcome(str(source), "No such file or directory")


def test_each_archive_member_has_its_outcome(tmp_path: Path) -> None:
    archive = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("good.txt", DOCUMENT)
        zf.writestr("bad.bin", BINARY)
        zf.writestr("good.html", DOCUMENT)  # same output name as good.txt
    outcomes = _run_folder([archive], tmp_path / "out")
    assert outcomes == [
        Outcome(f"{archive}:good.txt"),
        Outcome(f"{archive}:bad.bin", "binary data, not text"),
        Outcome(f"{archive}:good.html", f"would overwrite the output of {archive}:good.txt: skipped"),
    ]
    assert (tmp_path / "out" / "pages" / "good.txt").read_text(encoding="utf-8") == ARTICLE


def test_archive_member_count_and_total_size_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cleaner.inputs.archives.MAX_ARCHIVE_BYTES", 150)
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(5):
            zf.writestr(f"{i}.txt", "x" * 60)
    names: list[PurePosixPath] = []
    with pytest.raises(ValueError, match="inflates past"):
        for member in read_archive(archive):
            names.append(member.path)
    assert names == [PurePosixPath("0.txt"), PurePosixPath("1.txt")]


def test_a_folder_in_two_processes_keeps_input_order(tmp_path: Path) -> None:
    sources = []
    for i in range(6):
        source = tmp_path / "in" / f"{i}.txt"
        source.parent.mkdir(exist_ok=True)
        source.write_bytes(BINARY if i == 3 else DOCUMENT.encode())
        sources.append(source)
    outcomes = _run_folder([tmp_path / "in"], tmp_path / "out", workers=2)
    assert [o.name for o in outcomes] == [str(p) for p in sources]
    assert [o.error is not None for o in outcomes] == [False, False, False, True, False, False]
    assert (tmp_path / "out" / "5.txt").read_text(encoding="utf-8") == ARTICLE


def _stream(count: int, read: list[int]) -> Iterator[Document]:
    for i in range(count):
        read.append(i)
        if i == 2:
            yield Document(f"doc{i}", error="unreadable")
        else:
            yield Document(f"doc{i}", (BINARY if i == 4 else f"Document {i}. {ARTICLE}".encode()))


@pytest.mark.parametrize("workers", [1, 2])
def test_run_keeps_input_order_and_names_each_failure(workers: int) -> None:
    read: list[int] = []
    cleaned = list(run(_stream(7, read), Settings(), workers))
    assert [c.name for c in cleaned] == [f"doc{i}" for i in range(7)]
    assert [c.error for c in cleaned] == [None, None, "unreadable", None, "binary data, not text", None, None]
    assert all(
        c.rendered is not None and c.rendered.startswith(f"Document {i}.")
        for i, c in enumerate(cleaned)
        if i not in (2, 4)
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_run_passes_decided_outcomes_through_in_their_place(workers: int) -> None:
    items = [Document("a", ARTICLE.encode()), Outcome("b", skipped="up to date"), Document("c", BINARY)]
    assert [(o.name, o.skipped, o.error) for o in run(items, Settings(), workers)] == [
        ("a", None, None),
        ("b", "up to date", None),
        ("c", None, "binary data, not text"),
    ]


def test_run_reads_only_a_few_documents_ahead() -> None:
    read: list[int] = []
    stream = run(_stream(100, read), Settings(), workers=2)
    first = next(stream)
    assert first.name == "doc0"
    assert len(read) <= 2 * AHEAD_PER_WORKER + 1
    stream.close()  # a reader that stops early (a closed pipe) shuts the workers down


def test_settings_are_unpickled_once_per_process() -> None:
    settings = Settings(fmt="json")
    first, second = pickle.loads(pickle.dumps(settings)), pickle.loads(pickle.dumps(settings))
    assert first is second
    assert first.fmt == "json" and first.options.rules.rules == settings.options.rules.rules


def test_describe_error_is_one_line_and_names_other_files() -> None:
    assert describe_error(ValueError("bad\nthing")) == "bad thing"
    assert describe_error(FileNotFoundError(2, "No such file or directory", "model.json")) == (
        "No such file or directory (model.json)"
    )
    assert describe_error(FileNotFoundError(2, "No such file or directory", "a.txt"), "a.txt") == (
        "No such file or directory"
    )
    assert describe_error(RecursionError()) == "document nested too deeply to read"
    assert describe_error(KeyError("k")) == "internal error (KeyError: 'k')"


def test_walk_skips_named_pipes(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(DOCUMENT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    assert [p.name for p in walk(tmp_path)] == ["page.txt"]


def test_write_atomic_gives_the_file_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.txt", "text\n")
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o644
