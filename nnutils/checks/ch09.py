"""Checkers for the exercises of chapter 09 · Modelling probabilities."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from nnutils.checks.feedback import (
    Feedback,
    as_array,
    call,
    check_choice,
    check_function,
    compare,
    is_blank,
    quote,
    right,
    unanswered,
    wrong,
)

__all__ = [
    "check_delta_vanishes",
    "check_equal_logits_delta",
    "check_p_class_0",
    "check_softmax",
    "check_binary_cross_entropy",
    "check_sigmoid_step",
    "check_shifted_loss",
]


def _sigmoid(x: Any) -> Any:
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _number(value: Any) -> float | None:
    """`value` as one finite float, or None when it is anything else."""
    arr = as_array(value)
    if arr is None or arr.ndim != 0 or not math.isfinite(float(arr)):
        return None
    return float(arr)


def _wrong(name: str, why: str, hint: str) -> Feedback:
    return wrong(f"{name} is not right yet. {why} Hint: {hint}")


# --- Exercise 1 · recall ---------------------------------------------------------------

_VANISHES = {
    "biggest share": "Having the biggest share is not enough. With the true class at 0.5 "
    "(already the biggest of three), its delta p - 1 is still -0.5, so backprop keeps "
    "raising that logit.",
    "above 0.5": "Nothing special happens at one half: at p = 0.6 the true class's delta "
    "p - 1 is still -0.4, and the push goes on.",
    "probability 1": "p - 1 is zero only at p = 1, which softmax never quite reaches: "
    "cross-entropy always asks for a little more confidence, more and more softly.",
}


def check_delta_vanishes(delta_zero_when: Any) -> Feedback:
    """Exercise 1 (recall): when does the true class's delta, p - 1, reach zero?"""
    hint = "The true class's delta is p - 1 (section 5). Which probability p makes that exactly 0?"
    if not is_blank(delta_zero_when) and not isinstance(delta_zero_when, str):
        listed = ", ".join(repr(k) for k in _VANISHES)
        return wrong(
            f"delta_zero_when should be one of {listed} (text in quotes), not "
            f"{type(delta_zero_when).__name__} {quote(delta_zero_when)}. Hint: {hint}"
        )
    return check_choice(
        "delta_zero_when", delta_zero_when, _VANISHES, correct="probability 1", hint=hint
    )


# --- Exercise 2 · by hand --------------------------------------------------------------

#: Four equal logits, true class 2 (the third).
_EQUAL_TRUTH = np.array([0.0, 0.0, 1.0, 0.0])


def check_equal_logits_delta(delta_equal_logits: Any) -> Feedback:
    """Exercise 2 (by hand): the output delta for logits [3, 3, 3, 3] and true class 2."""
    p = np.full(4, 0.25)
    return compare(
        "delta_equal_logits",
        delta_equal_logits,
        p - _EQUAL_TRUTH,
        tol=1e-3,
        hint="Equal logits get equal shares, so softmax is easy here. Then subtract the "
        "one-hot truth: delta = prediction - truth, one number per class.",
        mistakes=[
            (
                _EQUAL_TRUTH - p,
                "That is truth - prediction: the sign is flipped. Our delta is prediction - truth.",
            ),
            (p, "That is the prediction alone; the delta subtracts the truth from it."),
            (
                np.full(4, 3.0) - _EQUAL_TRUTH,
                "That subtracts the truth from the logits. The delta uses softmax's "
                "probabilities, not the raw logits.",
            ),
            (
                -_EQUAL_TRUTH,
                "That treats every probability as 0. Softmax of equal logits is not 0: "
                "the four shares must add up to 1.",
            ),
            (
                p - np.array([0.0, 1.0, 0.0, 0.0]),
                "The -1 sits on the wrong class: classes count from 0, so class 2 is the "
                "third entry.",
            ),
            (
                p - np.array([0.0, 0.0, 0.0, 1.0]),
                "The -1 sits on the wrong class: classes count from 0, so class 2 is the "
                "third entry, not the fourth.",
            ),
            (
                np.full(4, 1 / 3) - _EQUAL_TRUTH,
                "Those shares are thirds; with four equal logits each class gets a quarter.",
            ),
        ],
    )


# --- Exercise 3 · by hand --------------------------------------------------------------

#: The sigmoid neuron of exercise 3: two inputs, their weights, and a bias.
_NEURON_INPUT = np.array([1.5, 1.0])
_NEURON_WEIGHTS = np.array([2.0, -1.0])
_NEURON_BIAS = -1.0


def check_p_class_0(p_class_0: Any) -> Feedback:
    """Exercise 3 (by hand): P(y = 0) from a sigmoid neuron with weights [2, -1] and bias -1."""
    a = float(_NEURON_INPUT @ _NEURON_WEIGHTS + _NEURON_BIAS)
    no_bias = float(_NEURON_INPUT @ _NEURON_WEIGHTS)
    return compare(
        "p_class_0",
        p_class_0,
        1 - _sigmoid(a),
        tol=5e-4,
        hint="First the pre-activation a = w1*x1 + w2*x2 + b, then y_hat = sigmoid(a), "
        "which is P(y = 1). The two probabilities add up to 1.",
        mistakes=[
            (
                _sigmoid(a),
                "That is y_hat = sigmoid(a), the probability of class 1. The question "
                "asks for class 0.",
            ),
            (1 - _sigmoid(no_bias), "The bias is missing from the pre-activation."),
            (_sigmoid(no_bias), "The bias is missing, and that is P(y = 1), not P(y = 0)."),
            (
                1 - _sigmoid(no_bias - _NEURON_BIAS),
                "The bias went in with the wrong sign: it is -1, so it lowers the sum.",
            ),
            (
                1 - _sigmoid(float(_NEURON_INPUT @ _NEURON_WEIGHTS[::-1] + _NEURON_BIAS)),
                "The weights are paired with the wrong inputs: w1 goes with x1.",
            ),
            (a, "That is the pre-activation a itself; sigmoid turns it into a probability."),
            (1 - a, "That is 1 - a with the raw pre-activation; apply sigmoid to a first."),
        ],
    )


# --- Exercise 4 · change the code ------------------------------------------------------

_SOFTMAX_HINT = (
    "Start from normalise: take np.exp of the logits (after subtracting each row's "
    "largest, np.max(logits, axis=-1, keepdims=True)), then divide each row by its own sum."
)


def _softmax_mistakes(args: tuple) -> list[tuple[Any, str]]:
    z = np.asarray(args[0], dtype=float)
    exps = np.exp(z - z.max())
    with np.errstate(all="ignore"):
        plain = z / z.sum(axis=-1, keepdims=True)
    mistakes: list[tuple[Any, str]] = []
    if np.all(np.isfinite(plain)):
        mistakes.append(
            (
                plain,
                "That is normalise: it divides by the sum without exponentiating first.",
            )
        )
    if z.ndim == 2:
        mistakes.append(
            (
                exps / exps.sum(),
                "The whole batch is divided by one sum, so the rows don't each add up to 1: "
                "sum each row on its own (axis=-1, keepdims=True).",
            )
        )
    return mistakes


def check_softmax(my_softmax: Callable) -> Feedback:
    """Exercise 4 (change the code): softmax row by row, safe for big and negative logits."""
    cases = [
        (np.array([3.0, 4.0, 10.0, 3.0]),),
        (np.array([2.0, -2.0]),),
        (np.array([[0.13, 0.33, 0.89], [-1.0, 0.0, 1.0]]),),
    ]
    verdict = check_function(
        "my_softmax",
        my_softmax,
        [(args, _softmax(args[0])) for args in cases],
        hint=_SOFTMAX_HINT,
        mistakes=_softmax_mistakes,
    )
    if not verdict:
        return verdict
    big = [
        (
            np.array([1000.0, 1001.0, 999.0]),
            "my_softmax([1000, 1001, 999]) is not finite: np.exp(1000) overflows to inf. "
            "Subtract the largest logit first; it cancels between top and bottom and "
            "changes nothing else.",
        ),
        (
            np.array([[1000.0, 1001.0, 999.0], [0.0, 1.0, 2.0]]),
            "On the batch [[1000, 1001, 999], [0, 1, 2]] a row is not finite: the largest "
            "logit of the whole batch was subtracted from every row, and the second row's "
            "exponentials all became 0. Subtract each row's own largest "
            "(axis=-1, keepdims=True).",
        ),
    ]
    for logits, why in big:
        shown = "my_softmax(" + repr(logits.tolist()) + ")"
        got, error = call(my_softmax, logits.copy())
        if error:
            return wrong(f"{shown} raised {error}. Hint: {_SOFTMAX_HINT}")
        arr = as_array(got)
        if arr is not None and arr.shape == logits.shape and not np.all(np.isfinite(arr)):
            return wrong(f"{why} Hint: {_SOFTMAX_HINT}")
        verdict = compare(shown, got, _softmax(logits), hint=_SOFTMAX_HINT)
        if not verdict:
            return verdict
    return right("my_softmax: correct on 5 test cases, including logits near 1000.")


# --- Exercise 5 · change the code ------------------------------------------------------


def _binary_mistakes(args: tuple) -> list[tuple[Any, str]]:
    y_hat, y = (float(a) for a in args)
    return [
        (
            -math.log(y_hat),
            "For this example the loss is -log(y_hat) whatever the class: that is the notes' "
            "slip. When y = 0 the second term must use log(1 - y_hat).",
        ),
        (
            -(y * math.log10(y_hat) + (1 - y) * math.log10(1 - y_hat)),
            "That uses log base 10; cross-entropy uses the natural log, np.log.",
        ),
        (
            -(y * math.log(1 - y_hat) + (1 - y) * math.log(y_hat)),
            "The two terms are swapped: y multiplies log(y_hat), and 1 - y multiplies "
            "log(1 - y_hat).",
        ),
        ((y_hat - y) ** 2, "That is the squared error, not cross-entropy."),
    ]


def check_binary_cross_entropy(binary_cross_entropy: Callable) -> Feedback:
    """Exercise 5 (change the code): cross-entropy for one sigmoid output y_hat = P(y = 1)."""

    def loss(y_hat: float, y: float) -> float:
        return -(y * math.log(y_hat) + (1 - y) * math.log(1 - y_hat))

    cases = [(0.7207, 1.0), (0.7207, 0.0), (0.1, 0.0), (0.9, 1.0)]
    return check_function(
        "binary_cross_entropy",
        binary_cross_entropy,
        [(args, loss(*args)) for args in cases],
        hint="The two classes get the probabilities y_hat and 1 - y_hat, and the loss is "
        "-log of the one the true class got. Multiply each log by y or by 1 - y, so that "
        "only the right one survives.",
        mistakes=_binary_mistakes,
    )


# --- Exercise 6 · change the code ------------------------------------------------------


def _step_cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]]:
    """Two tiny batches: 5 inputs, 4 hidden units, 3 classes, batch sizes 4 and 2."""
    rng = np.random.default_rng(9)
    cases = []
    for classes, alpha in (([0, 2, 1, 2], 0.5), ([1, 0], 1.0)):
        layer_0 = rng.random((len(classes), 5))
        goal = np.eye(3)[classes]
        weights_0_1 = rng.uniform(-1, 1, (5, 4))
        weights_1_2 = rng.uniform(-1, 1, (4, 3))
        cases.append((layer_0, goal, weights_0_1, weights_1_2, alpha))
    return cases


def _step(
    layer_0: np.ndarray,
    goal: np.ndarray,
    weights_0_1: np.ndarray,
    weights_1_2: np.ndarray,
    alpha: float,
    mistake: str = "",
) -> tuple[np.ndarray, np.ndarray]:
    """One batch update with a sigmoid hidden layer and softmax output, or a known mistake."""
    layer_1 = _sigmoid(layer_0.dot(weights_0_1))
    logits = layer_1.dot(weights_1_2)
    layer_2 = logits if mistake == "no softmax" else _softmax(logits)
    divide = {"no average": 1, "twice": len(goal) ** 2}.get(mistake, len(goal))
    layer_2_delta = (layer_2 - goal) / divide
    weighted_sum = layer_0.dot(weights_0_1)
    slope = {
        "tanh slope": 1 - layer_1**2,
        "slope of the sum": weighted_sum * (1 - weighted_sum),
        "sigmoid twice": _sigmoid(layer_1) * (1 - _sigmoid(layer_1)),
        "no slope": np.ones_like(layer_1),
    }.get(mistake, layer_1 * (1 - layer_1))
    new_1_2 = weights_1_2 - alpha * layer_1.T.dot(layer_2_delta)
    back = new_1_2 if mistake == "updated first" else weights_1_2
    layer_1_delta = layer_2_delta.dot(back.T) * slope
    new_0_1 = weights_0_1 - alpha * layer_0.T.dot(layer_1_delta)
    if mistake == "uphill":
        return 2 * weights_0_1 - new_0_1, 2 * weights_1_2 - new_1_2
    return new_0_1, new_1_2


_STEP_MISTAKES = {
    "tanh slope": "The hidden delta uses tanh's slope, 1 - out**2; a sigmoid layer's slope "
    "is out * (1 - out) (sigmoid2deriv).",
    "slope of the sum": "sigmoid2deriv was given the weighted sum, sigmoid's input: like "
    "tanh2deriv, it takes the layer's output, layer_1.",
    "sigmoid twice": "The slope went through sigmoid twice: sigmoid2deriv takes layer_1, "
    "which is already sigmoid's output.",
    "no slope": "layer_1_delta is missing the slope of the hidden layer: multiply by "
    "sigmoid2deriv(layer_1). (relu2deriv would not do: every sigmoid output is above 0, "
    "so it is 1 everywhere.)",
    "twice": "The delta is divided by the batch size twice: that is the published code's "
    "second slip. Average over the batch once.",
    "no average": "layer_2_delta is not averaged over the batch: divide it by len(goal).",
    "no softmax": "The output has no softmax: layer_2 must be softmax(layer_1.dot(weights_1_2)).",
    "uphill": "The weights move uphill: subtract alpha times the weight_delta, don't add it.",
    "updated first": "layer_1_delta was computed with the already updated weights_1_2. "
    "Compute both deltas first, then update both weight matrices.",
}


def check_sigmoid_step(sigmoid_step: Callable) -> Feedback:
    """Exercise 6 (change the code): one batch update with a sigmoid hidden layer, no dropout."""
    name = "sigmoid_step"
    hint = (
        "Copy the body of section 8's batch loop: tanh becomes sigmoid, tanh2deriv becomes "
        "sigmoid2deriv, leave the dropout mask out, and end with "
        "`return weights_0_1, weights_1_2`."
    )
    if is_blank(sigmoid_step):
        return unanswered(name, hint)
    if not callable(sigmoid_step):
        return wrong(
            f"{name} should be a function (def {name}(...): ...), got {quote(sigmoid_step)}."
        )
    for case in _step_cases():
        layer_0, goal, w01, w12, alpha = case
        shown = f"{name} on a batch of {len(goal)}"
        got, error = call(sigmoid_step, layer_0.copy(), goal.copy(), w01.copy(), w12.copy(), alpha)
        if error:
            return wrong(f"{shown} raised {error}. Hint: {hint}")
        if is_blank(got):
            return Feedback(
                False,
                f"Not answered yet: {name} returns nothing (None) so far. Fill in its body "
                f"and return the two weight matrices. Hint: {hint}",
                "unanswered",
            )
        pair = list(got) if isinstance(got, (tuple, list)) else None
        arrays = None
        if pair is not None and len(pair) == 2 and not any(is_blank(x) for x in pair):
            arrays = [as_array(x) for x in pair]
        if arrays is None or any(a is None or a.ndim != 2 for a in arrays):
            return wrong(
                f"{shown} should return two arrays, weights_0_1 and weights_1_2, got "
                f"{type(got).__name__} {quote(got)}. Hint: {hint}"
            )
        got_01, got_12 = arrays
        if got_01.shape == w12.shape and got_12.shape == w01.shape:
            return wrong(
                f"{shown}: the two matrices come back in the wrong order. Return "
                f"weights_0_1 first, then weights_1_2. Hint: {hint}"
            )
        if got_01.shape != w01.shape or got_12.shape != w12.shape:
            return wrong(
                f"{shown} returned shapes {got_01.shape} and {got_12.shape}, not "
                f"{w01.shape} and {w12.shape}. Hint: {hint}"
            )
        if not (np.all(np.isfinite(got_01)) and np.all(np.isfinite(got_12))):
            return wrong(f"{shown} returned nan or inf. Hint: {hint}")
        want_01, want_12 = _step(*case)
        ok_01 = bool(np.allclose(got_01, want_01, rtol=0, atol=1e-6))
        ok_12 = bool(np.allclose(got_12, want_12, rtol=0, atol=1e-6))
        if ok_01 and ok_12:
            continue
        for mistake, why in _STEP_MISTAKES.items():
            bad_01, bad_12 = _step(*case, mistake=mistake)
            if np.allclose(got_01, bad_01, rtol=0, atol=1e-6) and np.allclose(
                got_12, bad_12, rtol=0, atol=1e-6
            ):
                return _wrong(shown, why, hint)
        if np.allclose(got_01, w01) and np.allclose(got_12, w12):
            why = "The weights come back unchanged: update them before returning them."
        elif ok_12:
            why = (
                "weights_1_2 is right but weights_0_1 is not: look at layer_1_delta and "
                "the update of weights_0_1."
            )
        elif ok_01:
            why = "weights_0_1 is right but weights_1_2 is not: look at its update line."
        else:
            why = "Both matrices are off: check layer_1, layer_2 and layer_2_delta first."
        return _wrong(shown, why, hint)
    return right(f"{name}: correct on 2 batches (of 4 and 2 examples).")


# --- Exercise 7 · predict, then check with the widget ----------------------------------

_START_LOGITS = np.array([0.13, 0.33, -0.89])
_TRUE_CLASS = 1


def _loss(logits: np.ndarray) -> float:
    return float(-np.log(_softmax(logits)[_TRUE_CLASS]))


def check_shifted_loss(shifted_loss: Any) -> Feedback:
    """Exercise 7 (predict, then check): the loss after adding 2 to every logit."""
    name = "shifted_loss"
    expected = _loss(_START_LOGITS + 2)
    tol = 5e-4
    hint = (
        "Write softmax of z + 2 out by hand: every e^(z + 2) is e^z times e^2, on the top "
        "and on the bottom."
    )
    only_true = _START_LOGITS.copy()
    only_true[_TRUE_CLASS] += 2
    mistakes = [
        (
            _loss(only_true),
            "That is what raising only the true class's logit by 2 would give. Here all "
            "three logits rise together.",
        ),
        (
            0.0,
            "A loss of 0 needs the true class at probability 1; the gaps between the "
            "logits have not grown.",
        ),
    ]
    value = _number(shifted_loss)
    if value is not None and value < 0:
        return _wrong(
            name,
            "A cross-entropy is never negative: it is -log of a probability, and a "
            "probability is at most 1.",
            hint,
        )
    if (
        value is not None
        and value >= 0
        and abs(value - expected) > 0.01
        and all(abs(value - m) > tol for m, _ in mistakes)
    ):
        side = "fall" if value < expected else "rise"
        return _wrong(
            name,
            f"You expect the loss to {side}. But the other two logits rose by exactly as "
            "much as the true class's: did the true class gain any ground on them?",
            hint,
        )
    return compare(name, shifted_loss, expected, tol=tol, hint=hint, mistakes=mistakes)
