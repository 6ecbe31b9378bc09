"""Checkers for the exercises of chapter 06 · Backpropagation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from nnutils import data
from nnutils.checks.feedback import (
    UNANSWERED,
    Feedback,
    as_array,
    call,
    check_choice,
    compare,
    is_blank,
    plural,
    quote,
    right,
    unanswered,
    wrong,
)

__all__ = [
    "check_why_relu",
    "check_pressure_table",
    "check_layer_1_delta",
    "check_full_batch_training",
    "check_hidden_size_1",
]

#: Section 6's four observations (walk when exactly one of left and middle is on).
_LIGHTS_4 = data.STREETLIGHTS_4
_WALK_4 = data.WALK_VS_STOP_4

#: Exercise 3's small network: relu's output for one example, the top weights, the goal.
_LAYER_1 = np.array([[0.5, 0.0, 2.0]])
_WEIGHTS_1_2 = np.array([[1.0], [-2.0], [0.5]])
_GOAL = 1.0


def _choice(name: str, answer: Any, options: dict[str, str], correct: str, hint: str) -> Feedback:
    """`check_choice`, with anything but text (a list, a number...) answered by a verdict."""
    if not is_blank(answer) and not isinstance(answer, str):
        listed = ", ".join(repr(k) for k in options)
        return wrong(
            f"{name}: answer one of {listed}, as text in quotes; got {type(answer).__name__}. "
            f"Hint: {hint}"
        )
    return check_choice(name, answer, options, correct, hint)


def check_why_relu(answer: Any) -> Feedback:
    """Exercise 1 (recall): why section 10's network can't learn the four-row data without relu."""
    return _choice(
        "why_relu",
        answer,
        {
            "a": "Without relu the network computes layer_0 · (weights_0_1 · weights_1_2): one "
            "weighted sum of the lights (section 7). Section 6 showed that no weighted sum fits "
            "the four-row data; the best one predicts 0.5 for every row.",
            "b": "Nothing explodes at alpha 0.2: the relu-off curve of section 10 stays flat, "
            "stuck above 1. The trouble is what the network can express, not the size of "
            "its steps.",
            "c": "train with use_relu=False still backpropagates: layer_1_delta = "
            "layer_2_delta.dot(weights_1_2.T), just without the gating. The deltas are fine.",
            "d": "Any number of linear hidden nodes still multiplies out to a single (3, 1) "
            "matrix, so more of them can't help on their own.",
        },
        correct="a",
        hint="Look back at section 7: what do two layers with nothing in between multiply out to?",
    )


def check_pressure_table(pressure_4: Any) -> Feedback:
    """Exercise 2 (by hand): the up (+1) / down (-1) pressure table of the four-row data."""
    sign = np.where(_WALK_4 == 1, 1.0, -1.0)[:, None]
    expected = _LIGHTS_4 * sign
    hint = (
        "Go row by row: for a walk row copy the lights as they are (+1 where on); for a stop "
        "row write -1 where a light is on. An off light is 0 in every row."
    )
    got = as_array(pressure_4)
    if not is_blank(pressure_4) and got is not None:
        if got.shape == (3,):
            return wrong(
                "pressure_4 has one number per light: those are the totals. Write the table "
                f"first, one row per observation (4 rows of 3). Hint: {hint}"
            )
        if got.shape == (4,):
            return wrong(
                "pressure_4 has one number per observation. The table has a number for every "
                f"light in every row (4 rows of 3). Hint: {hint}"
            )
    verdict = compare(
        "pressure_4",
        pressure_4,
        expected,
        tol=1e-6,
        hint=hint,
        mistakes=[
            (-expected, "Walk and stop are swapped: a walk row pushes up (+1), a stop row down."),
            (
                _LIGHTS_4,
                "That is the light matrix itself: the stop rows still need their minus sign.",
            ),
            (
                _LIGHTS_4 * (sign > 0),
                "The stop rows are all 0: a light that is on while people stop is pushed down, -1.",
            ),
            (
                np.ones_like(expected) * sign,
                "An off light gets no push at all: its entry is 0, whatever the row's answer.",
            ),
        ],
    )
    if verdict:
        return right(
            "pressure_4: correct. Total each column and every light comes to 0: each is pushed "
            "up exactly as often as down, so no light on its own says anything about walking."
        )
    return verdict


def check_layer_1_delta(layer_1_delta_by_hand: Any) -> Feedback:
    """Exercise 3 (by hand): layer_1_delta of a three-node hidden layer with one node silenced."""
    layer_2_delta = _LAYER_1.dot(_WEIGHTS_1_2) - _GOAL  # 1.5 - 1
    back = layer_2_delta.dot(_WEIGHTS_1_2.T).ravel()  # before relu2deriv
    gate = (_LAYER_1 > 0).ravel()
    expected = back * gate
    got = as_array(layer_1_delta_by_hand)
    answer = layer_1_delta_by_hand
    if got is not None and got.size == 3 and not is_blank(answer):
        answer = got.reshape(3)  # [a, b, c], [[a, b, c]] or a column: all fine by hand
    layer_2 = float(_LAYER_1.dot(_WEIGHTS_1_2)[0, 0])
    return compare(
        "layer_1_delta_by_hand",
        answer,
        expected,
        tol=1e-6,
        hint="First the prediction, layer_2 = layer_1.dot(weights_1_2), then layer_2_delta = "
        "layer_2 - goal, then each hidden node's share: layer_2_delta times its weight in "
        "weights_1_2, times relu2deriv(layer_1).",
        mistakes=[
            (
                back,
                "Hidden node 1 was silenced by relu (its layer_1 value is 0), so "
                "relu2deriv(layer_1) zeroes its delta.",
            ),
            (
                -expected,
                "The sign is flipped: layer_2_delta is layer_2 - goal, prediction minus goal.",
            ),
            (
                -back,
                "The sign is flipped (layer_2_delta is layer_2 - goal), and the node that "
                "relu silenced still has a delta: multiply by relu2deriv(layer_1).",
            ),
            (
                _LAYER_1.ravel() * layer_2_delta.item(),
                "That is the weight_delta of weights_1_2 (layer_1 times layer_2_delta), "
                "not the hidden layer's delta: send layer_2_delta back through weights_1_2.",
            ),
            (
                back * _LAYER_1.ravel(),
                "You multiplied by layer_1 itself. relu2deriv(layer_1) is 1 where a node "
                "passed its value and 0 where relu cut it.",
            ),
            (
                layer_2 * _WEIGHTS_1_2.ravel() * gate,
                "That uses layer_2, the prediction, where layer_2_delta (prediction minus "
                "goal) belongs.",
            ),
        ],
    )


def _train_full_batch(
    streetlights: np.ndarray,
    walk_vs_stop: np.ndarray,
    hidden_size: int,
    alpha: float,
    iterations: int,
    seed: int,
    average: bool = True,
    gate: bool = True,
    per_example: bool = False,
) -> tuple[list[float], np.ndarray, np.ndarray]:
    """The reference (and, with the flags, the usual mistakes) of exercise 4."""
    np.random.seed(seed)
    weights_0_1 = 2 * np.random.random((3, hidden_size)) - 1
    weights_1_2 = 2 * np.random.random((hidden_size, 1)) - 1
    rows = len(streetlights)
    batches = [slice(i, i + 1) for i in range(rows)] if per_example else [slice(0, rows)]
    errors = []
    for _ in range(iterations):
        error = 0.0
        for batch in batches:
            layer_0, goal = streetlights[batch], walk_vs_stop[batch]
            pre = layer_0.dot(weights_0_1)
            layer_1 = (pre > 0) * pre
            layer_2 = layer_1.dot(weights_1_2)
            error += float(np.sum((layer_2 - goal) ** 2))
            layer_2_delta = (layer_2 - goal) / (len(layer_0) if average else 1)
            layer_1_delta = layer_2_delta.dot(weights_1_2.T)
            if gate:
                layer_1_delta = layer_1_delta * (layer_1 > 0)
            weights_1_2 = weights_1_2 - alpha * layer_1.T.dot(layer_2_delta)
            weights_0_1 = weights_0_1 - alpha * layer_0.T.dot(layer_1_delta)
        errors.append(error)
    return errors, weights_0_1, weights_1_2


def _matches(got: np.ndarray, value: Any, tol: float) -> bool:
    wrong_value = np.asarray(value, dtype=float)
    return got.shape == wrong_value.shape and bool(np.all(np.abs(got - wrong_value) <= tol))


def check_full_batch_training(train_full_batch: Callable) -> Feedback:
    """Exercise 4 (change the code): section 10's train turned into full gradient descent."""
    name = "train_full_batch"
    hint = (
        "Start from section 10's train. Drop the loop over examples: layer_0 = streetlights, "
        "record np.sum((layer_2 - walk_vs_stop) ** 2), then divide layer_2_delta by "
        "len(streetlights) and update both weight matrices once per pass."
    )
    if is_blank(train_full_batch):
        return unanswered(name, hint)
    if not callable(train_full_batch):
        return wrong(
            f"{name} should be a function (def {name}(...): ...), got "
            f"{quote(train_full_batch)}. Hint: {hint}"
        )
    cases = [
        (_LIGHTS_4, _WALK_4[:, None], 4, 0.2, 5, 1),
        (data.STREETLIGHTS, data.WALK_VS_STOP[:, None], 3, 0.5, 4, 2),
    ]
    tol = 1e-6
    for lights, goals, hidden_size, alpha, iterations, seed in cases:
        args = (lights.copy(), goals.copy(), hidden_size, alpha, iterations, seed)
        shown = (
            f"{name}(<{len(lights)}-row data>, hidden_size={hidden_size}, alpha={alpha}, "
            f"iterations={iterations}, seed={seed})"
        )
        result, error = call(train_full_batch, *args)
        if error:
            return wrong(f"{shown} raised {error}. Hint: {hint}")
        if is_blank(result):
            return Feedback(
                False,
                f"Not answered yet: {name} returns nothing (None) so far. Fill in its body and "
                f"`return errors, weights_0_1, weights_1_2`. Hint: {hint}",
                UNANSWERED,
            )
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            return wrong(
                f"{shown} should return three things, (errors, weights_0_1, weights_1_2), like "
                f"train; got {type(result).__name__} {quote(result)}. Hint: {hint}"
            )
        errors, weights_0_1, weights_1_2 = result
        expected = _train_full_batch(*args)
        got = as_array(errors)
        if got is not None and got.size == iterations:
            errors = got.reshape(iterations)  # a list of (1, 1) arrays is fine too
            got = errors
        mistakes = [
            (
                _train_full_batch(*args, per_example=True)[0],
                "These are per-example updates, like section 10's train: full gradient "
                "descent makes one update per pass, from all the examples at once.",
            ),
            (
                _train_full_batch(*args, average=False)[0],
                "The update is summed over the examples, not averaged: divide "
                "layer_2_delta by the number of rows (section 4 averaged).",
            ),
            (
                _train_full_batch(*args, gate=False)[0],
                "relu2deriv is missing: a hidden node that relu silenced for an example "
                "must get no delta from it.",
            ),
            (
                _train_full_batch(lights, goals, hidden_size, alpha, iterations + 1, seed)[0][1:],
                "Each error is one pass late: record the error of the forward pass before "
                "updating the weights.",
            ),
        ]
        verdict = compare(f"the error list of {shown}", errors, expected[0], tol, hint, mistakes)
        if not verdict:
            known = got is not None and any(_matches(got, v, tol) for v, _ in mistakes)
            if (
                not known
                and got is not None
                and got.shape == (iterations,)
                and np.all(np.isfinite(got))
                and abs(got[0] - expected[0][0]) > tol
            ):
                return wrong(
                    f"The errors of {shown} differ from the very first pass, before any update. "
                    "Draw the starting weights exactly as train does: np.random.seed(seed), "
                    "then (3, hidden_size), then (hidden_size, 1), and sum the squared errors "
                    f"of all rows. Hint: {hint}"
                )
            return verdict
        for label, value, want in (
            ("weights_0_1", weights_0_1, expected[1]),
            ("weights_1_2", weights_1_2, expected[2]),
        ):
            verdict = compare(
                f"{label} from {shown}",
                value,
                want,
                tol,
                "The errors are right: check that you return the weights as they are after "
                "the last pass.",
            )
            if not verdict:
                return verdict
    return right(f"{name}: correct on {plural(len(cases), 'test case')} (errors and weights).")


def check_hidden_size_1(one_node_learns: Any) -> Feedback:
    """Exercise 5 (predict, then check with the widget): can one hidden node learn four rows?"""
    return _choice(
        "one_node_learns",
        one_node_learns,
        {
            "always": "Then every seed would end with 'learned it'. Before trying seeds, check "
            "whether any three weights (a, b, c) could do the job at all: write the four "
            "conditions and add them in pairs.",
            "for some seeds": "A seed only changes where training starts. Before trying seeds, "
            "check whether any three weights (a, b, c) could do the job at all: write the four "
            "conditions and add them in pairs.",
            "never": "Firing for the walk rows needs a + c > 0 and b + c > 0, which add up to "
            "a + b + 2c > 0; silence for the stop rows needs c <= 0 and a + b + c <= 0, which "
            "add up to a + b + 2c <= 0. No weights do both, so no seed can find them.",
        },
        correct="never",
        hint="Call the node's three weights a, b, c. Firing for [1, 0, 1] means a + c > 0; "
        "staying silent for [0, 0, 1] means c <= 0. Write the other two conditions too.",
    )
