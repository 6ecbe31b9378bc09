"""The checkers of chapter 08's exercises: right answers pass, stubs are "not answered",
each named mistake gets its diagnosis (without the expected value), odd input a verdict."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnutils.checks import ch08
from nnutils.checks.feedback import Feedback


def verdict_of(fn, answer) -> Feedback:
    verdict = fn(answer)
    assert isinstance(verdict, Feedback)
    return verdict


def assert_right(verdict: Feedback) -> None:
    assert verdict.ok and verdict.status == "right", verdict.message
    assert repr(verdict).startswith("✔")


def assert_wrong(verdict: Feedback, *says: str, hides: tuple[str, ...] = ()) -> None:
    assert not verdict.ok and verdict.status == "wrong", verdict.message
    assert repr(verdict).startswith("✘")
    for text in says:
        assert text in verdict.message, verdict.message
    for text in hides:
        assert text not in verdict.message, f"{text!r} given away: {verdict.message}"


def assert_unanswered(verdict: Feedback) -> None:
    assert verdict.status == "unanswered" and not verdict.ok, verdict.message
    assert "Not answered yet" in verdict.message and "Hint:" in verdict.message


def test_every_public_checker_is_listed_and_documented():
    public = {
        n
        for n, fn in vars(ch08).items()
        if n.startswith("check_") and getattr(fn, "__module__", None) == ch08.__name__
    }
    assert set(ch08.__all__) == public
    for name in ch08.__all__:
        fn = getattr(ch08, name)
        assert fn.__doc__ and "Exercise" in fn.__doc__.splitlines()[0]
        assert fn.__annotations__.get("return") in ("Feedback", Feedback)


# --- Exercise 1: relu2deriv ------------------------------------------------------------


def relu2deriv_stub(output): ...  # the learner's cell as shipped


def test_relu2deriv_right():
    assert_right(ch08.check_relu2deriv(lambda output: output > 0))
    assert_right(ch08.check_relu2deriv(lambda output: (output > 0).astype(float)))
    assert "2 test cases" in ch08.check_relu2deriv(lambda output: output > 0).message


def test_relu2deriv_unanswered():
    assert_unanswered(ch08.check_relu2deriv(...))
    assert_unanswered(ch08.check_relu2deriv(relu2deriv_stub))


@pytest.mark.parametrize(
    "mistake, says",
    [
        (lambda o: o >= 0, "never negative"),
        (lambda o: o <= 0, "other way round"),
        (lambda o: o == 0, "other way round"),
        (lambda o: o, "relu's output itself"),
    ],
)
def test_relu2deriv_mistakes(mistake, says):
    expected = str((ch08._RELU_OUTPUTS[0] > 0).astype(float).tolist())
    assert_wrong(ch08.check_relu2deriv(mistake), says, "Hint:", hides=(expected,))


def test_relu2deriv_tolerance():
    # check_function compares within 1e-6
    assert_right(ch08.check_relu2deriv(lambda o: (o > 0) + 9e-7))
    assert_wrong(ch08.check_relu2deriv(lambda o: (o > 0) + 2e-6), "round too early")


def test_relu2deriv_tiny_positive_output_counts_as_active():
    # a threshold above 0 misses the 1e-4 output: one entry off
    assert_wrong(ch08.check_relu2deriv(lambda o: o > 0.01), "1 entry of 6 is off")


@pytest.mark.parametrize(
    "bad",
    [lambda o: 1 / 0, lambda o: "yes", lambda o: [None] * 6, lambda o: o * np.nan, 42, "o > 0"],
)
def test_relu2deriv_odd_answers_get_a_verdict(bad):
    assert_wrong(verdict_of(ch08.check_relu2deriv, bad))


# --- Exercise 2: which set stops training -----------------------------------------------


def test_stop_on():
    assert_right(ch08.check_stop_on("validation"))
    assert_right(ch08.check_stop_on(" Validation "))
    assert_unanswered(ch08.check_stop_on(...))
    assert_wrong(ch08.check_stop_on("test"), "part of training", "Hint:")
    assert_wrong(ch08.check_stop_on("training"), "never says when to stop", "Hint:")


@pytest.mark.parametrize("bad", [3, 0.5, ["validation"], "valid", math.nan, lambda: "test"])
def test_stop_on_odd_answers(bad):
    assert_wrong(verdict_of(ch08.check_stop_on, bad))


# --- Exercise 3: the number of weights --------------------------------------------------

N_WEIGHTS = 784 * 100 + 100 * 10


def test_weight_count_right_and_exact():
    assert_right(ch08.check_weight_count(N_WEIGHTS))
    assert_right(ch08.check_weight_count(float(N_WEIGHTS)))
    assert_right(ch08.check_weight_count(np.int64(N_WEIGHTS)))
    # a count has no tolerance: one off is wrong, and says it is close
    assert_wrong(ch08.check_weight_count(N_WEIGHTS + 1), "exact", hides=(str(N_WEIGHTS),))
    assert_wrong(ch08.check_weight_count(N_WEIGHTS - 0.5), "whole number")


def test_weight_count_unanswered():
    assert_unanswered(ch08.check_weight_count(...))
    assert_unanswered(ch08.check_weight_count(None))


@pytest.mark.parametrize(
    "answer, says",
    [
        (N_WEIGHTS + 110, "bias"),
        (78_400, "weights_0_1 alone"),
        (1_000, "weights_1_2 alone"),
        (894, "counts units"),
        (784_000, "multiplies all three"),
        (31_760, "40-unit network"),
    ],
)
def test_weight_count_mistakes(answer, says):
    verdict = ch08.check_weight_count(answer)
    assert_wrong(verdict, says, "Hint:", hides=(str(N_WEIGHTS), "79,400"))


@pytest.mark.parametrize("bad", ["79400", [N_WEIGHTS], math.nan, math.inf, True, lambda: 1])
def test_weight_count_odd_answers(bad):
    assert_wrong(verdict_of(ch08.check_weight_count, bad))


# --- Exercise 4: a dropout mask for any rate -------------------------------------------


def good_mask(shape, rate):
    return (np.random.random(shape) >= rate) / (1 - rate)


def mask_dropping(share_off: float):
    """A random mask that drops exactly `rate + share_off` of the units."""

    def make(shape, rate):
        n = int(np.prod(shape))
        dropped = round((rate + share_off) * n)
        mask = np.full(n, 1 / (1 - rate))
        mask[np.random.permutation(n)[:dropped]] = 0
        return mask.reshape(shape)

    return make


def test_dropout_mask_right():
    assert_right(ch08.check_dropout_mask(good_mask))
    assert "3 rates" in ch08.check_dropout_mask(good_mask).message


def test_dropout_mask_leaves_the_learners_random_stream_alone():
    np.random.seed(5)
    state = np.random.get_state()
    ch08.check_dropout_mask(good_mask)
    assert np.array_equal(np.random.get_state()[1], state[1])


def test_dropout_mask_share_tolerance():
    assert_right(ch08.check_dropout_mask(mask_dropping(0.009)))
    assert_wrong(ch08.check_dropout_mask(mask_dropping(0.011)), "probability rate")
    assert_right(ch08.check_dropout_mask(mask_dropping(-0.009)))


def test_dropout_mask_unanswered():
    def stub(shape, rate): ...

    assert_unanswered(ch08.check_dropout_mask(...))
    assert_unanswered(ch08.check_dropout_mask(stub))


@pytest.mark.parametrize(
    "mistake, says",
    [
        (lambda s, r: (np.random.random(s) >= r).astype(float), "Scale the kept units"),
        (lambda s, r: np.random.randint(2, size=s) * 2, "published factor"),
        (lambda s, r: (np.random.random(s) >= r) / r, "1 / rate"),
        (lambda s, r: (np.random.random(s) >= r) * (1 - r), "shrunk"),
        (lambda s, r: (np.random.random(s) < r) / (1 - r), "share to keep"),
        (lambda s, r: np.random.random(s), "only two"),
        (lambda s, r: (np.tile(np.arange(s[1]) % 2, (s[0], 1))) * 2.0, "not dropped at random"),
    ],
)
def test_dropout_mask_mistakes(mistake, says):
    assert_wrong(ch08.check_dropout_mask(mistake), says, "Hint:")


def test_dropout_mask_same_mask_every_call():
    fixed = good_mask((200, 500), 0.5)
    assert_wrong(
        ch08.check_dropout_mask(lambda s, r: fixed if r == 0.5 else good_mask(s, r)),
        "not dropped at random",
    )


@pytest.mark.parametrize(
    "bad",
    [
        lambda s, r: 1 / 0,
        lambda s, r: "mask",
        lambda s, r: np.zeros(3),
        lambda s, r: np.full(s, np.nan),
        lambda s, r: [[None] * s[1]] * s[0],
        7,
        "mask",
    ],
)
def test_dropout_mask_odd_answers(bad):
    assert_wrong(verdict_of(ch08.check_dropout_mask, bad))


# --- Exercise 5: keep the best weights ---------------------------------------------------


def keep_best_right(run):
    best_accuracy, best = -1.0, None
    for stats in run:
        if "test_accuracy" in stats and stats["test_accuracy"] > best_accuracy:
            best_accuracy = stats["test_accuracy"]
            best = (stats["iteration"], stats["weights_0_1"].copy(), stats["weights_1_2"].copy())
    return best


def keep_best_variant(copy=True, key="test_accuracy", ties_last=False, position=False):
    def keep_best(run):
        best_accuracy, best, n = -1.0, None, 0
        for stats in run:
            if key not in stats:
                continue
            better = stats[key] >= best_accuracy if ties_last else stats[key] > best_accuracy
            if better:
                best_accuracy = stats[key]
                w01, w12 = stats["weights_0_1"], stats["weights_1_2"]
                if copy:
                    w01, w12 = w01.copy(), w12.copy()
                best = (n if position else stats["iteration"], w01, w12)
            n += 1
        return best

    return keep_best


def test_keep_best_right():
    assert_right(ch08.check_keep_best(keep_best_right))


def test_keep_best_on_the_real_stats_shape():
    # the fake run looks like `train`'s: the same keys, live arrays changed in place
    stats = list(ch08._fake_run())
    assert {"iteration", "train_error", "train_accuracy", "weights_0_1", "weights_1_2"} <= set(
        stats[0]
    )
    assert stats[0]["weights_0_1"] is stats[-1]["weights_0_1"]
    assert keep_best_right(ch08._fake_run())[0] == ch08._BEST


def test_keep_best_unanswered():
    def stub(run): ...

    assert_unanswered(ch08.check_keep_best(...))
    assert_unanswered(ch08.check_keep_best(stub))


@pytest.mark.parametrize(
    "mistake, says",
    [
        (keep_best_variant(copy=False), "Store a .copy()"),
        (keep_best_variant(ties_last=True), "keep the first"),
        (keep_best_variant(key="train_accuracy"), "best *train* accuracy"),
        (keep_best_variant(position=True), "position of the best iteration"),
        (lambda run: max(run, key=lambda s: s["test_accuracy"]), "no test score"),
        (lambda run: (list(run)[-1]["iteration"], None, None), "not the last"),
        (
            lambda run: (lambda b: (b[0], b[2], b[1]))(keep_best_right(run)),
            "swapped",
        ),
    ],
)
def test_keep_best_mistakes(mistake, says):
    assert_wrong(ch08.check_keep_best(mistake), says, "Hint:")


def keep_best_worst(run):
    tested = [(s["test_accuracy"], s["iteration"]) for s in run if "test_accuracy" in s]
    return min(tested)[1], np.zeros((4, 3)), np.zeros((3, 2))


def test_keep_best_worst_iteration():
    assert_wrong(ch08.check_keep_best(keep_best_worst), "worst test accuracy")


def keep_best_late(run):
    best_accuracy, best, pending = -1.0, None, None
    for stats in run:
        if pending is not None:  # copies the weights one iteration after the best
            best = (best[0], stats["weights_0_1"].copy(), stats["weights_1_2"].copy())
            pending = None
        if "test_accuracy" in stats and stats["test_accuracy"] > best_accuracy:
            best_accuracy = stats["test_accuracy"]
            best, pending = (stats["iteration"], None, None), True
    return best


def test_keep_best_weights_copied_one_step_late():
    assert_wrong(ch08.check_keep_best(keep_best_late), "weights of iteration 5")


@pytest.mark.parametrize(
    "bad",
    [
        lambda run: 1 / 0,
        lambda run: "best",
        lambda run: (math.nan, None, None),
        lambda run: (None, None, None),
        lambda run: (4, "w01", "w12"),
        lambda run: [4, np.full((4, 3), np.nan), np.zeros((3, 2))],
        42,
    ],
)
def test_keep_best_odd_answers(bad):
    assert_wrong(verdict_of(ch08.check_keep_best, bad))


# --- Exercise 6: the train curve with 10 hidden units -----------------------------------


def test_hidden_10_curves():
    assert_right(ch08.check_hidden_10_curves("below"))
    assert_unanswered(ch08.check_hidden_10_curves(...))
    assert_wrong(ch08.check_hidden_10_curves("above"), "100 units", "Hint:")
    assert_wrong(ch08.check_hidden_10_curves("on top of"), "different networks", "Hint:")


@pytest.mark.parametrize("bad", [0, ["below"], "under", math.nan, lambda: "below"])
def test_hidden_10_curves_odd_answers(bad):
    assert_wrong(verdict_of(ch08.check_hidden_10_curves, bad))
