"""The checkers of chapter 09's exercises: right answers pass, stubs wait, mistakes are named."""

from __future__ import annotations

import inspect
import math
import warnings

import numpy as np
import pytest

from nnutils.checks import ch09
from nnutils.checks.feedback import RIGHT, UNANSWERED, WRONG


def is_right(verdict) -> bool:
    return verdict.ok and verdict.status == RIGHT and repr(verdict).startswith("✔")


def is_wrong(verdict) -> bool:
    return not verdict.ok and verdict.status == WRONG and repr(verdict).startswith("✘")


def waits(verdict) -> bool:
    return verdict.status == UNANSWERED and "Hint:" in verdict.message and not verdict.ok


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(logits):
    exps = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
    return exps / np.sum(exps, axis=-1, keepdims=True)


def test_every_checker_is_public_documented_and_typed():
    checkers = [
        name
        for name, obj in vars(ch09).items()
        if name.startswith("check_") and getattr(obj, "__module__", "") == ch09.__name__
    ]
    assert len(checkers) == 7
    assert sorted(ch09.__all__) == sorted(checkers)
    for name in checkers:
        fn = getattr(ch09, name)
        doc = inspect.getdoc(fn)
        assert doc and "\n" not in doc and doc.startswith("Exercise "), name
        hints = inspect.get_annotations(fn)
        assert "return" in hints and len(hints) == 2, name


@pytest.mark.parametrize("checker", [getattr(ch09, n) for n in ch09.__all__])
def test_a_stub_is_not_answered_yet_and_hints(checker):
    assert waits(checker(...))


def stub(*args):
    """A learner's function whose body is still `...`."""


@pytest.mark.parametrize(
    "checker",
    [
        ch09.check_softmax,
        ch09.check_binary_cross_entropy,
        ch09.check_sigmoid_step,
    ],
)
def test_a_function_stub_is_not_answered_yet(checker):
    assert waits(checker(stub))


# --- Exercise 1 · recall ---------------------------------------------------------------


def test_delta_vanishes_right_whatever_the_case_and_spaces():
    assert is_right(ch09.check_delta_vanishes("probability 1"))
    assert is_right(ch09.check_delta_vanishes("  Probability 1 "))


@pytest.mark.parametrize(
    "answer, says",
    [("biggest share", "still -0.5"), ("above 0.5", "still -0.4")],
)
def test_delta_vanishes_explains_the_wrong_choice_without_naming_the_right_one(answer, says):
    verdict = ch09.check_delta_vanishes(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "probability 1" not in verdict.message.lower()


@pytest.mark.parametrize("answer", ["one", 1, 1.0, None, ["probability 1"], math.nan])
def test_delta_vanishes_other_answers_are_wrong_not_errors(answer):
    verdict = ch09.check_delta_vanishes(answer)
    if answer is None:
        assert waits(verdict)
    else:
        assert is_wrong(verdict)
        assert "'biggest share'" in verdict.message  # the choices are listed


# --- Exercise 2 · by hand --------------------------------------------------------------

RIGHT_DELTA = [0.25, 0.25, -0.75, 0.25]


def test_equal_logits_delta_right_and_its_tolerance():
    assert is_right(ch09.check_equal_logits_delta(RIGHT_DELTA))
    assert is_right(ch09.check_equal_logits_delta(np.array(RIGHT_DELTA)))
    assert is_right(ch09.check_equal_logits_delta([0.2509, 0.25, -0.75, 0.25]))
    assert is_wrong(ch09.check_equal_logits_delta([0.2511, 0.25, -0.75, 0.25]))


@pytest.mark.parametrize(
    "answer, says",
    [
        ([-0.25, -0.25, 0.75, -0.25], "truth - prediction"),
        ([0.25, 0.25, 0.25, 0.25], "prediction alone"),
        ([3, 3, 2, 3], "not the raw logits"),
        ([0, 0, -1, 0], "must add up to 1"),
        ([0.25, -0.75, 0.25, 0.25], "classes count from 0"),
        ([0.25, 0.25, 0.25, -0.75], "not the fourth"),
        ([1 / 3, 1 / 3, -2 / 3, 1 / 3], "each class gets a quarter"),
    ],
)
def test_equal_logits_delta_names_each_mistake_without_the_answer(answer, says):
    verdict = ch09.check_equal_logits_delta(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "-0.75" not in verdict.message and "0.25," not in verdict.message


@pytest.mark.parametrize(
    "answer",
    ["0.25", [0.25, None, -0.75, 0.25], [math.nan] * 4, [0.25, 0.25, -0.75], 0.25, len, True],
)
def test_equal_logits_delta_wrong_types_get_a_verdict(answer):
    assert is_wrong(ch09.check_equal_logits_delta(answer))


# --- Exercise 3 · by hand --------------------------------------------------------------

P0 = 1 - sigmoid(1.0)  # pre-activation 2 * 1.5 - 1 * 1.0 - 1 = 1


def test_p_class_0_right_and_its_tolerance():
    assert is_right(ch09.check_p_class_0(P0))
    assert is_right(ch09.check_p_class_0(0.2689))
    assert is_right(ch09.check_p_class_0(P0 + 4.9e-4))
    outside = ch09.check_p_class_0(P0 + 6e-4)
    assert is_wrong(outside) and "round too early" in outside.message


@pytest.mark.parametrize(
    "answer, says",
    [
        (sigmoid(1.0), "probability of class 1"),
        (1 - sigmoid(2.0), "bias is missing from"),
        (sigmoid(2.0), "bias is missing, and"),
        (1 - sigmoid(3.0), "wrong sign"),
        (1 - sigmoid(-0.5), "wrong inputs"),
        (1.0, "pre-activation a itself"),
        (0.0, "1 - a"),
    ],
)
def test_p_class_0_names_each_mistake_without_the_answer(answer, says):
    verdict = ch09.check_p_class_0(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "0.2689" not in verdict.message and "0.269" not in verdict.message


@pytest.mark.parametrize("answer", ["0.2689", [0.2689], None, math.nan, math.inf, True, len])
def test_p_class_0_wrong_types_get_a_verdict(answer):
    verdict = ch09.check_p_class_0(answer)
    if answer is None:
        assert waits(verdict)
    else:
        assert is_wrong(verdict)


# --- Exercise 4 · change the code ------------------------------------------------------


def test_softmax_right():
    assert is_right(ch09.check_softmax(softmax))


def test_softmax_just_inside_and_outside_the_tolerance():
    assert is_right(ch09.check_softmax(lambda z: softmax(z) + 9e-7))
    assert is_wrong(ch09.check_softmax(lambda z: softmax(z) + 2e-6))


def test_softmax_without_the_shift_overflows_quietly():
    def naive(z):
        exps = np.exp(z)
        return exps / np.sum(exps, axis=-1, keepdims=True)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the overflow is explained, not warned about
        verdict = ch09.check_softmax(naive)
    assert is_wrong(verdict) and "Subtract the largest logit" in verdict.message


@pytest.mark.parametrize(
    "fn, says",
    [
        (lambda z: z / np.sum(z, axis=-1, keepdims=True), "without exponentiating"),
        (lambda z: np.exp(z - z.max()) / np.sum(np.exp(z - z.max())), "one sum"),
        (
            lambda z: np.exp(z - z.max()) / np.sum(np.exp(z - z.max()), axis=-1, keepdims=True),
            "each row's own largest",
        ),
        (lambda z: -softmax(z), "sign is flipped"),
        (lambda z: softmax(z)[..., ::-1].copy(), "not right yet"),
    ],
)
def test_softmax_names_each_mistake(fn, says):
    verdict = ch09.check_softmax(fn)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message


@pytest.mark.parametrize(
    "fn",
    [
        lambda z: "probabilities",
        lambda z: [0.5, None],
        lambda z: np.full(np.shape(z), np.nan),
        lambda z: 1 / 0,
        lambda z: softmax(z).sum(),
    ],
)
def test_softmax_wrong_types_get_a_verdict(fn):
    assert is_wrong(ch09.check_softmax(fn))


def test_softmax_not_a_function():
    verdict = ch09.check_softmax([0.2, 0.8])
    assert is_wrong(verdict) and "should be a function" in verdict.message


# --- Exercise 5 · change the code ------------------------------------------------------


def bce(y_hat, y):
    return -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


def test_binary_cross_entropy_right_also_with_an_if():
    assert is_right(ch09.check_binary_cross_entropy(bce))
    assert is_right(
        ch09.check_binary_cross_entropy(lambda p, y: -math.log(p) if y == 1 else -math.log(1 - p))
    )


def test_binary_cross_entropy_just_inside_and_outside_the_tolerance():
    assert is_right(ch09.check_binary_cross_entropy(lambda p, y: bce(p, y) + 9e-7))
    assert is_wrong(ch09.check_binary_cross_entropy(lambda p, y: bce(p, y) + 2e-6))


@pytest.mark.parametrize(
    "fn, says",
    [
        (lambda p, y: -(y * np.log(p) + (1 - y) * np.log(p)), "the notes' slip"),
        (lambda p, y: -(y * np.log10(p) + (1 - y) * np.log10(1 - p)), "base 10"),
        (lambda p, y: -(y * np.log(1 - p) + (1 - y) * np.log(p)), "swapped"),
        (lambda p, y: (p - y) ** 2, "squared error"),
        (lambda p, y: y * np.log(p) + (1 - y) * np.log(1 - p), "sign is flipped"),
    ],
)
def test_binary_cross_entropy_names_each_mistake_without_the_answer(fn, says):
    verdict = ch09.check_binary_cross_entropy(fn)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    for value in (bce(0.7207, 1), bce(0.7207, 0), bce(0.1, 0), bce(0.9, 1)):
        assert f"{value:.4f}" not in verdict.message


@pytest.mark.parametrize(
    "fn",
    [lambda p, y: "loss", lambda p, y: None if y == 0 else bce(p, y), lambda p, y: math.nan],
)
def test_binary_cross_entropy_wrong_types_get_a_verdict(fn):
    verdict = ch09.check_binary_cross_entropy(fn)
    assert not verdict.ok and "✔" not in repr(verdict)


def test_binary_cross_entropy_that_raises_gets_a_verdict():
    verdict = ch09.check_binary_cross_entropy(lambda p: p)  # one argument short
    assert is_wrong(verdict) and "raised TypeError" in verdict.message


# --- Exercise 6 · change the code ------------------------------------------------------


def make_step(
    slope=lambda out, s: out * (1 - out),
    output=softmax,
    divide=lambda n: n,
    sign=1,
    updated_first=False,
    order=(0, 1),
):
    """A learner's sigmoid_step; the defaults are right, the options are known mistakes."""

    def sigmoid_step(layer_0, goal, weights_0_1, weights_1_2, alpha):
        weighted_sum = layer_0.dot(weights_0_1)
        layer_1 = sigmoid(weighted_sum)
        layer_2 = output(layer_1.dot(weights_1_2))
        layer_2_delta = (layer_2 - goal) / divide(len(goal))
        new_1_2 = weights_1_2 - sign * alpha * layer_1.T.dot(layer_2_delta)
        back = new_1_2 if updated_first else weights_1_2
        layer_1_delta = layer_2_delta.dot(back.T) * slope(layer_1, weighted_sum)
        new_0_1 = weights_0_1 - sign * alpha * layer_0.T.dot(layer_1_delta)
        pair = (new_0_1, new_1_2)
        return pair[order[0]], pair[order[1]]

    return sigmoid_step


def test_sigmoid_step_right_in_place_or_not():
    assert is_right(ch09.check_sigmoid_step(make_step()))

    def in_place(layer_0, goal, weights_0_1, weights_1_2, alpha):
        layer_1 = sigmoid(layer_0.dot(weights_0_1))
        layer_2 = softmax(layer_1.dot(weights_1_2))
        layer_2_delta = (layer_2 - goal) / len(goal)
        layer_1_delta = layer_2_delta.dot(weights_1_2.T) * layer_1 * (1 - layer_1)
        weights_1_2 -= alpha * layer_1.T.dot(layer_2_delta)
        weights_0_1 -= alpha * layer_0.T.dot(layer_1_delta)
        return [weights_0_1, weights_1_2]

    assert is_right(ch09.check_sigmoid_step(in_place))


def test_sigmoid_step_just_inside_and_outside_the_tolerance():
    right = make_step()

    def nudged(by):
        return lambda *args: tuple(w + by for w in right(*args))

    assert is_right(ch09.check_sigmoid_step(nudged(9e-7)))
    assert is_wrong(ch09.check_sigmoid_step(nudged(2e-6)))


@pytest.mark.parametrize(
    "fn, says",
    [
        (make_step(slope=lambda out, s: 1 - out**2), "tanh's slope"),
        (make_step(slope=lambda out, s: s * (1 - s)), "given the weighted sum"),
        (
            make_step(slope=lambda out, s: sigmoid(out) * (1 - sigmoid(out))),
            "through sigmoid twice",
        ),
        (make_step(slope=lambda out, s: np.ones_like(out)), "missing the slope"),
        (make_step(slope=lambda out, s: (out > 0) * 1.0), "missing the slope"),
        (make_step(divide=lambda n: n * n), "batch size twice"),
        (make_step(divide=lambda n: 1), "not averaged"),
        (make_step(output=lambda z: z), "no softmax"),
        (make_step(sign=-1), "uphill"),
        (make_step(updated_first=True), "already updated"),
        (make_step(order=(1, 0)), "wrong order"),
        (lambda l0, g, w01, w12, a: (w01, w12), "unchanged"),
    ],
)
def test_sigmoid_step_names_each_mistake(fn, says):
    verdict = ch09.check_sigmoid_step(fn)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message


def test_sigmoid_step_says_which_matrix_is_off():
    right = make_step()

    def bad_first(*args):
        w01, w12 = right(*args)
        return w01 + 0.1, w12

    def bad_second(*args):
        w01, w12 = right(*args)
        return w01, w12 + 0.1

    assert "weights_1_2 is right but weights_0_1" in ch09.check_sigmoid_step(bad_first).message
    assert "weights_0_1 is right but weights_1_2" in ch09.check_sigmoid_step(bad_second).message


@pytest.mark.parametrize(
    "fn, says",
    [
        (lambda *a: "weights", "should return two arrays"),
        (lambda *a: (np.zeros((5, 4)), None), "should return two arrays"),
        (lambda *a: (np.zeros((5, 4)),), "should return two arrays"),
        (lambda *a: (np.zeros((5, 4)), np.zeros((3, 3))), "returned shapes"),
        (lambda *a: (np.full((5, 4), np.nan), np.zeros((4, 3))), "nan or inf"),
        (lambda *a: 1 / 0, "raised ZeroDivisionError"),
        (lambda l0, g: (l0, g), "raised TypeError"),
    ],
)
def test_sigmoid_step_wrong_types_get_a_verdict(fn, says):
    verdict = ch09.check_sigmoid_step(fn)
    assert is_wrong(verdict) and says in verdict.message


def test_sigmoid_step_not_a_function():
    verdict = ch09.check_sigmoid_step(3)
    assert is_wrong(verdict) and "should be a function" in verdict.message


# --- Exercise 7 · predict, then check with the widget ----------------------------------

SHIFTED = float(-np.log(softmax(np.array([2.13, 2.33, 1.11]))[1]))


def test_shifted_loss_right_and_its_tolerance():
    assert is_right(ch09.check_shifted_loss(SHIFTED))
    assert is_right(ch09.check_shifted_loss(0.7486))  # as the widget shows it
    assert is_right(ch09.check_shifted_loss(SHIFTED + 4.9e-4))
    outside = ch09.check_shifted_loss(SHIFTED + 6e-4)
    assert is_wrong(outside) and "round too early" in outside.message


@pytest.mark.parametrize(
    "answer, says",
    [
        (float(-np.log(softmax(np.array([0.13, 2.33, -0.89]))[1])), "only the true class"),
        (SHIFTED - 2, "never negative"),
        (0.0, "A loss of 0"),
        (0.3, "expect the loss to fall"),
        (1.5, "expect the loss to rise"),
        (-1.0, "never negative"),
        (-SHIFTED, "never negative"),
    ],
)
def test_shifted_loss_names_each_mistake_without_the_answer(answer, says):
    verdict = ch09.check_shifted_loss(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "0.7486" not in verdict.message and "0.749" not in verdict.message


@pytest.mark.parametrize("answer", ["0.7486", [0.7486], math.nan, math.inf, True, len])
def test_shifted_loss_wrong_types_get_a_verdict(answer):
    assert is_wrong(ch09.check_shifted_loss(answer))
