"""The chapters' live panels: controls wired to functions the notebook passes in.

Nothing here computes a prediction or learns a weight. Each builder takes the
notebook's own function, calls it with keyword arguments named after its
controls (`gradient_descent(weight=..., input=..., goal_pred=..., alpha=...,
steps=...)`), and moves the pictures of `nnutils.views` to show the result.
The machinery (controls, live figure, background redraws) is in
`nnutils.controls` and `nnutils.panel`; what a run did is put into words by
`nnutils.diagnose`; the chapter 08 training explorer is in `nnutils.explorer`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from nnutils import diagnose, validate, views
from nnutils.controls import ChoiceControl, int_slider, log_slider, slider
from nnutils.diagnose import divergence_step
from nnutils.explorer import TrainingExplorer, training_explorer
from nnutils.panel import LiveFigure, Panel

__all__ = [
    "Panel",
    "TrainingExplorer",
    "bowl_explorer",
    "descent_explorer",
    "digit_picker",
    "divergence_step",
    "forward_stepper",
    "hot_cold_explorer",
    "knob_explorer",
    "neuron_explorer",
    "softmax_explorer",
    "streetlight_trainer",
    "three_bowls_explorer",
    "training_explorer",
    "weighted_sum_explorer",
]


def _callable(name: str, fn: object) -> Callable:
    if not callable(fn):
        raise TypeError(f"{name} must be a function from the notebook, got {fn!r:.60}")
    return fn


def _number(name: str, value: Any) -> float:
    """A number the notebook's function returned: a clear error if it isn't one."""
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} should return one number, got {value!r:.60}")
    try:
        x = float(np.asarray(value, dtype=float).reshape(()))
    except (TypeError, ValueError):
        raise TypeError(f"{name} should return one number, got {value!r:.60}") from None
    return x


def _safe(fn: Callable[[float], Any], xs: Sequence[float]) -> np.ndarray:
    """`fn` at every x; an overflow becomes inf, not an exception."""
    out = []
    for x in xs:
        try:
            out.append(_number(getattr(fn, "__name__", "function"), fn(x)))
        except (OverflowError, FloatingPointError):
            out.append(math.inf)
    return np.array(out)


# --- Chapter 02 ---------------------------------------------------------------------------


def knob_explorer(
    neural_network: Callable[..., float],
    input: float,
    goal: float,
    weight: float = 0.1,
) -> Panel:
    """Chapter 02: one knob (the weight) scales the input; see the prediction and the miss.

    Calls `neural_network(input=..., weight=...)`.
    """
    _callable("neural_network", neural_network)
    input, goal = validate.number("input", input), validate.number("goal", goal)
    knob = slider("weight", "weight (the knob)", weight, -1.0, 1.0, 0.01)
    live = LiveFigure(height=230)
    ax = live.fig.subplots()
    reach = abs(input)
    view = views.KnobView(
        ax, input, goal, live=live, span=(min(-reach, goal, 0.0), max(reach, goal, 1.0))
    )

    def draw(weight: float) -> str:
        prediction = _number("neural_network", neural_network(input=input, weight=weight))
        view.update(weight, prediction)
        return f"prediction {prediction:.3f}, goal {goal:g}, miss {prediction - goal:+.3f}"

    return Panel([knob], live, draw, title="Turn the knob: bring the prediction close to the goal")


# --- Chapter 03 ---------------------------------------------------------------------------


def weighted_sum_explorer(
    neural_network: Callable[..., float],
    input: Any,
    names: tuple[str, ...] = ("toes", "wlrec", "nfans"),
    weights: tuple[float, ...] = (0.1, 0.2, 0.0),
) -> Panel:
    """Chapter 03: one slider per weight; bars show each local prediction and their sum.

    Calls `neural_network(input=..., weights=...)`; the total bar is what it
    returns, the other bars are input times weight.
    """
    _callable("neural_network", neural_network)
    input = validate.array("input", input, ndim=1)
    if isinstance(names, str) or not isinstance(names, Sequence):
        raise TypeError(f"names must be a list of labels, got {names!r:.60}")
    weights = validate.array("weights", weights, ndim=1)
    if len(input) != len(weights) or len(names) != len(weights):
        raise ValueError(
            f"need one input and one name per weight: got {len(input)} inputs, "
            f"{len(names)} names and {len(weights)} weights"
        )
    controls = [
        slider(f"w{i}", f"weight {name}", float(w), -1.0, 1.0, 0.01)
        for i, (name, w) in enumerate(zip(names, weights))
    ]
    live = LiveFigure(height=330)
    view = views.LocalPredictionsView(live.fig.subplots(), input, names, live=live)
    as_given = input.tolist()

    def draw(**values: float) -> str:
        w = [values[f"w{i}"] for i in range(len(controls))]
        pred = _number("neural_network", neural_network(input=as_given, weights=w))
        view.update(w, pred)
        return f"prediction = {pred:.4f}"

    return Panel(controls, live, draw, title="Turn the weights and watch the weighted sum")


# --- Chapter 04 ---------------------------------------------------------------------------


def bowl_explorer(
    error: Callable[..., float],
    slope: Callable[..., float],
    weight: float = 0.5,
    weight_range: tuple[float, float] = (-1.0, 4.0),
) -> Panel:
    """Chapter 04: a weight slider on the error bowl, showing the error and the slope there.

    Calls the notebook's `error(weight=...)` and `slope(weight=...)`.
    """
    _callable("error", error)
    _callable("slope", slope)
    lo, hi = validate.array("weight_range", weight_range, ndim=1)
    if not lo < hi:
        raise ValueError(f"weight_range must be (low, high) with low < high, got {weight_range}")
    control = slider("weight", "weight", weight, lo, hi, 0.01)
    grid = np.linspace(lo, hi, 201)
    live = LiveFigure(height=340)
    view = views.BowlView(live.fig.subplots(), live=live)
    drawn = []

    def draw(weight: float) -> str:
        if not drawn:  # the bowl itself, once: a failing `error` is reported like any other
            view.set_curve(grid, _safe(lambda w: error(weight=w), grid))
            live.invalidate()
            drawn.append(True)
        e = _number("error", error(weight=weight))
        s = _number("slope", slope(weight=weight))
        view.update(weight, e, s)
        if abs(s) < 1e-9:
            advice = "the bottom: nothing to change"
        else:
            advice = "so decrease the weight" if s > 0 else "so increase the weight"
        return f"weight {weight:.2f}: error {e:.4f}, slope {s:+.4f}, {advice}"

    return Panel([control], live, draw, title="Slide the weight along the error bowl")


def descent_explorer(
    gradient_descent: Callable[..., Sequence[float]],
    error: Callable[..., float],
    goal_pred: float = 0.8,
    weight: float = 0.5,
    input: float = 0.5,
    alpha: float = 1.0,
    steps: int = 20,
) -> Panel:
    """Chapter 04: the path gradient descent takes down the bowl, for any alpha and input.

    Calls `gradient_descent(weight=..., input=..., goal_pred=..., alpha=...,
    steps=...)`, which returns the weight after every step (starting weight
    first), and `error(weight=..., input=..., goal_pred=...)`. Divergence is
    caught and reported, never plotted.
    """
    _callable("gradient_descent", gradient_descent)
    _callable("error", error)
    goal_pred = validate.number("goal_pred", goal_pred)
    controls = [
        slider("alpha", "alpha", alpha, 0.0, 2.0, 0.01),
        slider("input", "input", input, -3.0, 3.0, 0.1, ".1f"),
        slider("weight", "start weight", weight, -3.0, 3.0, 0.1, ".1f"),
        int_slider("steps", "steps", steps, 0, 100),
    ]
    live = LiveFigure(height=360)
    ax_bowl, ax_curve = live.fig.subplots(1, 2)
    bowl = views.BowlView(ax_bowl, live=live, title="the path down the bowl")
    curve = views.CurveView(ax_curve, live=live, ylim=(1e-32, 1e6))
    window: list[float] = []  # the weights the bowl currently shows

    def err(w: float, input: float) -> float:
        return _number("error", error(weight=w, input=input, goal_pred=goal_pred))

    def draw(alpha: float, input: float, weight: float, steps: int) -> str:
        path = [
            float(w)
            for w in gradient_descent(
                weight=weight, input=input, goal_pred=goal_pred, alpha=alpha, steps=steps
            )
        ]
        if len(path) != steps + 1:
            raise ValueError(
                f"gradient_descent returned {len(path)} weights for {steps} steps; it should "
                "return the start weight and one weight per step"
            )
        errors = [e if math.isfinite(e) else math.inf for e in _safe(lambda w: err(w, input), path)]
        bottom = goal_pred / input if input != 0 else None
        outcome = diagnose.descent(path, errors, bottom)
        shown = path if outcome.step is None else path[: outcome.step]
        points = [p for p in shown if math.isfinite(p)] + ([bottom] if bottom is not None else [])
        lo, hi = min(points), max(points)
        span = max(hi - lo, 1.0)
        want = (lo - 0.25 * span, hi + 0.25 * span)
        # keep the bowl's window while the path fits it well (no redraw of the curve)
        if (
            not window
            or want[0] < window[0]
            or want[1] > window[1]
            or (want[1] - want[0] < 0.3 * (window[1] - window[0]))
            or window[2:] != [input]
        ):
            window[:] = [*want, input]
            grid = np.linspace(want[0], want[1], 201)
            bowl.set_curve(grid, _safe(lambda w: err(w, input), grid))
        bowl.update(path=shown, path_errors=errors[: len(shown)])
        curve.update(errors[: len(shown)], steps=steps)
        return outcome.message

    return Panel(controls, live, draw, title="Gradient descent on the bowl")


def hot_cold_explorer(
    hot_and_cold: Callable[..., tuple[Sequence[float], Sequence[float]]],
    goal_pred: float = 0.8,
    step_amount: float = 0.001,
    iterations: int = 1101,
) -> Panel:
    """Chapter 04: hot-and-cold learning with a step-size slider.

    Calls `hot_and_cold(step_amount=..., iterations=...)`, which returns the
    lists of errors and predictions, one per iteration.
    """
    _callable("hot_and_cold", hot_and_cold)
    goal_pred = validate.number("goal_pred", goal_pred)
    controls = [
        log_slider("step_amount", "step_amount", step_amount, -4, 1, 0.05, ".4g"),
        int_slider("iterations", "iterations", iterations, 1, 2000),
    ]
    live = LiveFigure(height=330)
    view = views.CurveView(
        live.fig.subplots(),
        live=live,
        log=False,
        title="prediction at each iteration",
        xlabel="iteration",
        ylabel="prediction",
        goal=goal_pred,
        color=views.TOTAL,
        markers=False,
    )

    def draw(step_amount: float, iterations: int) -> str:
        errors, predictions = hot_and_cold(step_amount=step_amount, iterations=iterations)
        predictions = [float(p) for p in predictions]
        view.update(predictions, steps=iterations)
        end = (
            f"after {iterations} iterations: prediction {predictions[-1]:.4f}, "
            f"error {float(errors[-1]):.3g}"
        )
        outcome = diagnose.bounce(predictions, goal_pred)
        return f"{end}; {outcome.message}" if outcome.kind == "bouncing" else end

    return Panel(controls, live, draw, title="Hot and cold learning")


# --- Chapter 05 ---------------------------------------------------------------------------


def three_bowls_explorer(
    train: Callable[..., Sequence[Sequence[float]]],
    error: Callable[..., float],
    names: tuple[str, str, str] = ("a: toes", "b: wlrec", "c: nfans"),
    alpha: float | None = None,
    alphas: Sequence[float] | None = None,
) -> Panel:
    """Chapter 05: one error bowl per weight; an iteration slider, a freeze toggle and alpha.

    Calls the notebook's training loop `train(freeze_a=..., alpha=...)`, which
    returns the weights after every iteration (the starting weights first), and
    `error(weights=...)`, the error for the training example. Alpha is a control
    of its own (a slider, or a choice among `alphas`), so freezing a weight never
    changes it behind the learner's back; without `alpha` and `alphas` the panel
    calls `train(freeze_a=...)` and says that train sets alpha.

    Each bowl shows the error as one weight varies while the other two stay
    where they are at that iteration. Each panel is zoomed on its own weight's
    path and bowl bottoms over the whole run (so small moves show), and the
    three share one fixed error axis (so the steep bowl looks steep).
    """
    _callable("train", train)
    _callable("error", error)
    if isinstance(names, str) or len(names) < 1:
        raise ValueError(f"names must list one label per weight, got {names!r:.60}")
    controls: list[Any] = [
        int_slider("iteration", "iteration", 0, 0, 100),
        ChoiceControl("freeze_a", "freeze weight a", False, style="checkbox"),
    ]
    if alphas is not None:
        options = [validate.number(f"alphas[{i}]", a) for i, a in enumerate(alphas)]
        start_alpha = options[0] if alpha is None else validate.number("alpha", alpha)
        if start_alpha not in options:
            raise ValueError(f"alpha {start_alpha:g} must be one of alphas {options}")
        controls.append(ChoiceControl("alpha", "alpha", start_alpha, options, style="slider"))
    elif alpha is not None:
        controls.append(log_slider("alpha", "alpha", alpha, -3, 0, 0.05, ".3g"))

    n = len(names)

    def run(freeze_a: bool, alpha: float | None) -> list[list[float]]:
        kwargs: dict[str, Any] = {"freeze_a": freeze_a}
        if alpha is not None:
            kwargs["alpha"] = alpha
        out = train(**kwargs)
        try:
            history = [[float(x) for x in w] for w in out]
        except (TypeError, ValueError):
            history = []
        if not history or any(len(w) != n for w in history):
            raise ValueError(f"train should return lists of {n} weights, got {out!r:.60}")
        return history

    try:  # the slider's length; a train that fails says so in the panel's first message
        iterations = len(run(False, None if len(controls) == 2 else controls[2].value)) - 1
    except Exception:
        iterations = 100
    controls[0] = int_slider("iteration", "iteration", 0, 0, max(iterations, 1))
    live = LiveFigure(height=350)
    axes = live.fig.subplots(1, n, sharey=True)
    bowls = [
        views.BowlView(ax, live=live, title=f"weight {name}", moving_curve=True)
        for ax, name in zip(axes, names)
    ]
    for ax in axes[1:]:
        ax.set_ylabel("")

    def err(weights: Sequence[float]) -> float:
        return _number("error", error(weights=list(weights)))

    def bottom(weights: list[float], i: int) -> float:
        """Where bowl i bottoms out (a parabola through three points of the error)."""
        h = 1e-3 * max(1.0, abs(weights[i]))
        e = [err([*weights[:i], weights[i] + d, *weights[i + 1 :]]) for d in (-h, 0.0, h)]
        curvature = e[0] - 2 * e[1] + e[2]
        return weights[i] if curvature <= 0 else weights[i] - h * (e[2] - e[0]) / (2 * curvature)

    state: dict[str, Any] = {}

    def prepare(freeze_a: bool, alpha: float | None) -> None:
        """Run the loop for these settings; fix each panel's window and the error axis."""
        key = (freeze_a, alpha)
        if state.get("key") == key:
            return
        history = run(freeze_a, alpha)
        errors = [err(w) for w in history]
        bad = diagnose.divergence_step(errors)
        shown = history if bad is None else history[:bad]
        grids, tops = [], []
        for i in range(n):
            points = [w[i] for w in shown] + [bottom(w, i) for w in shown]
            lo, hi = min(points), max(points)
            span = max(hi - lo, 0.02 * max(1.0, abs(hi)), 1e-3)
            grid = np.linspace(lo - 0.6 * span, hi + 0.6 * span, 161)
            grids.append(grid)
            start = shown[0]
            tops.append(
                float(np.max(_safe(lambda g, i=i, s=start: err([*s[:i], g, *s[i + 1 :]]), grid)))
            )
        top = max(max(tops), max(errors[: len(shown)]), 1e-12)
        for ax, grid in zip(axes, grids):
            ax.set_xlim(grid[0], grid[-1])
        axes[0].set_ylim(-0.03 * top, 1.05 * top)
        live.invalidate()
        state.update(key=key, history=shown, errors=errors, bad=bad, grids=grids)

    def draw(iteration: int, freeze_a: bool, alpha: float | None = None) -> str:
        prepare(freeze_a, alpha)
        history, grids, bad = state["history"], state["grids"], state["bad"]
        k = min(iteration, len(history) - 1)
        weights = history[k]
        current = err(weights)
        for i, (bowl, grid) in enumerate(zip(bowls, grids)):
            curve = _safe(lambda g, i=i: err([*weights[:i], g, *weights[i + 1 :]]), grid)
            bowl.curve.set_data(grid, curve)
            bowl.update(weights[i], current)
        frozen = " (weight a frozen)" if freeze_a else ""
        rate = f"alpha {alpha:g}" if alpha is not None else "alpha set by train"
        pretty = ", ".join(f"{w:.4f}" for w in weights)
        text = f"iteration {k}{frozen}, {rate}: weights [{pretty}], error {current:.6g}"
        if bad is not None:
            text = (
                f"diverged at iteration {bad}: with {rate} each step overshoots, the error "
                f"explodes ({f'shown up to iteration {bad - 1}' if bad else 'nothing to show'}); "
                + text
            )
        return text

    return Panel(controls, live, draw, title="Three weights, three bowls")


def digit_picker(
    weights: np.ndarray,
    predict: Callable[..., np.ndarray],
    images: np.ndarray,
    labels: np.ndarray,
) -> Panel:
    """Chapter 05: pick a digit to see its weight image, an example of it, and all ten outputs.

    `weights` is the notebook's trained (784, 10) matrix and
    `predict(image=..., weights=...)` its forward pass; `labels` are one-hot rows.
    All weight images share one colour scale (shown by the colour bar); beside
    the example, the weights of the node that scored it highest.
    """
    _callable("predict", predict)
    weights = validate.array("weights", weights, ndim=2)
    if weights.shape != (784, 10):
        raise ValueError(f"weights must have shape (784, 10), got {weights.shape}")
    images = validate.array("images", images, ndim=2)
    labels = validate.array("labels", labels, ndim=2)
    if images.shape[1] != 784 or len(images) != len(labels):
        raise ValueError(
            f"images must be (n, 784) with one label row each, got {images.shape} "
            f"and {np.shape(labels)}"
        )
    by_digit = {d: np.flatnonzero(np.argmax(labels, axis=1) == d) for d in range(10)}
    controls = [
        ChoiceControl("digit", "digit", 2, list(range(10))),
        int_slider("example", "example", 0, 0, 19),
    ]
    live = LiveFigure(height=290)
    ax_w, ax_img, ax_win, ax_scores = live.fig.subplots(
        1, 4, gridspec_kw={"width_ratios": [1, 1, 1, 1.45]}
    )
    limit = float(np.abs(weights).max()) or 1.0
    weight_view = views.ImageView(ax_w, weights=True, limit=limit, live=live)
    digit_view = views.ImageView(ax_img, weights=False, live=live)
    winner_view = views.ImageView(ax_win, weights=True, limit=limit, live=live)
    bar = live.fig.colorbar(weight_view.image, ax=[ax_w, ax_img, ax_win], shrink=0.8, pad=0.02)
    views.style_colorbar(bar)
    scores_view = views.ScoresView(ax_scores, live=live)

    def draw(digit: int, example: int) -> str:
        rows = by_digit[digit]
        if len(rows) == 0:
            raise ValueError(f"no image of a {digit} among the {len(images)} given")
        image = images[rows[example % len(rows)]]
        scores = np.asarray(predict(image=image, weights=weights), dtype=float).ravel()
        if scores.shape != (10,):
            raise ValueError(f"predict should return 10 scores, got shape {scores.shape}")
        guess = int(np.argmax(scores))
        weight_view.update(weights[:, digit], f"weights into node {digit}")
        digit_view.update(image, f"a {digit} ({example % len(rows) + 1} of {len(rows)})")
        winner_view.update(weights[:, guess], f"highest: node {guess}")
        scores_view.update(scores, digit)
        verdict = "right" if guess == digit else "wrong"
        return (
            f"node {digit} scores this image {scores[digit]:.3f}; "
            f"the highest score is node {guess} ({verdict})"
        )

    return Panel(controls, live, draw, title="What each output node looks for")


# --- Chapter 06 ---------------------------------------------------------------------------


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

    Calls `train(streetlights=..., walk_vs_stop=..., hidden_size=..., alpha=...,
    iterations=..., seed=..., use_relu=...)`, which returns `(errors,
    weights_0_1, weights_1_2)`, and `forward(layer_0=..., weights_0_1=...,
    weights_1_2=..., use_relu=...)`, which returns `(layer_1, layer_2)`.
    `datasets` maps a name to `(streetlights, walk_vs_stop)`.
    """
    _callable("train", train)
    _callable("forward", forward)
    if not isinstance(datasets, Mapping) or not datasets:
        raise ValueError("datasets must name at least one (streetlights, walk_vs_stop) pair")
    datasets = {
        name: (
            validate.array(f"datasets[{name!r}] streetlights", pair[0], ndim=2),
            validate.array(f"datasets[{name!r}] walk_vs_stop", pair[1], ndim=(1, 2)),
        )
        for name, pair in datasets.items()
    }
    controls = [
        ChoiceControl("dataset", "dataset", next(iter(datasets)), list(datasets), style="dropdown"),
        int_slider("hidden_size", "hidden size", hidden_size, 1, 16),
        slider("alpha", "alpha", alpha, 0.01, 1.0, 0.01),
        int_slider("iterations", "iterations", iterations, 1, 500),
        int_slider("seed", "seed", seed, 0, 20),
        ChoiceControl("use_relu", "relu", use_relu, style="checkbox"),
    ]
    live = LiveFigure(height=380)
    ax_err, ax_pred, ax_net = live.fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.3, 0.9, 1.2]})
    curve = views.CurveView(
        ax_err, live=live, title="error per iteration", xlabel="iteration", ylim=(1e-33, 1e2)
    )
    parts: dict[str, Any] = {}

    def layout(rows: Sequence[str], n_in: int, hidden: int) -> None:
        key = (tuple(rows), n_in, hidden)
        if parts.get("key") == key:
            return
        for ax in (ax_pred, ax_net):
            ax.clear()
        parts["key"] = key
        parts["table"] = views.MatrixView(
            ax_pred,
            (len(rows), 2),
            rows,
            ["walk?", "prediction"],
            live=live,
            title="after training",
        )
        parts["net"] = views.NetworkView(
            ax_net, [n_in, hidden, 1], ["lights", "hidden", "walk?"], live=live, title="weights"
        )
        live.invalidate()

    def draw(
        dataset: str, hidden_size: int, alpha: float, iterations: int, seed: int, use_relu: bool
    ) -> str:
        streetlights, walk_vs_stop = datasets[dataset]
        errors, weights_0_1, weights_1_2 = train(
            streetlights=streetlights,
            walk_vs_stop=walk_vs_stop,
            hidden_size=hidden_size,
            alpha=alpha,
            iterations=iterations,
            seed=seed,
            use_relu=use_relu,
        )
        errors = [float(e) for e in errors]
        bad = divergence_step(errors)
        curve.update(errors if bad is None else errors[:bad], steps=iterations)
        rows = [str(list(map(int, row))) for row in streetlights]
        layout(rows, streetlights.shape[1], hidden_size)
        if bad is not None:
            parts["table"].update(np.zeros((len(rows), 2)))
            parts["net"].update([np.zeros_like(weights_0_1), np.zeros_like(weights_1_2)])
            return (
                f"diverged at iteration {bad}: alpha {alpha:g} is too big for this network, "
                "the error exploded"
            )
        layer_1, layer_2 = forward(
            layer_0=streetlights,
            weights_0_1=weights_0_1,
            weights_1_2=weights_1_2,
            use_relu=use_relu,
        )
        table = np.stack([np.ravel(walk_vs_stop), np.ravel(layer_2)], axis=1)
        parts["table"].update(table)
        parts["net"].update([weights_0_1, weights_1_2])
        final = errors[-1] if errors else math.nan
        if use_relu:
            dead = diagnose.dead_units(np.asarray(layer_1, dtype=float))
            if len(dead) == hidden_size:
                return (
                    f"final error {final:.4g}: every hidden node is silenced by relu for every "
                    "input (a 'dead' network: no delta gets through, so nothing can learn); "
                    "try a smaller alpha or another seed"
                )
        verdict = "learned it" if final < 0.01 else "has not learned it"
        note = ""
        if use_relu and dead:
            silent = ", ".join(str(j) for j in dead)
            note = f"; hidden node{'s' if len(dead) > 1 else ''} {silent} never fire"
        return (
            f"final error {final:.4g}: the network {verdict} "
            f"({'with' if use_relu else 'without'} relu, hidden size {hidden_size}){note}"
        )

    return Panel(controls, live, draw, title="Train the streetlight network")


# --- Chapter 07 ---------------------------------------------------------------------------

_FORWARD_STEPS = (
    "layer_0: the lights go in",
    "weighted_sum = layer_0.dot(weights_0_1)",
    "layer_1 = relu(weighted_sum): negative sums are silenced",
    "layer_2 = layer_1.dot(weights_1_2): the prediction",
)


def forward_stepper(
    forward_steps: Callable[..., Sequence[np.ndarray]],
    weights_0_1: np.ndarray,
    weights_1_2: np.ndarray,
    streetlights: np.ndarray,
) -> Panel:
    """Chapter 07: step through one forward pass, layer by layer, on a chosen streetlight.

    Calls the notebook's `forward_steps(layer_0=..., weights_0_1=...,
    weights_1_2=...)`, which returns the four stages of the pass: `[layer_0,
    weighted_sum, layer_1, layer_2]`; the step slider shows them one by one.
    """
    _callable("forward_steps", forward_steps)
    streetlights = validate.array("streetlights", streetlights, ndim=2)
    weights_0_1 = validate.array("weights_0_1", weights_0_1, ndim=2)
    weights_1_2 = validate.array("weights_1_2", weights_1_2, ndim=2)
    if weights_1_2.shape[0] != weights_0_1.shape[1]:
        raise ValueError(
            f"weights_1_2 has {weights_1_2.shape[0]} rows but weights_0_1 gives "
            f"{weights_0_1.shape[1]} hidden nodes"
        )
    if streetlights.shape[1] != weights_0_1.shape[0]:
        raise ValueError(
            f"streetlights have {streetlights.shape[1]} columns but weights_0_1 expects "
            f"{weights_0_1.shape[0]} inputs"
        )
    controls = [
        int_slider("streetlight", "streetlight", 0, 0, len(streetlights) - 1),
        int_slider("step", "step", 0, 0, 3),
    ]
    live = LiveFigure(height=420)
    ax = live.fig.subplots()
    sizes = [weights_0_1.shape[0], weights_0_1.shape[1], weights_1_2.shape[1]]
    view = views.NetworkView(ax, sizes, ["layer_0", "layer_1", "layer_2"], live=live, title=" ")
    view.moving(ax.title)

    def draw(streetlight: int, step: int) -> str:
        layer_0 = streetlights[streetlight : streetlight + 1]
        stages = forward_steps(layer_0=layer_0, weights_0_1=weights_0_1, weights_1_2=weights_1_2)
        if isinstance(stages, np.ndarray) or not hasattr(stages, "__len__") or len(stages) != 4:
            got = len(stages) if hasattr(stages, "__len__") else type(stages).__name__
            raise ValueError(
                "forward_steps must return [layer_0, weighted_sum, layer_1, layer_2]; "
                f"got {got} items"
            )
        stages = [np.asarray(s, dtype=float) for s in stages]
        for name, stage, size in zip(
            ("layer_0", "weighted_sum", "layer_1", "layer_2"),
            stages,
            (sizes[0], sizes[1], sizes[1], sizes[2]),
        ):
            if stage.size != size:
                raise ValueError(
                    f"forward_steps returned {name} with {stage.size} values; this network "
                    f"has {size} nodes there"
                )
        values: list[np.ndarray | None] = [stages[0], None, None]
        if step >= 1:
            values[1] = stages[1]
        if step >= 2:
            values[1] = stages[2]
        if step >= 3:
            values[2] = stages[3]
        view.update([weights_0_1, weights_1_2], values)
        ax.set_title(f"step {step}: {_FORWARD_STEPS[step]}")
        numbers = ", ".join(
            f"{x:.1e}" if 0 < abs(x) < 0.0005 else f"{x + 0.0:.3f}" for x in np.ravel(stages[step])
        )
        lights = streetlights[streetlight].astype(int).tolist()
        return f"streetlight {lights}, step {step}: [{numbers}]"

    return Panel(controls, live, draw, title="One forward pass, step by step")


# --- Chapter 09 ---------------------------------------------------------------------------


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
    _callable("softmax", softmax)
    _callable("cross_entropy", cross_entropy)
    if normalise is not None:
        _callable("normalise", normalise)
    logits = validate.array("logits", logits, ndim=1).tolist()
    if not 2 <= len(logits) <= 10:
        raise ValueError(f"logits: give between 2 and 10 values, got {len(logits)}")
    target = validate.index("target", target, len(logits))
    controls: list[Any] = [
        slider(f"z{i}", f"logit {i}", z, -6.0, 6.0, 0.01) for i, z in enumerate(logits)
    ]
    controls.append(int_slider("target", "true class", int(target), 0, len(logits) - 1))
    live = LiveFigure(height=320)
    n = len(logits)
    axes = live.fig.subplots(1, 2 if normalise is not None else 1, squeeze=False)[0]
    soft = views.ProbabilitiesView(axes[-1], n, live=live, title="softmax")
    plain = (
        views.ProbabilitiesView(axes[0], n, live=live, title="divide by the sum")
        if (normalise is not None)
        else None
    )

    def draw(target: int, **values: float) -> str:
        z = np.array([values[f"z{i}"] for i in range(n)])
        truth = np.zeros(n)
        truth[target] = 1.0
        prediction = np.asarray(softmax(z), dtype=float)
        if prediction.shape != z.shape:
            raise ValueError(f"softmax returned shape {prediction.shape} for {z.shape} logits")
        if not np.all(np.isfinite(prediction)):
            raise ValueError(f"softmax returned {prediction.round(4).tolist()}: not finite")
        loss = _number("cross_entropy", cross_entropy(prediction, truth))
        soft.update(prediction, target)
        note = ""
        if plain is not None:
            divided = np.asarray(normalise(z), dtype=float)
            if divided.shape == z.shape and np.all(np.isfinite(divided)):
                plain.update(divided, target, title="divide by the sum")
                if np.any(divided < 0) or np.any(divided > 1):
                    note = "; dividing by the sum gives values outside [0, 1]"
            else:
                plain.update(np.zeros(n), None, title="divide by the sum: the sum is 0")
                note = "; dividing by the sum fails: the logits add up to 0"
        delta = prediction - truth
        shown = ", ".join(f"{d + 0.0:+.3f}" for d in delta)
        return (
            f"cross-entropy = -log({prediction[target]:.4f}) = {loss:.4f}; "
            f"delta = prediction - truth = [{shown}]{note}"
        )

    return Panel(controls, live, draw, title="Logits in, probabilities out")


# --- Appendix A1 --------------------------------------------------------------------------


def neuron_explorer(
    neuron: Callable[..., Any],
    w1: float = 1.3,
    b1: float = -0.1,
    goals: Sequence[tuple[float, float]] = ((0.0, 1.0), (1.0, 0.0)),
) -> Panel:
    """Appendix A1: weight and bias sliders for one neuron, its output curve and the goals.

    Calls the notebook's `neuron(a0, w1=..., b1=...)` (the weight and the bias of
    the quiz's notation); `goals` lists the (input, wanted output) pairs to aim
    for (a NOT gate by default).
    """
    _callable("neuron", neuron)
    goals = [(float(x), float(y)) for x, y in validate.array("goals", goals, ndim=2)]
    controls = [
        slider("w1", "weight w1", w1, -10.0, 10.0, 0.1, ".1f"),
        slider("b1", "bias b1", b1, -10.0, 10.0, 0.1, ".1f"),
    ]
    inputs = np.linspace(-0.5, 1.5, 121)
    live = LiveFigure(height=340)
    view = views.NeuronView(live.fig.subplots(), len(goals), live=live)

    def draw(w1: float, b1: float) -> str:
        try:  # numpy-friendly code takes all the inputs at once
            outputs = np.asarray(neuron(inputs, w1=w1, b1=b1), dtype=float)
        except (TypeError, ValueError):
            outputs = None
        if outputs is None or outputs.shape != inputs.shape:  # one number at a time
            outputs = np.array([_number("neuron", neuron(x, w1=w1, b1=b1)) for x in inputs])
        hits = [(x, y, _number("neuron", neuron(x, w1=w1, b1=b1))) for x, y in goals]
        view.update(inputs, outputs, hits)
        cost = sum((out - y) ** 2 for _, y, out in hits)
        shown = ", ".join(f"input {x:g} gives {out:.3f} (goal {y:g})" for x, y, out in hits)
        return f"{shown}; squared error {cost:.4f}"

    return Panel(controls, live, draw, title="One tanh neuron")
