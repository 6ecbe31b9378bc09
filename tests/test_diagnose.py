"""nnutils.diagnose: what a run did, from the numbers it produced, in words a learner can use."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnutils import diagnose
from nnutils.diagnose import Outcome
from tests.notebook_functions import error_at, gradient_descent

NAN, INF = math.nan, math.inf


# --- divergence_step ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "errors, step",
    [
        ([1, 0.5, 0.1], None),
        ([], None),
        ([0.3], None),
        ([1, 10, 1e5, 1e7], 3),  # a million times the start (or 1, whichever is larger)
        ([0.04, 1e5, 1e6, 1.1e6], 3),  # small starts are measured against 1
        ([-2.0, 1e6, -3e6], 2),  # the size counts, not the sign
        ([0.04, NAN], 1),
        ([0.04, INF, 1], 1),
        ([NAN, 1], 0),
        ([1, None, 1], 1),  # a missing value is not a number either
        (np.array([1.0, 2.0, np.inf]), 2),
    ],
)
def test_divergence_step(errors, step):
    assert diagnose.divergence_step(errors) == step


def test_divergence_step_factor():
    assert diagnose.divergence_step([1, 5, 11], factor=10) == 2
    assert diagnose.divergence_step([1, 5, 10], factor=10) is None
    assert diagnose.divergence_step([3, 29, 31], factor=10) == 2


@pytest.mark.parametrize("factor", [1, 0.5, -2, NAN, INF, "big", True, None])
def test_divergence_step_rejects_a_bad_factor(factor):
    with pytest.raises(ValueError, match="factor"):
        diagnose.divergence_step([1.0], factor)


@pytest.mark.parametrize("errors", [None, "1 2 3", 3.0])
def test_divergence_step_rejects_what_is_not_a_list(errors):
    with pytest.raises(TypeError, match="errors must be a list of numbers"):
        diagnose.divergence_step(errors)


def test_divergence_step_names_the_position_of_text():
    with pytest.raises(TypeError, match="errors must be numbers, got 'x' at position 1"):
        diagnose.divergence_step([1.0, "x"])


# --- descent ------------------------------------------------------------------------------------


def run(alpha: float, input: float = 2.0, weight: float = 0.5, steps: int = 20, goal: float = 0.8):
    """Chapter 04's gradient descent, and what diagnose.descent says about it."""
    path = gradient_descent(weight, input, goal, alpha, steps)
    errors = [error_at(w, input, goal) for w in path]
    return diagnose.descent(path, errors, goal / input if input else None)


@pytest.mark.parametrize(
    "alpha, kind, message",
    [
        (0.01, "descending", "still descending: error 0.007815 after 20 steps"),
        (0.1, "converged", "converged smoothly: error 5.35e-11 after 20 steps"),
        (
            0.26,
            "converged",
            "converged, zig-zagging across the bottom: error 0.00e+00 after 20 steps",
        ),
        (
            0.4,
            "converged",
            "converged, zig-zagging across the bottom: error 5.35e-11 after 20 steps",
        ),
        (
            0.45,
            "descending",
            "still descending, zig-zagging across the bottom: error 5.317e-06 after 20 steps",
        ),
        (
            0.5,
            "oscillating",
            "oscillating without shrinking: it jumps across the bottom and lands exactly as far "
            "away, error 0.04 every step",
        ),
        (
            0.51,
            "growing",
            "growing: each step overshoots further (error 0.192 after 20 steps); with more steps "
            "it diverges",
        ),
        (
            1.0,
            "diverged",
            "diverged at step 8: each step overshoots the bottom by more than the last, so the "
            "error explodes (shown up to step 7)",
        ),
    ],
)
def test_descent_outcomes_for_each_alpha(alpha, kind, message):
    outcome = run(alpha)
    assert outcome == Outcome(kind, message, 8 if kind == "diverged" else None)


def test_descent_before_any_step():
    assert run(0.1, steps=0) == Outcome(
        "start", "no steps taken yet: error 0.04 at the start weight"
    )


def test_descent_with_input_zero_learns_nothing():
    outcome = run(0.1, input=0.0)
    assert outcome.kind == "stuck"
    assert (
        outcome.message
        == "input 0: the weight has no effect on the prediction, so nothing is learned"
    )


def test_descent_that_never_moves():
    outcome = run(0.0)
    assert (
        outcome.kind == "stuck"
        and outcome.message == "the weight never moves (alpha 0?): error stays 0.04"
    )


def test_descent_starting_at_the_bottom():
    assert run(0.1, weight=0.4) == Outcome(
        "converged", "the start weight is already at the bottom: error 0"
    )


def test_descent_a_weight_that_stops_being_a_number_diverged():
    outcome = diagnose.descent([0.5, INF, NAN], [0.04, 0.1, 0.1], 0.4)
    assert outcome.kind == "diverged" and outcome.step == 1
    assert outcome.message.startswith("diverged at step 1:")


def test_descent_diverged_at_the_start_shows_no_negative_step():
    outcome = diagnose.descent([0.5, 0.6], [NAN, 0.1], 0.4)
    assert outcome.kind == "diverged" and outcome.step == 0
    assert "step -1" not in outcome.message


def test_descent_rejects_mismatched_lists():
    with pytest.raises(ValueError, match="weights \\(2\\) and errors \\(1\\) must be equally long"):
        diagnose.descent([0.5, 0.6], [0.04], 0.4)
    with pytest.raises(ValueError, match="not empty"):
        diagnose.descent([], [], 0.4)
    with pytest.raises(TypeError, match="weights must be a list of numbers"):
        diagnose.descent(None, [0.04], 0.4)


# --- bounce -------------------------------------------------------------------------------------


def test_bounce_between_two_values():
    outcome = diagnose.bounce([0.25, 0.75, 0.85, 0.75, 0.85], 0.8)
    assert outcome == Outcome(
        "bouncing", "it bounces between 0.75 and 0.85 forever: the step is too big to land on 0.8"
    )


def test_bounce_tolerates_rounding_in_the_repeats():
    outcome = diagnose.bounce([0.75, 0.85, 0.75 + 1e-15, 0.85 - 1e-15], 0.8)
    assert outcome.kind == "bouncing"


def test_bounce_landed_and_moving():
    assert diagnose.bounce([0.25, 0.8], 0.8) == Outcome("landed", "landed on the goal 0.8")
    assert diagnose.bounce([0.8, 0.8, 0.8, 0.8], 0.8).kind == "landed"  # no bounce: it stays
    assert diagnose.bounce([0.25, 0.35, 0.45], 0.8) == Outcome(
        "moving", "still on its way: prediction 0.4500, goal 0.8"
    )
    assert diagnose.bounce([0.7, 0.75, 0.7, 0.76], 0.8).kind == "moving"


def test_bounce_rejects_no_predictions():
    with pytest.raises(ValueError, match="predictions is empty"):
        diagnose.bounce([], 0.8)


# --- dead_units ---------------------------------------------------------------------------------


def test_dead_units_are_columns_of_zeros():
    layer_1 = np.array([[0.0, 1.0, 0.0, 2.0], [0.0, 0.0, -0.0, 0.5], [0.0, 3.0, 0.0, 0.0]])
    assert diagnose.dead_units(layer_1) == [0, 2]


def test_dead_units_a_tiny_output_is_alive():
    assert diagnose.dead_units(np.array([[1e-300, 0.0]])) == [1]


def test_dead_units_none_and_all():
    assert diagnose.dead_units(np.ones((4, 3))) == []
    assert diagnose.dead_units(np.zeros((4, 3))) == [0, 1, 2]


@pytest.mark.parametrize("layer", [np.zeros(3), np.zeros((2, 2, 2))])
def test_dead_units_need_examples_by_units(layer):
    with pytest.raises(ValueError, match="layer_1 must be 2-D"):
        diagnose.dead_units(layer)


# --- training -----------------------------------------------------------------------------------


def history(accuracies, errors=None):
    errors = errors or [1.0] * len(accuracies)
    return [
        {"iteration": 10 + j, "train_error": e, "train_accuracy": a}
        for j, (a, e) in enumerate(zip(accuracies, errors))
    ]


def test_training_healthy_is_none():
    assert diagnose.training([]) is None
    assert diagnose.training(history([0.3, 0.5, 0.7, 0.8, 0.85, 0.9])) is None


def test_training_diverged_names_the_iteration():
    outcome = diagnose.training(history([0.5, 0.6, 0.1], errors=[1.0, 2.0, NAN]))
    assert outcome == Outcome("diverged", "diverged at iteration 12: the error blew up", 12)
    outcome = diagnose.training(history([0.5, 0.6, 0.1], errors=[1.0, 2.0, 1e7]))
    assert outcome.kind == "diverged" and outcome.step == 12


def test_training_diverged_when_the_accuracy_stops_being_a_number():
    outcome = diagnose.training(history([0.5, NAN]))
    assert outcome.kind == "diverged" and outcome.step == 11


def test_training_stuck_near_chance_after_patience():
    assert diagnose.training(history([0.1] * 9)) is None  # too early to say
    outcome = diagnose.training(history([0.1] * 10))
    assert outcome.kind == "stuck" and outcome.step == 19
    assert outcome.message.startswith("stuck near chance (train accuracy 0.10 at iteration 19)")
    assert "relu units silent" in outcome.message


def test_training_stuck_only_while_flat_and_no_better_than_guessing():
    assert diagnose.training(history([0.1] * 9 + [0.17])) is None  # better than guessing
    assert diagnose.training(history([0.05, 0.15] * 5)) is None  # not flat: still moving
    assert diagnose.training(history([0.5, 0.5] + [0.1] * 10)).kind == "stuck"
    assert diagnose.training(history([0.2] * 10), chance=0.5).kind == "stuck"
    assert diagnose.training(history([0.1] * 3), patience=3).kind == "stuck"


def test_training_without_iteration_numbers_counts_positions():
    outcome = diagnose.training([{"train_error": 1.0, "train_accuracy": 0.1}] * 10)
    assert outcome.kind == "stuck" and outcome.step == 9
