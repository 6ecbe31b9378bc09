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
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as W
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnutils import plots

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
        dpi: int = 80,
        title: str | None = None,
    ):
        self.controls = dict(controls)
        self.draw = draw
        self.fig = Figure(figsize=figsize, dpi=dpi)
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
        self.fig.clear()
        self.last_error = None
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                message = self.draw(self.fig, **self.values()) or ""
        except Exception as e:  # shown to the learner, never raised into the notebook
            self.fig.clear()
            self.last_error = f"{type(e).__name__}: {e}"
            message = f"Error: {self.last_error}"
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png")
        self.png = buf.getvalue()
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


def slider(
    description: str, value: float, low: float, high: float, step: float, fmt: str = ".2f"
) -> W.FloatSlider:
    """A float slider that updates while it is dragged and shows its value."""
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


def int_slider(description: str, value: int, low: int, high: int, step: int = 1) -> W.IntSlider:
    """An integer slider that updates while it is dragged and shows its value."""
    return W.IntSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        style={"description_width": "initial"},
    )


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
    input = [float(x) for x in input]
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
        plots.plot_local_predictions(
            input, w, names, prediction=pred, ax=fig.subplots(), ylim=(-lim, lim)
        )
        return f"prediction = {pred:.4f}"

    controls = {
        f"w{i}": slider(f"weight {name}", w, -1.0, 1.0, 0.01)
        for i, (name, w) in enumerate(zip(names, weights))
    }
    return Panel(controls, draw, title="Turn the weights and watch the weighted sum")
