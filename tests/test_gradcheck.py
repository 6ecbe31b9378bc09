"""nnutils.gradcheck: backprop's gradients against finite differences.

A correct backprop passes; the published relu derivative (`output >= 0`, which
lets the delta through units relu switched off) is flagged, and so is a
gradient off by one percent; mismatched arguments are clear errors.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnutils.checks.feedback import Feedback
from nnutils.gradcheck import GradientReport, gradient_check, numerical_gradient


def network():
    rng = np.random.default_rng(1)
    x = rng.random((4, 3))
    y = rng.random((4, 1))
    w01 = rng.uniform(-1, 1, (3, 4))
    w12 = rng.uniform(-1, 1, (4, 1))
    w01[:, 0] = -np.abs(w01[:, 0])  # hidden unit 0 is switched off for every example
    return x, y, w01, w12


def loss_and_grads(x, y, w01, w12, relu2deriv):
    """A two-layer relu network's loss, and backprop's gradients with the given derivative."""

    def loss():
        layer_1 = np.maximum(x @ w01, 0)
        return 0.5 * np.sum((layer_1 @ w12 - y) ** 2)

    layer_1 = np.maximum(x @ w01, 0)
    delta_2 = layer_1 @ w12 - y
    delta_1 = delta_2 @ w12.T * relu2deriv(layer_1)
    return loss, {"w01": x.T @ delta_1, "w12": layer_1.T @ delta_2}


def test_a_correct_backprop_passes_and_the_parameters_are_restored():
    x, y, w01, w12 = network()
    before = (w01.copy(), w12.copy())
    loss, grads = loss_and_grads(x, y, w01, w12, lambda out: out > 0)
    report = gradient_check(loss, {"w01": w01, "w12": w12}, grads)
    assert isinstance(report, GradientReport) and isinstance(report, Feedback)
    assert report.ok and report.status == "right" and repr(report).startswith("✔ ")
    assert report.message.startswith("gradients agree (largest relative error: w01 ")
    assert max(report.errors.values()) < 1e-6
    assert set(report.worst) == {"w01", "w12"}
    assert np.array_equal(w01, before[0]) and np.array_equal(w12, before[1])  # restored exactly


def test_the_published_relu_derivative_is_flagged():
    x, y, w01, w12 = network()
    loss, grads = loss_and_grads(x, y, w01, w12, lambda out: out >= 0)
    report = gradient_check(loss, {"w01": w01, "w12": w12}, grads)
    assert not report.ok and report.status == "wrong" and repr(report).startswith("✘ ")
    assert report.errors["w01"] > 0.1 and report.errors["w12"] < 1e-7
    assert report.worst["w01"][1] == 0  # the worst entry feeds the switched-off unit
    assert "disagree" in report.message and "worst: w01[" in report.message
    assert "backprop" in report.message and "numerical" in report.message


def test_a_gradient_off_by_one_percent_is_flagged():
    x, y, w01, w12 = network()
    loss, grads = loss_and_grads(x, y, w01, w12, lambda out: out > 0)
    grads["w12"] = grads["w12"] * 1.01
    report = gradient_check(loss, {"w01": w01, "w12": w12}, grads)
    assert not report.ok
    assert report.errors["w12"] == pytest.approx(0.01 / 2.01, rel=1e-3)
    assert report.errors["w01"] < 1e-6
    assert "worst: w12[" in report.message


def test_the_tolerance_decides():
    x, y, w01, w12 = network()
    loss, grads = loss_and_grads(x, y, w01, w12, lambda out: out > 0)
    grads["w12"] = grads["w12"] * 1.01
    assert gradient_check(loss, {"w01": w01, "w12": w12}, grads, tolerance=0.01).ok
    assert not gradient_check(loss, {"w01": w01, "w12": w12}, grads, tolerance=0.004).ok


def test_entries_far_below_the_largest_are_judged_against_it():
    """A gradient of 1e-12 next to ones of size 1 can't be resolved by finite differences."""
    w = np.array([1.0, 1e-6])

    def loss():
        return float(0.5 * w[0] ** 2 + 1e-6 * w[1])  # gradients 1 and 1e-6

    report = gradient_check(loss, {"w": w}, {"w": np.array([1.0, 1.0000001e-6])})
    assert report.ok


def test_big_arrays_are_sampled():
    w = np.linspace(-1, 1, 5000)
    calls = []

    def loss():
        calls.append(1)
        return float(0.5 * np.sum(w**2))

    report = gradient_check(loss, {"w": w}, {"w": w.copy()}, max_checks=50, tolerance=1e-3)
    assert report.ok and len(calls) == 2 * 50


def test_sampling_is_reproducible_and_seeded():
    w = np.linspace(-1, 1, 500)
    wrong = w.copy()
    wrong[::7] *= 1.5  # every 7th entry wrong

    def loss():
        return float(0.5 * np.sum(w**2))

    a = gradient_check(loss, {"w": w}, {"w": wrong}, max_checks=20, seed=3)
    b = gradient_check(loss, {"w": w}, {"w": wrong}, max_checks=20, seed=3)
    assert a.worst == b.worst and a.errors == b.errors
    assert not gradient_check(loss, {"w": w}, {"w": wrong}, max_checks=None).ok


def test_mismatched_params_and_grads_raise():
    x, y, w01, w12 = network()
    loss, grads = loss_and_grads(x, y, w01, w12, lambda out: out > 0)
    params = {"w01": w01, "w12": w12}
    with pytest.raises(ValueError, match="must name the same arrays"):
        gradient_check(loss, {"w01": w01}, grads)
    with pytest.raises(ValueError, match="must name the same arrays"):
        gradient_check(loss, params, {**grads, "b": np.zeros(1)})
    with pytest.raises(
        ValueError, match=r"grads\['w12'\] has shape \(1, 4\), the parameter \(4, 1\)"
    ):
        gradient_check(loss, params, {**grads, "w12": grads["w12"].T})
    with pytest.raises(ValueError, match=r"grads\['w12'\] contains nan or inf"):
        gradient_check(loss, params, {**grads, "w12": grads["w12"] * np.nan})


def test_numerical_gradient_of_a_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = numerical_gradient(lambda: float(np.sum(x**3)), x)
    assert np.allclose(grad, 3 * x**2, rtol=1e-6)
    assert np.array_equal(x, [[1.0, -2.0], [0.5, 3.0]])  # restored


def test_numerical_gradient_only_the_entries_asked_for():
    x = np.array([1.0, 2.0, 3.0])
    grad = numerical_gradient(lambda: float(np.sum(x**2)), x, indices=[(1,)])
    assert grad.tolist() == pytest.approx([0.0, 4.0, 0.0])


def test_numerical_gradient_bad_arguments():
    with pytest.raises(TypeError, match="param must be a float numpy array"):
        numerical_gradient(lambda: 0.0, [1.0, 2.0])
    with pytest.raises(TypeError, match="param must be a float numpy array"):
        numerical_gradient(lambda: 0.0, np.array([1, 2]))
    with pytest.raises(ValueError, match="param must be finite"):
        numerical_gradient(lambda: 0.0, np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match="loss\\(\\) is not finite near index"):
        numerical_gradient(lambda: float("inf"), np.zeros(2))
