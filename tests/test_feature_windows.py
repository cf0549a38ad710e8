"""The neighbour means text mode reads around each line agree with their plain definition at every length."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.text.context import window_means

scores = st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=40)


def _plain_window_mean(values: list[float], i: int, radius: int) -> float:
    neighbours = [v for j, v in enumerate(values) if j != i and abs(j - i) <= radius]
    return sum(neighbours) / len(neighbours) if neighbours else 0.0


@given(scores, st.sampled_from([1, 2, 5, 10]))
def test_window_mean_is_the_mean_of_the_neighbours_on_both_sides(values: list[float], radius: int) -> None:
    expected = [_plain_window_mean(values, i, radius) for i in range(len(values))]
    assert window_means(values, radius) == pytest.approx(expected, abs=1e-9)


def test_window_means_of_a_short_text_use_what_neighbours_there_are() -> None:
    assert window_means([1.0, 0.0, 0.5], 2) == [0.25, 0.75, 0.5]
    assert window_means([0.4], 5) == [0.0]
    assert window_means([], 5) == []
