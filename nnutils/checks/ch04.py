"""Checkers for the exercises of chapter 04 · Gradient descent."""

from __future__ import annotations

import math
from typing import Any

from nnutils.checks.feedback import (
    Feedback,
    as_array,
    call,
    check_choice,
    check_function,
    compare,
    is_blank,
    quote,
    wrong,
)

__all__ = [
    "check_broken_job",
    "check_weight_delta",
    "check_full_slope_descent",
    "check_alpha_zigzag",
    "check_alpha_limit",
]

#: The input of exercises 4 and 5 (the divergence run of section 9).
_INPUT = 2


def _number(value: Any) -> float | None:
    """`value` as one finite float, or None when it is anything else."""
    arr = as_array(value)
    if arr is None or arr.ndim != 0 or not math.isfinite(float(arr)):
        return None
    return float(arr)


def _wrong(name: str, why: str, hint: str) -> Feedback:
    return wrong(f"{name} is not right yet. {why} Hint: {hint}")


# --- Exercise 1 ----------------------------------------------------------------------

_JOBS = {
    "stopping": "abs(0) is still 0, so an input of 0 still leaves the weight alone: "
    "stopping survives abs.",
    "negative reversal": "With abs(input) a negative input no longer flips the direction of "
    "the change, so the weight moves the wrong way, further every step.",
    "scaling": "abs(input) is exactly as big as input, so the size of the change is "
    "untouched: scaling survives abs.",
}


def check_broken_job(broken_job: Any) -> Feedback:
    """Exercise 1 (recall): which job of `* input` does `abs(input)` break?"""
    hint = "Think about what abs() throws away, and which of the three jobs needed exactly that."
    if not is_blank(broken_job) and not isinstance(broken_job, str):
        listed = ", ".join(repr(k) for k in _JOBS)
        return wrong(
            f"broken_job should be one of {listed} (text in quotes), "
            f"not {type(broken_job).__name__} {quote(broken_job)}. Hint: {hint}"
        )
    return check_choice("broken_job", broken_job, _JOBS, correct="negative reversal", hint=hint)


# --- Exercise 2 ----------------------------------------------------------------------


#: Exercise 2's numbers: input, goal_pred, weight (the prediction lands above the goal).
_WEIGHT_DELTA_CASE = (3, 0.5, 0.4)


def check_weight_delta(weight_delta: Any) -> Feedback:
    """Exercise 2 (by hand): `weight_delta` for input 3, goal_pred 0.5, weight 0.4 (no alpha)."""
    input, goal_pred, weight = _WEIGHT_DELTA_CASE
    pred = input * weight
    delta = pred - goal_pred
    return compare(
        "weight_delta",
        weight_delta,
        delta * input,
        tol=1e-6,
        hint="First pred = input * weight, then delta = pred - goal_pred, then "
        "weight_delta = delta * input.",
        mistakes=[
            (
                delta,
                "That's delta, how far the prediction missed; weight_delta multiplies it "
                "by the input.",
            ),
            (
                -delta,
                "That's goal_pred - pred: the sign is flipped, and weight_delta also "
                "multiplies by the input.",
            ),
            (delta * weight, "That multiplies delta by the weight; weight_delta uses the input."),
            (
                2 * delta * input,
                "That is the full slope of the error, with its factor 2; the "
                "book's weight_delta leaves the 2 out.",
            ),
            (-delta * input, "The sign is flipped: delta is pred - goal_pred, not the reverse."),
            (delta**2, "That is the error, delta squared; weight_delta is delta times the input."),
            (pred, "That is the prediction, input * weight: the first step of three."),
            (
                0.01 * delta * input,
                "That is already scaled by section 5's alpha 0.01; this "
                "exercise asks for weight_delta itself, without alpha.",
            ),
            (
                weight - delta * input,
                "That is the new weight, weight - weight_delta; the "
                "question asks for weight_delta alone.",
            ),
        ],
    )


# --- Exercise 3 ----------------------------------------------------------------------


def _descent(
    weight: float, input: float, goal_pred: float, alpha: float, steps: int, k: float
) -> list[float]:
    """Weights after each step of `weight -= alpha * k * delta * input`, the start first."""
    weights = [weight]
    for _ in range(steps):
        weight = weight - alpha * k * (input * weight - goal_pred) * input
        weights.append(weight)
    return weights


_SLOPE_CASES = [(0.5, 0.5, 0.8, 0.1, 5), (0.0, 1.1, 0.8, 0.3, 4), (2.0, -1.5, 0.3, 0.05, 3)]


def _slope_mistakes(args: tuple) -> list[tuple[Any, str]]:
    w, i, g, a, s = args
    return [
        (
            _descent(w, i, g, a, s, 1),
            "Those are the book's steps, without the 2: the full "
            "slope of the error is 2 * delta * input.",
        ),
        (_descent(w, i, g, a, s, -2), "The weight moves uphill: subtract the step, don't add it."),
        (_descent(w, i, g, 1, s, 2), "alpha is missing: each step is alpha times the slope."),
        (
            _descent(w, i, g, a, s, 4),
            "The step has a factor 4: is the 2 there twice (once in delta, once in the slope)?",
        ),
    ]


def check_full_slope_descent(gradient_descent_slope: Any) -> Feedback:
    """Exercise 3 (change the code): gradient descent stepping by alpha times the full slope."""
    name = "gradient_descent_slope"
    hint = (
        "Copy gradient_descent from section 9 and change only the update line: the slope "
        "is 2 * delta * input, and the step is alpha times that."
    )
    if callable(gradient_descent_slope):
        # a list one entry short never reaches the diagnoses below (the shapes differ)
        args = _SLOPE_CASES[0]
        got, error = call(gradient_descent_slope, *args)
        expected = _descent(*args, 2)
        arr = None if error or is_blank(got) else as_array(got)
        if arr is not None and arr.shape == (len(expected) - 1,):
            shown = f"{name}{args}"
            for short, why in (
                (
                    expected[1:],
                    "The starting weight is missing: the list begins with it, "
                    "then holds one weight per step.",
                ),
                (
                    expected[:-1],
                    "The last step's weight is missing: append the weight after "
                    "every update, so the list holds steps + 1 weights.",
                ),
            ):
                if compare(shown, arr, short, tol=1e-6):
                    return _wrong(shown, why, hint)
    cases = [(args, _descent(*args, 2)) for args in _SLOPE_CASES]
    return check_function(name, gradient_descent_slope, cases, hint=hint, mistakes=_slope_mistakes)


# --- Exercises 4 and 5 ---------------------------------------------------------------

_FACTOR = "1 - alpha * input**2"


def _check_alpha(
    name: str,
    answer: Any,
    expected: float,
    hint: str,
    mistakes: list[tuple[float, str]],
    below: str,
    above: str,
) -> Feedback:
    """An alpha for input 2: known mistakes first, then which side of the answer it is on.

    `below` and `above` say what an alpha under or over the answer does (never the answer).
    """
    tol = 1e-3
    value = _number(answer)
    if (
        value is not None
        and abs(value - expected) > tol
        and value > 0
        and all(abs(value - m) > tol for m, _ in mistakes)
    ):
        return _wrong(name, below if value < expected else above, hint)
    return compare(name, answer, expected, tol=tol, hint=hint, mistakes=mistakes)


def check_alpha_zigzag(alpha_zigzag: Any) -> Feedback:
    """Exercise 4 (predict, then check): for input 2, the alpha above which the path zig-zags."""
    return _check_alpha(
        "alpha_zigzag",
        alpha_zigzag,
        1 / _INPUT**2,
        hint=f"Each step multiplies the distance to the bottom by {_FACTOR}. The path "
        "zig-zags once that factor turns negative: where is it exactly 0?",
        mistakes=[
            (
                2 / _INPUT**2,
                "At that alpha the zig-zag stops shrinking; it started earlier, where the "
                "factor crosses 0 rather than -1.",
            ),
            (
                1.0,
                "That would be right for input 1; here the input is 2, and the factor "
                f"{_FACTOR} uses its square.",
            ),
            (
                1 / (2 * _INPUT**2),
                "That would hold if the step used the full slope, 2 * delta * input; "
                "gradient_descent steps by weight_delta, without the 2.",
            ),
            (-1 / _INPUT**2, "alpha is positive here: a negative alpha would step uphill."),
            (0.0, "With alpha 0 the weight never moves at all."),
            (_INPUT**2, f"That is input**2 itself; solve {_FACTOR} = 0 for alpha."),
        ],
        below=f"At that alpha {_FACTOR} is still positive, so every step stops short of the "
        "bottom, on the same side: no zig-zag yet.",
        above=f"At that alpha {_FACTOR} is already negative and the path zig-zags. Where "
        "does the zig-zag begin?",
    )


def check_alpha_limit(alpha_limit: Any) -> Feedback:
    """Exercise 5 (by hand): for input 2, the boundary alpha where the error stops shrinking."""
    return _check_alpha(
        "alpha_limit",
        alpha_limit,
        2 / _INPUT**2,
        hint=f"The distance to the bottom is multiplied by {_FACTOR} each step; the error "
        "shrinks while that factor stays between -1 and 1. Where does it reach -1?",
        mistakes=[
            (
                1 / _INPUT**2,
                "At that alpha the path starts to zig-zag, but a zig-zag that narrows still "
                "converges. Where does the factor reach -1?",
            ),
            (2 / _INPUT, "That is 2 / input, not 2 / input**2: the input enters the step twice."),
            (
                2.0,
                "That is where alpha * input**2 reaches 2 (or the answer for input 1), not "
                "alpha for input 2: divide by input**2.",
            ),
            (-2 / _INPUT**2, "alpha is positive here: a negative alpha would step uphill."),
            (0.0, "With alpha 0 the weight never moves, so the error never shrinks at all."),
        ],
        below="At that alpha the error still shrinks every step (the factor is between -1 "
        "and 1). The question asks for the boundary, where it stops shrinking.",
        above="At that alpha the error already grows every step. Where does it stop shrinking?",
    )
