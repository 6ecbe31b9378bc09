"""Checkers for the exercises of chapter 05 · Learning multiple weights at a time."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnutils import data
from nnutils.checks.feedback import Feedback, check_choice, compare, is_blank, wrong

__all__ = [
    "check_unfrozen_weight_a",
    "check_weight_deltas",
    "check_freeze_c_pred",
    "check_outer_weight_deltas",
    "check_largest_alpha",
    "check_furthest_bowl",
]

#: The chapter's first game: toes, win/loss record, fans; goal 1 (a win).
_GAME_1 = np.array([data.TOES[0], data.WLREC[0], data.NFANS[0]])
_START = np.array([0.1, 0.2, -0.1])
_GOAL = data.WIN[0]
#: Section 5's network: one row of weights per output (hurt, win, sad).
_WEIGHTS_3X3 = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])


def _game(i: int) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and hurt/win/sad goals of game `i`."""
    inputs = np.array([data.TOES[i], data.WLREC[i], data.NFANS[i]])
    goals = np.array([data.HURT[i], data.WIN[i], data.SAD[i]])
    return inputs, goals


def _step(alpha: float, frozen: int | None, sign: float = 1.0) -> np.ndarray:
    """The weights after one update from the start, with weight `frozen` held still."""
    delta = _GAME_1.dot(_START) - _GOAL
    weight_deltas = delta * _GAME_1
    if frozen is not None:
        weight_deltas[frozen] = 0
    return _START - sign * alpha * weight_deltas


def _choice(name: str, answer: Any, options: dict[str, str], correct: str, hint: str) -> Feedback:
    """`check_choice`, with anything but text (a list, an array...) answered by a verdict."""
    if not is_blank(answer) and not isinstance(answer, str):
        listed = ", ".join(repr(k) for k in options)
        return wrong(
            f"{name}: answer one of {listed}, as text in quotes; got {type(answer).__name__}. "
            f"Hint: {hint}"
        )
    return check_choice(name, answer, options, correct, hint)


def check_unfrozen_weight_a(answer: Any) -> Feedback:
    """Exercise 1 (recall): what weight a does once the error is 0 and it is unfrozen."""
    return _choice(
        "weight_a_after",
        answer,
        {
            "stays": "With the error at 0, delta is 0, so every weight_delta = delta * input "
            "is 0 too: nothing is left to learn from this example, however useful a might be.",
            "moves to 0.116": "That is where a ended when all three learned, but nothing "
            "pulls it there now. What is delta once the error is 0?",
            "moves a little": "A big input makes a big weight_delta only when there is a miss "
            "to share: weight_delta = delta * input.",
        },
        correct="stays",
        hint="Write down delta when the error is exactly 0, then weight_delta = delta * input.",
    )


def check_weight_deltas(weight_deltas: Any) -> Feedback:
    """Exercise 2 (by hand): the three weight_deltas of the first game, before alpha."""
    delta = _GAME_1.dot(_START) - _GOAL
    expected = delta * _GAME_1
    return compare(
        "weight_deltas_by_hand",
        weight_deltas,
        expected,
        tol=1e-4,
        hint="pred is the weighted sum 8.5 * 0.1 + 0.65 * 0.2 + 1.2 * -0.1; delta = pred - 1; "
        "each weight_delta is delta times its own input.",
        mistakes=[
            (
                -expected,
                "Every sign is flipped (the draft's printout makes the same slip): "
                "delta is pred - true, and pred is below 1 here.",
            ),
            (
                delta * _START,
                "That multiplies delta by the weights (the draft's code does this); "
                "use each weight's input.",
            ),
            (
                2 * expected,
                "That is the full slope, with its factor 2; the book's weight_delta drops it.",
            ),
            (
                0.01 * expected,
                "That already includes alpha (0.01): it is the change to each weight, "
                "one step further than weight_deltas.",
            ),
            (
                [delta] * 3,
                "That is delta three times: each weight_delta still needs its own input.",
            ),
        ],
    )


def check_freeze_c_pred(pred_freeze_c: Any) -> Feedback:
    """Exercise 3 (by hand): the prediction after one update with weight c frozen, alpha 0.01."""
    expected = _GAME_1.dot(_step(0.01, frozen=2))
    return compare(
        "pred_freeze_c",
        pred_freeze_c,
        expected,
        tol=1e-4,
        hint="delta = 0.86 - 1; update a and b with weight -= alpha * delta * input, leave c "
        "at -0.1, then compute the weighted sum again.",
        mistakes=[
            (
                _GAME_1.dot(_START),
                "That is the prediction before the update; update a and b, then predict again.",
            ),
            (
                _GAME_1.dot(_step(0.01, frozen=None)),
                "That is the run with all three learning: c must stay at -0.1.",
            ),
            (
                _GAME_1.dot(_step(0.01, frozen=0)),
                "That freezes a (as section 3 did); this time c is frozen and a learns.",
            ),
            (
                _GAME_1.dot(_step(0.01, frozen=2, sign=-1)),
                "The weights moved the wrong way: delta is negative, so "
                "weight -= alpha * weight_delta makes them grow.",
            ),
            (
                _GAME_1.dot(_step(0.3, frozen=2)),
                "That uses alpha 0.3, the freeze experiment's; this one uses 0.01.",
            ),
            (
                _GAME_1.dot(_step(1.0, frozen=2)),
                "alpha is missing: each weight moves by alpha * weight_delta.",
            ),
        ],
    )


def check_outer_weight_deltas(weight_deltas: Any) -> Feedback:
    """Exercise 4 (change the code): section 5's 3x3 weight_deltas for the second game."""
    inputs, goals = _game(1)
    delta = _WEIGHTS_3X3.dot(inputs) - goals
    expected = np.outer(delta, inputs)
    inputs_1, goals_1 = _game(0)
    return compare(
        "weight_deltas_game_2",
        weight_deltas,
        expected,
        tol=1e-6,
        hint="Take index 1 of every list for input and true, compute "
        "delta = weights.dot(input) - true, then np.outer(delta, input).",
        mistakes=[
            (
                np.outer(_WEIGHTS_3X3.dot(inputs_1) - goals_1, inputs_1),
                "That is the first game's matrix: every [0] should become [1].",
            ),
            (
                np.outer(_WEIGHTS_3X3.dot(inputs) - goals_1, inputs),
                "The inputs are the second game's but the goals are still the first game's.",
            ),
            (
                np.outer(_WEIGHTS_3X3.dot(inputs_1) - goals, inputs_1),
                "The goals are the second game's but the inputs are still the first game's.",
            ),
            (
                0.01 * expected,
                "That already includes alpha: weight_deltas come before alpha.",
            ),
            (
                _WEIGHTS_3X3 - 0.01 * expected,
                "Those are the updated weights; the exercise asks for the weight_deltas.",
            ),
            (
                _WEIGHTS_3X3 * inputs,
                "That multiplies the input by the weights (the draft's slip); the deltas "
                "belong there.",
            ),
            (
                np.outer(_WEIGHTS_3X3.dot(inputs), inputs),
                "That uses pred where delta belongs: subtract the goals first.",
            ),
        ],
    )


def check_largest_alpha(largest_alpha: Any) -> Feedback:
    """Exercise 5 (by hand): the largest alpha for which all three weights still converge."""
    squares = float(np.sum(_GAME_1**2))
    return compare(
        "largest_alpha",
        largest_alpha,
        2 / squares,
        tol=3e-4,
        hint="Each step multiplies delta by 1 - alpha * (8.5**2 + 0.65**2 + 1.2**2); delta "
        "shrinks while that factor stays between -1 and 1.",
        mistakes=[
            (
                1 / squares,
                "There the factor reaches 0 and the prediction starts to cross the goal, but "
                "a crossing that narrows still converges. Where does the factor reach -1?",
            ),
            (
                2 / _GAME_1[0] ** 2,
                "That counts only the toes input. The shared delta moves with all three "
                "weights, so all three squared inputs add up.",
            ),
            (
                2 / float(np.sum(_GAME_1)),
                "The inputs enter squared: each one scales both its weight's step and that "
                "step's effect on the prediction.",
            ),
            (0.3, "0.3 is safe only with a frozen; with all three learning it diverges."),
            (0.1, "0.1 diverges: the aside in section 2 shows it."),
            (0.01, "0.01 converges, but it is not the largest alpha that does."),
        ],
    )


def check_furthest_bowl(furthest_bowl: Any) -> Feedback:
    """Exercise 6 (predict, then check with the widget): whose bowl bottom moves furthest."""
    return _choice(
        "furthest_bowl",
        furthest_bowl,
        {
            "a": "a's dot is the one that moves most, but its bowl's bottom depends only on b "
            "and c, which barely moved.",
            "b": "a's step adds about 8.5 * 0.0119 = 0.10 to what the other weights see; a "
            "bottom shifts by that divided by its own input, and b's input (0.65) is the "
            "smallest.",
            "c": "Bowl c does slide, because its bottom depends on a. But it moves by that "
            "change divided by c's own input, 1.2: is that the smallest divisor?",
        },
        correct="b",
        hint="A bottom is (true - the other two inputs times their weights) / its own input. "
        "Which weight moved most in the first step, and which bottoms depend on it?",
    )
