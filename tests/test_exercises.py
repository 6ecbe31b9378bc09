"""Every chapter's exercises are real exercises.

The convention (COURSE.md, README "Working on the course"): each exercise is a
markdown cell headed `### Exercise N · <kind>`, then a learner cell tagged
`exercise` holding a `...` stub and a checker call, then a one-line markdown
cell "**Solution**: click to expand", then the solution cell, tagged
`solution` and collapsed (source and outputs hidden) when JupyterLab opens it.

The static tests read the stored notebooks. The slow test removes every
solution cell, runs what is left top to bottom, as a learner who skips every
exercise would, and requires no error, "not answered yet" from every stub and
no stub that passes its own checker.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KINDS = ("recall", "by hand", "change the code", "predict, then check")
HEADING = re.compile(r"^### Exercise (\d+) · (.+)$", re.M)
SOLUTION_INTRO = "**Solution**: click to expand"
UNANSWERED = "✎ Not answered yet"


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def text_of(cell) -> str:
    """Everything a code cell printed or returned, as text."""
    out = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            out.append(o["text"])
        elif o["output_type"] in ("execute_result", "display_data"):
            out.append(o.get("data", {}).get("text/plain", ""))
        elif o["output_type"] == "error":
            out.append(f"{o['ename']}: {o['evalue']}")
    return "\n".join(out)


def exercises(nb) -> list[dict]:
    """Each exercise: its heading's number and kind, and the indices of its four cells."""
    found = []
    for i, cell in enumerate(nb.cells):
        if "exercise" in tags(cell):
            heading = nb.cells[i - 1] if i else None
            m = HEADING.search(heading.source) if heading is not None else None
            found.append(
                {
                    "index": i,
                    "number": int(m.group(1)) if m else None,
                    "kind": m.group(2).strip() if m else None,
                }
            )
    return found


def load(path: Path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_four_kinds_of_exercises(path):
    nb = load(path)
    found = exercises(nb)
    assert len(found) >= 4, f"{path.name}: {len(found)} exercises, at least 4 wanted"
    for ex in found:
        assert ex["kind"] is not None, (
            f"{path.name} cell {ex['index']}: an exercise cell must follow a markdown cell "
            "that starts with '### Exercise N · <kind>'"
        )
    numbers = [ex["number"] for ex in found]
    assert numbers == list(range(1, len(found) + 1)), f"{path.name}: exercises numbered {numbers}"
    kinds = " | ".join(ex["kind"] for ex in found)
    for kind in KINDS:
        assert kind in kinds, f"{path.name}: no '{kind}' exercise (kinds: {kinds})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stub_then_collapsed_solution(path):
    nb = load(path)
    solutions = [i for i, c in enumerate(nb.cells) if "solution" in tags(c)]
    found = exercises(nb)
    assert [ex["index"] + 2 for ex in found] == solutions, (
        f"{path.name}: every exercise cell must be followed by the solution intro and a "
        f"solution cell (exercises at {[ex['index'] for ex in found]}, solutions at {solutions})"
    )
    for ex in found:
        i = ex["index"]
        stub, intro, solution = nb.cells[i], nb.cells[i + 1], nb.cells[i + 2]
        where = f"{path.name} exercise {ex['number']}"
        assert stub.cell_type == "code" and "..." in stub.source, f"{where}: no ... stub"
        checker = re.search(r"\b(check_\w+)\(", stub.source)
        assert checker, f"{where}: the learner cell calls no check_... function"
        assert intro.cell_type == "markdown" and intro.source.strip() == SOLUTION_INTRO, (
            f"{where}: the cell between stub and solution must be {SOLUTION_INTRO!r}"
        )
        assert solution.cell_type == "code", f"{where}: the solution must be a code cell"
        assert checker.group(1) + "(" in solution.source, (
            f"{where}: the solution should call the same checker, {checker.group(1)}"
        )
        assert "..." not in solution.source.replace('"..."', ""), f"{where}: solution has a ..."
        hidden = solution.metadata.get("jupyter", {})
        assert hidden.get("source_hidden") is True and hidden.get("outputs_hidden") is True, (
            f"{where}: the solution cell must be collapsed (source_hidden, outputs_hidden)"
        )
        assert "nbval-ignore-output" not in tags(stub) + tags(solution), (
            f"{where}: checker verdicts are deterministic; nbval must compare them"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_verdicts(path):
    """As saved (one Run All): every stub says 'not answered', every solution '✔'."""
    nb = load(path)
    for ex in exercises(nb):
        stub, solution = text_of(nb.cells[ex["index"]]), text_of(nb.cells[ex["index"] + 2])
        where = f"{path.name} exercise {ex['number']}"
        assert stub.count(UNANSWERED) >= 1 and "Hint:" in stub, f"{where} stub says:\n{stub}"
        assert "✔" not in stub and "✘" not in stub, f"{where} stub says:\n{stub}"
        assert "✔" in solution, f"{where}: the solution is not confirmed:\n{solution}"
        assert "✘" not in solution and UNANSWERED not in solution, f"{where}:\n{solution}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_runs_with_every_exercise_skipped(path, tmp_path):
    """Solutions removed, the chapter runs top to bottom and no stub passes its checker."""
    nb = load(path)
    nb.cells = [c for c in nb.cells if "solution" not in tags(c)]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    work = tmp_path / path.stem
    work.mkdir()
    shutil.copy(path, work / path.name)
    client = NotebookClient(
        nb,
        timeout=900,
        kernel_name="python3",
        resources={"metadata": {"path": str(work)}},
        allow_errors=True,
    )
    client.execute()
    errors = [
        f"cell {i}: {text_of(c)[-300:]}"
        for i, c in enumerate(nb.cells)
        if any(o["output_type"] == "error" for o in c.get("outputs", []))
        and "raises-exception" not in tags(c)
    ]
    assert not errors, f"{path.name} without its solutions fails:\n" + "\n".join(errors)
    stubs = [c for c in nb.cells if "exercise" in tags(c)]
    assert stubs, f"{path.name} has no exercise cells"
    for n, cell in enumerate(stubs, start=1):
        said = text_of(cell)
        assert UNANSWERED in said and "Hint:" in said, f"exercise {n} as shipped says:\n{said}"
        assert "✔" not in said, f"exercise {n}: the stub passes its own checker:\n{said}"
