"""Answer checkers for the exercises.

A checker returns a `Feedback`: a short confirmation when the answer is right,
and a message that says what went wrong (and a hint) when it is not. The
notebook shows it as the cell's output; tests read `Feedback.ok`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nnutils import data


class Feedback:
    """The verdict of a checker: `ok` and a message for the learner."""

    def __init__(self, ok: bool, message: str):
        self.ok = bool(ok)
        self.message = message

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return ("✔ " if self.ok else "✘ ") + self.message


def _right(message: str = "Correct!") -> Feedback:
    return Feedback(True, message)


def _wrong(message: str) -> Feedback:
    return Feedback(False, message)


def _as_array(value: Any) -> np.ndarray | None:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr


def compare(name: str, got: Any, expected: Any, tol: float = 1e-6, hint: str = "") -> Feedback:
    """Is `got` equal to `expected` (same shape, every value within `tol`)?"""
    got_arr, exp_arr = _as_array(got), np.asarray(expected, dtype=float)
    if got_arr is None:
        return _wrong(f"{name}: expected numbers, got {got!r}. {hint}".strip())
    if got_arr.shape != exp_arr.shape:
        return _wrong(
            f"{name}: expected shape {exp_arr.shape}, got shape {got_arr.shape}. {hint}".strip()
        )
    if not np.all(np.isfinite(got_arr)):
        return _wrong(
            f"{name}: your answer contains nan or inf: {got_arr.tolist()}. {hint}".strip()
        )
    if not np.allclose(got_arr, exp_arr, atol=tol, rtol=0):
        return _wrong(
            f"{name}: expected {np.round(exp_arr, 6).tolist()}, got "
            f"{np.round(got_arr, 6).tolist()}. {hint}".strip()
        )
    return _right(f"{name}: correct.")


def _call(fn: Callable, *args: Any) -> tuple[Any, str | None]:
    try:
        return fn(*args), None
    except Exception as e:  # the learner's code failed: tell them how
        return None, f"{type(e).__name__}: {e}"


def _check_function(
    name: str,
    fn: Callable,
    cases: Sequence[tuple[tuple, Any]],
    hint: str = "",
) -> Feedback:
    """Run `fn` on each case's arguments and compare with the expected result."""
    if not callable(fn):
        return _wrong(f"{name}: expected a function, got {fn!r}.")
    for args, expected in cases:
        shown = ", ".join(repr(a if not isinstance(a, np.ndarray) else a.tolist()) for a in args)
        got, error = _call(fn, *[list(a) if isinstance(a, list) else a for a in args])
        if error:
            return _wrong(f"{name}({shown}) raised {error}. {hint}".strip())
        verdict = compare(f"{name}({shown})", got, expected, hint=hint)
        if not verdict:
            return verdict
    return _right(f"{name}: correct on {len(cases)} test cases.")


# --- Chapter 03 ------------------------------------------------------------------

_VEC_A = [1.0, 2.0, 3.0, -4.0]
_VEC_B = [0.5, -1.0, 2.0, 0.25]


def check_vector_math(
    elementwise_multiplication: Callable,
    elementwise_addition: Callable,
    vector_sum: Callable,
    vector_average: Callable,
    dot_product: Callable,
) -> Feedback:
    """Chapter 03 challenge: the four vector functions and a dot product built from them."""
    a, b = _VEC_A, _VEC_B
    products = [x * y for x, y in zip(a, b)]
    checks = [
        ("elementwise_multiplication", elementwise_multiplication, [((a, b), products)], ""),
        (
            "elementwise_addition",
            elementwise_addition,
            [((a, b), [x + y for x, y in zip(a, b)])],
            "",
        ),
        ("vector_sum", vector_sum, [((a,), sum(a)), ((b,), sum(b))], ""),
        ("vector_average", vector_average, [((a,), sum(a) / len(a))], "Divide by the length."),
        (
            "dot_product",
            dot_product,
            [((a, b), sum(products)), ((b, b), sum(y * y for y in b))],
            "Multiply elementwise, then sum.",
        ),
    ]
    for name, fn, cases, hint in checks:
        verdict = _check_function(name, fn, cases, hint)
        if not verdict:
            return verdict
    return _right("All five vector functions are correct.")


def check_game_predictions(
    predictions: Any, weights: Sequence[float] = (0.1, 0.2, 0.0)
) -> Feedback:
    """Chapter 03 exercise: the prediction for each of the four games."""
    inputs = np.array([data.TOES, data.WLREC, data.NFANS]).T
    expected = inputs @ np.asarray(weights, dtype=float)
    return compare(
        "predictions",
        predictions,
        expected,
        hint="Game i's input is [toes[i], wlrec[i], nfans[i]]; loop over the four games.",
    )


def check_vect_mat_mul(vect_mat_mul: Callable) -> Feedback:
    """Chapter 03 exercise: `vect_mat_mul(vect, matrix)`, one weighted sum per matrix row."""
    rng = np.random.default_rng(3)
    cases = []
    for n_in, n_out in [(3, 3), (3, 2), (2, 4)]:
        vect = np.round(rng.uniform(-1, 1, n_in), 2).tolist()
        matrix = np.round(rng.uniform(-1, 1, (n_out, n_in)), 2).tolist()
        cases.append(((vect, matrix), np.array(matrix) @ np.array(vect)))
    return _check_function(
        "vect_mat_mul",
        vect_mat_mul,
        cases,
        hint="Output i is the weighted sum of the input with row i of the matrix.",
    )
