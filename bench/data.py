"""Where the benchmark data lives: ../shared/bench, or $BENCH_DATA."""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    env = os.environ.get("BENCH_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "bench"


def scrapinghub_dir() -> Path:
    """The page set: ``$BENCH_DATA/scrapinghub``, or ``$BENCH_DATA`` itself when it points right at it."""
    root = data_dir()
    return root if (root / "ground-truth.json").is_file() else root / "scrapinghub"


def available() -> bool:
    return (scrapinghub_dir() / "ground-truth.json").is_file()


@dataclass(frozen=True)
class Page:
    id: str
    truth: str
    url: str

    def html(self) -> str:
        with gzip.open(scrapinghub_dir() / "html" / f"{self.id}.html.gz", "rt", encoding="utf-8") as fh:
            return fh.read()

    def html_bytes(self) -> bytes:
        return gzip.decompress((scrapinghub_dir() / "html" / f"{self.id}.html.gz").read_bytes())

    def page_text(self) -> str:
        return (scrapinghub_dir() / "page" / f"{self.id}.txt").read_text(encoding="utf-8")

    def container_text(self) -> str:
        return (scrapinghub_dir() / "container" / f"{self.id}.txt").read_text(encoding="utf-8")


def pages() -> list[Page]:
    truth = json.loads((scrapinghub_dir() / "ground-truth.json").read_text(encoding="utf-8"))
    return [Page(k, v["articleBody"], v.get("url", "")) for k, v in sorted(truth.items())]
