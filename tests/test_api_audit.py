"""Audit of the public `nnutils` API: every argument of every public callable, fed bad values.

The public callables are found in the modules themselves (`plots.__all__`,
`widgets.__all__`, `checks.__all__`, and the public functions and classes of
`controls`, `panel`, `views`, `explorer`, `diagnose`, `gradcheck`, `data`,
`validate`, `logs` and `style`), so a new one can't be forgotten: each must
have an entry here, either a valid call (`ENTRIES`) or an exemption with its
reason (`EXEMPT`).

From each valid call, every numeric argument in turn (optional ones too) is
replaced by bad values of its kind: NaN, infinities, None and text; for
arrays also an empty one, a wrong number of dimensions and a NaN or infinite
entry; for counts (columns, iterations, sizes) zero or below and a fraction;
for sizes, tolerances and limits that must be positive, zero and a negative
value. The rule: the call raises ValueError or TypeError (or MnistError) and
the message names the argument, so a learner knows what to fix; never an
IndexError from deep inside matplotlib, never a picture of nonsense. A few
arguments accept an odd value on purpose (`HARMLESS`, with the reason).

Checkers are the exception by design: their arguments are the learner's
answers, so a bad answer must *return* a verdict, never raise: ✘ (wrong), or
✎ (not answered yet) for None, which is how a stub that returns nothing looks.

`python tests/test_api_audit.py` prints what is covered: the callables found,
the bad values tried per callable, and the exemptions.
"""

from __future__ import annotations

import inspect
import math
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnutils import (  # noqa: E402
    checks,
    controls,
    data,
    diagnose,
    explorer,
    gradcheck,
    logs,
    panel,
    plots,
    style,
    validate,
    views,
    widgets,
)
from nnutils.checks.feedback import UNANSWERED, WRONG, Feedback  # noqa: E402
from tests import notebook_functions as nf  # noqa: E402
from tests.checks import (  # noqa: E402  # noqa: E402
    test_a1,
    test_ch02,
    test_ch03,
    test_ch04,
    test_ch05,
    test_ch06,
    test_ch07,
    test_ch08,
    test_ch09,
)
from tests.conftest import real_mnist_dir  # noqa: E402

V = np.linspace(0.0, 1.0, 11)

# --- where the public callables come from ---------------------------------------------------------

MODULES = (
    plots,
    widgets,
    checks,
    controls,
    panel,
    views,
    explorer,
    diagnose,
    gradcheck,
    data,
    validate,
    logs,
    style,
)


def public_callables() -> dict[Callable, str]:
    """Every public function and class of the audited modules (re-exports once), by name."""
    found: dict[Callable, str] = {}
    for module in MODULES:
        names = getattr(module, "__all__", None)
        if names is None:
            names = [
                name
                for name, obj in vars(module).items()
                if not name.startswith("_")
                # copies with one planted bug each, present only under `make mutation`
                and "__mutmut_" not in name
                and (inspect.isfunction(obj) or inspect.isclass(obj))
                and obj.__module__ == module.__name__
            ]
        for name in names:
            obj = getattr(module, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                found.setdefault(obj, f"{obj.__module__}.{obj.__qualname__}")
    return found


# --- the entries ----------------------------------------------------------------------------------


@dataclass
class Entry:
    """A valid call of one public callable, and how to judge its bad arguments."""

    fn: Callable
    kwargs: dict[str, Any]
    answers: tuple[str, ...] = ()  # the learner's answers: bad ones get a verdict, never an error
    counts: dict[str, int] = field(default_factory=dict)  # whole numbers, at least this
    positive: tuple[str, ...] = ()  # numbers (or pairs of numbers) above zero
    nonnegative: tuple[str, ...] = ()  # numbers at least zero
    named: dict[str, str] = field(
        default_factory=dict
    )  # what the error must name, if not the argument
    unfuzzed: dict[str, str] = field(default_factory=dict)  # numeric arguments not fuzzed, and why

    @property
    def name(self) -> str:
        return f"{self.fn.__module__.removeprefix('nnutils.')}.{self.fn.__name__}"


def _raises(*args, **kwargs):
    raise ZeroDivisionError("the learner's function failed")


FORWARD_VALUES = dict(
    layer_0=np.ones((1, 3)),
    weights_0_1=np.ones((3, 4)),
    layer_1=np.ones((1, 4)),
    weights_1_2=np.ones((4, 1)),
    layer_2=np.ones((1, 1)),
)
IMAGES, LABELS, TEMPLATES = nf.fake_mnist(20)
GRAD_PARAM = np.array([0.5, -1.0, 2.0])
MNIST = real_mnist_dir()


def _gradient_loss() -> float:
    return float(np.sum(GRAD_PARAM**2))


ENTRIES: list[Entry] = [
    # --- plots ---
    Entry(
        plots.plot_local_predictions,
        dict(
            input=[8.5, 0.65, 1.2], weights=[0.1, 0.2, 0.0], names=["a", "b", "c"], prediction=0.98
        ),
    ),
    Entry(plots.plot_knob, dict(input=8.5, weight=0.1, prediction=0.85, goal=1.0)),
    Entry(
        plots.plot_error_bowl,
        dict(
            weight_grid=V,
            error_grid=V**2,
            weight=0.5,
            error=0.25,
            slope=1.0,
            path=[0.2, 0.4],
            path_errors=[0.04, 0.16],
        ),
    ),
    Entry(plots.plot_error_curve, dict(errors=[1.0, 0.5, 0.25])),
    Entry(plots.plot_predictions_vs_goal, dict(predictions=[0.1, 0.5, 0.8], goal=0.8)),
    Entry(
        plots.plot_weight_image,
        dict(weights=np.linspace(-1, 1, 784), limit=1.0),
        positive=("limit",),
    ),
    Entry(plots.plot_digit, dict(image=np.zeros(784))),
    Entry(
        plots.plot_weight_images,
        dict(weights=np.zeros((784, 3)), ncols=2, figsize=(6.0, 3.0), limit=1.0),
        counts={"ncols": 1},
        positive=("figsize", "limit"),
    ),
    Entry(plots.plot_scores, dict(scores=np.arange(10.0), truth=3)),
    Entry(
        plots.plot_network,
        dict(
            weights=[np.ones((3, 4)), np.ones((4, 1))],
            values=[[1, 0, 1], None, [0.5]],
            max_width=5.0,
        ),
        positive=("max_width",),
    ),
    Entry(plots.plot_blocks, dict(shapes=[("layer_0", (1, 3)), ("weights_0_1", (3, 4))])),
    Entry(plots.plot_matrix, dict(values=np.eye(3))),
    Entry(
        plots.plot_forward_views,
        dict(**FORWARD_VALUES, figsize=(13.0, 8.0), index=2),
        counts={"index": 0},
        positive=("figsize",),
    ),
    Entry(plots.plot_confusion, dict(confusion=np.eye(3))),
    Entry(
        plots.plot_accuracy_curves,
        dict(history=[{"iteration": 0, "train_accuracy": 0.5, "test_accuracy": 0.4}]),
    ),
    Entry(plots.plot_per_class_accuracy, dict(accuracy=[0.9, 0.8])),
    Entry(plots.plot_activation, dict(x=V, output=V, derivative=V)),
    Entry(plots.plot_probabilities, dict(probabilities=[0.2, 0.8], target=1), counts={"target": 0}),
    Entry(plots.plot_neuron, dict(inputs=[0.0, 1.0], outputs=[0.1, 0.2], goals=[(0.0, 1.0, 0.1)])),
    # --- widgets ---
    Entry(
        widgets.knob_explorer,
        dict(neural_network=nf.neural_network, input=8.5, goal=1.0, weight=0.1),
    ),
    Entry(
        widgets.weighted_sum_explorer,
        dict(neural_network=nf.weighted_sum_network, input=nf.GAME_1, weights=(0.1, 0.2, 0.0)),
    ),
    Entry(
        widgets.bowl_explorer,
        dict(error=nf.error_of, slope=nf.slope_of, weight=0.5, weight_range=(-1.0, 4.0)),
    ),
    Entry(
        widgets.descent_explorer,
        dict(
            gradient_descent=nf.gradient_descent,
            error=nf.error_at,
            goal_pred=0.8,
            weight=0.5,
            input=0.5,
            alpha=1.0,
            steps=20,
        ),
        counts={"steps": 0},
    ),
    Entry(
        widgets.hot_cold_explorer,
        dict(hot_and_cold=nf.hot_and_cold, goal_pred=0.8, step_amount=0.001, iterations=10),
        counts={"iterations": 1},
        positive=("step_amount",),
    ),
    Entry(
        widgets.three_bowls_explorer,
        dict(train=nf.train_with_alpha, error=nf.error_three, alpha=0.01, alphas=(0.01, 0.1)),
        positive=("alpha",),
    ),
    Entry(
        widgets.digit_picker,
        dict(weights=TEMPLATES, predict=nf.predict, images=IMAGES, labels=LABELS),
    ),
    Entry(
        widgets.streetlight_trainer,
        dict(
            train=nf.train_streetlights,
            forward=nf.forward,
            datasets={"four": (nf.data.STREETLIGHTS_4, nf.data.WALK_VS_STOP_4[:, None])},
            hidden_size=4,
            alpha=0.2,
            iterations=5,
            seed=1,
        ),
        counts={"hidden_size": 1, "iterations": 1, "seed": 0},
        positive=("alpha",),
    ),
    Entry(
        widgets.forward_stepper,
        dict(
            forward_steps=nf.forward_steps,
            weights_0_1=np.ones((3, 4)),
            weights_1_2=np.ones((4, 1)),
            streetlights=nf.data.STREETLIGHTS_4,
        ),
    ),
    Entry(
        widgets.softmax_explorer,
        dict(softmax=nf.softmax, cross_entropy=nf.cross_entropy, logits=[0.1, 0.2, 0.3], target=1),
        counts={"target": 0},
    ),
    Entry(
        widgets.neuron_explorer,
        dict(neuron=nf.a1, w1=1.3, b1=-0.1, goals=((0.0, 1.0), (1.0, 0.0))),
    ),
    *[
        Entry(
            fn,
            dict(
                train=nf.fake_train,
                alpha=0.1,
                hidden_size=100,
                batch_size=100,
                dropout=0.5,
                iterations=100,
                redraw_seconds=0.25,
            ),
            counts={"hidden_size": 1, "iterations": 1},
            positive=("alpha", "redraw_seconds"),
            nonnegative=("dropout",),
        )
        for fn in (widgets.TrainingExplorer, widgets.training_explorer)
    ],
    # --- controls and panels ---
    Entry(
        controls.NumberControl,
        dict(name="alpha", description="alpha", value=0.5, low=0.0, high=1.0, step=0.01),
        positive=("step",),
        named={"value": "alpha"},
    ),
    Entry(
        controls.slider,
        dict(name="alpha", description="alpha", value=0.5, low=0.0, high=1.0, step=0.01),
        positive=("step",),
        named={"value": "alpha"},
    ),
    Entry(
        controls.log_slider,
        dict(name="alpha", description="alpha", value=0.01, low_exp=-3, high_exp=1, step=0.1),
        positive=("step",),
        named={"value": "alpha"},
    ),
    Entry(
        controls.int_slider,
        dict(name="steps", description="steps", value=5, low=0, high=10, step=1),
        counts={"step": 1},
        named={"value": "steps"},
    ),
    Entry(
        controls.ChoiceControl,
        dict(
            name="batch", description="batch size", value=10, options=[1, 10, 100], style="dropdown"
        ),
        named={"value": "batch"},
        unfuzzed={"options": "the builder's own list of choices, of any kind"},
    ),
    Entry(panel.LiveFigure, dict(height=200.0, width=300.0), positive=("height", "width")),
    Entry(panel.encode_png, dict(rgba=np.zeros((2, 3, 4), np.uint8)), named={"rgba": "RGBA"}),
    Entry(
        panel.Panel,
        dict(
            controls=[controls.slider("x", "x", 0.5, 0.0, 1.0, 0.1)],
            figure=panel.LiveFigure(height=100, width=100),
            draw=lambda x: f"x = {x}",
        ),
        unfuzzed={"controls": "Control objects", "figure": "a LiveFigure"},
    ),
    Entry(
        panel.controls_of,
        dict(mapping={"x": controls.slider("x", "x", 0.5, 0.0, 1.0, 0.1)}),
        unfuzzed={"mapping": "Control objects by name"},
    ),
    Entry(style.use_course_style, dict()),
    # --- diagnoses ---
    Entry(diagnose.divergence_step, dict(errors=[1.0, 2.0], factor=1e6)),
    Entry(
        diagnose.descent,
        dict(weights=[0.5, 0.45], errors=[0.04, 0.03], bottom=0.4, tiny=1e-6),
        positive=("tiny",),
    ),
    Entry(diagnose.bounce, dict(predictions=[0.25, 0.35], goal=0.8)),
    Entry(diagnose.dead_units, dict(layer_1=np.array([[0.0, 1.0], [0.0, 2.0]]))),
    Entry(
        diagnose.training,
        dict(
            history=[{"iteration": 0, "train_error": 1.0, "train_accuracy": 0.5}],
            chance=0.1,
            patience=10,
        ),
        counts={"patience": 1},
        positive=("chance",),
    ),
    # --- gradient checking ---
    Entry(
        gradcheck.numerical_gradient,
        dict(loss=_gradient_loss, param=GRAD_PARAM, eps=1e-6),
        positive=("eps",),
        unfuzzed={"indices": "positions in param, chosen by gradient_check"},
    ),
    Entry(
        gradcheck.gradient_check,
        dict(
            loss=_gradient_loss,
            params={"w": GRAD_PARAM},
            grads={"w": 2 * GRAD_PARAM},
            eps=1e-6,
            tolerance=1e-6,
            max_checks=200,
            seed=0,
        ),
        counts={"max_checks": 1, "seed": 0},
        positive=("eps", "tolerance"),
    ),
    # --- data ---
    Entry(data.load_mnist_subset, dict(path=None), named={"path": "text"}),
    Entry(data.one_hot, dict(labels=np.array([0, 1, 2]), n_classes=10), counts={"n_classes": 1}),
    Entry(
        data.load_mnist,
        dict(n_train=10, n_test=10, data_dir=MNIST or "no-mnist-here", download=False),
        counts={"n_train": 0, "n_test": 0},
    ),
    Entry(data.mnist_dir, dict(data_dir="some/folder")),
    # --- argument checks ---
    Entry(validate.number, dict(name="weight", value=0.5), named={"value": "weight"}),
    Entry(validate.positive, dict(name="eps", value=0.5), named={"value": "eps"}),
    Entry(
        validate.count,
        dict(name="patience", value=3, low=1),
        named={"value": "patience"},
        unfuzzed={"low": "the calling function's own bound"},
    ),
    Entry(validate.figsize, dict(name="figsize", value=(3.0, 2.0)), named={"value": "figsize"}),
    Entry(
        validate.array,
        dict(name="weights", values=[0.1, 0.2], ndim=1),
        named={"values": "weights"},
        unfuzzed={"ndim": "the calling function's own constant, not a learner's value"},
    ),
    Entry(
        validate.index,
        dict(name="truth", value=3, size=10),
        counts={"value": 0},
        named={"value": "truth"},
        unfuzzed={"size": "the calling function's own length, not a learner's value"},
    ),
]

# --- checkers: the learner's answer is fuzzed -----------------------------------------------------

#: a right answer for every checker (from the chapters' checker tests)
RIGHT_ANSWERS: dict[Callable, dict[str, Any]] = {
    checks.check_learning_types: dict(learning_types=test_ch02.RIGHT_TYPES),
    checks.check_map_corner: dict(map_corner="supervised non-parametric"),
    checks.check_knob: dict(weight=1 / 8.5),
    checks.check_nearest_counting: dict(nearest_counting_prediction=test_ch02.nearest),
    checks.check_closest_setting: dict(closest_setting=0.12),
    checks.check_cutoff_reading: dict(cutoff_reading="AND"),
    checks.check_game_2_outputs: dict(game_2_pred=test_ch03.GAME_2),
    checks.check_fans_weight: dict(fans_weight=0.1),
    checks.check_vector_math: dict(
        zip(inspect.signature(checks.check_vector_math).parameters, test_ch03.RIGHT_FIVE)
    ),
    checks.check_game_predictions: dict(predictions=test_ch03.PREDICTIONS),
    checks.check_vect_mat_mul: dict(vect_mat_mul_fixed=test_ch03.vect_mat_mul),
    checks.check_broken_job: dict(broken_job="negative reversal"),
    checks.check_weight_delta: dict(weight_delta=2.1),
    checks.check_full_slope_descent: dict(gradient_descent_slope=test_ch04.descent()),
    checks.check_alpha_zigzag: dict(alpha_zigzag=0.25),
    checks.check_alpha_limit: dict(alpha_limit=0.5),
    **{
        checker: {next(iter(inspect.signature(checker).parameters)): answer}
        for checker, answer, _ in test_ch05.RIGHT_ANSWERS
    },
    **{
        checker: {next(iter(inspect.signature(checker).parameters)): answer}
        for checker, answer in test_ch06.RIGHT_ANSWERS
    },
    checks.check_global_line: dict(answer="b"),
    checks.check_network_shapes: dict(test_shapes=test_ch07.RIGHT_SHAPES),
    checks.check_unseen_prediction: dict(prediction_010=test_ch07.expected_010()),
    checks.check_predict_3: dict(predict_3=test_ch07.right_predict_3),
    checks.check_prediction_111: dict(prediction_111=0.0),
    checks.check_relu2deriv: dict(relu2deriv=lambda output: output > 0),
    checks.check_stop_on: dict(stop_on="validation"),
    checks.check_weight_count: dict(n_weights=test_ch08.N_WEIGHTS),
    checks.check_dropout_mask: dict(dropout_mask=test_ch08.good_mask),
    checks.check_keep_best: dict(keep_best=test_ch08.keep_best_right),
    checks.check_hidden_10_curves: dict(train_curve="below"),
    checks.check_delta_vanishes: dict(delta_zero_when="probability 1"),
    checks.check_equal_logits_delta: dict(delta_equal_logits=test_ch09.RIGHT_DELTA),
    checks.check_p_class_0: dict(p_class_0=test_ch09.P0),
    checks.check_softmax: dict(my_softmax=test_ch09.softmax),
    checks.check_binary_cross_entropy: dict(binary_cross_entropy=test_ch09.bce),
    checks.check_sigmoid_step: dict(sigmoid_step=test_ch09.make_step()),
    checks.check_shifted_loss: dict(shifted_loss=test_ch09.SHIFTED),
    checks.check_not_neuron: dict(w1=-5.0, b1=5.0),
    checks.check_tanh_layer: dict(a1=test_a1.LAYER),
    checks.check_cost: dict(cost=test_a1.COST),
    checks.check_dCdb: dict(dCdb=test_a1.dcdb()),
    checks.check_sigmoid_chain: dict(chain_backprop_sigmoid=test_a1.sigmoid_chain()),
    checks.check_missing_slope_error: dict(missing_slope_error=test_a1.ERROR),
}

ENTRIES += [Entry(fn, kwargs, answers=tuple(kwargs)) for fn, kwargs in RIGHT_ANSWERS.items()]
ENTRIES.append(
    Entry(
        checks.compare,
        dict(name="x", got=[1.0, 2.0], expected=[1.0, 2.0], tol=1e-6),
        answers=("got",),
        nonnegative=("tol",),
        unfuzzed={"expected": "the checker's own value, not the learner's"},
    )
)

#: public callables with no valid call here, and why
EXEMPT: dict[Callable, str] = {
    checks.Feedback: "the verdict every checker returns (tests/checks/test_feedback.py)",
    validate.plain_repr: "formats any value, so nothing to reject (pinned in "
    "tests/error_messages.txt)",
    gradcheck.GradientReport: "the verdict type of gradient_check",
    diagnose.Outcome: "a record of what a run did, built by the diagnoses",
    data.MnistFile: "a record describing one canonical MNIST file",
    data.MnistError: "an exception type",
    data.download_mnist_file: "downloads; bad files and mirrors: tests/test_data*.py",
    data.write_mnist_subset: "writes the shipped subset from the full files: tests/test_data.py",
    controls.Control: "the base class of NumberControl and ChoiceControl",
    logs.py2str: "prints a number the notebook computed; nan and inf print as Python 2 did",
    logs.py2str5: "prints a number the notebook computed; nan and inf print as Python 2 did",
    views.nice_ceiling: "a helper of the views, given computed positive numbers",
    views.node_label: "a helper of the views, given computed numbers (nan prints as nan)",
    views.style_colorbar: "styles a colour bar a plot or panel just made (tests/test_layout.py)",
    **{
        cls: "drawn by a plot or a panel, which check the arguments first (tests/test_views.py)"
        for cls in (
            views.View,
            views.KnobView,
            views.LocalPredictionsView,
            views.BowlView,
            views.CurveView,
            views.ImageView,
            views.ScoresView,
            views.MatrixView,
            views.NetworkView,
            views.AccuracyView,
            views.ProbabilitiesView,
            views.NeuronView,
        )
    },
}

#: (function, argument, kind of bad value) accepted on purpose, and why
HARMLESS: dict[tuple[Callable, str, str], str] = {
    **{
        (fn, arg, "None"): "None means 'not given' for this optional argument"
        for fn, args in {
            plots.plot_local_predictions: ("prediction",),
            plots.plot_error_bowl: ("weight", "error", "slope"),
            plots.plot_scores: ("truth",),
            plots.plot_probabilities: ("target",),
            plots.plot_weight_image: ("limit",),
            plots.plot_weight_images: ("limit", "figsize"),
            plots.plot_forward_views: ("index",),
            plots.plot_network: ("values",),
            widgets.three_bowls_explorer: ("alpha", "alphas"),
            diagnose.descent: ("bottom",),
            gradcheck.gradient_check: ("max_checks",),
            data.mnist_dir: ("data_dir",),
            data.load_mnist: ("data_dir",),
            validate.array: ("ndim",),
            validate.positive: ("value",),
            validate.count: ("value",),
            validate.figsize: ("value",),
            data.load_mnist_subset: ("path",),
        }.items()
        for arg in args
    },
    (plots.plot_error_bowl, "path", "None"): "path and path_errors: both or neither",
    (plots.plot_error_bowl, "path_errors", "None"): "path and path_errors: both or neither",
    (diagnose.divergence_step, "errors", "non-finite"): "non-finite errors are what it detects",
    (diagnose.divergence_step, "errors", "empty"): "no errors: nothing diverged",
    (plots.plot_weight_image, "weights", "shape"): "a column of 784 values is still a 28x28 image",
    (plots.plot_digit, "image", "shape"): "a column of 784 values is still a 28x28 image",
    (gradcheck.numerical_gradient, "param", "shape"): "any shape is a valid parameter",
    (gradcheck.numerical_gradient, "param", "empty"): "an empty parameter has an empty gradient",
    (data.one_hot, "labels", "empty"): "no labels give no rows",
    (plots.plot_accuracy_curves, "history", "empty"): "no history yet: empty axes",
    (diagnose.training, "history", "empty"): "no history yet: nothing went wrong",
    (diagnose.dead_units, "layer_1", "empty"): "no examples: no unit is known to be dead",
    (plots.plot_neuron, "goals", "empty"): "goals are optional",
    (
        panel.encode_png,
        "rgba",
        "non-finite",
    ): "the valid call is uint8: a float NaN there is a cast",
    (plots.plot_forward_views, "figsize", "None"): "None: matplotlib's default size",
    (
        plots.plot_neuron,
        "goals",
        "shape",
    ): "goals are read three numbers at a time, whatever the nesting",
    (
        diagnose.descent,
        "weights",
        "non-finite",
    ): "a weight that is not a number is a divergence it reports",
    (
        diagnose.descent,
        "errors",
        "non-finite",
    ): "an error that is not a number is a divergence it reports",
    (diagnose.training, "history", "None"): "no history yet: nothing went wrong",
    (diagnose.dead_units, "layer_1", "non-finite"): "a unit that outputs NaN is not silent",
}

#: (checker, kind of bad answer) accepted on purpose, and why
ANSWER_HARMLESS: dict[tuple[Callable, str], str] = {
    (checks.check_layer_1_delta, "shape"): "the exercise asks for three numbers, in any layout",
}


def _by_fn() -> dict[Callable, Entry]:
    return {e.fn: e for e in ENTRIES}


# --- bad values -----------------------------------------------------------------------------------


def _numeric(value: Any) -> bool:
    if isinstance(value, (str, bytes, bool, dict)) or callable(value) or value is None:
        return False
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return arr.size > 0


def _bad_values(entry: Entry, arg: str, value: Any) -> list[Any]:
    """Bad replacements for a valid argument value, by kind."""
    if isinstance(value, bool) or callable(value) or arg in entry.unfuzzed:
        return []
    if isinstance(value, (int, float, np.integer, np.floating)):
        bad: list[Any] = [math.nan, math.inf, -math.inf, None, "text"]
        if arg in entry.counts:
            low = entry.counts[arg]
            bad += [low - 1, -7, 2.5]
        if arg in entry.positive:
            bad += [0.0, -1.0]
        if arg in entry.nonnegative:
            bad += [-1.0]
        return bad
    if isinstance(value, dict):
        return [None, "text"]
    if not _numeric(value):
        return [None, "text"] if not isinstance(value, str) else []
    arr = np.asarray(value, dtype=float)
    bad = [None, "text", np.array([]), arr[..., None] if arr.ndim < 3 else arr.ravel()]
    for special in (math.nan, math.inf):
        broken = arr.copy()
        broken.flat[0] = special
        bad.append(broken if isinstance(value, np.ndarray) else broken.tolist())
    if arg in entry.positive:
        for number in (0.0, -1.0):
            broken = arr.copy()
            broken.flat[0] = number
            bad.append(tuple(broken.tolist()))
    return bad


def _bad_answers(value: Any) -> list[Any]:
    """Bad answers of the kind the right answer is."""
    if callable(value):
        return [
            None,
            "text",
            3.0,
            _raises,
            lambda *args: None,
            lambda *args: math.nan,
            lambda *args: "text",
            lambda: 0.0,
        ]
    if isinstance(value, str):
        return [None, "", "zzz", 3.5, ["a"], {"a": 1}, True]
    if isinstance(value, dict):
        return [None, "text", {}, [], {"x": math.nan}, True]
    if _numeric(value):
        arr = np.asarray(value, dtype=float)
        bad = [None, "text", True, math.nan, math.inf, -math.inf, [], [[1.0, 2.0], [3.0]]]
        if arr.ndim:
            bad += [arr[..., None], arr * math.nan]
        return bad
    return [None, "text"]


def kind_of(bad: Any) -> str:
    if bad is None:
        return "None"
    if isinstance(bad, str):
        return "text"
    if isinstance(bad, float) and not math.isfinite(bad):
        return "non-finite"
    if isinstance(bad, (int, float)):
        return "number"
    try:
        arr = np.asarray(bad, dtype=float)
    except (TypeError, ValueError):
        return "other"
    if arr.size == 0:
        return "empty"
    if not np.all(np.isfinite(arr)):
        return "non-finite"
    return "shape" if isinstance(bad, np.ndarray) or arr.ndim > 1 else "number"


def _cases():
    for entry in ENTRIES:
        if entry.answers:
            continue
        for arg, value in entry.kwargs.items():
            for k, bad in enumerate(_bad_values(entry, arg, value)):
                yield pytest.param(entry, arg, bad, id=f"{entry.name}-{arg}-{k}")


def _answer_cases():
    for entry in ENTRIES:
        for arg in entry.answers:
            for k, bad in enumerate(_bad_answers(entry.kwargs[arg])):
                yield pytest.param(entry, arg, bad, id=f"{entry.name}-{arg}-{k}")


CASES = list(_cases())
ANSWER_CASES = list(_answer_cases())
SETTINGS_OF_CHECKERS = [
    pytest.param(e, arg, bad, id=f"{e.name}-{arg}-{k}")
    for e in ENTRIES
    if e.answers
    for arg, value in e.kwargs.items()
    if arg not in e.answers
    for k, bad in enumerate(_bad_values(e, arg, value))
]


# --- the audit ------------------------------------------------------------------------------------


def test_every_public_callable_has_an_entry_or_an_exemption():
    audited = set(_by_fn()) | set(EXEMPT)
    missing = [name for obj, name in public_callables().items() if obj not in audited]
    assert not missing, f"add an audit entry (or an exemption with its reason) for: {missing}"


def test_no_entry_is_stale():
    public = set(public_callables())
    stale = [e.name for e in ENTRIES if e.fn not in public] + [
        str(f) for f in EXEMPT if f not in public
    ]
    assert not stale, f"entries for callables that are no longer public: {stale}"


def test_every_checker_has_a_right_answer():
    checkers = {getattr(checks, n) for n in checks.__all__ if n.startswith("check_")}
    assert checkers == set(RIGHT_ANSWERS)


def _numeric_parameters(fn: Callable) -> list[str]:
    names = []
    for p in inspect.signature(fn).parameters.values():
        if p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
            continue
        annotation = p.annotation if isinstance(p.annotation, str) else str(p.annotation)
        numeric_default = isinstance(p.default, (int, float)) and not isinstance(p.default, bool)
        if numeric_default or re.search(r"\b(int|float)\b", annotation):
            names.append(p.name)
    return names


@pytest.mark.parametrize("entry", [e for e in ENTRIES if not e.answers], ids=lambda e: e.name)
def test_every_numeric_argument_is_audited(entry):
    """Optional numeric arguments too: each is in the valid call (so fuzzed) or says why not."""
    missing = [
        name
        for name in _numeric_parameters(entry.fn)
        if name not in entry.kwargs and name not in entry.unfuzzed
    ]
    assert not missing, f"{entry.name}: give {missing} in its valid call (or say why not)"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_the_valid_call_works(entry):
    if entry.fn is data.load_mnist and MNIST is None:
        pytest.skip("no MNIST files here: the valid call of load_mnist needs them")
    try:
        result = entry.fn(**entry.kwargs)
    finally:
        plt.close("all")
    if entry.answers:
        assert isinstance(result, Feedback) and result.ok, f"{entry.name}: {result!r}"


@pytest.mark.parametrize("entry, arg, bad", CASES + SETTINGS_OF_CHECKERS)
def test_a_bad_argument_gives_a_clear_error(entry, arg, bad):
    call = {**entry.kwargs, arg: bad}
    expected = entry.named.get(arg, arg)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            entry.fn(**call)
    except (ValueError, TypeError, data.MnistError) as e:
        assert re.search(rf"\b{re.escape(expected)}\b", str(e), re.I), (
            f"{entry.name}({arg}={bad!r}): the error doesn't name {expected!r}: "
            f"{type(e).__name__}: {e}"
        )
    else:
        assert (entry.fn, arg, kind_of(bad)) in HARMLESS, (
            f"{entry.name}({arg}={bad!r}) was accepted"
        )
    finally:
        plt.close("all")


@pytest.mark.parametrize("entry, arg, bad", ANSWER_CASES)
def test_a_bad_answer_gets_a_verdict_never_an_error(entry, arg, bad):
    verdict = entry.fn(**{**entry.kwargs, arg: bad})
    assert isinstance(verdict, Feedback), f"{entry.name}({arg}={bad!r}) returned {verdict!r}"
    if (entry.fn, kind_of(bad)) in ANSWER_HARMLESS:
        return
    assert not verdict.ok, f"{entry.name}({arg}={bad!r}) was accepted: {verdict!r}"
    allowed = (WRONG, UNANSWERED) if bad is None or _returns_none(bad) else (WRONG,)
    assert verdict.status in allowed, f"{entry.name}({arg}={bad!r}): {verdict!r}"


def _returns_none(fn: Any) -> bool:
    """A function whose body is still `...` returns None: "not answered yet" is right for it."""
    if not callable(fn):
        return False
    try:
        return fn(*([0.0] * len(inspect.signature(fn).parameters))) is None
    except Exception:
        return False


# --- what is covered ------------------------------------------------------------------------------


def counts() -> Counter:
    """Bad values tried per callable."""
    tally: Counter = Counter({e.name: 0 for e in ENTRIES})
    for case in CASES + SETTINGS_OF_CHECKERS + ANSWER_CASES:
        tally[case.values[0].name] += 1
    return tally


if __name__ == "__main__":
    tally = counts()
    found = public_callables()
    for name, n in sorted(tally.items()):
        print(f"{n:4d}  {name}")
    print(
        f"{sum(tally.values()):4d}  bad values in total, over {len(tally)} callables with a valid "
        f"call ({len(RIGHT_ANSWERS) + 1} of them checkers, whose bad answers must get a verdict)"
    )
    print(f"{len(found)} public callables found in {len(MODULES)} modules; exempt ({len(EXEMPT)}):")
    for obj, why in EXEMPT.items():
        print(f"      {found.get(obj, obj)}: {why}")
