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
    if drawn is not None:
        for artist in drawn:
            try:
                artist.remove()
            except (ValueError, NotImplementedError):
                pass
        ax.relim()
        ax.autoscale(True)
    ax._nnutils_before = set(ax.get_children())
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


def _finite(name: str, values: object) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite numbers, got {arr.tolist()}")
    return arr


def plot_local_predictions(
    input: Sequence[float],
    weights: Sequence[float],
    names: Sequence[str],
    prediction: float | None = None,
    ax: Axes | None = None,
    ylim: tuple[float, float] | None = None,
) -> Figure:
    """Chapter 03: one bar per input * weight ("local prediction"), then their sum."""
    input = _finite("input", input)
    weights = _finite("weights", weights)
    if input.shape != weights.shape or input.ndim != 1 or len(names) != len(input):
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
    values = _finite("input, weight, prediction and goal", [input, weight, prediction, goal])
    input, weight, prediction, goal = values
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
    grid = _finite("weight_grid", weight_grid)
    errors = _finite("error_grid", error_grid)
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
    errors = _finite("errors", errors)
    ax = _axes(ax)
    steps = np.arange(len(errors))
    shown = errors > 0 if log else np.ones(len(errors), bool)
    style = ".-" if len(errors) <= 150 else "-"  # markers cost time and hide the line
    ax.plot(steps[shown], errors[shown], style, ms=4, label=label, color=color)
    if log:
        ax.set_yscale("log")
        # few ticks: a log axis spanning 1e-30..1 would otherwise draw hundreds
        ax.yaxis.set_major_locator(LogLocator(numticks=6))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_formatter(_LOG_LABELS)  # plain text renders faster than 10^x
    ax.set_xlabel(xlabel)
    ax.set_ylabel("error" + (" (log scale)" if log else ""))
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
    predictions = _finite("predictions", predictions)
    ax = _axes(ax)
    ax.plot(np.arange(len(predictions)), predictions, color=TOTAL, lw=1.5, label="prediction")
    ax.axhline(goal, color=GOAL, ls="--", lw=1, label=f"goal {goal:g}")
    ax.set_xlabel("iteration")
    ax.set_ylabel("prediction")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
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
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 2 or weights.shape[0] != 784:
        raise ValueError(f"weights must have shape (784, k), got {weights.shape}")
    _finite("weights", weights)
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
    scores = _finite("scores", scores)
    if scores.ndim != 1:
        raise ValueError(f"scores must be 1-D, got shape {scores.shape}")
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
