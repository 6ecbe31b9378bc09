"""Property-based tests of the pure helpers: any valid input gives a finite result of the
promised shape, any invalid one raises the documented error naming the argument."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnutils import checks, gradcheck, plots, py2str, py2str5, widgets
from nnutils.data import one_hot

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
small = st.floats(min_value=-50, max_value=50, allow_nan=False)
fast = settings(max_examples=60, deadline=None)


# --- logs --------------------------------------------------------------------------


@fast
@given(finite)
def test_py2str_round_trips_12_digits_and_looks_like_a_float(x):
    text = py2str(x)
    assert float(text) == float(f"{x:.12g}")
    assert "." in text or "e" in text
    assert py2str5(x) == text[:5]


@fast
@given(st.sampled_from([math.nan, math.inf, -math.inf]))
def test_py2str_names_non_finite_values(x):
    assert py2str(x) in {"nan", "inf", "-inf"}


# --- data --------------------------------------------------------------------------


@fast
@given(st.integers(1, 12).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.integers(0, n - 1)))))
def test_one_hot_valid_labels(case):
    n, labels = case
    out = one_hot(np.array(labels, dtype=int), n)
    assert out.shape == (len(labels), n)
    assert np.all(out.sum(axis=1) == 1)
    assert np.array_equal(out.argmax(axis=1), np.array(labels, dtype=int))


@fast
@given(st.lists(st.integers(-5, 20), min_size=1).filter(lambda v: min(v) < 0 or max(v) >= 10))
def test_one_hot_out_of_range_labels(labels):
    with pytest.raises(ValueError, match="labels must lie in 0..9"):
        one_hot(np.array(labels), 10)


@fast
@given(st.lists(st.floats(0.01, 8.99).filter(lambda v: v != round(v)), min_size=1))
def test_one_hot_rejects_fractional_labels(labels):
    with pytest.raises(ValueError, match="whole numbers"):
        one_hot(np.array(labels), 10)


@pytest.mark.parametrize("n", [0, -3, 2.5, True, None])
def test_one_hot_rejects_bad_class_counts(n):
    with pytest.raises(ValueError, match="n_classes"):
        one_hot(np.array([0, 1]), n)


# --- widgets' divergence test -------------------------------------------------------


@fast
@given(st.lists(st.floats(0, 1e3), max_size=30))
def test_divergence_step_none_for_tame_errors(errors):
    assert widgets.divergence_step(errors) is None


@fast
@given(st.lists(st.floats(0, 1e3), min_size=1, max_size=30), st.data())
def test_divergence_step_finds_the_first_bad_value(errors, data):
    k = data.draw(st.integers(0, len(errors) - 1))
    bad = data.draw(st.sampled_from([math.nan, math.inf, 1e300]))
    errors = errors[:k] + [bad] + errors[k:]
    step = widgets.divergence_step(errors)
    assert step is not None and step <= k or (bad == 1e300 and k == 0)


@pytest.mark.parametrize("factor", [1, 0.5, -2, math.nan, math.inf, "big"])
def test_divergence_step_rejects_bad_factor(factor):
    with pytest.raises(ValueError, match="factor"):
        widgets.divergence_step([1.0], factor)


# --- checks ------------------------------------------------------------------------


@fast
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5), elements=small))
def test_compare_accepts_itself_and_rejects_a_shift(arr):
    assert checks.compare("x", arr, arr).ok
    assert not checks.compare("x", arr + 1, arr).ok
    assert not checks.compare("x", arr.ravel()[:-1], arr).ok if arr.size > 1 else True


@fast
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=4), elements=small))
def test_numerical_gradient_of_a_quadratic(x):
    weights = np.arange(x.size, dtype=float).reshape(x.shape) + 1
    grad = gradcheck.numerical_gradient(lambda: float(np.sum(weights * x**2)), x)
    assert grad.shape == x.shape
    assert np.allclose(grad, 2 * weights * x, rtol=1e-5, atol=1e-4)


@fast
@given(
    hnp.arrays(np.float64, (3, 4), elements=st.floats(0.1, 5)),
    st.floats(1e-3, 0.5),
)
def test_gradient_check_passes_right_and_flags_scaled_gradients(x, error):
    def loss():
        return float(np.sum(np.sin(x) * x))

    right = np.sin(x) + x * np.cos(x)
    assert gradcheck.gradient_check(loss, {"x": x}, {"x": right}).ok
    report = gradcheck.gradient_check(loss, {"x": x}, {"x": right * (1 + error)})
    assert not report.ok and "x" in report.message


@pytest.mark.parametrize(
    "grads, match",
    [
        ({"y": np.zeros(3)}, "same arrays"),
        ({"x": np.zeros(4)}, "shape"),
        ({"x": np.array([0.0, np.nan, 0.0])}, "nan or inf"),
    ],
)
def test_gradient_check_bad_arguments(grads, match):
    x = np.zeros(3)
    with pytest.raises(ValueError, match=match):
        gradcheck.gradient_check(lambda: float(np.sum(x)), {"x": x}, grads)


# --- plots -------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 10), elements=small))
def test_plot_probabilities_any_finite_bars(p):
    fig = plots.plot_probabilities(p)
    assert len(fig.axes[0].patches) == len(p)
    plots.plt.close(fig)


@settings(max_examples=25, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 10), elements=small),
    st.data(),
)
def test_plot_probabilities_rejects_nan_naming_the_argument(p, data):
    k = data.draw(st.integers(0, len(p) - 1))
    p = p.copy()
    p[k] = data.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    with pytest.raises(ValueError, match="probabilities must be finite"):
        plots.plot_probabilities(p)


# --- widgets at any slider position -------------------------------------------------


def _softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


_SOFTMAX_PANEL = None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-6, 6), min_size=3, max_size=3), st.integers(0, 2))
def test_softmax_explorer_any_slider_position(logits, target):
    global _SOFTMAX_PANEL
    if _SOFTMAX_PANEL is None:
        _SOFTMAX_PANEL = widgets.softmax_explorer(
            _softmax, lambda p, t: -np.sum(t * np.log(p)), normalise=lambda z: z / np.sum(z)
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        message = _SOFTMAX_PANEL.update(z0=logits[0], z1=logits[1], z2=logits[2], target=target)
    assert _SOFTMAX_PANEL.last_error is None, message
    loss = float(message.split("= ")[2].split(";")[0])
    assert np.isfinite(loss) and loss >= 0
