"""Mutation testing of the modules whose mistakes a learner can't see (`make mutation`).

mutmut plants one small bug at a time (a flipped comparison, a changed
constant, a dropped argument, a changed message...) in nnutils' data loading and
verification, number format, validation, answer checkers and gradient checker,
and runs the tests that exercise the changed function. A mutant the tests catch
is "killed"; one they don't is a "survivor". Which modules and tests take part
is set in pyproject.toml, [tool.mutmut].

This script runs mutmut from scratch (or, with --resume, goes on from where the
last run stopped), then reports the score per module and writes every survivor
with its change to artifacts/mutation/survivors.txt. MUTATION.md records the
score and the survivors judged harmless, each with the reason; a survivor not
listed there is reported as unexplained.

    python benchmarks/mutation.py [--resume] [--jobs N] [--report-only]
"""

from __future__ import annotations

import argparse
import ast
import datetime
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
OUT = ROOT / "artifacts" / "mutation"
REPORT = ROOT / "MUTATION.md"


def classify(code: int | None) -> str:
    """mutmut's word for a mutant's exit code (killed, survived, timeout, no tests...)."""
    from mutmut.stats import status_by_exit_code

    return status_by_exit_code[code]


def results() -> dict[str, int | None]:
    """Each mutant's exit code, by mutmut's name for it."""
    codes: dict[str, int | None] = {}
    for meta in sorted(MUTANTS.glob("nnutils/**/*.meta")):
        codes.update(json.loads(meta.read_text())["exit_code_by_key"])
    return codes


def changes() -> dict[str, str]:
    """Each mutant's change, as '- original line / + mutated line', by mutant name."""
    found: dict[str, str] = {}
    for path in sorted(MUTANTS.glob("nnutils/**/*.py")):
        module = ".".join(path.relative_to(MUTANTS).with_suffix("").parts)
        tree = ast.parse(path.read_text())
        funcs = {
            (owner, node.name): node for owner, node in _functions(tree) if "__mutmut_" in node.name
        }
        for (owner, name), node in funcs.items():
            m = re.fullmatch(r"(.*)__mutmut_(\d+)", name)
            if not m:
                continue
            orig = funcs.get((owner, f"{m.group(1)}__mutmut_orig"))
            if orig is None:
                continue
            before, after = ast.unparse(orig).splitlines()[1:], ast.unparse(node).splitlines()[1:]
            diff = [
                line.strip()
                for line in difflib.unified_diff(before, after, lineterm="", n=0)
                if line[:1] in "+-" and not line.startswith(("+++", "---"))
            ]
            prefix = f"{module}.{owner}ǁ" if owner else f"{module}."
            found[prefix + name] = "  |  ".join(d[:200] for d in diff)
    return found


def _functions(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield "", node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    yield f"x{node.name}", item


def module_of(name: str) -> str:
    return re.split(r"\.x_|\.xǁ", name)[0]


def explained() -> set[str]:
    """The survivors MUTATION.md judges harmless (each named in backticks on its own row)."""
    if not REPORT.exists():
        return set()
    return set(re.findall(r"`(nnutils\.[^`]+__mutmut_\d+)`", REPORT.read_text()))


def record_score(lines: list[str]) -> None:
    """Put the score into MUTATION.md, between its score markers (the rest is kept)."""
    if not REPORT.exists():
        return
    text = REPORT.read_text()
    begin, end = "<!-- score: written by benchmarks/mutation.py -->", "<!-- /score -->"
    if begin not in text or end not in text:
        return
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    REPORT.write_text(head + begin + "\n" + "\n".join(lines) + "\n" + end + tail)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resume", action="store_true", help="go on from the last run")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--report-only", action="store_true", help="report the last run again, run nothing"
    )
    args = parser.parse_args()
    timing = OUT / "run.json"
    if args.report_only:
        if not MUTANTS.exists() or not timing.exists():
            print("no mutation run to report: run `make mutation` first")
            return 1
        last = json.loads(timing.read_text())
        minutes, args.jobs = last["minutes"], last["jobs"]
    else:
        if not args.resume and MUTANTS.exists():
            shutil.rmtree(MUTANTS)
        start = time.perf_counter()
        run = subprocess.run(  # mutmut's own progress line shows while it works
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.jobs)],
            cwd=ROOT,
        )
        print()
        minutes = (time.perf_counter() - start) / 60
        if run.returncode != 0 and not results():
            print(f"mutmut failed (exit {run.returncode}) before testing any mutant")
            return run.returncode or 1
        OUT.mkdir(parents=True, exist_ok=True)
        timing.write_text(json.dumps({"minutes": minutes, "jobs": args.jobs}))
    codes = results()
    verdicts = {name: classify(code) for name, code in codes.items()}
    diffs = changes()
    harmless = explained()
    per_module: dict[str, Counter] = defaultdict(Counter)
    for name, verdict in verdicts.items():
        per_module[module_of(name)][verdict] += 1
    OUT.mkdir(parents=True, exist_ok=True)
    survivors = sorted(n for n, v in verdicts.items() if v == "survived")
    with open(OUT / "survivors.txt", "w") as f:
        for name in survivors:
            mark = "harmless" if name in harmless else "UNEXPLAINED"
            f.write(f"{name}  [{mark}]\n    {diffs.get(name, '?')}\n")
    total = Counter(verdicts.values())
    caught = total["killed"] + total["timeout"]
    table = [
        "| module | mutants | killed | timeout | survived | other | score |",
        "|---|---|---|---|---|---|---|",
    ]
    for module, c in sorted(per_module.items()):
        n = sum(c.values())
        other = n - c["killed"] - c["timeout"] - c["survived"]
        score = (c["killed"] + c["timeout"]) / n
        table.append(
            f"| {module} | {n} | {c['killed']} | {c['timeout']} | {c['survived']} | {other} "
            f"| {score:.1%} |"
        )
    n = len(verdicts)
    table.append(
        f"| **all** | **{n}** | {total['killed']} | {total['timeout']} | {total['survived']} "
        f"| {n - caught - total['survived']} | **{caught / n:.1%}** |"
    )
    unexplained = [s for s in survivors if s not in harmless]
    judged = len(survivors) - len(unexplained)
    record_score(
        [
            f"Run of {datetime.date.today().isoformat()}: {n} mutants in {minutes:.0f} min "
            f"with {args.jobs} jobs (`make mutation`). Killed means a test failed with the "
            "bug planted; a timeout (the tests hung) counts as killed.",
            "",
            *table,
            "",
            f"{len(survivors)} survivors: {judged} judged harmless below, "
            f"{len(unexplained)} not (listed in `artifacts/mutation/survivors.txt` after a run).",
        ]
    )
    print(f"mutmut ran {n} mutants in {minutes:.1f} min with {args.jobs} jobs\n")
    print("\n".join(table))
    print(
        f"\n{len(survivors)} survivors ({len(survivors) - len(unexplained)} judged harmless in "
        f"MUTATION.md, {len(unexplained)} unexplained): {OUT / 'survivors.txt'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
