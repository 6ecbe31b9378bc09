"""Every notebook stands alone and gives the same outputs on another machine setup.

The main nbval run executes the notebooks in place with the machine's default
BLAS threads. Here each notebook is copied *alone* into an empty folder and
validated again by nbval in strict mode from a different working directory,
with BLAS limited to one thread: a notebook that reads something another
notebook wrote, depends on the working directory, or prints numbers that
change with the BLAS thread count fails here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
ONE_THREAD = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


def run_alone(notebook: Path, workdir: Path, env_extra: dict[str, str]) -> tuple[int, str]:
    """Copy `notebook` alone into workdir/alone/ and run nbval on it from `workdir`."""
    alone = workdir / "alone"
    alone.mkdir(parents=True, exist_ok=True)
    copy = alone / notebook.name
    shutil.copy(notebook, copy)
    env = {**os.environ, **env_extra}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(alone),
            str(copy),
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
    )
    return proc.returncode, proc.stdout[-4000:] + proc.stderr[-2000:]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_alone_one_blas_thread_other_cwd(notebook, tmp_path):
    code, output = run_alone(notebook, tmp_path, ONE_THREAD)
    assert code == 0, f"{notebook.name} changed when run alone with one BLAS thread:\n{output}"


def test_a_notebook_that_needs_another_ones_file_is_caught(tmp_path):
    """The check above really fails for a notebook that depends on a sibling's output."""
    source = tmp_path / "course"
    source.mkdir()
    (source / "weights_from_chapter_08.txt").write_text("0.5\n")
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(open('weights_from_chapter_08.txt').read().strip())")
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = source / "depends.ipynb"
    nbformat.write(nb, path)
    # store the outputs of an in-place run, as a learner's saved notebook would have
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--inplace",
            str(path),
        ],
        cwd=source,
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert "0.5" in str(nbformat.read(path, 4).cells[0].outputs)
    code, output = run_alone(path, tmp_path / "elsewhere", ONE_THREAD)
    assert code != 0 and "FileNotFoundError" in output
