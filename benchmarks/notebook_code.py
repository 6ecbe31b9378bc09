"""Load the functions a notebook defines, so benchmarks and tests run the lesson's own code.

Only top-level `import` statements and `def` blocks of the notebook's code cells
are executed (in order, so a later definition replaces an earlier one, as it
does when the notebook runs); training runs and plots are skipped. Globals that
default arguments refer to (such as `images`) are passed in.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def notebook_functions(name: str, until: str | None = None, **globals_: Any) -> dict[str, Any]:
    """Execute the imports and function definitions of notebooks/`name`.ipynb.

    With `until`, stop before the first code cell containing that text, so the
    functions are the ones the notebook had defined at that point (a name the
    notebook redefines later keeps its earlier meaning).
    """
    path = NOTEBOOKS / f"{name}.ipynb"
    cells = json.loads(path.read_text())["cells"]
    namespace: dict[str, Any] = {"__name__": f"notebook_{name}", **globals_}
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if until is not None and until in source:
            break
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        keep = [
            node
            for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef))
        ]
        if keep:
            module = ast.Module(body=keep, type_ignores=[])
            exec(compile(module, str(path), "exec"), namespace)
    return namespace
