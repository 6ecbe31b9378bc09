"""Checkers for the exercises of appendix A1 · The calculus behind backprop."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from nnutils.checks.feedback import (
    UNANSWERED,
    Feedback,
    as_array,
    call,
    check_function,
    compare,
    is_blank,
    plural,
    quote,
    right,
    unanswered,
    wrong,
)

__all__ = [
    "check_not_neuron",
    "check_tanh_layer",
    "check_cost",
    "check_dCdb",
    "check_sigmoid_chain",
    "check_missing_slope_error",
]


def _sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z))


def _number(value: Any) -> float | None:
    """`value` as one finite float, or None when it is anything else."""
    arr = as_array(value)
    if arr is None or arr.ndim != 0 or not math.isfinite(float(arr)):
        return None
    return float(arr)


# --- Exercise 1 · predict, then check with the widget ---------------------------------

#: What counts as "near" the NOT gate's goals (the exercise states both thresholds).
_HIGH, _NEAR_ZERO = 0.95, 0.05


def check_not_neuron(w1: Any, b1: Any) -> Feedback:
    """Exercise 1 (predict, then check with the widget): a weight and bias for a tanh NOT gate."""
    name = "w_not, b_not"
    hint = (
        "Input 0 only sees the bias: tanh(b) must be above 0.95. Input 1 sees w + b, which "
        "must make tanh almost exactly 0."
    )
    if is_blank(w1) or is_blank(b1):
        return unanswered(name, hint)
    w, b = _number(w1), _number(b1)
    if w is None or b is None:
        return wrong(
            f"{name} should be two finite numbers, got {quote(w1, 30)} and {quote(b1, 30)}. "
            f"Hint: {hint}"
        )
    out_0, out_1 = math.tanh(b), math.tanh(w + b)
    shown = f"input 0 gives {out_0:.4f}, input 1 gives {out_1:.4f}"
    if out_0 > _HIGH and abs(out_1) < _NEAR_ZERO:
        return right(
            f"Correct: {shown}; both within the thresholds (above 0.95, and within 0.05 of 0)."
        )
    problems = []
    if out_0 <= _HIGH:
        if b < 0:
            problems.append(
                "The bias is negative, so input 0 gives a negative output: the bias alone "
                "must push tanh up towards 1."
            )
        else:
            problems.append(
                "Input 0 is not above 0.95 yet: the bias is too small. tanh only gets close to "
                "1 for sums of about 2 and more."
            )
    if abs(out_1) >= _NEAR_ZERO:
        if abs(w) < 1e-12:
            problems.append(
                "With weight 0 both inputs give the same output: the weight is what makes "
                "input 1 different."
            )
        elif (w > 0) == (b > 0):
            problems.append(
                "The weight has the same sign as the bias, so input 1 lands even further from "
                "0: the weight must cancel the bias."
            )
        else:
            problems.append(
                "Input 1 is not within 0.05 of 0: w + b is its weighted sum, and it is not "
                "close enough to 0 yet."
            )
    return wrong(f"{name}: {shown}. " + " ".join(problems) + f" Hint: {hint}")


# --- Exercise 2 · by hand --------------------------------------------------------------

_W_LAYER = np.array([[-2.0, 4.0, -1.0], [6.0, 0.0, -3.0]])
_B_LAYER = np.array([0.1, -2.5])
_X_LAYER = np.array([0.3, 0.4, 0.1])


def check_tanh_layer(a1: Any) -> Feedback:
    """Exercise 2 (by hand): tanh(W x + b) for the two-neuron layer on x = [0.3, 0.4, 0.1]."""
    z = _W_LAYER @ _X_LAYER + _B_LAYER
    expected = np.tanh(z)
    return compare(
        "layer_by_hand",
        a1,
        expected,
        tol=5e-3,
        hint="Neuron i's weighted sum is row i of W times x, term by term, plus b[i]; "
        "then take tanh of each sum (np.tanh is fine for that last step).",
        mistakes=[
            (z, "Those are the weighted sums: the layer's output is tanh of each one."),
            (
                np.tanh(_W_LAYER @ _X_LAYER),
                "The bias is missing: add b[i] to neuron i's weighted sum before the tanh.",
            ),
            (
                np.tanh(_W_LAYER @ _X_LAYER - _B_LAYER),
                "The bias is subtracted: it is added to the weighted sum.",
            ),
            (
                _sigmoid(z),
                "That is sigmoid of the weighted sums; this layer uses tanh, which can go below 0.",
            ),
            (
                -expected,
                "Both signs are flipped: redo each weighted sum term by term, minding the "
                "negative weights.",
            ),
        ],
    )


# --- Exercise 3 · change the code ------------------------------------------------------

_W_COST = np.array([[-0.94529712, -0.2667356, -0.91219181], [2.05529992, 1.21797092, 0.22914497]])
_B_COST = np.array([0.61273249, 1.6422662])
_X_COST = np.array([0.7, 0.6, 0.2])
_Y_COST = np.array([0.9, 0.6])


def check_cost(cost: Any) -> Feedback:
    """Exercise 3 (change the code): the squared-error cost d @ d of the quiz's tanh layer."""
    z = _W_COST @ _X_COST + _B_COST
    d = np.tanh(z) - _Y_COST
    expected = d @ d
    d_linear = z - _Y_COST
    d_no_bias = np.tanh(_W_COST @ _X_COST) - _Y_COST
    hint = "As in section 3: layer = np.tanh(W @ x + b), d = layer - y, cost = d @ d."
    if not is_blank(cost) and (arr := as_array(cost)) is not None and arr.shape == (2,):
        if np.allclose(arr, d, atol=1e-9) or np.allclose(arr, -d, atol=1e-9):
            return wrong(
                "cost_quiz holds two numbers: that is the miss vector d. The cost is one "
                f"number, its squared length. Hint: {hint}"
            )
        return wrong(f"cost_quiz should be a single number, yours holds two. Hint: {hint}")
    return compare(
        "cost_quiz",
        cost,
        expected,
        tol=1e-9,
        hint=hint,
        mistakes=[
            (
                expected / 2,
                "That is half the cost (the book's ½, or the mean over the two outputs); this "
                "cost is the plain sum d @ d.",
            ),
            (
                math.sqrt(expected),
                "That is the length of the miss vector; the cost is its square, d @ d.",
            ),
            (d.sum(), "That adds up the misses without squaring them: use d @ d."),
            (np.abs(d).sum(), "That adds up the sizes of the misses; square them: d @ d."),
            (d_linear @ d_linear, "The tanh is missing: the layer is np.tanh(W @ x + b)."),
            (d_no_bias @ d_no_bias, "The bias is missing: the layer is np.tanh(W @ x + b)."),
        ],
    )


# --- Exercise 4 · recall ---------------------------------------------------------------

#: (w1, b1, x, y) at which the learner's dCdb is tried
_DCDB_CASES = [(2.3, -1.2, 0.0, 1.0), (1.3, -0.1, 1.0, 0.0), (-5.0, 5.0, 0.5, 0.2)]


def _dcdb(w: float, b: float, x: float, y: float) -> float:
    a = math.tanh(w * x + b)
    return 2 * (a - y) * (1 - a**2)


def _dcdb_mistakes(args: tuple) -> list[tuple[float, str]]:
    w, b, x, y = args
    z = w * x + b
    a = math.tanh(z)
    right = _dcdb(w, b, x, y)
    return [
        (
            2 * (a - y),
            "tanh's slope is missing: dC/db = dC/da * da/dz * dz/db, and da/dz is not 1.",
        ),
        (
            2 * (a - y) * (1 - z**2),
            "The slope is written with the weighted sum z: tanh's slope from its output is "
            "1 - a**2, with a = tanh(z).",
        ),
        (
            2 * (a - y) * a * (1 - a),
            "That is sigmoid's slope, a * (1 - a); tanh's is 1 - a**2.",
        ),
        (
            right * x,
            "There is an extra factor x: that is dC/dw. For the bias, dz/db is 1.",
        ),
        (
            right * w,
            "There is an extra factor w1: that is the sensitivity to the previous activation. "
            "For the bias, dz/db is 1.",
        ),
        ((a - y) * (1 - a**2), "It is half the answer: the 2 of the square's slope is missing."),
        (-right, "The sign is flipped: the cost's slope is 2 * (a - y), not 2 * (y - a)."),
    ]


def check_dCdb(dCdb: Any) -> Feedback:
    """Exercise 4 (recall): dC/db for one tanh neuron with cost (tanh(w1*x + b1) - y)**2."""
    cases = [(args, _dcdb(*args)) for args in _DCDB_CASES]
    return check_function(
        "dCdb",
        dCdb,
        cases,
        hint="Chain rule: dC/da * da/dz * dz/db, with a = tanh(w1 * x + b1) and the cost "
        "(a - y) ** 2. Write tanh's slope from its output a.",
        mistakes=_dcdb_mistakes,
    )


# --- Exercise 5 · change the code ------------------------------------------------------

#: (params, x, y) for the learner's chain_backprop_sigmoid: section 4's chain and two more
_CHAINS = [
    ({"w": [0.8, -1.2, 1.5], "b": [0.1, 0.3, -0.2]}, 0.6, 0.25),
    ({"w": [2.0, 0.5, -1.0], "b": [-0.5, 0.2, 0.4]}, -1.0, 0.9),
    ({"w": [-0.7, 1.8, 2.5], "b": [0.0, -1.0, 0.3]}, 1.5, 0.0),
]


def _sigmoid_chain(
    params: dict,
    x: float,
    y: float,
    slope: str = "sigmoid",
    k: float = 2.0,
    own_input: bool = False,
    skip: int | None = None,
) -> dict[str, np.ndarray]:
    """Backprop through three sigmoid neurons; the keywords switch on known mistakes."""
    w, b = np.asarray(params["w"], float), np.asarray(params["b"], float)
    a1 = _sigmoid(w[0] * x + b[0])
    a2 = _sigmoid(w[1] * a1 + b[1])
    a3 = _sigmoid(w[2] * a2 + b[2])

    def s(a: float, layer: int) -> float:
        if layer == skip:
            return 1.0
        return a * (1 - a) if slope == "sigmoid" else 1 - a**2

    delta_3 = k * (a3 - y) * s(a3, 3)
    delta_2 = delta_3 * w[2] * s(a2, 2)
    delta_1 = delta_2 * w[1] * s(a1, 1)
    inputs = [a1, a2, a3] if own_input else [x, a1, a2]
    return {
        "w": np.array([delta_1 * inputs[0], delta_2 * inputs[1], delta_3 * inputs[2]]),
        "b": np.array([delta_1, delta_2, delta_3]),
    }


def _both(grads: dict[str, np.ndarray]) -> np.ndarray:
    return np.concatenate([grads["w"], grads["b"]])


_CHAIN_MISTAKES = [
    (
        dict(slope="tanh"),
        "Those are tanh's slopes, 1 - a**2: sigmoid's slope from its output is a * (1 - a).",
    ),
    (dict(k=1.0), "Every gradient is half the answer: the 2 of the square's slope is missing."),
    (dict(k=-2.0), "Every sign is flipped: the cost's slope is 2 * (a3 - y), not 2 * (y - a3)."),
    (
        dict(own_input=True),
        "Each weight is paired with its own neuron's output: w[i]'s gradient is delta_i times "
        "the neuron's *input* (x, a1, a2).",
    ),
    (dict(skip=3), "delta_3 lacks the slope of a3: every delta has its own neuron's slope."),
    (dict(skip=2), "delta_2 lacks the slope of a2: every delta has its own neuron's slope."),
    (dict(skip=1), "delta_1 lacks the slope of a1: every delta has its own neuron's slope."),
]


def check_sigmoid_chain(chain_backprop_sigmoid: Any) -> Feedback:
    """Exercise 5 (change the code): backprop through section 4's chain with sigmoid neurons."""
    name = "chain_backprop_sigmoid"
    hint = (
        "Copy chain_backprop and change what the activation touches: the forward pass uses "
        "sigmoid, and each slope becomes a * (1 - a). The rest of the chain rule stays."
    )
    fn = chain_backprop_sigmoid
    if is_blank(fn):
        return unanswered(name, hint)
    if not callable(fn):
        return wrong(
            f"{name} should be a function (def {name}(params, x, y): ...), got {quote(fn)}."
        )
    for params, x, y in _CHAINS:
        copies = {key: np.array(v, dtype=float) for key, v in params.items()}
        shown = f"{name}({{'w': {params['w']}, 'b': {params['b']}}}, {x}, {y})"
        got, error = call(fn, copies, x, y)
        if error:
            return wrong(f"{shown} raised {error}. Hint: {hint}")
        if is_blank(got):
            return Feedback(
                False,
                f"Not answered yet: {name} returns nothing (None) so far. Fill in its body and "
                f"`return` the dict of gradients. Hint: {hint}",
                UNANSWERED,
            )
        if not isinstance(got, dict) or set(got) != {"w", "b"}:
            return wrong(
                f"{shown} should return a dict with the keys 'w' and 'b', like chain_backprop; "
                f"got {type(got).__name__} {quote(got)}. Hint: {hint}"
            )
        arrays = {key: as_array(got[key]) for key in ("w", "b")}
        for key, arr in arrays.items():
            if arr is None or arr.shape != (3,) or not np.all(np.isfinite(arr)):
                return wrong(
                    f"{shown}['{key}'] should be three finite numbers, one per neuron. Hint: {hint}"
                )
        expected = _sigmoid_chain(params, x, y)
        mine = _both(arrays)
        if np.all(np.abs(mine - _both(expected)) <= 1e-6):
            continue
        for switch, say in _CHAIN_MISTAKES:
            if np.all(np.abs(mine - _both(_sigmoid_chain(params, x, y, **switch))) <= 1e-6):
                return wrong(f"{shown} is not right yet. {say} Hint: {hint}")
        for key in ("w", "b"):
            verdict = compare(f"{shown}['{key}']", arrays[key], expected[key], tol=1e-6, hint=hint)
            if not verdict:
                return verdict
    return right(f"{name}: correct on {plural(len(_CHAINS), 'chain')}.")


# --- Exercise 6 · by hand --------------------------------------------------------------

#: a2 of section 4's chain (w = [0.8, -1.2, 1.5], b = [0.1, 0.3, -0.2], x = 0.6)
_A2 = math.tanh(-1.2 * math.tanh(0.8 * 0.6 + 0.1) + 0.3)


def check_missing_slope_error(missing_slope_error: Any) -> Feedback:
    """Exercise 6 (by hand): the relative error the check reports when delta_2 lacks a2's slope."""
    ratio = 1 / (1 - _A2**2)  # broken gradient / right gradient, same sign
    expected = (ratio - 1) / (ratio + 1)
    name = "missing_slope_error"
    hint = (
        "The broken entries are 1 / (1 - a2**2) times the right ones, with the same sign. Put "
        "g and that multiple of g into |backprop - numeric| / (|backprop| + |numeric|)."
    )
    tol = 6e-4
    mistakes = [
        (
            ratio - 1,
            "That is how much too big the broken entries are, relative to the right ones; "
            "the relative error divides the difference by the sum of both sizes.",
        ),
        (ratio, "That is the ratio broken / right; the check reports a relative error."),
        (
            (ratio - 1) / ratio,
            "That divides the difference by the broken gradient alone; the check divides "
            "by |backprop| + |numeric|.",
        ),
        (1 - _A2**2, "That is the missing slope itself, 1 - a2**2, not the relative error."),
        (
            (ratio - 1) / 2,
            "That divides the difference by twice the right gradient; the sum holds the "
            "broken one and the right one.",
        ),
        (
            1.0,
            "1.0 is what a sign error (or a gradient of 0) scores; here backprop and the "
            "nudge agree in sign.",
        ),
        (1 / 3, "1/3 is what a factor 2 scores; here the factor is 1 / (1 - a2**2)."),
    ]
    value = _number(missing_slope_error)
    if (
        value is not None
        and tol < abs(value - expected) < 0.01
        and all(abs(value - m) > tol for m, _ in mistakes)
    ):
        return wrong(
            f"{name} is close, but not within the two significant digits asked: keep more "
            f"digits of a2**2 until the end. Hint: {hint}"
        )
    return compare(name, missing_slope_error, expected, tol=tol, hint=hint, mistakes=mistakes)
