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


# --- Chapter 02 ------------------------------------------------------------------

_LEARNING_TYPES = {
    "predict tomorrow's rain from today's sensor readings": "supervised",
    "sort news articles into topics nobody has named": "unsupervised",
    "transcribe recorded speech into text": "supervised",
    "find groups of customers who shop alike": "unsupervised",
}


def check_learning_types(answers: dict[str, str]) -> Feedback:
    """Chapter 02 exercise: label each task "supervised" or "unsupervised"."""
    if not isinstance(answers, dict):
        return _wrong(f"expected a dict of task -> answer, got {type(answers).__name__}")
    missing = [task for task in _LEARNING_TYPES if task not in answers]
    if missing:
        return _wrong(f"no answer for: {missing[0]!r}")
    for task, expected in _LEARNING_TYPES.items():
        given = str(answers[task]).strip().lower()
        if given not in ("supervised", "unsupervised"):
            return _wrong(f"{task!r}: answer 'supervised' or 'unsupervised', not {given!r}")
        if given != expected:
            hint = (
                "there are known answers to imitate"
                if expected == "supervised"
                else "nobody provides the right answer; the groups are discovered"
            )
            return _wrong(f"{task!r} is {expected}: {hint}.")
    return _right(f"All {len(_LEARNING_TYPES)} tasks sorted correctly.")


def check_knob(weight: float, input: float = 8.5, goal: float = 1.0) -> Feedback:
    """Chapter 02 exercise: the weight that makes `input * weight` equal `goal`."""
    verdict = compare("perfect_weight", weight, goal / input, tol=1e-9)
    if not verdict:
        got = _as_array(weight)
        if got is not None and got.shape == ():
            verdict.message += (
                f" With it the prediction is {float(got) * input:.4f}; "
                f"which weight times {input:g} gives exactly {goal:g}?"
            )
    return verdict


# --- Chapter 04 ------------------------------------------------------------------


def check_weight_delta(
    weight_delta: float, input: float = 3, goal_pred: float = 0.5, weight: float = 0.4
) -> Feedback:
    """Chapter 04 exercise: `weight_delta = (input * weight - goal_pred) * input`."""
    pred = input * weight
    expected = (pred - goal_pred) * input
    verdict = compare("weight_delta", weight_delta, expected)
    got = _as_array(weight_delta)
    if not verdict and got is not None and got.shape == ():
        if np.isclose(float(got), -expected):
            verdict.message += " The sign is flipped: delta is pred - goal_pred, not the reverse."
        elif np.isclose(float(got), pred - goal_pred):
            verdict.message += " That's delta; weight_delta multiplies it by the input."
        elif np.isclose(float(got), 2 * expected):
            verdict.message += (
                " That's the full slope (with the 2); the book's weight_delta drops it."
            )
    return verdict


def check_alpha_limit(alpha_limit: float, input: float = 2) -> Feedback:
    """Chapter 04 exercise: the largest alpha that still converges for this input."""
    expected = 2 / input**2
    verdict = compare("alpha_limit", alpha_limit, expected, tol=1e-3)
    if not verdict:
        verdict.message += (
            f" The distance to the bottom is multiplied by 1 - alpha * {input:g}**2 each step; "
            "it shrinks while that factor stays between -1 and 1."
        )
    return verdict


# --- Chapter 05 ------------------------------------------------------------------

_GAME_1 = np.array([data.TOES[0], data.WLREC[0], data.NFANS[0]])


def check_weight_deltas(
    weight_deltas: Any, weights: Sequence[float] = (0.1, 0.2, -0.1)
) -> Feedback:
    """Chapter 05 exercise: one weight_delta per input, for the first game and goal 1."""
    delta = _GAME_1.dot(np.asarray(weights)) - data.WIN[0]
    expected = delta * _GAME_1
    verdict = compare("weight_deltas", weight_deltas, expected)
    got = _as_array(weight_deltas)
    if not verdict and got is not None and got.shape == expected.shape:
        if np.allclose(got, -expected):
            verdict.message += " Every sign is flipped: delta is pred - goal, not goal - pred."
        elif np.allclose(got, delta * np.asarray(weights)):
            verdict.message += " That multiplies delta by the weights; use the inputs."
    return verdict


def check_outer_weight_deltas(weight_deltas: Any) -> Feedback:
    """Chapter 05 exercise: the 3x3 weight deltas of the hurt/win/sad network (rows = outputs)."""
    weights = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])
    true = np.array([data.HURT[0], data.WIN[0], data.SAD[0]])
    delta = weights.dot(_GAME_1) - true
    expected = np.outer(delta, _GAME_1)
    verdict = compare("weight_deltas", weight_deltas, expected)
    got = _as_array(weight_deltas)
    if not verdict and got is not None and got.shape == (3, 3) and np.allclose(got, expected.T):
        verdict.message += (
            " It's transposed: weights has one row per output, so row j should be delta[j] * input."
        )
    return verdict


# --- Chapter 06 ------------------------------------------------------------------


def check_layer_1_delta(
    layer_1_delta: Any,
    layer_0: np.ndarray,
    weights_0_1: np.ndarray,
    weights_1_2: np.ndarray,
    goal: np.ndarray,
) -> Feedback:
    """Chapter 06 exercise: the hidden layer's delta, backpropagated through relu."""
    pre = np.asarray(layer_0, dtype=float).dot(weights_0_1)
    layer_1 = (pre > 0) * pre
    layer_2_delta = layer_1.dot(weights_1_2) - goal
    unmasked = layer_2_delta.dot(np.asarray(weights_1_2).T)
    expected = unmasked * (layer_1 > 0)
    verdict = compare("layer_1_delta", layer_1_delta, expected)
    got = _as_array(layer_1_delta)
    if not verdict and got is not None and got.shape == expected.shape:
        if np.allclose(got, unmasked) and not np.allclose(unmasked, expected):
            verdict.message += " Multiply by relu2deriv(layer_1): silenced nodes get no delta."
        elif np.allclose(got, -expected):
            verdict.message += " The sign is flipped: layer_2_delta is layer_2 - goal."
    elif not verdict and got is not None and got.shape == expected.T.shape:
        verdict.message += " Use weights_1_2.T so the result has one column per hidden node."
    return verdict


def check_pressure(pressure: Any, streetlights: np.ndarray, walk_vs_stop: np.ndarray) -> Feedback:
    """Chapter 06 exercise: total up (+1) / down (-1) pressure per weight."""
    lights = np.asarray(streetlights, dtype=float)
    sign = np.where(np.ravel(walk_vs_stop) == 1, 1.0, -1.0)
    expected = (lights * sign[:, None]).sum(axis=0)
    verdict = compare("pressure", pressure, expected)
    if verdict and np.all(expected == 0):
        verdict.message += " Every weight is pulled both ways equally: no single light predicts."
    return verdict


# --- Chapter 07 ------------------------------------------------------------------


def check_network_shapes(answers: dict[str, tuple[int, ...]]) -> Feedback:
    """Chapter 07 exercise: shapes in a 784-40-10 network run on a batch of 100 images."""
    expected = {
        "layer_0": (100, 784),
        "weights_0_1": (784, 40),
        "layer_1": (100, 40),
        "weights_1_2": (40, 10),
        "layer_2": (100, 10),
    }
    if not isinstance(answers, dict):
        return _wrong(f"expected a dict of name -> shape, got {type(answers).__name__}")
    for name, shape in expected.items():
        if name not in answers:
            return _wrong(f"no shape given for {name}")
        try:
            given = tuple(int(n) for n in answers[name])
        except (TypeError, ValueError):
            return _wrong(f"{name}: a shape is a tuple of integers, got {answers[name]!r}")
        if given != shape:
            hint = (
                " Rows of a layer are examples, columns are nodes."
                if name.startswith("layer")
                else " A weight matrix has one row per node below and one column per node above."
            )
            return _wrong(f"{name}: expected {shape}, got {given}.{hint}")
    return _right("All five shapes are right.")


def check_predict(predict: Callable) -> Feedback:
    """Chapter 07 exercise: `predict(layer_0, weights_0_1, weights_1_2)` for l2 = relu(l0 W0) W1."""
    rng = np.random.default_rng(7)
    cases = []
    for rows, n_in, n_hidden, n_out in [(1, 3, 4, 1), (4, 3, 4, 1), (5, 6, 3, 2)]:
        layer_0 = rng.uniform(-1, 1, (rows, n_in))
        w0 = rng.uniform(-1, 1, (n_in, n_hidden))
        w1 = rng.uniform(-1, 1, (n_hidden, n_out))
        hidden = layer_0 @ w0
        cases.append(((layer_0, w0, w1), np.maximum(hidden, 0) @ w1))
    verdict = _check_function(
        "predict",
        predict,
        cases,
        hint="Apply relu to layer_0.dot(weights_0_1), then .dot(weights_1_2).",
    )
    return verdict
