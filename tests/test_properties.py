"""Property-based tests (hypothesis) of the pure helpers, the controls and a panel.

Any valid input gives the promised result; any invalid one raises the
documented error naming the argument.
"""

from __future__ import annotations

import io
import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from PIL import Image

from nnutils import checks, diagnose, gradcheck, plots, py2str, py2str5, views, widgets
from nnutils.controls import int_slider, log_slider, slider
from nnutils.data import one_hot
from nnutils.panel import encode_png
from tests import notebook_functions as nf

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
small = st.floats(min_value=-50, max_value=50, allow_nan=False)
fast = settings(max_examples=60, deadline=None)

# --- logs ---------------------------------------------------------------------------------------


@fast
@given(finite)
def test_py2str_round_trips_12_digits_and_looks_like_a_float(x):
    text = py2str(x)
    assert float(text) == float(f"{x:.12g}")
    assert "." in text or "e" in text
    assert py2str5(x) == text[:5]


@pytest.mark.parametrize("x, text", [(math.nan, "nan"), (math.inf, "inf"), (-math.inf, "-inf")])
def test_py2str_names_non_finite_values(x, text):
    assert py2str(x) == text


# --- data ---------------------------------------------------------------------------------------


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


# --- diagnose -----------------------------------------------------------------------------------


@fast
@given(st.lists(st.floats(0, 1e3), max_size=30))
def test_divergence_step_none_for_tame_errors(errors):
    assert diagnose.divergence_step(errors) is None


@fast
@given(st.lists(st.floats(0, 1e3), min_size=1, max_size=30), st.data())
def test_divergence_step_finds_the_first_bad_value(errors, data):
    k = data.draw(st.integers(0, len(errors)))
    bad = data.draw(st.sampled_from([math.nan, math.inf, -math.inf, 1e300]))
    errors = errors[:k] + [bad] + errors[k:]
    # a huge first error sets the scale: nothing after it is a million times larger
    expected = None if bad == 1e300 and k == 0 else k
    assert diagnose.divergence_step(errors) == expected


@pytest.mark.parametrize("factor", [1, 0.5, -2, math.nan, math.inf, "big"])
def test_divergence_step_rejects_bad_factor(factor):
    with pytest.raises(ValueError, match="factor"):
        diagnose.divergence_step([1.0], factor)


def _factor():
    """1 - alpha * input**2: how the distance to the bottom changes each step, away from +-1."""
    return st.one_of(
        st.floats(-0.95, -0.05), st.floats(0.05, 0.95), st.floats(-3.0, -1.05), st.floats(1.05, 3.0)
    )


@fast
@given(
    _factor(),
    st.floats(0.5, 3.0),
    st.sampled_from([-1, 1]),
    st.floats(0.1, 2.0),
    st.floats(-1.0, 1.0),
)
def test_descent_outcome_follows_the_factor_of_each_step(r, input, sign, distance, goal):
    """|1 - alpha input^2| < 1 converges (or is on its way), > 1 grows; negative zig-zags."""
    input *= sign
    alpha = (1 - r) / input**2
    bottom = goal / input
    path = nf.gradient_descent(bottom + distance, input, goal, alpha, 20)
    errors = [nf.error_at(w, input, goal) for w in path]
    outcome = diagnose.descent(path, errors, bottom)
    if abs(r) < 1:
        assert outcome.kind in ("converged", "descending"), outcome
        assert ("zig-zagging" in outcome.message) == (r < 0), outcome
    else:
        assert outcome.kind in ("growing", "diverged"), outcome


@fast
@given(st.floats(-5, 5), st.floats(0.01, 3), st.integers(2, 20))
def test_bounce_finds_a_two_value_cycle(goal, half, repeats):
    predictions = [goal - half, goal + half] * repeats
    outcome = diagnose.bounce(predictions, goal)
    assert outcome.kind == "bouncing"
    assert f"between {goal - half:.4g} and {goal + half:.4g}" in outcome.message


@fast
@given(
    hnp.arrays(
        np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=6), elements=st.floats(0, 5)
    )
)
def test_dead_units_are_exactly_the_all_zero_columns(layer):
    expected = [j for j in range(layer.shape[1]) if not layer[:, j].any()]
    assert diagnose.dead_units(layer) == expected


# --- views' helpers -----------------------------------------------------------------------------


@fast
@given(st.floats(1e-6, 1e9), st.sampled_from([views.FINE, views.COARSE]))
def test_nice_ceiling_is_a_step_times_a_power_of_ten_at_least_n(n, steps):
    top = views.nice_ceiling(n, steps)
    assert top >= n * (1 - 1e-9)
    scale = 10.0 ** math.floor(math.log10(top) + 1e-12)
    assert any(math.isclose(top / scale, m) or math.isclose(top / scale, m / 10) for m in steps)
    assert views.nice_ceiling(top * 0.999999, steps) <= top * (1 + 1e-12)


@fast
@given(st.floats(-0.00499, 0.00499).filter(lambda x: x != 0))
def test_node_label_keeps_the_sign_of_small_values(x):
    label = views.node_label(x)
    assert label.startswith("-") == (x < 0)
    assert float(label) != 0


# --- checks and gradient checking --------------------------------------------------------------


@fast
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5), elements=small))
def test_compare_accepts_itself_and_rejects_a_shift(arr):
    assert checks.compare("x", arr, arr).ok
    shifted = checks.compare("x", arr + 1, arr)
    assert not shifted.ok and shifted.status == "wrong"


@fast
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5), elements=small))
def test_compare_rejects_a_different_shape_saying_both(arr):
    assume(arr.size > 1)
    verdict = checks.compare("x", arr.ravel()[:-1], arr)
    assert not verdict.ok and verdict.status == "wrong"
    assert str(arr.shape) in verdict.message


@fast
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=4), elements=small))
def test_numerical_gradient_of_a_quadratic(x):
    weights = np.arange(x.size, dtype=float).reshape(x.shape) + 1
    before = x.copy()
    grad = gradcheck.numerical_gradient(lambda: float(np.sum(weights * x**2)), x)
    assert grad.shape == x.shape
    assert np.allclose(grad, 2 * weights * x, rtol=1e-5, atol=1e-4)
    assert np.array_equal(x, before)


@fast
@given(hnp.arrays(np.float64, (3, 4), elements=st.floats(0.1, 5)), st.floats(1e-3, 0.5))
def test_gradient_check_passes_right_and_flags_scaled_gradients(x, error):
    def loss():
        return float(np.sum(np.sin(x) * x))

    right = np.sin(x) + x * np.cos(x)
    assert gradcheck.gradient_check(loss, {"x": x}, {"x": right}).ok
    report = gradcheck.gradient_check(loss, {"x": x}, {"x": right * (1 + error)})
    assert not report.ok and "x" in report.message
    assert report.errors["x"] == pytest.approx(error / (2 + error), rel=1e-2)


# --- the PNG encoder ----------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(hnp.arrays(np.uint8, st.tuples(st.integers(1, 40), st.integers(1, 40), st.just(4))))
def test_encode_png_round_trips_any_rgba(rgba):
    decoded = np.asarray(Image.open(io.BytesIO(encode_png(rgba))).convert("RGBA"))
    assert np.array_equal(decoded, rgba)


# --- controls: what the learner types -------------------------------------------------------------


@fast
@given(st.floats(-1.0, 1.0))
def test_a_typed_number_in_range_is_kept_exactly(x):
    control = slider("x", "x", 0.5, -1.0, 1.0, 0.01)
    control.readout.value = repr(x)
    assert control.value == x


@fast
@given(st.floats(-1e300, 1e300).filter(lambda x: abs(x) > 1))
def test_a_typed_number_beyond_the_range_goes_to_the_nearest_end(x):
    control = slider("x", "x", 0.5, -1.0, 1.0, 0.01)
    control.readout.value = repr(x)
    assert control.value == (1.0 if x > 0 else -1.0)


@fast
@given(st.text(max_size=8))
def test_typed_text_that_is_not_a_number_changes_nothing(text):
    try:
        number = float(text.strip().replace("−", "-").replace(",", "."))
    except ValueError:
        number = None
    assume(number is None or math.isnan(number))
    for control in (
        slider("x", "x", 0.5, -1, 1, 0.01),
        log_slider("a", "a", 0.01, -3, 1, 0.1),
        int_slider("n", "n", 5, 0, 10),
    ):
        before = control.value
        control.readout.value = text
        assert control.value == before
        assert control.readout.value == control.format(before)


# --- plots --------------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 10), elements=small))
def test_plot_probabilities_any_finite_bars(p):
    fig = plots.plot_probabilities(p)
    ax = fig.axes[0]
    assert [bar.get_height() for bar in ax.patches] == pytest.approx(p.tolist())
    lo, hi = ax.get_ylim()
    assert lo <= min(p.min(), 0) and hi >= max(p.max(), 1)  # every bar in view
    plots.plt.close(fig)


@settings(max_examples=25, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 10), elements=small), st.data())
def test_plot_probabilities_rejects_nan_naming_the_argument(p, data):
    k = data.draw(st.integers(0, len(p) - 1))
    p = p.copy()
    p[k] = data.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    with pytest.raises(ValueError, match="probabilities must be finite"):
        plots.plot_probabilities(p)


# --- a panel at any slider position -------------------------------------------------------------


@pytest.fixture(scope="module")
def softmax_panel():
    return widgets.softmax_explorer(nf.softmax, nf.cross_entropy, normalise=nf.normalise)


@settings(max_examples=25, deadline=None)
@given(logits=st.lists(st.floats(-6, 6), min_size=3, max_size=3), target=st.integers(0, 2))
def test_softmax_explorer_any_slider_position(softmax_panel, logits, target):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        message = softmax_panel.update(z0=logits[0], z1=logits[1], z2=logits[2], target=target)
    assert softmax_panel.last_error is None, message
    given = [softmax_panel.values()[f"z{i}"] for i in range(3)]
    assert given == logits  # the learner's softmax gets the logits as set, every digit
    p = nf.softmax(np.array(logits))
    assert message.startswith(
        f"cross-entropy = -log({p[target]:.4f}) = {-math.log(p[target]):.4f};"
    )
