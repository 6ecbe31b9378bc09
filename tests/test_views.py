"""nnutils.views: each view draws what it is given, the same way in a plot and in a panel.

A view is checked through its artists after `update(...)`: positions, heights,
colours and texts. In static mode (no `live`) nothing is animated and the
axes fit everything drawn; in live mode the moving artists are animated (so
a panel blits them) and static changes ask the live figure for a redraw.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from nnutils import views
from nnutils.style import GOAL, NEGATIVE, POSITIVE, TOTAL
from nnutils.views import COARSE, FINE, View, nice_ceiling, node_label

BLUE, RED, GREEN = to_rgba(POSITIVE), to_rgba(NEGATIVE), to_rgba(TOTAL)


class FakeLive:
    """Stands in for a LiveFigure: records what the view asks to redraw."""

    def __init__(self) -> None:
        self.invalidated: list = []

    def invalidate(self, ax=None) -> None:
        self.invalidated.append(ax)


def new_axes(width: float = 8, height: float = 5, n: int = 1):
    fig = Figure(figsize=(width, height), dpi=72)
    FigureCanvasAgg(fig)
    return fig.subplots(1, n) if n > 1 else fig.subplots()


def colour(artist) -> tuple:
    return tuple(float(c) for c in to_rgba(artist.get_facecolor()))


def data_of(line) -> tuple[list, list]:
    x, y = line.get_data()
    return list(np.asarray(x, float)), list(np.asarray(y, float))


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


@pytest.fixture(params=["static", "live"])
def mode(request):
    """None for a static picture, a FakeLive for a panel."""
    return None if request.param == "static" else FakeLive()


def assert_animated(live, *artists) -> None:
    """Moving artists are animated in a panel only."""
    for artist in artists:
        assert artist.get_animated() is (live is not None), artist


# --- View.fit ---------------------------------------------------------------------------------


def test_fit_keeps_the_limits_while_the_data_fits_well():
    ax, live = new_axes(), FakeLive()
    view = View(ax, live)
    ax.set_xlim(0, 10)
    for lo, hi in [(2, 8), (0, 10), (0, 2.5), (7.5, 10), (1, 9.99)]:
        view.fit("x", lo, hi)
        assert ax.get_xlim() == (0, 10)
    assert live.invalidated == []


def test_fit_refits_when_the_data_leaves_the_view():
    ax, live = new_axes(), FakeLive()
    view = View(ax, live)
    ax.set_ylim(0, 10)
    view.fit("y", 2, 11)
    assert ax.get_ylim() == pytest.approx((2 - 0.08 * 9, 11 + 0.08 * 9))
    assert live.invalidated == [ax]
    view.fit("y", -1, 5, pad=0.0)
    assert ax.get_ylim() == pytest.approx((-1, 5))
    assert live.invalidated == [ax, ax]


def test_fit_refits_when_the_data_shrinks_below_a_quarter_of_the_view():
    ax, live = new_axes(), FakeLive()
    view = View(ax, live)
    ax.set_xlim(0, 10)
    view.fit("x", 4, 6.4)  # 2.4 of 10: under a quarter
    assert ax.get_xlim() == pytest.approx((4 - 0.08 * 2.4, 6.4 + 0.08 * 2.4))
    assert live.invalidated == [ax]


def test_fit_of_a_single_value_gives_the_view_some_width():
    ax, live = new_axes(), FakeLive()
    view = View(ax, live)
    ax.set_xlim(0, 1)
    view.fit("x", 50, 50)
    lo, hi = ax.get_xlim()
    assert lo < 50 < hi and hi - lo > 1


def test_fit_ignores_non_finite_data():
    ax, live = new_axes(), FakeLive()
    view = View(ax, live)
    ax.set_xlim(0, 10)
    for lo, hi in [(math.nan, 1), (0, math.inf), (-math.inf, math.inf)]:
        view.fit("x", lo, hi)
    assert ax.get_xlim() == (0, 10) and live.invalidated == []


def test_fit_on_a_log_axis_uses_whole_decades():
    ax, live = new_axes(), FakeLive()
    ax.set_yscale("log")
    view = View(ax, live)
    ax.set_ylim(1e-4, 10)
    view.fit("y", 1e-3, 1, log=True)  # 3 of 5 decades: fits
    assert ax.get_ylim() == pytest.approx((1e-4, 10)) and live.invalidated == []
    view.fit("y", 1e-8, 1, log=True)
    assert ax.get_ylim() == pytest.approx((1e-9, 10))
    assert live.invalidated == [ax]


def test_fit_with_fixed_limits_restyles_only_when_they_change():
    ax, live = new_axes(), FakeLive()
    view = View(ax, live)
    view.fit("x", 0, 1, fixed=(-1, 2))
    assert ax.get_xlim() == (-1, 2) and live.invalidated == [ax]
    view.fit("x", 5, 6, fixed=(-1, 2))
    assert ax.get_xlim() == (-1, 2) and live.invalidated == [ax]


def test_fit_in_a_static_picture_fits_everything_drawn():
    ax = new_axes()
    view = View(ax)
    ax.plot([0, 100], [0, 1])
    (moved,) = ax.plot([0, 1], [0, 1])
    moved.set_data([0, 300], [0, 1])  # set_data alone leaves the axes' data limits behind
    view.fit("x", 0, 1)  # whatever the data asked for, every line drawn is in view
    lo, hi = ax.get_xlim()
    assert lo <= 0 and hi >= 300


def test_restyle_and_moving_do_nothing_in_a_static_picture():
    ax = new_axes()
    view = View(ax)
    (line,) = ax.plot([0, 1], [0, 1])
    assert view.moving(line) is line and not line.get_animated()
    view.restyle()  # no live figure to tell: no error


def test_moving_returns_what_it_marks():
    ax, live = new_axes(), FakeLive()
    view = View(ax, live)
    a, b = ax.plot([0], [0])[0], ax.plot([1], [1])[0]
    assert view.moving(a, b) == (a, b)
    assert a.get_animated() and b.get_animated()


# --- nice_ceiling and node_label --------------------------------------------------------------


@pytest.mark.parametrize(
    "n, expected",
    [
        (1, 1),
        (1.1, 1.2),
        (1.2, 1.2),
        (1.3, 1.5),
        (7, 8),
        (8.5, 10),
        (10, 10),
        (11, 12),
        (21, 25),
        (0.3, 0.3),
        (0.031, 0.04),
        (950, 1000),
        (1001, 1200),
    ],
)
def test_nice_ceiling_fine(n, expected):
    assert nice_ceiling(n, FINE) == pytest.approx(expected)
    assert nice_ceiling(n) == pytest.approx(expected)  # FINE is the default


@pytest.mark.parametrize(
    "n, expected", [(1, 1), (1.01, 2), (2, 2), (3, 5), (6, 10), (11, 20), (0.07, 0.1), (450, 500)]
)
def test_nice_ceiling_coarse(n, expected):
    assert nice_ceiling(n, COARSE) == pytest.approx(expected)


@pytest.mark.parametrize("n", [0, -1, -100])
def test_nice_ceiling_of_nothing_is_one(n):
    assert nice_ceiling(n) == 1.0


def test_nice_ceiling_is_at_least_n_and_changes_only_at_steps():
    values = np.linspace(0.01, 500, 3001)
    ends = [nice_ceiling(v) for v in values]
    assert all(e >= v * (1 - 1e-12) for e, v in zip(ends, values))
    assert all(b >= a for a, b in zip(ends, ends[1:]))  # never moves back
    assert len(set(ends)) < 50  # a handful of round ends, not one per value


@pytest.mark.parametrize(
    "x, shown",
    [
        (0.5, "0.50"),
        (-0.5, "-0.50"),
        (1.234, "1.23"),
        (0.0, "0.00"),
        (-0.0, "0.00"),
        (0.004, "0.004"),
        (-0.004, "-0.004"),
        (-0.001, "-0.001"),
        (0.0004, "4e-04"),
        (-0.0004, "-4e-04"),
        (-1e-12, "-1e-12"),
        (0.005, "0.01"),
    ],
)
def test_node_label(x, shown):
    assert node_label(x) == shown


# --- KnobView ---------------------------------------------------------------------------------


def test_knob_view_draws_input_prediction_goal_and_miss(mode):
    ax = new_axes(12, 2.8)
    view = views.KnobView(ax, 8.5, 1.0, live=mode)
    view.update(0.1, 0.85)
    assert data_of(view.dot) == ([0.85], [0.0])
    assert data_of(view.miss) == ([0.85, 1.0], [-0.22, -0.22])
    assert view.arrow.xy == (0.85, 0.4) and view.arrow.xyann == (8.5, 0.4)
    assert view.times.get_text() == "× weight 0.10"
    assert view.times.get_position() == pytest.approx(((8.5 + 0.85) / 2, 0.5))
    assert view.miss_text.get_text() == "miss -0.150"
    assert view.miss_text.get_position() == pytest.approx(((0.85 + 1.0) / 2, -0.45))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "input 8.5",
        "goal 1",
        "prediction",
    ]
    lo, hi = ax.get_xlim()
    assert lo <= 0.85 and hi >= 8.5  # input, prediction and goal all in view
    assert_animated(mode, view.dot, view.miss, view.arrow, view.times, view.miss_text)


def test_knob_view_follows_a_negative_weight():
    ax = new_axes(12, 2.8)
    view = views.KnobView(ax, 8.5, 1.0)
    view.update(-1.0, -8.5)
    assert data_of(view.dot) == ([-8.5], [0.0])
    assert view.miss_text.get_text() == "miss -9.500"
    assert ax.get_xlim()[0] <= -8.5


def test_knob_view_with_a_span_keeps_its_axis_in_a_panel():
    ax, live = new_axes(12, 2.8), FakeLive()
    view = views.KnobView(ax, 8.5, 1.0, live=live, span=(-8.5, 8.5))
    view.update(0.1, 0.85)
    assert ax.get_xlim() == pytest.approx((-8.5 - 0.05 * 17, 8.5 + 0.05 * 17))
    calls = len(live.invalidated)
    for w in (-1.0, 0.5, 1.0):
        view.update(w, 8.5 * w)
    assert len(live.invalidated) == calls  # the axis never moves while the knob turns


# --- LocalPredictionsView ---------------------------------------------------------------------


def test_local_predictions_view_bars_colours_and_texts(mode):
    ax = new_axes(9, 4.2)
    view = views.LocalPredictionsView(ax, [8.5, 0.65, 1.2], ["toes", "wlrec", "nfans"], live=mode)
    view.update([0.1, -0.2, 0.0])
    heights = [bar.get_height() for bar in view.bars]
    assert heights == pytest.approx([0.85, -0.13, 0.0, 0.72])
    assert [colour(bar) for bar in view.bars] == [BLUE, RED, BLUE, GREEN]
    assert [t.get_text() for t in view.values] == ["0.850", "-0.130", "0.000", "0.720"]
    assert view.values[1].get_va() == "top" and view.values[0].get_va() == "bottom"
    assert [t.get_position()[1] for t in view.values] == pytest.approx(heights)
    assert [t.get_text() for t in view.products] == ["8.5 × 0.10", "0.65 × -0.20", "1.2 × 0.00"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["toes", "wlrec", "nfans", "prediction"]
    assert ax.get_ylim() == pytest.approx((-1.2, 1.2))
    assert_animated(mode, *view.bars, *view.values, *view.products)


def test_local_predictions_view_total_is_the_prediction_given():
    ax = new_axes(9, 4.2)
    view = views.LocalPredictionsView(ax, [1.0, 2.0], ["a", "b"])
    view.update([0.5, 0.5], prediction=2.0)
    assert view.bars[-1].get_height() == 2.0 and view.values[-1].get_text() == "2.000"


@pytest.mark.parametrize(
    "weights, limit",
    [([0.1, 0.2, 0.0], 1.2), ([0.2, 0.0, 0.0], 2.5), ([0.4, 0, 0], 5.0), ([0.9, 0, 0], 12.0)],
)
def test_local_predictions_view_scale_comes_in_steps(weights, limit):
    ax, live = new_axes(9, 4.2), FakeLive()
    view = views.LocalPredictionsView(ax, [8.5, 0.65, 1.2], ["a", "b", "c"], live=live)
    view.update(weights)
    assert ax.get_ylim() == pytest.approx((-limit, limit))


def test_local_predictions_view_beyond_the_last_step_fits_the_bars():
    ax = new_axes(9, 4.2)
    view = views.LocalPredictionsView(ax, [8.5, 0.65, 1.2], ["a", "b", "c"])
    view.update([1.0, 1.0, 1.0])  # total 10.35, 1.2 times that is above the last step 12
    lo, hi = ax.get_ylim()
    assert hi >= 10.35 and lo == -hi


# --- BowlView -------------------------------------------------------------------------------

GRID = np.linspace(-1, 4, 201)
ERRORS = (0.5 * GRID - 0.8) ** 2


def test_bowl_view_curve_point_slope_and_path(mode):
    ax = new_axes(9, 4)
    view = views.BowlView(ax, GRID, ERRORS, live=mode)
    x, y = data_of(view.curve)
    assert x == pytest.approx(GRID.tolist()) and y == pytest.approx(ERRORS.tolist())
    assert ax.get_xlim() == pytest.approx((-1, 4))
    assert ax.get_ylim() == pytest.approx((-0.05 * ERRORS.max(), 1.1 * ERRORS.max()))
    view.update(
        weight=0.5,
        error=0.3025,
        slope=-0.55,
        path=[0.0, 1.0, 1.5],
        path_errors=[0.64, 0.09, 0.0025],
    )
    assert data_of(view.point) == ([0.5], [0.3025])
    sx, sy = data_of(view.slope_line)
    assert sx == pytest.approx([0.5 - 0.6, 0.5 + 0.6])  # 12% of the 5-wide axis each side
    assert sy == pytest.approx([0.3025 + 0.55 * 0.6, 0.3025 - 0.55 * 0.6])
    assert data_of(view.path_line) == ([0.0, 1.0, 1.5], [0.64, 0.09, 0.0025])
    assert view.path_dots.get_offsets().tolist() == [[0.0, 0.64], [1.0, 0.09], [1.5, 0.0025]]
    assert list(view.path_dots.get_array()) == pytest.approx([0.0, 0.5, 1.0])  # start to end
    assert data_of(view.start) == ([0.0], [0.64])
    assert ax.get_xlabel() == "weight" and ax.get_ylabel() == "error"
    assert_animated(mode, view.point, view.slope_line, view.path_line, view.path_dots, view.start)
    assert not view.curve.get_animated()


@pytest.mark.parametrize("slope", [None, math.nan])
def test_bowl_view_without_a_slope_draws_no_slope_line(slope):
    view = views.BowlView(new_axes(), GRID, ERRORS)
    view.update(weight=0.5, error=0.3025, slope=slope)
    assert data_of(view.point) == ([0.5], [0.3025])
    assert data_of(view.slope_line) == ([], [])


def test_bowl_view_update_without_a_point_or_path_clears_them():
    view = views.BowlView(new_axes(), GRID, ERRORS)
    view.update(weight=0.5, error=0.3, slope=1.0, path=[0, 1], path_errors=[0.6, 0.1])
    view.update()
    for line in (view.point, view.slope_line, view.path_line, view.start):
        assert data_of(line) == ([], [])
    assert len(view.path_dots.get_offsets()) == 0


def test_bowl_view_moving_curve_is_animated_in_a_panel():
    view = views.BowlView(new_axes(), live=FakeLive(), moving_curve=True)
    assert view.curve.get_animated()


def test_bowl_view_error_axis_ignores_non_finite_errors_and_takes_a_fixed_range():
    errors = ERRORS.copy()
    errors[:5] = np.inf
    ax = new_axes()
    views.BowlView(ax, GRID, errors)
    top = float(errors[5:].max())
    assert ax.get_ylim() == pytest.approx((-0.05 * top, 1.1 * top))
    ax = new_axes()
    views.BowlView(ax, GRID, ERRORS, ylim=(0, 3))
    assert ax.get_ylim() == (0, 3)


def test_bowl_view_set_curve_moves_the_axes_in_a_panel():
    ax, live = new_axes(), FakeLive()
    view = views.BowlView(ax, GRID, ERRORS, live=live)
    live.invalidated.clear()
    view.set_curve(GRID, ERRORS)  # the same bowl: nothing static changes
    assert live.invalidated == []
    view.set_curve(GRID + 10, ERRORS * 2)
    assert ax.get_xlim() == pytest.approx((9, 14)) and live.invalidated


# --- CurveView --------------------------------------------------------------------------------


def test_curve_view_log_leaves_out_zeros_and_counts_steps(mode):
    ax = new_axes(9, 4)
    view = views.CurveView(ax, live=mode)
    view.update([1.0, 0.1, 0.0, 0.001])
    assert data_of(view.line) == ([0, 1, 3], [1.0, 0.1, 0.001])
    assert ax.get_yscale() == "log"
    assert ax.get_xlim() == pytest.approx((-0.06, 3.06))
    assert ax.get_ylabel() == "error (log scale)" and ax.get_title() == "error at each step"
    assert view.line.get_marker() == "."
    assert_animated(mode, view.line)


def test_curve_view_x_axis_spans_the_steps_asked_for():
    ax = new_axes()
    view = views.CurveView(ax)
    view.update([1.0, 0.5], steps=20)
    assert ax.get_xlim() == pytest.approx((-0.4, 20.4))
    view.update(np.ones(7), steps=None)
    assert ax.get_xlim() == pytest.approx((-0.12, 6.12))


def test_curve_view_drops_markers_for_long_curves():
    view = views.CurveView(new_axes())
    view.update(np.linspace(1, 2, 151))
    assert view.line.get_marker() in ("", "None")
    view.update(np.linspace(1, 2, 150))
    assert view.line.get_marker() == "."


def test_curve_view_linear_with_goal_from_zero_to_a_round_top(mode):
    ax = new_axes()
    view = views.CurveView(ax, live=mode, log=False, goal=0.8, ylabel="prediction", markers=False)
    view.update([0.1, 0.5, 0.8])
    assert data_of(view.line) == ([0, 1, 2], [0.1, 0.5, 0.8])
    assert ax.get_ylim() == pytest.approx((-0.04, 1.04))
    assert " goal 0.8" in texts(ax)
    goal_lines = [line for line in ax.lines if line is not view.line]
    assert goal_lines and list(goal_lines[0].get_ydata()) == [0.8, 0.8]
    assert to_rgba(goal_lines[0].get_color()) == to_rgba(GOAL)
    assert ax.get_ylabel() == "prediction" and ax.get_yscale() == "linear"


def test_curve_view_linear_below_zero_and_above_one():
    ax, live = new_axes(), FakeLive()
    view = views.CurveView(ax, live=live, log=False)
    view.update([-3.0, 0.5, 4.0])
    assert ax.get_ylim() == pytest.approx((-5 - 0.04 * 10, 5 + 0.04 * 10))


def test_curve_view_drops_non_finite_values_from_the_line():
    view = views.CurveView(new_axes(), log=False)
    view.update([1.0, math.nan, 2.0, math.inf])
    assert data_of(view.line) == ([0, 2], [1.0, 2.0])


def test_curve_view_with_fixed_limits_keeps_them():
    ax = new_axes()
    view = views.CurveView(ax, ylim=(1e-32, 1e6))
    view.update([1e3, 1e-40, 1e10])
    assert ax.get_ylim() == pytest.approx((1e-32, 1e6))


def test_curve_view_log_axis_in_a_panel_changes_only_by_decades():
    ax, live = new_axes(), FakeLive()
    view = views.CurveView(ax, live=live)
    view.update([1.0, 1e-3])
    assert ax.get_ylim() == pytest.approx((1e-4, 10))
    live.invalidated.clear()
    view.update([1.0, 1e-2])
    assert live.invalidated == []
    view.update([1.0, 1e-12])
    assert ax.get_ylim() == pytest.approx((1e-13, 10)) and live.invalidated


# --- ImageView --------------------------------------------------------------------------------

PIXELS = np.linspace(-0.3, 0.6, 784)


def test_image_view_weights_blue_positive_red_negative(mode):
    ax = new_axes(3.5, 3.5)
    view = views.ImageView(ax, weights=True, live=mode)
    view.update(PIXELS, "node 3")
    assert np.array_equal(np.asarray(view.image.get_array()).ravel(), PIXELS)
    assert view.image.get_clim() == pytest.approx((-0.6, 0.6))  # symmetric: white is 0
    assert view.image.get_cmap().name == "RdBu"
    assert ax.get_title() == "node 3"
    assert ax.get_ylim() == (28, 0)  # row 0 at the top, as an image
    assert_animated(mode, view.image, ax.title)


def test_image_view_row_and_column_of_a_pixel():
    ax = new_axes(3.5, 3.5)
    view = views.ImageView(ax, weights=False)
    values = np.zeros(784)
    values[5 * 28 + 3] = 1.0  # row 5, column 3
    view.update(values)
    fig = ax.figure
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    x, y = ax.transData.transform((3.5, 5.5))  # the centre of that cell
    height = rgba.shape[0]
    assert rgba[int(height - y), int(x), 0] < 60  # dark: the one bright pixel of the digit
    x, y = ax.transData.transform((5.5, 3.5))  # the transposed cell stays white
    assert rgba[int(height - y), int(x), 0] > 200


def test_image_view_with_a_limit_keeps_one_colour_scale():
    view = views.ImageView(new_axes(3.5, 3.5), weights=True, limit=0.25)
    view.update(PIXELS)
    assert view.image.get_clim() == (-0.25, 0.25)


def test_image_view_of_zeros_has_a_usable_scale():
    view = views.ImageView(new_axes(3.5, 3.5), weights=True)
    view.update(np.zeros(784))
    assert view.image.get_clim() == (-1.0, 1.0)


def test_image_view_digit_in_greys_from_0_to_1():
    view = views.ImageView(new_axes(3.5, 3.5), weights=False)
    view.update(np.full(784, 0.5), "a 7")
    assert view.image.get_clim() == (0.0, 1.0)
    assert view.image.get_cmap().name == "gray_r"


def test_image_view_colorbar():
    ax = new_axes(3.5, 3.5)
    views.ImageView(ax, weights=True, limit=0.5, colorbar=True)
    assert len(ax.figure.axes) == 2


# --- ScoresView -------------------------------------------------------------------------------


def test_scores_view_bars_winner_and_truth(mode):
    ax = new_axes(6, 4)
    view = views.ScoresView(ax, live=mode)
    scores = [0.1, 0.9, -0.2, 0.4, 0, 0, 0, 0, 0, 0.3]
    view.update(scores, truth=3)
    assert [b.get_height() for b in view.bars] == pytest.approx(scores)
    assert colour(view.bars[1]) == GREEN
    assert all(colour(b) == to_rgba("lightgrey") for i, b in enumerate(view.bars) if i != 1)
    assert data_of(view.truth)[0] == [3]
    lo, hi = ax.get_ylim()
    assert lo <= -0.2 and hi >= 0.9
    assert_animated(mode, *view.bars, view.truth)
    view.update(scores, truth=None)
    assert data_of(view.truth) == ([], [])


# --- MatrixView -------------------------------------------------------------------------------


def test_matrix_view_numbers_and_colours(mode):
    ax = new_axes(5, 3)
    view = views.MatrixView(ax, (2, 2), ["r0", "r1"], ["c0", "c1"], live=mode, title="m")
    values = np.array([[0.5, -1.0], [0.0, -0.0]])
    view.update(values)
    assert [[t.get_text() for t in row] for row in view.texts] == [
        ["0.50", "-1.00"],
        ["0.00", "0.00"],  # never "-0.00"
    ]
    assert to_rgba(view.texts[0][1].get_color()) == to_rgba("white")  # strong: white on dark
    assert to_rgba(view.texts[0][0].get_color()) == to_rgba("black")
    assert np.array_equal(view.image.get_array(), values)
    assert view.image.get_clim() == (-1.0, 1.0)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["r0", "r1"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["c0", "c1"]
    assert ax.get_title() == "m"
    assert_animated(mode, view.image, *view.texts[0], *view.texts[1])


def test_matrix_view_not_symmetric_spans_min_to_max():
    view = views.MatrixView(new_axes(), (1, 3), fmt="{:.0f}", cmap="Blues", symmetric=False)
    view.update(np.array([[2.0, 5.0, 11.0]]))
    assert view.image.get_clim() == (2.0, 11.0)
    assert [t.get_text() for t in view.texts[0]] == ["2", "5", "11"]
    assert [to_rgba(t.get_color()) for t in view.texts[0]] == [
        to_rgba("black"),
        to_rgba("black"),
        to_rgba("white"),
    ]


# --- NetworkView ------------------------------------------------------------------------------


def test_network_view_one_line_per_weight_coloured_by_sign(mode):
    ax = new_axes(8, 5)
    view = views.NetworkView(ax, [3, 4, 1], ["in", "hidden", "out"], live=mode)
    w01 = np.array([[1.0, -0.5, 0.0, 0.25]] * 3)
    w12 = np.array([[-2.0], [1.0], [0.5], [0.0]])
    view.update([w01, w12])
    assert [len(c.get_segments()) for c in view.edges] == [12, 4]
    first = view.edges[0]
    assert [tuple(c) for c in first.get_colors()[:4]] == [BLUE, RED, BLUE, BLUE]
    widths = first.get_linewidths()[:4]
    assert list(widths) == pytest.approx([0.4 + 5 * 0.5, 0.4 + 5 * 0.25, 0.4, 0.4 + 5 * 0.125])
    assert view.edges[1].get_linewidths()[0] == pytest.approx(0.4 + 5.0)  # the largest weight
    # each segment joins its two nodes: weight [i, j] from node i of layer 0 to node j of layer 1
    segment = view.edges[0].get_segments()[1]  # weights_0_1[0, 1]
    assert np.allclose(segment, [[0, 1.0], [1, 1 - 1 / 3]])
    names = [t for t in texts(ax) if "\n" in t]
    assert names == ["in\n(3)", "hidden\n(4)", "out\n(1)"]
    assert_animated(mode, *view.edges, *view.nodes)


def test_network_view_node_values_colour_and_label():
    ax = new_axes(8, 5)
    view = views.NetworkView(ax, [3, 4, 1])
    view.update([np.ones((3, 4)), np.ones((4, 1))], [[1, 0, 1], None, [0.0004]])
    assert all(view.labels), "small layers get a number in each node"
    assert [t.get_text() for t in view.labels[0]] == ["1.00", "0.00", "1.00"]
    assert [t.get_text() for t in view.labels[1]] == ["", "", "", ""]
    assert [t.get_text() for t in view.labels[2]] == ["4e-04"]
    faces = view.nodes[0].get_facecolors()
    assert tuple(faces[0]) != tuple(faces[1])  # 1 and 0 get different colours
    assert np.allclose(view.nodes[1].get_facecolors(), to_rgba("white"))  # no values: white


def test_network_view_thousands_of_weights_are_thin_and_faint():
    rng = np.random.default_rng(0)
    view = views.NetworkView(new_axes(8, 5), [784, 40, 10])
    w01, w12 = rng.normal(size=(784, 40)), rng.normal(size=(40, 10))
    view.update([w01, w12])
    assert view.many
    assert len(view.edges[0].get_segments()) == 784 * 40
    assert max(view.edges[0].get_linewidths()) <= 0.75
    alphas = view.edges[0].get_colors()[:, 3]
    assert alphas.min() >= 0.08 and alphas.max() <= 0.58
    assert view.labels[0] == []  # 784 nodes are too small for numbers


# --- AccuracyView -----------------------------------------------------------------------------


def history(n=20, every=10):
    h = [{"iteration": j, "train_accuracy": 0.5 + j / 40} for j in range(n)]
    for j, entry in enumerate(h):
        if j % every == 0:
            entry["test_accuracy"] = 0.6 + j / 100
    return h


def test_accuracy_view_curves_gap_and_best(mode):
    ax = new_axes(10, 4.4)
    view = views.AccuracyView(ax, live=mode)
    view.update(history())
    assert data_of(view.train)[0] == list(range(20))
    assert data_of(view.test) == ([0, 10], [0.6, 0.7])
    vertices = view.gap.get_paths()[0].vertices
    assert [0, 0.6] in vertices.tolist() and [10, 0.75] in vertices.tolist()  # test up to train
    assert view.best.get_text() == "best test 0.7000\n(iteration 10)"
    assert view.best.xy == (10, 0.7)
    assert ax.get_ylim() == (0, 1.02)
    assert ax.get_xlim() == (0, 19)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["train", "test", "gap"]
    assert_animated(mode, view.train, view.test, view.gap, view.best)


def test_accuracy_view_x_axis_spans_the_iterations_planned():
    ax = new_axes(10, 4.4)
    view = views.AccuracyView(ax, live=FakeLive())
    view.update(history(5), iterations=100)
    assert ax.get_xlim() == (0, 99)


def test_accuracy_view_without_test_accuracies_or_history():
    ax = new_axes(10, 4.4)
    view = views.AccuracyView(ax, test_name="validation")
    view.update([{"iteration": 0, "train_accuracy": 0.3}])
    assert view.best.get_text() == "" and data_of(view.test) == ([], [])
    view.update([])
    assert data_of(view.train) == ([], [])
    assert [t.get_text() for t in ax.get_legend().get_texts()][1] == "validation"


def test_accuracy_view_marks_the_last_test_point_or_none():
    h = [
        {"iteration": j, "train_accuracy": 0.9, "test_accuracy": t}
        for j, t in enumerate([0.5, 0.8, 0.7])
    ]
    view = views.AccuracyView(new_axes(10, 4.4), mark="last", train_name="train (dropout on)")
    view.update(h)
    assert view.best.get_text() == "test 0.7000\n(iteration 2)" and view.best.xy == (2, 0.7)
    assert view.train.get_label() == "train (dropout on)"
    view = views.AccuracyView(new_axes(10, 4.4), mark=None)
    view.update(h)
    assert view.best.get_text() == ""
    with pytest.raises(ValueError, match="mark must be"):
        views.AccuracyView(new_axes(10, 4.4), mark="worst")


# --- ProbabilitiesView ------------------------------------------------------------------------


def test_probabilities_view_bars_colours_and_values(mode):
    ax = new_axes(6, 4)
    view = views.ProbabilitiesView(ax, 3, live=mode, title="softmax", names=["a", "b", "c"])
    view.update([0.2, -0.3, 1.1], target=2)
    assert [b.get_height() for b in view.bars] == pytest.approx([0.2, -0.3, 1.1])
    assert [colour(b) for b in view.bars] == [BLUE, RED, GREEN]
    assert [t.get_text() for t in view.values] == ["0.200", "-0.300", "1.100"]
    assert [t.get_position() for t in view.values] == [(0, 0.2), (1, 0.0), (2, 1.1)]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    lo, hi = ax.get_ylim()
    assert lo <= -0.3 and hi >= 1.1
    assert_animated(mode, *view.bars, *view.values, ax.title)
    view.update([0.5, 0.5, 0.0], target=None, title="new")
    assert ax.get_title() == "new"
    assert [colour(b) for b in view.bars] == [BLUE, BLUE, BLUE]


# --- NeuronView -------------------------------------------------------------------------------


def test_neuron_view_curve_goals_outputs_and_misses(mode):
    ax = new_axes(8, 4)
    view = views.NeuronView(ax, 2, live=mode, title="neuron")
    x = np.linspace(-0.5, 1.5, 9)
    view.update(x, np.tanh(x), [(0.0, 1.0, -0.1), (1.0, 0.0, 0.83)])
    assert data_of(view.curve)[1] == pytest.approx(np.tanh(x).tolist())
    assert data_of(view.goals) == ([0.0, 1.0], [1.0, 0.0])
    assert data_of(view.outs) == ([0.0, 1.0], [-0.1, 0.83])
    assert [data_of(m) for m in view.misses] == [
        ([0.0, 0.0], [1.0, -0.1]),
        ([1.0, 1.0], [0.0, 0.83]),
    ]
    assert ax.get_xlim() == (-0.5, 1.5) and ax.get_ylim() == (-1.1, 1.1)
    assert ax.get_title() == "neuron"
    assert_animated(mode, view.curve, view.outs, *view.misses)
