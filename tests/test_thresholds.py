"""Verdicts at their thresholds: the small bugs a learner could never see.

Each test here fails for one plausible mistake in the code it covers: a
tolerance loosened, a sign lost, a checksum compared in part, a sample that
never reaches the end of an array, a bool taken for a number.
"""

from __future__ import annotations

import gzip
import hashlib
import math

import numpy as np
import pytest

from nnutils import data, gradcheck, logs, validate
from nnutils.checks import compare
from nnutils.checks.feedback import RIGHT, WRONG

# --- compare: the tolerance is the stated one ---------------------------------------------------


@pytest.mark.parametrize("tol", [1e-6, 1e-3, 0.05])
@pytest.mark.parametrize("expected", [0.3, -2.5, 1000.0])
def test_compare_accepts_just_inside_and_rejects_just_outside_its_tolerance(tol, expected):
    assert compare("x", expected + 0.9 * tol, expected, tol=tol).status == RIGHT
    assert compare("x", expected - 0.9 * tol, expected, tol=tol).status == RIGHT
    assert compare("x", expected + 1.1 * tol, expected, tol=tol).status == WRONG
    assert compare("x", expected - 1.1 * tol, expected, tol=tol).status == WRONG


def test_compare_default_tolerance_is_one_millionth():
    assert compare("x", 0.5 + 9e-7, 0.5).status == RIGHT
    assert compare("x", 0.5 + 1.1e-6, 0.5).status == WRONG


def test_compare_checks_every_entry_not_just_the_first():
    expected = [1.0, 2.0, 3.0]
    assert compare("x", [1.0, 2.0, 3.0 + 1e-3], expected).status == WRONG
    assert compare("x", [1.0 + 1e-3, 2.0, 3.0], expected).status == WRONG


# --- the gradient checker ------------------------------------------------------------------------


def _quadratic(shape, seed=0):
    """A loss whose gradient is known exactly: sum(c * w**2) / 2, gradient c * w."""
    rng = np.random.default_rng(seed)
    w = rng.normal(size=shape)
    c = rng.uniform(0.5, 2.0, size=shape)

    def loss():
        return float(np.sum(c * w**2) / 2)

    return w, c * w, loss


def test_gradient_check_flags_a_one_in_a_thousand_error():
    w, grad, loss = _quadratic((5, 4))
    wrong = grad.copy()
    wrong[2, 3] *= 1.001
    assert gradcheck.gradient_check(loss, {"w": w}, {"w": grad}).ok
    report = gradcheck.gradient_check(loss, {"w": w}, {"w": wrong})
    assert not report.ok and report.worst["w"] == (2, 3)


@pytest.mark.parametrize("tolerance", [1e-6, 1e-4])
def test_gradient_check_verdict_turns_at_its_tolerance(tolerance):
    w, grad, loss = _quadratic((3, 3), seed=1)
    # relative error |a - n| / (|a| + |n|) of a gradient scaled by (1 + f) is f / (2 + f)
    for factor, ok in ((0.5, True), (2.0, False)):
        f = 2 * tolerance * factor
        scaled = grad.copy()
        scaled[1, 1] *= 1 + f
        report = gradcheck.gradient_check(loss, {"w": w}, {"w": scaled}, tolerance=tolerance)
        assert report.ok is ok, (tolerance, factor, report.errors)


@pytest.mark.parametrize("where", ["last row", "last entry", "middle"])
def test_gradient_check_samples_reach_every_part_of_a_big_array(where):
    """784 x 40 entries, 200 checked: an error in the last row must not slip through."""
    w, grad, loss = _quadratic((784, 40), seed=2)
    wrong = grad.copy()
    if where == "last row":
        wrong[-1, :] += 1.0
    elif where == "last entry":
        wrong[-1, -1] += 1.0
    else:
        wrong[390:394, :] += 1.0
    report = gradcheck.gradient_check(loss, {"w": w}, {"w": wrong}, max_checks=200)
    assert not report.ok, where


def test_gradient_check_samples_are_spread_and_include_both_ends():
    rng = np.random.default_rng(0)
    picks = gradcheck._sample((784, 40), 200, rng)
    flat = [i * 40 + j for i, j in picks]
    assert len(set(flat)) == 200 and flat[0] == 0 and flat[-1] == 784 * 40 - 1
    gaps = np.diff(sorted(flat))
    assert gaps.max() < 2 * (784 * 40 / 200), "a stretch of the array was never looked at"


@pytest.mark.parametrize("name", ["eps", "tolerance"])
@pytest.mark.parametrize("bad", [math.nan, 0.0, -1e-6, math.inf])
def test_gradient_check_rejects_a_meaningless_eps_or_tolerance(name, bad):
    w, grad, loss = _quadratic((2, 2))
    with pytest.raises((ValueError, TypeError), match=name):
        gradcheck.gradient_check(loss, {"w": w}, {"w": grad}, **{name: bad})


@pytest.mark.parametrize("bad", [math.nan, 0.0, -1e-6])
def test_numerical_gradient_rejects_a_meaningless_eps(bad):
    w, _, loss = _quadratic((2, 2))
    with pytest.raises(ValueError, match="eps"):
        gradcheck.numerical_gradient(loss, w, eps=bad)


# --- checksums are compared in full --------------------------------------------------------------


def test_the_shipped_subset_is_refused_if_its_checksum_differs_anywhere(monkeypatch):
    real = data.SUBSET_SHA256
    data.load_mnist_subset()  # the real file passes
    for k in (8, 32, 63):  # same first k hex digits, then different
        other = real[:k] + ("0" if real[k] != "0" else "1") + real[k + 1 :]
        monkeypatch.setattr(data, "SUBSET_SHA256", other)
        with pytest.raises(data.MnistError, match="sha256"):
            data.load_mnist_subset()


def test_an_mnist_file_is_refused_if_its_checksum_differs_anywhere(tmp_path):
    labels = bytes(range(10)) * 3
    raw = (2049).to_bytes(4, "big") + len(labels).to_bytes(4, "big") + labels
    path = tmp_path / "labels.gz"
    path.write_bytes(gzip.compress(raw))
    digest = hashlib.sha256(raw).hexdigest()
    right = data.MnistFile("labels.gz", 2049, len(labels), len(raw), digest)
    assert data._read_verified(path, right) == raw
    for k in (8, 40, 63):
        other = digest[:k] + ("0" if digest[k] != "0" else "1") + digest[k + 1 :]
        spec = data.MnistFile("labels.gz", 2049, len(labels), len(raw), other)
        with pytest.raises(data.MnistError, match="sha256"):
            data._read_verified(path, spec)


# --- validation and the number format ------------------------------------------------------------


@pytest.mark.parametrize("flag", [True, False, np.bool_(True)])
def test_a_bool_is_not_a_number(flag):
    with pytest.raises(TypeError, match="alpha must be a number"):
        validate.number("alpha", flag)


@pytest.mark.parametrize(
    "x, printed",
    [
        (-3.0, "-3.0"),
        (-12.0, "-12.0"),
        (-1e11, "-100000000000.0"),
        (3.0, "3.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (-0.5, "-0.5"),
        (-1e-05, "-1e-05"),
        (1e16, "1e+16"),
    ],
)
def test_py2str_prints_whole_numbers_with_their_point_on_both_sides_of_zero(x, printed):
    assert logs.py2str(x) == printed
