"""Answer checkers for the exercises.

A checker returns a `Feedback`: a short confirmation when the answer is right,
and a message that says what went wrong (and a hint) when it is not. The
notebook shows it as the cell's output; tests read `Feedback.ok`.
"""

from __future__ import annotations

import warnings
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
    """Run the learner's function; its numpy warnings are replaced by our verdict."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
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


# --- Chapter 08 ------------------------------------------------------------------


def check_relu2deriv(relu2deriv: Callable) -> Feedback:
    """Chapter 08 exercise: relu's derivative, computed from relu's output."""
    output = np.array([[0.0, 0.5, 0.0, 2.0, 1e-9, 0.0]])
    expected = (output > 0).astype(float)
    got, error = _call(relu2deriv, output)
    if error:
        return _wrong(f"relu2deriv raised {error}")
    verdict = compare("relu2deriv(output)", got, expected)
    arr = _as_array(got)
    if not verdict and arr is not None and arr.shape == expected.shape and np.all(arr == 1):
        verdict.message += (
            " It says 1 everywhere, even where relu output 0: relu's output is never "
            "negative, so compare with > 0, not >= 0."
        )
    return verdict


def check_dropout_mask(dropout_mask: Callable) -> Feedback:
    """Chapter 08 exercise: a dropout mask that keeps 1 - rate of the units, scaled up."""
    rng_state = np.random.get_state()
    try:
        for rate in (0.5, 0.2, 0.8):
            got, error = _call(dropout_mask, (200, 500), rate)
            if error:
                return _wrong(f"dropout_mask((200, 500), {rate}) raised {error}")
            mask = _as_array(got)
            if mask is None or mask.shape != (200, 500):
                shape = None if mask is None else mask.shape
                return _wrong(
                    f"dropout_mask((200, 500), {rate}): expected shape (200, 500), got {shape}"
                )
            values = set(np.unique(mask).round(9).tolist())
            allowed = {0.0, round(1 / (1 - rate), 9)}
            if not values <= allowed:
                return _wrong(
                    f"rate {rate}: mask values must be 0 or {1 / (1 - rate):g}, got "
                    f"{sorted(values)[:4]}. Scale the kept units by 1 / (1 - rate)."
                )
            dropped = float(np.mean(mask == 0))
            if abs(dropped - rate) > 0.01:
                return _wrong(
                    f"rate {rate}: {dropped:.3f} of the units were dropped, expected {rate}"
                )
    finally:
        np.random.set_state(rng_state)
    return _right("dropout_mask keeps the right share of units and preserves the average.")


# --- Chapter 09 ------------------------------------------------------------------


def _softmax_rows(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def check_softmax(softmax: Callable) -> Feedback:
    """Chapter 09 exercise: softmax over the last axis, safe for big and negative logits."""
    cases = [
        (np.array([3.0, 4.0, 10.0, 3.0]),),
        (np.array([2.0, -2.0]),),
        (np.array([[0.13, 0.33, 0.89], [-1.0, 0.0, 1.0]]),),
    ]
    verdict = _check_function(
        "softmax",
        softmax,
        [(args, _softmax_rows(args[0])) for args in cases],
        hint="Take np.exp of every logit, then divide each row by its own sum.",
    )
    if not verdict:
        return verdict
    big = np.array([1000.0, 1001.0, 999.0])
    got, error = _call(softmax, big)
    if error or not np.all(np.isfinite(_as_array(got) if got is not None else np.nan)):
        return _wrong(
            "softmax([1000, 1001, 999]) is not finite: np.exp(1000) overflows. Subtract the "
            "largest logit first; it cancels between top and bottom and changes nothing else."
        )
    return compare("softmax([1000, 1001, 999])", got, _softmax_rows(big))


def check_cross_entropy(cross_entropy: Callable) -> Feedback:
    """Chapter 09 exercise: cross_entropy(prediction, truth) = -sum(truth * log(prediction))."""
    cases = [
        ((np.array([0.2793, 0.7207]), np.array([0.0, 1.0])), -np.log(0.7207)),
        ((np.array([0.23, 0.28, 0.49]), np.array([0.0, 1.0, 0.0])), -np.log(0.28)),
        ((np.array([0.2718, 0.2634, 0.4648]), np.array([0.0, 0.0, 1.0])), -np.log(0.4648)),
    ]
    return _check_function(
        "cross_entropy",
        cross_entropy,
        cases,
        hint="Only the true class counts: -log of the probability given to it (natural log).",
    )


def check_tanh2deriv(tanh2deriv: Callable) -> Feedback:
    """Chapter 09 exercise: tanh's slope computed from tanh's output."""
    output = np.tanh(np.array([[-3.0, -0.5, 0.0, 0.5, 3.0]]))
    verdict = _check_function(
        "tanh2deriv",
        tanh2deriv,
        [((output,), 1 - output**2)],
        hint="The argument is tanh's output t, not its input; the slope is 1 - t**2.",
    )
    return verdict


# --- Appendix A1: the calculus of backprop -------------------------------------------


def check_not_neuron(w1: float, b1: float) -> Feedback:
    """Appendix A1 quiz: weight and bias that make tanh(w1 * a0 + b1) a NOT gate."""
    values = _as_array([w1, b1])
    if values is None or values.shape != (2,) or not np.all(np.isfinite(values)):
        return _wrong(f"w1 and b1 must be two finite numbers, got {w1!r}, {b1!r}")
    out_0, out_1 = np.tanh(values[1]), np.tanh(values[0] + values[1])
    if out_0 > 0.95 and abs(out_1) < 0.05:
        return _right(
            f"Correct: input 0 gives {out_0:.4f} (about 1), input 1 gives {out_1:.4f} (about 0)."
        )
    return _wrong(
        f"input 0 gives tanh(b1) = {out_0:.4f} (want about 1) and input 1 gives "
        f"tanh(w1 + b1) = {out_1:.4f} (want about 0). Make b1 big and w1 = -b1."
    )


def check_tanh_layer(a1: Any) -> Feedback:
    """Appendix A1 quiz: the two-neuron tanh layer on x = [0.3, 0.4, 0.1]."""
    W = np.array([[-2, 4, -1], [6, 0, -3]])
    b = np.array([0.1, -2.5])
    x = np.array([0.3, 0.4, 0.1])
    return compare(
        "a1", a1, np.tanh(W @ x + b), tol=5e-3, hint="a1 = tanh(W @ x + b), one value per neuron."
    )


def check_cost(cost: Any) -> Feedback:
    """Appendix A1 quiz: the squared-error cost of the given tanh layer."""
    W = np.array([[-0.94529712, -0.2667356, -0.91219181], [2.05529992, 1.21797092, 0.22914497]])
    b = np.array([0.61273249, 1.6422662])
    x = np.array([0.7, 0.6, 0.2])
    y = np.array([0.9, 0.6])
    d = np.tanh(W @ x + b) - y
    return compare(
        "cost",
        cost,
        d @ d,
        tol=1e-9,
        hint="cost = d @ d with d = tanh(W @ x + b) - y (no 1/2, no mean).",
    )


def check_dCdb(dCdb: Callable) -> Feedback:
    """Appendix A1 quiz: dC/db for one tanh neuron with cost (tanh(w*x + b) - y)**2."""

    def cost(w: float, b: float, x: float, y: float) -> float:
        return (np.tanh(w * x + b) - y) ** 2

    cases = []
    for w, b, x, y in [(2.3, -1.2, 0.0, 1.0), (1.3, -0.1, 1.0, 0.0), (-5.0, 5.0, 0.5, 0.2)]:
        h = 1e-6
        expected = (cost(w, b + h, x, y) - cost(w, b - h, x, y)) / (2 * h)
        cases.append(((w, b, x, y), expected))
    return _check_function(
        "dCdb",
        dCdb,
        cases,
        hint="Chain rule: dC/da * da/dz * dz/db, with dC/da = 2(a - y), da/dz = 1 - a**2, "
        "dz/db = 1.",
    )


# --- Appendix A1: gradient checking --------------------------------------------------


class GradientReport(Feedback):
    """The verdict of `gradient_check`, with the relative error of every parameter."""

    def __init__(self, ok: bool, message: str, errors: dict[str, float], worst: dict[str, tuple]):
        super().__init__(ok, message)
        self.errors = errors  # largest relative error per parameter
        self.worst = worst  # index of that largest error per parameter


def numerical_gradient(
    loss: Callable[[], float],
    param: np.ndarray,
    eps: float = 1e-6,
    indices: Sequence[tuple[int, ...]] | None = None,
) -> np.ndarray:
    """Central finite differences of `loss()` with respect to `param` (changed in place, restored).

    Only the entries in `indices` are computed (all of them by default); the
    others are left at 0.
    """
    if not isinstance(param, np.ndarray) or param.dtype.kind != "f":
        raise TypeError(
            f"param must be a float numpy array (changed in place), got {type(param).__name__}"
        )
    if not np.all(np.isfinite(param)):
        raise ValueError(f"param must be finite numbers, got {param.ravel()[:5].tolist()}...")
    grad = np.zeros_like(param)
    for index in indices if indices is not None else np.ndindex(param.shape):
        original = param[index]
        param[index] = original + eps
        up = float(loss())
        param[index] = original - eps
        down = float(loss())
        param[index] = original
        if not (np.isfinite(up) and np.isfinite(down)):
            raise ValueError(f"loss() is not finite near index {index}: {up}, {down}")
        grad[index] = (up - down) / (2 * eps)
    return grad


def gradient_check(
    loss: Callable[[], float],
    params: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    eps: float = 1e-6,
    tolerance: float = 1e-6,
    max_checks: int | None = 200,
    seed: int = 0,
) -> GradientReport:
    """Compare backprop's gradients with finite differences, parameter by parameter.

    `loss()` computes the loss from the current values of the arrays in
    `params`; `grads` holds backprop's gradient of that same loss for each
    parameter. For big arrays, `max_checks` randomly chosen entries are checked.
    The relative error is |backprop - numeric| / (|backprop| + |numeric|); for
    entries 10,000 times smaller than the parameter's largest, the denominator is
    that largest value / 10,000 instead.
    """
    if set(params) != set(grads):
        raise ValueError(
            f"params {sorted(params)} and grads {sorted(grads)} must name the same arrays"
        )
    rng = np.random.default_rng(seed)
    errors: dict[str, float] = {}
    worst: dict[str, tuple] = {}
    for name, param in params.items():
        grad = np.asarray(grads[name], dtype=float)
        if grad.shape != np.shape(param):
            raise ValueError(
                f"grads[{name!r}] has shape {grad.shape}, the parameter {np.shape(param)}"
            )
        if not np.all(np.isfinite(grad)):
            raise ValueError(f"grads[{name!r}] contains nan or inf")
        all_indices = list(np.ndindex(param.shape))
        if max_checks is not None and len(all_indices) > max_checks:
            picks = rng.choice(len(all_indices), size=max_checks, replace=False)
            indices = [all_indices[i] for i in sorted(picks)]
        else:
            indices = all_indices
        numeric = numerical_gradient(loss, param, eps, indices)
        a = np.array([grad[i] for i in indices])
        n = np.array([numeric[i] for i in indices])
        scale = np.abs(a) + np.abs(n)
        # entries far smaller than this parameter's typical gradient are judged
        # against that typical size: finite differences can't resolve them better
        floor = max(1e-4 * float(scale.max()), 1e-12)
        rel = np.abs(a - n) / np.maximum(scale, floor)
        k = int(np.argmax(rel))
        errors[name] = float(rel[k])
        worst[name] = indices[k]
    bad = {name: e for name, e in errors.items() if e > tolerance}
    summary = ", ".join(f"{name} {e:.1e}" for name, e in errors.items())
    if bad:
        name = max(bad, key=bad.get)
        i = worst[name]
        return GradientReport(
            False,
            f"gradients disagree (largest relative error: {summary}); worst: {name}{list(i)} "
            f"backprop {float(grads[name][i]):.6g} vs numerical "
            f"{float(numerical_gradient(loss, params[name], eps, [i])[i]):.6g}",
            errors,
            worst,
        )
    return GradientReport(
        True, f"gradients agree (largest relative error: {summary})", errors, worst
    )
