"""The compiled modules change no result: text mode cleans every document the same with them set aside.

``CLEANER_PURE_PYTHON=1`` sets every compiled module aside, as an install without a C compiler has
none; the same documents go through the command both ways and must come out the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.data import available, scrapinghub_dir
from cleaner._compiled import compiled_module
from tests.conftest import SEEDS


def _clean(paths: list[Path], pure: bool) -> list[object]:
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_PURE_PYTHON"}
    if pure:
        env["CLEANER_PURE_PYTHON"] = "1"
    command = [sys.executable, "-m", "cleaner", "-f", "jsonl", "--input-format", "text", *map(str, paths)]
    done = subprocess.run(command, env=env, capture_output=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_text_mode_cleans_alike_with_the_compiled_modules_set_aside() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    if available():  # whole pages flattened to text: menus, teasers and footers, what the model scores
        paths += sorted((scrapinghub_dir() / "page").glob("*.txt"))[:40]
        paths += sorted((scrapinghub_dir() / "container").glob("*.txt"))[:20]
    assert _clean(paths, pure=True) == _clean(paths, pure=False)


def test_the_pure_python_switch_sets_compiled_modules_aside() -> None:
    code = "from cleaner._compiled import compiled_module; print(compiled_module('cleaner._linefacts') is None)"
    env = {**os.environ, "CLEANER_PURE_PYTHON": "1"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_a_module_that_was_not_built_is_none() -> None:
    assert compiled_module("cleaner._no_such_module") is None


@pytest.mark.skipif(os.environ.get("CLEANER_PURE_PYTHON", "") not in ("", "0"), reason="compiled modules set aside")
def test_compiled_modules_load_where_they_were_built() -> None:
    built = sorted(p.name.split(".")[0] for p in Path(__file__).resolve().parent.parent.glob("cleaner/_*.so"))
    for name in built:
        assert compiled_module(f"cleaner.{name}") is not None
