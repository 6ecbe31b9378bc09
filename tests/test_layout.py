"""Legibility of every picture: no text cut off, covering another plot, or too small to read.

Every live panel (built as its notebook builds it, tests/notebook_functions.py)
and every static plot (with chapter-like arguments) is rendered, then each
visible text (titles, axis labels, tick labels, legend texts, annotations and
other texts) is measured:

- it lies inside the figure;
- it doesn't overlap another axes' plotting area (its own axes, the colour bar
  of its own image and axes at the same position excepted);
- tick and axis labels are at least `style.TEXT` points, legends, annotations
  and other texts at least 10 points. A figure is 72 CSS pixels per inch, so a
  point is a CSS pixel: 14 points is the notebook's body text.

A panel is checked twice: as shown (the picture its live figure rendered,
where a change of axis limits may only have redrawn those axes) and after a
full redraw. Its picture is twice its CSS size (HiDPI).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from nnutils import plots, style, widgets
from tests import notebook_functions as nf

SMALLEST = 10  # points: legends, annotations, other texts
PIXEL = 1.0  # overlaps and overhangs below a pixel are anti-aliasing, not a problem


@dataclass
class Shown:
    kind: str  # "tick label", "axis label", "title", "legend", "text"
    artist: Text
    owner: Axes | None  # the axes it belongs to (None: the figure)
    box: Bbox  # where it is drawn, in pixels


def _visible(t: Text) -> bool:
    return t.get_visible() and bool(t.get_text().strip())


def _axes_texts(ax: Axes) -> list[tuple[str, Text]]:
    found: list[tuple[str, Text]] = []
    for title in (ax.title, ax._left_title, ax._right_title):
        found.append(("title", title))
    found += [("text", t) for t in ax.texts]
    legend = ax.get_legend()
    if legend is not None and legend.get_visible():
        found += [("legend", t) for t in legend.get_texts()]
        found.append(("legend", legend.get_title()))
    if ax.axison:
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.get_visible():
                continue
            found.append(("axis label", axis.label))
            found.append(("tick label", axis.offsetText))
            for tick in axis._update_ticks():  # the ticks Axis.draw draws
                found += [("tick label", tick.label1), ("tick label", tick.label2)]
    return found


def shown_texts(fig) -> list[Shown]:
    """Every visible text of the figure, with where it is drawn."""
    renderer = fig.canvas.get_renderer()
    items: list[tuple[str, Text, Axes | None]] = []
    for ax in fig.axes:
        if ax.get_visible():
            items += [(kind, t, ax) for kind, t in _axes_texts(ax)]
    items += [("text", t, None) for t in fig.texts]
    for legend in fig.legends:
        items += [("legend", t, None) for t in legend.get_texts()]
    shown = []
    for kind, t, owner in items:
        if not _visible(t):
            continue
        box = t.get_window_extent(renderer)
        clip = t.get_clip_box() if t.get_clip_on() else None
        if clip is not None:
            box = Bbox.intersection(box, clip)
            if box is None:
                continue
        shown.append(Shown(kind, t, owner, box))
    return shown


def _draws_something(ax: Axes) -> bool:
    return ax.axison or bool(ax.lines or ax.patches or ax.collections or ax.images or ax.texts)


def _related(a: Axes | None, b: Axes) -> bool:
    """b is a's own colour bar (or the other way round), or sits at the same place (a twin)."""
    if a is None:
        return False
    for bar_ax, other in ((b, a), (a, b)):
        bar = getattr(bar_ax, "_colorbar", None)
        if bar is not None and getattr(bar.mappable, "axes", None) is other:
            return True
    return np.allclose(a.get_position().bounds, b.get_position().bounds)


def _overlap(one: Bbox, other: Bbox) -> float:
    width = min(one.x1, other.x1) - max(one.x0, other.x0)
    height = min(one.y1, other.y1) - max(one.y0, other.y0)
    return min(width, height)


def problems(fig, min_tick: float = style.TEXT, min_other: float = SMALLEST) -> list[str]:
    """Everything illegible in `fig` as drawn: [] when every text can be read."""
    found = []
    frame = fig.bbox
    for s in shown_texts(fig):
        where = f"{s.kind} {s.artist.get_text()!r}"
        if s.owner is not None and s.owner.get_title():
            where += f" (axes {s.owner.get_title()!r})"
        out = max(
            frame.x0 - s.box.x0, frame.y0 - s.box.y0, s.box.x1 - frame.x1, s.box.y1 - frame.y1
        )
        if out > PIXEL:
            found.append(f"{where} sticks out of the figure by {out:.0f} px")
        for ax in fig.axes:
            if (
                ax is s.owner
                or not ax.get_visible()
                or not _draws_something(ax)
                or _related(s.owner, ax)
            ):
                continue
            if _overlap(s.box, ax.bbox) > PIXEL:
                found.append(f"{where} overlaps the axes {ax.get_title() or ax.get_label()!r}")
        size = s.artist.get_fontsize()
        smallest = min_tick if s.kind in ("tick label", "axis label") else min_other
        if size < smallest:
            found.append(f"{where} is {size:g} pt, below {smallest:g}")
    return found


def assert_legible(fig) -> None:
    found = problems(fig)
    if found:
        pytest.fail(f"{len(found)} illegible:\n" + "\n".join(found), pytrace=False)


# --- live panels ------------------------------------------------------------------------------

#: the states each panel is checked in, after its first picture: typical and extreme settings
STATES = {
    "knob_explorer": [dict(weight=-1.0), dict(weight=1.0)],
    "weighted_sum_explorer": [dict(w0=1.0, w1=1.0, w2=1.0), dict(w0=-1.0, w1=-1.0, w2=-1.0)],
    "hot_cold_explorer": [
        dict(step_amount=10, iterations=2000),
        dict(step_amount=0.2, iterations=6),
    ],
    "bowl_explorer": [dict(weight=4.0), dict(weight=-1.0)],
    "descent_explorer": [
        dict(alpha=1.0, input=2, weight=0.5, steps=20),
        dict(alpha=2.0, input=3.0, weight=3.0, steps=100),
        dict(alpha=0.0, input=-3.0, weight=-3.0, steps=0),
    ],
    "three_bowls_explorer": [
        dict(iteration=10, freeze_a=True, alpha=0.3),
        dict(iteration=10, alpha=0.1),
    ],
    "digit_picker": [dict(digit=8, example=19)],
    "streetlight_trainer": [
        dict(dataset=nf.SIX_ROWS, hidden_size=16, iterations=500),
        dict(hidden_size=16, alpha=1.0, iterations=500, use_relu=False),
    ],
    "forward_stepper": [dict(streetlight=3, step=3), dict(streetlight=1, step=1)],
    "softmax_explorer": [dict(z0=6.0, z1=-6.0, z2=6.0, target=2), dict(z0=1.0, z1=-1.0, z2=0.0)],
    "neuron_explorer": [dict(w1=-10.0, b1=10.0), dict(w1=10.0, b1=-10.0)],
    "training_explorer": [],
}


def test_every_panel_is_checked():
    assert set(STATES) == set(nf.PANELS)


def panel_states():
    for name in sorted(nf.PANELS):
        yield pytest.param(name, None, id=f"{name}-first")
        for k, state in enumerate(STATES[name]):
            yield pytest.param(name, state, id=f"{name}-{k}")


@pytest.fixture(scope="module")
def built():
    """Each panel, built once, with its first settings: moved from state to state after."""
    return {}


def panel_in(built: dict, name: str, state: dict | None, fresh: bool) -> widgets.Panel:
    """The panel `name` in `state` (None: its first one), built anew if `fresh`."""
    if fresh or name not in built:
        panel = nf.PANELS[name]()
        built[name] = (panel, panel.values())
    panel, first = built[name]
    if state is not None:
        panel.update(**state)
    elif not fresh:
        panel.update(**first)
    assert panel.last_error is None, panel.last_message
    return panel


@pytest.mark.parametrize("name, state", list(panel_states()))
def test_panel_text_is_legible_as_shown(built, name, state):
    """What the learner sees: the pictures rendered from the first settings on, as they came."""
    panel = panel_in(built, name, state, fresh=state is None)
    assert_legible(panel.figure.fig)


@pytest.mark.parametrize("name, state", list(panel_states()))
def test_panel_text_is_legible_after_a_full_redraw(built, name, state):
    panel = panel_in(built, name, state, fresh=False)
    panel.figure.fig.canvas.draw()
    assert_legible(panel.figure.fig)


@pytest.mark.parametrize("name", sorted(nf.PANELS))
def test_panel_picture_is_twice_its_css_size_and_a_point_is_a_css_pixel(built, name):
    panel = panel_in(built, name, None, fresh=False)
    live = panel.figure
    image = Image.open(io.BytesIO(panel.png))
    assert image.size == (round(2 * live.width), round(2 * live.height))
    assert live.fig.get_figwidth() * 72 == pytest.approx(live.width)  # 72 CSS px per inch
    assert live.fig.dpi == 144  # two picture pixels per CSS pixel
    assert live.image.layout.width == f"{live.width:.0f}px"


# --- static plots -------------------------------------------------------------------------------

RNG = np.random.default_rng(0)
X = np.linspace(-3, 3, 61)
GRID = np.linspace(-1, 4, 201)
IMAGES, LABELS, TEMPLATES = nf.fake_mnist()
W01, W12 = nf.trained_streetlight_weights()
LAYER_0 = nf.data.STREETLIGHTS_4[0:1]
STEPS = nf.forward_steps(LAYER_0, W01, W12)
RUN = [
    {
        "iteration": j,
        "train_accuracy": 1 - 0.9 * math.exp(-j / 30),
        **({"test_accuracy": 0.8 - 0.7 * math.exp(-j / 40) - j / 3000} if j % 10 == 0 else {}),
    }
    for j in range(300)
]
CONFUSION = np.diag(RNG.integers(800, 1000, 10)) + RNG.integers(0, 30, (10, 10))

#: chapter-like calls of every public plot
PLOTS = [
    ("plot_knob", dict(input=8.5, weight=0.1, prediction=0.85, goal=1.0)),
    ("plot_knob", dict(input=8.5, weight=-1.0, prediction=-8.5, goal=1.0)),
    (
        "plot_local_predictions",
        dict(input=nf.GAME_1, weights=[0.1, 0.2, 0.0], names=list(nf.NAMES_03)),
    ),
    (
        "plot_local_predictions",
        dict(input=nf.GAME_1, weights=[1.0, -1.0, 1.0], names=list(nf.NAMES_03)),
    ),
    (
        "plot_error_bowl",
        dict(
            weight_grid=GRID,
            error_grid=[nf.error_of(w) for w in GRID],
            weight=0.5,
            error=nf.error_of(0.5),
            slope=nf.slope_of(0.5),
        ),
    ),
    (
        "plot_error_curve",
        dict(errors=[nf.error_at(w, 2, 0.8) for w in nf.gradient_descent(0.5, 2, 0.8, 0.1, 20)]),
    ),
    ("plot_error_curve", dict(errors=np.logspace(2, -30, 300), label="alpha 0.1")),
    ("plot_predictions_vs_goal", dict(predictions=nf.hot_and_cold(0.001, 1101)[1], goal=0.8)),
    (
        "plot_weight_image",
        dict(weights=TEMPLATES[:, 3], title="weights into node 3", colorbar=True),
    ),
    ("plot_digit", dict(image=IMAGES[3], title="a 3")),
    ("plot_weight_images", dict(weights=TEMPLATES, titles=[f"node {i}" for i in range(10)])),
    ("plot_weight_images", dict(weights=RNG.normal(size=(784, 3)), ncols=3)),
    ("plot_scores", dict(scores=nf.predict(IMAGES[3], TEMPLATES), truth=3)),
    ("plot_network", dict(weights=[W01, W12], values=[STEPS[0], STEPS[2], STEPS[3]])),
    ("plot_network", dict(weights=[RNG.normal(size=(784, 40)), RNG.normal(size=(40, 10))])),
    (
        "plot_blocks",
        dict(
            shapes=[
                ("layer_0", (100, 784)),
                ("weights_0_1", (784, 40)),
                ("layer_1", (100, 40)),
                ("weights_1_2", (40, 10)),
                ("layer_2", (100, 10)),
            ]
        ),
    ),
    (
        "plot_matrix",
        dict(values=nf.data.STREETLIGHTS_4, row_labels=["a", "b", "c", "d"], title="lights"),
    ),
    (
        "plot_forward_views",
        dict(
            layer_0=STEPS[0],
            weights_0_1=W01,
            layer_1=STEPS[2],
            weights_1_2=W12,
            layer_2=STEPS[3],
            index=0,
        ),
    ),
    ("plot_accuracy_curves", dict(history=RUN)),
    ("plot_confusion", dict(confusion=CONFUSION)),
    ("plot_per_class_accuracy", dict(accuracy=np.diag(CONFUSION) / CONFUSION.sum(axis=1))),
    ("plot_activation", dict(x=X, output=np.tanh(X), derivative=1 - np.tanh(X) ** 2, title="tanh")),
    (
        "plot_probabilities",
        dict(probabilities=nf.softmax(np.array([0.13, 0.33, -0.89])), target=1, title="softmax"),
    ),
    ("plot_probabilities", dict(probabilities=nf.normalise(np.array([2.0, -1.0, 0.5])), target=0)),
    (
        "plot_neuron",
        dict(
            inputs=X,
            outputs=np.tanh(1.3 * X - 0.1),
            goals=[(0.0, 1.0, np.tanh(-0.1)), (1.0, 0.0, np.tanh(1.2))],
            title="a NOT gate?",
        ),
    ),
]


def test_every_public_plot_is_checked():
    assert {name for name, _ in PLOTS} == set(plots.__all__)


@pytest.mark.parametrize("name, kwargs", PLOTS, ids=[f"{n}-{k}" for k, (n, _) in enumerate(PLOTS)])
def test_plot_text_is_legible(name, kwargs):
    fig = getattr(plots, name)(**kwargs)
    assert fig.dpi == 72  # a point is a CSS pixel of the notebook's picture
    fig.canvas.draw()
    assert_legible(fig)


# --- the checker itself -------------------------------------------------------------------------


def test_the_checker_finds_text_outside_the_figure_overlapping_or_too_small():
    fig, (left, right) = plt.subplots(1, 2, figsize=(6, 3))
    left.set_ylabel("fine")
    left.text(1.2, 0.5, "outside", transform=fig.transFigure).set_in_layout(False)
    left.text(1.5, 0.5, "over the right axes", transform=left.transAxes).set_in_layout(False)
    right.set_xlabel("small", fontsize=8)
    right.legend(handles=left.plot([0], [0], label="tiny")[0:1], fontsize=6)
    fig.canvas.draw()
    found = "\n".join(problems(fig))
    assert "'outside' sticks out of the figure" in found
    assert "'over the right axes' overlaps the axes" in found
    assert "axis label 'small' is 8 pt" in found
    assert "legend 'tiny' is 6 pt" in found
    assert "'fine'" not in found


def test_the_checker_accepts_a_plain_course_figure():
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([0, 1], [0, 1], label="line")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("a title")
    ax.legend()
    fig.canvas.draw()
    assert problems(fig) == []
