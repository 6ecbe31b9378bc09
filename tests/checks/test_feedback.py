"""nnutils.checks.feedback: the verdict every checker returns, and careful comparison.

Three states: "not answered yet" (a stub: `...`, with a first hint), wrong (a
diagnosis and a hint, never the expected value) and right. Checkers never
raise on a learner's answer.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnutils.checks import feedback
from nnutils.checks.feedback import (
    RIGHT,
    UNANSWERED,
    WRONG,
    Feedback,
    check_choice,
    check_function,
    compare,
    is_blank,
    plural,
    right,
    unanswered,
    wrong,
)

#: an expected value whose digits would be easy to spot in a message
SECRET = np.array([0.123456, -0.654321, 0.777777])
SECRET_SHOWN = (
    "0.1235",
    "0.123456",
    "0.6543",
    "0.654321",
    "0.7778",
    "0.777777",
    "0.12",
    "0.65",
    "0.78",
)


def assert_hides_the_answer(verdict: Feedback) -> None:
    assert not verdict.ok and verdict.status == WRONG
    for text in SECRET_SHOWN:
        assert text not in verdict.message, verdict.message


# --- Feedback -----------------------------------------------------------------------------------


def test_feedback_states_and_marks():
    assert repr(right("fine")) == "✔ fine"
    assert repr(wrong("no")) == "✘ no"
    waiting = unanswered("answer")
    assert repr(waiting).startswith("✎ Not answered yet: replace the ... in answer")
    assert (right().ok, wrong("x").ok, waiting.ok) == (True, False, False)
    assert (right().status, wrong("x").status, waiting.status) == (RIGHT, WRONG, UNANSWERED)
    assert right().message == "Correct!"


def test_feedback_is_truthy_only_when_right():
    assert right() and not wrong("x") and not unanswered("x")
    assert bool(Feedback(True, "yes")) is True


@pytest.mark.parametrize(
    "ok, status", [(True, WRONG), (False, RIGHT), (True, UNANSWERED), (True, "maybe")]
)
def test_feedback_rejects_an_inconsistent_verdict(ok, status):
    with pytest.raises(ValueError, match="inconsistent verdict"):
        Feedback(ok, "text", status)


def test_unanswered_gives_the_hint_labelled():
    verdict = unanswered("weight_delta", "multiply delta by the input")
    assert verdict.message.endswith(" Hint: multiply delta by the input")
    assert "Hint:" not in unanswered("weight_delta").message


# --- is_blank and plural ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, blank",
    [
        (..., True),
        (None, True),
        ([1, ...], True),
        ((..., ...), True),
        ({"a": 1, "b": ...}, True),
        ({"a": [1, (2, ...)]}, True),
        (0, False),
        (0.0, False),
        ("", False),
        ([], False),
        ([1, 2], False),
        ({"a": None}, False),  # only the stub's own `...` counts inside a container
        (np.array([1.0]), False),
        ("...", False),
    ],
)
def test_is_blank(value, blank):
    assert is_blank(value) is blank


@pytest.mark.parametrize(
    "n, word, words, text",
    [
        (1, "test case", None, "1 test case"),
        (2, "test case", None, "2 test cases"),
        (0, "test case", None, "0 test cases"),
        (1, "entry", "entries", "1 entry"),
        (3, "entry", "entries", "3 entries"),
    ],
)
def test_plural(n, word, words, text):
    assert plural(n, word, words) == text


# --- compare ------------------------------------------------------------------------------------


def test_compare_exact_and_within_tolerance():
    assert compare("x", [1.0, 2.0], [1.0, 2.0]).ok
    assert compare("x", np.array([1, 2]), [1.0, 2.0]).ok
    assert compare("x", 0.1 + 0.2, 0.3).ok
    assert compare("x", 1.0 + 0.9e-6, 1.0).ok  # default tolerance 1e-6, absolute
    assert compare("x", 1.0 + 0.9e-3, 1.0, tol=1e-3).ok
    verdict = compare("weight", 2.0, 2.0)
    assert verdict.status == RIGHT and verdict.message == "weight: correct."


def test_compare_just_outside_the_tolerance_is_wrong():
    assert not compare("x", 1.0 + 1.1e-6, 1.0).ok
    assert not compare("x", [1.0, 2.0 + 1.1e-3], [1.0, 2.0], tol=1e-3).ok


def test_compare_stub_is_unanswered_with_the_hint():
    verdict = compare("x", ..., 1.0, hint="think")
    assert verdict.status == UNANSWERED and verdict.message.endswith("Hint: think")
    assert compare("x", [1.0, ...], [1.0, 2.0]).status == UNANSWERED


@pytest.mark.parametrize(
    "got, says",
    [
        ([1.0, 2.0], "x should be shape (3,), yours is shape (2,)."),
        (np.ones((3, 1)), "x should be shape (3,), yours is shape (3, 1)."),
        (1.0, "x should be shape (3,), yours is a single number."),
    ],
)
def test_compare_wrong_shape_says_both_shapes(got, says):
    verdict = compare("x", got, SECRET)
    assert verdict.message.startswith(says)
    assert_hides_the_answer(verdict)


def test_compare_a_number_expected():
    verdict = compare("x", [1.0, 2.0], 0.5)
    assert verdict.message.startswith("x should be a single number, yours is shape (2,).")


def test_compare_transposed_shape():
    verdict = compare("w", np.ones((2, 3)), np.ones((3, 2)), hint="rows first")
    assert verdict.message == "w has shape (2, 3), not (3, 2): it is transposed. Hint: rows first"


@pytest.mark.parametrize("bad", [math.nan, math.inf, [0.1, math.nan, 0.3]])
def test_compare_nan_and_inf(bad):
    expected = 0.5 if np.ndim(bad) == 0 else SECRET
    verdict = compare("x", bad, expected)
    assert not verdict.ok and verdict.message.startswith("x contains nan or inf.")


@pytest.mark.parametrize(
    "got, kind",
    [("0.5", "str"), (True, "bool"), (print, "builtin_function_or_method"), ({"a": 1}, "dict")],
)
def test_compare_text_and_other_things_that_are_not_numbers(got, kind):
    verdict = compare("x", got, 0.5)
    assert not verdict.ok and verdict.status == WRONG
    assert verdict.message.startswith(f"x should be a number, not {kind}")


def test_compare_a_list_expected_says_numbers():
    verdict = compare("x", "1 2 3", SECRET)
    assert verdict.message.startswith("x should be numbers (a list or an array), not str")


@pytest.mark.parametrize(
    "got, says",
    [
        (-SECRET, "The sign is flipped"),
        (2 * SECRET, "It is twice the answer"),
        (SECRET / 2, "It is half the answer"),
        (SECRET.round(2), "Very close, but not within the tolerance: did you round too early?"),
        (SECRET + 1e-4, "Very close"),
        (
            np.array([0.123456, -0.654321, 5.0]),
            "1 entry of 3 is off (position 2); the others are right.",
        ),
        (
            np.array([9.0, -0.654321, 5.0]),
            "2 entries of 3 are off (position 0, 2); the others are right.",
        ),
    ],
)
def test_compare_names_the_common_mistakes_without_the_answer(got, says):
    verdict = compare("x", got, SECRET, hint="look again")
    assert says in verdict.message
    assert verdict.message.startswith("x is not right yet.")
    assert verdict.message.endswith("Hint: look again")
    assert_hides_the_answer(verdict)


def test_compare_transposed_square_matrix():
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    verdict = compare("m", expected.T, expected)
    assert "It is transposed: rows and columns are swapped." in verdict.message


def test_compare_a_symmetric_matrix_is_not_called_transposed():
    expected = np.array([[1.0, 2.0], [2.0, 5.0]])
    verdict = compare("m", expected + np.eye(2), expected)
    assert "transposed" not in verdict.message


def test_compare_entries_off_in_a_matrix_by_row_and_column():
    expected = np.arange(6.0).reshape(2, 3)
    got = expected.copy()
    got[1, 2] = 50
    assert "1 entry of 6 is off (position [1, 2])" in compare("m", got, expected).message


def test_compare_many_entries_off_are_listed_briefly():
    expected = np.arange(1.0, 11.0)
    got = expected.copy()
    got[:8] += 100
    message = compare("v", got, expected).message
    assert "8 entries of 10 are off (position 0, 1, 2, 3, 4, 5, ...)" in message


def test_compare_exercise_mistakes_come_first():
    verdict = compare("x", 2.2, 1.1, mistakes=[(2.2, "You added the input twice.")])
    assert verdict.message == "x is not right yet. You added the input twice."
    verdict = compare("x", 3.3, 1.1, mistakes=[("not a number", "ignored"), (2.2, "nope")])
    assert verdict.message == "x is not right yet."


def test_compare_of_zero_expected_does_not_call_zero_a_sign_flip():
    verdict = compare("x", 0.0 + 1.0, 0.0)
    assert "sign" not in verdict.message and "twice" not in verdict.message


@pytest.mark.parametrize("tol", [-1e-6, math.nan, math.inf, "0.1", True, None])
def test_compare_rejects_a_bad_tolerance(tol):
    with pytest.raises(ValueError, match="tol must be"):
        compare("x", 1.0, 1.0, tol=tol)


def test_compare_zero_tolerance_is_exact():
    assert compare("x", 0.5, 0.5, tol=0).ok
    assert not compare("x", 0.5 + 1e-15, 0.5, tol=0).ok


# --- check_function -----------------------------------------------------------------------------

CASES = [((1.0, 2.0), 3.0), ((0.5, -0.5), 0.0)]


def test_check_function_right():
    verdict = check_function("add", lambda a, b: a + b, CASES)
    assert verdict.ok and verdict.message == "add: correct on 2 test cases."
    one = check_function("add", lambda a, b: a + b, CASES[:1])
    assert one.message == "add: correct on 1 test case."


def test_check_function_stub_returning_none_is_unanswered():
    def add(a, b): ...

    verdict = check_function("add", add, CASES, hint="use +")
    assert verdict.status == UNANSWERED and not verdict.ok
    assert verdict.message.startswith("Not answered yet: add returns nothing (None) so far.")
    assert verdict.message.endswith("Hint: use +")
    assert check_function("add", ..., CASES).status == UNANSWERED


def test_check_function_that_raises_is_wrong_with_the_error():
    verdict = check_function("add", lambda a, b: a / 0, CASES, hint="no division")
    assert verdict.status == WRONG
    assert (
        verdict.message
        == "add(1.0, 2.0) raised ZeroDivisionError: float division by zero. Hint: no division"
    )


def test_check_function_wrong_case_gets_a_diagnosis():
    verdict = check_function("add", lambda a, b: -(a + b), [((1.0, 2.0), 3.0)])
    assert verdict.status == WRONG
    assert verdict.message.startswith("add(1.0, 2.0) is not right yet. The sign is flipped")


def test_check_function_mistakes_per_case():
    def mistakes(args):
        a, b = args
        return [(a - b, "That subtracts.")]

    verdict = check_function("add", lambda a, b: a - b, CASES, mistakes=mistakes)
    assert verdict.message == "add(1.0, 2.0) is not right yet. That subtracts."


def test_check_function_not_a_function():
    verdict = check_function("add", 3, CASES)
    assert verdict.status == WRONG and "add should be a function" in verdict.message


def test_check_function_learner_cannot_change_the_cases():
    data = np.array([1.0, 2.0])

    def vandal(v):
        v[:] = 0
        return 3.0

    check_function("total", vandal, [((data,), 3.0)])
    assert data.tolist() == [1.0, 2.0]


def test_check_function_shows_big_arrays_briefly():
    big = np.zeros((10, 10))
    verdict = check_function("f", lambda m: 1.0, [((big,), 0.0)])
    assert "<array (10, 10)>" in verdict.message


def test_check_function_warnings_stay_quiet(recwarn):
    verdict = check_function("f", lambda x: np.exp(x) / 0, [((np.array([1000.0]),), [1.0])])
    assert not verdict.ok and len(recwarn) == 0


# --- check_choice -------------------------------------------------------------------------------

OPTIONS = {"a": "Right: because.", "b": "Not this: it only looks so.", 3: "A number option."}


def test_check_choice_right_case_and_spaces_ignored():
    for answer in ("a", "A", "  a "):
        verdict = check_choice("q", answer, OPTIONS, "a")
        assert verdict.ok and verdict.message == "q: correct. Right: because."


def test_check_choice_wrong_explains_that_choice():
    verdict = check_choice("q", "B", OPTIONS, "a", hint="think")
    assert verdict.status == WRONG
    assert verdict.message == "q: not 'b'. Not this: it only looks so. Hint: think"
    assert "because" not in verdict.message  # not the right choice's explanation


def test_check_choice_non_text_options():
    assert check_choice("q", 3, OPTIONS, 3).ok
    assert not check_choice("q", 3, OPTIONS, "a").ok


@pytest.mark.parametrize("answer", ["c", "", 4, 2.5, "a b"])
def test_check_choice_unknown_choice_lists_the_options(answer):
    verdict = check_choice("q", answer, OPTIONS, "a")
    assert verdict.status == WRONG
    assert verdict.message.startswith("q: answer one of 'a', 'b', 3; got")


@pytest.mark.parametrize("answer", [["a"], {"a": 1}, np.array(["a"]), {"a"}])
def test_check_choice_unhashable_answer_is_a_verdict(answer):
    verdict = check_choice("q", answer, OPTIONS, "a")
    assert verdict.status == WRONG and "answer one of" in verdict.message


def test_check_choice_stub():
    assert check_choice("q", ..., OPTIONS, "a", hint="h").status == UNANSWERED
    assert check_choice("q", None, OPTIONS, "a").status == UNANSWERED


def test_as_array():
    assert feedback.as_array("1.0") is None
    assert feedback.as_array(True) is None
    assert feedback.as_array(len) is None
    assert feedback.as_array([1, 2]).tolist() == [1.0, 2.0]
    assert feedback.as_array([[1], [2, 3]]) is None  # ragged
    assert feedback.as_array(10**400) is None  # too big for a float


def test_call_returns_the_error_instead_of_raising():
    assert feedback.call(lambda x: x + 1, 1) == (2, None)
    assert feedback.call(lambda: [][1]) == (None, "IndexError: list index out of range")
