"""Shared fixtures: where the real MNIST files are, and a headless matplotlib."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent


def real_mnist_dir() -> Path | None:
    """The folder with the four real MNIST files, if this machine has one."""
    candidates = [
        os.environ.get("NNUTILS_DATA_DIR"),
        ROOT / "data" / "mnist",
        ROOT.parent / "shared" / "data" / "mnist",
    ]
    for c in candidates:
        if c and all(
            (Path(c) / n).exists()
            for n in (
                "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz",
            )
        ):
            return Path(c)
    return None


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    found = real_mnist_dir()
    if found is None:
        pytest.skip("no MNIST files here: set NNUTILS_DATA_DIR or run load_mnist() once online")
    return found


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
