"""The chapter 06 checkers: right answers pass, stubs are "not answered", mistakes are named."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnutils import data
from nnutils.checks import ch06
from nnutils.checks.feedback import RIGHT, UNANSWERED, WRONG

LIGHTS_4 = data.STREETLIGHTS_4
WALK_4 = data.WALK_VS_STOP_4

PRESSURE_4 = np.array([[1, 0, 1], [0, 1, 1], [0, 0, -1], [-1, -1, -1]], dtype=float)

#: exercise 3: layer_1 [[0.5, 0, 2]], weights_1_2 [1, -2, 0.5], goal 1
LAYER_2 = 0.5 * 1.0 + 0.0 * -2.0 + 2.0 * 0.5  # 1.5
LAYER_2_DELTA = LAYER_2 - 1  # 0.5
BACK = LAYER_2_DELTA * np.array([1.0, -2.0, 0.5])  # [0.5, -1, 0.25]
LAYER_1_DELTA = BACK * np.array([1.0, 0.0, 1.0])  # [0.5, 0, 0.25]


def relu(x):
    return (x > 0) * x


def relu2deriv(output):
    return output > 0


def train_full_batch(
    streetlights, walk_vs_stop, hidden_size=4, alpha=0.2, iterations=60, seed=1, **mistake
):
    """The exercise's solution, as a learner would write it; `mistake` switches one thing."""
    np.random.seed(seed)
    weights_0_1 = 2 * np.random.random((3, hidden_size)) - 1
    weights_1_2 = 2 * np.random.random((hidden_size, 1)) - 1
    errors = []
    rows = len(streetlights)
    for _ in range(iterations):
        batches = (
            [slice(i, i + 1) for i in range(rows)] if mistake.get("per_example") else [slice(None)]
        )
        error = 0.0
        for batch in batches:
            layer_0, goal = streetlights[batch], walk_vs_stop[batch]
            layer_1 = relu(layer_0.dot(weights_0_1))
            layer_2 = layer_1.dot(weights_1_2)
            error += np.sum((layer_2 - goal) ** 2)
            layer_2_delta = layer_2 - goal
            if not mistake.get("summed"):
                layer_2_delta = layer_2_delta / len(layer_0)
            layer_1_delta = layer_2_delta.dot(weights_1_2.T)
            if not mistake.get("no_gate"):
                layer_1_delta = layer_1_delta * relu2deriv(layer_1)
            weights_1_2 = weights_1_2 - alpha * layer_1.T.dot(layer_2_delta)
            weights_0_1 = weights_0_1 - alpha * layer_0.T.dot(layer_1_delta)
        if mistake.get("late"):
            layer_2 = relu(streetlights.dot(weights_0_1)).dot(weights_1_2)
            error = np.sum((layer_2 - walk_vs_stop) ** 2)
        errors.append(error)
    if mistake.get("weights_off"):
        weights_0_1 = weights_0_1 + 1e-3
    return errors, weights_0_1, weights_1_2


def with_mistake(**mistake):
    def learner(*args):
        return train_full_batch(*args, **mistake)

    return learner


#: checker, its right answer
RIGHT_ANSWERS = [
    (ch06.check_why_relu, "a"),
    (ch06.check_pressure_table, PRESSURE_4.tolist()),
    (ch06.check_layer_1_delta, LAYER_1_DELTA.tolist()),
    (ch06.check_full_batch_training, train_full_batch),
    (ch06.check_hidden_size_1, "never"),
]
IDS = [c.__name__ for c, _ in RIGHT_ANSWERS]


def test_expected_values_in_this_file_match_the_chapter():
    sign = np.where(WALK_4 == 1, 1, -1)[:, None]
    assert np.array_equal(PRESSURE_4, LIGHTS_4 * sign)
    assert np.array_equal(PRESSURE_4.sum(axis=0), [0, 0, 0])
    assert np.allclose(LAYER_1_DELTA, [0.5, 0.0, 0.25])
    # the solution's full-batch run: 0.39 after 60 passes, as the notebook prints
    errors, _, _ = train_full_batch(LIGHTS_4, WALK_4[:, None])
    assert math.isclose(errors[-1], 0.3936, abs_tol=1e-4)


@pytest.mark.parametrize("checker, answer", RIGHT_ANSWERS, ids=IDS)
def test_right_answer_passes(checker, answer):
    verdict = checker(answer)
    assert verdict.ok and verdict.status == RIGHT, verdict.message
    assert repr(verdict).startswith("✔")


@pytest.mark.parametrize("checker, answer", RIGHT_ANSWERS, ids=IDS)
def test_stub_is_not_answered_and_hints(checker, answer):
    verdict = checker(...)
    assert verdict.status == UNANSWERED and not verdict.ok
    assert "Hint:" in verdict.message
    assert repr(verdict).startswith("✎ Not answered yet")


def test_a_list_with_stubs_is_not_answered():
    assert ch06.check_layer_1_delta([..., ..., ...]).status == UNANSWERED
    assert ch06.check_pressure_table([[..., ..., ...]] * 4).status == UNANSWERED


def test_a_function_stub_is_not_answered():
    def stub(streetlights, walk_vs_stop, hidden_size=4, alpha=0.2, iterations=60, seed=1): ...

    verdict = ch06.check_full_batch_training(stub)
    assert verdict.status == UNANSWERED and "returns nothing" in verdict.message
    assert "Hint:" in verdict.message


# --- exercise 1 and 5: choices ---------------------------------------------------------------


@pytest.mark.parametrize(
    "answer, says",
    [
        ("b", "Nothing explodes"),
        ("c", "still backpropagates"),
        ("d", "Any number of linear hidden nodes"),
    ],
)
def test_why_relu_explains_each_wrong_choice(answer, says):
    verdict = ch06.check_why_relu(answer)
    assert verdict.status == WRONG and says in verdict.message and "Hint:" in verdict.message
    assert "not 'a'" not in verdict.message


def test_why_relu_accepts_capitals_and_spaces():
    assert ch06.check_why_relu(" A ").ok


@pytest.mark.parametrize(
    "answer, says",
    [("always", "every seed would end"), ("for some seeds", "only changes where training starts")],
)
def test_hidden_size_1_explains_each_wrong_choice(answer, says):
    verdict = ch06.check_hidden_size_1(answer)
    assert verdict.status == WRONG and says in verdict.message and "Hint:" in verdict.message
    assert "never" not in verdict.message.lower().replace("hint:", "")


@pytest.mark.parametrize("checker", [ch06.check_why_relu, ch06.check_hidden_size_1])
@pytest.mark.parametrize("answer", ["e", 1, ["a"], 3.5, float("nan")])
def test_choices_answer_odd_values_with_a_verdict(checker, answer):
    verdict = checker(answer)
    assert verdict.status == WRONG and "answer one of" in verdict.message


# --- exercise 2: the pressure table -----------------------------------------------------------


@pytest.mark.parametrize(
    "answer, says",
    [
        (-PRESSURE_4, "Walk and stop are swapped"),
        (LIGHTS_4, "the light matrix itself"),
        (LIGHTS_4 * (WALK_4 == 1)[:, None], "The stop rows are all 0"),
        (np.ones((4, 3)) * np.where(WALK_4 == 1, 1, -1)[:, None], "An off light gets no push"),
        (PRESSURE_4.sum(axis=0), "those are the totals"),
        (PRESSURE_4.sum(axis=1), "one number per observation"),
        (PRESSURE_4.T, "transposed"),
    ],
    ids=["swapped", "lights", "stop-rows-zero", "off-lights-pushed", "totals", "row-sums", "T"],
)
def test_pressure_table_mistakes_are_named(answer, says):
    verdict = ch06.check_pressure_table(answer.tolist())
    assert verdict.status == WRONG and says in verdict.message, verdict.message
    assert "Hint:" in verdict.message
    assert "[[1, 0, 1]" not in verdict.message and "-1, -1, -1" not in verdict.message


def test_pressure_table_one_wrong_entry_is_pointed_at():
    answer = PRESSURE_4.copy()
    answer[3, 1] = 1
    verdict = ch06.check_pressure_table(answer.tolist())
    assert verdict.status == WRONG and "1 entry of 12 is off (position [3, 1])" in verdict.message


def test_pressure_table_tolerance():
    assert ch06.check_pressure_table((PRESSURE_4 + 5e-7).tolist()).ok
    assert not ch06.check_pressure_table((PRESSURE_4 + 2e-6).tolist()).ok


def test_pressure_table_says_what_the_totals_mean():
    assert "every light comes to 0" in ch06.check_pressure_table(PRESSURE_4).message


# --- exercise 3: layer_1_delta by hand --------------------------------------------------------


@pytest.mark.parametrize(
    "answer, says",
    [
        (BACK, "relu2deriv(layer_1) zeroes its delta"),
        (-LAYER_1_DELTA, "The sign is flipped"),
        (-BACK, "The sign is flipped (layer_2_delta is layer_2 - goal), and the node"),
        (np.array([0.5, 0.0, 2.0]) * LAYER_2_DELTA, "weight_delta of weights_1_2"),
        (BACK * np.array([0.5, 0.0, 2.0]), "You multiplied by layer_1 itself"),
        (LAYER_2 * np.array([1.0, 0.0, 0.5]), "That uses layer_2, the prediction"),
        (2 * LAYER_1_DELTA, "twice the answer"),
        (LAYER_1_DELTA + np.array([0, 0, 0.001]), "did you round too early"),
    ],
    ids=[
        "no-gate",
        "sign",
        "sign-and-no-gate",
        "weight-delta",
        "times-layer_1",
        "layer_2",
        "2x",
        "rounded",
    ],
)
def test_layer_1_delta_mistakes_are_named(answer, says):
    verdict = ch06.check_layer_1_delta(answer.tolist())
    assert verdict.status == WRONG and says in verdict.message, verdict.message
    assert "Hint:" in verdict.message
    assert "0.25]" not in verdict.message and "[0.5, 0" not in verdict.message


@pytest.mark.parametrize("shape", [(3,), (1, 3), (3, 1)])
def test_layer_1_delta_takes_any_layout_of_three_numbers(shape):
    assert ch06.check_layer_1_delta(LAYER_1_DELTA.reshape(shape)).ok


def test_layer_1_delta_tolerance():
    assert ch06.check_layer_1_delta((LAYER_1_DELTA + 9e-7).tolist()).ok
    assert not ch06.check_layer_1_delta((LAYER_1_DELTA + 2e-6).tolist()).ok


@pytest.mark.parametrize(
    "answer, says",
    [
        ("0.5, 0, 0.25", "should be numbers"),
        ([0.5, None, 0.25], "nan or inf"),
        ([0.5, float("nan"), 0.25], "nan or inf"),
        ([0.5, 0.25], "should be shape (3,)"),
        (lambda: 1, "should be numbers"),
    ],
    ids=["text", "None-inside", "nan", "two-numbers", "function"],
)
def test_layer_1_delta_odd_values_get_a_verdict(answer, says):
    verdict = ch06.check_layer_1_delta(answer)
    assert verdict.status == WRONG and says in verdict.message, verdict.message


# --- exercise 4: full-batch training ---------------------------------------------------------


@pytest.mark.parametrize(
    "mistake, says",
    [
        ("per_example", "These are per-example updates"),
        ("summed", "summed over the examples, not averaged"),
        ("no_gate", "relu2deriv is missing"),
        ("late", "one pass late"),
    ],
)
def test_full_batch_mistakes_are_named(mistake, says):
    verdict = ch06.check_full_batch_training(with_mistake(**{mistake: True}))
    assert verdict.status == WRONG and says in verdict.message, verdict.message
    assert "Hint:" in verdict.message
    expected = train_full_batch(LIGHTS_4, WALK_4[:, None], 4, 0.2, 5, 1)[0]
    assert f"{expected[1]:.4g}" not in verdict.message


def test_full_batch_wrong_start_is_diagnosed():
    def learner(streetlights, walk_vs_stop, hidden_size=4, alpha=0.2, iterations=60, seed=1):
        return train_full_batch(
            streetlights, walk_vs_stop, hidden_size, alpha, iterations, seed + 1
        )

    verdict = ch06.check_full_batch_training(learner)
    assert verdict.status == WRONG and "very first pass" in verdict.message


def test_full_batch_wrong_weights_are_reported():
    verdict = ch06.check_full_batch_training(with_mistake(weights_off=True))
    assert verdict.status == WRONG and "weights_0_1" in verdict.message
    assert "The errors are right" in verdict.message


def test_full_batch_errors_may_be_a_list_of_small_arrays():
    def learner(*args):
        errors, w01, w12 = train_full_batch(*args)
        return [np.array([[e]]) for e in errors], w01, w12

    assert ch06.check_full_batch_training(learner).ok


def test_full_batch_tolerance():
    def shifted(by):
        def learner(*args):
            errors, w01, w12 = train_full_batch(*args)
            return [e + by for e in errors], w01 + by, w12 + by

        return learner

    assert ch06.check_full_batch_training(shifted(5e-7)).ok
    assert not ch06.check_full_batch_training(shifted(5e-6)).ok


@pytest.mark.parametrize(
    "learner, says",
    [
        (lambda *args: 1 / 0, "raised ZeroDivisionError"),
        (lambda *args: ([1.0], np.zeros((3, 4))), "should return three things"),
        (lambda *args: "done", "should return three things"),
        (lambda *args: ([float("nan")] * args[4], None, None), "nan or inf"),
        (lambda *args: (["x"] * args[4], None, None), "should be numbers"),
        (lambda *args: ([None, 1.0, 2.0, 3.0, 4.0], None, None), "nan or inf"),
        (42, "should be a function"),
    ],
    ids=["raises", "two-things", "text", "nan", "text-errors", "None-inside", "not-callable"],
)
def test_full_batch_odd_functions_get_a_verdict(learner, says):
    verdict = ch06.check_full_batch_training(learner)
    assert verdict.status == WRONG and says in verdict.message, verdict.message


def test_full_batch_checker_leaves_the_learners_data_alone():
    seen = []

    def learner(streetlights, walk_vs_stop, *rest):
        streetlights[:] = 0  # a careless learner overwrites the data it was given
        seen.append(streetlights)
        return train_full_batch(streetlights, walk_vs_stop, *rest)

    before = LIGHTS_4.copy()
    ch06.check_full_batch_training(learner)
    assert np.array_equal(LIGHTS_4, before)
