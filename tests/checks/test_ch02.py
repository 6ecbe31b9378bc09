"""The checkers of chapter 02: right answers pass, stubs wait, wrong answers get a diagnosis."""

from __future__ import annotations

import math

import pytest

from nnutils.checks import ch02

TASKS = list(ch02._LEARNING_TYPES)
RIGHT_TYPES = dict(ch02._LEARNING_TYPES)


def flipped(label: str) -> str:
    return "unsupervised" if label == "supervised" else "supervised"


def assert_wrong(verdict, *phrases: str, hidden: tuple[str, ...] = ()) -> None:
    """A ✘ verdict that says each phrase and never shows the hidden (expected) values."""
    assert verdict.status == "wrong" and not verdict.ok, repr(verdict)
    assert repr(verdict).startswith("✘ ")
    for phrase in phrases:
        assert phrase in verdict.message, verdict.message
    for value in hidden:
        assert value not in verdict.message, verdict.message
    assert "Hint:" in verdict.message or not phrases, verdict.message


def assert_unanswered(verdict) -> None:
    assert verdict.status == "unanswered" and not verdict.ok, repr(verdict)
    assert repr(verdict).startswith("✎ Not answered yet") and "Hint:" in verdict.message


# --- Exercise 1: supervised or unsupervised -------------------------------------------------


def test_learning_types_right():
    verdict = ch02.check_learning_types(RIGHT_TYPES)
    assert verdict.ok and "all 4 tasks" in verdict.message
    messy = {task: f"  {label.upper()} " for task, label in RIGHT_TYPES.items()}
    assert ch02.check_learning_types(messy).ok


def test_learning_types_stub_and_partial_stub():
    assert_unanswered(ch02.check_learning_types(...))
    assert_unanswered(ch02.check_learning_types({task: ... for task in TASKS}))
    assert_unanswered(ch02.check_learning_types({**RIGHT_TYPES, TASKS[2]: ...}))


@pytest.mark.parametrize("task", TASKS)
def test_learning_types_one_flipped_is_diagnosed_without_naming_it(task):
    verdict = ch02.check_learning_types({**RIGHT_TYPES, task: flipped(RIGHT_TYPES[task])})
    if RIGHT_TYPES[task] == "supervised":
        said = "1 task you called 'unsupervised' comes with known answers"
    else:
        said = "1 task you called 'supervised' has no answers to imitate"
    assert_wrong(verdict, "1 task of 4 is not right yet", said, hidden=(task,))


def test_learning_types_all_flipped_uses_plurals():
    verdict = ch02.check_learning_types({t: flipped(v) for t, v in RIGHT_TYPES.items()})
    assert_wrong(
        verdict,
        "4 tasks of 4 are not right yet",
        "2 tasks you called 'unsupervised' come with known answers",
        "2 tasks you called 'supervised' have no answers",
    )


@pytest.mark.parametrize(
    "bad, said",
    [
        ("supervised", "should be a dict"),
        ([("a", "b")], "should be a dict"),
        ({}, "has no answer for"),
        ({**RIGHT_TYPES, TASKS[0]: "maybe"}, "answer 'supervised' or 'unsupervised'"),
        ({**RIGHT_TYPES, TASKS[1]: None}, "answer 'supervised' or 'unsupervised'"),
        ({**RIGHT_TYPES, TASKS[1]: 3}, "answer 'supervised' or 'unsupervised'"),
        ({**RIGHT_TYPES, TASKS[1]: math.nan}, "answer 'supervised' or 'unsupervised'"),
    ],
)
def test_learning_types_bad_types_get_a_verdict(bad, said):
    verdict = ch02.check_learning_types(bad)
    assert verdict.status == "wrong" and said in verdict.message


# --- Exercise 2: which corner of the map -----------------------------------------------------


def test_map_corner():
    assert ch02.check_map_corner("supervised non-parametric").ok
    assert ch02.check_map_corner("  Supervised Non-Parametric ").ok
    assert_unanswered(ch02.check_map_corner(...))
    assert_wrong(ch02.check_map_corner("supervised parametric"), "fixed set of knobs")
    assert_wrong(ch02.check_map_corner("unsupervised parametric"), "not unsupervised")
    assert_wrong(ch02.check_map_corner("unsupervised non-parametric"), "not unsupervised")
    for bad in ("knobs", None, 3, ["supervised non-parametric"], math.nan):
        verdict = ch02.check_map_corner(bad)
        assert not verdict.ok and verdict.status in ("wrong", "unanswered")


# --- Exercise 3: the perfect weight, by hand ------------------------------------------------

EXACT = "0.1176"


def test_knob_right_and_tolerance():
    assert ch02.check_knob(1 / 8.5).ok
    assert ch02.check_knob(0.117647).ok  # six decimals are enough
    assert ch02.check_knob(1 / 8.5 + 0.9e-6).ok
    assert_wrong(ch02.check_knob(1 / 8.5 + 1.1e-6), "round too early", hidden=(EXACT,))


def test_knob_stub():
    assert_unanswered(ch02.check_knob(...))


@pytest.mark.parametrize(
    "answer, said",
    [
        (8.5, "upside down"),
        (0.85, "the prediction with the starting weight"),
        (0.12, "a little too big"),
        (0.11, "a little too small"),
        (0.15, "the miss at the start"),
        (-1 / 8.5, "The sign is flipped"),
        (0.118, "round too early"),
    ],
)
def test_knob_mistakes_are_named(answer, said):
    verdict = ch02.check_knob(answer)
    assert_wrong(verdict, said, "With your weight the prediction is", hidden=(EXACT, "0.11765"))


def test_knob_shows_the_learners_prediction():
    assert "prediction is 1.020000" in ch02.check_knob(0.12).message


@pytest.mark.parametrize("bad", ["1/8.5", [None], [0.1, 0.2], math.nan, math.inf, print])
def test_knob_bad_types(bad):
    verdict = ch02.check_knob(bad)
    assert verdict.status == "wrong" and EXACT not in verdict.message


# --- Exercise 4: counting with the nearest neighbour ----------------------------------------


def nearest(toes, counts):
    seen = min(counts, key=lambda t: abs(t - toes))
    wins, games_seen = counts[seen]
    return wins / games_seen


def test_nearest_counting_right():
    verdict = ch02.check_nearest_counting(nearest)
    assert verdict.ok and "6 test cases" in verdict.message


def test_nearest_counting_stubs():
    def stub(toes, counts): ...

    assert_unanswered(ch02.check_nearest_counting(...))
    verdict = ch02.check_nearest_counting(stub)
    assert verdict.status == "unanswered" and "returns nothing" in verdict.message


def test_nearest_counting_unchanged_copy_is_wrong_not_unanswered():
    def counting_prediction(toes, counts):
        wins, games_seen = counts.get(toes, (0, 0))
        return wins / games_seen if games_seen else None

    assert_wrong(ch02.check_nearest_counting(counting_prediction), "never saw")


def test_nearest_counting_wins_instead_of_share():
    def wins_only(toes, counts):
        return counts[min(counts, key=lambda t: abs(t - toes))][0]

    assert_wrong(ch02.check_nearest_counting(wins_only), "divide by games_seen")


def test_nearest_counting_neighbour_below():
    def below(toes, counts):
        seen = [t for t in counts if t <= toes] or [min(counts)]
        wins, games_seen = counts[max(seen)]
        return wins / games_seen

    assert_wrong(ch02.check_nearest_counting(below), "nearest toes *below*")


def test_nearest_counting_tolerance():
    assert ch02.check_nearest_counting(lambda t, c: nearest(t, c) + 0.5e-9).ok
    assert not ch02.check_nearest_counting(lambda t, c: nearest(t, c) + 2e-9).ok


@pytest.mark.parametrize(
    "bad, said",
    [
        (lambda t, c: 1 / 0, "raised ZeroDivisionError"),
        (lambda t, c: "zero", "should be a number"),
        (lambda t, c: [None], "should be a single number"),
        (lambda t, c: math.nan, "nan"),
        (lambda t: 0.0, "raised TypeError"),
        (3, "should be a function"),
    ],
)
def test_nearest_counting_bad_functions(bad, said):
    verdict = ch02.check_nearest_counting(bad)
    assert verdict.status == "wrong" and said in verdict.message


def test_nearest_counting_cannot_change_the_checkers_tables():
    def greedy(toes, counts):
        counts.clear()
        return 0.0

    assert not ch02.check_nearest_counting(greedy).ok
    assert ch02.check_nearest_counting(nearest).ok


# --- Exercise 5: the closest slider setting -------------------------------------------------


def test_closest_setting_right_and_tolerance():
    assert ch02.check_closest_setting(0.12).ok
    assert ch02.check_closest_setting(0.12 + 0.9e-6).ok
    assert not ch02.check_closest_setting(0.12 + 1.1e-6).ok
    assert_unanswered(ch02.check_closest_setting(...))


@pytest.mark.parametrize(
    "answer, said",
    [
        (1 / 8.5, "the slider can't stop there"),
        (0.11, "cuts the exact weight off"),
        (0.1, "where the knob starts"),
        (0.13, "overshoots"),
        (-0.12, "The sign is flipped"),
        (0.1176, "not a position the slider can stop at"),
        (5, "only goes from -1 to 1"),
    ],
)
def test_closest_setting_mistakes(answer, said):
    assert_wrong(ch02.check_closest_setting(answer), said, hidden=("0.12",))


@pytest.mark.parametrize("bad", ["twelve", [None], math.nan, None, len, [0.12, 0.13]])
def test_closest_setting_bad_types(bad):
    verdict = ch02.check_closest_setting(bad)
    assert not verdict.ok and "0.12" not in verdict.message
