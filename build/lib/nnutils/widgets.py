"""Widgets: sliders and buttons wired to functions the notebook passes in.

Nothing here computes a prediction or learns a weight. Each builder takes the
notebook's own function, calls it with the slider values, and hands the result
to a drawing function from `nnutils.plots`. The figure is rendered to a PNG and
shown in an ``ipywidgets.Image``, so every update replaces one picture (no
flicker, no growing output) and the whole panel works the same in JupyterLab,
in a static export and under test.

`Panel.update(**values)` is the single entry point the tests use: it returns
the message shown under the plot and leaves the new picture in `Panel.png`.
"""

from __future__ import annotations

import html
import io
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as W
import numpy as np
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation
from PIL import Image as PILImage

from nnutils import plots, validate

#: Drawing callback of a panel: draws onto the figure, returns the message.
Draw = Callable[..., "str | None"]


class Panel:
    """Controls above a live figure and a one-line message.

    `draw(fig, **values)` draws the current state onto an empty figure and
    returns the message to show (or None). Any exception it raises is caught
    and shown as an error line instead of escaping into the notebook; numpy
    warnings are silenced while drawing, so the learner sees our message, not
    an overflow warning.
    """

    def __init__(
        self,
        controls: Mapping[str, W.ValueWidget],
        draw: Draw,
        figsize: tuple[float, float] = (6.4, 3.6),
        dpi: int = 72,
        title: str | None = None,
        margins: Mapping[str, float] | None = None,
    ):
        self.controls = dict(controls)
        self.draw = draw
        self.fig = Figure(figsize=figsize, dpi=dpi)
        self.fig._nnutils_live = True  # plots skip tight_layout: fixed margins are faster
        # fixed margins (in inches) wide enough for tick labels like "-0.0001" or "1e+05"
        w, h = figsize
        self.fig._nnutils_margins = {
            "left": 0.95 / w,
            "right": 1 - 0.2 / w,
            "bottom": 0.75 / h,
            "top": 1 - 0.35 / h,
            "wspace": 2.6 / w,
            "hspace": 0.5,
            **(margins or {}),
        }
        self.fig.subplots_adjust(**self.fig._nnutils_margins)
        FigureCanvasAgg(self.fig)
        self.image = W.Image(format="png", layout=W.Layout(width=f"{figsize[0] * dpi:.0f}px"))
        self.image.add_class("nnutils-figure")
        self.message = W.HTML()
        self.message.add_class("nnutils-message")
        self.png = b""
        self.last_message = ""
        self.last_error: str | None = None
        self.update_seconds: list[float] = []
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        header = [W.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        self.widget = W.VBox(
            [*header, W.HBox(list(self.controls.values()), layout=_wrap), self.image, self.message]
        )
        self.widget.add_class("nnutils-panel")
        self.update()

    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: c.value for name, c in self.controls.items()}

    def _on_change(self, _change: Any) -> None:
        self.update()

    def update(self, **values: Any) -> str:
        """Set the given controls (without redrawing each), redraw once, return the message."""
        for name in values:
            if name not in self.controls:
                raise KeyError(f"no control named {name!r}; controls: {sorted(self.controls)}")
        if values:
            with self._quiet():
                for name, value in values.items():
                    self.controls[name].value = value
        start = time.perf_counter()
        self.last_error = None
        try:
            # a fixed title position: matplotlib otherwise measures every tick label
            # to place it, on every redraw
            with warnings.catch_warnings(), np.errstate(all="ignore"), rc_context(_LIVE_RC):
                warnings.simplefilter("ignore")
                message = self.draw(self.fig, **self.values()) or ""
            _pin_axis_labels(self.fig)
        except Exception as e:  # shown to the learner, never raised into the notebook
            self.fig.clear()
            self.last_error = f"{type(e).__name__}: {e}"
            message = f"Error: {self.last_error}"
        self.png = _render_png(self.fig)
        self.image.value = self.png
        css = "color:#b00020" if self.last_error else ""
        self.message.value = f'<span style="{css}">{html.escape(message)}</span>'
        self.last_message = message
        self.update_seconds.append(time.perf_counter() - start)
        return message

    class _Quiet:
        def __init__(self, panel: Panel):
            self.panel = panel

        def __enter__(self) -> None:
            for c in self.panel.controls.values():
                c.unobserve(self.panel._on_change, names="value")

        def __exit__(self, *exc: object) -> None:
            for c in self.panel.controls.values():
                c.observe(self.panel._on_change, names="value")

    def _quiet(self) -> Panel._Quiet:
        return Panel._Quiet(self)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


_wrap = W.Layout(flex_flow="row wrap")
_LIVE_RC = {"axes.titley": 1.0}


def _pin_axis_labels(fig: Figure) -> None:
    """Place axis labels at a fixed distance (in inches) from their axes.

    By default matplotlib measures all tick labels on every draw to place the
    axis labels; for a live figure with fixed margins a fixed offset looks the
    same and makes each redraw markedly cheaper.
    """
    for ax in fig.axes:
        if ax.xaxis._autolabelpos:
            ax.xaxis.set_label_coords(
                0.5, 0, ax.transAxes + ScaledTranslation(0, -0.3, fig.dpi_scale_trans)
            )
            ax.xaxis.label.set_va("top")
        if ax.yaxis._autolabelpos:
            ax.yaxis.set_label_coords(
                0, 0.5, ax.transAxes + ScaledTranslation(-0.62, 0, fig.dpi_scale_trans)
            )
            ax.yaxis.label.set_va("bottom")


def _render_png(fig: Figure) -> bytes:
    """Rasterise the figure and encode it as a quickly compressed PNG."""
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    buf = io.BytesIO()
    PILImage.fromarray(rgba[..., :3]).save(buf, format="png", compress_level=1)
    return buf.getvalue()


def slider(
    description: str,
    value: float,
    low: float,
    high: float,
    step: float,
    fmt: str = ".2f",
    name: str | None = None,
) -> W.FloatSlider:
    """A float slider that updates while it is dragged and shows its value.

    `value` must lie in [low, high]; the error names `name` (the builder's
    argument), or the description.
    """
    value = _start(name or description, value, low, high)
    return W.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=fmt,
        continuous_update=True,
        style={"description_width": "initial"},
    )


def log_slider(
    description: str,
    value: float,
    low_exp: float,
    high_exp: float,
    step: float,
    fmt: str,
    name: str | None = None,
) -> W.FloatLogSlider:
    """A slider over powers of ten (10**low_exp .. 10**high_exp) that shows its value."""
    value = _start(name or description, value, 10.0**low_exp, 10.0**high_exp)
    return W.FloatLogSlider(
        value=value,
        base=10,
        min=low_exp,
        max=high_exp,
        step=step,
        description=description,
        readout_format=fmt,
        continuous_update=True,
        style={"description_width": "initial"},
    )


def int_slider(
    description: str, value: int, low: int, high: int, step: int = 1, name: str | None = None
) -> W.IntSlider:
    """An integer slider that updates while it is dragged and shows its value."""
    label = name or description
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{label} must be a whole number, got {value!r}")
    _start(label, value, low, high)
    return W.IntSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        style={"description_width": "initial"},
    )


def _start(name: str, value: Any, low: float, high: float) -> float:
    """A slider's starting value: a finite number inside the slider's range."""
    x = validate.number(name, value)
    if not low <= x <= high:
        raise ValueError(
            f"{name} must be between {low:g} and {high:g} (the slider's range), got {x:g}"
        )
    return x


# --- Chapter 03 ------------------------------------------------------------------


def weighted_sum_explorer(
    neural_network: Callable[[Any, Any], float],
    input: Any,
    names: tuple[str, ...] = ("toes", "wlrec", "nfans"),
    weights: tuple[float, ...] = (0.1, 0.2, 0.0),
) -> Panel:
    """Chapter 03: one slider per weight; bars show each local prediction and their sum.

    `neural_network(input, weights)` is the notebook's own function; the total
    bar is what it returns, the other bars are input times weight.
    """
    input = validate.array("input", input, ndim=1).tolist()
    weights = tuple(_start(f"weights[{i}]", w, -1.0, 1.0) for i, w in enumerate(weights))
    if len(input) != len(weights) or len(names) != len(weights):
        raise ValueError(
            f"need one input and one name per weight: got {len(input)} inputs, "
            f"{len(names)} names and {len(weights)} weights"
        )

    def draw(fig: Figure, **values: float) -> str:
        w = [values[f"w{i}"] for i in range(len(weights))]
        pred = float(neural_network(input, w))
        local = [x * wi for x, wi in zip(input, w)]
        biggest = max(abs(pred), *(abs(v) for v in local))
        # a few fixed scales, so small changes don't rescale the axis
        lim = next((s for s in (1.2, 2.5, 5.0, 12.0) if biggest * 1.15 <= s), biggest * 1.15)
        (ax,) = plots.axes_of(fig)
        plots.plot_local_predictions(input, w, names, prediction=pred, ax=ax, ylim=(-lim, lim))
        return f"prediction = {pred:.4f}"

    controls = {
        f"w{i}": slider(f"weight {name}", w, -1.0, 1.0, 0.01)
        for i, (name, w) in enumerate(zip(names, weights))
    }
    return Panel(
        controls, draw, title="Turn the weights and watch the weighted sum", margins={"bottom": 0.2}
    )


def divergence_step(errors: Sequence[float], factor: float = 1e6) -> int | None:
    """The first index where the error is not finite or has grown `factor`-fold, else None.

    A run whose error passes this point is exploding: a widget stops plotting
    there and says "diverged at step k" instead of drawing overflow.
    """
    if not (isinstance(factor, (int, float)) and np.isfinite(factor) and factor > 1):
        raise ValueError(f"factor must be a finite number above 1, got {factor!r}")
    if errors is None or isinstance(errors, (str, bytes)) or not hasattr(errors, "__iter__"):
        raise TypeError(f"errors must be a list of numbers, got {errors!r:.60}")
    limit = None
    for k, e in enumerate(errors):
        if e is None:
            return k
        try:
            e = float(e)
        except (TypeError, ValueError):
            raise TypeError(f"errors must be numbers, got {e!r} at position {k}") from None
        if not np.isfinite(e):
            return k
        if limit is None:
            limit = factor * max(abs(float(e)), 1.0)
        elif abs(e) > limit:
            return k
    return None


def _safe_errors(error: Callable[[float], float], weights: Sequence[float]) -> list[float]:
    """Apply the notebook's error function; an overflow becomes inf, not an exception."""
    out = []
    for w in weights:
        try:
            out.append(float(error(w)))
        except (OverflowError, FloatingPointError):
            out.append(float("inf"))
    return out


def _grid_around(points: Sequence[float], minimum: float | None, width: float = 1.0) -> np.ndarray:
    """A weight grid that shows every point and the bowl's bottom, with some margin."""
    pts = [p for p in points if np.isfinite(p)]
    if minimum is not None and np.isfinite(minimum):
        pts.append(minimum)
    lo, hi = min(pts), max(pts)
    span = max(hi - lo, width)
    return np.linspace(lo - 0.25 * span, hi + 0.25 * span, 201)


# --- Chapter 02 ------------------------------------------------------------------


def knob_explorer(
    neural_network: Callable[[float, float], float],
    input: float,
    goal: float,
    weight: float = 0.1,
) -> Panel:
    """Chapter 02: one knob (the weight) scales the input; see the prediction and the miss."""
    input, goal = validate.number("input", input), validate.number("goal", goal)
    weight = _start("weight", weight, -1.0, 1.0)

    def draw(fig: Figure, weight: float) -> str:
        prediction = float(neural_network(input, weight))
        (ax,) = plots.axes_of(fig)
        plots.plot_knob(input, weight, prediction, goal, ax=ax)
        return f"prediction {prediction:.3f}, goal {goal:g}, miss {prediction - goal:+.3f}"

    return Panel(
        {"weight": slider("weight (the knob)", weight, -1.0, 1.0, 0.01)},
        draw,
        figsize=(6.4, 2.6),
        title="Turn the knob until the prediction hits the goal",
    )


# --- Chapter 04 ------------------------------------------------------------------


def bowl_explorer(
    error: Callable[[float], float],
    slope: Callable[[float], float],
    weight: float = 0.5,
    weight_range: tuple[float, float] = (-1.0, 4.0),
) -> Panel:
    """Chapter 04: a weight slider on the error bowl, showing the error and the slope there.

    `error(weight)` and `slope(weight)` are the notebook's functions.
    """
    lo, hi = validate.array("weight_range", weight_range, ndim=1)
    if not lo < hi:
        raise ValueError(f"weight_range must be (low, high) with low < high, got {weight_range}")
    weight = _start("weight", weight, lo, hi)
    grid = np.linspace(lo, hi, 201)

    def draw(fig: Figure, weight: float) -> str:
        e, s = float(error(weight)), float(slope(weight))
        (ax,) = plots.axes_of(fig)
        plots.plot_error_bowl(grid, _safe_errors(error, grid), weight, e, s, ax=ax)
        if abs(s) < 1e-9:
            advice = "the bottom: nothing to change"
        else:
            advice = "so decrease the weight" if s > 0 else "so increase the weight"
        return f"weight {weight:.2f}: error {e:.4f}, slope {s:+.4f}, {advice}"

    return Panel(
        {"weight": slider("weight", weight, lo, hi, 0.01)},
        draw,
        title="Slide the weight along the error bowl",
    )


def descent_explorer(
    gradient_descent: Callable[[float, float, float, float, int], Sequence[float]],
    error: Callable[[float, float, float], float],
    goal_pred: float = 0.8,
    weight: float = 0.5,
    input: float = 0.5,
    alpha: float = 1.0,
    steps: int = 20,
) -> Panel:
    """Chapter 04: the path gradient descent takes down the bowl, for any alpha and input.

    `gradient_descent(weight, input, goal_pred, alpha, steps)` returns the weight
    after every step (starting weight first); `error(weight, input, goal_pred)`
    is the notebook's error. Divergence is caught and reported, never plotted.
    """
    goal_pred = validate.number("goal_pred", goal_pred)

    def draw(fig: Figure, alpha: float, input: float, weight: float, steps: int) -> str:
        weights = [float(w) for w in gradient_descent(weight, input, goal_pred, alpha, steps)]
        errors = _safe_errors(lambda w: error(w, input, goal_pred), weights)
        bad = divergence_step(errors)
        if bad is None:
            bad = next((k for k, w in enumerate(weights) if not np.isfinite(w)), None)
        shown = weights if bad is None else weights[:bad]
        shown_errors = errors[: len(shown)]
        bottom = goal_pred / input if input != 0 else None
        grid = _grid_around(shown, bottom)
        ax_bowl, ax_curve = plots.axes_of(fig, 1, 2)
        plots.plot_error_bowl(
            grid,
            _safe_errors(lambda w: error(w, input, goal_pred), grid),
            path=shown,
            path_errors=shown_errors,
            ax=ax_bowl,
            title="the path down the bowl",
        )
        plots.plot_error_curve(shown_errors, ax=ax_curve)
        ax_curve.set_xlim(-0.5, max(steps, 1) + 0.5)
        if bad is not None:
            return (
                f"diverged at step {bad}: each step overshoots the bottom by more than "
                f"the last, so the error explodes (shown up to step {bad - 1})"
            )
        if steps == 0:
            return f"no steps taken yet: error {shown_errors[0]:.4g} at the start weight"
        if input == 0:
            return "input 0: the weight has no effect on the prediction, so nothing is learned"
        moves = np.diff(shown[-6:])
        zigzag = len(moves) >= 3 and bool(np.all(np.sign(moves[1:]) * np.sign(moves[:-1]) < 0))
        final = shown_errors[-1]
        if final < 1e-6:
            how = "zig-zagging across the bottom" if zigzag else "smoothly"
            return f"converged {how}: error {final:.2e} after {steps} steps"
        if zigzag:
            trend = "shrinking" if shown_errors[-1] < shown_errors[-3] else "not shrinking"
            return f"oscillating across the bottom ({trend}): error {final:.4g} after {steps} steps"
        return f"still descending: error {final:.4g} after {steps} steps"

    controls = {
        "alpha": slider("alpha", alpha, 0.0, 2.0, 0.01),
        "input": slider("input", input, -3.0, 3.0, 0.1, ".1f"),
        "weight": slider("start weight", weight, -3.0, 3.0, 0.1, ".1f", name="weight"),
        "steps": int_slider("steps", steps, 0, 100),
    }
    return Panel(controls, draw, figsize=(9.6, 3.6), title="Gradient descent on the bowl")


def hot_cold_explorer(
    hot_and_cold: Callable[[float], tuple[Sequence[float], Sequence[float]]],
    goal_pred: float = 0.8,
    step_amount: float = 0.001,
    iterations: int = 1101,
) -> Panel:
    """Chapter 04: hot-and-cold learning with a step-size slider.

    `hot_and_cold(step_amount, iterations)` is the notebook's function; it returns
    the lists of errors and predictions, one per iteration.
    """
    goal_pred = validate.number("goal_pred", goal_pred)

    def draw(fig: Figure, step_amount: float, iterations: int) -> str:
        errors, predictions = hot_and_cold(step_amount, iterations)
        (ax,) = plots.axes_of(fig)
        plots.plot_predictions_vs_goal(predictions, goal_pred, ax=ax)
        last = predictions[-4:]
        bouncing = (
            len(last) == 4
            and np.isclose(last[0], last[2])
            and np.isclose(last[1], last[3])
            and not np.isclose(last[0], last[1])
        )
        end = (
            f"after {iterations} iterations: prediction {predictions[-1]:.4f}, "
            f"error {errors[-1]:.3g}"
        )
        if bouncing:
            return f"{end}; it bounces between {min(last[:2]):.4g} and {max(last[:2]):.4g} forever"
        return end

    controls = {
        "step_amount": log_slider("step_amount", step_amount, -4, 1, 0.05, ".4f"),
        "iterations": int_slider("iterations", iterations, 1, 2000),
    }
    return Panel(controls, draw, figsize=(6.4, 3.4), title="Hot and cold learning")


# --- Chapter 05 ------------------------------------------------------------------


def three_bowls_explorer(
    train: Callable[[bool], Sequence[Sequence[float]]],
    error: Callable[[Sequence[float]], float],
    names: tuple[str, str, str] = ("a: toes", "b: wlrec", "c: nfans"),
    span: float = 1.0,
) -> Panel:
    """Chapter 05: one error bowl per weight; an iteration slider and a freeze toggle.

    `train(freeze_a)` is the notebook's training loop: it returns the weights
    after every iteration (the starting weights first). `error(weights)` is the
    notebook's error for the training example. Each bowl shows the error as one
    weight varies while the other two stay where they are at that iteration.
    """
    span = validate.number("span", span)
    if span <= 0:
        raise ValueError(f"span must be positive, got {span:g}")
    histories = {freeze: [list(map(float, w)) for w in train(freeze)] for freeze in (False, True)}
    start = histories[False][0]
    if len(start) != len(names):
        raise ValueError(f"expected {len(names)} weights per iteration, got {len(start)}")
    grids = [np.linspace(w - span, w + span, 121) for w in start]
    iterations = len(histories[False]) - 1

    def draw(fig: Figure, iteration: int, freeze_a: bool) -> str:
        weights = histories[freeze_a][iteration]
        current = float(error(weights))
        axes = plots.axes_of(fig, 1, len(names))
        for i, (ax, grid, name) in enumerate(zip(axes, grids, names)):
            curve = [float(error([*weights[:i], g, *weights[i + 1 :]])) for g in grid]
            plots.plot_error_bowl(grid, curve, weights[i], current, ax=ax, title=f"weight {name}")
        frozen = " (weight a frozen)" if freeze_a else ""
        pretty = ", ".join(f"{w:.4f}" for w in weights)
        return f"iteration {iteration}{frozen}: weights [{pretty}], error {current:.6f}"

    controls = {
        "iteration": int_slider("iteration", 0, 0, iterations),
        "freeze_a": W.Checkbox(value=False, description="freeze weight a"),
    }
    return Panel(controls, draw, figsize=(10.5, 3.3), title="Three weights, three bowls")


def digit_picker(
    weights: np.ndarray,
    predict: Callable[[np.ndarray, np.ndarray], np.ndarray],
    images: np.ndarray,
    labels: np.ndarray,
) -> Panel:
    """Chapter 05: pick a digit to see its weight image, an example of it, and all ten outputs.

    `weights` is the notebook's trained (784, 10) matrix and `predict(image, weights)`
    its forward pass; `labels` are one-hot rows.
    """
    weights = validate.array("weights", weights, ndim=2)
    if weights.shape != (784, 10):
        raise ValueError(f"weights must have shape (784, 10), got {weights.shape}")
    images = validate.array("images", images, ndim=2)
    labels = validate.array("labels", labels, ndim=2)
    if images.ndim != 2 or images.shape[1] != 784 or len(images) != len(labels):
        raise ValueError(
            f"images must be (n, 784) with one label row each, got {images.shape} "
            f"and {np.shape(labels)}"
        )
    by_digit = {d: np.flatnonzero(np.argmax(labels, axis=1) == d) for d in range(10)}

    def draw(fig: Figure, digit: int, example: int) -> str:
        rows = by_digit[digit]
        if len(rows) == 0:
            raise ValueError(f"no image of a {digit} among the {len(images)} given")
        image = images[rows[example % len(rows)]]
        scores = np.asarray(predict(image, weights), dtype=float)
        ax_w, ax_img, ax_scores = plots.axes_of(fig, 1, 3)
        plots.plot_weight_image(weights[:, digit], ax=ax_w, title=f"weights into node {digit}")
        plots.plot_digit(
            image, ax=ax_img, title=f"a {digit} ({example % len(rows) + 1} of {len(rows)})"
        )
        plots.plot_scores(scores, ax=ax_scores, truth=digit)
        guess = int(np.argmax(scores))
        verdict = "right" if guess == digit else "wrong"
        return (
            f"node {digit} scores this image {scores[digit]:.3f}; "
            f"the highest score is node {guess} ({verdict})"
        )

    controls = {
        "digit": W.ToggleButtons(
            options=list(range(10)), value=2, description="digit", style={"button_width": "32px"}
        ),
        "example": int_slider("example", 0, 0, 19),
    }
    return Panel(controls, draw, figsize=(10, 3.4), title="What each output node looks for")


# --- Chapter 06 ------------------------------------------------------------------


def streetlight_trainer(
    train: Callable[..., tuple[Sequence[float], np.ndarray, np.ndarray]],
    forward: Callable[..., tuple[np.ndarray, np.ndarray]],
    datasets: Mapping[str, tuple[np.ndarray, np.ndarray]],
    hidden_size: int = 4,
    alpha: float = 0.2,
    iterations: int = 60,
    seed: int = 1,
    use_relu: bool = True,
) -> Panel:
    """Chapter 06: train the notebook's 3-layer network and show error, predictions and weights.

    `train(streetlights, walk_vs_stop, hidden_size, alpha, iterations, seed, use_relu)`
    returns `(errors, weights_0_1, weights_1_2)`; `forward(layer_0, weights_0_1,
    weights_1_2, use_relu)` returns `(layer_1, layer_2)`. `datasets` maps a name to
    `(streetlights, walk_vs_stop)`.
    """
    if not isinstance(datasets, Mapping) or not datasets:
        raise ValueError("datasets must name at least one (streetlights, walk_vs_stop) pair")
    datasets = {
        name: (
            validate.array(f"datasets[{name!r}] streetlights", pair[0], ndim=2),
            validate.array(f"datasets[{name!r}] walk_vs_stop", pair[1], ndim=(1, 2)),
        )
        for name, pair in datasets.items()
    }

    def draw(
        fig: Figure,
        dataset: str,
        hidden_size: int,
        alpha: float,
        iterations: int,
        seed: int,
        use_relu: bool,
    ) -> str:
        streetlights, walk_vs_stop = datasets[dataset]
        errors, weights_0_1, weights_1_2 = train(
            streetlights, walk_vs_stop, hidden_size, alpha, iterations, seed, use_relu
        )
        errors = [float(e) for e in errors]
        ax_err, ax_pred, ax_net = plots.axes_of(fig, 1, 3)
        bad = divergence_step(errors)
        shown = errors if bad is None else errors[:bad]
        plots.plot_error_curve(shown, ax=ax_err, xlabel="iteration", title="error per iteration")
        ax_err.set_xlim(-0.5, max(iterations, 1) + 0.5)
        if bad is not None:
            # nothing trustworthy to draw in the other two panels
            plots.plot_matrix(np.zeros((1, 1)), ["-"], ["-"], ax=ax_pred, title="(diverged)")
            plots.plot_matrix(np.zeros((1, 1)), ["-"], ["-"], ax=ax_net, title="(diverged)")
            return (
                f"diverged at iteration {bad}: alpha {alpha:g} is too big for this network, "
                "the error exploded"
            )
        layer_1, layer_2 = forward(streetlights, weights_0_1, weights_1_2, use_relu)
        predictions = np.ravel(layer_2)
        targets = np.ravel(walk_vs_stop)
        table = np.stack([targets, predictions], axis=1)
        plots.plot_matrix(
            table,
            [str(list(map(int, row))) for row in streetlights],
            ["walk?", "prediction"],
            ax=ax_pred,
            title="after training",
        )
        plots.plot_network([weights_0_1, weights_1_2], ax=ax_net, title="weights")
        final = errors[-1] if errors else float("nan")
        verdict = "learned it" if final < 0.01 else "has not learned it"
        if use_relu and not np.any(layer_1):
            return (
                f"final error {final:.4g}: every hidden node is silenced by relu for every "
                "input (a 'dead' network: no delta gets through, so nothing can learn); "
                "try a smaller alpha or another seed"
            )
        return (
            f"final error {final:.4g}: the network {verdict} "
            f"({'with' if use_relu else 'without'} relu, hidden size {hidden_size})"
        )

    controls = {
        "dataset": W.Dropdown(options=list(datasets), description="dataset"),
        "hidden_size": int_slider("hidden size", hidden_size, 1, 16, name="hidden_size"),
        "alpha": slider("alpha", alpha, 0.01, 1.0, 0.01),
        "iterations": int_slider("iterations", iterations, 1, 500),
        "seed": int_slider("seed", seed, 0, 20),
        "use_relu": W.Checkbox(value=use_relu, description="relu"),
    }
    return Panel(
        controls,
        draw,
        figsize=(12, 3.6),
        title="Train the streetlight network",
        margins={"wspace": 0.45},
    )


# --- Chapter 07 ------------------------------------------------------------------

_FORWARD_STEPS = (
    "layer_0: the lights go in",
    "layer_0.dot(weights_0_1): each hidden node's weighted sum",
    "relu(...): negative sums are silenced, giving layer_1",
    "layer_1.dot(weights_1_2): the prediction, layer_2",
)


def forward_stepper(
    relu: Callable[[np.ndarray], np.ndarray],
    weights_0_1: np.ndarray,
    weights_1_2: np.ndarray,
    streetlights: np.ndarray,
) -> Panel:
    """Chapter 07: step through one forward pass, layer by layer, on a chosen streetlight.

    Uses the notebook's trained weights and its `relu`; each step performs one
    line of the forward pass on the current values.
    """
    streetlights = validate.array("streetlights", streetlights, ndim=2)
    weights_0_1 = validate.array("weights_0_1", weights_0_1, ndim=2)
    weights_1_2 = validate.array("weights_1_2", weights_1_2, ndim=2)
    plots._check_chain([weights_0_1, weights_1_2])
    if streetlights.shape[1] != np.shape(weights_0_1)[0]:
        raise ValueError(
            f"streetlights have {streetlights.shape[1]} columns but weights_0_1 expects "
            f"{np.shape(weights_0_1)[0]} inputs"
        )

    def draw(fig: Figure, streetlight: int, step: int) -> str:
        layer_0 = streetlights[streetlight : streetlight + 1]
        values: list[np.ndarray | None] = [layer_0, None, None]
        weighted = layer_0.dot(weights_0_1)
        if step >= 1:
            values[1] = weighted
        if step >= 2:
            values[1] = relu(weighted)
        if step >= 3:
            values[2] = values[1].dot(weights_1_2)
        (ax,) = plots.axes_of(fig)
        plots.plot_network([weights_0_1, weights_1_2], values=values, ax=ax)
        ax.set_title(f"step {step}: {_FORWARD_STEPS[step]}", fontsize=10)
        shown = [v for v in values if v is not None][-1]
        numbers = ", ".join(f"{x:.3f}" for x in np.ravel(shown))
        lights = streetlights[streetlight].astype(int).tolist()
        return f"streetlight {lights}, step {step}: [{numbers}]"

    controls = {
        "streetlight": int_slider("streetlight", 0, 0, len(streetlights) - 1),
        "step": int_slider("step", 0, 0, 3),
    }
    return Panel(controls, draw, figsize=(6.4, 4.0), title="One forward pass, step by step")


# --- Chapter 08 ------------------------------------------------------------------


class TrainingExplorer:
    """Chapter 08: training settings, Train and Stop buttons, and curves that grow live.

    `train(alpha, hidden_size, batch_size, dropout, iterations)` is the notebook's
    own training function, written as a generator that yields one dict per
    iteration with `iteration`, `train_error`, `train_accuracy` and (when the test
    set was evaluated) `test_accuracy`. The explorer runs it in a background
    thread so the Stop button stays responsive; starting a new run first stops
    and waits for the old one, and every update is tagged with its run so a
    finished run can never draw over a newer one.
    """

    def __init__(
        self,
        train: Callable[..., Any],
        alpha: float = 0.1,
        hidden_size: int = 100,
        batch_size: int = 100,
        dropout: float = 0.5,
        iterations: int = 100,
        redraw_seconds: float = 0.25,
    ):
        import threading

        self._threading = threading
        batch_sizes = [1, 10, 20, 50, 100, 200, 500, 1000]
        if batch_size not in batch_sizes or isinstance(batch_size, bool):
            raise ValueError(f"batch_size must be one of {batch_sizes}, got {batch_size!r}")
        redraw_seconds = validate.number("redraw_seconds", redraw_seconds)
        if redraw_seconds <= 0:
            raise ValueError(f"redraw_seconds must be positive, got {redraw_seconds:g}")
        self.train = train
        self.redraw_seconds = redraw_seconds
        self.controls = {
            "alpha": log_slider("alpha", alpha, -3, 1, 0.1, ".3g", name="alpha"),
            "hidden_size": int_slider("hidden size", hidden_size, 10, 400, 10, name="hidden_size"),
            "batch_size": W.SelectionSlider(
                options=batch_sizes,
                value=batch_size,
                description="batch size",
                style={"description_width": "initial"},
            ),
            "dropout": slider("dropout rate", dropout, 0.0, 0.9, 0.05, name="dropout"),
            "iterations": int_slider("iterations", iterations, 1, 500),
        }
        self.train_button = W.Button(description="Train", button_style="success", icon="play")
        self.stop_button = W.Button(description="Stop", button_style="danger", icon="stop")
        self.train_button.add_class("nnutils-train")
        self.stop_button.add_class("nnutils-stop")
        self.train_button.on_click(lambda _: self.start())
        self.stop_button.on_click(lambda _: self.stop())
        self.progress = W.IntProgress(value=0, min=0, max=iterations, description="progress")
        self.message = W.HTML("Press Train to start.")
        self.message.add_class("nnutils-message")
        self.fig = Figure(figsize=(7.5, 3.6), dpi=80)
        self.fig._nnutils_live = True
        self.fig._nnutils_margins = {"left": 0.1, "right": 0.97, "bottom": 0.16, "top": 0.9}
        self.fig.subplots_adjust(**self.fig._nnutils_margins)
        FigureCanvasAgg(self.fig)
        self.image = W.Image(format="png", layout=W.Layout(width="600px"))
        self.image.add_class("nnutils-figure")
        self.history: list[dict] = []
        self.state = "idle"  # idle, running, stopped, finished, diverged, error
        self.last_message = ""
        self._run_id = 0
        self._stop = threading.Event()
        self._thread: Any = None
        self._lock = threading.Lock()
        self.widget = W.VBox(
            [
                W.HTML("<b>Training explorer</b>"),
                W.HBox(list(self.controls.values()), layout=_wrap),
                W.HBox([self.train_button, self.stop_button, self.progress]),
                self.image,
                self.message,
            ]
        )
        self.widget.add_class("nnutils-panel")
        self._draw(self.history, 0)

    # -- running ---------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        """The current slider values, as keyword arguments for `train`."""
        return {name: c.value for name, c in self.controls.items()}

    def start(self) -> None:
        """Stop any run in progress, then train with the current settings in the background."""
        self.stop(wait=True)
        self._stop = self._threading.Event()
        self._run_id += 1
        run_id, stop, settings = self._run_id, self._stop, self.settings()
        self._thread = self._threading.Thread(
            target=self.run, args=(settings, run_id, stop), daemon=True
        )
        self.state = "running"
        self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Ask the current run to stop after its current iteration (and wait for it)."""
        self._stop.set()
        thread = self._thread
        if wait and thread is not None and thread is not self._threading.current_thread():
            thread.join(timeout=60)

    def wait(self, timeout: float = 120) -> str:
        """Block until the current run ends; return its final message."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.last_message

    def run(
        self, settings: dict[str, Any] | None = None, run_id: int | None = None, stop: Any = None
    ) -> str:
        """Train with `settings` (default: the sliders), drawing as it goes; return the message."""
        settings = dict(settings or self.settings())
        if run_id is None:
            self._run_id += 1
            run_id = self._run_id
        stop = stop or self._threading.Event()
        iterations = int(settings["iterations"])
        history: list[dict] = []
        self._set_progress(run_id, 0, iterations)
        self._say(run_id, "training...", "running")
        last_draw = 0.0
        outcome, text = "finished", ""
        try:
            with np.errstate(all="ignore"):
                for stats in self.train(**settings):
                    history.append(dict(stats))
                    k = len(history)
                    errors = [h["train_error"] for h in history]
                    if divergence_step(errors) is not None or not np.isfinite(
                        stats["train_accuracy"]
                    ):
                        history.pop()
                        outcome = "diverged"
                        text = (
                            f"diverged at iteration {stats['iteration']}: the error blew up "
                            f"(alpha {settings['alpha']:g} is too big for batch size "
                            f"{settings['batch_size']}); stopped"
                        )
                        break
                    self._set_progress(run_id, k, iterations)
                    now = time.perf_counter()
                    if now - last_draw > self.redraw_seconds:
                        self._draw(history, run_id)
                        last_draw = now
                    if stop.is_set():
                        outcome = "stopped"
                        text = f"stopped at iteration {stats['iteration']} of {iterations}"
                        break
        except Exception as e:  # the notebook's function failed: say so in the widget
            outcome, text = "error", f"Error: {type(e).__name__}: {e}"
        if run_id != self._run_id:
            return text  # a newer run owns the widget now
        self.history = history
        self._draw(history, run_id)
        if outcome == "finished":
            tested = [h["test_accuracy"] for h in history if h.get("test_accuracy") is not None]
            best = f", best test accuracy {max(tested):.4f}" if tested else ""
            last = history[-1] if history else {"train_accuracy": float("nan")}
            text = (
                f"finished {len(history)} iterations: train accuracy "
                f"{last['train_accuracy']:.3f}{best}"
            )
        self._say(run_id, text, outcome)
        return text

    # -- drawing -----------------------------------------------------------------

    def _say(self, run_id: int, text: str, state: str) -> None:
        if run_id != self._run_id:
            return
        self.state = state
        self.last_message = text
        css = "color:#b00020" if state in ("error", "diverged") else ""
        self.message.value = f'<span style="{css}">{html.escape(text)}</span>'

    def _set_progress(self, run_id: int, value: int, total: int) -> None:
        if run_id == self._run_id:
            self.progress.max = max(total, 1)
            self.progress.value = min(value, total)

    def _draw(self, history: list[dict], run_id: int) -> None:
        with self._lock:
            if run_id != self._run_id:
                return
            (ax,) = plots.axes_of(self.fig)
            if history:
                plots.plot_accuracy_curves(history, ax=ax, title="accuracy while training")
            else:
                ax.set_title("accuracy while training (press Train)")
            self.image.value = _render_png(self.fig)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def training_explorer(train: Callable[..., Any], **defaults: Any) -> TrainingExplorer:
    """Chapter 08: build a `TrainingExplorer` around the notebook's `train` generator."""
    return TrainingExplorer(train, **defaults)


# --- Chapter 09 ------------------------------------------------------------------


def softmax_explorer(
    softmax: Callable[[np.ndarray], Any],
    cross_entropy: Callable[[np.ndarray, np.ndarray], float],
    logits: Sequence[float] = (0.13, 0.33, 0.89),
    target: int = 1,
    normalise: Callable[[np.ndarray], Any] | None = None,
) -> Panel:
    """Chapter 09: one slider per logit; bars show the probabilities and the loss.

    `softmax(logits)`, `cross_entropy(prediction, truth)` and (optionally)
    `normalise(logits)`, plain division by the sum, are the notebook's own
    functions. With `normalise` the panel draws both, side by side, so negative
    logits show why plain normalising fails.
    """
    logits = validate.array("logits", logits, ndim=1).tolist()
    if not 2 <= len(logits) <= 10:
        raise ValueError(f"logits: give between 2 and 10 values, got {len(logits)}")
    logits = [_start(f"logits[{i}]", z, -6.0, 6.0) for i, z in enumerate(logits)]
    target = validate.index("target", target, len(logits))
    panels = 2 if normalise is not None else 1

    def draw(fig: Figure, target: int, **values: float) -> str:
        z = np.array([values[f"z{i}"] for i in range(len(logits))])
        truth = np.zeros(len(z))
        truth[target] = 1.0
        axes = plots.axes_of(fig, 1, panels)
        prediction = np.asarray(softmax(z), dtype=float)
        if prediction.shape != z.shape:
            raise ValueError(f"softmax returned shape {prediction.shape} for {z.shape} logits")
        if not np.all(np.isfinite(prediction)):
            raise ValueError(f"softmax returned {prediction.round(4).tolist()}: not finite")
        loss = float(cross_entropy(prediction, truth))
        plots.plot_probabilities(prediction, target, ax=axes[-1], title="softmax")
        note = ""
        if normalise is not None:
            plain = np.asarray(normalise(z), dtype=float)
            if plain.shape == z.shape and np.all(np.isfinite(plain)):
                plots.plot_probabilities(plain, target, ax=axes[0], title="divide by the sum")
                if np.any(plain < 0) or np.any(plain > 1):
                    note = "; dividing by the sum gives values outside [0, 1]"
            else:
                plots.plot_probabilities(
                    np.zeros(len(z)), None, ax=axes[0], title="divide by the sum: the sum is 0"
                )
                note = "; dividing by the sum fails: the logits add up to 0"
        delta = prediction - truth
        return (
            f"cross-entropy = -log({prediction[target]:.4f}) = {loss:.4f}; "
            f"delta = prediction - truth = {np.array2string(delta, precision=3)}{note}"
        )

    controls: dict[str, W.ValueWidget] = {
        f"z{i}": slider(f"logit {i}", z, -6.0, 6.0, 0.01) for i, z in enumerate(logits)
    }
    controls["target"] = int_slider("true class", int(target), 0, len(logits) - 1)
    return Panel(
        controls,
        draw,
        figsize=(4.2 * panels + 0.6, 3.4),
        title="Logits in, probabilities out",
    )


# --- Appendix A1 -----------------------------------------------------------------


def neuron_explorer(
    neuron: Callable[[Any, float, float], Any],
    weight: float = 1.3,
    bias: float = -0.1,
    goals: Sequence[tuple[float, float]] = ((0.0, 1.0), (1.0, 0.0)),
) -> Panel:
    """Appendix A1: weight and bias sliders for one neuron, its output curve and the goals.

    `neuron(a0, weight, bias)` is the notebook's function; `goals` lists the
    (input, wanted output) pairs to aim for (a NOT gate by default).
    """
    weight, bias = _start("weight", weight, -10, 10), _start("bias", bias, -10, 10)
    goals = [(float(x), float(y)) for x, y in validate.array("goals", goals, ndim=2)]
    inputs = np.linspace(-0.5, 1.5, 121)

    def draw(fig: Figure, weight: float, bias: float) -> str:
        try:  # numpy-friendly code takes all the inputs at once
            outputs = np.asarray(neuron(inputs, weight, bias), dtype=float)
        except (TypeError, ValueError):
            outputs = None
        if outputs is None or outputs.shape != inputs.shape:  # one number at a time
            outputs = np.array([float(neuron(x, weight, bias)) for x in inputs])
        hits = [(x, y, float(neuron(x, weight, bias))) for x, y in goals]
        (ax,) = plots.axes_of(fig)
        plots.plot_neuron(inputs, outputs, hits, ax=ax)
        cost = sum((out - y) ** 2 for _, y, out in hits)
        shown = ", ".join(f"input {x:g} gives {out:.3f} (goal {y:g})" for x, y, out in hits)
        return f"{shown}; squared error {cost:.4f}"

    controls = {
        "weight": slider("weight", weight, -10.0, 10.0, 0.1, ".1f"),
        "bias": slider("bias", bias, -10.0, 10.0, 0.1, ".1f"),
    }
    return Panel(controls, draw, figsize=(6.4, 3.4), title="One tanh neuron")
