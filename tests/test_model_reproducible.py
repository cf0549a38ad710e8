"""The shipped text model is what the training script fits from the code as it is.

A change to features, rules or training that is not followed by ``python -m bench.train_text model``
leaves a model fitted to other inputs: its figures can no longer be reproduced, and the next
retrain moves them. This test refits the model on every dev corpus's text inputs and compares.
"""

from __future__ import annotations

import pytest

from bench.data import available, scrapinghub_dir
from cleaner.text.model import shipped_model

pytestmark = [
    pytest.mark.skipif(not available(), reason=f"benchmark data not found at {scrapinghub_dir()}; set BENCH_DATA"),
    pytest.mark.refit,  # the pure-Python run reads the same features (test_compiled pins them equal): run once
]

TOLERANCE = 1e-6
"""Refitting is deterministic; this only absorbs a different BLAS's rounding on another machine."""


def test_the_shipped_text_model_is_what_training_fits_now() -> None:
    from bench.train_text import fit, load_docs

    fitted, shipped = fit(load_docs()), shipped_model()
    retrain = "retrain: python -m bench.train_text model"
    chosen = (fitted.keep_threshold, fitted.region_floor, fitted.outside_keep)
    assert chosen == (shipped.keep_threshold, shipped.region_floor, shipped.outside_keep), retrain
    for stage in ("line", "context"):
        new, old = getattr(fitted, stage), getattr(shipped, stage)
        assert new.names == old.names, retrain
        assert new.bias == pytest.approx(old.bias, abs=TOLERANCE), retrain
        assert list(new.weights) == pytest.approx(list(old.weights), abs=TOLERANCE), retrain
