"""Plots: each function draws a state it is given and returns the figure.

They compute nothing the lesson teaches: the notebook computes predictions,
errors and weights and passes them in. Every function takes an optional `ax`
(to draw into a figure of the notebook's own) and returns the figure drawn
on; given an `ax`, a function only adds to it. The pictures a live panel
shows are drawn by the same classes (`nnutils.views`), so a plot in an
ordinary cell and the panel below it agree.

Importing this module applies the course's figure style (text as large as
the notebook's, sharp retina pictures): see `nnutils.style`.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from nnutils import validate, views
from nnutils.style import GOAL, NEGATIVE, POSITIVE, SMALL, TOTAL, use_course_style

__all__ = [
    "plot_accuracy_curves",
    "plot_activation",
    "plot_blocks",
    "plot_confusion",
    "plot_digit",
    "plot_error_bowl",
    "plot_error_curve",
    "plot_forward_views",
    "plot_knob",
    "plot_local_predictions",
    "plot_matrix",
    "plot_network",
    "plot_neuron",
    "plot_per_class_accuracy",
    "plot_predictions_vs_goal",
    "plot_probabilities",
    "plot_scores",
    "plot_weight_image",
    "plot_weight_images",
]

use_course_style()


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """`ax`, or the axes of a new figure of `figsize` inches (72 CSS pixels each)."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be matplotlib axes, got {type(ax).__name__}")
    return ax


def _finite(
    name: str, values: object, ndim: int | tuple[int, ...] | None = None, nonempty: bool = True
) -> np.ndarray:
    return validate.array(name, values, ndim=ndim, nonempty=nonempty)


def _count(name: str, value: object, low: int = 1) -> int:
    """A whole number of at least `low` (a count of columns, rows, ...)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    return int(value)


# --- Chapters 02-03 ------------------------------------------------------------------


def plot_knob(
    input: float, weight: float, prediction: float, goal: float, ax: Axes | None = None
) -> Figure:
    """Chapter 02: input, prediction and goal on one number line, with the miss marked."""
    input, weight, prediction, goal = (
        validate.number(n, v)
        for n, v in zip(
            ("input", "weight", "prediction", "goal"), (input, weight, prediction, goal)
        )
    )
    ax = _axes(ax, (12, 2.8))
    views.KnobView(ax, input, goal).update(weight, prediction)
    return ax.figure


def plot_local_predictions(
    input: Sequence[float],
    weights: Sequence[float],
    names: Sequence[str],
    prediction: float | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Chapter 03: one bar per input * weight ("local prediction"), then their sum."""
    input = _finite("input", input, ndim=1)
    weights = _finite("weights", weights, ndim=1)
    if isinstance(names, str) or not isinstance(names, Sequence):
        raise TypeError(f"names must be a list of labels, got {names!r}")
    prediction = validate.number("prediction", prediction, optional=True)
    if input.shape != weights.shape or len(names) != len(input):
        raise ValueError(
            f"input {input.shape}, weights {weights.shape} and {len(names)} names must match"
        )
    ax = _axes(ax, (9, 4.2))
    views.LocalPredictionsView(ax, input, names).update(weights, prediction)
    return ax.figure


# --- Chapter 04 ------------------------------------------------------------------------


def plot_error_bowl(
    weight_grid: Sequence[float],
    error_grid: Sequence[float],
    weight: float | None = None,
    error: float | None = None,
    slope: float | None = None,
    path: Sequence[float] | None = None,
    path_errors: Sequence[float] | None = None,
    ax: Axes | None = None,
    title: str = "error for every value of the weight",
) -> Figure:
    """Chapter 04: the error as a function of the weight, with a point, its slope and a path."""
    grid = _finite("weight_grid", weight_grid, ndim=1)
    errors = _finite("error_grid", error_grid, ndim=1)
    weight = validate.number("weight", weight, optional=True)
    error = validate.number("error", error, optional=True)
    slope = validate.number("slope", slope, optional=True)
    if grid.shape != errors.shape or len(grid) < 2:
        raise ValueError(
            "weight_grid and error_grid must be two 1-D arrays of the same length (at least 2), "
            f"got shapes {grid.shape} and {errors.shape}"
        )
    if path is not None or path_errors is not None:
        if path is None or path_errors is None:
            raise ValueError("path and path_errors go together: give both or neither")
        p, pe = _finite("path", path, ndim=1), _finite("path_errors", path_errors, ndim=1)
        if p.shape != pe.shape:
            raise ValueError(f"path {p.shape} and path_errors {pe.shape} must match")
    ax = _axes(ax, (9, 4))
    view = views.BowlView(ax, grid, errors, title=title)
    view.update(weight, error, slope, path, path_errors)
    return ax.figure


def plot_error_curve(
    errors: Sequence[float],
    ax: Axes | None = None,
    log: bool = True,
    label: str | None = None,
    title: str = "error at each step",
    xlabel: str = "step",
    color: str | None = POSITIVE,
) -> Figure:
    """The error after each step or iteration (log scale by default); zeros are left out."""
    errors = _finite("errors", errors, ndim=1)
    ax = _axes(ax, (9, 4))
    positive = errors[errors > 0]
    if log and len(positive) and positive.max() < 10 * positive.min():
        log = False  # less than a decade: a log axis would show no tick labels
    view = views.CurveView(ax, log=log, title=title, xlabel=xlabel, color=color)
    view.update(errors)
    if label:
        view.line.set_label(label)
        ax.legend()
    return ax.figure


def plot_predictions_vs_goal(
    predictions: Sequence[float],
    goal: float,
    ax: Axes | None = None,
    title: str = "prediction at each iteration",
) -> Figure:
    """Predictions over iterations with the goal as a dashed line."""
    predictions = _finite("predictions", predictions, ndim=1)
    goal = validate.number("goal", goal)
    ax = _axes(ax, (9, 4))
    view = views.CurveView(
        ax,
        log=False,
        title=title,
        xlabel="iteration",
        ylabel="prediction",
        goal=goal,
        color=TOTAL,
        markers=False,
    )
    view.update(predictions)
    return ax.figure


# --- Chapter 05 ------------------------------------------------------------------------


def _image_28(name: str, values: object) -> np.ndarray:
    arr = _finite(name, values)
    if arr.size != 784:
        raise ValueError(f"{name} must have 784 values (a 28x28 image), got shape {arr.shape}")
    return arr.reshape(784)


def plot_weight_image(
    weights: Sequence[float],
    ax: Axes | None = None,
    title: str = "",
    limit: float | None = None,
    colorbar: bool = False,
) -> Figure:
    """784 weights as a 28x28 image: blue positive, red negative, white zero.

    The colours run from -limit to +limit (default: this image's largest weight);
    give several images the same `limit` to compare them.
    """
    img = _image_28("weights", weights)
    limit = validate.number("limit", limit, optional=True)
    if limit is not None and limit <= 0:
        raise ValueError(f"limit must be positive, got {limit:g}")
    ax = _axes(ax, (3.5, 3.5))
    views.ImageView(ax, weights=True, limit=limit, colorbar=colorbar).update(img, title)
    return ax.figure


def plot_digit(image: Sequence[float], ax: Axes | None = None, title: str = "") -> Figure:
    """One MNIST image (784 pixels in [0, 1]) in greys."""
    img = _image_28("image", image)
    ax = _axes(ax, (3.5, 3.5))
    views.ImageView(ax, weights=False).update(img, title)
    return ax.figure


def plot_weight_images(
    weights: np.ndarray,
    titles: Sequence[str] | None = None,
    ncols: int = 5,
    figsize: tuple[float, float] | None = None,
    limit: float | None = None,
    colorbar: str | None = "weight",
) -> Figure:
    """Each column of a (784, k) weight matrix as a 28x28 image, in a grid.

    Every image uses one colour scale, from -limit to +limit (default: the largest
    weight of the whole matrix), so the same colour means the same weight in every
    image; one colour bar labelled `colorbar` shows it (None: no bar).
    """
    weights = _finite("weights", weights, ndim=2)
    if weights.shape[0] != 784:
        raise ValueError(f"weights must have shape (784, k), got {weights.shape}")
    ncols = _count("ncols", ncols)
    k = weights.shape[1]
    if titles is not None and len(titles) != k:
        raise ValueError(f"titles: expected {k} titles (one per column), got {len(titles)}")
    ncols = min(ncols, k)
    nrows = -(-k // ncols)
    figsize = validate.figsize("figsize", figsize)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=figsize or (2.6 * ncols + 1.2, 2.7 * nrows), squeeze=False
    )
    limit = validate.number("limit", limit, optional=True)
    if limit is not None and limit <= 0:
        raise ValueError(f"limit must be positive, got {limit:g}")
    if limit is None:
        limit = float(np.abs(weights).max()) or 1.0
    shown = None
    for i, ax in enumerate(axes.flat):
        if i < k:
            view = views.ImageView(ax, weights=True, limit=limit)
            view.update(weights[:, i], titles[i] if titles else str(i))
            shown = view.image
        else:
            ax.axis("off")
    if colorbar is not None and shown is not None:
        bar = fig.colorbar(shown, ax=axes, shrink=0.8, label=str(colorbar))
        views.style_colorbar(bar)
    return fig


def plot_scores(
    scores: Sequence[float],
    ax: Axes | None = None,
    truth: int | None = None,
    title: str = "output of each digit's node",
) -> Figure:
    """Ten output scores as bars; the largest in green, the true class marked."""
    scores = _finite("scores", scores, ndim=1)
    truth = validate.index("truth", truth, len(scores), optional=True)
    ax = _axes(ax, (6, 4))
    views.ScoresView(ax, len(scores), title=title).update(scores, truth)
    return ax.figure


# --- Chapters 06-07 ----------------------------------------------------------------------


def _check_chain(weights: Sequence[np.ndarray]) -> list[np.ndarray]:
    if weights is None or isinstance(weights, (str, bytes)) or not hasattr(weights, "__len__"):
        raise TypeError(f"weights must be a list of weight matrices, got {weights!r:.60}")
    if isinstance(weights, np.ndarray) and weights.ndim == 2:
        weights = [weights]
    mats = [validate.array(f"weights_{i}_{i + 1}", w, ndim=2) for i, w in enumerate(weights)]
    if not mats:
        raise ValueError("weights is empty: need at least one weight matrix")
    for i, w in enumerate(mats):
        if i and w.shape[0] != mats[i - 1].shape[1]:
            raise ValueError(
                f"weights_{i}_{i + 1} has {w.shape[0]} rows but layer {i} has "
                f"{mats[i - 1].shape[1]} nodes (weights_{i - 1}_{i} is {mats[i - 1].shape})"
            )
    return mats


def _check_values(values: object, sizes: Sequence[int]) -> list[np.ndarray | None] | None:
    if values is None:
        return None
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise TypeError(f"values must be one list of numbers per layer, got {values!r:.60}")
    if len(values) != len(sizes):
        raise ValueError(f"values: expected {len(sizes)} layers, got {len(values)}")
    out: list[np.ndarray | None] = []
    for i, (v, n) in enumerate(zip(values, sizes)):
        if v is None:
            out.append(None)
            continue
        arr = validate.array(f"values[{i}]", v)
        if arr.size != n:
            raise ValueError(f"values[{i}] has {arr.size} entries, layer {i} has {n} nodes")
        out.append(arr.ravel())
    return out


def plot_network(
    weights: Sequence[np.ndarray],
    values: Sequence[Sequence[float]] | None = None,
    layer_names: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str = "",
    max_width: float = 5.0,
) -> Figure:
    """Chapters 06-07: every weight as a line, blue positive, red negative, width by size.

    `weights[i]` has shape (nodes in layer i, nodes in layer i+1), as in
    `layer_1 = layer_0.dot(weights_0_1)`. `values` (optional, one per layer)
    colours each node by its value and writes it in small layers.
    """
    mats = _check_chain(weights)
    sizes = [mats[0].shape[0]] + [w.shape[1] for w in mats]
    vals = _check_values(values, sizes)
    if layer_names is not None and len(layer_names) != len(sizes):
        raise ValueError(f"layer_names: expected {len(sizes)} names, got {len(layer_names)}")
    max_width = validate.positive("max_width", max_width)
    ax = _axes(ax, (8, 5))
    view = views.NetworkView(ax, sizes, layer_names, title=title, max_width=max_width)
    view.update(mats, vals)
    return ax.figure


def plot_blocks(
    shapes: Sequence[tuple[str, tuple[int, ...]]],
    ax: Axes | None = None,
    title: str = "",
) -> Figure:
    """Chapter 07: vectors and matrices as labelled blocks, sized by their shapes.

    `shapes` is a left-to-right list of (name, shape), for example
    `[("layer_0", (1, 3)), ("weights_0_1", (3, 4)), ("layer_1", (1, 4))]`. A side
    longer than 8 cells is drawn shortened (growing with the log of its length)
    and marked with a break (≈); the true size is written below each block.
    """
    if isinstance(shapes, (str, bytes)) or not isinstance(shapes, Sequence) or not shapes:
        raise ValueError(
            f"shapes must be a non-empty list of (name, shape) pairs, got {shapes!r:.60}"
        )
    checked = []
    for item in shapes:
        try:
            name, shape = item
            shape = tuple(shape)
        except (TypeError, ValueError):
            raise ValueError(
                f"each entry of shapes must be (name, shape), got {item!r:.60}"
            ) from None
        if len(shape) == 1:
            shape = (1, shape[0])
        if (
            len(shape) != 2
            or any(isinstance(s, bool) or not isinstance(s, (int, np.integer)) for s in shape)
            or min(shape) < 1
        ):
            raise ValueError(
                f"{name}: shape must be (rows, columns) of positive sizes, got {shape}"
            )
        checked.append((str(name), (int(shape[0]), int(shape[1]))))
    ax = _axes(ax, (12, 3.6))
    x, unit, cap = 0.0, 0.3, 8

    def length(count: int) -> float:
        """Cells drawn for a side: exact up to 8, then growing with the log of the count."""
        return float(count) if count <= cap else cap + 2.5 * np.log10(count / cap)

    tallest = 0.0
    for name, (rows, cols) in checked:
        h, w = unit * length(rows), unit * length(cols)
        tallest = max(tallest, h)
        is_weight = name.startswith("weights") or name.startswith("W")
        ax.add_patch(
            plt.Rectangle(
                (x, -h / 2),
                w,
                h,
                facecolor="#c6dbef" if is_weight else "#c7e9c0",
                edgecolor="black",
            )
        )
        if rows <= cap:  # one line per cell only where every cell is drawn
            for r in range(1, rows):
                ax.plot([x, x + w], [-h / 2 + r * unit] * 2, color="grey", lw=0.4)
        else:  # a long side: drawn shortened, marked with a break
            ax.text(x - 0.04, 0, "≈", rotation=90, ha="right", va="center", fontsize=SMALL)
        if cols <= cap:
            for c in range(1, cols):
                ax.plot([x + c * unit] * 2, [-h / 2, h / 2], color="grey", lw=0.4)
        else:
            ax.text(x + w / 2, h / 2 + 0.02, "≈", ha="center", va="bottom", fontsize=SMALL)
        ax.text(x + w / 2, h / 2 + 0.3, name, ha="center", va="bottom")
        ax.text(x + w / 2, -h / 2 - 0.12, f"{rows}×{cols}", ha="center", va="top")
        x += w + 0.8
    ax.set_xlim(-0.4, x - 0.5)
    ax.set_ylim(-tallest / 2 - 0.7, tallest / 2 + 0.85)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax.figure


def plot_matrix(
    values: np.ndarray,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str = "",
    fmt: str = "{:.2f}",
    cmap: str = "RdBu",
    symmetric: bool = True,
) -> Figure:
    """A small matrix as a coloured table with its numbers written in each cell."""
    values = _finite("values", values, ndim=2)
    rows, cols = values.shape
    for name, labels, n in (("row_labels", row_labels, rows), ("col_labels", col_labels, cols)):
        if labels is not None and len(labels) != n:
            raise ValueError(f"{name}: expected {n} labels, got {len(labels)}")
    ax = _axes(ax, (3.5 + 1.1 * cols, 1.2 + 0.55 * rows))
    view = views.MatrixView(
        ax,
        (rows, cols),
        row_labels,
        col_labels,
        title=title,
        fmt=fmt,
        cmap=cmap,
        symmetric=symmetric,
    )
    view.update(values)
    return ax.figure


def plot_forward_views(
    layer_0: np.ndarray,
    weights_0_1: np.ndarray,
    layer_1: np.ndarray,
    weights_1_2: np.ndarray,
    layer_2: np.ndarray,
    figsize: tuple[float, float] = (13, 8),
    index: int | None = None,
) -> Figure:
    """Chapter 07: one forward pass four ways: picture, letters, code and shapes (2 x 2).

    `index` is the row of `streetlights` the code view shows (`streetlights[i:i+1]`
    when not given).
    """
    mats = _check_chain([weights_0_1, weights_1_2])
    l0, l1, l2 = (
        np.atleast_2d(validate.array(n, v))
        for n, v in (("layer_0", layer_0), ("layer_1", layer_1), ("layer_2", layer_2))
    )
    expected = [(1, mats[0].shape[0]), (1, mats[0].shape[1]), (1, mats[1].shape[1])]
    for name, v, shape in zip(("layer_0", "layer_1", "layer_2"), (l0, l1, l2), expected):
        if v.shape != shape:
            raise ValueError(f"{name} must have shape {shape} for these weights, got {v.shape}")
    figsize = validate.figsize("figsize", figsize)
    fig, axes = plt.subplots(2, 2, figsize=figsize)
    (ax_pic, ax_letters), (ax_code, ax_shapes) = axes
    plot_network(mats, values=[l0, l1, l2], ax=ax_pic, title="picture")

    def vec(v: np.ndarray) -> str:
        return "[" + ", ".join(f"{x + 0.0:.2f}" for x in v.ravel()) + "]"

    letters = (
        r"$l_1 = \mathrm{relu}(l_0 W_0)$" + "\n"
        r"$l_2 = l_1 W_1$" + "\n"
        r"$l_2 = \mathrm{relu}(l_0 W_0)\, W_1$" + "\n\n"
        f"$l_0$ = {vec(l0)}\n$l_1$ = {vec(l1)}\n$l_2$ = {vec(l2)}"
    )
    ax_letters.text(0.02, 0.5, letters, va="center", linespacing=1.6)
    ax_letters.set_title("letters")
    if index is not None:
        index = validate.index("index", index, 10**9)
    rows = "i:i+1" if index is None else f"{index}:{index + 1}"
    code = (
        f"layer_0 = streetlights[{rows}]\n"
        "layer_1 = relu(layer_0.dot(weights_0_1))\n"
        "layer_2 = layer_1.dot(weights_1_2)"
    )
    ax_code.text(0.02, 0.5, code, va="center", family="monospace", linespacing=1.6)
    ax_code.set_title("code")
    for ax in (ax_letters, ax_code):
        ax.axis("off")
    plot_blocks(
        [
            ("layer_0", l0.shape),
            ("weights_0_1", mats[0].shape),
            ("layer_1", l1.shape),
            ("weights_1_2", mats[1].shape),
            ("layer_2", l2.shape),
        ],
        ax=ax_shapes,
        title="shapes",
    )
    return fig


# --- Chapter 08 --------------------------------------------------------------------------


def _history(history: object) -> list[dict]:
    if isinstance(history, (str, bytes, dict)) or not isinstance(history, Sequence):
        raise TypeError(f"history must be a list of dicts, got {type(history).__name__}")
    for k, h in enumerate(history):
        if not isinstance(h, dict) or "iteration" not in h or "train_accuracy" not in h:
            raise ValueError(
                f"history[{k}] must be a dict with 'iteration' and 'train_accuracy', got {h!r:.60}"
            )
    _finite("iteration", [h["iteration"] for h in history], nonempty=False)
    _finite("train_accuracy", [h["train_accuracy"] for h in history], nonempty=False)
    tested = [h["test_accuracy"] for h in history if h.get("test_accuracy") is not None]
    _finite("test_accuracy", tested, nonempty=False)
    return list(history)


def plot_accuracy_curves(
    history: Sequence[dict],
    ax: Axes | None = None,
    title: str = "train vs test accuracy",
    test_name: str = "test",
    train_name: str = "train",
    mark: str | None = "best",
) -> Figure:
    """Chapter 08: train accuracy per iteration, test accuracy where measured, the gap shaded.

    `history` is a list of dicts with keys `iteration`, `train_accuracy` and
    (where the test set was evaluated) `test_accuracy`. `mark` labels the best
    test point ("best"), the last one ("last": what a run that doesn't peek at
    the test set reports) or none (None).
    """
    history = _history(history)
    if mark not in ("best", "last", None):
        raise ValueError(f"mark must be 'best', 'last' or None, got {mark!r}")
    ax = _axes(ax, (10, 4.4))
    view = views.AccuracyView(
        ax, title=title, test_name=test_name, train_name=train_name, mark=mark
    )
    view.update(history)
    if history:
        last = max(h["iteration"] for h in history)
        ax.set_xlim(-0.01 * last - 0.5, last * 1.01 + 0.5)
    return ax.figure


def plot_confusion(
    confusion: np.ndarray, ax: Axes | None = None, title: str = "confusion matrix"
) -> Figure:
    """A table of counts: row = true digit, column = predicted digit."""
    confusion = _finite("confusion", confusion, ndim=2)
    if confusion.shape[0] != confusion.shape[1]:
        raise ValueError(f"confusion must be a square matrix, got shape {confusion.shape}")
    n = confusion.shape[0]
    ax = _axes(ax, (9, 8))
    plot_matrix(
        confusion,
        [str(i) for i in range(n)],
        [str(i) for i in range(n)],
        ax=ax,
        title=title,
        fmt="{:.0f}",
        cmap="Blues",
        symmetric=False,
    )
    ax.set_xlabel("predicted digit")
    ax.set_ylabel("true digit")
    return ax.figure


def plot_per_class_accuracy(
    accuracy: Sequence[float], ax: Axes | None = None, title: str = "accuracy per digit"
) -> Figure:
    """One bar per class with its accuracy written on top."""
    accuracy = _finite("accuracy", accuracy, ndim=1)
    ax = _axes(ax, (9, 4))
    bars = ax.bar(range(len(accuracy)), accuracy, color=POSITIVE)
    for bar, a in zip(bars, accuracy):
        ax.annotate(
            f"{a:.2f}",
            (bar.get_x() + bar.get_width() / 2, a),
            ha="center",
            va="bottom",
            fontsize=SMALL,
        )
    ax.set_xticks(range(len(accuracy)))
    ax.set_ylim(0, 1.12)
    ax.set_xlabel("digit")
    ax.set_ylabel("accuracy")
    ax.set_title(title)
    return ax.figure


# --- Chapter 09 --------------------------------------------------------------------------


def plot_activation(
    x: Sequence[float],
    output: Sequence[float],
    derivative: Sequence[float],
    ax: Axes | None = None,
    title: str = "",
) -> Figure:
    """Chapter 09: an activation function and its slope over the same inputs."""
    x = _finite("x", x, ndim=1)
    output = _finite("output", output, ndim=1)
    derivative = _finite("derivative", derivative, ndim=1)
    if not (x.shape == output.shape == derivative.shape):
        raise ValueError(
            f"x, output and derivative must be 1-D and the same length, got shapes "
            f"{x.shape}, {output.shape}, {derivative.shape}"
        )
    ax = _axes(ax, (5.5, 4))
    ax.axhline(0, color="black", lw=0.6)
    ax.axvline(0, color="black", lw=0.6)
    ax.plot(x, output, color=POSITIVE, lw=2.2, label="output")
    ax.plot(x, derivative, "--", color=NEGATIVE, lw=1.8, label="derivative")
    ax.set_xlabel("input (weighted sum)")
    ax.set_title(title)
    ax.legend(loc="upper left", frameon=False)
    return ax.figure


def plot_probabilities(
    probabilities: Sequence[float],
    target: int | None = None,
    ax: Axes | None = None,
    title: str = "",
    names: Sequence[str] | None = None,
) -> Figure:
    """Chapter 09: one bar per class, the true class in green, each value written on its bar.

    Values outside [0, 1] are drawn as they are (red below zero), so a "probability"
    that isn't one is visible at a glance.
    """
    p = _finite("probabilities", probabilities, ndim=1)
    target = validate.index("target", target, len(p), optional=True)
    if names is not None and len(names) != len(p):
        raise ValueError(f"need one name per class: {len(names)} names for {len(p)} classes")
    ax = _axes(ax, (6, 4))
    view = views.ProbabilitiesView(ax, len(p), title=title, names=names)
    view.update(p, target)
    low, high = min(0.0, float(p.min()) * 1.2), max(1.15, float(p.max()) * 1.15)
    ax.set_ylim(low, high)
    return ax.figure


# --- Appendix A1 --------------------------------------------------------------------------


def plot_neuron(
    inputs: Sequence[float],
    outputs: Sequence[float],
    goals: Sequence[tuple[float, float, float]] = (),
    ax: Axes | None = None,
    title: str = "",
) -> Figure:
    """Appendix A1: one neuron's output over a range of inputs.

    `goals` lists (input, goal, output) triples: each is marked with the goal as
    a star, the neuron's output as a dot and the miss between them.
    """
    inputs = _finite("inputs", inputs, ndim=1)
    outputs = _finite("outputs", outputs, ndim=1)
    if inputs.shape != outputs.shape:
        raise ValueError(
            f"inputs and outputs must be 1-D and the same length, got {inputs.shape}, "
            f"{outputs.shape}"
        )
    g = _finite("goals", goals, nonempty=False)
    if g.size % 3:
        raise ValueError(f"goals must be (input, goal, output) triples, got shape {g.shape}")
    g = g.reshape(-1, 3)
    ax = _axes(ax, (8, 4))
    views.NeuronView(ax, len(g), title=title).update(inputs, outputs, g)
    return ax.figure


# colours re-exported for notebooks that colour their own plots like the course's
COLORS = {"positive": POSITIVE, "negative": NEGATIVE, "total": TOTAL, "goal": GOAL}
