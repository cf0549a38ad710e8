from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_117853b2852656d5.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
