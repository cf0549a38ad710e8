"""The fitted block classifier HTML mode uses: a weight per feature name, read from a plain JSON file.

A block's logit is the bias plus the weights of the feature names it has (features.py), then
the neighbours' logits are folded in (jusText's order: a block on its own first, then in
context). Weights are fitted by ``python -m bench.train_html model`` and shipped as
``cleaner/data/html_model.json``; scoring is pure Python: a few dozen dictionary look-ups a block.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

MODEL_FILE = "data/html_model.json"

CONTEXT_NAMES = ("own", "prev", "next", "window", "siblings")
"""Stage two's inputs: the block's own logit, its neighbours', the mean of a window around it, and the mean of
the blocks sharing its parent element."""
WINDOW = 3


@dataclass(frozen=True)
class HtmlModel:
    """Stage one (a weight per feature name), stage two (context weights) and the keep threshold."""

    weights: Mapping[str, float]
    bias: float
    context: tuple[float, ...]
    context_bias: float
    keep_threshold: float
    _table: dict[str, float] = field(init=False, repr=False, compare=False)
    reads_page_type: bool = field(init=False, repr=False, compare=False)
    """Whether any weight is on a page-type feature (``pt=``, ``features.with_page_type``): without one, crossing
    blocks with the page's type changes no logit and no reason."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_table", _Weights(self.weights))
        object.__setattr__(self, "reads_page_type", any(name.startswith("pt=") for name in self.weights))

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> HtmlModel:
        context = raw["context"]
        if tuple(context["features"]) != CONTEXT_NAMES:
            raise ValueError("HTML model context features do not match the code's; retrain")
        return cls(
            {str(k): float(v) for k, v in raw["weights"].items()},
            float(raw["bias"]),
            tuple(float(w) for w in context["weights"]),
            float(context["bias"]),
            float(raw["keep_threshold"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "keep_threshold": self.keep_threshold,
            "bias": self.bias,
            "context": {"features": list(CONTEXT_NAMES), "weights": list(self.context), "bias": self.context_bias},
            "weights": dict(sorted(self.weights.items())),
        }

    def logits(self, features: Sequence[Sequence[str]]) -> list[float]:
        """Stage one: each block's logit from its own features."""
        weight, bias = self._table.__getitem__, self.bias
        return [bias + sum(map(weight, names)) for names in features]

    def probabilities(self, features: Sequence[Sequence[str]], groups: Sequence[int]) -> list[float]:
        """Stage two: each block's probability of being content, its neighbours' logits folded in.

        ``groups`` names each block's parent element (equal numbers: the same parent)."""
        own = self.logits(features)
        rows = context_rows(own, groups)
        weights, bias = self.context, self.context_bias
        return [sigmoid(bias + sum(w * x for w, x in zip(weights, row, strict=True))) for row in rows]

    def against(self, names: Sequence[str], count: int = 2) -> list[str]:
        """The feature names that weigh most against keeping a block, strongest first."""
        get = self.weights.get
        weighed = sorted([(weight, name) for name in names if (weight := get(name, 0.0)) < 0])
        return [name for _, name in weighed[:count]]


class _Weights(dict[str, float]):
    """Weights by feature name, 0 for a name the model never saw (summed in C, without a default per look-up)."""

    def __missing__(self, key: str) -> float:
        return 0.0


def context_rows(own: Sequence[float], groups: Sequence[int]) -> list[tuple[float, ...]]:
    """Stage two's inputs for every block, in ``CONTEXT_NAMES`` order (clipped so one block cannot swamp them)."""
    clipped = [max(-8.0, min(8.0, x)) for x in own]
    n = len(clipped)
    sums: dict[int, float] = {}
    sizes: dict[int, int] = {}
    for x, group in zip(clipped, groups, strict=True):
        sums[group] = sums.get(group, 0.0) + x
        sizes[group] = sizes.get(group, 0) + 1
    prefix = [0.0]
    for x in clipped:
        prefix.append(prefix[-1] + x)
    rows: list[tuple[float, ...]] = []
    for i, x in enumerate(clipped):
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        window = (prefix[hi] - prefix[lo] - x) / max(1, hi - lo - 1)
        size = sizes[groups[i]]
        siblings = (sums[groups[i]] - x) / (size - 1) if size > 1 else x
        rows.append((x, clipped[i - 1] if i else 0.0, clipped[i + 1] if i + 1 < n else 0.0, window, siblings))
    return rows


def sigmoid(z: float) -> float:
    return 0.0 if z < -30.0 else 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def shipped_html_model() -> HtmlModel:
    """The model shipped with the package (read once, never changed)."""
    raw = resources.files("cleaner").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return HtmlModel.from_dict(json.loads(raw))
