"""Checkers for the exercises of chapter 03 · Forward propagation."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nnutils import data
from nnutils.checks.feedback import (
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
    "check_cutoff_reading",
    "check_game_2_outputs",
    "check_fans_weight",
    "check_vector_math",
    "check_game_predictions",
    "check_vect_mat_mul",
]

#: The section 7 matrix: one row per output (hurt, win, sad), columns toes, win/loss, fans.
_HURT_WIN_SAD = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])
#: One row per game: toes, win/loss record, fans (millions).
_GAMES = np.array([data.TOES, data.WLREC, data.NFANS]).T
_WEIGHTS = np.array([0.1, 0.2, 0.0])


def _joined(*parts: str) -> str:
    """A verdict, its diagnosis and a labelled hint, as one message."""
    *head, hint = parts
    return " ".join(p for p in (*head, f"Hint: {hint}" if hint else "") if p)


def _returns_nothing(name: str, hint: str) -> Feedback:
    text = (
        f"Not answered yet: {name} returns nothing (None) so far. Fill in its body and "
        "`return` the result."
    )
    return Feedback(False, _joined(text, "", hint), "unanswered")


def _run(
    name: str,
    fn: Any,
    cases: Sequence[tuple[tuple, Any]],
    hint: str,
    spot: Callable[[tuple, Any, str | None], str | None] = lambda args, got, error: None,
    mistakes: Callable[[tuple], list[tuple[Any, str]]] = lambda args: [],
) -> Feedback:
    """Run the learner's `fn` on each case and compare with the expected result.

    `spot(args, got, error)` may name a mistake that `compare` can't see (a wrong
    shape, or an error the learner's function raised); `mistakes(args)` lists known
    wrong results for those arguments, with what to say.
    """
    if is_blank(fn):
        return unanswered(name, hint)
    if not callable(fn):
        return wrong(f"{name} should be a function (def {name}(...): ...), not {quote(fn)}.")
    for args, expected in cases:
        got, error = call(fn, *copy.deepcopy(args))
        shown = f"{name}({', '.join(repr(a) for a in args)})"
        if error:
            why = spot(args, None, error) or ""
            return wrong(_joined(f"{shown} raised {error}.", why, hint))
        if is_blank(got):
            return _returns_nothing(name, hint)
        why = spot(args, got, None)
        if why:
            return wrong(_joined(f"{shown} is not right yet.", why, hint))
        verdict = compare(shown, got, expected, tol=1e-9, hint=hint, mistakes=mistakes(args))
        if not verdict:
            return verdict
    return right(f"{name}: correct on {plural(len(cases), 'test case')}.")


def check_cutoff_reading(cutoff_reading: Any) -> Feedback:
    """Exercise 1 (recall): what weights [1, 1, 1] read as when only a score of 3 counts."""
    if not is_blank(cutoff_reading) and not isinstance(cutoff_reading, str):
        return wrong(
            f"cutoff_reading should be text: 'OR', 'AND' or 'NOT', not {quote(cutoff_reading)}."
        )
    return check_choice(
        "cutoff_reading",
        cutoff_reading,
        {
            "OR": "With the cut-off at 3, one or two inputs on score only 1 or 2, which is "
            "not enough.",
            "AND": "Only when all three inputs are 1 does the score reach 3: input 0 AND "
            "input 1 AND input 2.",
            "NOT": "A NOT needs a negative weight, and every weight here is 1.",
        },
        correct="AND",
        hint="Count the score when one, two or all three inputs are 1, and see which reach 3 "
        "(section 4's truth table does the same for [1, 0, 1]).",
    )


def check_game_2_outputs(game_2_pred: Any) -> Feedback:
    """Exercise 2 (by hand): hurt, win, sad for the second game with the section 7 matrix."""
    game_2 = _GAMES[1]
    return compare(
        "game_2_pred",
        game_2_pred,
        _HURT_WIN_SAD @ game_2,
        tol=1e-6,
        hint="Output i is the weighted sum of the input [9.5, 0.8, 1.3] with row i of the "
        "matrix: hurt uses [0.1, 0.1, -0.3].",
        mistakes=[
            (
                _HURT_WIN_SAD @ _GAMES[0],
                "Those are the first game's predictions; this exercise is about the second game.",
            ),
            (
                _HURT_WIN_SAD @ _GAMES[2],
                "Those are the third game's predictions (index 2); the second game is index 1.",
            ),
            (
                _HURT_WIN_SAD.T @ game_2,
                "Those weighted sums use the matrix's columns; each output's weights are a row.",
            ),
        ],
    )


def check_fans_weight(fans_weight: Any) -> Feedback:
    """Exercise 3 (predict, then widget): the fans weight that lifts game 1's prediction to 1.10."""
    game_1 = _GAMES[0]
    rest = game_1[0] * 0.1 + game_1[1] * 0.2
    rise = 1.10 - rest
    return compare(
        "fans_weight",
        fans_weight,
        rise / game_1[2],
        tol=1e-6,
        hint="Toes and win/loss still give 0.98 together; the fans bar must make up the rest, "
        "and its height is 1.2 times the fans weight.",
        mistakes=[
            (
                rise,
                "That is how much the fans bar must add, its height; the weight is that "
                "height divided by the input 1.2.",
            ),
            (
                rise * game_1[2],
                "That multiplies by the input 1.2; the bar's height is input "
                "times weight, so divide by 1.2.",
            ),
            (
                1.10 / game_1[2],
                "That asks the fans bar to make the whole 1.10 alone; the toes "
                "and win/loss bars still add their 0.98.",
            ),
        ],
    )


_VEC_A = [1.0, 2.0, 3.0, -4.0]
_VEC_B = [0.5, -1.0, 2.0, 0.25]
_VEC_C = [3.0, -2.0, 0.5]
_VEC_D = [2.0, 2.0, -1.0]


def check_vector_math(
    elementwise_multiplication: Callable,
    elementwise_addition: Callable,
    vector_sum: Callable,
    vector_average: Callable,
    dot_product: Callable,
) -> Feedback:
    """Exercise 4 (change the code): the four vector functions and a dot product built from them."""
    pairs = [(_VEC_A, _VEC_B), (_VEC_C, _VEC_D)]
    singles = [_VEC_A, _VEC_C]

    def mul(a: list, b: list) -> list:
        return [x * y for x, y in zip(a, b)]

    def joined_lists(args: tuple, got: Any, error: str | None) -> str | None:
        if isinstance(got, list) and len(args) == 2 and got == list(args[0]) + list(args[1]):
            return (
                "That is the two lists joined end to end: + on Python lists glues them. Add "
                "the entries position by position."
            )
        return None

    def one_number(args: tuple, got: Any, error: str | None) -> str | None:
        arr = as_array(got) if error is None else None
        if arr is not None and arr.ndim == 0:
            return "That is a single number; this function returns a list, one entry per position."
        return joined_lists(args, got, error)

    def a_list(args: tuple, got: Any, error: str | None) -> str | None:
        arr = as_array(got) if error is None else None
        if arr is not None and arr.ndim == 1:
            return (
                "That is a list, one number per position; the dot product adds the "
                "elementwise products up into one number."
            )
        return None

    checks = [
        (
            "elementwise_multiplication",
            elementwise_multiplication,
            [((a, b), mul(a, b)) for a, b in pairs],
            "Return a list with a[i] * b[i] for every position i.",
            one_number,
            lambda args: [],
        ),
        (
            "elementwise_addition",
            elementwise_addition,
            [((a, b), [x + y for x, y in zip(a, b)]) for a, b in pairs],
            "Return a list with a[i] + b[i] for every position i.",
            one_number,
            lambda args: [],
        ),
        (
            "vector_sum",
            vector_sum,
            [((a,), sum(a)) for a in singles],
            "Start a total at 0 and add every entry to it.",
            lambda args, got, error: None,
            lambda args: [],
        ),
        (
            "vector_average",
            vector_average,
            [((a,), sum(a) / len(a)) for a in singles],
            "Sum the entries. Divide by the length, the number of entries.",
            lambda args, got, error: None,
            lambda args: [
                (sum(args[0]), "That is the sum; the average divides it by the length."),
                (sum(args[0]) / (len(args[0]) - 1), "That divides by one less than the length."),
            ],
        ),
        (
            "dot_product",
            dot_product,
            [((a, b), sum(mul(a, b))) for a, b in pairs]
            + [((_VEC_B, _VEC_B), sum(mul(_VEC_B, _VEC_B)))],
            "Multiply elementwise, then add up: two of the functions above, one inside the other.",
            a_list,
            lambda args: [
                (mul(*args), "That is the elementwise product; the dot product adds it up."),
                (
                    sum(mul(*args)) / len(args[0]),
                    "That is the average of the products; the dot product is their sum.",
                ),
            ],
        ),
    ]
    for name, fn, cases, hint, spot, mistakes in checks:
        verdict = _run(name, fn, cases, hint, spot, mistakes)
        if not verdict:
            return verdict
    return right("All five vector functions are correct.")


def check_game_predictions(predictions: Any) -> Feedback:
    """Exercise 5 (change the code): section 5's prediction for each of the four games."""
    name = "predictions"
    hint = (
        "Game i's input is [toes[i], wlrec[i], nfans[i]], and its prediction is "
        "input.dot(game_weights). Stack the games as rows, or loop over the four."
    )
    got = as_array(predictions)
    two_layer = _GAMES * _WEIGHTS[0] * _WEIGHTS[1]  # section 8's network given these weights
    if (
        not is_blank(predictions)
        and got is not None
        and (got.shape == two_layer.shape or (got.shape == (3,) and np.allclose(got, two_layer[0])))
    ):
        return wrong(
            _joined(
                f"{name} has shape {got.shape}, three numbers where one per game is wanted.",
                "That is what section 8's two-layer network gives, and neural_network now holds "
                "it. Section 5's network is just input.dot(game_weights).",
                hint,
            )
        )
    book_game_1 = _GAMES.copy()
    book_game_1[0, 1] = 0.9
    swapped = [
        (
            _GAMES[:, list(order)] @ _WEIGHTS,
            "The weights are matched to the wrong inputs: the order is toes, win/loss, fans.",
        )
        for order in itertools.permutations(range(3))
        if order != (0, 1, 2)
    ]
    return compare(
        name,
        predictions,
        _GAMES @ _WEIGHTS,
        tol=1e-6,
        hint=hint,
        mistakes=[
            (
                np.full(4, _GAMES[0] @ _WEIGHTS),
                "All four are the first game's prediction: "
                "does each step use its own game's input?",
            ),
            (
                book_game_1 @ _WEIGHTS,
                "The first game uses a win/loss record of 0.9, the "
                "book's slip; the dataset says 0.65.",
            ),
            *swapped,
        ],
    )


def check_vect_mat_mul(vect_mat_mul_fixed: Callable) -> Feedback:
    """Exercise 6 (change the code): vect_mat_mul for any shape, one weighted sum per row."""
    name = "vect_mat_mul_fixed"
    hint = "There is one output per row of the matrix: which length should the loop use?"
    rng = np.random.default_rng(3)
    cases = []
    for n_in, n_out in [(3, 3), (3, 2), (2, 4)]:
        vect = np.round(rng.uniform(-1, 1, n_in), 2).tolist()
        matrix = np.round(rng.uniform(-1, 1, (n_out, n_in)), 2).tolist()
        cases.append(((vect, matrix), (np.array(matrix) @ np.array(vect)).tolist()))

    def spot(args: tuple, got: Any, error: str | None) -> str | None:
        vect, matrix = args
        if error is not None:
            if error.startswith("IndexError") and len(vect) > len(matrix):
                return (
                    "It loops once per input, and this matrix has fewer rows than the input "
                    "has entries."
                )
            return None
        arr = as_array(got)
        if arr is None:
            return None
        if arr.ndim == 0:
            return (
                "That is a single weighted sum, the body of w_sum; vect_mat_mul makes one "
                "per row of the matrix."
            )
        if arr.ndim == 1 and len(arr) == len(vect) != len(matrix):
            return (
                f"It gives {plural(len(arr), 'output')}, one per input; there should be one per "
                f"row of the matrix ({len(matrix)} here)."
            )
        return None

    def mistakes(args: tuple) -> list[tuple[Any, str]]:
        vect, matrix = args
        m = np.array(matrix)
        if m.shape[0] != m.shape[1]:
            return []
        return [
            (m.T @ np.array(vect), "It uses the matrix's columns; each output's weights are a row.")
        ]

    return _run(name, vect_mat_mul_fixed, cases, hint, spot, mistakes)
