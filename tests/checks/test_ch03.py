"""The checkers of chapter 03: right answers pass, stubs wait, wrong answers get a diagnosis."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnutils.checks import ch03

GAMES = np.array([[8.5, 0.65, 1.2], [9.5, 0.8, 1.3], [9.9, 0.8, 0.5], [9.0, 0.9, 1.0]])
HURT_WIN_SAD = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])


def assert_wrong(verdict, *phrases: str, hidden: tuple[str, ...] = ()) -> None:
    """A ✘ verdict with a hint that says each phrase and never shows the hidden values."""
    assert verdict.status == "wrong" and not verdict.ok, repr(verdict)
    assert repr(verdict).startswith("✘ ") and "Hint:" in verdict.message, verdict.message
    for phrase in phrases:
        assert phrase in verdict.message, verdict.message
    for value in hidden:
        assert value not in verdict.message, verdict.message


def assert_unanswered(verdict) -> None:
    assert verdict.status == "unanswered" and not verdict.ok, repr(verdict)
    assert repr(verdict).startswith("✎ Not answered yet") and "Hint:" in verdict.message


# --- Exercise 1: reading weights with a cut-off ---------------------------------------------


def test_cutoff_reading():
    assert ch03.check_cutoff_reading("AND").ok
    assert ch03.check_cutoff_reading(" and ").ok
    assert_unanswered(ch03.check_cutoff_reading(...))
    assert_wrong(ch03.check_cutoff_reading("OR"), "one or two inputs on score only 1 or 2")
    assert_wrong(ch03.check_cutoff_reading("NOT"), "needs a negative weight")


@pytest.mark.parametrize("bad", ["XOR", 2, ["AND"], math.nan, print])
def test_cutoff_reading_bad_types(bad):
    verdict = ch03.check_cutoff_reading(bad)
    assert verdict.status == "wrong"


# --- Exercise 2: the second game by hand ----------------------------------------------------

GAME_2 = HURT_WIN_SAD @ GAMES[1]  # [0.64, 1.11, 1.17]
GAME_2_TEXT = ("0.64", "1.11", "1.17")


def test_game_2_right_and_tolerance():
    assert np.allclose(GAME_2, [0.64, 1.11, 1.17])
    assert ch03.check_game_2_outputs([0.64, 1.11, 1.17]).ok
    assert ch03.check_game_2_outputs(GAME_2 + 0.9e-6).ok
    assert_wrong(ch03.check_game_2_outputs(GAME_2 + 1.1e-6), "round too early", hidden=GAME_2_TEXT)
    assert_unanswered(ch03.check_game_2_outputs(...))
    assert_unanswered(ch03.check_game_2_outputs([0.64, ..., 1.17]))


@pytest.mark.parametrize(
    "answer, said",
    [
        (HURT_WIN_SAD @ GAMES[0], "the first game's predictions"),
        (HURT_WIN_SAD @ GAMES[2], "third game's predictions"),
        (HURT_WIN_SAD.T @ GAMES[1], "use the matrix's columns"),
        (-GAME_2, "sign is flipped"),
        (GAME_2 + [0, 0, 0.5], "1 entry of 3 is off (position 2)"),
    ],
)
def test_game_2_mistakes(answer, said):
    assert_wrong(ch03.check_game_2_outputs(answer), said, hidden=GAME_2_TEXT)


@pytest.mark.parametrize(
    "bad, said",
    [
        ("0.64 1.11 1.17", "should be numbers"),
        ([0.64, None, 1.17], "nan"),
        ([math.nan] * 3, "nan"),
        ([0.64, 1.11], "shape (3,)"),
        (1.11, "shape (3,)"),
        (len, "should be numbers"),
    ],
)
def test_game_2_bad_types(bad, said):
    verdict = ch03.check_game_2_outputs(bad)
    assert verdict.status == "wrong" and said in verdict.message


# --- Exercise 3: the fans weight, predicted then seen in the widget -------------------------


def test_fans_weight_right_and_tolerance():
    assert ch03.check_fans_weight(0.1).ok
    assert ch03.check_fans_weight(0.1 + 0.9e-6).ok
    assert not ch03.check_fans_weight(0.1 + 1.1e-6).ok
    assert_unanswered(ch03.check_fans_weight(...))


@pytest.mark.parametrize(
    "answer, said",
    [
        (0.12, "divided by the input 1.2"),
        (0.144, "multiplies by the input 1.2"),
        (1.1 / 1.2, "make the whole 1.10 alone"),
        (-0.1, "sign is flipped"),
        (0.2, "twice the answer"),
    ],
)
def test_fans_weight_mistakes(answer, said):
    verdict = ch03.check_fans_weight(answer)
    assert_wrong(verdict, said)
    assert "0.1 " not in verdict.message and "0.1." not in verdict.message
    assert "0.10" not in verdict.message


@pytest.mark.parametrize("bad", ["0.1", [None], math.nan, [0.1, 0.1], lambda: 0.1])
def test_fans_weight_bad_types(bad):
    assert ch03.check_fans_weight(bad).status == "wrong"


# --- Exercise 4: vector math ----------------------------------------------------------------


def mul(a, b):
    return [x * y for x, y in zip(a, b)]


def add(a, b):
    return [x + y for x, y in zip(a, b)]


def total(a):
    return sum(a)


def mean(a):
    return sum(a) / len(a)


def dot(a, b):
    return total(mul(a, b))


RIGHT_FIVE = [mul, add, total, mean, dot]


def five(**changes):
    names = ["mul", "add", "total", "mean", "dot"]
    return [changes.get(n, f) for n, f in zip(names, RIGHT_FIVE)]


def stub(*args): ...


def test_vector_math_right():
    verdict = ch03.check_vector_math(*RIGHT_FIVE)
    assert verdict.ok and repr(verdict).startswith("✔")
    as_numpy = [np.multiply, np.add, np.sum, np.mean, np.dot]
    assert ch03.check_vector_math(*as_numpy).ok


def test_vector_math_stubs():
    assert_unanswered(ch03.check_vector_math(stub, stub, stub, stub, stub))
    assert_unanswered(ch03.check_vector_math(..., ..., ..., ..., ...))
    half = ch03.check_vector_math(*five(total=stub, mean=stub, dot=stub))
    assert half.status == "unanswered" and "vector_sum returns nothing" in half.message


@pytest.mark.parametrize(
    "changes, said",
    [
        (dict(add=lambda a, b: a + b), "joined end to end"),
        (dict(mul=lambda a, b: sum(mul(a, b))), "That is a single number"),
        (dict(mean=total), "That is the sum; the average divides"),
        (dict(mean=lambda a: sum(a) / (len(a) - 1)), "one less than the length"),
        (dict(dot=mul), "adds the elementwise products up"),
        (dict(dot=lambda a, b: mean(mul(a, b))), "average of the products"),
        (dict(total=lambda a: sum(a[1:])), "vector_sum"),
    ],
)
def test_vector_math_mistakes(changes, said):
    verdict = ch03.check_vector_math(*five(**changes))
    assert_wrong(verdict, said)
    # the expected results for the checker's vectors never appear
    assert "[0.5, -2.0, 6.0, -1.0]" not in verdict.message
    assert "3.5" not in verdict.message


def test_vector_math_names_the_function_and_its_hint():
    verdict = ch03.check_vector_math(*five(mean=lambda a: sum(a) / (len(a) - 1)))
    assert "vector_average" in verdict.message and "Divide by the length" in verdict.message


def test_vector_math_tolerance():
    assert ch03.check_vector_math(*five(total=lambda a: sum(a) + 0.5e-9)).ok
    assert not ch03.check_vector_math(*five(total=lambda a: sum(a) + 2e-9)).ok


@pytest.mark.parametrize(
    "changes, said",
    [
        (dict(mul=lambda a, b: [a[i] * b[i] for i in range(a)]), "raised TypeError"),
        (dict(add=lambda a, b: "sum"), "should be numbers"),
        (dict(total=lambda a: [None]), "should be a single number"),
        (dict(mean=lambda a: math.nan), "nan"),
        (dict(dot=42), "should be a function"),
    ],
)
def test_vector_math_bad_functions(changes, said):
    verdict = ch03.check_vector_math(*five(**changes))
    assert verdict.status == "wrong" and said in verdict.message


# --- Exercise 5: the four games in numpy ----------------------------------------------------

PREDICTIONS = GAMES @ [0.1, 0.2, 0.0]  # [0.98, 1.11, 1.15, 1.08]
PREDICTIONS_TEXT = ("1.11", "1.15", "1.08")


def test_game_predictions_right_and_tolerance():
    assert ch03.check_game_predictions(PREDICTIONS).ok
    assert ch03.check_game_predictions(list(PREDICTIONS)).ok
    assert ch03.check_game_predictions(PREDICTIONS + 0.9e-6).ok
    assert not ch03.check_game_predictions(PREDICTIONS + 1.1e-6).ok
    assert_unanswered(ch03.check_game_predictions(...))


@pytest.mark.parametrize(
    "answer, said",
    [
        (GAMES * 0.1 * 0.2, "section 8's two-layer network"),
        (GAMES[0] * 0.1 * 0.2, "section 8's two-layer network"),
        ([0.98] * 4, "All four are the first game's prediction"),
        ([1.03, 1.11, 1.15, 1.08], "win/loss record of 0.9"),
        (GAMES[:, [1, 0, 2]] @ [0.1, 0.2, 0.0], "matched to the wrong inputs"),
        (PREDICTIONS + [0, 0.5, 0, 0], "1 entry of 4 is off (position 1)"),
    ],
)
def test_game_predictions_mistakes(answer, said):
    assert_wrong(ch03.check_game_predictions(answer), said, hidden=PREDICTIONS_TEXT)


@pytest.mark.parametrize(
    "bad, said",
    [
        ([0.98, 1.11], "shape (4,)"),
        ("0.98 1.11 1.15 1.08", "should be numbers"),
        ([0.98, None, 1.15, 1.08], "nan"),
        ([math.nan] * 4, "nan"),
        (np.zeros((2, 4)), "shape (4,)"),
    ],
)
def test_game_predictions_bad_types(bad, said):
    verdict = ch03.check_game_predictions(bad)
    assert verdict.status == "wrong" and said in verdict.message


# --- Exercise 6: vect_mat_mul for any shape -------------------------------------------------


def w_sum(a, b):
    return sum(x * y for x, y in zip(a, b))


def vect_mat_mul(vect, matrix):
    return [w_sum(vect, row) for row in matrix]


def test_vect_mat_mul_right():
    verdict = ch03.check_vect_mat_mul(vect_mat_mul)
    assert verdict.ok and "3 test cases" in verdict.message
    assert ch03.check_vect_mat_mul(lambda v, m: np.array(m) @ np.array(v)).ok


def test_vect_mat_mul_stubs():
    assert_unanswered(ch03.check_vect_mat_mul(...))
    verdict = ch03.check_vect_mat_mul(lambda v, m: None)
    assert verdict.status == "unanswered" and "returns nothing" in verdict.message


def test_vect_mat_mul_loop_over_the_inputs_raises_on_fewer_rows():
    def by_inputs(vect, matrix):
        output = [0] * len(vect)
        for i in range(len(vect)):
            output[i] = w_sum(vect, matrix[i])
        return output

    assert_wrong(ch03.check_vect_mat_mul(by_inputs), "raised IndexError", "loops once per input")


def test_vect_mat_mul_loop_over_the_inputs_drops_outputs_on_more_rows():
    def by_inputs_padded(vect, matrix):
        if len(matrix) < len(vect):  # survive the short matrix, to reach the tall one
            return vect_mat_mul(vect, matrix)
        return [w_sum(vect, matrix[i]) for i in range(len(vect))]

    assert_wrong(ch03.check_vect_mat_mul(by_inputs_padded), "2 outputs, one per input")


def test_vect_mat_mul_columns_and_single_sum():
    columns = lambda v, m: (np.array(m).T @ np.array(v)).tolist()  # noqa: E731
    assert_wrong(ch03.check_vect_mat_mul(columns), "uses the matrix's columns")
    one_sum = lambda v, m: w_sum(v, m[0])  # noqa: E731
    assert_wrong(ch03.check_vect_mat_mul(one_sum), "a single weighted sum")


def test_vect_mat_mul_hides_the_expected_outputs():
    verdict = ch03.check_vect_mat_mul(lambda v, m: [0.0] * len(m))
    assert verdict.status == "wrong"
    rng = np.random.default_rng(3)
    vect = np.round(rng.uniform(-1, 1, 3), 2)
    matrix = np.round(rng.uniform(-1, 1, (3, 3)), 2)
    for value in matrix @ vect:
        assert f"{value:.4f}"[:6] not in verdict.message


def test_vect_mat_mul_tolerance():
    assert ch03.check_vect_mat_mul(lambda v, m: [x + 0.5e-9 for x in vect_mat_mul(v, m)]).ok
    assert not ch03.check_vect_mat_mul(lambda v, m: [x + 2e-9 for x in vect_mat_mul(v, m)]).ok


@pytest.mark.parametrize(
    "bad, said",
    [
        (42, "should be a function"),
        (lambda v, m: 1 / 0, "raised ZeroDivisionError"),
        (lambda v, m: "rows", "should be numbers"),
        (lambda v, m: [None] * len(m), "nan"),
        (lambda v: v, "raised TypeError"),
    ],
)
def test_vect_mat_mul_bad_functions(bad, said):
    verdict = ch03.check_vect_mat_mul(bad)
    assert verdict.status == "wrong" and said in verdict.message


def test_vect_mat_mul_cannot_change_the_checkers_cases():
    def vandal(vect, matrix):
        matrix.clear()
        return []

    assert not ch03.check_vect_mat_mul(vandal).ok
    assert ch03.check_vect_mat_mul(vect_mat_mul).ok
