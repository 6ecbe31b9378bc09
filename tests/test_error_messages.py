"""What nnutils says to a wrong argument, and the numbers it prints, pinned in one file.

`error_messages.txt` is a transcript (see `tests/transcript.py`): calls to the
argument checks, the log number format, the gradient checker and the checkers'
shared comparison, each followed
by what it gives: a value, or the exception's type and message. A moved
boundary (`<` for `<=`), a message that names the wrong argument or shows the
wrong value, or a gradient verdict that changes fails here. After an intended
change: `python -m tests.transcript --write tests/error_messages.txt`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnutils import data, gradcheck, logs, validate
from nnutils.checks import feedback
from tests import transcript

TRANSCRIPT = Path(__file__).with_name("error_messages.txt")


def quadratic(
    shape: tuple[int, ...] = (3,),
    wrong: tuple[int, ...] | None = None,
    by: float = 0.0,
    scales: list[float] | None = None,
    **options,
) -> tuple[bool, str]:
    """gradient_check on loss = sum(c * w**2) (gradient 2 c w), with one gradient off by `by`.

    `wrong` is the entry whose backprop gradient is planted off: multiplied by
    (1 + by), or, with `scales` given, moved by `by` in absolute terms.
    """
    size = int(np.prod(shape))
    w = np.linspace(0.5, 1.5, size).reshape(shape)
    c = np.array(scales, dtype=float).reshape(shape) if scales else np.ones(shape)
    grad = 2 * c * w
    if wrong is not None:
        grad[wrong] = grad[wrong] + by if scales else grad[wrong] * (1 + by)
    report = gradcheck.gradient_check(
        lambda: float(np.sum(c * w**2)), {"w": w}, {"w": grad}, **options
    )
    return report.ok, report.message


def namespace() -> dict:
    return {
        "np": np,
        "nan": float("nan"),
        "inf": float("inf"),
        "validate": validate,
        "logs": logs,
        "gradcheck": gradcheck,
        "data": data,
        "quadratic": quadratic,
        "feedback": feedback,
    }


transcript.TRANSCRIPTS["tests/error_messages.txt"] = namespace
ENTRIES = transcript.read(TRANSCRIPT)


@pytest.mark.parametrize("module", ["validate", "logs", "gradcheck", "data", "feedback"])
def test_every_result_is_the_one_recorded(module):
    entries = [
        (call, recorded)
        for call, recorded in ENTRIES
        if call.startswith(f"{module}.") or (module == "gradcheck" and call.startswith("quad"))
    ]
    assert entries, f"no calls to {module} in {TRANSCRIPT.name}"
    transcript.compare(entries, namespace(), TRANSCRIPT.name)


def test_the_readme_counts_the_calls():
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    assert f"say to {len(ENTRIES)} calls" in " ".join(readme.split())
