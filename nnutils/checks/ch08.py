"""Checkers for the exercises of chapter 08 · Learning signal and ignoring noise: MNIST."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from nnutils.checks.feedback import (
    Feedback,
    as_array,
    call,
    check_choice,
    check_function,
    is_blank,
    plural,
    quote,
    right,
    unanswered,
    wrong,
)

__all__ = [
    "check_relu2deriv",
    "check_stop_on",
    "check_weight_count",
    "check_dropout_mask",
    "check_keep_best",
    "check_hidden_10_curves",
]


def _wrong(verdict: str, why: str, hint: str) -> Feedback:
    return wrong(" ".join(p for p in (verdict, why, f"Hint: {hint}") if p))


# --- Exercise 1 ----------------------------------------------------------------------

_RELU_OUTPUTS = [
    np.array([[0.0, 0.5, 0.0, 2.0, 1e-4, 0.0]]),
    np.array([[0.0, 3.2, 0.0], [0.01, 0.0, 7.0]]),
]


def _relu2deriv_mistakes(args: tuple) -> list[tuple[Any, str]]:
    (output,) = args
    return [
        (
            (output >= 0).astype(float),
            "It says 1 everywhere, even where relu output 0: relu's output is never "
            "negative, so `>= 0` is always true. Which comparison is false at exactly 0?",
        ),
        (
            (output <= 0).astype(float),
            "It is the other way round: 1 where relu switched the unit off, 0 where it was active.",
        ),
        (
            (output == 0).astype(float),
            "It is the other way round: 1 where relu switched the unit off, 0 where it was active.",
        ),
        (
            output,
            "That returns relu's output itself; the derivative is only 0 or 1 (the slope "
            "of relu), not the unit's value.",
        ),
    ]


def check_relu2deriv(relu2deriv: Any) -> Feedback:
    """Exercise 1 (recall): relu's derivative, computed from relu's output."""
    cases = [((output,), (output > 0).astype(float)) for output in _RELU_OUTPUTS]
    return check_function(
        "my_relu2deriv",
        relu2deriv,
        cases,
        hint="relu2deriv gets relu's output, which is either positive (the unit was "
        "active) or exactly 0 (switched off). Return 1 for the first, 0 for the second.",
        mistakes=_relu2deriv_mistakes,
    )


# --- Exercise 2 ----------------------------------------------------------------------

_SETS = {
    "training": "Training accuracy keeps rising while the network memorises (section 2 "
    "reached 1.0), so it never says when to stop.",
    "validation": "Images held out from training, and not the test set, so the test "
    "score stays an honest estimate of how the network does on new digits.",
    "test": "If the test set decides when to stop, it has become part of training, and its "
    "score no longer tells you how the network does on digits it has never met.",
}


def check_stop_on(stop_on: Any) -> Feedback:
    """Exercise 2 (recall): which set of images early stopping watches."""
    hint = (
        "Which images has the network never trained on, and which of those must stay "
        "untouched until the very end?"
    )
    if not is_blank(stop_on) and not isinstance(stop_on, str):
        listed = ", ".join(repr(k) for k in _SETS)
        return wrong(
            f"stop_on should be one of {listed} (text in quotes), "
            f"not {type(stop_on).__name__} {quote(stop_on)}. Hint: {hint}"
        )
    return check_choice("stop_on", stop_on, _SETS, correct="validation", hint=hint)


# --- Exercise 3 ----------------------------------------------------------------------

#: The network of sections 6 and 7: 784 pixels, 100 hidden units, 10 outputs.
_SIZES = (784, 100, 10)


def check_weight_count(n_weights: Any) -> Feedback:
    """Exercise 3 (by hand): the number of weights in the 784-100-10 network (no biases)."""
    name = "n_weights"
    pixels, hidden, outputs = _SIZES
    hint = (
        "Count the entries of weights_0_1 (one row per pixel, one column per hidden unit), "
        "then those of weights_1_2, and add them."
    )
    if is_blank(n_weights):
        return unanswered(name, hint)
    arr = as_array(n_weights)
    if arr is None or arr.ndim != 0:
        return _wrong(f"{name} should be one number, not {quote(n_weights)}.", "", hint)
    value = float(arr)
    if not math.isfinite(value):
        return _wrong(f"{name} is {value}, not a count.", "", hint)
    expected = pixels * hidden + hidden * outputs
    if value == expected:
        return right(f"{name}: correct.")
    if value != round(value):
        return _wrong(f"{name} is not right yet.", "A count of weights is a whole number.", hint)
    mistakes = [
        (
            expected + hidden + outputs,
            "That counts one bias per hidden and output unit; these layers have none, only "
            "the two weight matrices.",
        ),
        (pixels * hidden, "That is weights_0_1 alone; weights_1_2 has weights too."),
        (hidden * outputs, "That is weights_1_2 alone; weights_0_1 is much bigger."),
        (
            pixels + hidden + outputs,
            "That counts units (the circles), not weights (the lines between them).",
        ),
        (
            pixels * hidden * outputs,
            "That multiplies all three layer sizes; each matrix is counted on its own, then "
            "the two are added.",
        ),
        (
            pixels * 40 + 40 * outputs,
            "That is the 40-unit network of section 2; this one has 100 hidden units.",
        ),
    ]
    for wrong_value, why in mistakes:
        if value == wrong_value:
            return _wrong(f"{name} is not right yet.", why, hint)
    if abs(value - expected) <= 0.01 * expected:
        why = "Close, but a count has to be exact: redo the multiplications."
    else:
        why = ""
    return _wrong(f"{name} is not right yet.", why, hint)


# --- Exercise 4 ----------------------------------------------------------------------

_MASK_SHAPE = (200, 500)
_MASK_RATES = (0.5, 0.2, 0.8)
#: How far the share of dropped units may be from the rate (200 x 500 units: 6 standard
#: deviations at rate 0.5).
_SHARE_TOL = 0.01


def _mask_values(mask: np.ndarray, rate: float, hint: str) -> Feedback | None:
    """A verdict when the mask holds values other than 0 and 1 / (1 - rate), else None."""
    values = set(np.unique(mask).round(9).tolist())
    if values <= {0.0, round(1 / (1 - rate), 9)}:
        return None
    shown = f"my_dropout_mask({_MASK_SHAPE}, {rate})"
    if values <= {0.0, 1.0}:
        why = (
            "Its kept units are 1. Scale the kept units up, so that the next layer "
            "sees the same total signal on average with fewer units."
        )
    elif values <= {0.0, 2.0}:
        why = (
            "Its kept units are 2, the published factor: that only fits rate 0.5. "
            "Scale the kept units by a factor that depends on the rate."
        )
    elif values <= {0.0, round(1 / rate, 9)}:
        why = (
            "Its kept units are scaled by 1 / rate. The share of units kept is 1 - rate, "
            "so that is what the scale must undo."
        )
    elif values <= {0.0, round(1 - rate, 9), round(rate, 9)}:
        why = (
            "Its kept units are shrunk, not scaled up: with fewer units on, each kept one "
            "must count for more."
        )
    else:
        listed = ", ".join(f"{v:g}" for v in sorted(values)[:4])
        why = (
            f"It holds the values {listed}{', ...' if len(values) > 4 else ''}; a dropout "
            "mask has only two: 0 for a dropped unit, one scale for every kept unit."
        )
    return _wrong(f"{shown} is not right yet.", why, hint)


def check_dropout_mask(dropout_mask: Any) -> Feedback:
    """Exercise 4 (change the code): a dropout mask for any rate, kept units scaled up."""
    name = "my_dropout_mask"
    hint = (
        "Draw np.random.random(shape) and keep a unit where it is >= rate; then divide the "
        "kept units by the share you keep, 1 - rate."
    )
    if is_blank(dropout_mask):
        return unanswered(name, hint)
    if not callable(dropout_mask):
        return wrong(f"{name} should be a function (def {name}(shape, rate): ...).")
    rng_state = np.random.get_state()  # the learner's own random stream stays untouched
    try:
        for rate in _MASK_RATES:
            shown = f"{name}({_MASK_SHAPE}, {rate})"
            got, error = call(dropout_mask, _MASK_SHAPE, rate)
            if error:
                return _wrong(f"{shown} raised {error}.", "", hint)
            if is_blank(got):
                return Feedback(
                    False,
                    f"Not answered yet: {name} returns nothing (None) so far. Fill in its body "
                    f"and `return` the mask. Hint: {hint}",
                    "unanswered",
                )
            mask = as_array(got)
            if mask is None or mask.shape != _MASK_SHAPE:
                have = "not numbers" if mask is None else f"shape {mask.shape}"
                return _wrong(
                    f"{shown} should return an array of the given shape; yours is {have}.",
                    "",
                    hint,
                )
            if not np.all(np.isfinite(mask)):
                return _wrong(f"{shown} contains nan or inf.", "", hint)
            verdict = _mask_values(mask, rate, hint)
            if verdict is not None:
                return verdict
            dropped = float(np.mean(mask == 0))
            if abs(dropped - rate) > _SHARE_TOL:
                if abs(dropped - (1 - rate)) <= _SHARE_TOL:
                    why = (
                        f"It dropped {dropped:.2f} of the units: rate is the share to drop, "
                        "and yours drops the share to keep."
                    )
                else:
                    why = (
                        f"It dropped {dropped:.2f} of the units; each unit should be dropped "
                        "with probability rate."
                    )
                return _wrong(f"{shown} is not right yet.", why, hint)
            again, _ = call(dropout_mask, _MASK_SHAPE, rate)
            again = as_array(again)
            if (again is not None and np.array_equal(again, mask)) or np.all(mask == mask[0]):
                return _wrong(
                    f"{shown} is not right yet.",
                    "Its units are not dropped at random: the mask repeats (from call to "
                    "call, or from row to row). Every example needs a fresh random mask.",
                    hint,
                )
    finally:
        np.random.set_state(rng_state)
    return right(
        f"{name}: correct at {plural(len(_MASK_RATES), 'rate')}: it drops the right share of "
        "units and keeps the average of layer_1 * mask equal to layer_1."
    )


# --- Exercise 5 ----------------------------------------------------------------------

#: A made-up run: (iteration, test accuracy or None, train accuracy). The best test
#: accuracy is tied (iterations 4 and 8); the best train accuracy is at iteration 7.
_RUN = [
    (0, 0.50, 0.40),
    (1, None, 0.60),
    (2, 0.70, 0.70),
    (3, None, 0.80),
    (4, 0.80, 0.85),
    (5, None, 0.90),
    (6, 0.75, 0.95),
    (7, None, 0.99),
    (8, 0.80, 0.97),
    (9, 0.60, 0.98),
]
_BEST = 4  # the first of the tied best test accuracies


def _fake_run() -> Iterator[dict]:
    """Yield stats like `train` does: the weights are live arrays, changed in place.

    At iteration j every entry of weights_0_1 is j and every entry of weights_1_2 is
    -j, so a returned array tells which iteration it was copied at.
    """
    weights_0_1 = np.zeros((4, 3))
    weights_1_2 = np.zeros((3, 2))
    for j, test_accuracy, train_accuracy in _RUN:
        weights_0_1[...] = j
        weights_1_2[...] = -j
        stats = {
            "iteration": j,
            "train_error": 1 - train_accuracy,
            "train_accuracy": train_accuracy,
            "weights_0_1": weights_0_1,
            "weights_1_2": weights_1_2,
        }
        if test_accuracy is not None:
            stats["test_error"], stats["test_accuracy"] = 1 - test_accuracy, test_accuracy
        yield stats


def _copied_at(value: Any, shape: tuple[int, int], sign: int) -> int | None:
    """The iteration whose weights `value` holds, or None if it matches none."""
    arr = as_array(value)
    if arr is None or arr.shape != shape or not np.all(arr == arr.flat[0]):
        return None
    j = sign * float(arr.flat[0])
    return int(j) if j in {row[0] for row in _RUN} else None


def check_keep_best(keep_best: Any) -> Feedback:
    """Exercise 5 (change the code): early stopping on `train`'s stats, with copied weights."""
    name = "keep_best"
    hint = (
        "Loop over the run; where a test_accuracy beats the best so far (strictly), remember "
        "the iteration and .copy() of both weight arrays. Return the three at the end."
    )
    if is_blank(keep_best):
        return unanswered(name, hint)
    if not callable(keep_best):
        return wrong(f"{name} should be a function (def {name}(run): ...).")
    got, error = call(keep_best, _fake_run())
    shown = f"{name}(run)"
    if error:
        why = ""
        if "test_accuracy" in error:
            why = "Some iterations have no test score: skip those."
        return _wrong(f"{shown} raised {error}.", why, hint)
    if is_blank(got):
        return Feedback(
            False,
            f"Not answered yet: {name} returns nothing (None) so far. Fill in its body and "
            f"`return` (best_iteration, w01, w12). Hint: {hint}",
            "unanswered",
        )
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        return _wrong(
            f"{shown} should return three things, (best_iteration, w01, w12); "
            f"got {type(got).__name__} {quote(got, 60)}.",
            "",
            hint,
        )
    iteration, w01, w12 = got
    arr = as_array(iteration)
    if arr is None or arr.ndim != 0 or not math.isfinite(float(arr)):
        return _wrong(
            f"{shown}: best_iteration should be the iteration number, not {quote(iteration)}.",
            "",
            hint,
        )
    iteration = float(arr)
    tested = [row for row in _RUN if row[1] is not None]
    verdict = f"{shown} is not right yet."
    if iteration != _BEST:
        if iteration == 8:
            why = "On a tie it kept the later iteration: keep the first (compare with >, not >=)."
        elif iteration == 9:
            why = "That is the last iteration: early stopping keeps the best one, not the last."
        elif iteration == max(_RUN, key=lambda r: r[2])[0]:
            why = (
                "That iteration has the best *train* accuracy; early stopping watches the "
                "held-out score."
            )
        elif iteration == [row[0] for row in tested].index(_BEST):
            why = (
                "That is the position of the best iteration among the tested ones; return "
                "its stats['iteration'] instead."
            )
        elif iteration == min(tested, key=lambda r: r[1])[0]:
            why = "That is the worst test accuracy: keep the highest."
        else:
            why = "That iteration doesn't have the highest test accuracy of the run."
        return _wrong(verdict, why, hint)
    for label, value, shape, sign in (("w01", w01, (4, 3), 1), ("w12", w12, (3, 2), -1)):
        copied = _copied_at(value, shape, sign)
        if copied == _BEST:
            continue
        if copied == _RUN[-1][0]:
            why = (
                f"The iteration is right, but {label} holds the weights of the last iteration: "
                "the stats hold the live arrays, which keep changing after you saw them. "
                "Store a .copy()."
            )
        elif copied is not None:
            why = f"The iteration is right, but {label} holds the weights of iteration {copied}."
        elif _copied_at(value, (3, 2) if label == "w01" else (4, 3), -sign) is not None:
            why = "w01 and w12 are swapped: return weights_0_1's copy first, then weights_1_2's."
        else:
            why = f"The iteration is right, but {label} is not a weight array from the run."
        return _wrong(verdict, why, hint)
    return right(f"{name}: correct: the first best iteration, with copies of its weights.")


# --- Exercise 6 ----------------------------------------------------------------------

_CURVES = {
    "above": "That is what every run with 100 units showed. But count how many units one "
    "training example gets to use when half of 10 are dropped, and recall how the train "
    "curve is measured.",
    "on top of": "The two curves come from different networks: the train curve from the "
    "network with units dropped while it trains, the test curve from the full network.",
    "below": "Train accuracy is measured while dropout is on: each training example sees only "
    "about 5 of the 10 units, a tiny network, while the test images see all 10.",
}


def check_hidden_10_curves(train_curve: Any) -> Feedback:
    """Exercise 6 (predict, then check with the widget): the train curve with 10 hidden units."""
    hint = (
        "Which network produces the train accuracy, and which the test accuracy? With "
        "dropout 0.5, how many of 10 units does one training example use?"
    )
    if not is_blank(train_curve) and not isinstance(train_curve, str):
        listed = ", ".join(repr(k) for k in _CURVES)
        return wrong(
            f"train_curve should be one of {listed} (text in quotes), "
            f"not {type(train_curve).__name__} {quote(train_curve)}. Hint: {hint}"
        )
    return check_choice("train_curve", train_curve, _CURVES, correct="below", hint=hint)
