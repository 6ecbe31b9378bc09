"""Every notebook stands alone and gives the same outputs on another machine setup.

The main nbval run executes the notebooks in place with the machine's default
BLAS threads. Here each notebook is copied *alone* into an empty folder and
validated again by nbval in strict mode from a different working directory,
with BLAS limited to one thread, NNUTILS_DATA_DIR unset and downloads made
impossible (every HTTP(S) proxy points at a loopback port that refuses
connections): a notebook that reads something another notebook wrote, depends
on the working directory, prints numbers that change with the BLAS thread
count, or needs MNIST beyond the subset shipped in data/ fails here.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
ONE_THREAD = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


@contextlib.contextmanager
def refusing_port() -> Iterator[int]:
    """A loopback port that is bound but not listening: every connection is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def no_downloads_env(port: int) -> dict[str, str]:
    """Environment that sends every HTTP(S) request (urllib included) to a refusing proxy."""
    proxy = f"http://127.0.0.1:{port}"
    names = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
    env = {name: proxy for upper in names for name in (upper, upper.lower())}
    env.update({"NO_PROXY": "", "no_proxy": ""})
    return env


def run_alone(notebook: Path, workdir: Path, env_extra: dict[str, str]) -> tuple[int, str]:
    """Copy `notebook` alone into workdir/alone/ and run nbval on it from `workdir`.

    The run has no NNUTILS_DATA_DIR and cannot download anything.
    """
    alone = workdir / "alone"
    alone.mkdir(parents=True, exist_ok=True)
    copy = alone / notebook.name
    shutil.copy(notebook, copy)
    with refusing_port() as port:
        env = {k: v for k, v in os.environ.items() if k != "NNUTILS_DATA_DIR"}
        env.update({**no_downloads_env(port), **env_extra})
        return _nbval(copy, alone, workdir, env)


def _nbval(copy: Path, alone: Path, workdir: Path, env: dict[str, str]) -> tuple[int, str]:
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
    assert code == 0, (
        f"{notebook.name} changed when run alone with one BLAS thread, "
        f"no NNUTILS_DATA_DIR and no downloads:\n{output}"
    )


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


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def test_in_that_run_mnist_beyond_the_subset_cannot_be_had(tmp_path):
    """The check above really has no NNUTILS_DATA_DIR and really cannot download."""
    path = _notebook(
        tmp_path / "course" / "wants_more.ipynb",
        "import os\nassert 'NNUTILS_DATA_DIR' not in os.environ, os.environ['NNUTILS_DATA_DIR']",
        "import tempfile\nfrom nnutils.data import load_mnist\n"
        "load_mnist(n_train=1001, data_dir=tempfile.mkdtemp())",
    )
    code, output = run_alone(path, tmp_path / "elsewhere", ONE_THREAD)
    assert code != 0 and "MnistError" in output and "AssertionError" not in output
    assert "could not be downloaded" in output and "Connection refused" in output
