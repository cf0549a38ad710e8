"""--engine dask against a real cluster: a scheduler and two workers on 127.0.0.1, as the README starts them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import BINARY, DOCUMENT, invoke
from .test_warc import PAGES, write_warc

distributed = pytest.importorskip("distributed", reason="the dask extra (make test installs it)")

DASK = Path(sys.executable).with_name("dask")


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not DASK.exists() and shutil.which("dask") is None:
        pytest.skip("the dask command is installed with the dask extra")
    dask = str(DASK if DASK.exists() else shutil.which("dask"))
    where = tmp_path_factory.mktemp("cluster")
    file = where / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    common = ["--no-dashboard", "--scheduler-file", str(file)]
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", *common], **quiet)]
    try:
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(file.read_text())["address"]
        for _ in range(2):
            worker = [dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard"]
            processes.append(subprocess.Popen(worker, **quiet))
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02}.txt").write_text(f"Document {i} of the folder.\n{DOCUMENT}", encoding="utf-8")
    (folder / "07.txt").write_bytes(BINARY)
    write_warc(folder / "crawl.warc.gz", PAGES)
    return folder


def test_a_cluster_run_gives_the_output_of_a_local_run(scheduler: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    local = invoke(folder, "-f", "jsonl", "--templates")  # the first pass (site templates) runs on the cluster too
    remote = invoke(folder, "-f", "jsonl", "--templates", "--engine", "dask", "--scheduler", scheduler)
    assert remote.exit_code == local.exit_code == 1
    assert remote.stdout == local.stdout
    assert len(remote.stdout.splitlines()) == 11 + len(PAGES)
    assert remote.stderr == local.stderr


def test_a_cluster_run_writes_the_same_folder(scheduler: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert invoke(folder, "-o", tmp_path / "local", "-f", "json").exit_code == 1
    cluster = ["--engine", "dask", "--scheduler", scheduler]
    assert invoke(folder, "-o", tmp_path / "remote", "-f", "json", *cluster).exit_code == 1

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert tree(tmp_path / "remote") == tree(tmp_path / "local")
    assert len(tree(tmp_path / "local")) == 11 + len(PAGES)


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cleaner.cluster.CONNECT_SECONDS", 1)
    page = tmp_path / "a.txt"
    page.write_text(DOCUMENT, encoding="utf-8")
    result = invoke(page, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "cannot reach the scheduler" in result.stderr
    assert invoke(page, "--engine", "dask").exit_code == 2  # no --scheduler


def test_a_document_past_its_time_limit_fails_on_the_cluster_and_the_run_goes_on(
    scheduler: str, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(f"Document {i} of the folder.\n{DOCUMENT}", encoding="utf-8")
    # Seconds of real work in text mode (tens of thousands of distinct lines): past a limit of half a second.
    lines = (f"Line {i} of a page that never ends, and says {i * 7919 % 10007} things." for i in range(120_000))
    (folder / "2.txt").write_text("\n".join(lines), encoding="utf-8")
    args = [folder, "-f", "jsonl", "--timeout", "0.5"]
    started = time.monotonic()
    remote = invoke(*args, "--engine", "dask", "--scheduler", scheduler)
    assert time.monotonic() - started < 30
    assert remote.exit_code == 1
    assert f"{folder / '2.txt'}: took longer than 0.5 s: stopped (see --timeout)" in remote.stderr
    assert [json.loads(line)["source"] for line in remote.stdout.splitlines()] == [
        str(folder / f"{i}.txt") for i in (0, 1, 3)
    ]
    (folder / "2.txt").unlink()  # the others as a local run cleans them (the slow page is no site template)
    assert remote.stdout == invoke(folder, "-f", "jsonl").stdout
