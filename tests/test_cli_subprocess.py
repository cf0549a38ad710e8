"""The real thing: `python -m cleaner` and the installed `clean` script as processes, pipes and a terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import __version__

from .conftest import ARTICLE, BINARY, DOCUMENT, NEWSLETTER

CLEAN_SCRIPT = Path(sys.executable).with_name("clean")
HOSTILE = "Read [bold red]this[/bold red] \x1b[31mRED\x1b[0m and \x1b]0;title\x07 now, a long line of prose here.\n"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update(extra)
    return env


def run(*args: str | Path, stdin: bytes = b"", **env: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "cleaner", *map(str, args)]
    return subprocess.run(command, input=stdin, capture_output=True, env=_env(**env), timeout=60)


def run_on_terminal(*args: str | Path, **env: str) -> bytes:
    """Run with stdout and stderr on a pseudo-terminal, as a person at a shell would; returns what it showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=_env(TERM="xterm-256color", COLUMNS="200", **env),
    )
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        shown += chunk
    proc.wait(timeout=30)
    os.close(leader)
    assert proc.returncode == 0, shown
    return shown


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A file holding Rich markup and raw escape sequences after a newsletter line."""
    path = tmp_path / "hostile.txt"
    path.write_text(NEWSLETTER + "\n" + HOSTILE, encoding="utf-8")
    return path


def assert_no_traceback(proc: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in proc.stdout + proc.stderr


def test_python_m_cleaner_prints_the_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode() == f"clean, version {__version__}\n"


@pytest.mark.skipif(not CLEAN_SCRIPT.exists(), reason="the clean script is installed with the package")
def test_clean_script_cleans_a_file(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    proc = subprocess.run([str(CLEAN_SCRIPT), str(path)], capture_output=True, env=_env(), timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.decode() == ARTICLE
    assert proc.stderr == b""


def test_stdin_pipe_to_stdout_pipe() -> None:
    proc = run(stdin=DOCUMENT.encode("utf-16"))
    assert proc.returncode == 0
    assert proc.stdout.decode() == ARTICLE


def test_a_run_to_a_pipe_or_to_files_never_imports_the_terminal_library(tmp_path: Path) -> None:
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text(DOCUMENT)
    for args in ([page, "-f", "json"], [page.parent, "-o", tmp_path / "out", "-f", "json"]):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "cleaner", *map(str, args)],
            capture_output=True,
            env=_env(),
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr.decode()
        imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines() if "|" in line]
        assert "cleaner.cli" in imported
        assert not [name for name in imported if name.split(".")[0] == "rich"]


def test_missing_path_exits_1_without_traceback(tmp_path: Path) -> None:
    proc = run(tmp_path / "nope.txt")
    assert proc.returncode == 1
    assert proc.stderr == f"clean: error: {tmp_path / 'nope.txt'}: No such file or directory\n".encode()
    assert proc.stdout == b""
    assert_no_traceback(proc)


def test_folder_with_a_binary_file_exits_1_and_writes_the_rest(corpus: Path, tmp_path: Path) -> None:
    (corpus / "photo.jpg").write_bytes(BINARY)
    out = tmp_path / "out"
    proc = run(corpus, "-o", out, "-j", "2")
    assert proc.returncode == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "a.txt",
        "empty.txt",
        "news/2026/b.txt",
        "news/c.txt",
    ]
    assert proc.stderr.decode().splitlines() == [
        f"clean: error: {corpus / 'photo.jpg'}: binary data, not text",
        f"clean: 4 cleaned, 1 failed -> {out}",
    ]
    assert_no_traceback(proc)


def test_output_onto_the_input_folder_is_refused_and_inputs_untouched(corpus: Path) -> None:
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    proc = run(corpus, "-o", corpus)
    assert proc.returncode == 2
    assert b"refusing to write inside the input folder" in proc.stderr
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before
    assert_no_traceback(proc)


def test_explain_piped_has_no_ansi_even_with_hostile_text() -> None:
    proc = run("--explain", stdin=(NEWSLETTER + HOSTILE).encode())
    assert proc.returncode == 0
    assert b"\x1b" not in proc.stdout
    assert b"[bold red]this[/bold red]" in proc.stdout


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("".join(f"Line {i} of a long document that goes on.\n" for i in range(100_000)), encoding="utf-8")
    # Pattern rules only, so that every line is kept and the output is long.
    shell = f"{sys.executable} -m cleaner --select NEWS {big} | head -n 1"
    proc = subprocess.run(["sh", "-c", shell], capture_output=True, env=_env(), timeout=60)
    assert proc.stdout.decode() == "Line 0 of a long document that goes on.\n"
    assert proc.stderr == b""


def test_explain_on_a_terminal_is_styled_and_untrusted_text_is_inert(hostile: Path) -> None:
    shown = run_on_terminal("--explain", hostile)
    assert b"\x1b[31mRED" not in shown
    assert b"\x1b]0;title\x07" not in shown
    assert "\ufffd[31mRED".encode() in shown
    assert b"[bold red]this[/bold red]" in shown
    assert b"\x1b[" in shown  # Rich styled the removed line: it is a terminal


def test_explain_on_a_terminal_honours_no_color(hostile: Path) -> None:
    shown = run_on_terminal("--explain", hostile, NO_COLOR="1")
    assert b"[NEWS" in shown
    assert not any(f"\x1b[{c}m".encode() in shown or f";{c}m".encode() in shown for c in range(30, 38))


def test_text_on_a_terminal_has_escape_sequences_made_inert(hostile: Path) -> None:
    shown = run_on_terminal(hostile)
    assert b"\x1b" not in shown
    assert "\ufffd[31mRED".encode() in shown


def test_json_is_indented_on_a_terminal_and_compact_when_piped(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    shown = run_on_terminal("-f", "json", path)
    assert b'{\r\n  "source": ' in shown  # the terminal turns each newline into CR LF
    piped = run("-f", "json", path)
    assert piped.stdout.count(b"\n") == 1
    assert json.loads(piped.stdout)["text"] == json.loads(shown)["text"] == ARTICLE.strip()


def test_list_rules_on_a_terminal_is_a_table() -> None:
    shown = run_on_terminal("--list-rules")
    assert b"Boilerplate rules" in shown
    assert "┃".encode() in shown
    assert b"\t" not in shown


def test_python_m_cleaner_help_names_the_command_clean() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("Usage: clean [OPTIONS] [PATHS]...")


def test_folder_on_a_terminal_shows_the_summary_and_writes_every_file(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shown = run_on_terminal(corpus, "-o", out, "-j", "2")
    assert f"clean: 4 cleaned, 0 failed -> {out}".encode() in shown
    assert len([p for p in out.rglob("*") if p.is_file()]) == 4


def test_no_path_on_a_terminal_explains_instead_of_waiting() -> None:
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner"], stdin=follower, capture_output=True, env=_env(), timeout=60
    )
    os.close(follower)
    os.close(leader)
    assert proc.returncode == 2
    assert b"stdin is a terminal" in proc.stderr


def test_closed_stdin_is_a_named_failure() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner"],
        capture_output=True,
        preexec_fn=lambda: os.close(0),  # the command starts with no standard input at all
        env=_env(),
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr == b"clean: error: <stdin>: no standard input to read\n"
