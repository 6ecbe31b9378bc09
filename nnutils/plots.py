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

POSITIVE = "#1f77b4"  # blue: positive weights and values
NEGATIVE = "#d62728"  # red: negative weights and values
TOTAL = "#2ca02c"  # green: sums and predictions
GOAL = "#444444"


def _axes(ax: Axes | None, figsize: tuple[float, float] = (6.4, 3.6)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


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
    ax.figure.tight_layout()
    return ax.figure
