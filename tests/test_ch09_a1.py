"""Chapter 09 and appendix A1: plots, widgets and checkers."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nnutils import checks, plots, widgets


def softmax(logits):
    exps = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
    return exps / np.sum(exps, axis=-1, keepdims=True)


def naive_softmax(logits):
    exps = np.exp(logits)
    return exps / np.sum(exps, axis=-1, keepdims=True)


def cross_entropy(prediction, truth):
    return -np.sum(truth * np.log(prediction))


def normalise(scores):
    return scores / np.sum(scores)


def a1(a0, w1, b1):
    return np.tanh(w1 * a0 + b1)


# --- plots -------------------------------------------------------------------------


def test_plot_activation_draws_both_curves():
    x = np.linspace(-3, 3, 50)
    fig = plots.plot_activation(x, np.tanh(x), 1 - np.tanh(x) ** 2, title="tanh")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["output", "derivative"]
    with pytest.raises(ValueError, match="same length"):
        plots.plot_activation(x, np.tanh(x), x[:3])
    with pytest.raises(ValueError, match="derivative must be finite"):
        plots.plot_activation(x, x, x * np.inf)


def test_plot_probabilities_marks_the_target_and_negatives():
    fig = plots.plot_probabilities([0.2, -0.3, 1.1], target=1)
    bars = fig.axes[0].patches
    assert len(bars) == 3
    assert bars[1].get_facecolor()[:3] == pytest.approx((0.172, 0.627, 0.172), abs=0.01)  # green
    assert fig.axes[0].get_ylim()[0] < -0.3  # a negative "probability" stays visible
    with pytest.raises(ValueError, match="target"):
        plots.plot_probabilities([0.5, 0.5], target=2)
    with pytest.raises(ValueError, match="1-D"):
        plots.plot_probabilities([[0.5, 0.5]])
    with pytest.raises(ValueError, match="one name per class"):
        plots.plot_probabilities([0.5, 0.5], names=["a"])


def test_plot_neuron_validates():
    x = np.linspace(0, 1, 5)
    fig = plots.plot_neuron(x, np.tanh(x), [(0, 1, 0.1)])
    assert len(fig.axes[0].lines) >= 3
    with pytest.raises(ValueError, match="same length"):
        plots.plot_neuron(x, x[:2])


# --- widgets -----------------------------------------------------------------------


def test_softmax_explorer_reports_loss_and_delta():
    panel = widgets.softmax_explorer(softmax, cross_entropy, logits=(0.13, 0.33, 0.89), target=1)
    assert panel.last_error is None
    expected = -np.log(softmax(np.array([0.13, 0.33, 0.89]))[1])
    assert f"= {expected:.4f}" in panel.last_message
    assert "delta = prediction - truth" in panel.last_message
    before = panel.png
    panel.update(z1=3.0)
    assert panel.png != before
    assert float(panel.last_message.split("= ")[2].split(";")[0]) < expected


def test_softmax_explorer_shows_where_normalising_fails():
    panel = widgets.softmax_explorer(softmax, cross_entropy, normalise=normalise)
    assert len(panel.fig.axes) == 2
    panel.update(z0=1.0, z1=-1.0, z2=0.0)  # the logits add up to 0
    assert panel.last_error is None and "fails" in panel.last_message
    panel.update(z0=2.0, z1=-1.0, z2=0.5)
    assert "outside [0, 1]" in panel.last_message


@pytest.mark.parametrize("value", [-6.0, 6.0])
def test_softmax_explorer_extremes_stay_finite(value):
    panel = widgets.softmax_explorer(softmax, cross_entropy, normalise=normalise)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for target in range(3):
            panel.update(z0=value, z1=-value, z2=value, target=target)
            assert panel.last_error is None, panel.last_message


def test_softmax_explorer_explains_a_broken_softmax():
    panel = widgets.softmax_explorer(lambda z: z[:2], cross_entropy)
    assert panel.last_error is not None and "shape" in panel.last_message
    panel = widgets.softmax_explorer(lambda z: z * np.nan, cross_entropy)
    assert "not finite" in panel.last_message


def test_softmax_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="between 2 and 10"):
        widgets.softmax_explorer(softmax, cross_entropy, logits=(1.0,))
    with pytest.raises(ValueError, match="target"):
        widgets.softmax_explorer(softmax, cross_entropy, logits=(1.0, 2.0), target=2)


def test_neuron_explorer_finds_the_not_gate():
    panel = widgets.neuron_explorer(a1)
    assert "input 0 gives -0.100" in panel.last_message
    panel.update(weight=-5.0, bias=5.0)
    assert "input 0 gives 1.000" in panel.last_message
    assert "input 1 gives 0.000" in panel.last_message
    for w in (-10.0, 10.0):
        for b in (-10.0, 10.0):
            panel.update(weight=w, bias=b)
            assert panel.last_error is None


# --- checkers ----------------------------------------------------------------------


def test_check_softmax():
    assert checks.check_softmax(softmax).ok
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the overflow is explained, not warned about
        unsafe = checks.check_softmax(naive_softmax)
    assert not unsafe.ok and "Subtract the largest logit" in unsafe.message
    plain = checks.check_softmax(normalise)
    assert not plain.ok
    whole = checks.check_softmax(lambda z: np.exp(z) / np.sum(np.exp(z)))  # sums the whole batch
    assert not whole.ok and "shape" not in whole.message


def test_check_not_neuron():
    assert checks.check_not_neuron(-5, 5).ok
    assert not checks.check_not_neuron(1.3, -0.1).ok
    assert not checks.check_not_neuron(5, -5).ok
    assert not checks.check_not_neuron(float("nan"), 5).ok


def test_check_tanh_layer_and_cost():
    assert checks.check_tanh_layer([0.76159416, -0.76159416]).ok
    assert checks.check_tanh_layer([0.76, -0.76]).ok  # two decimals, as the quiz allows
    assert not checks.check_tanh_layer([1.0, -1.0]).ok  # forgot the tanh
    assert checks.check_cost(1.7788340952508743).ok
    assert not checks.check_cost(1.7788340952508743 / 2).ok


def test_check_dCdb():
    def right(w1, b1, x, y):
        a = np.tanh(w1 * x + b1)
        return 2 * (a - y) * (1 - a**2)

    def dCdw(w1, b1, x, y):  # the weight's formula: an extra factor x
        return right(w1, b1, x, y) * x

    assert checks.check_dCdb(right).ok
    assert right(2.3, -1.2, 0, 1) == pytest.approx(-1.118603, abs=1e-6)
    assert not checks.check_dCdb(dCdw).ok


def test_softmax_explorer_moves_bars_and_labels_with_the_logits():
    panel = widgets.softmax_explorer(softmax, cross_entropy, normalise=normalise)
    for z0 in (3.0, -2.0):
        panel.update(z0=z0, target=2)
        expected = softmax(np.array([z0, 0.33, 0.89]))
        ax = panel.fig.axes[1]
        heights = [bar.get_height() for bar in ax.patches]
        assert heights == pytest.approx(expected.tolist())
        texts = sorted(t.get_text() for t in ax.texts)
        assert texts == sorted(f"{v:.3f}" for v in expected)
        for bar, text in zip(ax.patches, sorted(ax.texts, key=lambda t: t.get_position()[0])):
            assert text.get_position()[1] == pytest.approx(bar.get_height())
        assert ax.patches[2].get_facecolor()[:3] == pytest.approx((0.172, 0.627, 0.172), abs=0.01)
