"""Plots, widgets and checkers work outside the browser, including at the extremes."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from nnutils import checks, plots, widgets


def dot_network(input, weights):
    return float(np.dot(input, weights))


# --- plots --------------------------------------------------------------------------


def test_plot_local_predictions_draws_bars():
    fig = plots.plot_local_predictions([8.5, 0.65, 1.2], [0.1, 0.2, 0.0], ["a", "b", "c"])
    assert isinstance(fig, Figure)
    heights = [p.get_height() for p in fig.axes[0].patches]
    assert heights == pytest.approx([0.85, 0.13, 0.0, 0.98])


@pytest.mark.parametrize(
    "input, weights, names",
    [
        ([1, 2], [1, 2, 3], ["a", "b"]),
        ([1, 2, 3], [1, 2, 3], ["a", "b"]),
        ([1, np.nan, 3], [1, 2, 3], ["a", "b", "c"]),
        ([[1, 2, 3]], [[1, 2, 3]], ["a", "b", "c"]),
    ],
)
def test_plot_local_predictions_rejects_bad_input(input, weights, names):
    with pytest.raises(ValueError):
        plots.plot_local_predictions(input, weights, names)


# --- the generic panel --------------------------------------------------------------------


def test_panel_redraws_and_reports():
    calls = []

    def draw(fig, x):
        calls.append(x)
        fig.subplots().plot([0, 1], [0, x])
        return f"x is {x}"

    panel = widgets.Panel({"x": widgets.slider("x", 0.5, 0, 1, 0.1)}, draw)
    first = panel.png
    assert panel.last_message == "x is 0.5" and first.startswith(b"\x89PNG")
    assert panel.update(x=0.9) == "x is 0.9"
    assert panel.png != first and panel.image.value == panel.png
    panel.controls["x"].value = 0.1  # a slider move redraws by itself
    assert calls[-1] == 0.1 and "x is 0.1" in panel.message.value
    assert len(panel.update_seconds) == len(calls) == 3


def test_panel_shows_errors_instead_of_raising():
    def draw(fig, x):
        if x > 0.5:
            raise RuntimeError("boom")
        return "fine"

    panel = widgets.Panel({"x": widgets.slider("x", 0.2, 0, 1, 0.1)}, draw)
    assert panel.update(x=0.8) == "Error: RuntimeError: boom"
    assert panel.last_error == "RuntimeError: boom"
    assert "boom" in panel.message.value and panel.png.startswith(b"\x89PNG")
    assert panel.update(x=0.1) == "fine" and panel.last_error is None


def test_panel_silences_numpy_warnings(recwarn):
    def draw(fig, x):
        np.exp(np.array([1000.0])) / np.zeros(1)
        return "ok"

    panel = widgets.Panel({"x": widgets.slider("x", 0.2, 0, 1, 0.1)}, draw)
    assert panel.last_message == "ok"
    assert len(recwarn) == 0


def test_panel_rejects_unknown_control():
    panel = widgets.Panel({"x": widgets.slider("x", 0.2, 0, 1, 0.1)}, lambda fig, x: "")
    with pytest.raises(KeyError, match="no control named 'y'"):
        panel.update(y=1)


# --- chapter 03 widget ------------------------------------------------------------------


def test_weighted_sum_explorer_uses_the_notebooks_function():
    seen = []

    def network(input, weights):
        seen.append(list(weights))
        return dot_network(input, weights)

    panel = widgets.weighted_sum_explorer(network, [8.5, 0.65, 1.2])
    assert panel.last_message == "prediction = 0.9800"
    assert seen[-1] == [0.1, 0.2, 0.0]
    assert panel.update(w0=0.0) == "prediction = 0.1300"


@pytest.mark.parametrize("w", [-1.0, 1.0])
def test_weighted_sum_explorer_extremes(w):
    panel = widgets.weighted_sum_explorer(dot_network, [8.5, 0.65, 1.2])
    message = panel.update(w0=w, w1=w, w2=w)
    assert message == f"prediction = {w * 10.35:.4f}" and panel.last_error is None
    ylim = panel.fig.axes[0].get_ylim()
    assert ylim[1] >= abs(w * 10.35)  # the total bar fits on the axis


def test_weighted_sum_explorer_reports_a_broken_network():
    def broken(input, weights):
        raise ValueError("shapes do not match")

    panel = widgets.weighted_sum_explorer(broken, [8.5, 0.65, 1.2])
    assert panel.last_message == "Error: ValueError: shapes do not match"


def test_weighted_sum_explorer_rejects_mismatched_input():
    with pytest.raises(ValueError, match="one input and one name per weight"):
        widgets.weighted_sum_explorer(dot_network, [8.5, 0.65])


# --- checkers -------------------------------------------------------------------------


def _vector_functions():
    mul = lambda a, b: [x * y for x, y in zip(a, b)]  # noqa: E731
    add = lambda a, b: [x + y for x, y in zip(a, b)]  # noqa: E731
    total = lambda a: sum(a)  # noqa: E731
    mean = lambda a: sum(a) / len(a)  # noqa: E731
    dot = lambda a, b: sum(mul(a, b))  # noqa: E731
    return [mul, add, total, mean, dot]


def test_check_vector_math_accepts_right_answers():
    verdict = checks.check_vector_math(*_vector_functions())
    assert verdict.ok and repr(verdict).startswith("✔")


def test_check_vector_math_names_the_wrong_function():
    fns = _vector_functions()
    fns[3] = lambda a: sum(a) / (len(a) - 1)  # an off-by-one average
    verdict = checks.check_vector_math(*fns)
    assert not verdict.ok and "vector_average" in verdict.message
    assert "Divide by the length" in verdict.message and repr(verdict).startswith("✘")


def test_check_vector_math_reports_a_crash():
    fns = _vector_functions()
    fns[0] = lambda a, b: [a[i] * b[i] for i in range(a)]  # the book's range(a) slip
    verdict = checks.check_vector_math(*fns)
    assert not verdict.ok and "raised TypeError" in verdict.message


def test_check_game_predictions():
    games = np.array([[8.5, 0.65, 1.2], [9.5, 0.8, 1.3], [9.9, 0.8, 0.5], [9.0, 0.9, 1.0]])
    assert checks.check_game_predictions(games @ [0.1, 0.2, 0.0]).ok
    assert not checks.check_game_predictions(games @ [0.1, 0.2, 0.1]).ok
    short = checks.check_game_predictions([0.98, 1.11])
    assert not short.ok and "shape (4,)" in short.message
    assert not checks.check_game_predictions(...).ok
    assert not checks.check_game_predictions([np.nan] * 4).ok


def test_check_vect_mat_mul():
    right = lambda v, m: [sum(a * b for a, b in zip(v, row)) for row in m]  # noqa: E731
    square_only = lambda v, m: [sum(v[j] * m[i][j] for j in range(3)) for i in range(3)]  # noqa: E731
    assert checks.check_vect_mat_mul(right).ok
    wrong = checks.check_vect_mat_mul(square_only)
    assert not wrong.ok and "vect_mat_mul" in wrong.message
    assert not checks.check_vect_mat_mul(42).ok


def test_compare():
    assert checks.compare("x", [1, 2], [1, 2]).ok
    assert not checks.compare("x", [1, 2.1], [1, 2]).ok
    assert not checks.compare("x", "abc", [1, 2]).ok
