"""The chapter 07 checkers: right answers pass, stubs hint, mistakes are named, nothing raises."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnutils.checks import ch07

WALK_VS_STOP = [1.0, 1.0, 0.0, 0.0]


def relu(x):
    return (x > 0) * x


def trained():
    return ch07._trained()


def assert_unanswered(verdict):
    assert verdict.status == "unanswered", verdict
    assert "Hint:" in verdict.message
    assert not verdict.ok


def assert_wrong(verdict, *phrases, hidden=()):
    """A ✘ verdict that says each phrase and shows none of the `hidden` strings."""
    assert verdict.status == "wrong", verdict
    assert repr(verdict).startswith("✘")
    for phrase in phrases:
        assert phrase in verdict.message, (phrase, verdict.message)
    for secret in hidden:
        assert secret not in verdict.message, (secret, verdict.message)


# --- the network the checkers grade against --------------------------------------


def test_trained_network_is_the_notebooks():
    """Same run as the notebook: the same predictions and the same weights it prints."""
    w01, w12 = trained()
    lights = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]], dtype=float)
    predictions = relu(lights.dot(w01)).dot(w12).ravel()
    assert predictions.round(3).tolist() == [1.0, 0.999, 0.003, 0.0]
    assert w01[1].round(3).tolist() == [-0.706, -0.928, -0.627, 0.897]
    assert w12.ravel().round(3).tolist() == [-0.591, 1.14, -0.945, 1.11]


def test_trained_network_leaves_the_global_random_state_alone():
    ch07._trained.cache_clear()
    np.random.seed(123)
    expected = np.random.random()
    np.random.seed(123)
    trained()
    assert np.random.random() == expected


# --- Exercise 1 · recall ----------------------------------------------------------


def test_global_line_right():
    assert ch07.check_global_line("b").ok
    assert ch07.check_global_line(" B ").ok


def test_global_line_stub():
    assert_unanswered(ch07.check_global_line(...))


@pytest.mark.parametrize(
    "choice, says",
    [
        ("a", "nothing is passed down yet"),
        ("c", "That update is local"),
        ("d", "did not compute that delta itself"),
    ],
)
def test_global_line_wrong_choices_explain_themselves(choice, says):
    verdict = ch07.check_global_line(choice)
    assert_wrong(verdict, says, "Hint:", hidden=("sent back through weights_1_2.T",))


@pytest.mark.parametrize("answer", ["e", "global", 2, None, [1], math.nan, lambda: "b"])
def test_global_line_odd_answers(answer):
    verdict = ch07.check_global_line(answer)
    assert not verdict.ok
    if answer is None:
        assert_unanswered(verdict)
    else:
        assert_wrong(verdict, "answer one of")


# --- Exercise 2 · by hand: shapes -------------------------------------------------

RIGHT_SHAPES = {
    "layer_0": (10000, 784),
    "weights_0_1": (784, 40),
    "layer_1": (10000, 40),
    "weights_1_2": (40, 10),
    "layer_2": (10000, 10),
}
#: what a wrong message must never contain: the shapes it expects
SHAPES_SHOWN = tuple(str(s) for s in RIGHT_SHAPES.values())


def shapes_with(**changes):
    return {**RIGHT_SHAPES, **changes}


def test_shapes_right():
    verdict = ch07.check_network_shapes(RIGHT_SHAPES)
    assert verdict.ok and "all five are right" in verdict.message


def test_shapes_right_in_other_spellings():
    spelled = {
        "layer_0": [10_000, 784],
        "weights_0_1": (np.int64(784), 40),
        "layer_1": (10000.0, 40.0),
        "weights_1_2": np.array([40, 10]).tolist(),
        "layer_2": (10000, 10),
    }
    assert ch07.check_network_shapes(spelled).ok


def test_shapes_stub_and_partial_stub():
    assert_unanswered(ch07.check_network_shapes(...))
    stub = {name: ... for name in RIGHT_SHAPES}
    assert_unanswered(ch07.check_network_shapes(stub))
    partial = ch07.check_network_shapes(shapes_with(layer_1=..., layer_2=...))
    assert_unanswered(partial)
    assert "still to fill in: layer_1, layer_2." in partial.message


@pytest.mark.parametrize(
    "changes, says",
    [
        ({"weights_0_1": (40, 784)}, "weights_0_1 is transposed: a weight matrix has one row"),
        ({"layer_0": (784, 10000)}, "layer_0 is transposed: a layer has one row per image"),
        ({"layer_1": (1, 40)}, "layer_1 has one row, as for a single image"),
        ({"layer_2": (10000, 10000)}, "10000 is the number of images, which counts rows"),
        ({"layer_1": (100, 40)}, "right number of nodes, but not one row per test image"),
        ({"layer_2": (5, 5)}, "check both"),
        ({"weights_1_2": (10000, 10)}, "weights_1_2 mentions the number of images"),
        ({"weights_0_1": (1, 40)}, "weights_0_1 mentions the number of images"),
        ({"weights_0_1": (784, 100)}, "count the nodes of the layer on its left"),
        ({"layer_0": (10000, 784, 1)}, "a block has two sizes, (rows, columns); yours has 3"),
    ],
)
def test_shapes_mistakes_are_diagnosed(changes, says):
    verdict = ch07.check_network_shapes(shapes_with(**changes))
    assert_wrong(verdict, "1 shape of 5 is not right yet.", says, "Hint:", hidden=SHAPES_SHOWN)


def test_shapes_several_mistakes_are_counted():
    verdict = ch07.check_network_shapes(
        shapes_with(weights_0_1=(40, 784), weights_1_2=(10, 40), layer_0=(1, 784))
    )
    assert_wrong(verdict, "3 shapes of 5 are not right yet.", hidden=SHAPES_SHOWN)


@pytest.mark.parametrize(
    "value", ["784x40", None, (784, None), (784.5, 40), (math.nan, 40), (True, 40), ()]
)
def test_shapes_wrong_types_in_one_entry(value):
    verdict = ch07.check_network_shapes(shapes_with(weights_0_1=value))
    assert_wrong(verdict, "weights_0_1: a shape is a tuple of whole numbers", hidden=SHAPES_SHOWN)


@pytest.mark.parametrize("answer", ["shapes", [(10000, 784)], 3, lambda: RIGHT_SHAPES])
def test_shapes_not_a_dict(answer):
    assert_wrong(ch07.check_network_shapes(answer), "should be a dict")


def test_shapes_missing_block():
    answer = {k: v for k, v in RIGHT_SHAPES.items() if k != "layer_1"}
    assert_wrong(ch07.check_network_shapes(answer), "No shape for layer_1", hidden=SHAPES_SHOWN)


# --- Exercise 3 · by hand: an unseen streetlight ----------------------------------


def expected_010():
    w01, w12 = trained()
    return relu(np.array([0.0, 1.0, 0.0]).dot(w01)).dot(w12).item()


def test_unseen_prediction_right_and_tolerance():
    e = expected_010()
    assert round(e, 3) == 0.996
    assert ch07.check_unseen_prediction(e).ok
    assert ch07.check_unseen_prediction(0.897 * 1.11).ok  # three decimals are enough
    assert ch07.check_unseen_prediction([[e]]).ok
    assert ch07.check_unseen_prediction(e + 0.0029).ok
    assert ch07.check_unseen_prediction(e - 0.0029).ok
    assert not ch07.check_unseen_prediction(e + 0.0031).ok
    assert not ch07.check_unseen_prediction(e - 0.0031).ok


def test_unseen_prediction_stub():
    assert_unanswered(ch07.check_unseen_prediction(...))


def test_unseen_prediction_mistakes():
    w01, w12 = trained()
    middle = w01[1]
    hidden = (f"{expected_010():.3f}", f"{expected_010():.4f}")
    cases = [
        (middle.dot(w12).item(), "That skips relu"),
        (relu(middle).max(), "the hidden value that survives relu"),
        (relu(w01[0]).dot(w12).item(), "uses the first row of weights_0_1"),
        (relu(w01[2]).dot(w12).item(), "uses the last row of weights_0_1"),
        (-expected_010(), "The sign is flipped"),
        (0.90 * 1.11, "did you round too early?"),
    ]
    for answer, says in cases:
        assert_wrong(ch07.check_unseen_prediction(answer), says, "Hint:", hidden=hidden)


@pytest.mark.parametrize(
    "answer, says",
    [
        ("walk", "should be a number"),
        ([0.996, None], "should be a single number"),
        (math.nan, "contains nan"),
        (lambda: 0.996, "should be a number"),
        ([0.996, 0.5], "should be a single number"),
    ],
)
def test_unseen_prediction_wrong_types(answer, says):
    assert_wrong(ch07.check_unseen_prediction(answer), says, hidden=("0.9958",))


# --- Exercise 4 · change the code: three weight matrices --------------------------


def right_predict_3(layer_0, W_0, W_1, W_2):
    return relu(relu(layer_0.dot(W_0)).dot(W_1)).dot(W_2)


def test_predict_3_right():
    verdict = ch07.check_predict_3(right_predict_3)
    assert verdict.ok and "correct on 3 test cases" in verdict.message


def test_predict_3_tolerance():
    assert ch07.check_predict_3(lambda *a: right_predict_3(*a) + 5e-7).ok
    assert not ch07.check_predict_3(lambda *a: right_predict_3(*a) + 2e-6).ok


def test_predict_3_stubs():
    def stub(layer_0, W_0, W_1, W_2): ...

    assert_unanswered(ch07.check_predict_3(stub))
    assert_unanswered(ch07.check_predict_3(...))


@pytest.mark.parametrize(
    "fn, says",
    [
        (lambda l0, w0, w1, w2: relu(right_predict_3(l0, w0, w1, w2)), "relu on the output"),
        (lambda l0, w0, w1, w2: relu(l0.dot(w0).dot(w1)).dot(w2), "The first relu is missing"),
        (lambda l0, w0, w1, w2: relu(l0.dot(w0)).dot(w1).dot(w2), "The second relu is missing"),
        (lambda l0, w0, w1, w2: l0.dot(w0).dot(w1).dot(w2), "There is no relu at all"),
        (lambda l0, w0, w1, w2: -right_predict_3(l0, w0, w1, w2), "The sign is flipped"),
        (lambda l0, w0, w1, w2: right_predict_3(l0, w0, w1, w2).T, "it is transposed"),
        (lambda l0, w0, w1, w2: relu(l0.dot(w0)).dot(w1), "should be shape"),
    ],
)
def test_predict_3_mistakes(fn, says):
    verdict = ch07.check_predict_3(fn)
    assert_wrong(verdict, says, "Hint:")
    # the expected outputs are never shown: only the inputs of the failing case
    rng = np.random.default_rng(7)
    first = rng.uniform(-1, 1, (1, 3))
    mats = [rng.uniform(-1, 1, s) for s in [(3, 5), (5, 4), (4, 1)]]
    assert f"{right_predict_3(first, *mats).item():.4f}" not in verdict.message


@pytest.mark.parametrize(
    "fn, says",
    [
        (lambda *a: 1 / 0, "raised ZeroDivisionError"),
        (lambda *a: "l_3", "should be numbers"),
        (lambda *a: np.full((1, 1), np.nan), "contains nan"),
        (lambda *a: [[None]], "contains nan"),
        (42, "should be a function"),
    ],
)
def test_predict_3_wrong_types(fn, says):
    assert_wrong(ch07.check_predict_3(fn), says)


# --- Exercise 5 · predict, then check with the widget -----------------------------


def test_prediction_111_right_and_tolerance():
    assert ch07.check_prediction_111(0).ok
    assert ch07.check_prediction_111(0.0).ok
    assert ch07.check_prediction_111(np.array([[0.0]])).ok
    assert ch07.check_prediction_111(0.0009).ok
    assert ch07.check_prediction_111(-0.0009).ok
    assert not ch07.check_prediction_111(0.0011).ok
    assert not ch07.check_prediction_111(-0.0011).ok


def test_prediction_111_stub():
    assert_unanswered(ch07.check_prediction_111(...))


def test_prediction_111_mistakes():
    w01, w12 = trained()
    sums = np.ones(3).dot(w01)
    cases = [
        (1.0, "1 would mean walk"),
        (sums.dot(w12).item(), "the prediction without relu"),
        (relu(np.array([0.0, 0.0, 1.0]).dot(w01)).dot(w12).item(), "prediction for [0, 0, 1]"),
    ]
    for answer, says in cases:
        assert_wrong(ch07.check_prediction_111(answer), says, "Hint:", hidden=("exactly 0", "0.0 "))


@pytest.mark.parametrize(
    "answer, says",
    [
        ("zero", "should be a number"),
        ([0.0, None], "should be a single number"),
        ([None], "contains nan"),
        (math.nan, "contains nan"),
        (lambda: 0.0, "should be a number"),
    ],
)
def test_prediction_111_wrong_types(answer, says):
    assert_wrong(ch07.check_prediction_111(answer), says)


def test_every_public_checker_is_documented():
    for name in ch07.__all__:
        fn = getattr(ch07, name)
        assert fn.__doc__ and "\n" not in fn.__doc__.strip().split("\n\n")[0]
        assert fn.__annotations__, name
