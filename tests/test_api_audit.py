"""Audit of the public `nnutils` API: every argument, fed every kind of bad value.

For each public plot, widget builder and numeric helper there is one valid call
(`CALLS`). Each argument in turn is replaced by bad values of its kind: NaN,
infinities, None, text, and for arrays also a wrong shape and an empty array.
The rule: the call raises ValueError or TypeError and the message names the
argument, so a learner knows what to fix; never an IndexError from deep inside
matplotlib, never a picture of nonsense. Checkers are the exception by design:
they receive the learner's answer and must *return* a ✘ verdict instead of
raising (`CHECKER_CALLS`).

Run `python tests/test_api_audit.py` to print how many bad inputs each function
was given.
"""

from __future__ import annotations

import math
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnutils import checks, data, gradcheck, plots, widgets

V = np.linspace(0.0, 1.0, 11)


def _relu(x):
    return np.maximum(x, 0)


def _ident(*args):
    return args[0]


CALLS = {
    plots.plot_local_predictions: dict(
        input=[8.5, 0.65, 1.2], weights=[0.1, 0.2, 0.0], names=["a", "b", "c"], prediction=0.98
    ),
    plots.plot_knob: dict(input=8.5, weight=0.1, prediction=0.85, goal=1.0),
    plots.plot_error_bowl: dict(weight_grid=V, error_grid=V**2, weight=0.5, error=0.25, slope=1.0),
    plots.plot_error_curve: dict(errors=[1.0, 0.5, 0.25]),
    plots.plot_predictions_vs_goal: dict(predictions=[0.1, 0.5, 0.8], goal=0.8),
    plots.plot_weight_image: dict(weights=np.zeros(784)),
    plots.plot_digit: dict(image=np.zeros(784)),
    plots.plot_weight_images: dict(weights=np.zeros((784, 3))),
    plots.plot_scores: dict(scores=np.arange(10.0), truth=3),
    plots.plot_network: dict(weights=[np.ones((3, 4)), np.ones((4, 1))]),
    plots.plot_matrix: dict(values=np.eye(3)),
    plots.plot_forward_views: dict(
        layer_0=np.ones((1, 3)),
        weights_0_1=np.ones((3, 4)),
        layer_1=np.ones((1, 4)),
        weights_1_2=np.ones((4, 1)),
        layer_2=np.ones((1, 1)),
    ),
    plots.plot_confusion: dict(confusion=np.eye(3)),
    plots.plot_per_class_accuracy: dict(accuracy=[0.9, 0.8]),
    plots.plot_activation: dict(x=V, output=V, derivative=V),
    plots.plot_probabilities: dict(probabilities=[0.2, 0.8], target=1),
    plots.plot_neuron: dict(inputs=[0.0, 1.0], outputs=[0.1, 0.2]),
    widgets.knob_explorer: dict(neural_network=lambda i, w: i * w, input=8.5, goal=1.0, weight=0.1),
    widgets.weighted_sum_explorer: dict(
        neural_network=lambda i, w: float(np.dot(i, w)), input=[8.5, 0.65, 1.2]
    ),
    widgets.bowl_explorer: dict(error=lambda w: w**2, slope=lambda w: 2 * w, weight=0.5),
    widgets.softmax_explorer: dict(
        softmax=lambda z: np.exp(z) / np.exp(z).sum(),
        cross_entropy=lambda p, t: -np.sum(t * np.log(p)),
        logits=[0.1, 0.2, 0.3],
        target=1,
    ),
    widgets.neuron_explorer: dict(neuron=lambda a, w, b: np.tanh(w * a + b), weight=1.3, bias=-0.1),
    widgets.forward_stepper: dict(
        relu=_relu,
        weights_0_1=np.ones((3, 4)),
        weights_1_2=np.ones((4, 1)),
        streetlights=data.STREETLIGHTS_4,
    ),
    widgets.descent_explorer: dict(
        gradient_descent=lambda w, i, g, a, steps: [w] * (steps + 1),
        error=lambda w, i, g: (i * w - g) ** 2,
        goal_pred=0.8,
        weight=0.5,
        input=0.5,
        alpha=1.0,
        steps=20,
    ),
    widgets.hot_cold_explorer: dict(
        hot_and_cold=lambda step, n: ([0.1] * n, [0.5] * n),
        goal_pred=0.8,
        step_amount=0.001,
        iterations=10,
    ),
    widgets.three_bowls_explorer: dict(
        train=lambda freeze: [[0.1, 0.2, -0.1]] * 3, error=lambda w: float(np.sum(w)), span=1.0
    ),
    widgets.digit_picker: dict(
        weights=np.zeros((784, 10)),
        predict=lambda image, w: image @ w,
        images=np.zeros((10, 784)),
        labels=np.eye(10),
    ),
    widgets.streetlight_trainer: dict(
        train=lambda sl, wv, hidden_size, alpha, iterations, seed, use_relu: (
            [1.0, 0.5],
            np.ones((3, hidden_size)),
            np.ones((hidden_size, 1)),
        ),
        forward=lambda l0, w01, w12, use_relu: (l0 @ w01, l0 @ w01 @ w12),
        datasets={"four": (data.STREETLIGHTS_4, data.WALK_VS_STOP_4[:, None])},
        hidden_size=4,
        alpha=0.2,
        iterations=60,
        seed=1,
    ),
    widgets.TrainingExplorer: dict(
        train=lambda **settings: iter(()),
        alpha=0.1,
        hidden_size=100,
        batch_size=100,
        dropout=0.5,
        iterations=100,
        redraw_seconds=0.25,
    ),
    widgets.divergence_step: dict(errors=[1.0, 2.0], factor=1e6),
    data.load_mnist: dict(n_train=10, n_test=10, download=False),
    data.one_hot: dict(labels=np.array([0, 1, 2]), n_classes=10),
    gradcheck.numerical_gradient: dict(loss=lambda: 0.0, param=np.zeros(3)),
}

#: callables are not fuzzed: a learner's function that fails is reported by the widget itself
FUZZED_KINDS = (int, float, list, tuple, np.ndarray)


def _bad_values(value):
    """Bad replacements for a valid argument value, by kind."""
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [math.nan, math.inf, -math.inf, None, "text"]
    arr = np.asarray(value, dtype=float) if _numeric(value) else None
    if arr is None:
        return [None, "text"]
    bad = [None, "text", np.array([]), arr[..., None] if arr.ndim < 3 else arr.ravel()]
    for special in (math.nan, math.inf):
        broken = arr.copy()
        broken.flat[0] = special
        bad.append(broken if isinstance(value, np.ndarray) else broken.tolist())
    return bad


def _numeric(value) -> bool:
    try:
        np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return True


def _cases():
    for fn, kwargs in CALLS.items():
        for name, value in kwargs.items():
            if not isinstance(value, FUZZED_KINDS) or callable(value):
                continue
            for k, bad in enumerate(_bad_values(value)):
                yield pytest.param(fn, kwargs, name, bad, id=f"{fn.__name__}-{name}-{k}")


CASES = list(_cases())


@pytest.mark.parametrize("fn", list(CALLS), ids=lambda f: f.__name__)
def test_the_valid_call_works(fn):
    fn(**CALLS[fn])
    plt.close("all")


@pytest.mark.parametrize("fn, kwargs, name, bad", CASES)
def test_bad_argument_gives_a_clear_error(fn, kwargs, name, bad):
    call = {**kwargs, name: bad}
    try:
        fn(**call)
    except (ValueError, TypeError, data.MnistError) as e:
        assert name in str(e), f"{fn.__name__}({name}={bad!r}): the error doesn't name it: {e}"
    else:
        # a few arguments accept odd values on purpose; those must still be harmless
        assert (fn, name, _kind(bad)) in HARMLESS, f"{fn.__name__}({name}={bad!r}) was accepted"
    finally:
        plt.close("all")


def _kind(bad) -> str:
    if bad is None:
        return "None"
    if isinstance(bad, str):
        return "text"
    if isinstance(bad, float):
        return repr(bad)
    arr = np.asarray(bad, dtype=float)
    if arr.size == 0:
        return "empty"
    if not np.all(np.isfinite(arr)):
        return "non-finite"
    return "shape"


#: (function, argument, kind of bad value) that is accepted by design, and why
HARMLESS = {
    # None means "not given" for these optional marks
    (plots.plot_local_predictions, "prediction", "None"),
    (plots.plot_error_bowl, "weight", "None"),
    (plots.plot_error_bowl, "error", "None"),
    (plots.plot_error_bowl, "slope", "None"),
    (plots.plot_scores, "truth", "None"),
    (plots.plot_probabilities, "target", "None"),
    # a divergence test treats non-finite errors as "diverged here", which is its job
    (widgets.divergence_step, "errors", "non-finite"),
    (widgets.divergence_step, "errors", "empty"),
    # a column of 784 values is still one 28x28 image
    (plots.plot_weight_image, "weights", "shape"),
    (plots.plot_digit, "image", "shape"),
    # any array shape is a valid parameter; an empty one has an empty gradient
    (gradcheck.numerical_gradient, "param", "shape"),
    (gradcheck.numerical_gradient, "param", "empty"),
    # no labels give no rows
    (data.one_hot, "labels", "empty"),
}


CHECKER_CALLS = {
    checks.check_game_predictions: dict(predictions=[0.85, 0.98, 0.4]),
    checks.check_knob: dict(weight=0.1),
    checks.check_weight_delta: dict(weight_delta=0.3),
    checks.check_alpha_limit: dict(alpha_limit=0.5),
    checks.check_weight_deltas: dict(weight_deltas=[0.1, 0.2, 0.3]),
    checks.check_outer_weight_deltas: dict(weight_deltas=np.zeros((3, 3))),
    checks.check_not_neuron: dict(w1=-5.0, b1=5.0),
    checks.check_tanh_layer: dict(a1=[0.76159416, -0.76159416]),
    checks.check_cost: dict(cost=1.7788340952508743),
    checks.compare: dict(name="x", got=[1.0, 2.0], expected=[1.0, 2.0]),
}
CHECKER_CASES = [
    pytest.param(fn, name, bad, id=f"{fn.__name__}-{name}-{k}")
    for fn, kwargs in CHECKER_CALLS.items()
    for name, value in kwargs.items()
    if name not in ("name", "expected")
    for k, bad in enumerate(_bad_values(value))
]


@pytest.mark.parametrize("fn, name, bad", CHECKER_CASES)
def test_checkers_answer_bad_answers_with_a_verdict(fn, name, bad):
    verdict = fn(**{**CHECKER_CALLS[fn], name: bad})
    assert isinstance(verdict, checks.Feedback)
    assert not verdict.ok, f"{fn.__name__}({name}={bad!r}) was accepted"


def counts() -> Counter:
    """Bad inputs tried per function."""
    tally = Counter(p.values[0].__name__ for p in CASES)
    tally.update(p.values[0].__name__ for p in CHECKER_CASES)
    return tally


if __name__ == "__main__":
    tally = counts()
    for name, n in sorted(tally.items()):
        print(f"{n:4d}  {name}")
    print(f"{sum(tally.values()):4d}  in total, over {len(tally)} functions")
