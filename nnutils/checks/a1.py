"""Checkers for the exercises of Appendix A1 · The calculus of backprop."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nnutils import data
from nnutils.checks.feedback import (
    Feedback,
    as_array,
    call,
    check_choice,
    check_function,
    compare,
    plural,
    right,
    unanswered,
    wrong,
)


def check_not_neuron(w1: float, b1: float) -> Feedback:
    """Appendix A1 quiz: weight and bias that make tanh(w1 * a0 + b1) a NOT gate."""
    values = as_array([w1, b1])
    if values is None or values.shape != (2,) or not np.all(np.isfinite(values)):
        return wrong(f"w1 and b1 must be two finite numbers, got {w1!r}, {b1!r}")
    out_0, out_1 = np.tanh(values[1]), np.tanh(values[0] + values[1])
    if out_0 > 0.95 and abs(out_1) < 0.05:
        return right(
            f"Correct: input 0 gives {out_0:.4f} (about 1), input 1 gives {out_1:.4f} (about 0)."
        )
    return wrong(
        f"input 0 gives tanh(b1) = {out_0:.4f} (want about 1) and input 1 gives "
        f"tanh(w1 + b1) = {out_1:.4f} (want about 0). Make b1 big and w1 = -b1."
    )


def check_tanh_layer(a1: Any) -> Feedback:
    """Appendix A1 quiz: the two-neuron tanh layer on x = [0.3, 0.4, 0.1]."""
    W = np.array([[-2, 4, -1], [6, 0, -3]])
    b = np.array([0.1, -2.5])
    x = np.array([0.3, 0.4, 0.1])
    return compare(
        "a1", a1, np.tanh(W @ x + b), tol=5e-3, hint="a1 = tanh(W @ x + b), one value per neuron."
    )


def check_cost(cost: Any) -> Feedback:
    """Appendix A1 quiz: the squared-error cost of the given tanh layer."""
    W = np.array([[-0.94529712, -0.2667356, -0.91219181], [2.05529992, 1.21797092, 0.22914497]])
    b = np.array([0.61273249, 1.6422662])
    x = np.array([0.7, 0.6, 0.2])
    y = np.array([0.9, 0.6])
    d = np.tanh(W @ x + b) - y
    return compare(
        "cost",
        cost,
        d @ d,
        tol=1e-9,
        hint="cost = d @ d with d = tanh(W @ x + b) - y (no 1/2, no mean).",
    )


def check_dCdb(dCdb: Callable) -> Feedback:
    """Appendix A1 quiz: dC/db for one tanh neuron with cost (tanh(w*x + b) - y)**2."""

    def cost(w: float, b: float, x: float, y: float) -> float:
        return (np.tanh(w * x + b) - y) ** 2

    cases = []
    for w, b, x, y in [(2.3, -1.2, 0.0, 1.0), (1.3, -0.1, 1.0, 0.0), (-5.0, 5.0, 0.5, 0.2)]:
        h = 1e-6
        expected = (cost(w, b + h, x, y) - cost(w, b - h, x, y)) / (2 * h)
        cases.append(((w, b, x, y), expected))
    return check_function(
        "dCdb",
        dCdb,
        cases,
        hint="Chain rule: dC/da * da/dz * dz/db, with dC/da = 2(a - y), da/dz = 1 - a**2, "
        "dz/db = 1.",
    )
