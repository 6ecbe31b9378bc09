"""nnutils.controls: sliders whose readout keeps what the learner types, and choices.

The browser is simulated the way ipywidgets talks to it: typing sets the
readout's `value` (on Enter), dragging sets the slider's `value`, and after a
typed value the browser's slider snaps its handle to its own step grid and
echoes that snapped value back (simulated by setting `control.slider.value`
to the snapped value right after typing).
"""

from __future__ import annotations

import math

import pytest

from nnutils.controls import ChoiceControl, NumberControl, int_slider, log_slider, slider


def recorded(control) -> list:
    """The values the control's callbacks receive, in order."""
    calls: list = []
    control.observe(calls.append)
    return calls


def type_text(control: NumberControl, text: str) -> None:
    """What the browser does when the learner types `text` and presses Enter."""
    control.readout.value = text


def make(kind: str) -> NumberControl:
    """One control of each kind, starting well inside its range."""
    if kind == "float":
        return slider("x", "x", 0.5, -1.0, 1.0, 0.01)
    if kind == "log":
        return log_slider("alpha", "alpha", 0.01, -3, 1, 0.1)
    return int_slider("n", "n", 5, 0, 10)


# --- typed values ----------------------------------------------------------------------------

#: kind, text typed, the value kept, where the browser's slider snaps it (None: on the grid)
TYPED = [
    ("log", "0.2", 0.2, 10 ** (-3 + round((math.log10(0.2) + 3) / 0.1) * 0.1)),  # 0.1995...
    ("log", "0.0123", 0.0123, 10 ** (-3 + round((math.log10(0.0123) + 3) / 0.1) * 0.1)),
    ("float", "0.123", 0.123, 0.12),
    ("float", "-0.555", -0.555, -0.56),
    ("int", "7", 7, None),
]


@pytest.mark.parametrize("kind, text, kept, snapped", TYPED)
def test_a_typed_value_in_range_is_kept_exactly(kind, text, kept, snapped):
    control = make(kind)
    calls = recorded(control)
    type_text(control, text)
    if snapped is not None:
        assert snapped != kept
        control.slider.value = snapped  # the browser's echo of its snapped handle
    assert control.value == kept
    assert control.readout.value == text
    assert calls == [kept]  # one change, one callback, with the typed value


@pytest.mark.parametrize("kind, text", [("float", "0.123456789"), ("log", "0.0123456789")])
def test_a_typed_value_with_many_digits_is_kept_exactly(kind, text):
    control = make(kind)
    calls = recorded(control)
    type_text(control, text)
    assert control.value == float(text)
    assert calls == [float(text)]


def test_the_snapped_log_value_is_the_browsers_grid():
    """The echo simulated above is where a FloatLogSlider's grid really puts 0.2."""
    control = make("log")
    type_text(control, "0.2")
    expected = 10 ** (-3 + round((math.log10(0.2) + 3) / 0.1) * 0.1)
    assert expected == pytest.approx(0.19952623, rel=1e-6)
    control.slider.value = expected
    assert control.value == 0.2


@pytest.mark.parametrize("kind", ["float", "log", "int"])
def test_a_drag_after_typing_is_taken(kind):
    control = make(kind)
    type_text(control, {"float": "0.123", "log": "0.2", "int": "7"}[kind])
    if kind != "int":
        control.slider.value = {"float": 0.12, "log": 10 ** (-0.7)}[kind]  # the echo
    calls = recorded(control)
    dragged = {"float": -0.37, "log": 10 ** (-0.3), "int": 2}[kind]
    control.slider.value = dragged  # the learner drags the handle elsewhere
    assert control.value == dragged
    assert control.slider.value == dragged
    assert calls == [dragged]  # once, with the value dragged to


def test_a_drag_to_a_grid_value_is_taken_without_a_typed_value_before():
    control = make("log")
    calls = recorded(control)
    control.slider.value = 10 ** (-0.3)
    assert control.value == 10 ** (-0.3)
    assert calls == [10 ** (-0.3)]
    assert float(control.readout.value) == pytest.approx(10 ** (-0.3), rel=1e-3)


def test_typing_the_current_value_again_calls_nothing():
    control = make("float")
    calls = recorded(control)
    type_text(control, "0.5")
    assert control.value == 0.5 and calls == []
    assert control.readout.value == "0.50"


@pytest.mark.parametrize(
    "kind, text, expected",
    [
        ("int", "1e309", 10),  # inf after parsing: the maximum
        ("int", "-inf", 0),
        ("int", "inf", 10),
        ("int", "11", 10),
        ("int", "-3", 0),
        ("float", "5", 1.0),
        ("float", "-1e400", -1.0),
        ("log", "100", 10.0),
        ("log", "0", 0.001),
        ("log", "-2", 0.001),
    ],
)
def test_a_value_beyond_the_range_goes_to_the_nearest_end(kind, text, expected):
    control = make(kind)
    calls = recorded(control)
    type_text(control, text)
    assert control.value == expected
    assert calls == [expected]
    assert control.readout.value == control.format(expected)
    assert control.slider.value == pytest.approx(expected)


@pytest.mark.parametrize("kind", ["float", "log", "int"])
@pytest.mark.parametrize("text", ["abc", "", "nan", "NaN", "  ", "1..2", "0.2.3"])
def test_text_that_is_not_a_number_changes_nothing(kind, text):
    control = make(kind)
    before = control.value
    calls = recorded(control)
    type_text(control, text)
    assert control.value == before
    assert control.readout.value == control.format(before)  # the value is shown again
    assert calls == []


def test_text_that_is_not_a_number_after_a_typed_value_shows_that_value():
    control = make("log")
    type_text(control, "0.2")
    type_text(control, "abc")
    assert control.value == 0.2 and control.readout.value == "0.2"


@pytest.mark.parametrize(
    "text, expected", [("−0.5", -0.5), ("0,25", 0.25), (" 0.75 ", 0.75), ("-1e-3", -0.001)]
)
def test_typed_numbers_in_other_spellings(text, expected):
    control = make("float")
    type_text(control, text)
    assert control.value == expected


def test_an_int_slider_rounds_a_typed_fraction():
    control = make("int")
    type_text(control, "7.6")
    assert control.value == 8 and isinstance(control.value, int)
    assert control.readout.value == "8"


# --- the readout -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, value, shown",
    [
        (".2f", 0.5, "0.50"),
        (".2f", -0.5, "-0.50"),
        (".2f", 0.123, "0.123"),  # ".2f" would hide the 3: more digits
        (".2f", 1e-5, "1e-05"),
        (".1f", 0.25, "0.25"),
        (".1f", 2.0, "2.0"),
        (".4g", 0.2, "0.2"),
        (".4g", 0.0123, "0.0123"),
        (".4g", 1 / 3, "0.333333"),
    ],
)
def test_the_readout_shows_every_digit_the_format_would_hide(fmt, value, shown):
    control = NumberControl("x", "x", 0.0, -1.0, 3.0, 0.01, "float", fmt)
    assert control.format(value) == shown
    control.set(value)
    assert control.readout.value == shown


def test_the_readout_of_an_int_slider_is_a_whole_number():
    control = make("int")
    assert control.readout.value == "5"
    control.set(9)
    assert control.readout.value == "9"


def test_the_readout_follows_a_drag():
    control = make("float")
    control.slider.value = -0.25
    assert control.readout.value == "-0.25"


# --- set and callbacks -------------------------------------------------------------------------


@pytest.mark.parametrize("kind, value", [("float", 0.3), ("log", 0.2), ("int", 3)])
def test_set_changes_value_slider_and_readout_and_calls_back_once(kind, value):
    control = make(kind)
    calls = recorded(control)
    control.set(value)
    assert control.value == value
    assert control.slider.value == pytest.approx(value)
    assert control.readout.value == control.format(value)
    assert calls == [value]


@pytest.mark.parametrize("kind, value", [("float", 0.3), ("log", 0.2), ("int", 3)])
def test_set_without_notify_calls_nothing(kind, value):
    control = make(kind)
    calls = recorded(control)
    control.set(value, notify=False)
    assert control.value == value and calls == []
    control.set(value / 2 if kind != "int" else 4)  # later changes are still reported
    assert len(calls) == 1


@pytest.mark.parametrize(
    "kind, value", [("float", 1 / 8.5), ("float", 2 / 3), ("log", 1 / 3), ("log", 0.0123456789)]
)
def test_set_keeps_every_digit_of_the_value(kind, value):
    """The readout shows a rounded value; the value itself is what was set."""
    control = make(kind)
    calls = recorded(control)
    control.set(value)
    assert control.value == value
    assert calls == [value]
    assert float(control.readout.value) == pytest.approx(value, rel=1e-5)


def test_set_takes_text_as_if_typed():
    control = make("int")
    control.set("1e309")
    assert control.value == 10
    with pytest.raises(TypeError, match="n must be a number"):
        control.set("abc")
    assert control.value == 10


def test_set_clamps_a_number_beyond_the_range():
    control = make("float")
    control.set(7.0)
    assert control.value == 1.0


@pytest.mark.parametrize(
    "bad, error", [(True, TypeError), (None, TypeError), (math.nan, ValueError)]
)
def test_set_rejects_what_is_not_a_number_naming_the_control(bad, error):
    control = make("float")
    with pytest.raises(error, match="x must be"):
        control.set(bad)
    assert control.value == 0.5


def test_every_callback_is_called_once_per_change():
    control = make("float")
    first, second = recorded(control), recorded(control)
    control.set(0.1)
    type_text(control, "0.2")
    control.slider.value = -0.3
    assert first == second == [0.1, 0.2, -0.3]


# --- constructor errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, error, match",
    [
        (("lr", "lr", 2.0, 0.0, 1.0, 0.1, "float"), ValueError, "lr must be between 0 and 1"),
        (("lr", "lr", -0.5, 0.0, 1.0, 0.1, "float"), ValueError, "lr must be between"),
        (("lr", "lr", 20.0, -3, 1, 0.1, "log"), ValueError, "lr must be between 0.001 and 10"),
        (("lr", "lr", math.nan, 0.0, 1.0, 0.1, "float"), ValueError, "lr must be a finite"),
        (("lr", "lr", "0.5", 0.0, 1.0, 0.1, "float"), TypeError, "lr must be a number"),
        (("n", "n", 2.5, 0, 10, 1, "int"), TypeError, "n must be a whole number"),
        (("n", "n", True, 0, 10, 1, "int"), TypeError, "n must be a whole number"),
        (("n", "n", 11, 0, 10, 1, "int"), ValueError, "n must be between 0 and 10"),
        (("n", "n", 1, 0, 10, 1, "slider"), ValueError, "kind must be"),
    ],
)
def test_constructor_errors_name_the_argument(args, error, match):
    with pytest.raises(error, match=match):
        NumberControl(*args)


def test_a_log_slider_spans_powers_of_ten():
    control = log_slider("alpha", "alpha", 0.01, -3, 1, 0.1)
    assert (control.low, control.high) == (0.001, 10.0)
    assert control.kind == "log" and control.value == 0.01


# --- ChoiceControl -----------------------------------------------------------------------------

OPTIONS = [1, 10, 20, 50, 100]


@pytest.mark.parametrize("style", ["buttons", "dropdown", "slider"])
def test_choice_value_set_and_observe(style):
    control = ChoiceControl("batch", "batch size", 10, OPTIONS, style=style)
    assert control.value == 10 and control.name == "batch"
    calls = recorded(control)
    control.set(50)
    assert control.value == 50 and calls == [50]
    control.input.value = 100  # the learner picks another option in the browser
    assert control.value == 100 and calls == [50, 100]


@pytest.mark.parametrize("style", ["buttons", "dropdown", "slider"])
def test_choice_set_without_notify_calls_nothing_but_later_changes_are_reported(style):
    control = ChoiceControl("batch", "batch size", 10, OPTIONS, style=style)
    calls = recorded(control)
    control.set(20, notify=False)
    assert control.value == 20 and calls == []
    control.set(100)
    assert calls == [100]


@pytest.mark.parametrize("style", ["buttons", "dropdown", "slider"])
def test_choice_set_without_notify_moves_what_the_browser_shows(style):
    """The browser shows the widget's `index`: it must follow the value, notified or not."""
    control = ChoiceControl("batch", "batch size", 10, OPTIONS, style=style)
    control.set(50, notify=False)
    assert control.input.index == OPTIONS.index(50)
    control.set(100)
    assert control.input.index == OPTIONS.index(100)


def test_choice_checkbox():
    control = ChoiceControl("freeze", "freeze weight a", False, style="checkbox")
    calls = recorded(control)
    control.set(True)
    assert control.value is True and calls == [True]
    control.set(False, notify=False)
    assert control.value is False and calls == [True]
    control.input.value = True
    assert calls == [True, True]


@pytest.mark.parametrize(
    "value, options, style, error, match",
    [
        (3, OPTIONS, "buttons", ValueError, "batch must be one of"),
        ("10", OPTIONS, "dropdown", ValueError, "batch must be one of"),
        (10, None, "slider", ValueError, "batch must be one of"),
        (1, OPTIONS, "checkbox", TypeError, "batch must be True or False"),
        ("yes", None, "checkbox", TypeError, "batch must be True or False"),
    ],
)
def test_choice_bad_start_values_name_the_control(value, options, style, error, match):
    with pytest.raises(error, match=match):
        ChoiceControl("batch", "batch size", value, options, style=style)


def test_choice_unknown_style_is_a_clear_error():
    with pytest.raises((ValueError, TypeError), match="style"):
        ChoiceControl("batch", "batch size", 10, OPTIONS, style="radio")
