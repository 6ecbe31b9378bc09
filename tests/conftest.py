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
    """After the run: how fast each panel's picture followed the browser, saved as JSON."""
    import json
    import statistics

    from tests.browser.jupyter import ARTIFACTS, LATENCIES

    if not LATENCIES:
        return
    tr = terminalreporter
    tr.section("widgets in the browser")
    units = {"typed": "ms", "drag end": "ms", "first curve": "ms"}
    summary = {}
    for kind in dict.fromkeys(k for _, k, _ in LATENCIES):
        values = [v for _, k, v in LATENCIES if k == kind]
        scale = 1000 if units.get(kind) == "ms" else 1
        summary[kind] = {
            "count": len(values),
            "median": statistics.median(values) * scale,
            "max": max(values) * scale,
            "unit": units.get(kind, ""),
        }
        tr.write_line(
            f"{kind:14s} {len(values):3d} measured: median {statistics.median(values) * scale:.0f}"
            f" {units.get(kind, '')}, max {max(values) * scale:.0f}"
        )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "latency.json").write_text(
        json.dumps(
            {
                "summary": summary,
                "each": [{"where": w, "kind": k, "value": v} for w, k, v in LATENCIES],
            },
            indent=1,
        )
    )
