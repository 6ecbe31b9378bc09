"""Checkers for the exercises of chapter 07 · Picturing networks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from nnutils import data
from nnutils.checks.feedback import (
    Feedback,
    as_array,
    check_choice,
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
    "check_global_line",
    "check_network_shapes",
    "check_unseen_prediction",
    "check_predict_3",
    "check_prediction_111",
]


@lru_cache(maxsize=1)
def _trained() -> tuple[np.ndarray, np.ndarray]:
    """The chapter's streetlight network: seed 1, alpha 0.2, hidden 4, 60 iterations.

    The same run as the notebook's (and chapter 06's), drawn from its own
    generator so that checking an answer never touches the learner's random state.
    """
    lights = data.STREETLIGHTS_4
    walk = data.WALK_VS_STOP_4[:, None]
    rng = np.random.RandomState(1)  # the stream np.random.seed(1) gives
    w01 = 2 * rng.random_sample((3, 4)) - 1
    w12 = 2 * rng.random_sample((4, 1)) - 1
    for _ in range(60):
        for i in range(len(lights)):
            l0 = lights[i : i + 1]
            l1 = np.maximum(l0.dot(w01), 0)
            l2_delta = l1.dot(w12) - walk[i : i + 1]
            l1_delta = l2_delta.dot(w12.T) * (l1 > 0)
            w12 = w12 - 0.2 * l1.T.dot(l2_delta)
            w01 = w01 - 0.2 * l0.T.dot(l1_delta)
    return w01, w12


def check_global_line(answer: Any) -> Feedback:
    """Recall: which line of the training loop is the global correlation summarization (b)."""
    if not is_blank(answer) and not isinstance(answer, str):
        return wrong(
            f"global_line: answer one of 'a', 'b', 'c', 'd' (a letter in quotes), "
            f"not {quote(answer)}."
        )
    return check_choice(
        "global_line",
        answer,
        {
            "a": "layer_2_delta compares the prediction with the dataset's answer: that is "
            "what the output layer should have been, but nothing is passed down yet.",
            "b": "layer_1_delta is the output's delta sent back through weights_1_2.T: the "
            "layer above telling the hidden layer what it should have been.",
            "c": "That update is local: weights_1_2 learns from its own input (layer_1) and "
            "the delta it was handed, exactly as a one-layer network would.",
            "d": "That update is local too: weights_0_1 uses the delta it was handed, but "
            "it did not compute that delta itself.",
        },
        correct="b",
        hint="Global means one layer telling another what it should have been. Which line "
        "moves information from layer_2 down to layer_1?",
    )


_SHAPE_NAMES = ("layer_0", "weights_0_1", "layer_1", "weights_1_2", "layer_2")
#: Chapter 08 tests its 784-40-10 network on all 10,000 test images in one pass.
_TEST_IMAGES = 10_000


def _as_shape(value: Any) -> tuple[int, ...] | None:
    """A shape given as a tuple or list of whole numbers, or None if it isn't one."""
    if not isinstance(value, (tuple, list)) or not value:
        return None
    out = []
    for n in value:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer, float)):
            return None
        if isinstance(n, float) and not n.is_integer():
            return None
        out.append(int(n))
    return tuple(out)


def _shape_mistake(name: str, given: tuple[int, ...], expected: tuple[int, ...]) -> str:
    """What went wrong with one block's shape, without naming the right one."""
    if len(given) != 2:
        return f"{name}: a block has two sizes, (rows, columns); yours has {len(given)}."
    images = _TEST_IMAGES
    if given == expected[::-1]:
        if name.startswith("weights"):
            return (
                f"{name} is transposed: a weight matrix has one row per node of the layer it "
                "reads from (on its left) and one column per node of the layer it feeds "
                "(on its right)."
            )
        return f"{name} is transposed: a layer has one row per image and one column per node."
    if name.startswith("layer"):
        if given[0] == 1 and given[1] == expected[1]:
            return (
                f"{name} has one row, as for a single image: when all the test images go "
                "through at once, every layer gets one row per image."
            )
        if given[1] == images:
            return (
                f"{name}: {images} is the number of images, which counts rows, not columns. "
                "The columns count this layer's nodes."
            )
        if given[1] == expected[1]:
            return f"{name} has the right number of nodes, but not one row per test image."
        return (
            f"{name}: rows count the images that go through together and columns the nodes "
            "of this layer; check both."
        )
    if images in given or 1 in given:
        return (
            f"{name} mentions the number of images: the weights are the same whatever the "
            "number of images, so their shape only counts nodes."
        )
    return (
        f"{name}: count the nodes of the layer on its left (rows) and of the layer on its "
        "right (columns)."
    )


def check_network_shapes(test_shapes: Any) -> Feedback:
    """By hand: every block's shape when 10,000 test images go through a 784-40-10 network."""
    hint = (
        "A layer is (images that go through together, nodes in that layer); a weight matrix "
        "is (nodes on its left, nodes on its right)."
    )
    n = _TEST_IMAGES
    expected = {
        "layer_0": (n, 784),
        "weights_0_1": (784, 40),
        "layer_1": (n, 40),
        "weights_1_2": (40, 10),
        "layer_2": (n, 10),
    }
    if test_shapes is ... or test_shapes is None:
        return unanswered("test_shapes", hint)
    if not isinstance(test_shapes, Mapping):
        return wrong(
            "test_shapes should be a dict from each block's name to its shape, like "
            f"{{'layer_0': (rows, columns), ...}}; got {type(test_shapes).__name__}. "
            f"Hint: {hint}"
        )
    missing = [name for name in _SHAPE_NAMES if name not in test_shapes]
    if missing:
        return wrong(f"No shape for {', '.join(missing)}: give all five blocks. Hint: {hint}")
    # None is a wrong answer here, not a stub: only a ... left in is "not answered yet"
    blank = [
        name
        for name in _SHAPE_NAMES
        if test_shapes[name] is not None and is_blank(test_shapes[name])
    ]
    if blank:
        return unanswered("test_shapes", f"still to fill in: {', '.join(blank)}. {hint}")
    problems = []
    for name in _SHAPE_NAMES:
        given = _as_shape(test_shapes[name])
        if given is None:
            problems.append(
                f"{name}: a shape is a tuple of whole numbers like (rows, columns), "
                f"not {quote(test_shapes[name], 30)}."
            )
        elif given != expected[name]:
            problems.append(_shape_mistake(name, given, expected[name]))
    if not problems:
        return right("test_shapes: all five are right, and each dot's inner sizes agree.")
    count = plural(len(problems), "shape")
    verb = "is" if len(problems) == 1 else "are"
    return wrong(f"{count} of 5 {verb} not right yet. " + " ".join(problems) + f" Hint: {hint}")


def check_unseen_prediction(prediction_010: Any) -> Feedback:
    """By hand: the trained network's prediction for [0, 1, 0], a pattern it never saw."""
    w01, w12 = _trained()
    sums = np.array([0.0, 1.0, 0.0]).dot(w01)
    expected = np.maximum(sums, 0).dot(w12).item()
    got = as_array(prediction_010)
    if got is not None and got.size == 1 and got.ndim > 0:  # [[0.99]] is a number too
        prediction_010 = got.item()
    return compare(
        "prediction_010",
        prediction_010,
        expected,
        tol=3e-3,
        hint="Only the middle light is on, so each hidden node's sum is that node's entry "
        "in the middle row of weights_0_1. Apply relu, then take the weighted sum with "
        "weights_1_2. Keep three decimals.",
        mistakes=[
            (
                sums.dot(w12).item(),
                "That skips relu: the negative hidden sums must become 0 "
                "before they reach the output.",
            ),
            (
                np.maximum(sums, 0).max(),
                "That is the hidden value that survives relu, a "
                "value of layer_1: it still has to be multiplied by its weight in weights_1_2.",
            ),
            (
                np.maximum(w01[0], 0).dot(w12).item(),
                "That uses the first row of "
                "weights_0_1, for the first light: here only the middle light is on.",
            ),
            (
                np.maximum(w01[2], 0).dot(w12).item(),
                "That uses the last row of "
                "weights_0_1, for the third light: here only the middle light is on.",
            ),
        ],
    )


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0)


def check_predict_3(predict_3: Callable) -> Feedback:
    """Change the code: `predict_3(layer_0, W_0, W_1, W_2)` for l3 = relu(relu(l0 W0) W1) W2."""
    rng = np.random.default_rng(7)
    cases = []
    for rows, sizes in [(1, (3, 5, 4, 1)), (4, (3, 5, 4, 1)), (6, (5, 3, 6, 2))]:
        layer_0 = rng.uniform(-1, 1, (rows, sizes[0]))
        mats = [rng.uniform(-1, 1, (a, b)) for a, b in zip(sizes, sizes[1:])]
        cases.append(((layer_0, *mats), _relu(_relu(layer_0 @ mats[0]) @ mats[1]) @ mats[2]))

    def mistakes(args: tuple) -> list[tuple[Any, str]]:
        l0, w0, w1, w2 = args
        return [
            (
                _relu(_relu(_relu(l0 @ w0) @ w1) @ w2),
                "There is a relu on the output too: in "
                "the letters, the last multiplication by W_2 has no relu around it.",
            ),
            (
                _relu(l0 @ w0 @ w1) @ w2,
                "The first relu is missing: l_1 = relu(l_0 W_0) before multiplying by W_1.",
            ),
            (
                _relu(l0 @ w0) @ w1 @ w2,
                "The second relu is missing: relu(l_1 W_1) before multiplying by W_2.",
            ),
            (
                l0 @ w0 @ w1 @ w2,
                "There is no relu at all: without them three matrices act "
                "like one, and the hidden layers add nothing.",
            ),
        ]

    return check_function(
        "predict_3",
        predict_3,
        cases,
        hint="Read the letters from the inside out: layer_0.dot(W_0), relu, .dot(W_1), "
        "relu, .dot(W_2).",
        mistakes=mistakes,
    )


def check_prediction_111(prediction_111: Any) -> Feedback:
    """Predict with the widget: the trained network's prediction for [1, 1, 1] (exactly 0)."""
    w01, w12 = _trained()
    lights = data.STREETLIGHTS_4
    sums = lights.dot(w01)
    preds = np.maximum(sums, 0).dot(w12).ravel()
    got = as_array(prediction_111)
    if got is not None and got.size == 1 and got.ndim > 0:  # [[0.0]] is a number too
        prediction_111 = got.item()
    return compare(
        "prediction_111",
        prediction_111,
        preds[3],
        tol=1e-3,
        hint="Look at the four weighted sums of the hidden layer for [1, 1, 1]: which of "
        "them are positive? Only those pass relu and reach the output.",
        mistakes=[
            (
                1.0,
                "1 would mean walk, but [1, 1, 1] is a stop row of the dataset, and the "
                "network has learned it: follow its hidden sums through relu.",
            ),
            (
                sums[3].dot(w12).item(),
                "That is the prediction without relu: the hidden "
                "sums for [1, 1, 1] are all negative, so relu changes everything here.",
            ),
            (
                preds[2],
                "That is the prediction for [0, 0, 1] (streetlight slider at 2), where "
                "one hidden node lets a tiny positive sum through.",
            ),
        ],
    )
