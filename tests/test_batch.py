"""Batch runs: one JSONL file for everything, --resume, time limits, stopping a run, --errors, worker counts."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

import cleaner.run
from cleaner.pool import Pool

from .conftest import ARTICLE, BINARY, DOCUMENT, invoke
from .test_warc import PAGES, write_warc

ROOT = Path(__file__).resolve().parent.parent


def _inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in" / "pages"
    folder.mkdir(parents=True)
    for i in range(4):
        (folder / f"{i}.txt").write_text(f"Document {i} of the folder.\n{DOCUMENT}", encoding="utf-8")
    archive = tmp_path / "in" / "more.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("m.txt", DOCUMENT)
    crawl = tmp_path / "in" / "crawl.warc.gz"
    write_warc(crawl, PAGES)
    return [folder, archive, crawl]


def _lines(path: Path) -> list[dict[str, object]]:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return [json.loads(line) for line in data.decode().splitlines()]


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_one_jsonl_file_holds_every_input_in_order(tmp_path: Path, name: str) -> None:
    inputs = _inputs(tmp_path)
    out = tmp_path / name
    result = invoke(*inputs, "-o", out, "-j", "2")  # the format follows from the name
    assert result.exit_code == 0
    records = _lines(out)
    folder = inputs[0]
    assert [r["source"] for r in records] == [
        *(str(folder / f"{i}.txt") for i in range(4)),
        f"{inputs[1]}:m.txt",
        *(str(inputs[2]) for _ in PAGES),
    ]
    assert [r.get("url") for r in records[-3:]] == [url for url, _ in PAGES]
    assert not (tmp_path / (name + ".part")).exists()
    assert result.stderr.startswith("clean: 8 cleaned, 0 failed, 6 records skipped")
    assert result.stderr.endswith(f"-> {out}\n")


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_resume_continues_a_cut_jsonl_file_to_the_same_end(tmp_path: Path, name: str) -> None:
    inputs = _inputs(tmp_path)
    whole = tmp_path / ("whole-" + name)
    assert invoke(*inputs, "-o", whole).exit_code == 0
    expected = _lines(whole)
    # What an interrupted run leaves: the first records and a torn one, in the part file.
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in expected[:3]) + '{"source": "torn'
    part = tmp_path / (name + ".part")
    part.write_bytes(gzip.compress(text.encode())[:-6] if name.endswith(".gz") else text.encode())
    result = invoke(*inputs, "-o", tmp_path / name, "--resume")
    assert result.exit_code == 0
    assert _lines(tmp_path / name) == expected
    assert not part.exists()
    assert "3 skipped (up to date)" in result.stderr


def test_a_document_over_its_time_limit_fails_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    (folder / "b.txt").write_text("SLOW\n" + ARTICLE, encoding="utf-8")
    real = cleaner.run.clean_bytes

    def clean_bytes(data: bytes, *args: Any, **kwargs: Any) -> Any:
        # A document whose cleaning runs (in Python, where the time limit reaches it) far past the limit;
        # rule patterns cannot be made slow (they run in linear time).
        if data.startswith(b"SLOW"):
            time.sleep(60)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(cleaner.run, "clean_bytes", clean_bytes)
    errors = tmp_path / "errors.jsonl"
    started = time.monotonic()
    result = invoke(folder, "-f", "jsonl", "--timeout", "1", "--errors", errors)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(folder / "a.txt")]
    reason = "took longer than 1 s: stopped (see --timeout)"
    assert f"clean: error: {folder / 'b.txt'}: {reason}" in result.stderr
    assert [json.loads(line) for line in errors.read_text().splitlines()] == [
        {"path": str(folder / "b.txt"), "error": reason}
    ]


def _answer(task: int) -> int:
    return os.getpid()


def test_workers_are_started_only_as_there_is_work_for_them() -> None:
    pool: Pool[int, int] = Pool(_answer, lambda task, reason: -1, size=256)
    pids = list(pool.map([1, 2], lambda task: True))
    assert len(set(pids)) <= 2 and os.getpid() not in pids


# --- stopping a run: a real process, signals sent as a terminal or a service manager sends them ---------------

# Runs `clean` with the cleaning of any document holding STUCK stuck where no signal can reach it: SIGALRM,
# SIGINT and SIGTERM blocked, as in a C extension that never returns.
_STUCK_HARNESS = """
import signal, sys, time
import cleaner.run
real = cleaner.run.clean_bytes
def clean_bytes(data, *args, **kwargs):
    if b"STUCK" in data:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGINT, signal.SIGTERM})
        time.sleep(600)
    return real(data, *args, **kwargs)
cleaner.run.clean_bytes = clean_bytes
from cleaner.cli import main
sys.argv[0] = "clean"
main()
"""


def _stuck_folder(tmp_path: Path, count: int = 40) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(count):
        marker = "STUCK\n" if i == 5 else ""
        (folder / f"{i:02}.txt").write_text(f"{marker}Document {i} of the folder.\n{DOCUMENT}", encoding="utf-8")
    return folder


def _start(args: list[str | Path]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", _STUCK_HARNESS, *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_for(path: Path, count: int) -> None:
    """Until ``count`` outputs are written; a run that writes none in a minute fails here, named as that."""
    deadline = time.monotonic() + 60
    while len(list(path.glob("*.txt"))) < count:
        assert time.monotonic() < deadline, f"the run wrote fewer than {count} outputs in 60 s"
        time.sleep(0.05)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_with_a_stuck_worker_stops_at_once_and_resume_finishes_it(
    tmp_path: Path, sig: signal.Signals
) -> None:
    folder = _stuck_folder(tmp_path)
    whole = tmp_path / "whole"
    assert invoke(folder, "-o", whole).exit_code == 0
    out = tmp_path / "out"
    proc = _start([folder, "-o", out, "-j", "2"])
    _wait_for(out, 5)  # written in input order: up to the stuck document (05), which holds a worker
    time.sleep(0.5)
    # Ctrl-C reaches the whole process group; a service manager's SIGTERM only the parent.
    os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)
    started = time.monotonic()
    _, stderr = proc.communicate(timeout=30)
    assert time.monotonic() - started < 5
    assert proc.returncode == (130 if sig == signal.SIGINT else 143)  # 128 + the signal's number
    assert not _group_alive(proc.pid)  # no worker left behind
    assert b"Traceback" not in stderr
    assert b"run the same command with --resume to finish" in stderr
    written = sorted(p.name for p in out.iterdir())
    assert "05.txt" not in written and all(not name.startswith(".") for name in written)
    assert written == [f"{i:02}.txt" for i in range(5)]
    for name in written:  # every output present is complete
        assert (out / name).read_bytes() == (whole / name).read_bytes()
    # Resumed without the harness (the document is no longer stuck): the rest, and the same end result.
    assert invoke(folder, "-o", out, "--resume").exit_code == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {p.name: p.read_bytes() for p in whole.iterdir()}


def test_a_worker_stuck_past_its_time_limit_is_replaced_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = _stuck_folder(tmp_path, 8)
    proc = _start([folder, "-f", "jsonl", "-j", "2", "--timeout", "0.5"])
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert len(stdout.splitlines()) == 7
    assert f"{folder / '05.txt'}: did not finish in time; its worker was stopped".encode() in stderr


def test_resume_removes_the_temporary_files_a_killed_run_left(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    (folder / "b.txt").write_bytes(BINARY)
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    stale = [out / ".a.txt.k2j4_x9q.tmp", out / "sub" / ".c.json.abcdefgh.tmp"]
    for path in stale:
        path.write_text("half a fi", encoding="utf-8")
    (out / "notes.tmp").write_text("not ours", encoding="utf-8")
    result = invoke(folder, "-o", out, "--resume")
    assert result.exit_code == 1
    assert not any(path.exists() for path in stale)
    assert (out / "notes.tmp").exists() and (out / "a.txt").read_text(encoding="utf-8") == ARTICLE


def test_one_jsonl_file_is_never_written_inside_or_over_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    inside = invoke(folder, "-o", folder / "corpus.jsonl")
    assert inside.exit_code == 2 and "refusing to write over or inside the input" in inside.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    existing = tmp_path / "old.jsonl"
    existing.write_text('{"source": "x"}\n', encoding="utf-8")
    over = invoke(folder, existing, "-o", existing)
    assert over.exit_code == 2 and existing.read_text(encoding="utf-8") == '{"source": "x"}\n'


def test_a_run_that_cannot_start_leaves_no_part_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cleaner.cluster.CONNECT_SECONDS", 1)
    (tmp_path / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    cluster = ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]  # nothing listens there
    result = invoke(tmp_path / "a.txt", "-o", tmp_path / "out" / "c.jsonl", *cluster)
    assert result.exit_code == 2
    assert not (tmp_path / "out" / "c.jsonl.part").exists()


def test_the_command_gives_back_the_callers_sigterm_handler(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM)
    (tmp_path / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    assert invoke(tmp_path / "a.txt").exit_code == 0
    assert signal.getsignal(signal.SIGTERM) is before


def test_one_web_archive_is_cleaned_in_the_workers_asked_for(tmp_path: Path) -> None:
    # Only a worker can be stopped past its time limit: the message proves the records went to workers.
    crawl = tmp_path / "crawl.warc.gz"
    pages = [(url, html.replace("<article>", "<article><p>STUCK</p>") if i == 1 else html)
             for i, (url, html) in enumerate(PAGES)]
    write_warc(crawl, pages)
    # (A fresh worker's first page loads the HTML model, about half a second: the limit leaves room for it.)
    proc = _start([crawl, "-o", tmp_path / "out", "-j", "2", "--timeout", "2"])
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert b"did not finish in time; its worker was stopped" in stderr
    assert len(list((tmp_path / "out" / "crawl").iterdir())) == 2
