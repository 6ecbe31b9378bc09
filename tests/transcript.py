"""Transcript files: calls, each followed by what it gives, checked character for character.

A transcript is a text file of entries

    >>> validate.index('digit', 10, 10)
    ValueError: digit must be from 0 to 9, got 10

A test evaluates every call and compares what it gives now (its repr, or the
exception's type and message) with what the file records, so a changed message,
a moved threshold or a verdict flipped shows up as a failing line here and as a
diff in review. After an intended change, rewrite the recorded results (the
calls stay) with `python -m tests.transcript --write FILE` and read the diff.
"""

from __future__ import annotations

import difflib
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

PROMPT = ">>> "


def read(path: Path) -> list[tuple[str, str]]:
    """The (call, recorded result) pairs of a transcript, in order."""
    entries: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(PROMPT):
            entries.append((line[len(PROMPT) :], []))
        elif entries:
            entries[-1][1].append(line)
        elif line.strip() and not line.startswith("#"):
            raise ValueError(f"{path.name}: text before the first call: {line!r}")
    return [(call, "\n".join(lines).rstrip("\n")) for call, lines in entries]


def result(call: str, names: dict) -> str:
    """What the call gives: its repr, or `ExceptionType: message` (warnings count as errors)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return repr(eval(call, dict(names)))
    except Exception as e:
        return f"{type(e).__name__}: {e}"


def compare(entries: list[tuple[str, str]], names: dict, where: str) -> None:
    """Assert every call still gives its recorded result; show a diff of those that don't."""
    expected = [f"{PROMPT}{call}\n{recorded}" for call, recorded in entries]
    got = [f"{PROMPT}{call}\n{result(call, names)}" for call, _ in entries]
    diff = "\n".join(difflib.unified_diff(expected, got, where, "now", lineterm=""))
    assert got == expected, f"results changed (rewrite with --write if intended):\n{diff}"


def write(path: Path, names: dict) -> int:
    """Rewrite every recorded result of the transcript at `path`; return how many."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    entries = read(path)
    blocks = [f"{PROMPT}{call}\n{result(call, names)}\n" for call, _ in entries]
    path.write_text("\n".join(header) + "\n\n" + "\n".join(blocks), encoding="utf-8")
    return len(entries)


TRANSCRIPTS: dict[str, Callable[[], dict]] = {}


def main(argv: list[str]) -> int:
    # run as a script this module is __main__: the test modules register in tests.transcript
    from tests import test_error_messages, transcript  # noqa: F401
    from tests.checks import test_transcript  # noqa: F401

    known = transcript.TRANSCRIPTS
    if len(argv) != 2 or argv[0] != "--write" or argv[1] not in known:
        print(f"usage: python -m tests.transcript --write {{{','.join(known)}}}")
        return 2
    path = Path(argv[1])
    print(f"rewrote {write(path, known[argv[1]]())} results in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
