"""Chapter 08 plots and checkers, and the gradient checker of appendix A1."""

from __future__ import annotations

import numpy as np
import pytest

from nnutils import checks, gradcheck, plots


def test_plot_accuracy_curves_shades_the_gap():
    history = [{"iteration": j, "train_accuracy": 0.5 + j / 40} for j in range(20)]
    for h in history[::10]:
        h["test_accuracy"] = 0.6
    fig = plots.plot_accuracy_curves(history)
    ax = fig.axes[0]
    assert len(ax.collections) >= 1  # the shaded gap
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["train", "test", "gap"]


def test_plot_accuracy_curves_rejects_nan():
    with pytest.raises(ValueError, match="train_accuracy"):
        plots.plot_accuracy_curves([{"iteration": 0, "train_accuracy": float("nan")}])
    with pytest.raises(TypeError):
        plots.plot_accuracy_curves(None)


def test_confusion_and_per_class():
    confusion = np.diag([5, 6, 7]) + 1
    fig = plots.plot_confusion(confusion)
    assert fig.axes[0].get_xlabel() == "predicted digit"
    with pytest.raises(ValueError, match="square"):
        plots.plot_confusion(np.zeros((2, 3)))
    fig = plots.plot_per_class_accuracy([0.9, 0.8])
    assert len(fig.axes[0].patches) == 2


def test_check_relu2deriv():
    assert checks.check_relu2deriv(lambda o: o > 0).ok
    published = checks.check_relu2deriv(lambda o: o >= 0)
    assert not published.ok and "never" in published.message
    assert not checks.check_relu2deriv(lambda o: 1 / 0).ok


def test_check_dropout_mask():
    def good(shape, rate):
        return (np.random.random(shape) >= rate) / (1 - rate)

    def unscaled(shape, rate):
        return (np.random.random(shape) >= rate).astype(float)

    def wrong_rate(shape, rate):
        return (np.random.random(shape) >= 0.5) / (1 - rate)

    assert checks.check_dropout_mask(good).ok
    assert "Scale the kept units" in checks.check_dropout_mask(unscaled).message
    assert "dropped" in checks.check_dropout_mask(wrong_rate).message
    state = np.random.get_state()
    checks.check_dropout_mask(good)
    assert np.array_equal(np.random.get_state()[1], state[1])  # the learner's seed is untouched


# --- gradient checking ------------------------------------------------------------------


def _network():
    rng = np.random.default_rng(1)
    x = rng.random((4, 3))
    y = rng.random((4, 1))
    w01 = rng.uniform(-1, 1, (3, 4))
    w12 = rng.uniform(-1, 1, (4, 1))
    return x, y, w01, w12


def _loss_and_grads(x, y, w01, w12, deriv):
    def loss():
        layer_1 = np.maximum(x @ w01, 0)
        return 0.5 * np.sum((layer_1 @ w12 - y) ** 2)

    layer_1 = np.maximum(x @ w01, 0)
    delta_2 = layer_1 @ w12 - y
    delta_1 = delta_2 @ w12.T * deriv(layer_1)
    return loss, {"w01": x.T @ delta_1, "w12": layer_1.T @ delta_2}


def test_gradient_check_passes_a_correct_backprop():
    x, y, w01, w12 = _network()
    before = (w01.copy(), w12.copy())
    loss, grads = _loss_and_grads(x, y, w01, w12, lambda out: out > 0)
    report = gradcheck.gradient_check(loss, {"w01": w01, "w12": w12}, grads)
    assert report.ok and max(report.errors.values()) < 1e-6
    assert np.array_equal(w01, before[0]) and np.array_equal(w12, before[1])  # restored


def test_gradient_check_flags_the_published_relu_derivative():
    x, y, w01, w12 = _network()
    # make sure some hidden units are switched off for some examples
    w01[:, 0] = -np.abs(w01[:, 0])
    loss, grads = _loss_and_grads(x, y, w01, w12, lambda out: out >= 0)
    report = gradcheck.gradient_check(loss, {"w01": w01, "w12": w12}, grads)
    assert not report.ok
    assert report.errors["w01"] > 0.1 and report.errors["w12"] < 1e-7
    assert "w01" in report.message and "disagree" in report.message


def test_gradient_check_flags_a_scaled_gradient():
    x, y, w01, w12 = _network()
    loss, grads = _loss_and_grads(x, y, w01, w12, lambda out: out > 0)
    grads["w12"] = grads["w12"] * 1.01  # off by one percent
    report = gradcheck.gradient_check(loss, {"w01": w01, "w12": w12}, grads)
    assert not report.ok and report.errors["w12"] == pytest.approx(0.01 / 2.01, rel=1e-3)


def test_gradient_check_bad_input():
    x, y, w01, w12 = _network()
    loss, grads = _loss_and_grads(x, y, w01, w12, lambda out: out > 0)
    with pytest.raises(ValueError, match="same arrays"):
        gradcheck.gradient_check(loss, {"w01": w01}, grads)
    with pytest.raises(ValueError, match="shape"):
        gradcheck.gradient_check(loss, {"w01": w01, "w12": w12}, {**grads, "w12": grads["w12"].T})
    with pytest.raises(ValueError, match="nan"):
        gradcheck.gradient_check(
            loss, {"w01": w01, "w12": w12}, {**grads, "w12": grads["w12"] * np.nan}
        )
    with pytest.raises(TypeError, match="float numpy array"):
        gradcheck.numerical_gradient(loss, [1.0, 2.0])
    with pytest.raises(ValueError, match="not finite"):
        gradcheck.numerical_gradient(lambda: float("inf"), np.zeros(2))


def test_gradient_check_samples_big_arrays():
    w = np.linspace(-1, 1, 5000)
    calls = []

    def loss():
        calls.append(1)
        return float(0.5 * np.sum(w**2))

    report = gradcheck.gradient_check(
        loss, {"w": w}, {"w": w.copy()}, max_checks=50, tolerance=1e-3
    )
    assert report.ok and len(calls) == 2 * 50
