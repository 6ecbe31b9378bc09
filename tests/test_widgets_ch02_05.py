"""Chapter 02-05 widgets and checkers, driven without a browser, including extreme settings."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nnutils import checks, plots, widgets

# The notebooks' own functions, as a learner would type them.


def neural_network(input, weight):
    return input * weight


def error_of(weight, input=0.5, goal_pred=0.8):
    return (input * weight - goal_pred) ** 2


def slope_of(weight, input=0.5, goal_pred=0.8):
    return 2 * (input * weight - goal_pred) * input


def gradient_descent(weight, input, goal_pred, alpha, steps):
    weights = [weight]
    for _ in range(steps):
        delta = input * weight - goal_pred
        weight = weight - alpha * delta * input
        weights.append(weight)
    return weights


def error_at(weight, input, goal_pred):
    return (input * weight - goal_pred) ** 2


def hot_and_cold(step_amount, iterations, weight=0.5, input=0.5, goal=0.8):
    errors, predictions = [], []
    for _ in range(iterations):
        prediction = input * weight
        errors.append((prediction - goal) ** 2)
        predictions.append(prediction)
        up = (goal - input * (weight + step_amount)) ** 2
        down = (goal - input * (weight - step_amount)) ** 2
        if down < up:
            weight -= step_amount
        if down > up:
            weight += step_amount
    return errors, predictions


def _drawn_finite(panel: widgets.Panel) -> None:
    """Every line and point on the panel's figure is finite: no NaN or inf is drawn."""
    for ax in panel.fig.axes:
        for line in ax.lines:
            x, y = line.get_data()
            assert np.all(np.isfinite(np.asarray(x, float))), ax.get_title()
            assert np.all(np.isfinite(np.asarray(y, float))), ax.get_title()
        for coll in ax.collections:
            assert np.all(np.isfinite(coll.get_offsets())), ax.get_title()


# --- divergence detection -------------------------------------------------------------


def test_divergence_step():
    assert widgets.divergence_step([1, 0.5, 0.1]) is None
    assert widgets.divergence_step([1, 10, 1e5, 1e7]) == 3
    assert widgets.divergence_step([0.04, float("nan")]) == 1
    assert widgets.divergence_step([0.04, float("inf")]) == 1
    assert widgets.divergence_step([]) is None


# --- chapter 02 ---------------------------------------------------------------------------


@pytest.mark.parametrize("weight", [-1.0, 0.0, 1 / 8.5, 1.0])
def test_knob_explorer(weight):
    panel = widgets.knob_explorer(neural_network, 8.5, 1.0)
    message = panel.update(weight=weight)
    assert message == (f"prediction {8.5 * weight:.3f}, goal 1, miss {8.5 * weight - 1:+.3f}")
    assert panel.last_error is None
    _drawn_finite(panel)


# --- chapter 04 ---------------------------------------------------------------------------


def test_bowl_explorer_reports_error_and_slope():
    panel = widgets.bowl_explorer(error_of, slope_of, weight=0.5)
    assert panel.last_message.startswith("weight 0.50: error 0.3025, slope -0.5500")
    assert "increase" in panel.last_message
    assert "decrease" in panel.update(weight=3.0)
    assert "bottom" in panel.update(weight=1.6)
    assert panel.update(weight=-1.0).startswith("weight -1.00: error 1.6900")


@pytest.mark.parametrize("weight", [-1.0, 4.0])
def test_bowl_explorer_extremes(weight):
    panel = widgets.bowl_explorer(error_of, slope_of, weight_range=(-1, 4))
    panel.update(weight=weight)
    assert panel.last_error is None
    _drawn_finite(panel)


def test_bowl_explorer_rejects_empty_range():
    with pytest.raises(ValueError, match="low < high"):
        widgets.bowl_explorer(error_of, slope_of, weight_range=(2, 2))


def test_descent_explorer_classifies_runs():
    panel = widgets.descent_explorer(gradient_descent, error_at, input=2, alpha=0.1)
    assert panel.last_message.startswith("converged smoothly")
    assert panel.update(alpha=0.4).startswith("converged zig-zagging across the bottom")
    assert panel.update(steps=6).startswith("oscillating across the bottom (shrinking)")
    assert panel.update(alpha=0.5, steps=20).startswith(
        "oscillating across the bottom (not shrinking)"
    )
    assert panel.update(alpha=1.0, steps=20).startswith("diverged at step 8")
    assert panel.update(alpha=0.01, steps=5).startswith("still descending")
    assert "input 0" in panel.update(input=0.0)


@pytest.mark.parametrize(
    "alpha, input, weight, steps",
    [
        (2.0, 3.0, 3.0, 100),  # everything at its largest
        (2.0, -3.0, -3.0, 100),
        (0.0, 3.0, 3.0, 100),
        (2.0, 3.0, 3.0, 0),
        (0.0, 0.0, 0.0, 0),
        (1.0, 2.0, 0.5, 1000),  # beyond the slider: overflow to inf and nan
    ],
)
def test_descent_explorer_extremes_never_draw_overflow(alpha, input, weight, steps):
    panel = widgets.descent_explorer(gradient_descent, error_at)
    panel.controls["steps"].max = max(steps, 100)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        message = panel.update(alpha=alpha, input=input, weight=weight, steps=steps)
    assert panel.last_error is None, message
    if alpha * input**2 > 2 and steps > 0:
        assert message.startswith("diverged at step")
    if steps == 0:
        assert message.startswith("no steps taken yet")
    _drawn_finite(panel)


def test_descent_explorer_handles_python_overflow():
    """A learner's ** on huge floats raises OverflowError; the widget reports divergence."""

    def error_pow(weight, input, goal_pred):
        return (input * weight - goal_pred) ** 2  # ** raises OverflowError past 1e154

    panel = widgets.descent_explorer(gradient_descent, error_pow)
    panel.controls["steps"].max = 2000
    message = panel.update(alpha=2.0, input=3.0, steps=2000)
    assert message.startswith("diverged at step") and panel.last_error is None


def test_hot_cold_explorer():
    panel = widgets.hot_cold_explorer(hot_and_cold)
    assert panel.last_message == "after 1101 iterations: prediction 0.8000, error 1.08e-27"
    message = panel.update(step_amount=10, iterations=6)
    assert "bounces between 0.25 and 5.25 forever" in message


@pytest.mark.parametrize("step, iterations", [(1e-4, 1), (1e-4, 2000), (10, 2000), (10, 1)])
def test_hot_cold_explorer_extremes(step, iterations):
    panel = widgets.hot_cold_explorer(hot_and_cold)
    panel.update(step_amount=step, iterations=iterations)
    assert panel.last_error is None
    _drawn_finite(panel)


# --- chapter 05 ---------------------------------------------------------------------------

INPUT = [8.5, 0.65, 1.2]


def train(freeze_a, iterations=10):
    weights, alpha = [0.1, 0.2, -0.1], 0.3 if freeze_a else 0.01
    history = [list(weights)]
    for _ in range(iterations):
        delta = float(np.dot(INPUT, weights)) - 1
        deltas = [delta * x for x in INPUT]
        if freeze_a:
            deltas[0] = 0
        weights = [w - alpha * d for w, d in zip(weights, deltas)]
        history.append(list(weights))
    return history


def error3(weights):
    return (float(np.dot(INPUT, weights)) - 1) ** 2


def test_three_bowls_explorer_moves_points_or_bowls():
    panel = widgets.three_bowls_explorer(train, error3)
    assert panel.last_message.startswith("iteration 0: weights [0.1000, 0.2000, -0.1000]")
    assert panel.controls["iteration"].max == 10
    frozen = panel.update(iteration=10, freeze_a=True)
    assert frozen.startswith("iteration 10 (weight a frozen): weights [0.1000,")
    # the frozen weight's dot stays at 0.1 while its bowl's bottom moves under it
    dot = panel.fig.axes[0].lines[-1].get_xdata()[0]
    assert dot == pytest.approx(0.1)
    curve = panel.fig.axes[0].lines[0]
    bottom = curve.get_xdata()[np.argmin(curve.get_ydata())]
    assert bottom == pytest.approx(0.1, abs=0.02)
    _drawn_finite(panel)


def test_three_bowls_explorer_rejects_wrong_history():
    with pytest.raises(ValueError, match="expected 3 weights"):
        widgets.three_bowls_explorer(lambda freeze: [[0.1, 0.2]], error3)


@pytest.fixture
def fake_mnist():
    rng = np.random.default_rng(0)
    images = rng.random((40, 784))
    labels = np.eye(10)[np.arange(40) % 10]
    return images, labels


def test_digit_picker(fake_mnist):
    images, labels = fake_mnist
    weights = np.zeros((784, 10))
    weights[:, 3] = 1.0  # node 3 wins on every image
    panel = widgets.digit_picker(weights, lambda image, w: image.dot(w), images, labels)
    assert "highest score is node 3 (wrong)" in panel.update(digit=7, example=0)
    assert "highest score is node 3 (right)" in panel.update(digit=3, example=19)
    bold = [
        t.get_text() for t in panel.fig.axes[2].get_xticklabels() if t.get_fontweight() == "bold"
    ]
    assert bold == ["3"]


def test_digit_picker_rejects_bad_shapes(fake_mnist):
    images, labels = fake_mnist
    with pytest.raises(ValueError, match=r"\(784, 10\)"):
        widgets.digit_picker(np.zeros((10, 784)), lambda i, w: i.dot(w), images, labels)
    with pytest.raises(ValueError, match="images must be"):
        widgets.digit_picker(np.zeros((784, 10)), lambda i, w: i.dot(w), images[:, :5], labels)


def test_digit_picker_missing_digit_is_a_message(fake_mnist):
    images, labels = fake_mnist
    only_zeros = np.eye(10)[np.zeros(40, int)]
    panel = widgets.digit_picker(np.zeros((784, 10)), lambda i, w: i.dot(w), images, only_zeros)
    assert panel.update(digit=5) == "Error: ValueError: no image of a 5 among the 40 given"


# --- plots ----------------------------------------------------------------------------------


def test_plot_error_bowl_and_curve_validate():
    with pytest.raises(ValueError, match="same length"):
        plots.plot_error_bowl([0, 1, 2], [0, 1])
    with pytest.raises(ValueError, match="finite"):
        plots.plot_error_bowl([0, 1], [0, np.inf])
    with pytest.raises(ValueError, match="must match"):
        plots.plot_error_bowl([0, 1], [0, 1], path=[0, 1], path_errors=[0])
    fig = plots.plot_error_curve([1, 0.1, 0.0, 0.001])
    assert len(fig.axes[0].lines[0].get_xdata()) == 3  # the zero is left off the log axis


def test_plot_weight_images_shapes():
    fig = plots.plot_weight_images(np.zeros((784, 10)))
    assert len(fig.axes) == 10
    with pytest.raises(ValueError, match=r"\(784, k\)"):
        plots.plot_weight_images(np.zeros((10, 784)))
    with pytest.raises(ValueError, match="784 values"):
        plots.plot_digit(np.zeros(100))


def test_widget_axes_replace_their_drawing_and_limits():
    """In a widget's figure a redraw replaces the last one and rescales to the new data."""
    from matplotlib.figure import Figure

    fig = Figure()
    fig._nnutils_live = True
    ax = fig.subplots()
    plots.plot_error_curve([1e-30, 1.0], ax=ax)
    plots.plot_error_curve([1.0, 20.0, 300.0], ax=ax)
    assert len(ax.lines) == 1 and ax.get_ylim()[0] > 1e-5


def test_notebook_axes_keep_earlier_curves():
    """On a notebook's own axes, calls overlay (e.g. two runs on one plot)."""
    fig = plots.plot_error_curve([1.0, 0.1, 0.01], label="a")
    plots.plot_error_curve([1.0, 0.5, 0.2], ax=fig.axes[0], label="b")
    assert len(fig.axes[0].lines) == 2


# --- checkers -------------------------------------------------------------------------------


def test_chapter_04_checkers():
    assert checks.check_weight_delta(2.1).ok
    assert "sign is flipped" in checks.check_weight_delta(-2.1).message
    assert "That's delta" in checks.check_weight_delta(0.7).message
    assert "full slope" in checks.check_weight_delta(4.2).message
    assert checks.check_alpha_limit(0.5).ok
    assert not checks.check_alpha_limit(1.0).ok
