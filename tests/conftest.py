from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_117853b2852656d5.txt"

ARTICLE = (
    "The council voted on Monday to turn the old ferry terminal into a public library and reading room.\n"
    "Work on the roof is due to begin in the autumn, and the first floor should open to readers in 2028.\n"
)
"""Two lines of prose no rule removes."""
NEWSLETTER = "Sign up for our newsletter today!\n"
"""A line the built-in NEWS rules remove."""
DOCUMENT = NEWSLETTER + "\n" + ARTICLE
BINARY = bytes(range(256)) * 8


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The model refit first: it is the longest test by far, so in a parallel run (``-n``) one worker starts
    on it while the others share the rest, instead of it starting last and running alone."""
    items.sort(key=lambda item: item.get_closest_marker("refit") is None)


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def invoke(*args: str | Path, stdin: bytes | str | None = None) -> Result:
    """Run `clean` in-process, as a user would type it; stderr is kept apart from stdout."""
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin, catch_exceptions=False)


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of scraped pages: nested, gzip-compressed, empty and hidden files."""
    root = tmp_path / "in"
    (root / "news" / "2026").mkdir(parents=True)
    (root / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    (root / "news" / "2026" / "b.html").write_text(
        "<html><head><title>B</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines())
        + "</article></body></html>",
        encoding="utf-8",
    )
    (root / "news" / "c.txt.gz").write_bytes(gzip.compress(DOCUMENT.encode()))
    (root / "empty.txt").write_bytes(b"")
    (root / ".hidden.txt").write_text(DOCUMENT, encoding="utf-8")
    return root
