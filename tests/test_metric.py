"""The benchmark metric, exactly as ../shared/bench/README.md defines it, on examples small enough to count by hand."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.metric import aggregate, evaluate, score_document, shingles, tokens


def test_tokens_are_unicode_word_runs_without_punctuation() -> None:
    assert tokens("Hello, wörld! L'été — 42 km/h… 東京") == ["Hello", "wörld", "L", "été", "42", "km", "h", "東京"]


def test_shingles_are_every_run_of_four_consecutive_tokens() -> None:
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})


def test_shingles_count_repeats_as_a_multiset() -> None:
    assert shingles("a b c d a b c d a b c d") == Counter(
        {("a", "b", "c", "d"): 3, ("b", "c", "d", "a"): 2, ("c", "d", "a", "b"): 2, ("d", "a", "b", "c"): 2}
    )


def test_text_shorter_than_four_tokens_is_one_shorter_shingle() -> None:
    assert shingles("one, two") == Counter({("one", "two"): 1})


def test_text_without_tokens_has_no_shingles() -> None:
    assert shingles(" ... — ") == Counter()


def test_missing_text_is_normalised_recall_loss() -> None:
    # truth: abcd, bcde; predicted: abcd -> tp 1, fp 0, fn 1, each divided by 2
    score = score_document("a b c d e", "a b c d")
    assert (score.tp, score.fp, score.fn) == (0.5, 0.0, 0.5)
    assert (score.precision, score.recall) == (1.0, 0.5)


def test_repeated_text_counts_each_extra_copy_as_false_positive() -> None:
    # truth: wxyz once; predicted: wxyz twice plus the three shingles across the seam -> tp 1, fp 4, fn 0 over 5
    score = score_document("w x y z", "w x y z w x y z")
    assert (score.tp, score.fp, score.fn) == (0.2, 0.8, 0.0)
    assert (score.precision, score.recall) == (0.2, 1.0)


def test_counts_are_divided_by_their_sum_so_a_long_document_weighs_like_a_short_one() -> None:
    short = score_document("a b c d e", "a b c d")
    long_truth = " ".join(f"t{i}" for i in range(1000))
    long = score_document(long_truth, long_truth + " " + long_truth)
    assert short.tp + short.fp + short.fn == pytest.approx(1.0)
    assert long.tp + long.fp + long.fn == pytest.approx(1.0)


def test_identical_texts_score_perfectly_and_count_as_accurate() -> None:
    exact = score_document("The cat sat on the mat.", "The cat  sat\non the mat")
    assert (exact.tp, exact.fp, exact.fn, exact.exact) == (1.0, 0.0, 0.0, True)
    assert (exact.precision, exact.recall) == (1.0, 1.0)


def test_tokens_are_case_sensitive() -> None:
    # "The" vs "the" changes the first shingle only: tp 2, fp 1, fn 1 over 4
    score = score_document("The cat sat on the mat.", "the cat sat on the mat")
    assert (score.tp, score.fp, score.fn, score.exact) == (0.5, 0.25, 0.25, False)


def test_two_empty_texts_are_perfect_and_accurate() -> None:
    score = score_document("", "")
    assert (score.tp, score.fp, score.fn, score.exact) == (0.0, 0.0, 0.0, True)
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_empty_prediction_has_zero_recall() -> None:
    score = score_document("a b c d", "")
    assert (score.tp, score.fp, score.fn) == (0.0, 0.0, 1.0)
    assert score.recall == 0.0


def test_prediction_for_an_empty_answer_has_zero_precision() -> None:
    score = score_document("", "a b c d")
    assert (score.tp, score.fp, score.fn) == (0.0, 1.0, 0.0)
    assert score.precision == 0.0


def test_disjoint_short_texts_have_zero_precision_and_recall() -> None:
    score = score_document("a b", "a b c")
    assert (score.precision, score.recall) == (0.0, 0.0)


def test_a_documents_own_f1_is_the_harmonic_mean_of_its_precision_and_recall() -> None:
    assert score_document("w x y z", "w x y z w x y z").f1 == pytest.approx(2 * 0.2 * 1.0 / 1.2)
    assert score_document("a b", "a b c").f1 == 0.0


def test_averages_are_per_document_and_f1_is_of_the_averages() -> None:
    first = score_document("a b c d e", "a b c d")  # P 1.0, R 0.5
    second = score_document("w x y z", "w x y z w x y z")  # P 0.2, R 1.0
    total = aggregate([first, second])
    assert total.precision == pytest.approx(0.6)
    assert total.recall == pytest.approx(0.75)
    assert total.f1 == pytest.approx(2 * 0.6 * 0.75 / (0.6 + 0.75))
    assert (total.accuracy, total.documents) == (0.0, 2)


def test_precision_skips_documents_with_nothing_predicted_and_recall_skips_empty_answers() -> None:
    scores = [
        score_document("a b c d", "a b c d"),  # P 1, R 1
        score_document("a b c d", ""),  # nothing predicted: not in the precision average; R 0
        score_document("", "a b c d"),  # empty answer: not in the recall average; P 0
    ]
    total = aggregate(scores)
    assert total.precision == pytest.approx(0.5)  # (1 + 0) / 2
    assert total.recall == pytest.approx(0.5)  # (1 + 0) / 2
    assert total.accuracy == pytest.approx(1 / 3)


def test_accuracy_is_the_share_of_documents_whose_tokens_match_exactly() -> None:
    total = evaluate([("Hello, world!", "Hello world"), ("Hello world", "Hello world again"), ("x", "y"), ("z", "z")])
    assert total.accuracy == 0.5
    assert total.documents == 4
