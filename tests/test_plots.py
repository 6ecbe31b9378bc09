"""nnutils.plots: every public plot draws what it is given and returns the figure.

Each function draws onto a new figure, or onto a given `ax` (only adding to
it), returns the figure, and rejects bad arguments with a message naming
them. A few representative bad arguments per function are here; the
exhaustive fuzzing of every argument is in tests/test_api_audit.py.
"""

from __future__ import annotations

import inspect
import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from nnutils import plots
from nnutils.style import NEGATIVE, POSITIVE, TOTAL

X = np.linspace(-3, 3, 61)
GRID = np.linspace(-1, 4, 201)
HISTORY = [
    {
        "iteration": j,
        "train_accuracy": 0.5 + j / 40,
        **({"test_accuracy": 0.6} if j % 10 == 0 else {}),
    }
    for j in range(20)
]
RNG = np.random.default_rng(0)

#: one typical call per public plot function
CALLS = {
    "plot_knob": dict(input=8.5, weight=0.1, prediction=0.85, goal=1.0),
    "plot_local_predictions": dict(
        input=[8.5, 0.65, 1.2], weights=[0.1, 0.2, 0.0], names=["toes", "wlrec", "nfans"]
    ),
    "plot_error_bowl": dict(
        weight_grid=GRID, error_grid=(0.5 * GRID - 0.8) ** 2, weight=0.5, error=0.3025, slope=-0.55
    ),
    "plot_error_curve": dict(errors=[0.64, 0.1, 0.01, 0.001]),
    "plot_predictions_vs_goal": dict(predictions=[0.25, 0.5, 0.7, 0.8], goal=0.8),
    "plot_weight_image": dict(weights=RNG.normal(size=784), title="weights into node 3"),
    "plot_digit": dict(image=RNG.random(784), title="a 3"),
    "plot_weight_images": dict(weights=RNG.normal(size=(784, 4))),
    "plot_scores": dict(scores=np.linspace(-0.2, 0.9, 10), truth=3),
    "plot_network": dict(weights=[RNG.uniform(-1, 1, (3, 4)), RNG.uniform(-1, 1, (4, 1))]),
    "plot_blocks": dict(shapes=[("layer_0", (1, 3)), ("weights_0_1", (3, 4)), ("layer_1", (1, 4))]),
    "plot_matrix": dict(values=np.array([[0.5, -1.0], [0.25, 0.0]])),
    "plot_forward_views": dict(
        layer_0=np.array([[1.0, 0.0, 1.0]]),
        weights_0_1=np.ones((3, 4)),
        layer_1=np.full((1, 4), 2.0),
        weights_1_2=np.ones((4, 1)),
        layer_2=np.array([[8.0]]),
    ),
    "plot_accuracy_curves": dict(history=HISTORY),
    "plot_confusion": dict(confusion=np.diag([5, 6, 7]) + 1),
    "plot_per_class_accuracy": dict(accuracy=[0.9, 0.8, 0.95]),
    "plot_activation": dict(x=X, output=np.tanh(X), derivative=1 - np.tanh(X) ** 2),
    "plot_probabilities": dict(probabilities=[0.2, 0.5, 0.3], target=1),
    "plot_neuron": dict(inputs=X, outputs=np.tanh(X), goals=[(0.0, 1.0, -0.1)]),
}

WITH_AX = [
    name for name in plots.__all__ if "ax" in inspect.signature(getattr(plots, name)).parameters
]


def test_every_public_plot_has_a_typical_call_here():
    assert sorted(CALLS) == sorted(plots.__all__)


def test_every_plot_takes_an_ax_but_the_grids():
    assert sorted(set(plots.__all__) - set(WITH_AX)) == ["plot_forward_views", "plot_weight_images"]


@pytest.mark.parametrize("name", plots.__all__)
def test_a_plot_draws_onto_a_new_figure_and_returns_it(name):
    before = set(plt.get_fignums())
    fig = getattr(plots, name)(**CALLS[name])
    assert isinstance(fig, Figure)
    assert len(set(plt.get_fignums()) - before) == 1  # one new figure: the one returned
    assert fig.axes
    fig.canvas.draw()  # it can be drawn


@pytest.mark.parametrize("name", WITH_AX)
def test_a_plot_given_an_ax_only_adds_to_it(name):
    fig, (mine, theirs) = plt.subplots(1, 2, figsize=(14, 5))
    (kept,) = theirs.plot([0, 1], [0, 1], label="the notebook's own line")
    theirs.set_title("the notebook's")
    before = set(plt.get_fignums())
    returned = getattr(plots, name)(**CALLS[name], ax=theirs)
    assert returned is fig
    assert set(plt.get_fignums()) == before  # no new figure
    assert kept in theirs.lines and kept.axes is theirs  # the notebook's line is still there
    assert not mine.lines and not mine.patches and not mine.texts and not mine.collections


@pytest.mark.parametrize("name", WITH_AX)
def test_ax_must_be_matplotlib_axes(name):
    with pytest.raises(TypeError, match="ax must be matplotlib axes"):
        getattr(plots, name)(**CALLS[name], ax="axes")


# --- chapters 02-03 -----------------------------------------------------------------------------


def test_plot_knob_marks_input_prediction_and_goal():
    ax = plots.plot_knob(8.5, 0.1, 0.85, 1.0).axes[0]
    points = {tuple(line.get_xdata()) for line in ax.lines if len(line.get_xdata()) == 1}
    assert {(8.5,), (0.85,), (1.0,)} <= points
    assert "miss -0.150" in [t.get_text() for t in ax.texts]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(weight=math.nan), ValueError, "weight must be a finite number"),
        (dict(goal="1"), TypeError, "goal must be a number"),
        (dict(input=None), TypeError, "input must be a number"),
        (dict(prediction=math.inf), ValueError, "prediction"),
    ],
)
def test_plot_knob_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_knob(**{**CALLS["plot_knob"], **kwargs})


def test_plot_local_predictions_draws_bars_and_the_sum():
    fig = plots.plot_local_predictions([8.5, 0.65, 1.2], [0.1, 0.2, 0.0], ["a", "b", "c"])
    heights = [p.get_height() for p in fig.axes[0].patches]
    assert heights == pytest.approx([0.85, 0.13, 0.0, 0.98])


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(input=[1, 2]), ValueError, "input .* must match"),
        (dict(names=["a", "b"]), ValueError, "2 names must match"),
        (dict(names="abc"), TypeError, "names must be a list"),
        (dict(weights=[1, np.nan, 3]), ValueError, "weights must be finite"),
        (dict(input=[[1, 2, 3]]), ValueError, "input must be 1-D"),
        (dict(prediction="x"), TypeError, "prediction must be a number"),
    ],
)
def test_plot_local_predictions_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_local_predictions(**{**CALLS["plot_local_predictions"], **kwargs})


# --- chapter 04 ---------------------------------------------------------------------------------


def test_plot_error_bowl_draws_the_bowl_point_slope_and_path():
    errors = (0.5 * GRID - 0.8) ** 2
    fig = plots.plot_error_bowl(
        GRID, errors, 0.5, 0.3025, -0.55, path=[0, 1], path_errors=[0.64, 0.09]
    )
    ax = fig.axes[0]
    curve = ax.lines[0]
    assert np.allclose(curve.get_xdata(), GRID) and np.allclose(curve.get_ydata(), errors)
    xs = [tuple(line.get_xdata()) for line in ax.lines]
    assert (0.5,) in xs and (0.0, 1.0) in xs
    assert ax.get_title() == "error for every value of the weight"


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(error_grid=[0, 1]), ValueError, "same length"),
        (dict(weight_grid=[0.0], error_grid=[1.0]), ValueError, "at least 2"),
        (dict(error_grid=np.full(201, np.inf)), ValueError, "error_grid must be finite"),
        (dict(path=[0, 1]), ValueError, "path and path_errors go together"),
        (dict(path=[0, 1], path_errors=[0]), ValueError, "must match"),
        (dict(slope=math.nan), ValueError, "slope must be a finite"),
    ],
)
def test_plot_error_bowl_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_error_bowl(**{**CALLS["plot_error_bowl"], **kwargs})


def test_plot_error_curve_leaves_zeros_off_the_log_axis():
    fig = plots.plot_error_curve([1, 0.1, 0.0, 0.001])
    ax = fig.axes[0]
    assert list(ax.lines[0].get_xdata()) == [0, 1, 3]
    assert ax.get_yscale() == "log"


def test_plot_error_curve_less_than_a_decade_is_linear():
    ax = plots.plot_error_curve([0.5, 0.4, 0.3]).axes[0]
    assert ax.get_yscale() == "linear"
    assert ax.get_ylim()[0] <= 0.3 and ax.get_ylim()[1] >= 0.5


def test_plot_error_curve_label_makes_a_legend():
    ax = plots.plot_error_curve([1, 0.1, 0.01], label="alpha 0.1").axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["alpha 0.1"]


def test_plot_error_curve_on_the_same_axes_keeps_earlier_curves_in_view():
    """Two runs on one plot: the second, shorter one must not hide the first."""
    fig = plots.plot_error_curve(np.logspace(0, -5, 100), label="100 steps")
    ax = fig.axes[0]
    plots.plot_error_curve(np.logspace(0, -1, 10), ax=ax, label="10 steps")
    assert len(ax.lines) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["100 steps", "10 steps"]
    lo, hi = ax.get_xlim()
    assert lo <= 0 and hi >= 99, "the longer curve is cut off"
    ylo, yhi = ax.get_ylim()
    assert ylo <= 1e-5 and yhi >= 1


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(errors=[]), ValueError, "errors is empty"),
        (dict(errors=[1, np.nan]), ValueError, "errors must be finite"),
        (dict(errors=[[1, 2]]), ValueError, "errors must be 1-D"),
    ],
)
def test_plot_error_curve_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_error_curve(**kwargs)


def test_plot_predictions_vs_goal_draws_the_goal_line():
    ax = plots.plot_predictions_vs_goal([0.25, 0.5, 0.7, 0.8], 0.8).axes[0]
    assert [0.8, 0.8] in [list(line.get_ydata()) for line in ax.lines]
    assert list(ax.lines[0].get_ydata()) == [0.25, 0.5, 0.7, 0.8]
    assert ax.get_xlabel() == "iteration" and ax.get_ylabel() == "prediction"


def test_plot_predictions_vs_goal_rejects():
    with pytest.raises(ValueError, match="goal must be a finite"):
        plots.plot_predictions_vs_goal([0.1], math.inf)
    with pytest.raises(TypeError, match="predictions must be numbers"):
        plots.plot_predictions_vs_goal("0.1 0.2", 0.8)


# --- chapter 05 ---------------------------------------------------------------------------------


def test_plot_weight_image_scale_is_symmetric_or_the_limit_given():
    w = np.linspace(-0.2, 0.5, 784)
    ax = plots.plot_weight_image(w).axes[0]
    assert ax.collections[0].get_clim() == pytest.approx((-0.5, 0.5))
    ax = plots.plot_weight_image(w, limit=2.0).axes[0]
    assert ax.collections[0].get_clim() == (-2.0, 2.0)
    fig = plots.plot_weight_image(w, colorbar=True)
    assert len(fig.axes) == 2


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(weights=np.zeros(100)), ValueError, "weights must have 784 values"),
        (dict(limit=0), ValueError, "limit must be positive"),
        (dict(limit=-1.0), ValueError, "limit must be positive"),
        (dict(limit=math.nan), ValueError, "limit must be a finite"),
    ],
)
def test_plot_weight_image_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_weight_image(**{**CALLS["plot_weight_image"], **kwargs})


def test_plot_digit_in_greys():
    ax = plots.plot_digit(np.linspace(0, 1, 784), title="a 3").axes[0]
    assert ax.collections[0].get_cmap().name == "gray_r" and ax.get_title() == "a 3"
    with pytest.raises(ValueError, match="image must have 784 values"):
        plots.plot_digit(np.zeros((28, 27)))


def test_plot_weight_images_share_one_scale_and_one_colour_bar():
    w = np.linspace(-1, 1, 784 * 7).reshape(784, 7)
    w[:, 0] *= 3  # one column with much larger weights
    fig = plots.plot_weight_images(w, ncols=3)
    images = [
        ax.collections[0] for ax in fig.axes if ax.collections and ax.get_label() != "<colorbar>"
    ]
    assert len(images) == 7
    assert {im.get_clim() for im in images} == {(-3.0, 3.0)}
    bars = [ax for ax in fig.axes if ax.get_label() == "<colorbar>"]
    assert len(bars) == 1 and bars[0].get_ylabel() == "weight"
    assert len(fig.axes) == 3 * 3 + 1  # a 3x3 grid (two empty) and the bar
    assert [ax.get_title() for ax in fig.axes[:7]] == [str(i) for i in range(7)]
    assert not fig.axes[7].axison and not fig.axes[8].axison


def test_plot_weight_images_limit_and_colour_bar_label():
    w = np.linspace(-1, 1, 784 * 2).reshape(784, 2)
    fig = plots.plot_weight_images(w, titles=["a", "b"], limit=2.0, colorbar="weight change")
    images = [ax.collections[0] for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert [im.get_clim() for im in images] == [(-2.0, 2.0)] * 2
    bars = [ax for ax in fig.axes if ax.get_label() == "<colorbar>"]
    assert len(bars) == 1 and bars[0].get_ylabel() == "weight change"
    assert [ax.get_title() for ax in fig.axes if ax.get_label() != "<colorbar>"] == ["a", "b"]


def test_plot_weight_images_without_a_colour_bar():
    fig = plots.plot_weight_images(np.zeros((784, 2)), colorbar=None)
    assert all(ax.get_label() != "<colorbar>" for ax in fig.axes) and len(fig.axes) == 2


def test_plot_weight_images_fewer_columns_than_ncols():
    fig = plots.plot_weight_images(np.zeros((784, 2)), ncols=5)
    assert len([ax for ax in fig.axes if ax.get_label() != "<colorbar>"]) == 2


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(ncols=0), ValueError, "ncols must be at least 1"),
        (dict(ncols=-2), ValueError, "ncols must be at least 1"),
        (dict(ncols=2.5), TypeError, "ncols must be a whole number"),
        (dict(ncols=True), TypeError, "ncols must be a whole number"),
        (dict(ncols=None), TypeError, "ncols must be a whole number"),
        (dict(weights=np.zeros((10, 784))), ValueError, r"weights must have shape \(784, k\)"),
        (dict(titles=["a"]), ValueError, "titles: expected 4 titles"),
        (dict(limit=0), ValueError, "limit must be positive"),
        (dict(limit=math.nan), ValueError, "limit must be a finite"),
        (dict(figsize=(0, 3)), ValueError, "figsize"),
        (dict(figsize=(math.nan, 3)), ValueError, "figsize"),
    ],
)
def test_plot_weight_images_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_weight_images(**{**CALLS["plot_weight_images"], **kwargs})


def test_plot_scores_marks_the_winner_and_the_truth():
    ax = plots.plot_scores([0.1, 0.9, 0.2], truth=2).axes[0]
    assert to_rgba(ax.patches[1].get_facecolor()) == to_rgba(TOTAL)
    truth = [line for line in ax.lines if len(line.get_xdata()) == 1]
    assert truth and list(truth[0].get_xdata()) == [2]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(truth=10), ValueError, "truth must be from 0 to 9"),
        (dict(truth=1.5), TypeError, "truth must be a whole number"),
        (dict(scores=np.zeros((2, 5))), ValueError, "scores must be 1-D"),
    ],
)
def test_plot_scores_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_scores(**{**CALLS["plot_scores"], **kwargs})


# --- chapters 06-07 -----------------------------------------------------------------------------


def test_plot_network_draws_every_weight_with_its_colour():
    w01, w12 = np.ones((3, 4)), -np.ones((4, 1))
    ax = plots.plot_network([w01, w12], values=[[1, 0, 1], None, [0.5]]).axes[0]
    edges = [c for c in ax.collections if hasattr(c, "get_segments")]
    assert [len(c.get_segments()) for c in edges] == [12, 4]
    assert to_rgba(edges[0].get_colors()[0]) == to_rgba(POSITIVE)
    assert to_rgba(edges[1].get_colors()[0]) == to_rgba(NEGATIVE)


def test_plot_network_takes_one_matrix():
    ax = plots.plot_network(np.ones((2, 3))).axes[0]
    assert len([c for c in ax.collections if hasattr(c, "get_segments")]) == 1


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(weights=[np.ones((3, 4)), np.ones((5, 1))]), ValueError, "weights_1_2 has 5 rows"),
        (dict(weights=[np.ones(3)]), ValueError, "weights_0_1 must be 2-D"),
        (dict(weights=[]), ValueError, "at least one"),
        (dict(weights=None), TypeError, "weights must be a list"),
        (dict(values=[[1, 0, 1], [1, 2, 3], [0]]), ValueError, r"values\[1\] has 3 entries"),
        (dict(values=[[1, 0, 1]]), ValueError, "values: expected 3 layers"),
        (dict(layer_names=["a"]), ValueError, "layer_names: expected 3"),
    ],
)
def test_plot_network_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_network(**{**CALLS["plot_network"], **kwargs})


def test_plot_blocks_short_sides_one_line_per_cell():
    ax = plots.plot_blocks([("weights_0_1", (3, 4))]).axes[0]
    (block,) = ax.patches
    assert (block.get_width(), block.get_height()) == pytest.approx((4 * 0.3, 3 * 0.3))
    assert len(ax.lines) == (3 - 1) + (4 - 1)
    assert "≈" not in [t.get_text() for t in ax.texts]
    assert "3×4" in [t.get_text() for t in ax.texts]


def test_plot_blocks_long_sides_are_drawn_shortened_with_a_break_mark():
    ax = plots.plot_blocks([("layer_0", (1, 784)), ("weights_0_1", (784, 40))]).axes[0]
    row, matrix = ax.patches
    assert row.get_height() == pytest.approx(0.3)
    assert 8 * 0.3 < row.get_width() < 784 * 0.3 / 10  # shortened, still longer than 8 cells
    assert matrix.get_height() == pytest.approx(row.get_width())  # 784 drawn the same
    assert matrix.get_width() < matrix.get_height()  # 40 shorter than 784
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("≈") == 3  # one per long side
    assert "1×784" in labels and "784×40" in labels
    assert len(ax.lines) == 0  # no line per cell on long sides (a 1-row block has none)


def test_plot_blocks_takes_a_1d_shape_as_one_row():
    ax = plots.plot_blocks([("v", (5,))]).axes[0]
    assert "1×5" in [t.get_text() for t in ax.texts]


@pytest.mark.parametrize(
    "shapes, match",
    [
        ([("W", (0, 3))], "W: shape must be"),
        ([("W", (2, 3, 4))], "W: shape must be"),
        ([("W", (2.5, 3))], "W: shape must be"),
        ([("W",)], "each entry of shapes"),
        ([], "shapes must be a non-empty list"),
        ("layer_0", "shapes must be a non-empty list"),
    ],
)
def test_plot_blocks_rejects(shapes, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_blocks(shapes)


def test_plot_matrix_writes_each_value():
    ax = plots.plot_matrix(np.array([[-0.0, 1.0]]), col_labels=["a", "b"], title="m").axes[0]
    assert [t.get_text() for t in ax.texts] == ["0.00", "1.00"]  # no "-0.00"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(values=np.zeros(3)), ValueError, "values must be 2-D"),
        (dict(row_labels=["a"]), ValueError, "row_labels: expected 2"),
        (dict(col_labels=["a", "b", "c"]), ValueError, "col_labels: expected 2"),
    ],
)
def test_plot_matrix_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_matrix(**{**CALLS["plot_matrix"], **kwargs})


def test_plot_forward_views_four_ways():
    fig = plots.plot_forward_views(**CALLS["plot_forward_views"])
    assert [ax.get_title() for ax in fig.axes] == ["picture", "letters", "code", "shapes"]
    letters = fig.axes[1].texts[0].get_text()
    assert "[1.00, 0.00, 1.00]" in letters and "[8.00]" in letters
    assert "streetlights[i:i+1]" in fig.axes[2].texts[0].get_text()


def test_plot_forward_views_index_names_the_row():
    fig = plots.plot_forward_views(**CALLS["plot_forward_views"], index=3)
    assert "layer_0 = streetlights[3:4]" in fig.axes[2].texts[0].get_text()


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(layer_1=np.ones((1, 5))), ValueError, "layer_1 must have shape"),
        (dict(layer_0=np.ones((2, 3))), ValueError, "layer_0 must have shape"),
        (dict(weights_1_2=np.ones((3, 1))), ValueError, "weights_1_2 has 3 rows"),
        (dict(index=-1), ValueError, "index must be from 0"),
        (dict(index=1.0), TypeError, "index must be a whole number"),
        (dict(index=True), TypeError, "index must be a whole number"),
        (dict(figsize=(0, 8)), ValueError, "figsize"),
    ],
)
def test_plot_forward_views_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_forward_views(**{**CALLS["plot_forward_views"], **kwargs})


# --- chapter 08 ---------------------------------------------------------------------------------


def test_plot_accuracy_curves_shades_the_gap_and_names_the_curves():
    ax = plots.plot_accuracy_curves(HISTORY).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["train", "test", "gap"]
    assert list(ax.lines[0].get_xdata()) == list(range(20))
    assert list(ax.lines[1].get_xdata()) == [0, 10]
    lo, hi = ax.get_xlim()
    assert lo < 0 and hi > 19


def test_plot_accuracy_curves_names_and_marks():
    ax = plots.plot_accuracy_curves(HISTORY, test_name="validation", train_name="training").axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["training", "validation"]
    history = [
        {"iteration": j, "train_accuracy": 0.9, "test_accuracy": t}
        for j, t in enumerate([0.5, 0.8, 0.7])
    ]
    marks = {}
    for mark in ("best", "last", None):
        ax = plots.plot_accuracy_curves(history, mark=mark).axes[0]
        marks[mark] = [t.get_text() for t in ax.texts]
    assert marks["best"] == ["best test 0.8000\n(iteration 1)"]
    assert marks["last"] == ["test 0.7000\n(iteration 2)"]
    assert marks[None] == [""]
    with pytest.raises(ValueError, match="mark must be"):
        plots.plot_accuracy_curves(history, mark="first")


@pytest.mark.parametrize(
    "history, error, match",
    [
        ([{"iteration": 0, "train_accuracy": math.nan}], ValueError, "train_accuracy"),
        ([{"iteration": 0}], ValueError, r"history\[0\] must be a dict"),
        (
            [{"iteration": 0, "train_accuracy": 0.5, "test_accuracy": math.inf}],
            ValueError,
            "test_accuracy",
        ),
        (None, TypeError, "history must be a list"),
        ({"iteration": 0}, TypeError, "history must be a list"),
    ],
)
def test_plot_accuracy_curves_rejects(history, error, match):
    with pytest.raises(error, match=match):
        plots.plot_accuracy_curves(history)


def test_plot_confusion_rows_are_truths():
    ax = plots.plot_confusion(np.diag([5, 6, 7]) + 1).axes[0]
    assert ax.get_xlabel() == "predicted digit" and ax.get_ylabel() == "true digit"
    assert [t.get_text() for t in ax.texts][:3] == ["6", "1", "1"]
    with pytest.raises(ValueError, match="confusion must be a square"):
        plots.plot_confusion(np.zeros((2, 3)))


def test_plot_per_class_accuracy_writes_each_accuracy():
    ax = plots.plot_per_class_accuracy([0.9, 0.8]).axes[0]
    assert len(ax.patches) == 2
    assert [t.get_text() for t in ax.texts] == ["0.90", "0.80"]
    with pytest.raises(ValueError, match="accuracy must be finite"):
        plots.plot_per_class_accuracy([0.9, math.nan])


# --- chapter 09 and A1 --------------------------------------------------------------------------


def test_plot_activation_draws_both_curves():
    ax = plots.plot_activation(**CALLS["plot_activation"], title="tanh").axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["output", "derivative"]
    assert ax.get_title() == "tanh"


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(derivative=X[:3]), ValueError, "same length"),
        (dict(derivative=np.full_like(X, np.inf)), ValueError, "derivative must be finite"),
        (dict(output=None), TypeError, "output must be numbers"),
    ],
)
def test_plot_activation_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_activation(**{**CALLS["plot_activation"], **kwargs})


def test_plot_probabilities_marks_the_target_and_negatives():
    ax = plots.plot_probabilities([0.2, -0.3, 1.1], target=1).axes[0]
    bars = ax.patches
    assert to_rgba(bars[1].get_facecolor()) == to_rgba(TOTAL)
    assert to_rgba(bars[0].get_facecolor()) == to_rgba(POSITIVE)
    assert ax.get_ylim()[0] < -0.3 and ax.get_ylim()[1] > 1.1  # every bar visible


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(target=3), ValueError, "target must be from 0 to 2"),
        (dict(probabilities=[[0.5, 0.5]]), ValueError, "probabilities must be 1-D"),
        (dict(names=["a"]), ValueError, "one name per class"),
    ],
)
def test_plot_probabilities_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_probabilities(**{**CALLS["plot_probabilities"], **kwargs})


def test_plot_neuron_draws_curve_goal_and_miss():
    ax = plots.plot_neuron(**CALLS["plot_neuron"]).axes[0]
    xs = [list(line.get_xdata()) for line in ax.lines]
    assert list(X) in xs and [0.0] in xs and [0.0, 0.0] in xs  # curve, goal/output, miss


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(outputs=X[:2]), ValueError, "same length"),
        (dict(goals=[(0.0, 1.0)]), ValueError, "goals must be"),
        (dict(goals=[(0.0, math.nan, 1.0)]), ValueError, "goals must be finite"),
    ],
)
def test_plot_neuron_rejects(kwargs, error, match):
    with pytest.raises(error, match=match):
        plots.plot_neuron(**{**CALLS["plot_neuron"], **kwargs})
