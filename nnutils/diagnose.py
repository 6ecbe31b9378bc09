"""Run diagnoses: what a run of the notebook's code did, in words a learner can use.

Pure functions of the numbers a run produced (errors, weights, predictions,
accuracies): converged, zig-zagging, oscillating, diverged at step k, stuck,
dead relu units. The panels show their messages; tests check them directly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnutils import validate


@dataclass(frozen=True)
class Outcome:
    """What a run did: a short `kind` ("converged", "diverged", ...), a message, a step."""

    kind: str
    message: str
    step: int | None = None


def _numbers(name: str, values: object) -> list[float]:
    if values is None or isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be a list of numbers, got {values!r:.60}")
    out = []
    for k, v in enumerate(values):
        if v is None:
            out.append(math.nan)
            continue
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be numbers, got {v!r} at position {k}") from None
    return out


def divergence_step(errors: Sequence[float], factor: float = 1e6) -> int | None:
    """The first index where the error is not finite or has grown `factor`-fold, else None.

    A run whose error passes this point is exploding: a panel stops plotting
    there and says "diverged at step k" instead of drawing overflow.
    """
    if (
        isinstance(factor, bool)
        or not isinstance(factor, (int, float))
        or not math.isfinite(factor)
        or factor <= 1
    ):
        raise ValueError(f"factor must be a finite number above 1, got {factor!r}")
    limit = None
    for k, e in enumerate(_numbers("errors", errors)):
        if not math.isfinite(e):
            return k
        if limit is None:
            limit = factor * max(abs(e), 1.0)
        elif abs(e) > limit:
            return k
    return None


def descent(
    weights: Sequence[float], errors: Sequence[float], bottom: float | None, tiny: float = 1e-6
) -> Outcome:
    """Chapter 04: what gradient descent on one weight did.

    `weights` and `errors` are the weight and error after each step (start
    first); `bottom` is the weight with zero error (None when the input is 0).
    """
    w, e = _numbers("weights", weights), _numbers("errors", errors)
    bottom = validate.number("bottom", bottom, optional=True)
    validate.positive("tiny", tiny)
    if len(w) != len(e) or not w:
        raise ValueError(
            f"weights ({len(w)}) and errors ({len(e)}) must be equally long, not empty"
        )
    bad = divergence_step(e)
    if bad is None:
        bad = next((k for k, x in enumerate(w) if not math.isfinite(x)), None)
    if bad is not None:
        shown = f"shown up to step {bad - 1}" if bad > 0 else "nothing to show"
        return Outcome(
            "diverged",
            f"diverged at step {bad}: each step overshoots the bottom by more than the last, "
            f"so the error explodes ({shown})",
            bad,
        )
    steps = len(w) - 1
    if steps == 0:
        return Outcome("start", f"no steps taken yet: error {e[0]:.4g} at the start weight")
    if bottom is None:
        return Outcome(
            "stuck", "input 0: the weight has no effect on the prediction, so nothing is learned"
        )
    d = [x - bottom for x in w]
    if abs(d[0]) <= 1e-12:
        return Outcome("converged", "the start weight is already at the bottom: error 0")
    moves = [b - a for a, b in zip(w, w[1:])]
    if all(abs(m) <= 1e-15 * max(1.0, abs(w[0])) for m in moves):
        return Outcome("stuck", f"the weight never moves (alpha 0?): error stays {e[0]:.4g}")
    # the side of the bottom at each step, while the distance is still measurable
    live = [x for x in d if abs(x) > 1e-9 * max(1.0, abs(bottom))]
    crossings = sum(1 for a, b in zip(live, live[1:]) if a * b < 0)
    zigzag = crossings >= max(1, (len(live) - 1) // 2)
    final = e[-1]
    if final < tiny:
        how = "zig-zagging across the bottom" if zigzag else "smoothly"
        return Outcome(
            "converged",
            f"converged {how}: error {final:.2e} after {steps} steps"
            if not zigzag
            else f"converged, zig-zagging across the bottom: error {final:.2e} after {steps} steps",
        )
    ratio = abs(d[-1] / d[-2]) if len(d) >= 2 and d[-2] != 0 else 1.0
    if zigzag and abs(ratio - 1) < 1e-6:
        return Outcome(
            "oscillating",
            f"oscillating without shrinking: it jumps across the bottom and lands exactly as "
            f"far away, error {final:.4g} every step",
        )
    if ratio > 1:
        return Outcome(
            "growing",
            f"growing: each step overshoots further (error {final:.4g} after {steps} steps); "
            "with more steps it diverges",
        )
    if zigzag:
        return Outcome(
            "descending",
            f"still descending, zig-zagging across the bottom: error {final:.4g} after "
            f"{steps} steps",
        )
    return Outcome("descending", f"still descending: error {final:.4g} after {steps} steps")


def bounce(predictions: Sequence[float], goal: float) -> Outcome:
    """Chapter 04, hot and cold: did the prediction land, bounce, or is it still on its way?"""
    p = validate.array("predictions", predictions, ndim=1).tolist()
    goal = validate.number("goal", goal)
    last = p[-1]
    if len(p) >= 4:
        a, b, c, d = p[-4:]
        if (
            math.isclose(a, c, abs_tol=1e-12)
            and math.isclose(b, d, abs_tol=1e-12)
            and not (math.isclose(a, b, abs_tol=1e-12))
        ):
            lo, hi = min(c, d), max(c, d)
            return Outcome(
                "bouncing",
                f"it bounces between {lo:.4g} and {hi:.4g} forever: the step is too big to land "
                f"on {goal:g}",
            )
    if math.isclose(last, goal, abs_tol=1e-9):
        return Outcome("landed", f"landed on the goal {goal:g}")
    return Outcome("moving", f"still on its way: prediction {last:.4f}, goal {goal:g}")


def dead_units(layer_1: np.ndarray) -> list[int]:
    """The hidden units (columns) that output 0 for every example (rows): silenced by relu."""
    if layer_1 is None or isinstance(layer_1, (str, bytes)):
        raise TypeError(f"layer_1 must be a 2-D array of numbers, got {layer_1!r:.60}")
    try:
        layer = np.asarray(layer_1, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"layer_1 must be a 2-D array of numbers, got {layer_1!r:.60}") from None
    if layer.ndim != 2:
        raise ValueError(f"layer_1 must be 2-D (examples x units), got shape {layer.shape}")
    return [int(j) for j in np.flatnonzero(np.all(layer == 0, axis=0))]


def training(history: Sequence[dict], chance: float = 0.1, patience: int = 10) -> Outcome | None:
    """Chapter 08: a run that went wrong, or None while it looks healthy.

    "diverged at iteration k" when the error stops being a number or explodes;
    "stuck near chance" when the training accuracy has stayed flat at about the
    level of guessing for `patience` iterations (typically a first step so big
    that most relu units went silent, for good).
    """
    chance = validate.positive("chance", chance)
    patience = validate.count("patience", patience, 1)
    if history is None:
        return None
    if isinstance(history, (str, bytes, dict)) or not hasattr(history, "__iter__"):
        raise TypeError(f"history must be a list of dicts, one per iteration, got {history!r:.60}")
    history = list(history)
    if not all(isinstance(h, dict) for h in history):
        raise TypeError("history must be a list of dicts, one per iteration")
    if not history:
        return None
    errors = [h.get("train_error", math.nan) for h in history]
    accuracies = _numbers("train_accuracy", [h.get("train_accuracy") for h in history])
    bad = divergence_step(errors)
    if bad is None:
        bad = next((k for k, a in enumerate(accuracies) if not math.isfinite(a)), None)
    if bad is not None:
        it = history[bad].get("iteration", bad)
        return Outcome("diverged", f"diverged at iteration {it}: the error blew up", int(it))
    recent = accuracies[-patience:]
    if (
        len(history) >= patience
        and max(recent) <= chance * 1.6
        and max(recent) - min(recent) < 0.03
    ):
        it = history[-1].get("iteration", len(history) - 1)
        return Outcome(
            "stuck",
            f"stuck near chance (train accuracy {accuracies[-1]:.2f} at iteration {it}): the "
            "steps were so big that the network fell where it can't learn, typically with "
            "most relu units silent for every image",
            int(it),
        )
    return None
