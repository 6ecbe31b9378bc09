"""The checkers of chapter 04's exercises: right answers pass, stubs wait, mistakes are named."""

from __future__ import annotations

import inspect
import math

import pytest

from nnutils.checks import ch04
from nnutils.checks.feedback import RIGHT, UNANSWERED, WRONG


def is_right(verdict) -> bool:
    return verdict.ok and verdict.status == RIGHT and repr(verdict).startswith("✔")


def is_wrong(verdict) -> bool:
    return not verdict.ok and verdict.status == WRONG and repr(verdict).startswith("✘")


def waits(verdict) -> bool:
    return verdict.status == UNANSWERED and "Hint:" in verdict.message and not verdict.ok


def test_every_checker_is_public_documented_and_typed():
    checkers = [
        name
        for name, obj in vars(ch04).items()
        if name.startswith("check_") and getattr(obj, "__module__", "") == ch04.__name__
    ]
    assert len(checkers) == 5
    assert sorted(ch04.__all__) == sorted(checkers)
    for name in checkers:
        fn = getattr(ch04, name)
        doc = inspect.getdoc(fn)
        assert doc and "\n" not in doc and doc.startswith("Exercise "), name
        hints = inspect.get_annotations(fn)
        assert "return" in hints and len(hints) == 2, name


@pytest.mark.parametrize("checker", [getattr(ch04, n) for n in ch04.__all__])
def test_a_stub_is_not_answered_yet_and_hints(checker):
    assert waits(checker(...))


# --- Exercise 1 · recall ---------------------------------------------------------------


def test_broken_job_right_whatever_the_case_and_spaces():
    assert is_right(ch04.check_broken_job("negative reversal"))
    assert is_right(ch04.check_broken_job("  Negative Reversal "))


@pytest.mark.parametrize(
    "answer, says",
    [("stopping", "stopping survives abs"), ("scaling", "scaling survives abs")],
)
def test_broken_job_explains_the_wrong_choice_without_naming_the_right_one(answer, says):
    verdict = ch04.check_broken_job(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "negative reversal" not in verdict.message.lower()


@pytest.mark.parametrize("answer", ["reversal", 3, ["negative reversal"], 1.5, {"job": "scaling"}])
def test_broken_job_other_answers_are_wrong_not_errors(answer):
    verdict = ch04.check_broken_job(answer)
    assert is_wrong(verdict)
    assert "'stopping'" in verdict.message  # the choices are listed


# --- Exercise 2 · by hand --------------------------------------------------------------


def test_weight_delta_right_and_its_tolerance():
    assert is_right(ch04.check_weight_delta(2.1))
    assert is_right(ch04.check_weight_delta(0.7 * 3))  # Python's own arithmetic
    assert is_right(ch04.check_weight_delta(2.1 + 9e-7))
    outside = ch04.check_weight_delta(2.1 + 2e-6)
    assert is_wrong(outside) and "round too early" in outside.message


@pytest.mark.parametrize(
    "answer, says",
    [
        (0.7, "That's delta"),
        (-0.7, "That's goal_pred - pred"),
        (0.28, "multiplies delta by the weight"),
        (4.2, "full slope"),
        (-2.1, "sign is flipped"),
        (0.49, "That is the error"),
        (1.2, "That is the prediction"),
        (0.021, "alpha 0.01"),
        (-1.7, "the new weight"),
    ],
)
def test_weight_delta_names_each_mistake_without_the_answer(answer, says):
    verdict = ch04.check_weight_delta(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "2.1" not in verdict.message


def test_weight_delta_unknown_wrong_number_still_hints():
    verdict = ch04.check_weight_delta(5.0)
    assert is_wrong(verdict) and "Hint:" in verdict.message and "2.1" not in verdict.message


@pytest.mark.parametrize(
    "answer, verdict",
    [
        (-0.6, "right"),  # delta -0.2 times input 3: the weight must go up
        (0.6, "The sign is flipped"),
        (-0.2, "That's delta"),
        (0.2, "That's goal_pred - pred"),
        (-1.2, "full slope"),
    ],
)
def test_weight_delta_below_the_goal(monkeypatch, answer, verdict):
    """The checker's arithmetic holds on the other side of the goal too (delta negative)."""
    monkeypatch.setattr(ch04, "_WEIGHT_DELTA_CASE", (3, 0.5, 0.1))
    got = ch04.check_weight_delta(answer)
    if verdict == "right":
        assert is_right(got)
    else:
        assert is_wrong(got) and verdict in got.message, got.message


@pytest.mark.parametrize("answer", ["2.1", [2.1, None], math.nan, math.inf, [2.1], True, len])
def test_weight_delta_wrong_types_get_a_verdict(answer):
    assert is_wrong(ch04.check_weight_delta(answer))


# --- Exercise 3 · change the code ----------------------------------------------------------


def descent(k: float = 2.0, alpha_override: float | None = None, shift: float = 0.0):
    """A learner's gradient_descent_slope; k = 2 is right, others are the known mistakes."""

    def gradient_descent_slope(weight, input, goal_pred, alpha, steps):
        a = alpha if alpha_override is None else alpha_override
        weights = [weight]
        for _ in range(steps):
            delta = input * weight - goal_pred
            weight = weight - a * k * delta * input
            weights.append(weight)
        return [w + shift for w in weights]

    return gradient_descent_slope


def test_full_slope_descent_right_on_every_case():
    verdict = ch04.check_full_slope_descent(descent())
    assert is_right(verdict) and "3 test cases" in verdict.message


def test_full_slope_descent_tolerance():
    assert is_right(ch04.check_full_slope_descent(descent(shift=5e-7)))
    outside = ch04.check_full_slope_descent(descent(shift=5e-6))
    assert is_wrong(outside) and "round too early" in outside.message


def test_full_slope_descent_accepts_a_numpy_array():
    import numpy as np

    right = descent()
    verdict = ch04.check_full_slope_descent(lambda *args: np.array(right(*args)))
    assert is_right(verdict)


@pytest.mark.parametrize(
    "fn, says",
    [
        (descent(k=1), "without the 2"),
        (descent(k=-2), "uphill"),
        (descent(alpha_override=1.0), "alpha is missing"),
        (descent(k=4), "factor 4"),
        (lambda *args: descent()(*args)[1:], "starting weight is missing"),
        (lambda *args: descent()(*args)[:-1], "last step's weight is missing"),
    ],
    ids=["no-2", "uphill", "no-alpha", "factor-4", "no-start", "no-last"],
)
def test_full_slope_descent_names_each_mistake_without_the_answer(fn, says):
    verdict = ch04.check_full_slope_descent(fn)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    right = descent()(0.5, 0.5, 0.8, 0.1, 5)
    for w in right[1:]:
        assert f"{w:.4f}"[:5] not in verdict.message


def test_full_slope_descent_a_body_still_at_dots_waits():
    def gradient_descent_slope(weight, input, goal_pred, alpha, steps): ...

    assert waits(ch04.check_full_slope_descent(gradient_descent_slope))


def _raises(*args):
    raise ZeroDivisionError("division by zero")


@pytest.mark.parametrize(
    "fn",
    [
        _raises,
        lambda *args: "weights",
        lambda w, i, g, a, s: [None] * (s + 1),
        lambda w, i, g, a, s: [math.nan] * (s + 1),
        lambda *args: 0.55,
        lambda *args: [[0.5, 0.555]],
        3,
        "def gradient_descent_slope",
    ],
    ids=["raises", "text", "nones", "nan", "number", "nested", "int", "str"],
)
def test_full_slope_descent_broken_functions_get_a_verdict(fn):
    verdict = ch04.check_full_slope_descent(fn)
    assert is_wrong(verdict)


def test_full_slope_descent_reports_the_error_a_function_raised():
    verdict = ch04.check_full_slope_descent(_raises)
    assert "ZeroDivisionError" in verdict.message and "Hint:" in verdict.message


# --- Exercises 4 and 5 · the alpha boundaries for input 2 --------------------------------------


def test_alpha_zigzag_right_and_its_tolerance():
    assert is_right(ch04.check_alpha_zigzag(0.25))
    assert is_right(ch04.check_alpha_zigzag(1 / 2**2))
    assert is_right(ch04.check_alpha_zigzag(0.25 + 9e-4))
    assert is_right(ch04.check_alpha_zigzag(0.25 - 9e-4))
    above = ch04.check_alpha_zigzag(0.25 + 1.1e-3)
    assert is_wrong(above) and "already negative" in above.message
    below = ch04.check_alpha_zigzag(0.25 - 1.1e-3)
    assert is_wrong(below) and "still positive" in below.message


@pytest.mark.parametrize(
    "answer, says",
    [
        (0.5, "stops shrinking"),
        (1.0, "right for input 1"),
        (0.125, "full slope"),
        (-0.25, "negative alpha would step uphill"),
        (4, "input**2 itself"),
        (0, "never moves"),
        (0.1, "still positive"),
        (0.26, "already negative"),
        (0.3, "already negative"),
    ],
)
def test_alpha_zigzag_names_each_mistake_without_the_answer(answer, says):
    verdict = ch04.check_alpha_zigzag(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "0.25" not in verdict.message and "1/4" not in verdict.message


def test_alpha_limit_right_and_its_tolerance():
    assert is_right(ch04.check_alpha_limit(0.5))
    assert is_right(ch04.check_alpha_limit(2 / 2**2))
    assert is_right(ch04.check_alpha_limit(0.5 + 9e-4))
    assert is_right(ch04.check_alpha_limit(0.5 - 9e-4))
    above = ch04.check_alpha_limit(0.5 + 1.1e-3)
    assert is_wrong(above) and "grows every step" in above.message
    below = ch04.check_alpha_limit(0.5 - 1.1e-3)
    assert is_wrong(below) and "still shrinks" in below.message


@pytest.mark.parametrize(
    "answer, says",
    [
        (0.49, "asks for the boundary"),  # "the largest alpha that still shrinks"
        (0.51, "grows every step"),
        (0.25, "starts to zig-zag"),
        (1.0, "2 / input, not 2 / input**2"),
        (2.0, "divide by input**2"),
        (-0.5, "negative alpha would step uphill"),
        (0, "never moves"),
        (0.3, "still shrinks"),
        (1.5, "grows every step"),
    ],
)
def test_alpha_limit_names_each_mistake_without_the_answer(answer, says):
    verdict = ch04.check_alpha_limit(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "0.5" not in verdict.message and "1/2" not in verdict.message


@pytest.mark.parametrize("checker", [ch04.check_alpha_zigzag, ch04.check_alpha_limit])
@pytest.mark.parametrize(
    "answer", ["0.5", [0.5, None], math.nan, -math.inf, [0.25, 0.5], True, print]
)
def test_alpha_checkers_wrong_types_get_a_verdict(checker, answer):
    assert is_wrong(checker(answer))
