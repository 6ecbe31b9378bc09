"""Chapter 06-07: network diagrams, the streetlight trainer, the forward stepper, checkers."""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest

from nnutils import data, plots, widgets


def relu(x):
    return (x > 0) * x


def relu2deriv(output):
    return output > 0


def forward(layer_0, weights_0_1, weights_1_2, use_relu=True):
    layer_1 = layer_0.dot(weights_0_1)
    if use_relu:
        layer_1 = relu(layer_1)
    return layer_1, layer_1.dot(weights_1_2)


def train(
    streetlights, walk_vs_stop, hidden_size=4, alpha=0.2, iterations=60, seed=1, use_relu=True
):
    np.random.seed(seed)
    weights_0_1 = 2 * np.random.random((3, hidden_size)) - 1
    weights_1_2 = 2 * np.random.random((hidden_size, 1)) - 1
    errors = []
    for _ in range(iterations):
        total = 0
        for i in range(len(streetlights)):
            layer_0 = streetlights[i : i + 1]
            layer_1, layer_2 = forward(layer_0, weights_0_1, weights_1_2, use_relu)
            total += np.sum((layer_2 - walk_vs_stop[i : i + 1]) ** 2)
            layer_2_delta = layer_2 - walk_vs_stop[i : i + 1]
            layer_1_delta = layer_2_delta.dot(weights_1_2.T)
            if use_relu:
                layer_1_delta = layer_1_delta * relu2deriv(layer_1)
            weights_1_2 = weights_1_2 - alpha * layer_1.T.dot(layer_2_delta)
            weights_0_1 = weights_0_1 - alpha * layer_0.T.dot(layer_1_delta)
        errors.append(total)
    return errors, weights_0_1, weights_1_2


DATASETS = {
    "four-row": (data.STREETLIGHTS_4, data.WALK_VS_STOP_4[:, None]),
    "six-row": (data.STREETLIGHTS, data.WALK_VS_STOP[:, None]),
}


# --- network diagram --------------------------------------------------------------------


def test_plot_network_3_4_1_draws_every_weight():
    w01, w12 = np.ones((3, 4)), -np.ones((4, 1))
    fig = plots.plot_network([w01, w12], values=[[1, 0, 1], None, [0.5]])
    segments = sum(
        len(c.get_segments()) for c in fig.axes[0].collections if hasattr(c, "get_segments")
    )
    assert segments == 3 * 4 + 4 * 1


def test_plot_network_784_40_10_in_reasonable_time():
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    fig = plots.plot_network([rng.normal(size=(784, 40)), rng.normal(size=(40, 10))])
    fig.canvas.draw()
    # generous: a frozen or quadratic implementation would take far longer
    assert time.perf_counter() - start < 30


@pytest.mark.parametrize(
    "weights, match",
    [
        ([np.ones((3, 4)), np.ones((5, 1))], "weights_1_2 has 5 rows but layer 1 has 4 nodes"),
        ([np.ones(3)], "weights_0_1 must be 2-D"),
        ([np.array([[np.nan]])], "weights_0_1 must be finite numbers"),
        ([], "at least one"),
    ],
)
def test_plot_network_rejects_wrong_shapes(weights, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_network(weights)


def test_plot_network_rejects_wrong_values():
    with pytest.raises(ValueError, match="values\\[1\\] has 3 entries, layer 1 has 4 nodes"):
        plots.plot_network([np.ones((3, 4)), np.ones((4, 1))], values=[[1, 0, 1], [1, 2, 3], [0]])


def test_plot_blocks_and_matrix_validate():
    with pytest.raises(ValueError, match="positive sizes"):
        plots.plot_blocks([("W", (0, 3))])
    with pytest.raises(ValueError, match="2-D"):
        plots.plot_matrix(np.zeros(3))
    with pytest.raises(ValueError, match="row_labels: expected 2"):
        plots.plot_matrix(np.zeros((2, 2)), row_labels=["a"])
    fig = plots.plot_matrix(np.array([[-0.0, 1.0]]))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["0.00", "1.00"]  # no "-0.00"


def test_plot_forward_views_checks_shapes():
    w01, w12 = np.ones((3, 4)), np.ones((4, 1))
    fig = plots.plot_forward_views(np.ones((1, 3)), w01, np.ones((1, 4)), w12, np.ones((1, 1)))
    assert len(fig.axes) == 4
    with pytest.raises(ValueError, match="layer_1 must have shape"):
        plots.plot_forward_views(np.ones((1, 3)), w01, np.ones((1, 5)), w12, np.ones((1, 1)))


# --- streetlight trainer ----------------------------------------------------------------------


def test_trainer_reproduces_the_book_and_learns():
    panel = widgets.streetlight_trainer(train, forward, DATASETS)
    assert panel.last_message.startswith("final error 1.506e-05: the network learned it")


def test_trainer_without_relu_fails_on_four_rows():
    panel = widgets.streetlight_trainer(train, forward, DATASETS)
    message = panel.update(use_relu=False, iterations=300)
    assert "has not learned it" in message and "without relu" in message


def test_trainer_six_rows_learns_even_without_relu():
    panel = widgets.streetlight_trainer(train, forward, DATASETS)
    message = panel.update(dataset="six-row", use_relu=False, iterations=200, alpha=0.05)
    assert "learned it" in message and "not" not in message


@pytest.mark.parametrize(
    "settings",
    [
        {"hidden_size": 1},
        {"hidden_size": 16, "alpha": 1.0, "iterations": 500},  # diverges
        {"hidden_size": 1, "alpha": 1.0, "iterations": 500, "use_relu": False},
        {"iterations": 1},
        {"alpha": 0.01, "seed": 20, "dataset": "six-row"},
    ],
)
def test_trainer_extremes_give_a_message_not_a_crash(settings):
    panel = widgets.streetlight_trainer(train, forward, DATASETS)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        message = panel.update(**settings)
    assert panel.last_error is None, message
    for ax in panel.fig.axes:
        for line in ax.lines:
            assert np.all(np.isfinite(np.asarray(line.get_ydata(), float)))


def test_trainer_reports_divergence():
    panel = widgets.streetlight_trainer(train, forward, DATASETS)
    message = panel.update(hidden_size=16, alpha=1.0, iterations=500, use_relu=False)
    assert message.startswith("diverged at iteration 1:")


def test_trainer_reports_a_dead_network():
    panel = widgets.streetlight_trainer(train, forward, DATASETS)
    message = panel.update(hidden_size=16, alpha=1.0, iterations=100)
    assert message.startswith("final error 2: every hidden node is silenced")


def test_trainer_needs_datasets():
    with pytest.raises(ValueError, match="at least one"):
        widgets.streetlight_trainer(train, forward, {})


# --- forward stepper ------------------------------------------------------------------------


def test_forward_stepper_steps_through_layers():
    np.random.seed(1)
    w01 = 2 * np.random.random((3, 4)) - 1
    w12 = 2 * np.random.random((4, 1)) - 1
    lights = data.STREETLIGHTS_4
    panel = widgets.forward_stepper(relu, w01, w12, lights)
    assert panel.last_message == "streetlight [1, 0, 1], step 0: [1.000, 0.000, 1.000]"
    weighted = lights[1:2].dot(w01).ravel()
    expected = ", ".join(f"{x:.3f}" for x in weighted)
    assert panel.update(streetlight=1, step=1).endswith(f"[{expected}]")
    after_relu = ", ".join(f"{x:.3f}" for x in relu(weighted))
    assert panel.update(step=2).endswith(f"[{after_relu}]")
    out = relu(lights[1:2].dot(w01)).dot(w12).ravel()[0]
    assert panel.update(step=3).endswith(f"[{out:.3f}]")


def test_forward_stepper_rejects_mismatched_data():
    with pytest.raises(ValueError, match="streetlights have 2 columns"):
        widgets.forward_stepper(relu, np.ones((3, 4)), np.ones((4, 1)), np.ones((4, 2)))


# --- checkers ------------------------------------------------------------------------------
