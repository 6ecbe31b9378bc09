"""What every checker shares: the verdict, "not answered yet", and careful comparison.

An exercise cell holds a stub (`answer = ...  # your answer`) and a call to a
checker. The checker returns a `Feedback` with one of three states:

- **unanswered**: the stub is still `...` (or the learner's function returns
  nothing yet). It says so and gives a first hint; it never raises.
- **wrong**: it diagnoses what went wrong (sign flipped, transposed, the factor 2,
  rounded too early...) and hints, but never prints the expected value.
- **right**: a short confirmation.

The notebook shows the `Feedback` as the cell's output; tests read `.ok` and
`.status`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from nnutils.validate import plain_repr

RIGHT, WRONG, UNANSWERED = "right", "wrong", "unanswered"
_MARK = {RIGHT: "✔ ", WRONG: "✘ ", UNANSWERED: "✎ "}

#: A learner's answer that is one of these (or a function returning one) is not there yet.
_BLANK = (Ellipsis, None)


class Feedback:
    """The verdict of a checker: `status` (right, wrong or unanswered) and a message."""

    def __init__(self, ok: bool, message: str, status: str | None = None):
        self.ok = bool(ok)
        self.status = status or (RIGHT if ok else WRONG)
        if self.status not in _MARK or (self.status == RIGHT) != self.ok:
            raise ValueError(f"inconsistent verdict: ok={ok}, status={status!r}")
        self.message = message

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return _MARK[self.status] + self.message


def quote(value: Any, limit: int = 40) -> str:
    """A learner's value as the messages quote it: its repr, cut at `limit` characters.

    On one line and without memory addresses (`validate.plain_repr`), so the same
    answer always gets the same message.
    """
    return plain_repr(value)[:limit]


def right(message: str = "Correct!") -> Feedback:
    """A verdict for a right answer."""
    return Feedback(True, message)


def wrong(message: str) -> Feedback:
    """A verdict for a wrong answer: `message` diagnoses and hints, never reveals."""
    return Feedback(False, message)


def unanswered(name: str, hint: str = "") -> Feedback:
    """The verdict for a stub still holding `...`: say so, and give a first hint."""
    text = f"Not answered yet: replace the ... in {name} with your answer and run the cell again."
    return Feedback(False, f"{text} Hint: {hint}" if hint else text, UNANSWERED)


def plural(n: int, word: str, words: str | None = None) -> str:
    """`n` and the right form of `word`: "1 test case", "3 test cases"."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def is_blank(value: Any) -> bool:
    """Is `value` a stub: `...`, None, or a list/tuple/dict with a `...` left in it?"""
    return any(value is b for b in _BLANK) or _holds_ellipsis(value)


def _holds_ellipsis(value: Any) -> bool:
    if value is Ellipsis:
        return True
    if isinstance(value, Mapping):
        return any(_holds_ellipsis(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_ellipsis(v) for v in value)
    return False


def as_array(value: Any) -> np.ndarray | None:
    """`value` as a float array, or None when it isn't numbers (text, a function, ...)."""
    if isinstance(value, (str, bytes, bool)) or callable(value):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    return arr


def _close(a: np.ndarray, b: np.ndarray, tol: float) -> bool:
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol))


#: Mistakes worth naming whatever the exercise: (how the wrong answer relates to the
#: right one, what to tell the learner).
_COMMON = [
    (lambda e: -e, "The sign is flipped: check the order of the subtraction."),
    (lambda e: 2 * e, "It is twice the answer: is there a factor 2 that doesn't belong?"),
    (lambda e: e / 2, "It is half the answer: a factor 2 is missing."),
]


def diagnose(
    got: np.ndarray,
    expected: np.ndarray,
    tol: float,
    mistakes: Iterable[tuple[Any, str]] = (),
) -> str:
    """Name the mistake behind a wrong answer, without giving the right one away.

    `mistakes` lists (what that mistake would have given, what to say) pairs for
    the exercise at hand; they are tried first, then the common ones (sign,
    factor 2, transposed), then closeness and which entries are off.
    """
    for value, say in mistakes:
        wrong_value = as_array(value)
        if wrong_value is not None and _close(got, wrong_value, tol):
            return say
    if np.any(expected != 0):
        for make, say in _COMMON:
            if _close(got, make(expected), tol):
                return say
    if (
        expected.ndim == 2
        and expected.shape[0] == expected.shape[1]
        and not _close(expected, expected.T, tol)
    ):
        if _close(got, expected.T, tol):
            return "It is transposed: rows and columns are swapped."
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    off = np.abs(got - expected) > tol
    if scale > 0 and float(np.max(np.abs(got - expected))) <= 0.01 * scale:
        return (
            "Very close, but not within the tolerance: did you round too early? "
            "Keep the full numbers (or let Python do the arithmetic)."
        )
    if expected.size > 1 and not np.all(off):
        where = [str(i) if len(i) > 1 else str(i[0]) for i in np.argwhere(off).tolist()]
        entries = ", ".join(where[:6]) + (", ..." if len(where) > 6 else "")
        return (
            f"{plural(int(off.sum()), 'entry', 'entries')} of {expected.size} "
            f"{'is' if off.sum() == 1 else 'are'} off (position {entries}); the others are right."
        )
    return ""


def compare(
    name: str,
    got: Any,
    expected: Any,
    tol: float = 1e-6,
    hint: str = "",
    mistakes: Iterable[tuple[Any, str]] = (),
) -> Feedback:
    """Is `got` equal to `expected`: same shape, every value within `tol` (absolute)?

    A stub (`...`) is "not answered yet" with `hint`; a wrong answer gets a
    diagnosis (see `diagnose`) and `hint`, never the expected value.
    """
    if not (isinstance(tol, (int, float)) and not isinstance(tol, bool) and tol >= 0):
        raise ValueError(f"tol must be a number >= 0, got {tol!r}")
    if not math.isfinite(tol):
        raise ValueError(f"tol must be finite, got {tol!r}")
    if is_blank(got):
        return unanswered(name, hint)
    exp = np.asarray(expected, dtype=float)
    arr = as_array(got)
    if arr is None:
        kind = "a number" if exp.ndim == 0 else "numbers (a list or an array)"
        return wrong(
            _joined(f"{name} should be {kind}, not {type(got).__name__} {quote(got)}.", "", hint)
        )
    if arr.shape != exp.shape:
        if arr.ndim == 2 and arr.shape == exp.T.shape:
            return wrong(
                _joined(
                    f"{name} has shape {arr.shape}, not {exp.shape}: it is transposed.", "", hint
                )
            )
        want = "a single number" if exp.ndim == 0 else f"shape {exp.shape}"
        have = "a single number" if arr.ndim == 0 else f"shape {arr.shape}"
        return wrong(_joined(f"{name} should be {want}, yours is {have}.", "", hint))
    if not np.all(np.isfinite(arr)):
        return wrong(_joined(f"{name} contains nan or inf.", "", hint))
    if _close(arr, exp, tol):
        return right(f"{name}: correct.")
    why = diagnose(arr, exp, tol, mistakes)
    return wrong(_joined(f"{name} is not right yet.", why, hint))


def _joined(verdict: str, why: str = "", hint: str = "") -> str:
    """A verdict, its diagnosis and a labelled hint, as one message."""
    return " ".join(p for p in (verdict, why, f"Hint: {hint}" if hint else "") if p)


def call(fn: Callable, *args: Any) -> tuple[Any, str | None]:
    """Run the learner's function quietly; return (result, None) or (None, the error)."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*args), None
    except Exception as e:  # the learner's code failed: tell them how
        return None, f"{type(e).__name__}: {e}"


def _show(args: Sequence[Any]) -> str:
    def one(a: Any) -> str:
        if isinstance(a, np.ndarray):
            return repr(np.round(a, 4).tolist()) if a.size <= 12 else f"<array {a.shape}>"
        return repr(a)

    return ", ".join(one(a) for a in args)


def check_function(
    name: str,
    fn: Any,
    cases: Sequence[tuple[tuple, Any]],
    hint: str = "",
    mistakes: Callable[[tuple], Iterable[tuple[Any, str]]] | None = None,
    tol: float = 1e-6,
) -> Feedback:
    """Run the learner's `fn` on each case's arguments and compare with the expected result.

    A function that still returns None (its body is `...`) is "not answered yet".
    `mistakes(args)` may list the results of known wrong versions for those
    arguments, with what to say (see `diagnose`).
    """
    if is_blank(fn):
        return unanswered(name, hint)
    if not callable(fn):
        return wrong(f"{name} should be a function (def {name}(...): ...), got {quote(fn)}.")
    for args, expected in cases:
        copies = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
        got, error = call(fn, *copies)
        shown = f"{name}({_show(args)})"
        if error:
            return wrong(_joined(f"{shown} raised {error}.", "", hint))
        if is_blank(got):
            text = (
                f"Not answered yet: {name} returns nothing (None) so far. Fill in its body "
                "and `return` the result."
            )
            return Feedback(False, _joined(text, "", hint), UNANSWERED)
        verdict = compare(
            shown, got, expected, tol=tol, hint=hint, mistakes=mistakes(args) if mistakes else ()
        )
        if not verdict:
            return verdict
    return right(f"{name}: correct on {plural(len(cases), 'test case')}.")


def check_choice(
    name: str,
    answer: Any,
    options: Mapping[Any, str],
    correct: Any,
    hint: str = "",
) -> Feedback:
    """A multiple-choice answer: `options` maps each choice to why it is right or wrong.

    The message for a wrong choice explains that choice, not the right one.
    """
    if is_blank(answer):
        return unanswered(name, hint)
    key = answer.strip().lower() if isinstance(answer, str) else answer
    keys = {(k.lower() if isinstance(k, str) else k): k for k in options}
    try:
        known = key in keys
    except TypeError:  # a list, a dict, an array: not one of the choices
        known = False
    if not known:
        listed = ", ".join(repr(k) for k in options)
        return wrong(f"{name}: answer one of {listed}; got {quote(answer)}.")
    chosen = keys[key]
    if chosen == correct:
        return right(f"{name}: correct. {options[chosen]}".strip())
    return wrong(_joined(f"{name}: not {chosen!r}.", options[chosen], hint))
