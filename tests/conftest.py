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


def pytest_terminal_summary(terminalreporter) -> None:
    """After the run: how fast each widget's plot followed a slider in the browser."""
    from tests.browser.jupyter import LATENCIES

    if not LATENCIES:
        return
    import statistics

    tr = terminalreporter
    tr.section("widget latency in the browser (action -> plot changed)")
    times = [t for _, _, t in LATENCIES]
    tr.write_line(
        f"{len(times)} actions: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms"
    )
    for label, action, seconds in LATENCIES:
        tr.write_line(f"  {seconds * 1000:6.0f} ms  {action:11s} {label}")
