"""Every message a learner can be shown by a checker, in one file a reviewer can read.

`transcript.txt` holds calls to the answer checkers, each followed by the
verdict it gives, exactly as the notebook prints it:

    >>> ch04.check_weight_delta(1.8)
    ✘ weight_delta is not right yet. ...

Each checker's calls are run and compared character for character (see
`tests/transcript.py`), so a changed hint, a mistake diagnosed as another, or a
verdict flipped from right to wrong fails here and shows as a diff in review.
After an intended change to a message, rewrite the verdicts (the calls stay):

    python -m tests.transcript --write tests/checks/transcript.txt
"""

from __future__ import annotations

import math
from importlib import import_module
from pathlib import Path

import numpy as np
import pytest

from nnutils.checks import CHAPTERS
from tests import transcript

TRANSCRIPT = Path(__file__).with_name("transcript.txt")


def namespace() -> dict:
    """What the calls may name: np, math, nan, inf, the chapter modules and their test modules."""
    names: dict = {"np": np, "math": math, "nan": float("nan"), "inf": float("inf")}
    for chapter in CHAPTERS:
        names[chapter] = import_module(f"nnutils.checks.{chapter}")
        names[f"test_{chapter}"] = import_module(f"tests.checks.test_{chapter}")
    return names


transcript.TRANSCRIPTS["tests/checks/transcript.txt"] = namespace
ENTRIES = transcript.read(TRANSCRIPT)


def checker_of(call: str) -> str:
    return call.split("(", 1)[0]


def test_the_transcript_covers_every_checker_once_per_call():
    exported = {
        f"{chapter}.{name}"
        for chapter in CHAPTERS
        for name in import_module(f"nnutils.checks.{chapter}").__all__
    }
    assert {checker_of(call) for call, _ in ENTRIES} == exported
    assert len(ENTRIES) == len({call for call, _ in ENTRIES}), "a call is listed twice"


def test_a_checker_never_raises():
    raised = [call for call, recorded in ENTRIES if recorded[:2] not in ("✔ ", "✘ ", "✎ ")]
    assert not raised, f"these calls raised instead of answering: {raised[:5]}"


@pytest.mark.parametrize("checker", sorted({checker_of(call) for call, _ in ENTRIES}))
def test_every_verdict_is_the_one_recorded(checker):
    entries = [(call, recorded) for call, recorded in ENTRIES if checker_of(call) == checker]
    transcript.compare(entries, namespace(), TRANSCRIPT.name)


def test_the_readme_counts_the_calls():
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert f"checkers give to {len(ENTRIES)} answers" in " ".join(readme.split())
