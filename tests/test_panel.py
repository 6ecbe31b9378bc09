"""nnutils.panel: the PNG encoder, the blitting live figure, and panels wired to controls."""

from __future__ import annotations

import io
import threading

import numpy as np
import pytest
from PIL import Image

from nnutils.controls import int_slider, slider
from nnutils.panel import SCALE, LiveFigure, Panel, encode_png


def decode(png: bytes) -> np.ndarray:
    """PNG bytes as an RGBA array, decoded by PIL (an independent decoder)."""
    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.format == "PNG"
    return np.asarray(image.convert("RGBA"))


def assert_same_pixels(got: np.ndarray, expected: np.ndarray) -> None:
    assert got.shape == expected.shape
    differ = np.any(got != expected, axis=-1)
    assert not differ.any(), f"{int(differ.sum())} of {differ.size} pixels differ"


# --- encode_png --------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (37, 64), (400, 600)])
def test_encode_png_decodes_to_exactly_the_input_pixels(shape):
    rng = np.random.default_rng(sum(shape))
    rgba = rng.integers(0, 256, (*shape, 4), dtype=np.uint8)
    png = encode_png(rgba)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    decoded = decode(png)
    assert decoded.shape == rgba.shape
    assert np.array_equal(decoded, rgba)


def test_encode_png_keeps_transparency_and_flat_areas():
    rgba = np.zeros((20, 30, 4), np.uint8)
    rgba[:10] = (255, 255, 255, 255)
    rgba[10:, :15] = (31, 119, 180, 128)
    assert np.array_equal(decode(encode_png(rgba)), rgba)


def test_encode_png_takes_a_non_contiguous_view():
    rgba = np.random.default_rng(0).integers(0, 256, (20, 40, 4), dtype=np.uint8)
    view = rgba[::2, ::3]
    assert np.array_equal(decode(encode_png(view)), view)


@pytest.mark.parametrize("shape", [(10, 10), (10, 10, 3), (10, 10, 5), (10,), (2, 10, 10, 4)])
def test_encode_png_rejects_wrong_shapes(shape):
    with pytest.raises(ValueError, match="RGBA"):
        encode_png(np.zeros(shape, np.uint8))


# --- LiveFigure --------------------------------------------------------------------------------


def scene(ylim=(0.0, 1.0), title="t", data=((0.0, 1.0), (1.0, 0.0)), n_axes=2):
    """A live figure with static axes and one animated line on the first axes."""
    live = LiveFigure(height=200, width=400)
    axes = live.fig.subplots(1, n_axes)
    for ax in axes:
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_title("other")
    axes[0].set_ylim(*ylim)
    axes[0].set_title(title)
    (line,) = axes[0].plot(*data, animated=True)
    return live, axes, line


def test_the_rendered_png_is_twice_the_css_size():
    live, _, _ = scene()
    assert decode(live.render()).shape == (200 * SCALE, 400 * SCALE, 4)
    assert SCALE == 2
    assert live.image.layout.width == "400px"


def test_blitting_gives_the_pixels_of_a_full_redraw():
    live, _, line = scene()
    live.render()
    line.set_data([0.0, 0.5, 1.0], [0.2, 0.9, 0.1])
    blitted = decode(live.render())
    assert live.full_draws == 1  # the second picture was blitted
    fresh, _, _ = scene(data=([0.0, 0.5, 1.0], [0.2, 0.9, 0.1]))
    assert_same_pixels(blitted, decode(fresh.render()))


def test_an_animated_change_shows_in_the_picture():
    live, _, line = scene()
    before = decode(live.render())
    line.set_data([0.0, 1.0], [0.5, 0.5])
    assert not np.array_equal(before, decode(live.render()))


def test_an_invisible_animated_artist_is_not_drawn():
    live, _, line = scene()
    line.set_visible(False)
    hidden = decode(live.render())
    fresh, _, fresh_line = scene()
    fresh_line.remove()
    assert_same_pixels(hidden, decode(fresh.render()))


@pytest.mark.parametrize(
    "ylim, relayout",
    [
        ((0.0, 2.0), False),  # tick labels as wide as before
        ((0.0, 10.0), False),  # narrower labels: they fit, the axes keep their place
        ((-5.0, 5.0), False),  # wider, but still clear of the figure's edge
        ((0.0, 100000.0), True),  # far wider: they would leave the figure, so lay out again
    ],
)
def test_a_per_axes_refresh_gives_the_pixels_of_a_full_redraw(ylim, relayout):
    live, axes, line = scene()
    live.render()
    where = [ax.get_position().bounds for ax in axes]
    axes[0].set_ylim(*ylim)
    line.set_data([0.0, 1.0], [ylim[0], ylim[1]])
    live.invalidate(axes[0])
    refreshed = decode(live.render())
    if relayout:
        assert (live.full_draws, live.axes_draws, live.layouts) == (2, 0, 2)
        # the same pixels as a new figure laid out for these limits
        fresh, _, _ = scene(ylim=ylim, data=([0.0, 1.0], [ylim[0], ylim[1]]))
        assert_same_pixels(refreshed, decode(fresh.render()))
        return
    assert (live.full_draws, live.axes_draws, live.layouts) == (1, 1, 1)
    assert [ax.get_position().bounds for ax in axes] == where  # nothing moved
    # no trace of the old tick labels: the same pixels as drawing everything again
    live.invalidate()
    assert_same_pixels(refreshed, decode(live.render()))
    assert (live.full_draws, live.layouts) == (2, 1)


def test_a_full_redraw_keeps_the_layout_while_everything_fits():
    live, axes, _ = scene()
    live.render()
    where = [ax.get_position().bounds for ax in axes]
    axes[1].set_title("x")  # a shorter title: the layout would give the axes more room
    live.invalidate()
    live.render()
    assert (live.full_draws, live.layouts) == (2, 1)
    assert [ax.get_position().bounds for ax in axes] == where


def test_a_label_reaching_into_the_next_plot_lays_the_figure_out_again():
    live, axes, _ = scene()
    live.render()
    before = axes[1].get_position().x0
    axes[1].set_ylabel("a long label for the right-hand plot", fontsize=30)
    live.invalidate(axes[1])
    live.render()
    assert live.layouts == 2 and live.axes_draws == 0
    assert axes[1].get_position().x0 != before  # the layout made room for it
    renderer = live.fig.canvas.get_renderer()
    left, right = (ax.get_tightbbox(renderer) for ax in axes)
    assert left.x1 <= right.x0 + 0.5  # and the two plots no longer overlap


def test_a_per_axes_refresh_of_a_new_title_gives_the_pixels_of_a_full_redraw():
    live, axes, _ = scene()
    live.render()
    axes[0].set_title("a longer title")
    live.invalidate(axes[0])
    refreshed = decode(live.render())
    fresh, _, _ = scene(title="a longer title")
    assert_same_pixels(refreshed, decode(fresh.render()))


def test_a_full_invalidate_gives_the_pixels_of_a_full_redraw():
    live, axes, line = scene()
    live.render()
    axes[0].set_ylim(0, 1000)
    axes[1].set_title("changed")
    line.set_data([0, 1], [0, 1000])
    live.invalidate()
    redrawn = decode(live.render())
    assert live.full_draws == 2
    fresh, fresh_axes, _ = scene(ylim=(0, 1000), data=([0, 1], [0, 1000]))
    fresh_axes[1].set_title("changed")
    assert_same_pixels(redrawn, decode(fresh.render()))


def test_draw_counts():
    live, axes, line = scene()
    assert (live.full_draws, live.axes_draws) == (0, 0)
    live.render()
    assert (live.full_draws, live.axes_draws) == (1, 0)
    for y in (0.1, 0.2, 0.3):  # only animated changes: blitting, no drawing of axes
        line.set_ydata([y, y])
        live.render()
    assert (live.full_draws, live.axes_draws) == (1, 0)
    live.invalidate(axes[1])
    live.invalidate(axes[1])  # twice before a render: one refresh
    live.render()
    assert (live.full_draws, live.axes_draws) == (1, 1)
    live.render()
    assert (live.full_draws, live.axes_draws) == (1, 1)
    live.invalidate(axes[0])
    live.invalidate(axes[1])
    live.render()
    assert (live.full_draws, live.axes_draws) == (1, 3)
    live.invalidate()
    live.render()
    assert (live.full_draws, live.axes_draws) == (2, 3)


def test_invalidating_an_axes_before_the_first_render_draws_everything():
    live, axes, _ = scene()
    live.invalidate(axes[0])
    live.render()
    assert (live.full_draws, live.axes_draws) == (1, 0)


def test_an_artist_animated_after_the_first_render_is_blitted_after_invalidate():
    live, axes, _ = scene()
    live.render()
    (extra,) = axes[1].plot([0, 1], [0, 1], animated=True)
    live.invalidate(axes[1])
    with_extra = decode(live.render())
    fresh, fresh_axes, _ = scene()
    fresh_axes[1].plot([0, 1], [0, 1], animated=True)
    assert_same_pixels(with_extra, decode(fresh.render()))


def test_show_puts_the_picture_into_the_image_widget():
    live, _, _ = scene()
    png = live.show()
    assert live.image.value == png and live.image.format == "png"


# --- Panel -------------------------------------------------------------------------------------


def line_panel(draw=None, live=True, value=0.5):
    """A panel with one slider `x` and one int slider `n`, drawing an animated line."""
    figure = LiveFigure(height=150, width=300)
    ax = figure.fig.subplots()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    (line,) = ax.plot([], [], animated=True)

    def default(x, n):
        line.set_data([0, 1], [x, x])
        return f"x is {x:.2f}, n is {n}"

    controls = [slider("x", "x", value, 0.0, 1.0, 0.01), int_slider("n", "n", 1, 0, 10)]
    return Panel(controls, figure, draw or default, title="a test", live=live)


def test_a_panel_draws_at_once_and_shows_the_message():
    panel = line_panel()
    assert panel.last_message == "x is 0.50, n is 1"
    assert "x is 0.50, n is 1" in panel.message.value
    assert panel.last_error is None
    assert decode(panel.png).shape == (300, 600, 4)


def test_a_panel_built_not_live_draws_nothing_until_asked():
    calls = []
    panel = line_panel(draw=lambda x, n: calls.append(x), live=False)
    assert calls == [] and panel.last_message == ""
    panel.controls["x"].set(0.7)  # not live: a move doesn't redraw
    assert calls == []
    panel.redraw()
    assert calls == [0.7]


def test_update_sets_the_controls_and_returns_the_message():
    panel = line_panel()
    assert panel.update(x=0.25, n=3) == "x is 0.25, n is 3"
    assert panel.values() == {"x": 0.25, "n": 3}
    assert panel.controls["x"].readout.value == "0.25"
    assert panel.last_message == "x is 0.25, n is 3"


def test_update_takes_values_as_typed_text():
    panel = line_panel()
    assert panel.update(x="2", n="1e309") == "x is 1.00, n is 10"


def test_update_of_an_unknown_control_raises_key_error_and_changes_nothing():
    panel = line_panel()
    with pytest.raises(KeyError, match="no control named 'y'"):
        panel.update(x=0.9, y=1)
    assert panel.values()["x"] == 0.5


def test_update_redraws_once_in_the_callers_thread():
    seen = []

    def draw(x, n):
        seen.append((x, n, threading.current_thread() is threading.main_thread()))
        return "ok"

    panel = line_panel(draw=draw)
    seen.clear()
    panel.update(x=0.1, n=2)
    panel.wait()
    assert seen == [(0.1, 2, True)]


def test_an_exception_in_draw_is_a_red_message_and_a_blank_picture():
    def draw(x, n):
        if x > 0.5:
            raise RuntimeError("boom")
        return "fine"

    panel = line_panel(draw=draw)
    message = panel.update(x=0.8)
    assert message == "Error: RuntimeError: boom"
    assert panel.last_error == "RuntimeError: boom"
    assert "boom" in panel.message.value and "color:#b00020" in panel.message.value
    blank = decode(panel.png)
    assert blank.shape == (300, 600, 4) and np.all(blank == 255)
    assert panel.update(x=0.1) == "fine" and panel.last_error is None
    assert "#b00020" not in panel.message.value
    assert not np.all(decode(panel.png) == 255)  # the axes are back


@pytest.mark.parametrize(
    "error", [ValueError("bad shape"), ZeroDivisionError("division by zero"), KeyError("w")]
)
def test_any_exception_of_the_notebooks_code_becomes_a_message(error):
    def draw(x, n):
        raise error

    panel = line_panel(draw=draw)
    assert panel.last_message == f"Error: {type(error).__name__}: {error}"


def test_a_failing_first_draw_still_builds_the_panel():
    panel = line_panel(draw=lambda x, n: 1 / 0)
    assert panel.last_message.startswith("Error: ZeroDivisionError")


def test_numpy_warnings_in_draw_stay_in_the_panel(recwarn):
    def draw(x, n):
        np.exp(np.array([1000.0])) / np.zeros(1)
        return "ok"

    panel = line_panel(draw=draw)
    assert panel.update(x=0.3) == "ok"
    assert len(recwarn) == 0


def test_the_message_is_escaped():
    panel = line_panel(draw=lambda x, n: "<b>x</b> & y")
    assert panel.last_message == "<b>x</b> & y"
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in panel.message.value


def test_a_draw_returning_none_shows_no_message():
    panel = line_panel(draw=lambda x, n: None)
    assert panel.last_message == ""


def test_moving_a_control_redraws_in_the_background():
    seen = []

    def draw(x, n):
        seen.append((x, threading.current_thread() is threading.main_thread()))
        return f"x is {x}"

    panel = line_panel(draw=draw)
    panel.controls["x"].set(0.75)
    assert panel.wait() == "x is 0.75"
    assert seen[-1] == (0.75, False)  # drawn by the background renderer


def test_typing_into_a_readout_redraws():
    panel = line_panel()
    panel.controls["n"].readout.value = "7"
    assert panel.wait() == "x is 0.50, n is 7"


def test_many_quick_moves_coalesce_and_the_last_value_wins():
    seen: list[float] = []
    drawing, release = threading.Event(), threading.Event()
    hold = {"on": False}

    def draw(x, n):
        seen.append(x)
        if hold["on"]:
            drawing.set()
            assert release.wait(10), "the test never released the renderer"
        return f"x is {x:.2f}"

    panel = line_panel(draw=draw)
    hold["on"] = True
    control = panel.controls["x"]
    values = [round(0.02 + 0.01 * k, 2) for k in range(30)]
    try:
        control.set(0.01)
        assert drawing.wait(10)  # the renderer is busy with 0.01
        hold["on"] = False
        for v in values:  # thirty moves while it draws
            control.set(v)
    finally:
        release.set()  # never leave the shared renderer waiting
    assert panel.wait() == f"x is {values[-1]:.2f}"
    assert seen[0] == 0.5 and seen[1] == 0.01
    assert seen[-1] == values[-1]
    assert len(seen) <= 4  # the thirty moves became one or two more pictures, not thirty


def test_a_drawing_slower_than_the_moves_shows_the_final_state():
    """Without holding the renderer: many moves, then the picture of the last one."""
    seen = []

    def draw(x, n):
        seen.append((x, n))
        return f"{x:.2f} {n}"

    panel = line_panel(draw=draw)
    for n in range(11):
        panel.controls["n"].set(n)
    panel.controls["x"].set(0.33)
    assert panel.wait() == "0.33 10"
    assert seen[-1] == (0.33, 10)


def test_png_changes_when_the_state_changes():
    panel = line_panel()
    first = panel.png
    assert panel.update(x=0.9).startswith("x is 0.90")
    second = panel.png
    assert second != first
    assert not np.array_equal(decode(first), decode(second))
    panel.update(x=0.5)
    assert np.array_equal(decode(panel.png), decode(first))  # same state, same picture


def test_update_seconds_records_every_redraw():
    panel = line_panel()
    panel.update(x=0.1)
    panel.update(x=0.2)
    assert len(panel.update_seconds) == 3
    assert all(s >= 0 for s in panel.update_seconds)


def test_the_panel_widget_holds_title_controls_picture_and_message():
    panel = line_panel()
    children = panel.widget.children
    assert "a test" in children[0].value
    assert panel.figure.image in children and panel.message in children
    assert panel._repr_mimebundle_()  # displayable in a notebook
