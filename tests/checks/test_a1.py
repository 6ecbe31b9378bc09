"""The checkers of appendix A1's exercises: right answers pass, stubs wait, mistakes are named."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pytest

from nnutils.checks import a1
from nnutils.checks.feedback import RIGHT, UNANSWERED, WRONG


def is_right(verdict) -> bool:
    return verdict.ok and verdict.status == RIGHT and repr(verdict).startswith("✔")


def is_wrong(verdict) -> bool:
    return not verdict.ok and verdict.status == WRONG and repr(verdict).startswith("✘")


def waits(verdict) -> bool:
    return verdict.status == UNANSWERED and "Hint:" in verdict.message and not verdict.ok


def test_every_checker_is_public_documented_and_typed():
    checkers = [
        name
        for name, obj in vars(a1).items()
        if name.startswith("check_") and getattr(obj, "__module__", "") == a1.__name__
    ]
    assert len(checkers) == 6
    assert sorted(a1.__all__) == sorted(checkers)
    for number, name in enumerate(a1.__all__, start=1):
        fn = getattr(a1, name)
        doc = inspect.getdoc(fn)
        assert doc and "\n" not in doc and doc.startswith(f"Exercise {number} ("), name
        hints = inspect.get_annotations(fn)
        params = inspect.signature(fn).parameters
        assert "return" in hints and set(hints) == {"return", *params}, name
        assert all(p.default is inspect.Parameter.empty for p in params.values()), name


def test_checkers_are_exported_from_the_package():
    from nnutils import checks

    for name in a1.__all__:
        assert getattr(checks, name) is getattr(a1, name)


@pytest.mark.parametrize("checker", [getattr(a1, n) for n in a1.__all__ if n != "check_not_neuron"])
def test_a_stub_is_not_answered_yet_and_hints(checker):
    assert waits(checker(...))


# --- Exercise 1 · predict, then check with the widget ----------------------------------


@pytest.mark.parametrize("stub", [(..., ...), (-5, ...), (..., 5)])
def test_not_neuron_stub_waits(stub):
    assert waits(a1.check_not_neuron(*stub))


@pytest.mark.parametrize("w, b", [(-5, 5), (-5.0, 5.0), (-10, 10), (-2.0, 2.0), (-3.04, 3.0)])
def test_not_neuron_right_pairs(w, b):
    verdict = a1.check_not_neuron(w, b)
    assert is_right(verdict) and "0.95" in verdict.message


def test_not_neuron_thresholds_are_the_stated_ones():
    # input 0: tanh(b) > 0.95 <=> b > atanh(0.95) = 1.8318
    b_edge = math.atanh(0.95)
    assert is_right(a1.check_not_neuron(-(b_edge + 1e-3), b_edge + 1e-3))
    assert is_wrong(a1.check_not_neuron(-(b_edge - 1e-3), b_edge - 1e-3))
    # input 1: |tanh(w + b)| < 0.05 <=> |w + b| < atanh(0.05) = 0.050042
    s_edge = math.atanh(0.05)
    assert is_right(a1.check_not_neuron(-5 + s_edge - 1e-4, 5))
    assert is_right(a1.check_not_neuron(-5 - s_edge + 1e-4, 5))
    outside = a1.check_not_neuron(-5 + s_edge + 1e-4, 5)
    assert is_wrong(outside) and "not within 0.05 of 0" in outside.message


@pytest.mark.parametrize(
    "w, b, says",
    [
        (1.3, -0.1, "bias is negative"),
        (5, -5, "bias is negative"),
        (-1, 1, "bias is too small"),
        (0, 5, "weight 0"),
        (5, 5, "same sign as the bias"),
        (-4, 5, "not within 0.05 of 0"),
    ],
)
def test_not_neuron_names_each_mistake(w, b, says):
    verdict = a1.check_not_neuron(w, b)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message


@pytest.mark.parametrize(
    "w, b", [("-5", 5), (None, 5), (-5, math.nan), (math.inf, 5), ([-5], 5), (len, 5), (True, 5)]
)
def test_not_neuron_wrong_types_get_a_verdict(w, b):
    verdict = a1.check_not_neuron(w, b)
    assert not verdict.ok and verdict.status in (WRONG, UNANSWERED)
    if w is not None:
        assert is_wrong(verdict)


# --- Exercise 2 · by hand -------------------------------------------------------------------

LAYER = [math.tanh(1), math.tanh(-1)]  # [0.76159416, -0.76159416]


def test_tanh_layer_right_and_its_tolerance():
    assert is_right(a1.check_tanh_layer(LAYER))
    assert is_right(a1.check_tanh_layer(np.array(LAYER)))
    assert is_right(a1.check_tanh_layer([0.76, -0.76]))  # two decimals, as the question allows
    assert is_right(a1.check_tanh_layer([LAYER[0] + 4.9e-3, LAYER[1]]))
    outside = a1.check_tanh_layer([LAYER[0] + 5.2e-3, LAYER[1]])
    assert is_wrong(outside) and "Very close" in outside.message


@pytest.mark.parametrize(
    "answer, says",
    [
        ([1.0, -1.0], "Those are the weighted sums"),
        ([math.tanh(0.9), math.tanh(1.5)], "The bias is missing"),
        ([math.tanh(0.8), math.tanh(4.0)], "The bias is subtracted"),
        ([1 / (1 + math.exp(-1)), 1 / (1 + math.exp(1))], "sigmoid"),
        ([-LAYER[0], -LAYER[1]], "Both signs are flipped"),
        ([LAYER[0], 0.3], "1 entry of 2 is off (position 1)"),
    ],
)
def test_tanh_layer_names_each_mistake_without_the_answer(answer, says):
    verdict = a1.check_tanh_layer(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "0.76" not in verdict.message and "0.761" not in verdict.message


@pytest.mark.parametrize(
    "answer",
    ["0.76, -0.76", [0.76, None], [0.76, math.nan], [0.76], [[0.76, -0.76]], 0.76, len],
)
def test_tanh_layer_wrong_types_get_a_verdict(answer):
    assert is_wrong(a1.check_tanh_layer(answer))


# --- Exercise 3 · change the code -------------------------------------------------------------

W = np.array([[-0.94529712, -0.2667356, -0.91219181], [2.05529992, 1.21797092, 0.22914497]])
B = np.array([0.61273249, 1.6422662])
X = np.array([0.7, 0.6, 0.2])
Y = np.array([0.9, 0.6])
D = np.tanh(W @ X + B) - Y
COST = float(D @ D)


def test_cost_right_and_its_tolerance():
    assert is_right(a1.check_cost(COST))
    assert is_right(a1.check_cost(1.7788340952508743))  # the quiz's own printout
    assert is_right(a1.check_cost(COST + 9e-10))
    outside = a1.check_cost(COST + 2e-9)
    assert is_wrong(outside) and "round too early" in outside.message


@pytest.mark.parametrize(
    "answer, says",
    [
        (COST / 2, "half the cost"),
        (math.sqrt(COST), "length of the miss vector"),
        (float(D.sum()), "without squaring"),
        (float(np.abs(D).sum()), "sizes of the misses"),
        (float((W @ X + B - Y) @ (W @ X + B - Y)), "The tanh is missing"),
        (float((np.tanh(W @ X) - Y) @ (np.tanh(W @ X) - Y)), "The bias is missing"),
        (D, "that is the miss vector d"),
        (-D, "that is the miss vector d"),
        ([1.0, 2.0], "a single number, yours holds two"),
        (2.0, "not right yet"),
    ],
)
def test_cost_names_each_mistake_without_the_answer(answer, says):
    verdict = a1.check_cost(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "1.778" not in verdict.message


@pytest.mark.parametrize("answer", ["1.7788", [COST, None], math.nan, math.inf, [[COST]], len])
def test_cost_wrong_types_get_a_verdict(answer):
    assert is_wrong(a1.check_cost(answer))


# --- Exercise 4 · recall --------------------------------------------------------------------


def dcdb(kind="right"):
    """A learner's dCdb: right, or one known mistake."""

    def fn(w1, b1, x, y):
        z = w1 * x + b1
        a = np.tanh(z)
        right = 2 * (a - y) * (1 - a**2)
        return {
            "right": right,
            "no_slope": 2 * (a - y),
            "slope_of_z": 2 * (a - y) * (1 - z**2),
            "sigmoid": 2 * (a - y) * a * (1 - a),
            "dCdw": right * x,
            "dCda_prev": right * w1,
            "no_2": (a - y) * (1 - a**2),
            "flipped": 2 * (y - a) * (1 - a**2),
        }[kind]

    return fn


def test_dcdb_right():
    verdict = a1.check_dCdb(dcdb())
    assert is_right(verdict) and "3 test cases" in verdict.message


def test_dcdb_tolerance():
    assert is_right(a1.check_dCdb(lambda *args: dcdb()(*args) + 9e-7))
    outside = a1.check_dCdb(lambda *args: dcdb()(*args) + 2e-6)
    assert is_wrong(outside) and "round too early" in outside.message


@pytest.mark.parametrize(
    "kind, says",
    [
        ("no_slope", "tanh's slope is missing"),
        ("slope_of_z", "written with the weighted sum z"),
        ("sigmoid", "sigmoid's slope"),
        ("dCdw", "that is dC/dw"),
        ("dCda_prev", "extra factor w1"),
        ("no_2", "the 2 of the square's slope is missing"),
        ("flipped", "The sign is flipped"),
    ],
)
def test_dcdb_names_each_mistake_without_the_answer(kind, says):
    verdict = a1.check_dCdb(dcdb(kind))
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    for args in a1._DCDB_CASES:
        assert f"{a1._dcdb(*args):.4f}" not in verdict.message


def test_dcdb_body_still_at_dots_waits():
    def dCdb(w1, b1, x, y): ...

    assert waits(a1.check_dCdb(dCdb))


def _raises(*args):
    raise ZeroDivisionError("division by zero")


@pytest.mark.parametrize(
    "fn",
    [_raises, lambda *a: "slope", lambda *a: [1.0, 2.0], lambda *a: math.nan, 3, "def dCdb"],
    ids=["raises", "text", "list", "nan", "int", "str"],
)
def test_dcdb_broken_functions_get_a_verdict(fn):
    assert is_wrong(a1.check_dCdb(fn))


# --- Exercise 5 · change the code -------------------------------------------------------------


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_chain(slope="sigmoid", k=2.0, own_input=False, skip=None, as_lists=False):
    """A learner's chain_backprop_sigmoid, written independently of the checker's."""

    def chain_backprop_sigmoid(params, x, y):
        w, b = params["w"], params["b"]
        a1_ = sigmoid(w[0] * x + b[0])
        a2_ = sigmoid(w[1] * a1_ + b[1])
        a3_ = sigmoid(w[2] * a2_ + b[2])

        def s(a, layer):
            if layer == skip:
                return 1.0
            return a * (1 - a) if slope == "sigmoid" else 1 - a**2

        d3 = k * (a3_ - y) * s(a3_, 3)
        d2 = d3 * w[2] * s(a2_, 2)
        d1 = d2 * w[1] * s(a1_, 1)
        ins = [a1_, a2_, a3_] if own_input else [x, a1_, a2_]
        grads = {"w": [d1 * ins[0], d2 * ins[1], d3 * ins[2]], "b": [d1, d2, d3]}
        return grads if as_lists else {key: np.array(v) for key, v in grads.items()}

    return chain_backprop_sigmoid


def numeric_chain_grads(params, x, y, eps=1e-6):
    """Finite differences of the sigmoid chain's cost: the reference the checker must match."""

    def cost(p):
        a = x
        for i in range(3):
            a = sigmoid(p["w"][i] * a + p["b"][i])
        return (a - y) ** 2

    out = {}
    for key in ("w", "b"):
        g = np.zeros(3)
        for i in range(3):
            up = {k: np.array(v, float) for k, v in params.items()}
            down = {k: np.array(v, float) for k, v in params.items()}
            up[key][i] += eps
            down[key][i] -= eps
            g[i] = (cost(up) - cost(down)) / (2 * eps)
        out[key] = g
    return out


def test_sigmoid_chain_right_and_matches_finite_differences():
    verdict = a1.check_sigmoid_chain(sigmoid_chain())
    assert is_right(verdict) and "3 chains" in verdict.message
    assert is_right(a1.check_sigmoid_chain(sigmoid_chain(as_lists=True)))
    for params, x, y in a1._CHAINS:
        mine = sigmoid_chain()({k: np.array(v, float) for k, v in params.items()}, x, y)
        numeric = numeric_chain_grads(params, x, y)
        for key in ("w", "b"):
            np.testing.assert_allclose(mine[key], numeric[key], atol=1e-8)


def test_sigmoid_chain_tolerance():
    def shifted(by):
        def fn(params, x, y):
            g = sigmoid_chain()(params, x, y)
            return {"w": g["w"] + by, "b": g["b"]}

        return fn

    assert is_right(a1.check_sigmoid_chain(shifted(9e-7)))
    assert is_wrong(a1.check_sigmoid_chain(shifted(2e-6)))


@pytest.mark.parametrize(
    "switch, says",
    [
        (dict(slope="tanh"), "tanh's slopes"),
        (dict(k=1.0), "the 2 of the square's slope is missing"),
        (dict(k=-2.0), "Every sign is flipped"),
        (dict(own_input=True), "paired with its own neuron's output"),
        (dict(skip=3), "delta_3 lacks the slope of a3"),
        (dict(skip=2), "delta_2 lacks the slope of a2"),
        (dict(skip=1), "delta_1 lacks the slope of a1"),
    ],
)
def test_sigmoid_chain_names_each_mistake_without_the_answer(switch, says):
    verdict = a1.check_sigmoid_chain(sigmoid_chain(**switch))
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    params, x, y = a1._CHAINS[0]
    right = sigmoid_chain()({k: np.array(v, float) for k, v in params.items()}, x, y)
    for value in np.concatenate([right["w"], right["b"]]):
        assert f"{value:.4f}" not in verdict.message


def test_sigmoid_chain_an_unknown_mistake_says_which_entries():
    def fn(params, x, y):
        g = sigmoid_chain()(params, x, y)
        return {"w": g["w"], "b": g["b"] * np.array([1.0, 1.0, 3.0])}

    verdict = a1.check_sigmoid_chain(fn)
    assert is_wrong(verdict) and "['b']" in verdict.message and "position 2" in verdict.message


def test_sigmoid_chain_does_not_see_the_learner_change_params():
    def fn(params, x, y):
        g = sigmoid_chain()(params, x, y)
        params["w"][:] = 0  # a learner's in-place update must not spoil the next case
        return g

    assert is_right(a1.check_sigmoid_chain(fn))


def test_sigmoid_chain_body_still_at_dots_waits():
    def chain_backprop_sigmoid(params, x, y): ...

    assert waits(a1.check_sigmoid_chain(chain_backprop_sigmoid))


@pytest.mark.parametrize(
    "fn, says",
    [
        (_raises, "raised ZeroDivisionError"),
        (lambda p, x, y: "grads", "keys 'w' and 'b'"),
        (lambda p, x, y: [1, 2, 3], "keys 'w' and 'b'"),
        (lambda p, x, y: {"w": [1, 2, 3]}, "keys 'w' and 'b'"),
        (lambda p, x, y: {"w": [1, 2], "b": [1, 2, 3]}, "three finite numbers"),
        (lambda p, x, y: {"w": [1, None, 3], "b": [1, 2, 3]}, "three finite numbers"),
        (lambda p, x, y: {"w": [1, math.nan, 3], "b": [1, 2, 3]}, "three finite numbers"),
        (lambda p, x, y: {"w": "abc", "b": [1, 2, 3]}, "three finite numbers"),
        (3, "should be a function"),
        ("def chain_backprop_sigmoid", "should be a function"),
    ],
    ids=["raises", "text", "list", "one-key", "short", "none", "nan", "str-entry", "int", "str"],
)
def test_sigmoid_chain_broken_functions_get_a_verdict(fn, says):
    verdict = a1.check_sigmoid_chain(fn)
    assert is_wrong(verdict) and says in verdict.message


# --- Exercise 6 · by hand ---------------------------------------------------------------------

A2 = math.tanh(-1.2 * math.tanh(0.8 * 0.6 + 0.1) + 0.3)
R = 1 / (1 - A2**2)
ERROR = (R - 1) / (R + 1)  # 0.05255...


def test_missing_slope_error_matches_what_the_gradient_check_reports():
    from nnutils.gradcheck import gradient_check

    def forward(p, x):
        a = x
        for i in range(3):
            a = np.tanh(p["w"][i] * a + p["b"][i])
        return a

    params = {"w": np.array([0.8, -1.2, 1.5]), "b": np.array([0.1, 0.3, -0.2])}
    x, y = 0.6, 0.25
    a1_ = np.tanh(0.8 * x + 0.1)
    a2_ = np.tanh(-1.2 * a1_ + 0.3)
    a3_ = np.tanh(1.5 * a2_ - 0.2)
    d3 = 2 * (a3_ - y) * (1 - a3_**2)
    d2 = d3 * 1.5  # the slope of a2 left out
    d1 = d2 * -1.2 * (1 - a1_**2)
    broken = {"w": np.array([d1 * x, d2 * a1_, d3 * a2_]), "b": np.array([d1, d2, d3])}
    report = gradient_check(lambda: (forward(params, x) - y) ** 2, params, broken)
    assert report.errors["w"] == pytest.approx(ERROR, abs=1e-8)
    assert report.errors["b"] == pytest.approx(ERROR, abs=1e-8)


@pytest.mark.parametrize("answer", [ERROR, 0.053, 0.0526, 0.0525, 0.1 / 1.9])
def test_missing_slope_error_right_to_two_significant_digits(answer):
    assert is_right(a1.check_missing_slope_error(answer))


def test_missing_slope_error_tolerance():
    assert is_right(a1.check_missing_slope_error(ERROR + 5.9e-4))
    assert is_wrong(a1.check_missing_slope_error(ERROR + 6.1e-4))


@pytest.mark.parametrize(
    "answer, says",
    [
        (R - 1, "how much too big"),
        (R, "ratio broken / right"),
        ((R - 1) / R, "divides the difference by the broken gradient alone"),
        (1 - A2**2, "the missing slope itself"),
        ((R - 1) / 2, "twice the right gradient"),
        (1.0, "sign error"),
        (1 / 3, "factor 2"),
        (0.111, "how much too big"),
        (0.9, "the missing slope itself"),
        (0.054, "is close, but not within the two significant digits"),
        (0.05, "is close, but not within the two significant digits"),
        (0.5, "not right yet"),
    ],
)
def test_missing_slope_error_names_each_mistake_without_the_answer(answer, says):
    verdict = a1.check_missing_slope_error(answer)
    assert is_wrong(verdict)
    assert says in verdict.message and "Hint:" in verdict.message
    assert "0.05" not in verdict.message and "0.053" not in verdict.message


@pytest.mark.parametrize("answer", ["0.053", [0.053], math.nan, -math.inf, [0.05, None], len])
def test_missing_slope_error_wrong_types_get_a_verdict(answer):
    assert is_wrong(a1.check_missing_slope_error(answer))
