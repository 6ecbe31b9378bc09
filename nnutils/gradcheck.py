"""Gradient checking: compare backprop's gradients with finite differences.

Backprop is easy to get subtly wrong (a derivative of the wrong thing, a
missing factor) in ways that still train. `gradient_check` nudges each
parameter a tiny bit up and down, measures how the loss changes, and compares
that slope with the gradient backprop computed. Chapter 06 uses it first;
appendix A1 explains it and uses it to catch the published code's mistakes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from nnutils import validate
from nnutils.checks.feedback import Feedback


class GradientReport(Feedback):
    """The verdict of `gradient_check`, with the relative error of every parameter."""

    def __init__(self, ok: bool, message: str, errors: dict[str, float], worst: dict[str, tuple]):
        super().__init__(ok, message)
        self.errors = errors  # largest relative error per parameter
        self.worst = worst  # index of that largest error per parameter


def numerical_gradient(
    loss: Callable[[], float],
    param: np.ndarray,
    eps: float = 1e-6,
    indices: Sequence[tuple[int, ...]] | None = None,
) -> np.ndarray:
    """Central finite differences of `loss()` with respect to `param` (changed in place, restored).

    Only the entries in `indices` are computed (all of them by default); the
    others are left at 0.
    """
    if not isinstance(param, np.ndarray) or param.dtype.kind != "f":
        got = type(param).__name__
        if isinstance(param, np.ndarray):
            got = f"an array of {param.dtype}"
        raise TypeError(f"param must be a float numpy array (changed in place), got {got}")
    if not np.all(np.isfinite(param)):
        raise ValueError(f"param must be finite numbers, got {param.ravel()[:5].tolist()}...")
    eps = validate.positive("eps", eps)
    grad = np.zeros_like(param)
    for index in indices if indices is not None else np.ndindex(param.shape):
        original = param[index]
        param[index] = original + eps
        up = float(loss())
        param[index] = original - eps
        down = float(loss())
        param[index] = original
        if not (np.isfinite(up) and np.isfinite(down)):
            raise ValueError(f"loss() is not finite near index {index}: {up}, {down}")
        grad[index] = (up - down) / (2 * eps)
    return grad


def _sample(
    shape: tuple[int, ...], max_checks: int | None, rng: np.random.Generator
) -> list[tuple[int, ...]]:
    """Entries to check: all of them, or `max_checks` spread over the whole array.

    The flattened array is cut into `max_checks` equal stretches and one entry is
    drawn from each, so every region (the last rows included) is looked at;
    the very first and very last entries are always among them (with one check,
    the last).
    """
    n = int(np.prod(shape))
    if max_checks is None or n <= max_checks:
        return list(np.ndindex(shape))
    edges = np.linspace(0, n, max_checks + 1).astype(int)
    flat = rng.integers(edges[:-1], edges[1:])
    flat[0], flat[-1] = 0, n - 1
    return [tuple(int(i) for i in np.unravel_index(k, shape)) for k in flat]


def gradient_check(
    loss: Callable[[], float],
    params: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    eps: float = 1e-6,
    tolerance: float = 1e-6,
    max_checks: int | None = 200,
    seed: int = 0,
) -> GradientReport:
    """Compare backprop's gradients with finite differences, parameter by parameter.

    `loss()` computes the loss from the current values of the arrays in
    `params`; `grads` holds backprop's gradient of that same loss for each
    parameter. For big arrays, `max_checks` entries spread over the whole array
    (one drawn from each of `max_checks` equal stretches, with `seed`) are checked.
    The relative error is |backprop - numeric| / (|backprop| + |numeric|); for
    entries 10,000 times smaller than the parameter's largest, the denominator is
    that largest value / 10,000 instead.
    """
    for name, value in (("params", params), ("grads", grads)):
        if not isinstance(value, dict):
            raise TypeError(f"{name} must be a dict of arrays by name, got {value!r:.60}")
    eps = validate.positive("eps", eps)
    tolerance = validate.positive("tolerance", tolerance)
    max_checks = validate.count("max_checks", max_checks, 1, optional=True)
    seed = validate.count("seed", seed, 0)
    if set(params) != set(grads):
        raise ValueError(
            f"params {sorted(params)} and grads {sorted(grads)} must name the same arrays"
        )
    rng = np.random.default_rng(seed)
    errors: dict[str, float] = {}
    worst: dict[str, tuple] = {}
    for name, param in params.items():
        grad = np.asarray(grads[name], dtype=float)
        if grad.shape != np.shape(param):
            raise ValueError(
                f"grads[{name!r}] has shape {grad.shape}, the parameter {np.shape(param)}"
            )
        if not np.all(np.isfinite(grad)):
            raise ValueError(f"grads[{name!r}] contains nan or inf")
        indices = _sample(param.shape, max_checks, rng)
        numeric = numerical_gradient(loss, param, eps, indices)
        a = np.array([grad[i] for i in indices])
        n = np.array([numeric[i] for i in indices])
        scale = np.abs(a) + np.abs(n)
        # entries far smaller than this parameter's typical gradient are judged
        # against that typical size: finite differences can't resolve them better
        floor = max(1e-4 * float(scale.max()), 1e-12)
        rel = np.abs(a - n) / np.maximum(scale, floor)
        k = int(np.argmax(rel))
        errors[name] = float(rel[k])
        worst[name] = indices[k]
    bad = {name: e for name, e in errors.items() if e > tolerance}
    summary = ", ".join(f"{name} {e:.1e}" for name, e in errors.items())
    if bad:
        name = max(bad, key=bad.get)
        i = worst[name]
        return GradientReport(
            False,
            f"gradients disagree (largest relative error: {summary}); worst: {name}{list(i)} "
            f"backprop {float(grads[name][i]):.6g} vs numerical "
            f"{float(numerical_gradient(loss, params[name], eps, [i])[i]):.6g}",
            errors,
            worst,
        )
    return GradientReport(
        True, f"gradients agree (largest relative error: {summary})", errors, worst
    )
