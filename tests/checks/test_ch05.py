"""The chapter 05 checkers: right answers pass, stubs are "not answered", mistakes are named."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnutils.checks import ch05
from nnutils.checks.feedback import RIGHT, UNANSWERED, WRONG

GAME_1 = np.array([8.5, 0.65, 1.2])
GAME_2 = np.array([9.5, 0.8, 1.3])
START = np.array([0.1, 0.2, -0.1])
WEIGHTS = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])

DELTA = GAME_1.dot(START) - 1  # -0.14
WEIGHT_DELTAS = DELTA * GAME_1  # [-1.19, -0.091, -0.168]


def one_step(alpha: float, frozen: int | None, sign: float = 1.0) -> np.ndarray:
    weight_deltas = DELTA * GAME_1
    if frozen is not None:
        weight_deltas[frozen] = 0
    return START - sign * alpha * weight_deltas


PRED_FREEZE_C = GAME_1.dot(one_step(0.01, frozen=2))  # 0.9617415
DELTA_2 = WEIGHTS.dot(GAME_2) - np.array([0.0, 1.0, 0.0])
OUTER_2 = np.outer(DELTA_2, GAME_2)
LARGEST_ALPHA = 2 / float(np.sum(GAME_1**2))  # 2 / 74.1125

#: checker, its right answer, its tolerance (None for a choice)
RIGHT_ANSWERS = [
    (ch05.check_unfrozen_weight_a, "stays", None),
    (ch05.check_weight_deltas, WEIGHT_DELTAS.tolist(), 1e-4),
    (ch05.check_freeze_c_pred, PRED_FREEZE_C, 1e-4),
    (ch05.check_outer_weight_deltas, OUTER_2, 1e-6),
    (ch05.check_largest_alpha, LARGEST_ALPHA, 3e-4),
    (ch05.check_furthest_bowl, "b", None),
]
IDS = [c.__name__ for c, _, _ in RIGHT_ANSWERS]


def shown(value) -> list[str]:
    """How an expected value could appear in a message."""
    arr = np.atleast_1d(np.asarray(value, dtype=float))
    return [f"{v:.4g}" for v in arr.ravel() if abs(v) > 1e-9]


def test_expected_values_in_this_file_match_the_chapter():
    assert np.allclose(WEIGHT_DELTAS, [-1.19, -0.091, -0.168])
    assert math.isclose(PRED_FREEZE_C, 0.9617415)
    assert np.allclose(DELTA_2, [0.64, 0.11, 1.17])
    assert math.isclose(LARGEST_ALPHA, 0.026986, abs_tol=1e-6)


@pytest.mark.parametrize("checker, answer, tol", RIGHT_ANSWERS, ids=IDS)
def test_right_answer_passes(checker, answer, tol):
    verdict = checker(answer)
    assert verdict.ok and verdict.status == RIGHT, verdict.message
    assert repr(verdict).startswith("✔")


@pytest.mark.parametrize("checker, answer, tol", RIGHT_ANSWERS, ids=IDS)
def test_stub_is_not_answered_and_hints(checker, answer, tol):
    verdict = checker(...)
    assert verdict.status == UNANSWERED and not verdict.ok
    assert "Hint:" in verdict.message
    assert repr(verdict).startswith("✎ Not answered yet")


def test_a_list_of_stubs_is_not_answered():
    verdict = ch05.check_weight_deltas([..., ..., ...])
    assert verdict.status == UNANSWERED and "Hint:" in verdict.message


@pytest.mark.parametrize(
    "checker, answer, tol", [r for r in RIGHT_ANSWERS if r[2] is not None], ids=IDS[1:5]
)
def test_tolerance_edges(checker, answer, tol):
    answer = np.asarray(answer, dtype=float)
    assert checker((answer + 0.9 * tol).tolist()).ok
    assert checker((answer - 0.9 * tol).tolist()).ok
    outside = checker((answer + 1.5 * tol).tolist())
    assert not outside.ok and outside.status == WRONG


@pytest.mark.parametrize("checker, answer, tol", RIGHT_ANSWERS, ids=IDS)
@pytest.mark.parametrize(
    "bad",
    ["text", [None, 1.0, 2.0], float("nan"), lambda: 1 / 0, ["b"], {"answer": 1}, np.ones(7)],
    ids=["text", "None-in-list", "nan", "function", "list", "dict", "array"],
)
def test_wrong_types_get_a_verdict_not_an_exception(checker, answer, tol, bad):
    verdict = checker(bad)
    assert verdict.status == WRONG and not verdict.ok
    assert repr(verdict).startswith("✘")


def diagnosis(checker, answer, says, expected):
    verdict = checker(answer)
    assert verdict.status == WRONG, verdict.message
    assert says in verdict.message, verdict.message
    assert "Hint:" in verdict.message
    for text in shown(expected):
        assert text not in verdict.message, f"{text} revealed in: {verdict.message}"


@pytest.mark.parametrize(
    "answer, says",
    [
        (-WEIGHT_DELTAS, "Every sign is flipped"),
        (DELTA * START, "multiplies delta by the weights"),
        (2 * WEIGHT_DELTAS, "full slope"),
        (0.01 * WEIGHT_DELTAS, "already includes alpha"),
        ([DELTA] * 3, "delta three times"),
        ([-1.19, -0.091, 0.168], "1 entry of 3 is off (position 2)"),
        ([-1.5, -0.091, -0.168], "1 entry of 3 is off (position 0)"),
        ([-1.2, -0.09, -0.17], "round too early"),
        ([-1.19, -0.091], "should be shape (3,)"),
    ],
)
def test_weight_deltas_diagnoses(answer, says):
    diagnosis(ch05.check_weight_deltas, answer, says, WEIGHT_DELTAS)


@pytest.mark.parametrize(
    "answer, says",
    [
        (0.86, "before the update"),
        (GAME_1.dot(one_step(0.01, frozen=None)), "all three learning"),
        (GAME_1.dot(one_step(0.01, frozen=0)), "That freezes a"),
        (GAME_1.dot(one_step(0.01, frozen=2, sign=-1)), "moved the wrong way"),
        (GAME_1.dot(one_step(0.3, frozen=2)), "alpha 0.3"),
        (GAME_1.dot(one_step(1.0, frozen=2)), "alpha is missing"),
        (0.962, "round too early"),
        ([0.96, 0.97], "should be a single number"),
    ],
)
def test_freeze_c_pred_diagnoses(answer, says):
    diagnosis(ch05.check_freeze_c_pred, answer, says, PRED_FREEZE_C)


def test_freeze_c_pred_mistakes_are_far_from_the_answer():
    # the diagnosed mistakes must not be accepted by the tolerance
    for frozen, alpha in [(None, 0.01), (0, 0.01), (2, 0.3)]:
        assert abs(GAME_1.dot(one_step(alpha, frozen)) - PRED_FREEZE_C) > 1e-3


GAME_1_GOALS = np.array([0.1, 1.0, 0.1])


@pytest.mark.parametrize(
    "answer, says",
    [
        (np.outer(WEIGHTS.dot(GAME_1) - GAME_1_GOALS, GAME_1), "first game's matrix"),
        (np.outer(WEIGHTS.dot(GAME_2) - GAME_1_GOALS, GAME_2), "goals are still the first"),
        (
            np.outer(WEIGHTS.dot(GAME_1) - np.array([0.0, 1.0, 0.0]), GAME_1),
            "inputs are still the first",
        ),
        (OUTER_2.T, "It is transposed"),
        (-OUTER_2, "The sign is flipped"),
        (2 * OUTER_2, "twice the answer"),
        (0.01 * OUTER_2, "already includes alpha"),
        (WEIGHTS - 0.01 * OUTER_2, "updated weights"),
        (WEIGHTS * GAME_2, "multiplies the input by the weights"),
        (np.outer(WEIGHTS.dot(GAME_2), GAME_2), "uses pred where delta belongs"),
        (OUTER_2[:2], "should be shape (3, 3)"),
    ],
)
def test_outer_weight_deltas_diagnoses(answer, says):
    diagnosis(ch05.check_outer_weight_deltas, answer, says, OUTER_2)


def test_outer_weight_deltas_names_one_wrong_row():
    answer = OUTER_2.copy()
    answer[1] += 0.5
    diagnosis(ch05.check_outer_weight_deltas, answer, "3 entries of 9 are off", OUTER_2)


@pytest.mark.parametrize(
    "answer, says",
    [
        (1 / 74.1125, "the factor reaches 0"),
        (2 / 8.5**2, "counts only the toes input"),
        (2 / 10.35, "enter squared"),
        (0.3, "only with a frozen"),
        (0.1, "0.1 diverges"),
        (0.01, "not the largest"),
        (2 * LARGEST_ALPHA, "twice the answer"),
        (-LARGEST_ALPHA, "sign is flipped"),
    ],
)
def test_largest_alpha_diagnoses(answer, says):
    diagnosis(ch05.check_largest_alpha, answer, says, LARGEST_ALPHA)


@pytest.mark.parametrize(
    "answer, says",
    [
        ("moves to 0.116", "nothing pulls it there"),
        ("moves a little", "only when there is a miss"),
        ("goes", "answer one of 'stays', 'moves to 0.116', 'moves a little'"),
    ],
)
def test_unfrozen_weight_a_diagnoses(answer, says):
    verdict = ch05.check_unfrozen_weight_a(answer)
    assert verdict.status == WRONG and says in verdict.message, verdict.message
    assert "'stays'" not in verdict.message or "answer one of" in verdict.message
    assert "stay " not in verdict.message


@pytest.mark.parametrize(
    "answer, says",
    [
        ("a", "depends only on b and c"),
        ("c", "is that the smallest divisor"),
        ("d", "answer one of 'a', 'b', 'c'"),
    ],
)
def test_furthest_bowl_diagnoses(answer, says):
    verdict = ch05.check_furthest_bowl(answer)
    assert verdict.status == WRONG and says in verdict.message, verdict.message
    assert "0.65" not in verdict.message  # b's input: the reason for the right answer


def test_choices_ignore_case_and_spaces():
    assert ch05.check_furthest_bowl(" B ").ok
    assert ch05.check_unfrozen_weight_a("Stays").ok


def test_every_public_checker_is_tested_and_documented():
    tested = {c.__name__ for c, _, _ in RIGHT_ANSWERS}
    assert set(ch05.__all__) == tested
    for name in ch05.__all__:
        fn = getattr(ch05, name)
        assert fn.__doc__ and "Exercise" in fn.__doc__.splitlines()[0]
        assert fn.__annotations__.get("return") in ("Feedback", ch05.Feedback)
