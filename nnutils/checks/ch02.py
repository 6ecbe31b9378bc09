"""Checkers for the exercises of chapter 02 · What is learning?"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from nnutils.checks.feedback import (
    Feedback,
    as_array,
    call,
    check_choice,
    compare,
    is_blank,
    plural,
    quote,
    right,
    unanswered,
    wrong,
)

__all__ = [
    "check_learning_types",
    "check_map_corner",
    "check_knob",
    "check_nearest_counting",
    "check_closest_setting",
]

#: Exercise 1: each task and whether it is supervised.
_LEARNING_TYPES = {
    "predict tomorrow's rain from today's sensor readings": "supervised",
    "sort news articles into topics nobody has named": "unsupervised",
    "transcribe recorded speech into text": "supervised",
    "find groups of customers who shop alike": "unsupervised",
}
_KINDS = ("supervised", "unsupervised")


def _joined(*parts: str) -> str:
    """A verdict, its diagnosis and a labelled hint, as one message."""
    *head, hint = parts
    return " ".join(p for p in (*head, f"Hint: {hint}" if hint else "") if p)


def check_learning_types(learning_types: Any) -> Feedback:
    """Exercise 1 (recall): label each task "supervised" or "unsupervised"."""
    name = "learning_types"
    hint = (
        "For each task ask: does every example come with the answer we want to imitate "
        "(supervised), or do we only have inputs and look for groups (unsupervised)?"
    )
    if is_blank(learning_types):
        return unanswered(name, hint)
    if not isinstance(learning_types, Mapping):
        return wrong(
            f"{name} should be a dict of task -> answer, not "
            f"{type(learning_types).__name__} {quote(learning_types)}."
        )
    for task in _LEARNING_TYPES:
        if task not in learning_types:
            return wrong(f"{name} has no answer for {task!r}: keep the four tasks as they are.")
    labels = {}
    for task in _LEARNING_TYPES:
        given = learning_types[task]
        label = given.strip().lower() if isinstance(given, str) else None
        if label not in _KINDS:
            return wrong(f"{task!r}: answer 'supervised' or 'unsupervised', not {quote(given)}.")
        labels[task] = label
    # Say which kind of mistake, not which task: with two choices, naming it would tell.
    too_supervised = sum(
        1 for t, e in _LEARNING_TYPES.items() if e == "unsupervised" and labels[t] == "supervised"
    )
    too_unsupervised = sum(
        1 for t, e in _LEARNING_TYPES.items() if e == "supervised" and labels[t] == "unsupervised"
    )
    if not too_supervised and not too_unsupervised:
        return right(f"{name}: all {len(_LEARNING_TYPES)} tasks sorted correctly.")
    why = []
    if too_unsupervised:
        why.append(
            f"{plural(too_unsupervised, 'task')} you called 'unsupervised' "
            f"{'comes' if too_unsupervised == 1 else 'come'} with known answers to imitate "
            "(someone recorded the right output for every past example)."
        )
    if too_supervised:
        why.append(
            f"{plural(too_supervised, 'task')} you called 'supervised' "
            f"{'has' if too_supervised == 1 else 'have'} no answers to imitate: nobody says "
            "which group is right, the groups are discovered."
        )
    wrong_count = too_supervised + too_unsupervised
    return wrong(
        _joined(
            f"{name}: {plural(wrong_count, 'task')} of {len(_LEARNING_TYPES)} "
            f"{'is' if wrong_count == 1 else 'are'} not right yet.",
            " ".join(why),
            hint,
        )
    )


def check_map_corner(map_corner: Any) -> Feedback:
    """Exercise 2 (recall): the corner of the map for the scan-matching tool."""
    if not is_blank(map_corner) and not isinstance(map_corner, str):
        return wrong(
            "map_corner should be text, one of the four corners in quotes, "
            f"not {quote(map_corner)}."
        )
    return check_choice(
        "map_corner",
        map_corner,
        {
            "supervised parametric": "Each stored scan comes with its diagnosis, so it is "
            "supervised; but does the tool have a fixed set of knobs, or does it keep every "
            "scan it is given?",
            "supervised non-parametric": "Every stored scan comes with its diagnosis to "
            "imitate (supervised), and the tool keeps every scan, so it grows with the data "
            "instead of turning a fixed set of knobs (non-parametric).",
            "unsupervised parametric": "The past scans come with diagnoses, the answers the "
            "tool copies: that is not unsupervised. And it keeps every scan rather than a "
            "fixed set of knobs.",
            "unsupervised non-parametric": "It does keep every scan, but each one comes with "
            "its diagnosis, the answer the tool copies: that is not unsupervised.",
        },
        correct="supervised non-parametric",
        hint="Two questions: are there answers to imitate? Does the model stay the same size "
        "however many scans it is given?",
    )


def check_knob(weight: Any) -> Feedback:
    """Exercise 3 (by hand): the weight that makes 8.5 * weight exactly 1.0."""
    input, goal = 8.5, 1.0
    verdict = compare(
        "perfect_weight",
        weight,
        goal / input,
        tol=1e-6,
        hint="You need weight * 8.5 = 1.0. Divide both sides by 8.5, and let Python do the "
        "division (or keep at least six decimals).",
        mistakes=[
            (
                input / goal,
                "That is the input divided by the goal, upside down: the weight "
                "times 8.5 must give 1.0.",
            ),
            (
                -goal / input,
                "The sign is flipped: a negative weight makes the prediction negative.",
            ),
            (input * 0.1, "That is the prediction with the starting weight 0.1, not a weight."),
            (
                0.12,
                "That is one of the knob slider's settings, a little too big: 8.5 times it "
                "overshoots the goal.",
            ),
            (
                0.11,
                "That is one of the knob slider's settings, a little too small: 8.5 times it "
                "falls short of the goal.",
            ),
            (
                goal - input * 0.1,
                "That is the miss at the start with its sign flipped, not a weight.",
            ),
        ],
    )
    got = as_array(weight)
    if verdict.status == "wrong" and got is not None and got.shape == ():
        if math.isfinite(float(got)):
            said = f"With your weight the prediction is {float(got) * input:.6f}. Hint: "
            verdict.message = verdict.message.replace(" Hint: ", f" {said}", 1)
    return verdict


#: Exercise 4: the chapter's counts, and a second table to be sure the function is general.
_COUNTS = {8.5: (2, 2), 9.5: (1, 1), 9.9: (0, 2), 9.0: (1, 1)}
_OTHER_COUNTS = {1.0: (1, 4), 3.0: (3, 4)}
_NEAREST_CASES = [
    (10.2, _COUNTS),
    (8.0, _COUNTS),
    (9.8, _COUNTS),
    (9.0, _COUNTS),
    (2.6, _OTHER_COUNTS),
    (1.8, _OTHER_COUNTS),
]


def _nearest(toes: float, counts: Mapping[float, tuple[int, int]], pick: str) -> float | None:
    """What the right function (pick="nearest") and two wrong ones return."""
    if pick == "below":
        seen = [t for t in counts if t <= toes]
        if not seen:
            return None
        key = max(seen)
    else:
        key = min(counts, key=lambda t: abs(t - toes))
    wins, games_seen = counts[key]
    return wins if pick == "wins" else wins / games_seen


def check_nearest_counting(nearest_counting_prediction: Callable) -> Feedback:
    """Exercise 4 (change the code): counting that answers with the nearest toes it has seen."""
    name = "nearest_counting_prediction"
    hint = (
        "Among the toes that counts has seen (its keys), pick the one with the smallest "
        "abs(seen - toes) (min() with a key= does it), then return that entry's wins / games_seen."
    )
    fn = nearest_counting_prediction
    if is_blank(fn):
        return unanswered(name, hint)
    if not callable(fn):
        return wrong(
            f"{name} should be a function (def {name}(toes, counts): ...), got {quote(fn)}."
        )
    for toes, counts in _NEAREST_CASES:
        shown = f"{name}({toes}, {counts})"
        got, error = call(fn, toes, dict(counts))
        if error:
            return wrong(_joined(f"{shown} raised {error}.", "", hint))
        if got is None:
            if all(call(fn, t, dict(counts))[0] is None for t in counts):
                return Feedback(
                    False,
                    _joined(
                        f"Not answered yet: {name} returns nothing (None) so far. Fill in its "
                        "body and `return` the result.",
                        "",
                        hint,
                    ),
                    "unanswered",
                )
            return wrong(
                _joined(
                    f"{shown} returned None.",
                    "It still says nothing for toes it never saw, like counting_prediction: "
                    "look for the closest toes it has seen instead.",
                    hint,
                )
            )
        verdict = compare(
            shown,
            got,
            _nearest(toes, counts, "nearest"),
            tol=1e-9,
            hint=hint,
            mistakes=[
                (
                    _nearest(toes, counts, "wins"),
                    "That is the number of wins, not the share of games won: divide by games_seen.",
                ),
                (
                    _nearest(toes, counts, "below"),
                    "That uses the nearest toes *below*; the closest seen value here lies above.",
                ),
            ],
        )
        if not verdict:
            return verdict
    return right(f"{name}: correct on {plural(len(_NEAREST_CASES), 'test case')}.")


def check_closest_setting(closest_setting: Any) -> Feedback:
    """Exercise 5 (predict, then widget): the knob's slider setting nearest the goal."""
    name = "closest_setting"
    hint = (
        "The slider moves in steps of 0.01. Work out the exact weight (exercise 3), then ask "
        "which slider position is nearest to it: the miss is 8.5 times the distance."
    )
    got = as_array(closest_setting)
    if not is_blank(closest_setting) and got is not None and got.shape == ():
        value = float(got)
        # the exact weight is not a slider position, but it is a named mistake with its
        # own diagnosis (below): let compare() explain it
        exact = 1 / 8.5
        if math.isfinite(value) and abs(value - exact) > 1e-6:
            if abs(value) > 1:
                return wrong(_joined(f"{name}: the slider only goes from -1 to 1.", "", hint))
            if abs(round(value * 100) - value * 100) > 1e-4:
                return wrong(
                    _joined(
                        f"{name}: that is not a position the slider can stop at.",
                        "Its positions have two decimals (..., 0.05, 0.06, ...).",
                        hint,
                    )
                )
    return compare(
        name,
        closest_setting,
        0.12,
        tol=1e-6,
        hint=hint,
        mistakes=[
            (
                1 / 8.5,
                "That is the exact weight, but the slider can't stop there: it moves in "
                "steps of 0.01.",
            ),
            (
                0.11,
                "That cuts the exact weight off instead of rounding it: compare the misses "
                "one step either side.",
            ),
            (-0.12, "The sign is flipped: a negative weight makes the prediction negative."),
            (0.1, "That is where the knob starts, with a miss of -0.15; you can get closer."),
            (0.13, "That overshoots by more than a step: compare the misses one step either side."),
        ],
    )
