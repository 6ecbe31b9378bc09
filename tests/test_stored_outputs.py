"""The stored notebooks are clean: no warnings or errors saved with them.

A warning in a stored output carries a temporary file path (different on every
run, so nbval would fail elsewhere) and tells a learner something went wrong.
Only cells tagged `raises-exception` may store an error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stored_output_is_a_warning_or_an_unexpected_error(path):
    bad = []
    for i, cell in enumerate(json.loads(path.read_text())["cells"]):
        tags = cell.get("metadata", {}).get("tags", [])
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                bad.append(f"cell {i}: stderr {''.join(out['text'])[:120]!r}")
            if out.get("output_type") == "error" and "raises-exception" not in tags:
                bad.append(f"cell {i}: {out.get('ename')}: {out.get('evalue', '')[:80]}")
    assert not bad, f"{path.name}: " + "; ".join(bad)
