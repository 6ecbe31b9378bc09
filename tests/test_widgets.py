"""nnutils.widgets: every chapter's panel, driven with the notebooks' own functions.

Each builder is given the functions a learner types (tests/notebook_functions.py)
and moved through typical and extreme settings with `Panel.update`, the entry
point that sets controls as if typed and redraws at once. The rules:

- the message says what happened (the exact wording for the cases the chapters
  discuss), and nothing non-finite is ever drawn;
- a builder calls the notebook's function with keyword arguments named after
  its controls, so a function with other parameter names gets a message naming
  the keyword it lacks;
- a learner's function that misbehaves (raises, returns the wrong shape, NaN,
  overflows) gives a message in the panel, never an exception in the notebook.
"""

from __future__ import annotations

import io
import math
import re
import warnings

import numpy as np
import pytest
from matplotlib.collections import LineCollection, PolyCollection, QuadMesh
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from PIL import Image

from nnutils import data, diagnose, widgets
from nnutils.style import TOTAL
from tests import notebook_functions as nf

GREEN = to_rgba(TOTAL)
NOT_FINITE_TEXT = re.compile(r"\b(nan|inf)\b", re.I)


def drawn_values(panel: widgets.Panel):
    """(what, values) for every coordinate and value drawn on the panel's figure."""
    for ax in panel.figure.fig.axes:
        where = ax.get_title() or ax.get_xlabel() or "axes"
        for line in ax.lines:
            yield f"{where}: line", np.asarray(line.get_xydata(), float)
        for c in ax.collections:
            if isinstance(c, LineCollection):
                for seg in c.get_segments():
                    yield f"{where}: segment", np.asarray(seg, float)
            elif isinstance(c, QuadMesh):
                yield f"{where}: image", np.asarray(c.get_array(), float)
            elif isinstance(c, PolyCollection):
                for path in c.get_paths():
                    yield f"{where}: area", path.vertices
            else:
                yield f"{where}: points", np.asarray(c.get_offsets(), float)
        for p in ax.patches:
            if isinstance(p, Rectangle):
                yield f"{where}: bar", np.array([*p.get_xy(), p.get_width(), p.get_height()])
        for im in ax.images:
            if isinstance(im, AxesImage):
                yield f"{where}: matrix", np.asarray(im.get_array(), float)
        for t in ax.texts:
            if t.get_text():
                yield f"{where}: text {t.get_text()!r}", np.asarray(t.get_position(), float)


def assert_drawn_finite(panel: widgets.Panel) -> None:
    """No NaN or infinity is drawn: not as a point, a bar, a pixel, nor as text."""
    for what, values in drawn_values(panel):
        assert np.all(np.isfinite(values)), f"{what} is not finite: {values!r:.200}"
    for ax in panel.figure.fig.axes:
        for t in [*ax.texts, ax.title]:
            assert not NOT_FINITE_TEXT.search(t.get_text()), f"text shows {t.get_text()!r}"


def assert_picture(panel: widgets.Panel) -> None:
    image = Image.open(io.BytesIO(panel.png))
    live = panel.figure
    assert image.size == (int(live.width * 2), int(live.height * 2))


def assert_message_not_exception(panel: widgets.Panel, message: str) -> None:
    assert isinstance(message, str) and message
    assert message == panel.last_message
    assert_picture(panel)


def spy(fn, calls: list):
    """`fn`, recording the names of the keyword arguments of every call."""

    def recording(*args, **kwargs):
        calls.append((len(args), sorted(kwargs)))
        return fn(*args, **kwargs)

    return recording


@pytest.fixture
def quiet():
    """Any warning from numpy or matplotlib is an error while a panel draws."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_every_builder_is_covered():
    builders = {"Panel", "TrainingExplorer", "divergence_step"} | set(nf.PANELS)
    assert builders == set(widgets.__all__)


@pytest.mark.parametrize("name", sorted(nf.PANELS))
def test_every_panel_builds_as_its_notebook_builds_it(name):
    panel = nf.PANELS[name]()
    assert isinstance(panel, widgets.Panel)
    assert panel.last_message and panel.last_error is None, panel.last_message
    assert_picture(panel)
    assert_drawn_finite(panel)


# --- the notebook's function is called with keyword arguments ------------------------------------

WEIGHTS_07 = nf.trained_streetlight_weights()
IMAGES, LABELS, TEMPLATES = nf.fake_mnist()

#: builder, how to build it around one spied function, the spied calls' keywords
KEYWORDS = {
    "knob_explorer": (
        lambda f: widgets.knob_explorer(f(nf.neural_network), 8.5, 1.0),
        ["input", "weight"],
    ),
    "weighted_sum_explorer": (
        lambda f: widgets.weighted_sum_explorer(f(nf.weighted_sum_network), nf.GAME_1),
        ["input", "weights"],
    ),
    "bowl_explorer (error)": (
        lambda f: widgets.bowl_explorer(f(nf.error_of), nf.slope_of),
        ["weight"],
    ),
    "bowl_explorer (slope)": (
        lambda f: widgets.bowl_explorer(nf.error_of, f(nf.slope_of)),
        ["weight"],
    ),
    "descent_explorer (gradient_descent)": (
        lambda f: widgets.descent_explorer(f(nf.gradient_descent), nf.error_at, input=2),
        ["alpha", "goal_pred", "input", "steps", "weight"],
    ),
    "descent_explorer (error)": (
        lambda f: widgets.descent_explorer(nf.gradient_descent, f(nf.error_at), input=2),
        ["goal_pred", "input", "weight"],
    ),
    "hot_cold_explorer": (
        lambda f: widgets.hot_cold_explorer(f(nf.hot_and_cold), iterations=50),
        ["iterations", "step_amount"],
    ),
    "three_bowls_explorer (train)": (
        lambda f: widgets.three_bowls_explorer(f(nf.train_with_alpha), nf.error_three, alpha=0.01),
        ["alpha", "freeze_a"],
    ),
    "three_bowls_explorer (error)": (
        lambda f: widgets.three_bowls_explorer(nf.train_with_alpha, f(nf.error_three), alpha=0.01),
        ["weights"],
    ),
    "digit_picker": (
        lambda f: widgets.digit_picker(TEMPLATES, f(nf.predict), IMAGES, LABELS),
        ["image", "weights"],
    ),
    "streetlight_trainer (train)": (
        lambda f: widgets.streetlight_trainer(f(nf.train_streetlights), nf.forward, nf.DATASETS),
        ["alpha", "hidden_size", "iterations", "seed", "streetlights", "use_relu", "walk_vs_stop"],
    ),
    "streetlight_trainer (forward)": (
        lambda f: widgets.streetlight_trainer(nf.train_streetlights, f(nf.forward), nf.DATASETS),
        ["layer_0", "use_relu", "weights_0_1", "weights_1_2"],
    ),
    "forward_stepper": (
        lambda f: widgets.forward_stepper(f(nf.forward_steps), *WEIGHTS_07, data.STREETLIGHTS_4),
        ["layer_0", "weights_0_1", "weights_1_2"],
    ),
    "neuron_explorer": (
        lambda f: widgets.neuron_explorer(f(nf.a1)),
        ["b1", "w1"],  # after the input a0, given first
    ),
}


@pytest.mark.parametrize("case", sorted(KEYWORDS))
def test_the_notebooks_function_is_called_with_keywords_named_after_the_controls(case):
    build, expected = KEYWORDS[case]
    calls: list = []
    panel = build(lambda fn: spy(fn, calls))
    assert panel.last_error is None, panel.last_message
    assert calls, "the function was never called"
    keywords = {tuple(k) for _, k in calls}
    assert keywords == {tuple(expected)}
    positional = {n for n, _ in calls}
    assert positional == ({1} if case == "neuron_explorer" else {0})


def test_softmax_explorer_calls_softmax_and_cross_entropy_positionally():
    calls: list = []
    panel = widgets.softmax_explorer(spy(nf.softmax, calls), spy(nf.cross_entropy, calls))
    assert panel.last_error is None
    assert {(n, tuple(k)) for n, k in calls} == {(1, ()), (2, ())}


def other_names(n_positional: int = 0):
    """A learner's function whose parameters have other names than the builder's keywords."""

    def renamed(*args, x=None, y=None):
        if len(args) > n_positional:
            raise TypeError("renamed() takes positional arguments it should not")
        return 0.0

    return renamed


@pytest.mark.parametrize(
    "build, keyword",
    [
        (lambda: widgets.knob_explorer(lambda x, w: x * w, 8.5, 1.0), "input"),
        (lambda: widgets.weighted_sum_explorer(lambda x, w: 0.0, nf.GAME_1), "input"),
        (lambda: widgets.bowl_explorer(nf.error_of, lambda w: 2 * w), "weight"),
        (lambda: widgets.descent_explorer(lambda w, i, g, a, s: [w], nf.error_at), "weight"),
        (lambda: widgets.descent_explorer(nf.gradient_descent, lambda w, i, g: 0.0), "weight"),
        (lambda: widgets.hot_cold_explorer(lambda step, n: ([0.1], [0.5])), "step_amount"),
        (lambda: widgets.digit_picker(TEMPLATES, lambda img, w: img @ w, IMAGES, LABELS), "image"),
        (
            lambda: widgets.streetlight_trainer(
                nf.train_streetlights, lambda l0, w01, w12, use_relu: 0, nf.DATASETS
            ),
            "layer_0",
        ),
        (
            lambda: widgets.forward_stepper(
                lambda l0, w01, w12: [], *WEIGHTS_07, data.STREETLIGHTS_4
            ),
            "layer_0",
        ),
        (lambda: widgets.neuron_explorer(lambda a0, weight, bias: a0), "w1"),
        (
            lambda: widgets.three_bowls_explorer(nf.train_with_alpha, lambda w: 0.0, alpha=0.01),
            "weights",
        ),
    ],
    ids=[
        "knob",
        "weighted_sum",
        "bowl",
        "descent",
        "descent_error",
        "hot_cold",
        "digit_picker",
        "streetlight",
        "forward_stepper",
        "neuron",
        "three_bowls_error",
    ],
)
def test_a_function_with_other_parameter_names_gets_a_message_naming_the_keyword(build, keyword):
    panel = build()
    assert panel.last_message.startswith("Error: TypeError:"), panel.last_message
    assert f"'{keyword}'" in panel.last_message
    assert_picture(panel)


def test_a_bowl_error_function_with_other_parameter_names_gets_a_message_not_an_exception():
    """The bowl is drawn from `error` when the panel is built: still a message, not a crash."""
    panel = widgets.bowl_explorer(lambda w: w**2, nf.slope_of)
    assert panel.last_message.startswith("Error: TypeError:") and "'weight'" in panel.last_message


def test_a_three_bowls_train_with_other_parameter_names_gets_a_message_not_an_exception():
    panel = widgets.three_bowls_explorer(lambda freeze: [[0.1, 0.2, -0.1]], nf.error_three)
    assert panel.last_message.startswith("Error: TypeError:") and "'freeze_a'" in panel.last_message


# --- chapter 02: knob_explorer --------------------------------------------------------------------


@pytest.fixture(scope="module")
def knob():
    return nf.knob_panel()


@pytest.mark.parametrize("weight", [-1.0, 0.0, 1 / 8.5, 0.1, 1.0])
def test_knob_explorer_messages(knob, weight, quiet):
    message = knob.update(weight=weight)
    p = 8.5 * weight
    assert message == f"prediction {p:.3f}, goal 1, miss {p - 1:+.3f}"
    assert knob.last_error is None
    assert_drawn_finite(knob)


def test_knob_explorer_moves_the_prediction(knob):
    knob.update(weight=0.5)
    dots = [
        line for ax in knob.figure.fig.axes for line in ax.lines if line.get_label() == "prediction"
    ]
    assert list(dots[0].get_xdata()) == [4.25]


@pytest.mark.parametrize(
    "network, says",
    [
        (lambda input, weight: 1 / 0, "Error: ZeroDivisionError"),
        (lambda input, weight: [input, weight], "neural_network should return one number"),
        (lambda input, weight: None, "neural_network should return one number"),
        (lambda input, weight: math.nan, ""),
        (lambda input, weight: 1e308 * input * 10, ""),
        (lambda input, weight: (input * 1e200) ** 2, "OverflowError"),
    ],
    ids=["raises", "list", "none", "nan", "inf", "overflow"],
)
def test_knob_explorer_misbehaving_network_gives_a_message(network, says):
    panel = widgets.knob_explorer(network, 8.5, 1.0)
    message = panel.update(weight=0.3)
    assert_message_not_exception(panel, message)
    assert says in message


def test_knob_explorer_rejects_bad_arguments():
    with pytest.raises(TypeError, match="neural_network must be a function"):
        widgets.knob_explorer(0.5, 8.5, 1.0)
    with pytest.raises(ValueError, match="goal must be a finite"):
        widgets.knob_explorer(nf.neural_network, 8.5, math.nan)
    with pytest.raises(ValueError, match="weight must be between -1 and 1"):
        widgets.knob_explorer(nf.neural_network, 8.5, 1.0, weight=2.0)


# --- chapter 03: weighted_sum_explorer ------------------------------------------------------------


def test_weighted_sum_explorer_uses_the_notebooks_function():
    seen = []

    def network(input, weights):
        seen.append((list(input), list(weights)))
        return nf.weighted_sum_network(input, weights)

    panel = widgets.weighted_sum_explorer(network, nf.GAME_1)
    assert panel.last_message == "prediction = 0.9800"
    assert seen[-1] == ([8.5, 0.65, 1.2], [0.1, 0.2, 0.0])
    assert panel.update(w0=0.0) == "prediction = 0.1300"
    assert seen[-1][1] == [0.0, 0.2, 0.0]


@pytest.mark.parametrize("w", [-1.0, 1.0])
def test_weighted_sum_explorer_extremes(w, quiet):
    panel = nf.weighted_sum_panel()
    message = panel.update(w0=w, w1=w, w2=w)
    assert message == f"prediction = {w * 10.35:.4f}"
    ax = panel.figure.fig.axes[0]
    lo, hi = ax.get_ylim()
    assert lo <= -abs(w * 10.35) and hi >= abs(w * 10.35)  # the total bar fits
    assert [round(b.get_height(), 6) for b in ax.patches][-1] == round(w * 10.35, 6)
    assert_drawn_finite(panel)


@pytest.mark.parametrize(
    "network, says",
    [
        (lambda input, weights: nf.w_sum(input, weights[:2]), "vectors of different lengths"),
        (lambda input, weights: np.array(input) * weights, "should return one number"),
        (lambda input, weights: math.nan, ""),
    ],
    ids=["raises", "array", "nan"],
)
def test_weighted_sum_explorer_misbehaving_network_gives_a_message(network, says):
    panel = widgets.weighted_sum_explorer(network, nf.GAME_1)
    assert_message_not_exception(panel, panel.update(w0=0.5))
    assert says in panel.last_message


def test_weighted_sum_explorer_rejects_mismatched_input():
    with pytest.raises(ValueError, match="one input and one name per weight"):
        widgets.weighted_sum_explorer(nf.weighted_sum_network, [8.5, 0.65])
    with pytest.raises(TypeError, match="names must be a list"):
        widgets.weighted_sum_explorer(nf.weighted_sum_network, nf.GAME_1, names="abc")


# --- chapter 04: bowl_explorer --------------------------------------------------------------------


@pytest.fixture(scope="module")
def bowl():
    return nf.bowl_panel()


def test_bowl_explorer_reports_error_slope_and_which_way(bowl):
    bowl.update(weight=0.5)
    assert bowl.last_message == "weight 0.50: error 0.3025, slope -0.5500, so increase the weight"
    assert (
        bowl.update(weight=3.0)
        == "weight 3.00: error 0.4900, slope +0.7000, so decrease the weight"
    )
    assert (
        bowl.update(weight=1.6)
        == "weight 1.60: error 0.0000, slope +0.0000, the bottom: nothing to change"
    )
    assert bowl.update(weight=-1.0).startswith("weight -1.00: error 1.6900")


@pytest.mark.parametrize("weight", [-1.0, 4.0, "1e309", "-inf"])
def test_bowl_explorer_extremes(bowl, weight, quiet):
    bowl.update(weight=weight)
    assert bowl.last_error is None
    assert_drawn_finite(bowl)


def test_bowl_explorer_overflowing_error_is_a_message():
    panel = widgets.bowl_explorer(lambda weight: math.exp(1000 * weight), lambda weight: 1.0)
    assert_message_not_exception(panel, panel.update(weight=2.0))


def test_bowl_explorer_rejects_an_empty_range():
    with pytest.raises(ValueError, match="low < high"):
        widgets.bowl_explorer(nf.error_of, nf.slope_of, weight_range=(2, 2))


# --- chapter 04: descent_explorer -----------------------------------------------------------------


@pytest.fixture(scope="module")
def descent():
    return nf.descent_panel()


#: input 2, start 0.5, 20 steps: what gradient descent does for each alpha
DESCENT = [
    (0.01, "still descending"),
    (0.1, "converged smoothly"),
    (0.26, "converged, zig-zagging across the bottom"),
    (0.4, "converged, zig-zagging across the bottom"),
    (0.5, "oscillating without shrinking"),
    (0.51, "growing"),
    (1.0, "diverged at step 8"),
]


@pytest.mark.parametrize("alpha, says", DESCENT)
def test_descent_explorer_names_what_the_run_did(descent, alpha, says, quiet):
    message = descent.update(alpha=alpha, input=2, weight=0.5, steps=20)
    assert message.startswith(says + ":") or message.startswith(says + " "), message
    assert descent.last_error is None
    assert_drawn_finite(descent)


def test_descent_explorer_first_message_is_the_notebooks_run(descent):
    descent.update(alpha=0.1, input=2, weight=0.5, steps=20)
    assert descent.last_message == "converged smoothly: error 5.35e-11 after 20 steps"


def test_descent_explorer_special_runs(descent):
    assert descent.update(alpha=0.1, input=0.0, weight=0.5, steps=20).startswith("input 0")
    assert descent.update(input=2, steps=0).startswith("no steps taken yet")
    assert descent.update(alpha=0.0, steps=20).startswith("the weight never moves")
    assert descent.update(alpha=0.1, weight=0.4).startswith(
        "the start weight is already at the bottom"
    )


def test_descent_explorer_stops_drawing_where_it_diverged(descent):
    descent.update(alpha=1.0, input=2, weight=0.5, steps=20)  # diverges at step 8
    curve = descent.figure.fig.axes[1].lines[0]
    assert max(curve.get_xdata()) <= 7
    path = descent.figure.fig.axes[0].collections[0].get_offsets()
    assert len(path) == 8


@pytest.mark.parametrize(
    "alpha, input, weight, steps",
    [
        (2.0, 3.0, 3.0, 100),  # everything at its largest
        (2.0, -3.0, -3.0, 100),
        (0.0, 3.0, 3.0, 100),
        (2.0, 3.0, 3.0, 0),
        (0.0, 0.0, 0.0, 0),
        (2.0, 3.0, -3.0, 1),
    ],
)
def test_descent_explorer_extremes_never_draw_overflow(descent, alpha, input, weight, steps, quiet):
    message = descent.update(alpha=alpha, input=input, weight=weight, steps=steps)
    assert descent.last_error is None, message
    if alpha * input**2 > 2 and steps > 1:
        assert message.startswith("diverged at step") or message.startswith("growing")
    if steps == 0:
        assert message.startswith("no steps taken yet")
    assert_drawn_finite(descent)


def test_descent_explorer_overflow_in_the_learners_error_is_divergence():
    def error_exp(weight, input, goal_pred):
        return math.exp(abs(input * weight - goal_pred))  # OverflowError past 709

    panel = widgets.descent_explorer(nf.gradient_descent, error_exp)
    message = panel.update(alpha=2.0, input=3.0, weight=3.0, steps=100)
    assert message.startswith("diverged at step") and panel.last_error is None
    assert_drawn_finite(panel)


@pytest.mark.parametrize(
    "gradient_descent, says",
    [
        (
            lambda weight, input, goal_pred, alpha, steps: [weight] * 3,
            "returned 3 weights for 20 steps",
        ),
        (
            lambda weight, input, goal_pred, alpha, steps: [math.nan] * (steps + 1),
            "diverged at step 0",
        ),
        (lambda weight, input, goal_pred, alpha, steps: 1 / 0, "ZeroDivisionError"),
        (lambda weight, input, goal_pred, alpha, steps: None, "Error"),
        (lambda weight, input, goal_pred, alpha, steps: [[weight]] * (steps + 1), "Error"),
    ],
    ids=["wrong_length", "nan", "raises", "none", "nested"],
)
def test_descent_explorer_misbehaving_gradient_descent_gives_a_message(gradient_descent, says):
    panel = widgets.descent_explorer(gradient_descent, nf.error_at)
    assert_message_not_exception(panel, panel.update(steps=20))
    assert says in panel.last_message


# --- chapter 04: hot_cold_explorer ----------------------------------------------------------------


def test_hot_cold_explorer_reports_the_books_run():
    panel = nf.hot_cold_panel()
    assert panel.last_message == "after 1101 iterations: prediction 0.8000, error 1.08e-27"


def test_hot_cold_explorer_keeps_a_typed_step_and_reports_bouncing():
    calls = []
    panel = widgets.hot_cold_explorer(spy_values(nf.hot_and_cold, calls), iterations=1101)
    control = panel.controls["step_amount"]
    control.readout.value = "0.2"  # typed
    # the browser's slider snaps to its grid of 10**(-4 + 0.05 k), 0.1995, and echoes that
    control.slider.value = 10 ** (-4 + round((math.log10(0.2) + 4) / 0.05) * 0.05)
    message = panel.wait()
    assert control.value == 0.2 and control.readout.value == "0.2"
    assert calls[-1]["step_amount"] == 0.2
    assert "prediction 0.8500" in message
    assert "it bounces between 0.75 and 0.85 forever: the step is too big to land on 0.8" in message


def spy_values(fn, calls: list):
    def recording(**kwargs):
        calls.append(kwargs)
        return fn(**kwargs)

    return recording


def test_hot_cold_explorer_big_step_bounces():
    panel = nf.hot_cold_panel()
    message = panel.update(step_amount=10, iterations=6)
    assert message.startswith("after 6 iterations: prediction 5.2500")
    assert "bounces between 0.25 and 5.25 forever" in message


@pytest.mark.parametrize(
    "step, iterations", [(1e-4, 1), (1e-4, 2000), (10, 2000), (10, 1), ("1e309", "1e309")]
)
def test_hot_cold_explorer_extremes(step, iterations, quiet):
    panel = nf.hot_cold_panel()
    message = panel.update(step_amount=step, iterations=iterations)
    assert panel.last_error is None, message
    assert message.startswith("after ")
    assert_drawn_finite(panel)


@pytest.mark.parametrize(
    "hot_and_cold",
    [
        lambda step_amount, iterations: [0.1] * iterations,
        lambda step_amount, iterations: ([], []),
        lambda step_amount, iterations: ([math.nan] * iterations, [math.nan] * iterations),
        lambda step_amount, iterations: 1 / 0,
    ],
    ids=["one_list", "empty", "nan", "raises"],
)
def test_hot_cold_explorer_misbehaving_function_gives_a_message(hot_and_cold):
    panel = widgets.hot_cold_explorer(hot_and_cold, iterations=10)
    assert_message_not_exception(panel, panel.update(step_amount=0.1))


# --- chapter 05: three_bowls_explorer -------------------------------------------------------------


@pytest.fixture(scope="module")
def bowls():
    return nf.three_bowls_panel()


def test_three_bowls_explorer_with_alphas_as_the_notebook_builds_it(bowls):
    bowls.update(iteration=0, freeze_a=False, alpha=0.01)
    assert (
        bowls.last_message
        == "iteration 0, alpha 0.01: weights [0.1000, 0.2000, -0.1000], error 0.0196"
    )
    assert bowls.controls["iteration"].high == 10
    assert list(bowls.controls["alpha"].input.options) == list(nf.ALPHAS_05)


def test_three_bowls_explorer_freezing_keeps_weight_a_and_alpha(bowls):
    message = bowls.update(iteration=10, freeze_a=True, alpha=0.01)
    assert message.startswith("iteration 10 (weight a frozen), alpha 0.01: weights [0.1000, ")
    expected = nf.train_three(True, iterations=10, alpha=0.01)[10]
    assert f"weights [{', '.join(f'{w:.4f}' for w in expected)}]" in message
    assert bowls.controls["alpha"].value == 0.01  # freezing never changes alpha
    ax_a = bowls.figure.fig.axes[0]
    dot = [line for line in ax_a.lines if len(line.get_xdata()) == 1 and line.get_marker() == "o"]
    assert any(line.get_xdata()[0] == pytest.approx(0.1) for line in dot)


def test_three_bowls_explorer_bowl_a_bottoms_under_its_frozen_weight(bowls):
    bowls.update(iteration=10, freeze_a=True, alpha=0.3)
    curve = bowls.figure.fig.axes[0].lines[0]
    bottom = curve.get_xdata()[np.argmin(curve.get_ydata())]
    assert bottom == pytest.approx(0.1, abs=0.02)


def test_three_bowls_explorer_reports_divergence_and_draws_nothing_beyond(bowls, quiet):
    message = bowls.update(iteration=10, freeze_a=False, alpha=0.1)
    errors = [nf.error_three(w) for w in nf.train_three(False, iterations=10, alpha=0.1)]
    k = diagnose.divergence_step(errors)
    assert k is not None
    assert message.startswith(f"diverged at iteration {k}: with alpha 0.1 each step overshoots")
    assert f"iteration {k - 1}, alpha 0.1" in message  # the last iteration shown
    assert bowls.last_error is None
    assert_drawn_finite(bowls)


@pytest.mark.parametrize("iteration", [0, 5, 10])
@pytest.mark.parametrize("freeze_a", [False, True])
@pytest.mark.parametrize("alpha", [0.001, 0.028, 0.3])
def test_three_bowls_explorer_every_setting_draws_finite(bowls, iteration, freeze_a, alpha, quiet):
    bowls.update(iteration=iteration, freeze_a=freeze_a, alpha=alpha)
    assert bowls.last_error is None, bowls.last_message
    assert_drawn_finite(bowls)


def test_three_bowls_explorer_with_an_alpha_slider():
    panel = widgets.three_bowls_explorer(nf.train_with_alpha, nf.error_three, alpha=0.01)
    assert panel.last_message.startswith("iteration 0, alpha 0.01:")
    message = panel.update(alpha=0.02, iteration=3)
    expected = nf.train_three(False, iterations=10, alpha=0.02)[3]
    assert message.startswith("iteration 3, alpha 0.02: weights [")
    assert f"{expected[0]:.4f}" in message


def test_three_bowls_explorer_without_alpha_says_train_sets_it():
    calls: list = []
    panel = widgets.three_bowls_explorer(
        spy(lambda freeze_a: nf.train_three(freeze_a), calls), nf.error_three
    )
    assert "alpha" not in panel.controls
    assert "alpha set by train" in panel.last_message
    assert {tuple(k) for _, k in calls} == {("freeze_a",)}


def test_three_bowls_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="alpha 0.5 must be one of alphas"):
        widgets.three_bowls_explorer(
            nf.train_with_alpha, nf.error_three, alphas=(0.01, 0.1), alpha=0.5
        )
    with pytest.raises(ValueError, match=r"alphas\[1\] must be a finite"):
        widgets.three_bowls_explorer(nf.train_with_alpha, nf.error_three, alphas=(0.01, math.nan))


@pytest.mark.parametrize(
    "train",
    [
        lambda freeze_a, alpha: [[0.1, 0.2]],  # two weights for three bowls
        lambda freeze_a, alpha: [],
        lambda freeze_a, alpha: 1 / 0,
        lambda freeze_a, alpha: [[math.nan, 0.2, 0.3]] * 3,
    ],
    ids=["two_weights", "empty", "raises", "nan"],
)
def test_three_bowls_explorer_misbehaving_train_gives_a_message(train):
    panel = widgets.three_bowls_explorer(train, nf.error_three, alpha=0.01)
    assert_message_not_exception(panel, panel.last_message)


# --- chapter 05: digit_picker ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def digits():
    return nf.digit_panel()


@pytest.mark.parametrize("digit", range(10))
def test_digit_picker_messages(digits, digit):
    message = digits.update(digit=digit, example=1)
    image = IMAGES[np.flatnonzero(LABELS.argmax(axis=1) == digit)[1]]
    scores = nf.predict(image, TEMPLATES)
    assert message == (
        f"node {digit} scores this image {scores[digit]:.3f}; "
        f"the highest score is node {int(np.argmax(scores))} (right)"
    )


def test_digit_picker_titles_scores_and_shared_scale(digits):
    digits.update(digit=4, example=13)  # 6 images of each digit: the 2nd
    axes = digits.figure.fig.axes
    titles = [ax.get_title() for ax in axes]
    assert "weights into node 4" in titles and "a 4 (2 of 6)" in titles
    assert "highest: node 4" in titles
    images = [
        ax.collections[0]
        for ax in axes
        if ax.collections and ax.get_title().startswith(("weights", "highest"))
    ]
    limit = float(np.abs(TEMPLATES).max())
    assert [im.get_clim() for im in images] == [(-limit, limit)] * 2
    scores_ax = [ax for ax in axes if ax.get_xlabel() == "digit"][0]
    heights = [b.get_height() for b in scores_ax.patches]
    image = IMAGES[np.flatnonzero(LABELS.argmax(axis=1) == 4)[1]]
    assert heights == pytest.approx(nf.predict(image, TEMPLATES).tolist())
    assert to_rgba(scores_ax.patches[4].get_facecolor()) == GREEN


def test_digit_picker_wrong_guesses():
    weights = np.zeros((784, 10))
    weights[:, 3] = 1.0  # node 3 wins on every image
    panel = widgets.digit_picker(weights, nf.predict, IMAGES, LABELS)
    assert "highest score is node 3 (wrong)" in panel.update(digit=7, example=0)
    assert "highest score is node 3 (right)" in panel.update(digit=3, example=19)


def test_digit_picker_missing_digit_is_a_message():
    only_zeros = np.eye(10)[np.zeros(len(IMAGES), int)]
    panel = widgets.digit_picker(TEMPLATES, nf.predict, IMAGES, only_zeros)
    assert (
        panel.update(digit=5) == f"Error: ValueError: no image of a 5 among the {len(IMAGES)} given"
    )


@pytest.mark.parametrize(
    "predict, says",
    [
        (lambda image, weights: image, "predict should return 10 scores"),
        (lambda image, weights: image.dot(weights.T), "Error"),
        (lambda image, weights: np.full(10, math.nan), ""),
    ],
    ids=["image", "transposed", "nan"],
)
def test_digit_picker_misbehaving_predict_gives_a_message(predict, says):
    panel = widgets.digit_picker(TEMPLATES, predict, IMAGES, LABELS)
    assert_message_not_exception(panel, panel.update(digit=1))
    assert says in panel.last_message


def test_digit_picker_rejects_bad_shapes():
    with pytest.raises(ValueError, match=r"\(784, 10\)"):
        widgets.digit_picker(np.zeros((10, 784)), nf.predict, IMAGES, LABELS)
    with pytest.raises(ValueError, match="images must be"):
        widgets.digit_picker(TEMPLATES, nf.predict, IMAGES[:, :5], LABELS)
    with pytest.raises(ValueError, match="images must be"):
        widgets.digit_picker(TEMPLATES, nf.predict, IMAGES, LABELS[:5])


# --- chapter 06: streetlight_trainer --------------------------------------------------------------


@pytest.fixture(scope="module")
def trainer():
    return nf.streetlight_panel()


DEFAULTS_06 = dict(
    dataset=nf.FOUR_ROWS, hidden_size=4, alpha=0.2, iterations=60, seed=1, use_relu=True
)


def test_trainer_reproduces_the_book_and_names_silent_hidden_nodes(trainer):
    message = trainer.update(**DEFAULTS_06)
    assert message == (
        "final error 1.506e-05: the network learned it (with relu, hidden size 4); "
        "hidden nodes 0, 2 never fire"
    )
    layer_1, _ = nf.forward(data.STREETLIGHTS_4, *nf.trained_streetlight_weights())
    assert diagnose.dead_units(layer_1) == [0, 2]


def test_trainer_table_shows_truths_and_predictions(trainer):
    trainer.update(**DEFAULTS_06)
    table = [ax for ax in trainer.figure.fig.axes if ax.get_title() == "after training"][0]
    _, layer_2 = nf.forward(data.STREETLIGHTS_4, *nf.trained_streetlight_weights())
    cells = [t.get_text() for t in table.texts]
    truths = data.WALK_VS_STOP_4
    assert cells == [
        x for t, p in zip(truths, layer_2.ravel()) for x in (f"{t:.2f}", f"{p + 0.0:.2f}")
    ]


def test_trainer_without_relu_fails_on_four_rows(trainer):
    message = trainer.update(**{**DEFAULTS_06, "use_relu": False, "iterations": 300})
    assert message.startswith("final error 1.325: the network has not learned it (without relu")


def test_trainer_six_rows_learns_even_without_relu(trainer):
    message = trainer.update(
        **{
            **DEFAULTS_06,
            "dataset": nf.SIX_ROWS,
            "use_relu": False,
            "iterations": 200,
            "alpha": 0.05,
        }
    )
    assert message.startswith("final error 2.175e-17: the network learned it (without relu")


def test_trainer_reports_a_dead_network(trainer, quiet):
    message = trainer.update(**{**DEFAULTS_06, "hidden_size": 16, "alpha": 1.0, "iterations": 100})
    assert message.startswith(
        "final error 2: every hidden node is silenced by relu for every input"
    )
    assert "try a smaller alpha or another seed" in message
    assert_drawn_finite(trainer)


def test_trainer_reports_divergence(trainer, quiet):
    message = trainer.update(
        **{**DEFAULTS_06, "hidden_size": 16, "alpha": 1.0, "iterations": 500, "use_relu": False}
    )
    assert (
        message
        == "diverged at iteration 1: alpha 1 is too big for this network, the error exploded"
    )
    assert_drawn_finite(trainer)


@pytest.mark.parametrize(
    "settings",
    [
        {"hidden_size": 1},
        {"hidden_size": 1, "alpha": 1.0, "iterations": 500, "use_relu": False},  # diverges late
        {"iterations": 1},
        {"alpha": 0.01, "seed": 20, "dataset": nf.SIX_ROWS},
        {"alpha": 1.0, "iterations": 500, "seed": 0},
    ],
    ids=["hidden_1", "diverges_late", "iterations_1", "slow_six_rows", "alpha_1_seed_0"],
)
def test_trainer_extremes_give_a_message_and_draw_finite(trainer, settings, quiet):
    message = trainer.update(**{**DEFAULTS_06, **settings})
    assert trainer.last_error is None, message
    assert message.startswith(("final error", "diverged at iteration"))
    assert_drawn_finite(trainer)


@pytest.mark.parametrize(
    "forward, says",
    [
        (lambda layer_0, weights_0_1, weights_1_2, use_relu: (layer_0, layer_0), "Error"),
        (lambda layer_0, weights_0_1, weights_1_2, use_relu: None, "Error"),
        (lambda layer_0, weights_0_1, weights_1_2, use_relu: 1 / 0, "ZeroDivisionError"),
    ],
    ids=["wrong_outputs", "none", "raises"],
)
def test_trainer_misbehaving_forward_gives_a_message(forward, says):
    panel = widgets.streetlight_trainer(nf.train_streetlights, forward, nf.DATASETS)
    assert_message_not_exception(panel, panel.last_message)
    assert says in panel.last_message


@pytest.mark.parametrize(
    "train",
    [
        lambda **settings: ([math.nan] * 3, np.ones((3, 4)), np.ones((4, 1))),
        lambda **settings: ([1.0], np.ones((3, 2)), np.ones((2, 1))),  # the wrong hidden size
        lambda **settings: [1.0, 0.5],
    ],
    ids=["nan", "wrong_hidden_size", "not_a_tuple"],
)
def test_trainer_misbehaving_train_gives_a_message(train):
    panel = widgets.streetlight_trainer(train, nf.forward, nf.DATASETS)
    assert_message_not_exception(panel, panel.last_message)


def test_trainer_rejects_bad_datasets():
    with pytest.raises(ValueError, match="at least one"):
        widgets.streetlight_trainer(nf.train_streetlights, nf.forward, {})
    with pytest.raises(ValueError, match="streetlights"):
        widgets.streetlight_trainer(
            nf.train_streetlights, nf.forward, {"x": (np.ones(3), np.ones(3))}
        )


# --- chapter 07: forward_stepper ------------------------------------------------------------------


@pytest.fixture(scope="module")
def stepper():
    return nf.forward_panel()


def test_forward_stepper_steps_through_the_layers(stepper):
    w01, w12 = WEIGHTS_07
    lights = data.STREETLIGHTS_4
    assert (
        stepper.update(streetlight=0, step=0)
        == "streetlight [1, 0, 1], step 0: [1.000, 0.000, 1.000]"
    )
    weighted = lights[1:2].dot(w01).ravel()
    shown = ", ".join(f"{x:.3f}" for x in weighted)
    assert stepper.update(streetlight=1, step=1) == f"streetlight [0, 1, 1], step 1: [{shown}]"
    after = ", ".join(f"{x + 0.0:.3f}" for x in nf.relu(weighted))
    assert stepper.update(step=2).endswith(f"[{after}]")
    out = nf.relu(lights[1:2].dot(w01)).dot(w12).ravel()[0]
    assert stepper.update(step=3).endswith(f"[{out:.3f}]")


def test_forward_stepper_shows_each_stage_in_the_nodes(stepper):
    w01, _ = WEIGHTS_07
    ax = stepper.figure.fig.axes[0]
    stepper.update(streetlight=1, step=0)
    assert ax.get_title() == "step 0: layer_0: the lights go in"
    labels = [t.get_text() for t in ax.texts if t.get_text() and "\n" not in t.get_text()]
    assert labels == ["0.00", "1.00", "1.00"]
    stepper.update(step=1)
    weighted = data.STREETLIGHTS_4[1:2].dot(w01).ravel()
    labels = [t.get_text() for t in ax.texts if t.get_text() and "\n" not in t.get_text()]
    assert labels == ["0.00", "1.00", "1.00"] + [f"{x + 0.0:.2f}" for x in weighted]
    stepper.update(step=2)
    assert ax.get_title() == "step 2: layer_1 = relu(weighted_sum): negative sums are silenced"
    labels = [t.get_text() for t in ax.texts if t.get_text() and "\n" not in t.get_text()]
    assert labels[3:] == [f"{x + 0.0:.2f}" for x in nf.relu(weighted)]


@pytest.mark.parametrize(
    "forward_steps, says",
    [
        (lambda layer_0, weights_0_1, weights_1_2: [layer_0, layer_0, layer_0], "got 3 items"),
        (lambda layer_0, weights_0_1, weights_1_2: np.zeros((4, 3)), "forward_steps must return"),
        (lambda layer_0, weights_0_1, weights_1_2: None, "forward_steps must return"),
        (
            lambda layer_0, weights_0_1, weights_1_2: [layer_0, layer_0, layer_0, layer_0],
            "returned weighted_sum with 3 values; this network has 4 nodes there",
        ),
        (lambda layer_0, weights_0_1, weights_1_2: 1 / 0, "ZeroDivisionError"),
    ],
    ids=["three_items", "array", "none", "wrong_size", "raises"],
)
def test_forward_stepper_validates_what_forward_steps_returns(forward_steps, says):
    panel = widgets.forward_stepper(forward_steps, *WEIGHTS_07, data.STREETLIGHTS_4)
    assert_message_not_exception(panel, panel.update(step=1))
    assert panel.last_message.startswith("Error:") and says in panel.last_message


def test_forward_stepper_rejects_mismatched_data():
    with pytest.raises(ValueError, match="streetlights have 2 columns"):
        widgets.forward_stepper(nf.forward_steps, np.ones((3, 4)), np.ones((4, 1)), np.ones((4, 2)))
    with pytest.raises(ValueError, match="weights_1_2 has 5 rows"):
        widgets.forward_stepper(nf.forward_steps, np.ones((3, 4)), np.ones((5, 1)), np.ones((4, 3)))


# --- chapter 09: softmax_explorer -----------------------------------------------------------------


@pytest.fixture(scope="module")
def softmax_panel():
    return nf.softmax_panel()


def test_softmax_explorer_reports_loss_and_delta(softmax_panel):
    message = softmax_panel.update(z0=0.13, z1=0.33, z2=-0.89, target=1)
    p = nf.softmax(np.array([0.13, 0.33, -0.89]))
    delta = ", ".join(f"{d + 0.0:+.3f}" for d in p - np.eye(3)[1])
    assert message.startswith(
        f"cross-entropy = -log({p[1]:.4f}) = {-np.log(p[1]):.4f}; "
        f"delta = prediction - truth = [{delta}]"
    )
    assert message.endswith("dividing by the sum gives values outside [0, 1]")


def test_softmax_explorer_moves_bars_and_labels_with_the_logits(softmax_panel):
    for z0 in (3.0, -2.0):
        softmax_panel.update(z0=z0, z1=0.33, z2=0.89, target=2)
        expected = nf.softmax(np.array([z0, 0.33, 0.89]))
        ax = [ax for ax in softmax_panel.figure.fig.axes if ax.get_title() == "softmax"][0]
        assert [bar.get_height() for bar in ax.patches] == pytest.approx(expected.tolist())
        values = [t for t in ax.texts if t.get_text()]
        assert [t.get_text() for t in values] == [f"{v:.3f}" for v in expected]
        assert [t.get_position()[1] for t in values] == pytest.approx(expected.tolist())
        assert to_rgba(ax.patches[2].get_facecolor()) == GREEN


def test_softmax_explorer_shows_where_normalising_fails(softmax_panel):
    assert len(softmax_panel.figure.fig.axes) == 2
    softmax_panel.update(z0=1.0, z1=-1.0, z2=0.0)  # the logits add up to 0
    assert softmax_panel.last_error is None
    assert softmax_panel.last_message.endswith("dividing by the sum fails: the logits add up to 0")
    assert_drawn_finite(softmax_panel)
    softmax_panel.update(z0=2.0, z1=1.0, z2=0.5)
    assert "dividing by the sum" not in softmax_panel.last_message


@pytest.mark.parametrize("value", [-6.0, 6.0])
def test_softmax_explorer_extremes_stay_finite(softmax_panel, value, quiet):
    for target in range(3):
        softmax_panel.update(z0=value, z1=-value, z2=value, target=target)
        assert softmax_panel.last_error is None, softmax_panel.last_message
        assert_drawn_finite(softmax_panel)


@pytest.mark.parametrize(
    "softmax, says",
    [
        (lambda z: z[:2], "softmax returned shape (2,)"),
        (lambda z: z * np.nan, "not finite"),
        (lambda z: 1 / 0, "ZeroDivisionError"),
        (lambda z: np.exp(z * 1000) / np.sum(np.exp(z * 1000)), "not finite"),
    ],
    ids=["shape", "nan", "raises", "overflow"],
)
def test_softmax_explorer_explains_a_broken_softmax(softmax, says):
    panel = widgets.softmax_explorer(softmax, nf.cross_entropy)
    assert_message_not_exception(panel, panel.update(z0=1.0))
    assert panel.last_error is not None and says in panel.last_message


def test_softmax_explorer_with_a_broken_cross_entropy():
    panel = widgets.softmax_explorer(nf.softmax, lambda p, t: [1.0, 2.0])
    assert "cross_entropy should return one number" in panel.last_message


def test_softmax_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="between 2 and 10"):
        widgets.softmax_explorer(nf.softmax, nf.cross_entropy, logits=(1.0,))
    with pytest.raises(ValueError, match="target must be from 0 to 1"):
        widgets.softmax_explorer(nf.softmax, nf.cross_entropy, logits=(1.0, 2.0), target=2)
    with pytest.raises(TypeError, match="normalise must be a function"):
        widgets.softmax_explorer(nf.softmax, nf.cross_entropy, normalise=1)


# --- appendix A1: neuron_explorer -----------------------------------------------------------------


def test_neuron_explorer_finds_the_not_gate():
    panel = nf.neuron_panel()
    assert panel.last_message == (
        f"input 0 gives {np.tanh(-0.1):.3f} (goal 1), input 1 gives {np.tanh(1.2):.3f} (goal 0); "
        f"squared error {(np.tanh(-0.1) - 1) ** 2 + np.tanh(1.2) ** 2:.4f}"
    )
    message = panel.update(w1=-5.0, b1=5.0)
    assert "input 0 gives 1.000 (goal 1), input 1 gives 0.000 (goal 0)" in message


@pytest.mark.parametrize("w1", [-10.0, 10.0])
@pytest.mark.parametrize("b1", [-10.0, 10.0])
def test_neuron_explorer_extremes(w1, b1, quiet):
    panel = nf.neuron_panel()
    panel.update(w1=w1, b1=b1)
    assert panel.last_error is None
    assert_drawn_finite(panel)


def test_neuron_explorer_takes_a_neuron_of_one_number_at_a_time():
    panel = widgets.neuron_explorer(lambda a0, w1, b1: math.tanh(w1 * a0 + b1))
    assert panel.last_error is None
    (curve,) = [line for line in panel.figure.fig.axes[0].lines if line.get_label() == "output"]
    x = np.asarray(curve.get_xdata(), float)
    assert np.allclose(curve.get_ydata(), np.tanh(1.3 * x - 0.1))


@pytest.mark.parametrize(
    "neuron",
    [
        lambda a0, w1, b1: math.nan,
        lambda a0, w1, b1: 1 / 0,
        lambda a0, w1, b1: [a0, a0],
        lambda a0, w1, b1: math.exp(w1 * 1000),
    ],
    ids=["nan", "raises", "list", "overflow"],
)
def test_neuron_explorer_misbehaving_neuron_gives_a_message(neuron):
    panel = widgets.neuron_explorer(neuron)
    assert_message_not_exception(panel, panel.update(w1=2.0))


# --- re-exported helpers --------------------------------------------------------------------------


def test_widgets_reexports_the_explorer_and_the_divergence_test():
    from nnutils import explorer, panel

    assert widgets.TrainingExplorer is explorer.TrainingExplorer
    assert widgets.training_explorer is explorer.training_explorer
    assert widgets.divergence_step is diagnose.divergence_step
    assert widgets.Panel is panel.Panel
