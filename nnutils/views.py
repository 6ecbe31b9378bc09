"""Views: the course's pictures as objects that are drawn once and then only moved.

Each view draws what doesn't change (axes, labels, a bowl's curve) when it is
created, keeps the artists that do change (a point, a path, bars, line
widths) and moves them in `update(...)`. The same class draws the picture
in an ordinary notebook cell (through `nnutils.plots`) and in a live panel,
so the two always agree. In a panel (`live` given), the moving artists are
marked animated and blitted over the kept background; a view that has to
change something static (new axis limits when the data leaves the view, a
different number of nodes) calls `live.invalidate()` and the panel draws
everything again once.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from nnutils.style import GOAL, NEGATIVE, POSITIVE, SMALL, TEXT, TOTAL, use_course_style

use_course_style()

_BLUE = to_rgba(POSITIVE)
_RED = to_rgba(NEGATIVE)


#: per static axes, the range the last view fitted on each axis (so a second curve drawn
#: on the same axes widens the view instead of cutting the first one off)
_STATIC_FITS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class View:
    """Figure parts on one axes: static ones drawn at creation, moving ones kept."""

    def __init__(self, ax: Axes, live: Any = None):
        self.ax = ax
        self.live = live

    def moving(self, *artists: Any) -> Any:
        """Mark artists that change on every update (blitted in a live panel)."""
        if self.live is not None:
            for artist in artists:
                artist.set_animated(True)
        return artists[0] if len(artists) == 1 else artists

    def restyle(self) -> None:
        """Something static changed: a live panel must draw everything again."""
        if self.live is not None:
            self.live.invalidate(self.ax)

    def _fit_static(
        self, axis: str, lo: float, hi: float, fixed: tuple[float, float] | None
    ) -> None:
        """A static picture shows all it holds: this view's range and every earlier curve."""
        get = self.ax.get_xlim if axis == "x" else self.ax.get_ylim
        set_ = self.ax.set_xlim if axis == "x" else self.ax.set_ylim
        fitted = _STATIC_FITS.setdefault(self.ax, {})
        before = fitted.get(axis)  # what an earlier view on these axes asked for
        log = (self.ax.get_xscale() if axis == "x" else self.ax.get_yscale()) == "log"
        if fixed is not None:
            ends = list(fixed)
        else:
            self.ax.relim(visible_only=True)
            self.ax.autoscale(enable=True, axis=axis)
            self.ax.autoscale_view(scalex=axis == "x", scaley=axis == "y")
            ends = [*get(), lo, hi]
        if before is not None and before[0] is not self:
            ends += list(before[1])
        ends = [v for v in ends if math.isfinite(v) and (v > 0 or not log)]
        if not ends:
            return
        a, b = min(ends), max(ends)
        fitted[axis] = (self, (a, b))
        if (a, b) != tuple(get()) and a < b:
            set_(a, b)

    def fit(
        self,
        axis: str,
        lo: float,
        hi: float,
        pad: float = 0.08,
        log: bool = False,
        fixed: tuple[float, float] | None = None,
    ) -> None:
        """Keep the axis limits while the data [lo, hi] fits them well; otherwise refit.

        The view is refitted when the data leaves it, or when the data shrinks to
        under a quarter of it, so small changes never rescale (and never force a
        full redraw).
        """
        get = self.ax.get_xlim if axis == "x" else self.ax.get_ylim
        set_ = self.ax.set_xlim if axis == "x" else self.ax.set_ylim
        if self.live is None:  # a static picture: fit everything drawn on these axes
            self._fit_static(axis, lo, hi, fixed)
            return
        if fixed is not None:
            if tuple(get()) != tuple(fixed):
                set_(*fixed)
                self.restyle()
            return
        if not (math.isfinite(lo) and math.isfinite(hi)):
            return
        if log:
            lo, hi = max(lo, 1e-300), max(hi, 1e-300)
            a, b = (math.log10(v) for v in get())
            x, y = math.log10(lo), math.log10(hi)
        else:
            a, b = get()
            x, y = lo, hi
        span = b - a
        if span > 0 and a <= x and y <= b and (y - x) >= 0.25 * span:
            return
        width = max(y - x, 1.0 if log else max(abs(y), abs(x), 1e-9) * 0.2)
        if log:  # whole decades, one to spare on each side
            new = (10 ** math.floor(x - 1), 10 ** math.ceil(y + 1))
        else:
            new = (x - pad * width, y + pad * width)
        set_(*new)
        self.restyle()


FINE = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
COARSE = (1, 2, 5, 10)


def nice_ceiling(n: float, steps: Sequence[float] = FINE) -> float:
    """The smallest of `steps` (times a power of ten) that is at least `n`.

    Axis ends that only change at these values don't move on every step of a slider.
    """
    if n <= 0:
        return 1.0
    scale = 10.0 ** math.floor(math.log10(n))
    for m in steps:
        if m * scale >= n * (1 - 1e-12):
            return m * scale
    return 10 * scale


def _arr(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=float)


# --- Chapter 02 -----------------------------------------------------------------------


class KnobView(View):
    """Chapter 02: input, prediction and goal on one number line, with the miss marked."""

    def __init__(self, ax: Axes, input: float, goal: float, live: Any = None, span=None):
        super().__init__(ax, live)
        self.input, self.goal = float(input), float(goal)
        self.span = span
        ax.axhline(0, color="black", lw=0.8)
        ax.set_yticks([])
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.plot([input], [0], "s", color=POSITIVE, ms=12, label=f"input {input:g}")
        ax.plot([goal], [0], "*", color=GOAL, ms=17, label=f"goal {goal:g}")
        (self.dot,) = ax.plot([], [], "o", color=TOTAL, ms=12, label="prediction", zorder=4)
        (self.miss,) = ax.plot([], [], color=NEGATIVE, lw=5, solid_capstyle="butt")
        self.arrow = ax.annotate(
            "",
            xy=(0, 0.4),
            xytext=(input, 0.4),
            arrowprops={"arrowstyle": "->", "color": "grey", "lw": 1.8},
        )
        self.times = ax.text(0, 0.5, "", ha="center", va="bottom", fontsize=SMALL)
        self.miss_text = ax.text(0, -0.5, "", ha="center", va="top", color=NEGATIVE)
        self.moving(self.dot, self.miss, self.arrow, self.times, self.miss_text)
        ax.set_ylim(-0.95, 0.95)
        ax.set_xlabel("value")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False)

    def update(self, weight: float, prediction: float) -> None:
        """Move the prediction, the arrow and the miss for a new weight."""
        p, g = float(prediction), self.goal
        self.dot.set_data([p], [0])
        self.miss.set_data([p, g], [-0.22, -0.22])
        self.arrow.xy = (p, 0.4)
        self.times.set_position(((self.input + p) / 2, 0.5))
        self.times.set_text(f"× weight {weight:.2f}")
        self.miss_text.set_position(((p + g) / 2, -0.45))
        self.miss_text.set_text(f"miss {p - g:+.3f}")
        if self.span is not None:
            self.fit("x", *self.span, pad=0.05)
        else:
            self.fit("x", min(0.0, self.input, p, g), max(1.0, self.input, p, g), pad=0.08)


# --- Chapter 03 -----------------------------------------------------------------------


class LocalPredictionsView(View):
    """Chapter 03: one bar per input × weight ("local prediction"), then their sum."""

    SCALES = (1.2, 2.5, 5.0, 12.0)

    def __init__(self, ax: Axes, input: Sequence[float], names: Sequence[str], live: Any = None):
        super().__init__(ax, live)
        self.input = _arr(input)
        n = len(self.input)
        self.bars = ax.bar(range(n + 1), np.zeros(n + 1), width=0.6)
        self.values = [ax.text(i, 0, "", ha="center", fontsize=SMALL) for i in range(n + 1)]
        self.products = [
            ax.text(
                i, 0, "", ha="center", va="top", fontsize=SMALL, transform=ax.get_xaxis_transform()
            )
            for i in range(n)
        ]
        self.moving(*self.bars, *self.values, *self.products)
        ax.axhline(0, color="black", lw=0.8)
        ax.axvline(n - 0.5, color="grey", lw=0.8, ls=":")
        ax.set_xticks(range(n + 1), [*names, "prediction"])
        ax.tick_params(axis="x", pad=22)
        ax.set_ylabel("contribution")
        ax.set_title("local predictions add up to the prediction")

    def update(self, weights: Sequence[float], prediction: float | None = None) -> None:
        """Set each bar to input × weight, and the last one to the prediction."""
        local = self.input * _arr(weights)
        total = float(local.sum()) if prediction is None else float(prediction)
        heights = [*local, total]
        for i, (bar, h) in enumerate(zip(self.bars, heights)):
            bar.set_height(h)
            bar.set_color(TOTAL if i == len(local) else (POSITIVE if h >= 0 else NEGATIVE))
            self.values[i].set_position((i, h))
            self.values[i].set_va("bottom" if h >= 0 else "top")
            self.values[i].set_text(f"{h:.3f}")
        for i, (x, w) in enumerate(zip(self.input, weights)):
            self.products[i].set_position((i, -0.02))
            self.products[i].set_text(f"{x:g} × {w:.2f}")
        biggest = max(abs(h) for h in heights) * 1.2
        scale = next((s for s in self.SCALES if biggest <= s), biggest)
        self.fit("y", -scale, scale, fixed=(-scale, scale))


# --- Chapter 04 -----------------------------------------------------------------------


class BowlView(View):
    """Chapter 04: the error for every value of the weight, a point, its slope and a path."""

    def __init__(
        self,
        ax: Axes,
        weight_grid: Sequence[float] | None = None,
        error_grid: Sequence[float] | None = None,
        live: Any = None,
        title: str = "error for every value of the weight",
        moving_curve: bool = False,
        ylim: tuple[float, float] | None = None,
    ):
        super().__init__(ax, live)
        self.ylim = ylim
        (self.curve,) = ax.plot([], [], color="grey", lw=2.2)
        if moving_curve:
            self.moving(self.curve)
        (self.path_line,) = ax.plot([], [], "-", color=NEGATIVE, lw=1.2, alpha=0.6)
        self.path_dots = ax.scatter([], [], c=[], cmap="viridis", s=40, zorder=3, vmin=0, vmax=1)
        (self.start,) = ax.plot([], [], "o", mfc="none", mec="black", ms=13, zorder=4)
        (self.point,) = ax.plot([], [], "o", color=NEGATIVE, ms=11, zorder=5)
        (self.slope_line,) = ax.plot([], [], color=NEGATIVE, lw=2.2, ls="--", zorder=4)
        self.moving(self.path_line, self.path_dots, self.start, self.point, self.slope_line)
        ax.set_xlabel("weight")
        ax.set_ylabel("error")
        ax.set_title(title)
        if weight_grid is not None and error_grid is not None:
            self.set_curve(weight_grid, error_grid)

    def set_curve(self, weight_grid: Sequence[float], error_grid: Sequence[float]) -> None:
        """Draw the bowl itself (refitting the axes if it moved out of view)."""
        grid, errors = _arr(weight_grid), _arr(error_grid)
        self.curve.set_data(grid, errors)
        self.fit("x", float(grid[0]), float(grid[-1]), fixed=(float(grid[0]), float(grid[-1])))
        finite = errors[np.isfinite(errors)]
        top = float(finite.max()) if finite.size else 1.0
        self.fit("y", 0, top, fixed=self.ylim or (-0.05 * top, 1.1 * top if top > 0 else 1.0))

    def update(
        self,
        weight: float | None = None,
        error: float | None = None,
        slope: float | None = None,
        path: Sequence[float] | None = None,
        path_errors: Sequence[float] | None = None,
    ) -> None:
        """Place the current point (with its slope line) and the path taken so far."""
        if weight is not None and error is not None:
            self.point.set_data([weight], [error])
            if slope is not None and math.isfinite(slope):
                lo, hi = self.ax.get_xlim()
                half = 0.12 * (hi - lo)
                xs = np.array([weight - half, weight + half])
                self.slope_line.set_data(xs, error + slope * (xs - weight))
            else:
                self.slope_line.set_data([], [])
        else:
            self.point.set_data([], [])
            self.slope_line.set_data([], [])
        if path is not None and path_errors is not None and len(path):
            p, e = _arr(path), _arr(path_errors)
            self.path_line.set_data(p, e)
            self.path_dots.set_offsets(np.column_stack([p, e]))
            self.path_dots.set_array(np.linspace(0, 1, len(p)))
            self.start.set_data(p[:1], e[:1])
        else:
            self.path_line.set_data([], [])
            self.path_dots.set_offsets(np.empty((0, 2)))
            self.start.set_data([], [])


_LOG_LABELS = FuncFormatter(lambda v, _: f"{v:.0e}".replace("e-0", "e-").replace("e+0", "e"))


class CurveView(View):
    """A quantity after each step: the error (log scale) or the prediction (with its goal)."""

    def __init__(
        self,
        ax: Axes,
        live: Any = None,
        log: bool = True,
        title: str = "error at each step",
        xlabel: str = "step",
        ylabel: str = "error",
        goal: float | None = None,
        color: str | None = POSITIVE,
        markers: bool = True,
        ylim: tuple[float, float] | None = None,
    ):
        super().__init__(ax, live)
        self.log, self.markers, self.ylim = log, markers, ylim
        (self.line,) = ax.plot([], [], ".-" if markers else "-", ms=5, color=color)
        self.moving(self.line)
        if goal is not None:
            ax.axhline(goal, color=GOAL, ls="--", lw=1.2)
            ax.text(
                0.01,
                goal,
                f" goal {goal:g}",
                transform=ax.get_yaxis_transform(),
                va="bottom",
                color=GOAL,
                fontsize=SMALL,
            )
        if log:
            ax.set_yscale("log")
            ax.yaxis.set_major_locator(LogLocator(numticks=5))
            ax.yaxis.set_minor_locator(NullLocator())
            ax.yaxis.set_major_formatter(_LOG_LABELS)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel + (" (log scale)" if log else ""))
        ax.set_title(title)

    def update(self, values: Sequence[float], steps: int | None = None) -> None:
        """Show `values[k]` at step k; the x axis spans `steps` (default: the values)."""
        v = _arr(values)
        x = np.arange(len(v))
        shown = v > 0 if self.log else np.isfinite(v)
        self.line.set_data(x[shown], v[shown])
        if self.markers:
            self.line.set_marker("." if len(v) <= 150 else "")
        n = nice_ceiling(max(steps if steps is not None else len(v) - 1, 1))
        self.fit("x", 0, n, fixed=(-0.02 * n, n * 1.02))
        if self.ylim is not None:
            self.fit("y", *self.ylim, fixed=self.ylim)
        elif not self.log and shown.any():  # from 0 (or below) up to a round number
            lo, hi = float(v[shown].min()), float(v[shown].max())
            top = nice_ceiling(max(hi, 1.0), COARSE)
            bottom = 0.0 if lo >= 0 else -nice_ceiling(-lo, COARSE)
            pad = 0.04 * (top - bottom)
            self.fit("y", bottom, top, fixed=(bottom - pad, top + pad))
        elif shown.any():
            self.fit("y", float(v[shown].min()), float(v[shown].max()), log=self.log)


# --- Chapter 05 -----------------------------------------------------------------------


class ImageView(View):
    """A 28x28 image: an MNIST digit in greys, or weights in blue (+) and red (-)."""

    def __init__(
        self,
        ax: Axes,
        weights: bool = True,
        limit: float | None = None,
        live: Any = None,
        colorbar: bool = False,
    ):
        super().__init__(ax, live)
        lim = limit or 1.0
        cmap, lo, hi = ("RdBu", -lim, lim) if weights else ("gray_r", 0.0, 1.0)
        # a mesh of 784 squares draws several times faster than a resampled image
        self.image = ax.pcolormesh(np.zeros((28, 28)), cmap=cmap, vmin=lo, vmax=hi)
        self.fixed = limit is not None or not weights
        self.moving(self.image, ax.title)
        ax.set_xlim(0, 28)
        ax.set_ylim(28, 0)  # row 0 at the top, as an image
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        if colorbar:
            bar = ax.figure.colorbar(self.image, ax=ax, fraction=0.046, pad=0.04)
            style_colorbar(bar)

    def update(self, values: Sequence[float], title: str = "") -> None:
        """Show 784 values as the 28x28 image."""
        img = _arr(values).reshape(28, 28)
        self.image.set_array(img.ravel())
        if not self.fixed:
            lim = float(np.abs(img).max()) or 1.0
            self.image.set_clim(-lim, lim)
        self.ax.set_title(title)


class ScoresView(View):
    """Chapter 05: ten output scores as bars; the largest green, the true class marked."""

    def __init__(self, ax: Axes, n: int = 10, live: Any = None, title: str = "output of each node"):
        super().__init__(ax, live)
        self.bars = ax.bar(range(n), np.zeros(n), color="lightgrey")
        (self.truth,) = ax.plot(
            [],
            [],
            "^",
            color=GOAL,
            ms=11,
            clip_on=False,
            transform=ax.get_xaxis_transform(),
            label="true digit",
        )
        self.moving(*self.bars, self.truth)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_xticks(range(n))
        ax.set_xlabel("digit")
        ax.set_title(title)

    def update(self, scores: Sequence[float], truth: int | None = None) -> None:
        """Set the bars; mark the true class under its bar."""
        s = _arr(scores)
        best = int(np.argmax(s))
        for i, (bar, v) in enumerate(zip(self.bars, s)):
            bar.set_height(v)
            bar.set_color(TOTAL if i == best else "lightgrey")
        if truth is None:
            self.truth.set_data([], [])
        else:
            self.truth.set_data([truth], [0.02])
        self.fit("y", min(0.0, float(s.min())), max(float(s.max()), 0.1), pad=0.1)


# --- Chapters 06-07 -------------------------------------------------------------------


class MatrixView(View):
    """A small matrix as a coloured table with its numbers in each cell."""

    def __init__(
        self,
        ax: Axes,
        shape: tuple[int, int],
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
        live: Any = None,
        title: str = "",
        fmt: str = "{:.2f}",
        cmap: str = "RdBu",
        symmetric: bool = True,
        fontsize: float = SMALL,
    ):
        super().__init__(ax, live)
        rows, cols = shape
        self.fmt, self.symmetric, self.shape = fmt, symmetric, (rows, cols)
        self.image = ax.imshow(np.zeros(shape), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
        self.texts = [
            [ax.text(c, r, "", ha="center", va="center", fontsize=fontsize) for c in range(cols)]
            for r in range(rows)
        ]
        self.moving(self.image, *[t for row in self.texts for t in row])
        ax.set_xticks(range(cols), col_labels if col_labels is not None else range(cols))
        ax.set_yticks(range(rows), row_labels if row_labels is not None else range(rows))
        ax.tick_params(length=0)
        if title:
            ax.set_title(title)

    def update(self, values: np.ndarray) -> None:
        """Colour each cell by its value and write the value in it."""
        v = _arr(values)
        limit = float(np.abs(v).max()) or 1.0
        lo, hi = (-limit, limit) if self.symmetric else (float(v.min()), float(v.max()) or 1.0)
        self.image.set_data(v)
        self.image.set_clim(lo, hi)
        for r, row in enumerate(self.texts):
            for c, text in enumerate(row):
                x = v[r, c]
                strong = abs(x) > 0.6 * limit if self.symmetric else (x - lo) > 0.6 * (hi - lo)
                text.set_text(self.fmt.format(x + 0.0))  # + 0.0 turns -0.0 into 0.0
                text.set_color("white" if strong else "black")


class NetworkView(View):
    """Chapters 06-07: every weight as a line, blue positive, red negative, width by size.

    `sizes` are the number of nodes per layer; `update(weights, values)` sets the
    lines from the weight matrices (`weights[i]` has shape (nodes in layer i,
    nodes in layer i+1), as in `layer_1 = layer_0.dot(weights_0_1)`) and, when
    given, colours each node by its value and writes it in small layers.
    """

    def __init__(
        self,
        ax: Axes,
        sizes: Sequence[int],
        layer_names: Sequence[str] | None = None,
        live: Any = None,
        title: str = "",
        max_width: float = 5.0,
    ):
        super().__init__(ax, live)
        self.sizes = [int(n) for n in sizes]
        self.max_width = max_width
        names = list(layer_names or [f"layer_{i}" for i in range(len(self.sizes))])
        # one line style for the whole figure: thousands of lines are drawn thin and faint
        self.many = sum(a * b for a, b in zip(self.sizes, self.sizes[1:])) > 2000
        height = ax.bbox.height * 72 / ax.figure.dpi  # the axes' height in points
        self.edges = []
        for i, (a, b) in enumerate(zip(self.sizes, self.sizes[1:])):
            y0, y1 = self._ys(a), self._ys(b)
            ai, bi = np.meshgrid(np.arange(a), np.arange(b), indexing="ij")
            segs = np.stack(
                [
                    np.stack([np.full(ai.size, i), y0[ai.ravel()]], 1),
                    np.stack([np.full(ai.size, i + 1), y1[bi.ravel()]], 1),
                ],
                axis=1,
            )
            collection = LineCollection(segs, zorder=1)
            ax.add_collection(collection)
            self.edges.append(collection)
        self.nodes, self.labels = [], []
        for i, n in enumerate(self.sizes):
            y = self._ys(n)
            # a node's diameter is at most 0.8 of the gap to its neighbour (and 34 points)
            gap = height * 0.78 / max(n - 1, 1)
            diameter = min(34.0, 0.8 * gap)
            self.nodes.append(
                ax.scatter(
                    np.full(n, i),
                    y,
                    s=max(diameter, 2.0) ** 2,
                    c="white",
                    edgecolors="black",
                    linewidths=0.9 if diameter > 8 else 0.3,
                    zorder=2,
                    clip_on=False,
                )
            )
            self.labels.append(
                [ax.text(i, yy, "", ha="center", va="center", fontsize=SMALL, zorder=3) for yy in y]
                if diameter >= 30
                else []
            )
            ax.text(i, -0.1, f"{names[i]}\n({n})", ha="center", va="top")
        self.moving(*self.edges, *self.nodes, *[t for row in self.labels for t in row])
        ax.set_xlim(-0.45, len(self.sizes) - 0.55)
        ax.set_ylim(-0.34, 1.1)
        ax.axis("off")
        if title:
            ax.set_title(title)

    @staticmethod
    def _ys(n: int) -> np.ndarray:  # node 0 at the top
        return np.linspace(1, 0, n) if n > 1 else np.array([0.5])

    def update(self, weights: Sequence[np.ndarray], values: Sequence[Any] | None = None) -> None:
        """Set line widths and colours from the weights; node colours and numbers from values."""
        mats = [_arr(w) for w in weights]
        biggest = max((float(np.abs(w).max()) for w in mats), default=1.0) or 1.0
        for collection, w in zip(self.edges, mats):
            flat = w.ravel()
            size = np.abs(flat) / biggest
            colors = np.where(flat[:, None] >= 0, [_BLUE], [_RED])
            if self.many:  # thousands of lines: thin, and faint when small
                widths = 0.15 + 0.6 * size
                colors[:, 3] = 0.08 + 0.5 * size
            else:
                widths = 0.4 + self.max_width * size
            collection.set_linewidths(widths)
            collection.set_colors(colors)
        from matplotlib import colormaps

        cmap = colormaps["PiYG"]
        for i, (dots, texts) in enumerate(zip(self.nodes, self.labels)):
            v = None if values is None or values[i] is None else np.ravel(values[i]).astype(float)
            if v is None:
                dots.set_facecolors("white")
                for t in texts:
                    t.set_text("")
                continue
            dots.set_facecolors(cmap(0.5 + 0.45 * np.clip(v, -1, 1)))
            for t, x in zip(texts, v):
                t.set_text(node_label(x))
                t.set_color("white" if abs(x) > 0.7 else "black")


def node_label(x: float) -> str:
    """A node's value in two decimals; a small nonzero value keeps its sign and a digit."""
    if x != 0 and abs(x) < 0.005:
        return f"{x:.3f}" if abs(x) >= 0.0005 else f"{x:.0e}"
    return f"{x + 0.0:.2f}"  # + 0.0 turns -0.0 into 0.0


# --- Chapter 08 -----------------------------------------------------------------------


class AccuracyView(View):
    """Chapter 08: train accuracy per iteration, test accuracy where measured, the gap shaded."""

    def __init__(
        self,
        ax: Axes,
        live: Any = None,
        title: str = "accuracy while training",
        test_name: str = "test",
        train_name: str = "train",
        mark: str | None = "best",
    ):
        super().__init__(ax, live)
        if mark not in ("best", "last", None):
            raise ValueError(f"mark must be 'best', 'last' or None, got {mark!r}")
        self.test_name, self.mark = test_name, mark
        (self.train,) = ax.plot([], [], color=POSITIVE, lw=1.8, label=train_name)
        (self.test,) = ax.plot([], [], "o-", color=NEGATIVE, ms=4, lw=1.8, label=test_name)
        self.gap = ax.fill_between([0], [0], [0], color="grey", alpha=0.25, label="gap")
        self.best = ax.annotate(
            "",
            (0, 0),
            xytext=(0, -40),
            textcoords="offset points",
            ha="center",
            fontsize=SMALL,
            arrowprops={"arrowstyle": "-", "color": "grey"},
        )
        self.moving(self.train, self.test, self.gap, self.best)
        ax.set_xlabel("iteration")
        ax.set_ylabel("accuracy")
        ax.set_ylim(0, 1.02)
        ax.set_xlim(0, 1)
        ax.set_title(title)
        ax.legend(loc="lower right")

    def update(self, history: Sequence[dict], iterations: int | None = None) -> None:
        """Draw the curves of `history` (dicts with iteration, train/test accuracy)."""
        its = np.array([h["iteration"] for h in history], dtype=float)
        train = np.array([h["train_accuracy"] for h in history], dtype=float)
        tested = [h for h in history if h.get("test_accuracy") is not None]
        t_its = np.array([h["iteration"] for h in tested], dtype=float)
        test = np.array([h["test_accuracy"] for h in tested], dtype=float)
        self.train.set_data(its, train)
        self.test.set_data(t_its, test)
        if len(test) >= 1 and len(its):
            top = np.interp(t_its, its, train)
            verts = np.concatenate(
                [np.column_stack([t_its, test]), np.column_stack([t_its, top])[::-1]]
            )
            self.gap.set_verts([verts])
            if self.mark is None:
                self.best.set_text("")
            else:
                k = int(np.argmax(test)) if self.mark == "best" else len(test) - 1
                word = "best " if self.mark == "best" else ""
                self.best.xy = (t_its[k], test[k])
                self.best.set_text(
                    f"{word}{self.test_name} {test[k]:.4f}\n(iteration {int(t_its[k])})"
                )
        else:
            self.gap.set_verts([])
            self.best.set_text("")
        end = iterations if iterations else (its.max() + 1 if len(its) else 1)
        self.fit("x", 0, float(end), fixed=(0, max(float(end) - 1, 1)))
        # keep the label inside the axes: near an edge, it reaches inwards
        lo, hi = self.ax.get_xlim()
        where = (self.best.xy[0] - lo) / (hi - lo) if hi > lo else 0.5
        self.best.set_horizontalalignment(
            "right" if where > 0.75 else "left" if where < 0.25 else "center"
        )


# --- Chapter 09 -----------------------------------------------------------------------


class ProbabilitiesView(View):
    """Chapter 09: one bar per class, the true class in green, each value written on its bar."""

    def __init__(
        self,
        ax: Axes,
        n: int,
        live: Any = None,
        title: str = "",
        names: Sequence[str] | None = None,
    ):
        super().__init__(ax, live)
        names = [str(i) for i in range(n)] if names is None else [str(x) for x in names]
        self.bars = ax.bar(range(n), np.zeros(n), width=0.7)
        self.values = [
            ax.text(i, 0, "", ha="center", va="bottom", fontsize=SMALL) for i in range(n)
        ]
        self.moving(*self.bars, *self.values, ax.title)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_xticks(range(n), names)
        ax.set_yticks([])  # every bar carries its value
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.set_xlabel("class")
        ax.set_ylim(0, 1.15)
        ax.set_title(title)

    def update(
        self, probabilities: Sequence[float], target: int | None = None, title: str | None = None
    ) -> None:
        """Set the bars (values outside [0, 1] drawn as they are, red below zero)."""
        p = _arr(probabilities)
        for i, (bar, text, v) in enumerate(zip(self.bars, self.values, p)):
            bar.set_height(v)
            bar.set_color(TOTAL if i == target else (NEGATIVE if v < 0 else POSITIVE))
            text.set_position((i, max(v, 0.0)))
            text.set_text(f"{v:.3f}")
        if title is not None:
            self.ax.set_title(title)
        low, high = min(0.0, float(p.min()) * 1.2), max(1.15, float(p.max()) * 1.15)
        self.fit("y", low, high, pad=0.0)


# --- Appendix A1 ----------------------------------------------------------------------


class NeuronView(View):
    """Appendix A1: one neuron's output over a range of inputs, with goals and misses."""

    def __init__(self, ax: Axes, n_goals: int = 0, live: Any = None, title: str = ""):
        super().__init__(ax, live)
        ax.axhline(0, color="black", lw=0.7)
        (self.curve,) = ax.plot([], [], color=POSITIVE, lw=2.2, label="output")
        self.misses = [
            ax.plot([], [], color=NEGATIVE, lw=3.5, alpha=0.6)[0] for _ in range(n_goals)
        ]
        (self.goals,) = ax.plot([], [], "*", color=GOAL, ms=16, label="goal", zorder=4)
        (self.outs,) = ax.plot(
            [], [], "o", color=TOTAL, ms=10, label="output at the goal's input", zorder=5
        )
        self.moving(self.curve, *self.misses, self.outs)
        ax.set_ylim(-1.1, 1.1)
        ax.set_xlabel("input a0")
        ax.set_ylabel("a1")
        # the legend is a row above the axes, the title above that
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False)
        if title:
            ax.set_title(title, pad=34)

    def update(
        self,
        inputs: Sequence[float],
        outputs: Sequence[float],
        goals: Sequence[tuple[float, float, float]] = (),
    ) -> None:
        """Draw the curve; for each (input, goal, output) the goal, the output and the miss."""
        x = _arr(inputs)
        self.curve.set_data(x, _arr(outputs))
        self.fit("x", float(x.min()), float(x.max()), fixed=(float(x.min()), float(x.max())))
        g = _arr(goals).reshape(-1, 3)
        self.goals.set_data(g[:, 0], g[:, 1])
        self.outs.set_data(g[:, 0], g[:, 2])
        for line, (xx, goal, out) in zip(self.misses, g):
            line.set_data([xx, xx], [goal, out])


def style_colorbar(bar: Any) -> None:
    """Colour-bar ticks as big as every other tick label, and few enough to stay apart."""
    from matplotlib.ticker import MaxNLocator

    bar.locator = MaxNLocator(nbins=4, symmetric=True)
    bar.update_ticks()
    bar.ax.tick_params(labelsize=TEXT)
