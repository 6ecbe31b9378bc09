"""Plots: each function draws a state it is given and returns the figure.

They compute nothing the lesson teaches; the notebook computes predictions,
errors and weights and passes them in. Every function takes an optional `ax`
(so a widget can draw into its own figure) and returns the figure drawn on.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from nnutils import validate

POSITIVE = "#1f77b4"  # blue: positive weights and values
NEGATIVE = "#d62728"  # red: negative weights and values
TOTAL = "#2ca02c"  # green: sums and predictions
GOAL = "#444444"


def _axes(ax: Axes | None, figsize: tuple[float, float] = (6.4, 3.6)) -> Axes:
    """The axes to draw on: a new figure's, or `ax` with our previous drawing removed.

    Re-using axes (instead of clearing them) keeps their ticks and layout, which
    makes a widget's redraw several times faster.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    drawn = getattr(ax, "_nnutils_drawn", None)
    if drawn is not None and getattr(ax.figure, "_nnutils_live", False):
        # a widget redrawing: replace what the last call drew (a notebook's own
        # figure keeps everything, so several calls can overlay curves)
        for artist in drawn:
            try:
                artist.remove()
            except (ValueError, NotImplementedError):
                pass
        ax.relim()
        ax.autoscale(True)
    ax._nnutils_before = set(ax.get_children())
    ax._nnutils_bars = None  # a full redraw: plot_probabilities' in-place state is gone
    return ax


def _done(ax: Axes) -> Figure:
    """Remember what this call drew on `ax`, so the next call can replace it."""
    ax._nnutils_drawn = [a for a in ax.get_children() if a not in ax._nnutils_before]
    if not getattr(ax.figure, "_nnutils_live", False):
        ax.figure.tight_layout()
    return ax.figure


def axes_of(fig: Figure, nrows: int = 1, ncols: int = 1) -> list[Axes]:
    """The figure's axes as a flat list, created on first use (for widgets' figures)."""
    if len(fig.axes) != nrows * ncols:
        fig.clear()
        if hasattr(fig, "_nnutils_margins"):  # clear() forgets the widget's margins
            fig.subplots_adjust(**fig._nnutils_margins)
        fig.subplots(nrows, ncols, squeeze=False)
    return list(fig.axes)


def _finite(
    name: str, values: object, ndim: int | tuple[int, ...] | None = None, nonempty: bool = True
) -> np.ndarray:
    return validate.array(name, values, ndim=ndim, nonempty=nonempty)


def plot_local_predictions(
    input: Sequence[float],
    weights: Sequence[float],
    names: Sequence[str],
    prediction: float | None = None,
    ax: Axes | None = None,
    ylim: tuple[float, float] | None = None,
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
    local = input * weights
    total = float(local.sum()) if prediction is None else float(prediction)
    ax = _axes(ax)
    labels = [f"{n}\n{x:g} × {w:.2f}" for n, x, w in zip(names, input, weights)] + [
        "prediction\n(sum)"
    ]
    heights = [*local, total]
    colors = [POSITIVE if h >= 0 else NEGATIVE for h in local] + [TOTAL]
    bars = ax.bar(range(len(heights)), heights, color=colors)
    for bar, h in zip(bars, heights):
        ax.annotate(
            f"{h:.3f}",
            (bar.get_x() + bar.get_width() / 2, h),
            ha="center",
            va="bottom" if h >= 0 else "top",
            fontsize=9,
        )
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(len(local) - 0.5, color="grey", lw=0.8, ls=":")
    ax.set_xticks(range(len(heights)), labels)
    ax.set_ylabel("contribution to the prediction")
    if ylim is not None:
        ax.set_ylim(*ylim)
    else:
        lo, hi = min(0.0, *heights), max(0.0, *heights)
        pad = 0.15 * (hi - lo or 1.0)
        ax.set_ylim(lo - pad, hi + pad)
    ax.set_title("local predictions add up to the prediction")
    return _done(ax)


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
    ax = _axes(ax, figsize=(6.4, 2.4))
    lo = min(0.0, input, prediction, goal)
    hi = max(1.0, input, prediction, goal)
    pad = 0.08 * (hi - lo)
    ax.axhline(0, color="black", lw=0.8)
    ax.annotate(
        "",
        xy=(prediction, 0.35),
        xytext=(input, 0.35),
        arrowprops={"arrowstyle": "->", "color": "grey", "lw": 1.5},
    )
    ax.text((input + prediction) / 2, 0.45, f"× weight {weight:.2f}", ha="center", fontsize=9)
    ax.plot([input], [0], "s", color=POSITIVE, ms=10, label=f"input {input:g}")
    ax.plot([prediction], [0], "o", color=TOTAL, ms=10, label=f"prediction {prediction:.3f}")
    ax.plot([goal], [0], "*", color=GOAL, ms=14, label=f"goal {goal:g}")
    ax.plot([prediction, goal], [-0.25, -0.25], color=NEGATIVE, lw=4, solid_capstyle="butt")
    ax.text(
        (prediction + goal) / 2,
        -0.5,
        f"miss {prediction - goal:+.3f}",
        ha="center",
        color=NEGATIVE,
        fontsize=9,
    )
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(-0.8, 0.8)
    ax.set_yticks([])
    ax.legend(loc="upper left", fontsize=8, ncol=3, frameon=False, bbox_to_anchor=(0, 1.25))
    return _done(ax)


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
    if grid.shape != errors.shape or grid.ndim != 1 or len(grid) < 2:
        raise ValueError(
            f"weight_grid and error_grid must be two 1-D arrays of the same length, "
            f"got shapes {grid.shape} and {errors.shape}"
        )
    ax = _axes(ax)
    ax.plot(grid, errors, color="grey", lw=2)
    top = float(errors.max())
    if path is not None and path_errors is not None:
        p, pe = _finite("path", path), _finite("path_errors", path_errors)
        if p.shape != pe.shape:
            raise ValueError(f"path {p.shape} and path_errors {pe.shape} must match")
        ax.plot(p, pe, "-", color=NEGATIVE, lw=1, alpha=0.6)
        ax.scatter(p, pe, c=np.arange(len(p)), cmap="viridis", s=30, zorder=3)
        ax.plot(p[:1], pe[:1], "o", mfc="none", mec="black", ms=11, zorder=4)
    if weight is not None and error is not None:
        ax.plot([weight], [error], "o", color=NEGATIVE, ms=10, zorder=5)
        if slope is not None and np.isfinite(slope):
            half = 0.12 * (grid[-1] - grid[0])
            xs = np.array([weight - half, weight + half])
            ax.plot(xs, error + slope * (xs - weight), color=NEGATIVE, lw=2, ls="--")
    ax.set_xlim(grid[0], grid[-1])
    ax.set_ylim(-0.05 * top, 1.1 * top if top > 0 else 1)
    ax.set_xlabel("weight")
    ax.set_ylabel("error")
    ax.set_title(title)
    return _done(ax)


_LOG_LABELS = FuncFormatter(lambda v, _: f"{v:.0e}".replace("e-0", "e-").replace("e+0", "e"))


def plot_error_curve(
    errors: Sequence[float],
    ax: Axes | None = None,
    log: bool = True,
    label: str | None = None,
    title: str = "error at each step",
    xlabel: str = "step",
    color: str = POSITIVE,
) -> Figure:
    """The error after each step or iteration (log scale by default); zeros are left out."""
    errors = _finite("errors", errors, ndim=1)
    ax = _axes(ax)
    steps = np.arange(len(errors))
    shown = errors > 0 if log else np.ones(len(errors), bool)
    style = ".-" if len(errors) <= 150 else "-"  # markers cost time and hide the line
    ax.plot(steps[shown], errors[shown], style, ms=4, label=label, color=color)
    positive = errors[shown]
    if log and len(positive) and positive.max() < 10 * positive.min():
        log = False  # less than a decade: a log axis would show no tick labels
        shown = np.ones(len(errors), bool)
    if log:
        ax.set_yscale("log")
        # few ticks: a log axis spanning 1e-30..1 would otherwise draw hundreds
        ax.yaxis.set_major_locator(LogLocator(numticks=6))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_formatter(_LOG_LABELS)  # plain text renders faster than 10^x
    ax.set_xlabel(xlabel)
    if not log and ax.get_yscale() == "log" and getattr(ax.figure, "_nnutils_live", False):
        ax.set_yscale("linear")
    ax.set_ylabel("error" + (" (log scale)" if ax.get_yscale() == "log" else ""))
    ax.set_title(title)
    if label:
        ax.legend(fontsize=8)
    return _done(ax)


def plot_predictions_vs_goal(
    predictions: Sequence[float],
    goal: float,
    ax: Axes | None = None,
    title: str = "prediction at each iteration",
) -> Figure:
    """Predictions over iterations with the goal as a dashed line."""
    predictions = _finite("predictions", predictions, ndim=1)
    goal = validate.number("goal", goal)
    ax = _axes(ax)
    ax.plot(np.arange(len(predictions)), predictions, color=TOTAL, lw=1.5)
    ax.axhline(goal, color=GOAL, ls="--", lw=1)
    # a label on the goal line instead of a legend: one text is cheaper to redraw
    ax.text(
        0.01,
        goal,
        f" goal {goal:g}",
        transform=ax.get_yaxis_transform(),
        va="bottom",
        fontsize=8,
        color=GOAL,
    )
    ax.set_xlabel("iteration")
    ax.set_ylabel("prediction")
    ax.set_title(title)
    return _done(ax)


def _image_28(name: str, values: object) -> np.ndarray:
    arr = _finite(name, values)
    if arr.size != 784:
        raise ValueError(f"{name} must have 784 values (a 28x28 image), got shape {arr.shape}")
    return arr.reshape(28, 28)


def plot_weight_image(weights: Sequence[float], ax: Axes | None = None, title: str = "") -> Figure:
    """784 weights shown as a 28x28 image: blue positive, red negative, white zero."""
    img = _image_28("weights", weights)
    ax = _axes(ax, figsize=(3, 3))
    limit = float(np.abs(img).max()) or 1.0
    ax.imshow(img, cmap="RdBu", vmin=-limit, vmax=limit)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)
    return _done(ax)


def plot_digit(image: Sequence[float], ax: Axes | None = None, title: str = "") -> Figure:
    """One MNIST image (784 pixels in [0, 1]) in greys."""
    img = _image_28("image", image)
    ax = _axes(ax, figsize=(3, 3))
    ax.imshow(img, cmap="gray_r", vmin=0, vmax=1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)
    return _done(ax)


def plot_weight_images(
    weights: np.ndarray,
    titles: Sequence[str] | None = None,
    ncols: int = 5,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Each column of a (784, k) weight matrix as a 28x28 image, in a grid."""
    weights = _finite("weights", weights, ndim=2)
    if weights.shape[0] != 784:
        raise ValueError(f"weights must have shape (784, k), got {weights.shape}")
    k = weights.shape[1]
    nrows = -(-k // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=figsize or (1.9 * ncols, 2.0 * nrows), squeeze=False
    )
    for i, ax in enumerate(axes.flat):
        if i < k:
            plot_weight_image(weights[:, i], ax=ax, title=titles[i] if titles else str(i))
        else:
            ax.axis("off")
    fig.tight_layout()
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
    ax = _axes(ax, figsize=(4, 3))
    best = int(np.argmax(scores))
    colors = [TOTAL if i == best else "lightgrey" for i in range(len(scores))]
    ax.bar(range(len(scores)), scores, color=colors)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(range(len(scores)))
    for i, tick in enumerate(ax.get_xticklabels()):
        tick.set_fontweight("bold" if i == truth else "normal")
    if truth is not None:
        ax.set_xlabel(f"digit (true: {truth})")
    ax.set_title(title)
    return _done(ax)


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


def plot_network(
    weights: Sequence[np.ndarray],
    values: Sequence[Sequence[float]] | None = None,
    layer_names: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str = "",
    max_width: float = 4.0,
) -> Figure:
    """Chapter 06-07: every weight as an edge, blue positive, red negative, width by size.

    `weights[i]` has shape (nodes in layer i, nodes in layer i+1), as in
    `layer_1 = layer_0.dot(weights_0_1)`. `values` (optional) colours each node by
    its activation and prints it when the layer is small.
    """
    from matplotlib.collections import LineCollection

    mats = _check_chain(weights)
    sizes = [mats[0].shape[0]] + [w.shape[1] for w in mats]
    if values is not None:
        if len(values) != len(sizes):
            raise ValueError(f"values: expected {len(sizes)} layers, got {len(values)}")
        for i, (v, n) in enumerate(zip(values, sizes)):
            if v is not None and np.size(v) != n:
                raise ValueError(f"values[{i}] has {np.size(v)} entries, layer {i} has {n} nodes")
    names = list(layer_names or [f"layer_{i}" for i in range(len(sizes))])
    ax = _axes(ax, figsize=(6.4, 4))

    def ys(n: int) -> np.ndarray:  # node 0 at the top
        return np.linspace(1, 0, n) if n > 1 else np.array([0.5])

    biggest = max(float(np.abs(w).max()) for w in mats) or 1.0
    for i, w in enumerate(mats):
        y0, y1 = ys(w.shape[0]), ys(w.shape[1])
        a, b = np.meshgrid(np.arange(w.shape[0]), np.arange(w.shape[1]), indexing="ij")
        segs = np.stack(
            [
                np.stack([np.full(a.size, i), y0[a.ravel()]], 1),
                np.stack([np.full(a.size, i + 1), y1[b.ravel()]], 1),
            ],
            axis=1,
        )
        flat = w.ravel()
        many = flat.size > 2000
        widths = (0.3 if many else max_width) * np.abs(flat) / biggest + (0.05 if many else 0.3)
        colors = np.where(flat[:, None] >= 0, [[0.12, 0.47, 0.71, 1.0]], [[0.84, 0.15, 0.16, 1.0]])
        if many:
            colors[:, 3] = 0.15 + 0.6 * np.abs(flat) / biggest
        ax.add_collection(LineCollection(segs, linewidths=widths, colors=colors, zorder=1))
    for i, n in enumerate(sizes):
        y = ys(n)
        small = n <= 12
        v = None if values is None or values[i] is None else np.ravel(values[i]).astype(float)
        # node colour by value: green positive, pink negative, white zero
        face = "white" if v is None else plt.get_cmap("PiYG")(0.5 + 0.45 * np.clip(v, -1, 1))
        ax.scatter(
            np.full(n, i),
            y,
            s=(700 if small else 4),
            c=face if v is not None else "white",
            edgecolors="black",
            linewidths=0.8 if small else 0.2,
            zorder=2,
        )
        if small and v is not None:
            for yy, val in zip(y, v):
                ink = "white" if abs(val) > 0.7 else "black"
                text = f"{val + 0.0:.2f}"  # + 0.0 turns -0.0 into 0.0
                ax.text(i, yy, text, ha="center", va="center", fontsize=8, color=ink, zorder=3)
        ax.text(i, -0.12, f"{names[i]}\n({n})", ha="center", va="top", fontsize=9)
    ax.set_xlim(-0.4, len(sizes) - 0.6)
    ax.set_ylim(-0.3, 1.08)
    ax.axis("off")
    if title:
        ax.set_title(title)
    return _done(ax)


def plot_blocks(
    shapes: Sequence[tuple[str, tuple[int, ...]]],
    ax: Axes | None = None,
    title: str = "",
) -> Figure:
    """Chapter 07: vectors and matrices as labelled blocks, sized by their shapes.

    `shapes` is a left-to-right list of (name, shape), for example
    `[("layer_0", (1, 3)), ("weights_0_1", (3, 4)), ("layer_1", (1, 4))]`.
    """
    if not shapes:
        raise ValueError("need at least one (name, shape) pair")
    ax = _axes(ax, figsize=(8, 3))
    x = 0.0
    unit = 0.35
    for name, shape in shapes:
        if len(shape) == 1:
            shape = (1, shape[0])
        if len(shape) != 2 or min(shape) < 1:
            raise ValueError(
                f"{name}: shape must be (rows, columns) of positive sizes, got {shape}"
            )
        rows, cols = shape
        h, w = unit * min(rows, 8), unit * min(cols, 8)
        is_weight = name.startswith("weights") or name.startswith("W")
        color = "#c6dbef" if is_weight else "#c7e9c0"
        ax.add_patch(plt.Rectangle((x, -h / 2), w, h, facecolor=color, edgecolor="black"))
        for r in range(1, min(rows, 8)):
            ax.plot([x, x + w], [-h / 2 + r * unit] * 2, color="grey", lw=0.4)
        for c in range(1, min(cols, 8)):
            ax.plot([x + c * unit] * 2, [-h / 2, h / 2], color="grey", lw=0.4)
        ax.text(x + w / 2, h / 2 + 0.12, name, ha="center", va="bottom", fontsize=9)
        ax.text(x + w / 2, -h / 2 - 0.12, f"{rows}×{cols}", ha="center", va="top", fontsize=9)
        x += w + 0.6
    ax.set_xlim(-0.3, x - 0.3)
    ax.set_ylim(-unit * 4 - 0.6, unit * 4 + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return _done(ax)


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
    ax = _axes(ax, figsize=(3 + 0.9 * cols, 1 + 0.45 * rows))
    limit = float(np.abs(values).max()) or 1.0
    lo, hi = (-limit, limit) if symmetric else (float(values.min()), float(values.max()) or 1.0)
    ax.imshow(values, cmap=cmap, vmin=lo, vmax=hi, aspect="auto")
    for r in range(rows):
        for c in range(cols):
            v = values[r, c]
            if symmetric:  # dark at both ends of a diverging map
                strong = abs(v) > 0.6 * limit
            else:  # dark only at the top of a sequential map
                strong = (v - lo) > 0.6 * (hi - lo)
            ax.text(
                c,
                r,
                fmt.format(v + 0.0),  # + 0.0 turns -0.0 into 0.0
                ha="center",
                va="center",
                fontsize=8,
                color="white" if strong else "black",
            )
    ax.set_xticks(range(cols), col_labels if col_labels is not None else range(cols))
    ax.set_yticks(range(rows), row_labels if row_labels is not None else range(rows))
    ax.tick_params(length=0)
    if title:
        ax.set_title(title)
    return _done(ax)


def plot_forward_views(
    layer_0: np.ndarray,
    weights_0_1: np.ndarray,
    layer_1: np.ndarray,
    weights_1_2: np.ndarray,
    layer_2: np.ndarray,
    figsize: tuple[float, float] = (15, 3.8),
) -> Figure:
    """Chapter 07: one forward pass four ways: picture, letters, code and shapes."""
    mats = _check_chain([weights_0_1, weights_1_2])
    l0, l1, l2 = (
        np.atleast_2d(validate.array(n, v))
        for n, v in (("layer_0", layer_0), ("layer_1", layer_1), ("layer_2", layer_2))
    )
    expected = [(1, mats[0].shape[0]), (1, mats[0].shape[1]), (1, mats[1].shape[1])]
    for name, v, shape in zip(("layer_0", "layer_1", "layer_2"), (l0, l1, l2), expected):
        if v.shape != shape:
            raise ValueError(f"{name} must have shape {shape} for these weights, got {v.shape}")
    fig, axes = plt.subplots(
        1, 4, figsize=figsize, gridspec_kw={"width_ratios": [1.1, 1.0, 1.2, 1.3]}
    )
    plot_network(mats, values=[l0, l1, l2], ax=axes[0], title="picture")

    def vec(v: np.ndarray) -> str:
        return "[" + ", ".join(f"{x + 0.0:.2f}" for x in v.ravel()) + "]"

    letters = (
        r"$l_1 = \mathrm{relu}(l_0 W_0)$" + "\n\n"
        r"$l_2 = l_1 W_1$" + "\n\n"
        r"$l_2 = \mathrm{relu}(l_0 W_0)\, W_1$" + "\n\n"
        f"$l_0$ = {vec(l0)}\n$l_1$ = {vec(l1)}\n$l_2$ = {vec(l2)}"
    )
    axes[1].text(0.02, 0.5, letters, va="center", fontsize=10)
    axes[1].set_title("letters")
    code = (
        "layer_0 = streetlights[i:i+1]\n"
        "layer_1 = relu(layer_0.dot(\n"
        "              weights_0_1))\n"
        "layer_2 = layer_1.dot(\n"
        "              weights_1_2)"
    )
    axes[2].text(0.02, 0.5, code, va="center", family="monospace", fontsize=9.5)
    axes[2].set_title("code")
    for ax in axes[1:3]:
        ax.axis("off")
    plot_blocks(
        [
            ("layer_0", l0.shape),
            ("weights_0_1", mats[0].shape),
            ("layer_1", l1.shape),
            ("weights_1_2", mats[1].shape),
            ("layer_2", l2.shape),
        ],
        ax=axes[3],
        title="shapes",
    )
    fig.tight_layout()
    return fig


def plot_accuracy_curves(
    history: Sequence[dict],
    ax: Axes | None = None,
    title: str = "train vs test accuracy",
    test_name: str = "test",
) -> Figure:
    """Chapter 08: train accuracy per iteration, test accuracy where measured, the gap shaded.

    `history` is a list of dicts with keys `iteration`, `train_accuracy` and
    (where the test set was evaluated) `test_accuracy`.
    """
    if not isinstance(history, Sequence):
        raise TypeError(f"history must be a list of dicts, got {type(history).__name__}")
    its = np.array([h["iteration"] for h in history], dtype=float)
    train = _finite("train_accuracy", [h["train_accuracy"] for h in history], nonempty=False)
    tested = [h for h in history if h.get("test_accuracy") is not None]
    t_its = np.array([h["iteration"] for h in tested], dtype=float)
    test = _finite("test_accuracy", [h["test_accuracy"] for h in tested], nonempty=False)
    ax = _axes(ax, figsize=(7, 3.6))
    ax.plot(its, train, color=POSITIVE, lw=1.5, label="train")
    if len(test):
        ax.plot(t_its, test, "o-", color=NEGATIVE, ms=3, lw=1.5, label=test_name)
        train_at_test = np.interp(t_its, its, train)
        ax.fill_between(t_its, test, train_at_test, color="grey", alpha=0.25, label="gap")
        best = int(np.argmax(test))
        ax.annotate(
            f"best {test_name} {test[best]:.4f}\n(iteration {int(t_its[best])})",
            (t_its[best], test[best]),
            xytext=(0, -32),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            arrowprops={"arrowstyle": "-", "color": "grey"},
        )
    ax.set_xlabel("iteration")
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1.02)
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    return _done(ax)


def plot_confusion(
    confusion: np.ndarray, ax: Axes | None = None, title: str = "confusion matrix"
) -> Figure:
    """A 10x10 table of counts: row = true digit, column = predicted digit."""
    confusion = _finite("confusion", confusion, ndim=2)
    if confusion.shape[0] != confusion.shape[1]:
        raise ValueError(f"confusion must be a square matrix, got shape {confusion.shape}")
    n = confusion.shape[0]
    ax = _axes(ax, figsize=(6, 5.4))
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
    return _done(ax)


def plot_per_class_accuracy(
    accuracy: Sequence[float], ax: Axes | None = None, title: str = "accuracy per digit"
) -> Figure:
    """One bar per class with its accuracy written on top."""
    accuracy = _finite("accuracy", accuracy, ndim=1)
    ax = _axes(ax, figsize=(6, 3))
    bars = ax.bar(range(len(accuracy)), accuracy, color=POSITIVE)
    for bar, a in zip(bars, accuracy):
        ax.annotate(
            f"{a:.2f}", (bar.get_x() + bar.get_width() / 2, a), ha="center", va="bottom", fontsize=8
        )
    ax.set_xticks(range(len(accuracy)))
    ax.set_ylim(0, 1.1)
    ax.set_xlabel("digit")
    ax.set_ylabel("accuracy")
    ax.set_title(title)
    return _done(ax)


# --- Chapter 09 ------------------------------------------------------------------


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
    if not (x.shape == output.shape == derivative.shape) or x.ndim != 1:
        raise ValueError(
            f"x, output and derivative must be 1-D and the same length, got shapes "
            f"{x.shape}, {output.shape}, {derivative.shape}"
        )
    ax = _axes(ax, figsize=(4, 3))
    ax.axhline(0, color="black", lw=0.6)
    ax.axvline(0, color="black", lw=0.6)
    ax.plot(x, output, color=POSITIVE, lw=2, label="output")
    ax.plot(x, derivative, "--", color=NEGATIVE, lw=1.5, label="derivative")
    ax.set_xlabel("input (weighted sum)")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return _done(ax)


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
    names = [str(i) for i in range(len(p))] if names is None else [str(n) for n in names]
    if len(names) != len(p):
        raise ValueError(f"need one name per class: {len(names)} names for {len(p)} classes")
    colors = [TOTAL if i == target else (NEGATIVE if v < 0 else POSITIVE) for i, v in enumerate(p)]
    low, high = min(0.0, float(p.min()) * 1.15), max(1.1, float(p.max()) * 1.15)
    live = ax is not None and getattr(ax.figure, "_nnutils_live", False)
    state = getattr(ax, "_nnutils_bars", None) if live else None
    if state is not None and state[2] == names:
        # a widget redrawing the same classes: move the bars instead of rebuilding them
        for bar, label, v, color in zip(state[0], state[1], p, colors):
            bar.set_height(v)
            bar.set_color(color)
            label.set_text(f"{v:.3f}")
            label.set_position((bar.get_x() + bar.get_width() / 2, max(v, 0.0)))
        ax.set_ylim(low, high)
        ax.set_title(title)
        return ax.figure
    ax = _axes(ax, figsize=(5, 3))
    bars = ax.bar(range(len(p)), p, color=colors)
    labels = [
        ax.text(
            bar.get_x() + bar.get_width() / 2,
            max(v, 0.0),
            f"{v:.3f}",
            ha="center",
            va="bottom",
            fontsize=8,
        )
        for bar, v in zip(bars, p)
    ]
    ax.axhline(0, color="black", lw=0.6)
    if [t.get_text() for t in ax.get_xticklabels()] != names:  # widgets: set once, not per frame
        ax.set_xticks(range(len(p)), names)
        ax.set_yticks([])  # every bar carries its value; no y axis to read (and to redraw)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.set_xlabel("class")
    ax.set_ylim(low, high)
    ax.set_title(title)
    fig = _done(ax)
    if live:
        ax._nnutils_bars = (list(bars), labels, names)
    return fig


# --- Appendix A1 -----------------------------------------------------------------


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
    if inputs.shape != outputs.shape or inputs.ndim != 1:
        raise ValueError(
            f"inputs and outputs must be 1-D and the same length, got {inputs.shape}, "
            f"{outputs.shape}"
        )
    ax = _axes(ax, figsize=(5, 3))
    ax.axhline(0, color="black", lw=0.6)
    ax.plot(inputs, outputs, color=POSITIVE, lw=2, label="output")
    for i, (x, goal, out) in enumerate(_finite("goals", goals, nonempty=False).reshape(-1, 3)):
        ax.plot([x, x], [goal, out], color=NEGATIVE, lw=3, alpha=0.6)
        ax.plot([x], [goal], "*", color=GOAL, ms=13, label="goal" if i == 0 else None)
        ax.plot(
            [x],
            [out],
            "o",
            color=TOTAL,
            ms=8,
            label="output at the goal's input" if i == 0 else None,
        )
    ax.set_ylim(-1.1, 1.1)
    ax.set_xlabel("input a0")
    ax.set_ylabel("a1")
    ax.set_title(title)
    # one row above the axes: never over the curve, and cheap to place
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, fontsize=8, frameon=False)
    return _done(ax)
