"""Controls for the live panels: sliders whose readout keeps what the learner types.

A `NumberControl` is a slider with an editable readout beside it. Dragging
moves the value along the slider's steps; typing sets it to exactly what was
typed (a log slider keeps 0.2 as 0.2, not the nearest point of its grid). A
typed value beyond the range goes to the nearest end ("1e309" on an integer
slider is its maximum), and text that is not a number leaves the value as it
was. A `ChoiceControl` wraps buttons, a drop-down, a selection slider or a
checkbox behind the same small interface: `value`, `set(value)` and
`observe(callback)`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as W
import numpy as np

from nnutils import validate

Callback = Callable[[Any], None]
_LABEL = W.Layout(width="auto", margin="0 6px 0 0")
_STYLE = {"description_width": "initial"}


class Control:
    """What every control offers a panel: a name, a value, a widget and change callbacks."""

    name: str
    widget: W.Widget

    def __init__(self) -> None:
        self._callbacks: list[Callback] = []

    @property
    def value(self) -> Any:
        """The current value (what the notebook's function receives)."""
        raise NotImplementedError

    def set(self, value: Any, notify: bool = True) -> None:
        """Set the value as if the learner had typed it; call the callbacks if `notify`."""
        raise NotImplementedError

    def observe(self, callback: Callback) -> None:
        """Call `callback(value)` after every change of the value."""
        self._callbacks.append(callback)

    def _changed(self) -> None:
        for callback in list(self._callbacks):
            callback(self.value)


class NumberControl(Control):
    """A slider over a range of numbers, with a readout that accepts typed values.

    `kind` is "float", "int" or "log" (a log slider moves over powers of ten,
    from 10**low_exp to 10**high_exp, in steps of `step` in the exponent).
    """

    def __init__(
        self,
        name: str,
        description: str,
        value: float,
        low: float,
        high: float,
        step: float,
        kind: str = "float",
        fmt: str = ".2f",
    ):
        super().__init__()
        if kind not in ("float", "int", "log"):
            raise ValueError(f"kind must be 'float', 'int' or 'log', got {kind!r}")
        self.name, self.kind, self.fmt = name, kind, fmt
        lo_name, hi_name = ("low_exp", "high_exp") if kind == "log" else ("low", "high")
        low, high = validate.number(lo_name, low), validate.number(hi_name, high)
        step = validate.positive("step", step)
        if not low < high:
            raise ValueError(
                f"{name}: the slider's {lo_name} must be below its {hi_name}, "
                f"got {low:g} and {high:g}"
            )
        if kind == "log" and max(abs(low), abs(high)) > 300:
            raise ValueError(f"{name}: a log slider's exponents must be within -300..300")
        self.low, self.high = (10.0**low, 10.0**high) if kind == "log" else (low, high)
        if kind == "int" and (isinstance(value, bool) or not isinstance(value, (int, np.integer))):
            raise TypeError(f"{name} must be a whole number, got {value!r}")
        x = validate.number(name, value)
        if not self.low <= x <= self.high:
            raise ValueError(
                f"{name} must be between {self.low:g} and {self.high:g} (the slider's range), "
                f"got {x:g}"
            )
        if step > high - low:
            raise ValueError(f"{name}: the slider's step must be at most its range, got {step:g}")
        if kind == "int" and any(float(v) != int(v) for v in (low, high, step)):
            raise TypeError(f"{name}: an integer slider needs whole-number ends and step")
        self._value: float | int = int(x) if kind == "int" else x
        self._step = step
        common = dict(
            readout=False,
            continuous_update=True,
            layout=W.Layout(width="auto", flex="1 1 120px", min_width="120px"),
        )
        if kind == "int":
            self.slider = W.IntSlider(
                value=int(x), min=int(low), max=int(high), step=int(step), **common
            )
        elif kind == "log":
            self.slider = W.FloatLogSlider(value=x, base=10, min=low, max=high, step=step, **common)
        else:
            self.slider = W.FloatSlider(value=x, min=low, max=high, step=step, **common)
        self.readout = W.Text(
            value=self.format(self._value),
            continuous_update=False,
            layout=W.Layout(width="6.5em"),
        )
        self.readout.add_class("nnutils-readout")
        self.label = W.Label(description, layout=_LABEL)
        self.widget = W.HBox(
            [self.label, self.slider, self.readout],
            layout=W.Layout(align_items="center", flex="1 1 300px", max_width="460px"),
        )
        self.widget.add_class("nnutils-control")
        # where the browser's slider will snap a typed value, and until when it may echo it
        self._echo: tuple[float, float] | None = None
        self._applying = False  # True while we move the slider ourselves
        self._writing = False  # True while we write the readout ourselves
        self.slider.observe(self._on_slider, names="value")
        self.readout.observe(self._on_text, names="value")

    @property
    def value(self) -> float | int:
        return self._value

    def format(self, x: float) -> str:
        """The readout text for `x`: the control's format, or more digits if it would hide some."""
        if self.kind == "int":
            return str(int(x))
        text = f"{x:{self.fmt}}"
        if _parse(text) != x:
            text = f"{x:.6g}"
        return text.replace("−", "-")

    def parse(self, text: str) -> float | int | None:
        """The value a typed `text` asks for: clamped into the range, or None if not a number."""
        x = _parse(text)
        if x is None:
            return None
        x = min(max(x, self.low), self.high)  # +-inf and huge values go to the ends
        return int(round(x)) if self.kind == "int" else x

    def set(self, value: Any, notify: bool = True) -> None:
        x = self.parse(str(value)) if isinstance(value, str) else value
        if x is None or isinstance(x, bool):
            raise TypeError(f"{self.name} must be a number, got {value!r}")
        x = validate.number(self.name, x)
        x = min(max(x, self.low), self.high)
        self._apply(int(round(x)) if self.kind == "int" else x, notify)

    def _apply(self, x: float | int, notify: bool) -> None:
        self._value = x
        snapped = self._snap(x)
        self._echo = (snapped, time.monotonic() + 1.0) if snapped != x else None
        self._applying = True
        try:
            self.slider.value = x
        finally:
            self._applying = False
        self._show(x)
        if notify:
            self._changed()

    def _show(self, x: float) -> None:
        """Write `x` into the readout without reading it back as a typed value."""
        self._writing = True
        try:
            self.readout.value = self.format(x)
        finally:
            self._writing = False

    def _snap(self, x: float) -> float:
        """Where the browser's slider will put `x`: the nearest point of its step grid."""
        if self.kind == "int":
            return x
        if self.kind == "log":
            lo = math.log10(self.low)
            k = round((math.log10(x) - lo) / self._step)
            return 10.0 ** (lo + k * self._step)
        return self.low + round((x - self.low) / self._step) * self._step

    def _on_slider(self, change: dict) -> None:
        if self._applying:  # our own move, not the learner's
            return
        new = change["new"]
        echo, self._echo = self._echo, None
        if (
            echo is not None
            and time.monotonic() < echo[1]
            and math.isclose(new, echo[0], rel_tol=1e-9, abs_tol=1e-12)
        ):
            # the browser snapped a typed value to its grid: keep what was typed
            self._applying = True
            try:
                self.slider.value = self._value
            finally:
                self._applying = False
            return
        if new == self._value:
            return
        self._value = int(new) if self.kind == "int" else float(new)
        self._show(self._value)
        self._changed()

    def _on_text(self, change: dict) -> None:
        if self._writing:  # our own readout, not the learner's typing
            return
        x = self.parse(change["new"])
        if x is None:  # not a number: show the value again, change nothing
            self._show(self._value)
            return
        if x == self._value:
            self._show(x)
            return
        self._apply(x, notify=True)


def _parse(text: str) -> float | None:
    """A float from what a learner may type ("0.2", "-1e-3", "−0.5", "inf"), else None."""
    try:
        x = float(str(text).strip().replace("−", "-").replace(",", "."))
    except ValueError:
        return None
    return None if math.isnan(x) else x


class ChoiceControl(Control):
    """A choice among a few values: buttons, a drop-down, a selection slider or a checkbox."""

    def __init__(
        self,
        name: str,
        description: str,
        value: Any,
        options: Sequence[Any] | None = None,
        style: str = "buttons",
    ):
        super().__init__()
        self.name = name
        self._quiet = False
        styles = ("buttons", "dropdown", "slider", "checkbox")
        if style not in styles:
            raise ValueError(f"{name}: style must be one of {styles}, got {style!r}")
        if style == "checkbox":
            if not isinstance(value, (bool, np.bool_)):
                raise TypeError(f"{name} must be True or False, got {value!r}")
            self.input = W.Checkbox(value=bool(value), description=description, indent=False)
            self.widget = self.input
        else:
            options = list(options or [])
            if value not in options:
                raise ValueError(f"{name} must be one of {options}, got {value!r}")
            make = {
                "buttons": W.ToggleButtons,
                "dropdown": W.Dropdown,
                "slider": W.SelectionSlider,
            }[style]
            extra = {"style": {"button_width": "34px"}} if style == "buttons" else {"style": _STYLE}
            self.input = make(options=options, value=value, description=description, **extra)
            self.widget = self.input
        self.widget.add_class("nnutils-control")
        self.input.observe(self._on_input, names="value")

    def _on_input(self, _change: dict) -> None:
        if not self._quiet:
            self._changed()

    @property
    def value(self) -> Any:
        return self.input.value

    def set(self, value: Any, notify: bool = True) -> None:
        self._quiet = not notify
        try:
            self.input.value = value
        finally:
            self._quiet = False


def slider(
    name: str,
    description: str,
    value: float,
    low: float,
    high: float,
    step: float,
    fmt: str = ".2f",
) -> NumberControl:
    """A float slider from `low` to `high` with an editable readout."""
    return NumberControl(name, description, value, low, high, step, "float", fmt)


def log_slider(
    name: str,
    description: str,
    value: float,
    low_exp: float,
    high_exp: float,
    step: float,
    fmt: str = ".4g",
) -> NumberControl:
    """A slider over powers of ten, 10**low_exp .. 10**high_exp, with an editable readout."""
    return NumberControl(name, description, value, low_exp, high_exp, step, "log", fmt)


def int_slider(
    name: str, description: str, value: int, low: int, high: int, step: int = 1
) -> NumberControl:
    """An integer slider with an editable readout."""
    return NumberControl(name, description, value, low, high, step, "int")
