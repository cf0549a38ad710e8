"""The compiled modules change no result: both modes clean every document the same with them set aside.

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
from tests.conftest import SEEDS


def _clean(paths: list[Path], pure: bool, input_format: str = "text") -> list[object]:
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_PURE_PYTHON"}
    if pure:
        env["CLEANER_PURE_PYTHON"] = "1"
    command = [sys.executable, "-m", "cleaner", "-f", "jsonl", "--input-format", input_format, *map(str, paths)]
    done = subprocess.run(command, env=env, capture_output=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_text_mode_cleans_alike_with_the_compiled_modules_set_aside() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    if available():  # whole pages flattened to text: menus, teasers and footers, what the model scores
        paths += sorted((scrapinghub_dir() / "page").glob("*.txt"))[:40]
        paths += sorted((scrapinghub_dir() / "container").glob("*.txt"))[:20]
    assert _clean(paths, pure=True) == _clean(paths, pure=False)


@pytest.mark.skipif(not available(), reason=f"benchmark data not found at {scrapinghub_dir()}; set BENCH_DATA")
def test_html_mode_cleans_alike_with_the_compiled_modules_set_aside() -> None:
    paths = sorted((scrapinghub_dir() / "html").glob("*.html.gz"))[:30]  # HTML mode reads words as text mode does
    assert _clean(paths, pure=True, input_format="html") == _clean(paths, pure=False, input_format="html")


def _loaded_compiled(module: str, pure: bool) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_PURE_PYTHON"}
    if pure:
        env["CLEANER_PURE_PYTHON"] = "1"
    code = f"import {module} as m, cleaner._compiled as c; print(c.is_compiled(m))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip() == "True"


def _built() -> list[str]:
    """The cleaner modules that have a compiled extension beside their source."""
    root = Path(__file__).resolve().parent.parent
    return sorted(
        ".".join(so.relative_to(root).with_name(so.name.split(".")[0]).parts)
        for so in root.glob("cleaner/**/*.so")
        if so.with_name(so.name.split(".")[0] + ".py").is_file()
    )


def test_every_compiled_module_has_its_source_and_declarations() -> None:
    root = Path(__file__).resolve().parent.parent
    assert not list(root.glob("cleaner/**/*.pyx")), "a .pyx is a second source: compile the .py (see setup.py)"
    for pxd in root.glob("cleaner/**/*.pxd"):
        assert pxd.with_suffix(".py").is_file()


def test_the_pure_python_switch_loads_every_module_from_its_source() -> None:
    for module in _built() or ["cleaner.text.shapes"]:
        assert not _loaded_compiled(module, pure=True)


@pytest.mark.skipif(os.environ.get("CLEANER_PURE_PYTHON", "") not in ("", "0"), reason="compiled modules set aside")
def test_compiled_modules_load_where_they_were_built() -> None:
    for module in _built():
        assert _loaded_compiled(module, pure=False)
