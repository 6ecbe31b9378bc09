"""Measure how fast the course runs and responds; write the results to BENCHMARKS.md.

    make bench                      # or: .venv/bin/python benchmarks/run.py
    .venv/bin/python benchmarks/run.py --quick      # fewer repetitions, no notebooks

Sections:
1. wall time to execute each notebook top to bottom in a fresh kernel;
2. median and 95th percentile time of one panel update (compute + draw + encode at
   2x, no browser), driving the notebooks' own functions, beside the figures from
   before the live figures were rebuilt;
3. training throughput of chapter 08's explorer `train` (iterations of 1000 images / s);
4. chapter 08 side by side: the published code transcribed to Python 3 (per-example
   test evaluation, the in-loop mini-batch update) against the notebook's code for
   the same runs, as a ratio of wall times, after checking that both printed the
   same lines;
5. the browser suite's latest latencies (artifacts/browser/latency.json).

Nothing here is a test: the numbers are recorded, not asserted.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.notebook_code import notebook_functions  # noqa: E402
from benchmarks.published_ch08 import published_runs  # noqa: E402
from nnutils import data, widgets  # noqa: E402
from nnutils.data import load_mnist  # noqa: E402


def machine() -> list[str]:
    """A short description of this machine."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    try:
        from threadpoolctl import threadpool_info

        blas = ", ".join(
            f"{i.get('internal_api')} {i.get('version')} ({i.get('num_threads')} threads)"
            for i in threadpool_info()
        )
    except ImportError:
        blas = "BLAS: see numpy.show_config()"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores{mem}",
        f"- Python {platform.python_version()}, numpy {np.__version__}, "
        f"matplotlib {matplotlib.__version__}; {blas}",
        f"- OS: {platform.platform()}",
    ]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


# --- 1. notebooks ---------------------------------------------------------------------


def notebook_times() -> list[tuple[str, float]]:
    import nbformat
    from nbclient import NotebookClient

    rows = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            timeout=900,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        )
        start = time.perf_counter()
        client.execute()
        rows.append((path.name, time.perf_counter() - start))
        print(f"  {path.name}: {rows[-1][1]:.1f} s", flush=True)
    return rows


# --- 2. widgets ---------------------------------------------------------------------


def widget_updates(repeat: int) -> list[tuple[str, list[float], str]]:
    """(widget, update times, settings swept) for every panel of chapters 02-09 and A1."""
    rows = []

    def sweep(name: str, panel: widgets.Panel, control: str, values: list, note: str) -> None:
        panel.update(**{control: values[-1]})  # the first picture is a full draw
        panel.update_seconds.clear()
        for k in range(repeat):
            panel.update(**{control: values[k % len(values)]})
            if panel.last_error:
                raise RuntimeError(f"{name}: the widget failed: {panel.last_error}")
        rows.append((name, list(panel.update_seconds), note))
        print(
            f"  {name}: median {statistics.median(panel.update_seconds) * 1000:.1f} ms", flush=True
        )

    ch02 = notebook_functions("02_what_is_learning")
    sweep(
        "02 knob",
        widgets.knob_explorer(ch02["neural_network"], 8.5, 1.0),
        "weight",
        list(np.linspace(-1, 1, 41)),
        "weight -1..1",
    )
    ch03 = notebook_functions("03_forward_propagation", until="weighted_sum_explorer(")
    sweep(
        "03 weighted sum",
        widgets.weighted_sum_explorer(ch03["neural_network"], np.array([8.5, 0.65, 1.2])),
        "w0",
        list(np.linspace(-1, 1, 41)),
        "toes weight -1..1",
    )
    ch04 = notebook_functions("04_gradient_descent", input=0.5, goal_pred=0.8)
    sweep(
        "04 error bowl",
        widgets.bowl_explorer(ch04["error_of"], ch04["slope_of"], weight_range=(-1, 4)),
        "weight",
        list(np.linspace(-1, 4, 51)),
        "weight -1..4",
    )
    sweep(
        "04 hot and cold",
        widgets.hot_cold_explorer(ch04["hot_and_cold"]),
        "step_amount",
        list(np.logspace(-4, 1, 26)),
        "step 1e-4..10, 1101 iterations",
    )
    sweep(
        "04 descent path",
        widgets.descent_explorer(ch04["gradient_descent"], ch04["error_at"], input=2),
        "alpha",
        list(np.linspace(0, 2, 41)),
        "alpha 0..2, input 2, 20 steps",
    )
    ch05 = notebook_functions("05_multiple_weights", input=[8.5, 0.65, 1.2], true=1)
    sweep(
        "05 three bowls",
        widgets.three_bowls_explorer(
            lambda freeze_a, alpha: ch05["train"](freeze_a, iterations=10, alpha=alpha),
            ch05["error_at"],
            alphas=(0.001, 0.01, 0.02, 0.026, 0.028, 0.1, 0.3),
            alpha=0.01,
        ),
        "iteration",
        list(range(11)),
        "iteration 0..10",
    )
    images, labels, _, _ = load_mnist(n_train=1000, n_test=0)
    trained = np.random.default_rng(0).normal(0, 0.01, (784, 10))
    sweep(
        "05 digit picker",
        widgets.digit_picker(trained, ch05["predict"], images, labels),
        "digit",
        list(range(10)),
        "digit 0..9",
    )
    ch06 = notebook_functions("06_backpropagation")
    datasets = {
        "four-row": (data.STREETLIGHTS_4, data.WALK_VS_STOP_4[:, None]),
        "six-row": (data.STREETLIGHTS, data.WALK_VS_STOP[:, None]),
    }
    sweep(
        "06 streetlight trainer",
        widgets.streetlight_trainer(ch06["train"], ch06["forward"], datasets),
        "seed",
        list(range(21)),
        "seed 0..20, 60 iterations, hidden 4",
    )
    ch07 = notebook_functions("07_picturing_networks")
    np.random.seed(1)
    w01, w12 = 2 * np.random.random((3, 4)) - 1, 2 * np.random.random((4, 1)) - 1
    sweep(
        "07 forward stepper",
        widgets.forward_stepper(ch07["forward_steps"], w01, w12, data.STREETLIGHTS_4),
        "step",
        [0, 1, 2, 3],
        "steps 0..3",
    )
    no_data = {"images": None, "labels": None, "test_images": None, "test_labels": None}
    ch09 = notebook_functions("09_activation_functions", **no_data)
    sweep(
        "09 softmax",
        widgets.softmax_explorer(
            ch09["softmax"],
            ch09["cross_entropy"],
            logits=(0.13, 0.33, -0.89),
            normalise=ch09["normalise"],
        ),
        "z0",
        list(np.linspace(-6, 6, 49)),
        "logit 0 -6..6, both panels",
    )
    a1 = notebook_functions("A1_calculus_of_backprop")
    sweep(
        "A1 neuron",
        widgets.neuron_explorer(a1["a1"]),
        "w1",
        list(np.linspace(-10, 10, 41)),
        "weight w1 -10..10",
    )
    return rows


# --- 3. explorer throughput ------------------------------------------------------------


def explorer_throughput(ch08: dict) -> list[tuple[str, float]]:
    rows = []
    for batch_size, hidden_size, iterations in [
        (100, 100, 100),
        (10, 100, 30),
        (100, 400, 50),
        (1000, 100, 100),
    ]:
        start = time.perf_counter()
        n = sum(
            1
            for _ in ch08["train"](
                alpha=0.1,
                hidden_size=hidden_size,
                batch_size=batch_size,
                dropout=0.5,
                iterations=iterations,
                test_every=10**9,  # training speed only; the explorer tests every 10
            )
        )
        rate = n / (time.perf_counter() - start)
        rows.append((f"batch {batch_size}, hidden {hidden_size}", rate))
        print(
            f"  explorer train, batch {batch_size}, hidden {hidden_size}: {rate:.0f} it/s",
            flush=True,
        )
    start = time.perf_counter()
    n = sum(1 for _ in ch08["train"](iterations=100))  # with the test pass every 10
    rows.append(
        (
            "batch 100, hidden 100, testing every 10 (as in the explorer)",
            n / (time.perf_counter() - start),
        )
    )
    # the explorer itself: the same run, drawing its curves every 0.25 s as it trains
    explorer = widgets.training_explorer(ch08["train"], iterations=100)
    start = time.perf_counter()
    explorer.run()
    rate = len(explorer.history) / (time.perf_counter() - start)
    rows.append(("the explorer running it, drawing every 0.25 s (no browser)", rate))
    print(f"  explorer while drawing: {rate:.0f} it/s", flush=True)
    return rows


# --- 4. published vs course --------------------------------------------------------------


def same_lines(label: str, published: str, course: str) -> None:
    """Refuse to compare speeds unless both sides printed exactly the same lines."""
    # the published code writes "\nI:..." (a newline before each line): blank lines aside
    pub = [line for line in published.splitlines() if line.strip()]
    ours = [line for line in course.splitlines() if line.strip()]
    if not pub:
        raise RuntimeError(f"{label}: the published code printed nothing to compare")
    if pub != ours:
        k = next((i for i, (a, b) in enumerate(zip(pub, ours)) if a != b), min(len(pub), len(ours)))
        raise RuntimeError(
            f"{label}: the two sides printed different lines (first difference at line {k + 1}: "
            f"published {pub[k] if k < len(pub) else '(nothing)'!r}, "
            f"course {ours[k] if k < len(ours) else '(nothing)'!r})"
        )


def side_by_side(ch08: dict, fraction: float, repeat: int) -> list[tuple[str, float, float, int]]:
    """Wall time of the published code and the notebook's code for the same runs."""
    import contextlib
    import io

    rows = []
    published = published_runs(*load_mnist())
    settings = {
        "overfitting (hidden 40)": (350, "overfit"),
        "dropout (hidden 100)": (300, "dropout"),
        "mini-batch (hidden 100, batch 100)": (300, "minibatch"),
    }
    for label, (full, key) in settings.items():
        iterations = max(11, int(round(full * fraction)))
        if key == "overfit":
            course = partial(
                ch08["train_per_example"], ch08["relu2deriv_published"], 40, iterations
            )
        elif key == "dropout":
            course = partial(
                ch08["train_per_example"],
                ch08["relu2deriv_published"],
                100,
                iterations,
                dropout=True,
                test_at_end=False,
            )
        else:  # the notebook's run that prints the full published log
            course = partial(ch08["train_published_minibatch_summed"], iterations)
        pub_times, course_times = [], []
        for _ in range(repeat):  # interleaved, so a slow spell of the machine hits both
            pub_out, course_out = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(pub_out):
                pub_times += timed(partial(published[key], iterations), 1)
            with contextlib.redirect_stdout(course_out):
                course_times += timed(course, 1)
            same_lines(label, pub_out.getvalue(), course_out.getvalue())
        t_pub, t_course = statistics.median(pub_times), statistics.median(course_times)
        rows.append((label, t_pub, t_course, iterations))
        print(
            f"  {label}: published {t_pub:.1f} s, course {t_course:.1f} s, {iterations} it",
            flush=True,
        )
    return rows


def arithmetic_floor(images: np.ndarray, labels: np.ndarray, repeat: int) -> list[tuple]:
    """Seconds per epoch of the per-example runs' multiply-adds done as batched products.

    Per-example SGD updates the weights after every image, so it can't really be
    batched; this is the floor the same arithmetic (forward, deltas, weight
    gradients for 1000 images) reaches when numpy gets it in one piece.
    """
    rows = []
    rng = np.random.default_rng(0)
    for hidden in (40, 100):
        w01 = rng.uniform(-0.1, 0.1, (784, hidden))
        w12 = rng.uniform(-0.1, 0.1, (hidden, 10))

        def epoch(w01: np.ndarray = w01, w12: np.ndarray = w12) -> None:
            layer_1 = np.maximum(images @ w01, 0)
            layer_2_delta = layer_1 @ w12 - labels
            layer_1_delta = (layer_2_delta @ w12.T) * (layer_1 > 0)
            _ = layer_1.T @ layer_2_delta, images.T @ layer_1_delta

        rows.append((hidden, statistics.median(timed(epoch, repeat))))
    return rows


#: the figures recorded before the live figures were rebuilt (BENCHMARKS.md of 2026-11-22:
#: 72-dpi pictures, every update a full redraw), shown beside today's
PREVIOUS_MEDIANS_MS = {
    "02 knob": 41.1,
    "03 weighted sum": 53.2,
    "04 error bowl": 41.7,
    "04 hot and cold": 42.4,
    "04 descent path": 77.6,
    "05 three bowls": 77.4,
    "05 digit picker": 71.1,
    "06 streetlight trainer": 106.3,
    "07 forward stepper": 50.6,
    "09 softmax": 37.5,
    "A1 neuron": 57.9,
}
PREVIOUS_COURSE_SECONDS = 220.7
PREVIOUS_BROWSER = "typed value to new picture: median 80-180 ms; explorer 14-31 iterations/s"


def browser_section() -> list[str]:
    """The browser suite's latest measurements (artifacts/browser/latency.json), if any."""
    import json

    path = ROOT / "artifacts" / "browser" / "latency.json"
    if not path.exists():
        return [
            "## In the browser",
            "",
            "No measurements: run the browser suite first "
            "(`make test PYTEST_ARGS=tests/browser`), then `make bench`.",
            "",
        ]
    found = json.loads(path.read_text())
    when = datetime.date.fromtimestamp(path.stat().st_mtime).isoformat()
    lines = [
        "## In the browser (JupyterLab in Chromium, HiDPI)",
        "",
        f"From the browser suite's run of {when} (`artifacts/browser/latency.json`): "
        "typed value to new picture, and the last picture after a drag ends, timed in the "
        "page; the chapter 08 explorer's iterations per second while displayed. "
        f"Before the rebuild: {PREVIOUS_BROWSER}.",
        "",
        "| panel | measure | value |",
        "|---|---|---|",
    ]
    for row in found["each"]:
        unit = "it/s" if row["kind"] == "iterations/s" else "pictures"
        value = row["value"]
        if row["kind"] in ("typed", "drag end", "first curve"):
            text = f"{value * 1000:.0f} ms"
        else:
            text = f"{value:.0f} {unit}"
        lines.append(f"| {row['where']} | {row['kind']} | {text} |")
    lines.append("")
    for kind, s in found["summary"].items():
        lines.append(
            f"- {kind}: {s['count']} measured, median {s['median']:.0f} {s['unit']}, "
            f"max {s['max']:.0f} {s['unit']}"
        )
    lines.append("")
    return lines


def write_report(sections: dict, args: argparse.Namespace) -> str:
    today = datetime.date.today().isoformat()
    lines = [
        "# Benchmarks",
        "",
        f"Measured {today} by `benchmarks/run.py`{' --quick' if args.quick else ''} "
        "on this machine:",
        "",
        *machine(),
        "",
        "Targets: the course re-executes no slower than before "
        f"({PREVIOUS_COURSE_SECONDS} s); every panel update (compute, draw and PNG encode "
        "at twice the CSS pixel size) median at most 25 ms and 95th percentile at most "
        "50 ms; in the browser, typed value to new picture median at most 60 ms, the last "
        "picture at most 100 ms after a drag ends; the chapter 08 explorer at least 50 "
        "iterations of 1000 images per second while displayed; the course's chapter 08 at "
        "least 2x faster than the published code for the same printed lines.",
        "",
        "Timings on this shared 2-core machine vary by up to about 1.5x from one run to "
        "the next (other work on the host); each table is one run of this script.",
        "",
    ]
    if "notebooks" in sections:
        rows = sections["notebooks"]
        total = sum(t for _, t in rows)
        lines += [
            "## Notebooks (fresh kernel, top to bottom)",
            "",
            "| notebook | wall time |",
            "|---|---|",
        ]
        lines += [f"| {n} | {t:.1f} s |" for n, t in rows]
        lines += [
            f"| **whole course** | **{total:.1f} s** ({total / 60:.1f} min; before: "
            f"{PREVIOUS_COURSE_SECONDS} s) |",
            "",
        ]
    rows = sections["widgets"]
    lines += [
        "## Panel updates (compute + draw + PNG encode at 2x, no browser)",
        "",
        f"Each update sets one control and redraws; {args.repeat} updates per panel, after "
        "the first picture. Before: the median of the same sweep at 72 dpi, every update "
        "a full redraw.",
        "",
        "A live figure is laid out once. An update blits the moving artists over the kept "
        "background; new axis limits redraw only that axes with its labels (most of the "
        "95th percentiles above: sweeps that rescale often), and the figure is laid out "
        "again only when a label would reach into the next plot or out of the figure.",
        "",
        "Text is drawn by matplotlib 3.10.9, pinned in constraints.txt: 3.11's new text "
        "shaping draws each label 2-4x slower, and a live figure redraws its labels on every "
        "update. Side by side on 2026-11-23 (this sweep, the same course code, median of "
        "three interleaved runs each, matplotlib 3.11.2 vs 3.10.9): 02 knob 11.0 vs 5.4 ms, "
        "03 weighted sum 16.9 vs 8.2 ms, 05 digit picker 26.0 vs 14.9 ms, 09 softmax 19.4 "
        "vs 10.5 ms; the panels with little text within the noise (04 error bowl 3.8 vs "
        "3.6 ms, A1 neuron 4.1 vs 5.3 ms).",
        "",
        "| panel | swept | median | 95th percentile | before (median) |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {n} | {note} | {statistics.median(ts) * 1000:.1f} ms | {p95(ts) * 1000:.1f} ms | "
        f"{PREVIOUS_MEDIANS_MS.get(n, float('nan')):.1f} ms |"
        for n, ts, note in rows
    ]
    lines += [
        "",
        "## Chapter 08 explorer: training throughput",
        "",
        "| settings | iterations / s |",
        "|---|---|",
    ]
    lines += [f"| {n} | {r:.0f} |" for n, r in sections["throughput"]]
    lines += [""]
    lines += browser_section()
    if "side" in sections:
        lines += [
            "## Chapter 08: published code vs the course's notebook code",
            "",
            "Same seeds, same printed lines; the published code evaluates the test set one "
            "image at a time and applies each mini-batch update 100 times; the course evaluates "
            "the test set in one pass and, to print the published mini-batch log, adds up the "
            "100 repeated updates of each batch in closed form "
            "(`train_published_minibatch_summed`, same printed digits). "
            f"Median of {args.side_repeat} interleaved runs each, over the first "
            "iterations of each run (the per-iteration cost is constant, so the ratio holds "
            "for the full runs).",
            "",
            "| run | iterations | published | course | ratio |",
            "|---|---|---|---|---|",
        ]
        for label, t_pub, t_course, its in sections["side"]:
            lines.append(
                f"| {label} | {its} | {t_pub:.2f} s | {t_course:.2f} s | {t_pub / t_course:.1f}x |"
            )
        pub = sum(r[1] for r in sections["side"])
        course = sum(r[2] for r in sections["side"])
        lines += [
            f"| **all three** | | **{pub:.2f} s** | **{course:.2f} s** | **{pub / course:.1f}x** |",
            "",
        ]
        lines += sections.get("side_notes", [])
    if "floor" in sections and "side" in sections:
        per_epoch = {r[0]: r[2] / r[3] for r in sections["side"]}
        lines += [
            "### How far the per-example loop is from its arithmetic",
            "",
            "One epoch of the per-example runs (course code, test pass included) against the "
            "same multiply-adds for 1000 images done as a few batched matrix products. "
            "Per-example SGD must update the weights after each image, so it can't reach "
            "the floor; the gap is Python and numpy call overhead plus rewriting the whole "
            "784 x hidden weight matrix 1000 times per epoch.",
            "",
            "| run | per-example epoch | batched arithmetic | gap |",
            "|---|---|---|---|",
        ]
        names = {40: "overfitting (hidden 40)", 100: "dropout (hidden 100)"}
        for hidden, floor in sections["floor"]:
            epoch = per_epoch[names[hidden]]
            lines.append(
                f"| {names[hidden]} | {epoch * 1000:.0f} ms | {floor * 1000:.1f} ms | "
                f"{epoch / floor:.0f}x |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip notebooks; fewer repetitions")
    parser.add_argument("--repeat", type=int, default=60, help="updates per widget")
    parser.add_argument("--side-repeat", type=int, default=5, help="repetitions of each ch08 run")
    parser.add_argument(
        "--fraction", type=float, default=0.1, help="share of ch08 iterations to time"
    )
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.side_repeat = 20, 1
    sections: dict = {}
    if not args.quick:
        print("notebooks:", flush=True)
        sections["notebooks"] = notebook_times()
    print("widgets:", flush=True)
    sections["widgets"] = widget_updates(args.repeat)
    images, labels, test_images, test_labels = load_mnist()
    ch08 = notebook_functions(
        "08_regularization_mnist",
        images=images,
        labels=labels,
        test_images=test_images,
        test_labels=test_labels,
    )
    print("explorer throughput:", flush=True)
    sections["throughput"] = explorer_throughput(ch08)
    print("published vs course:", flush=True)
    sections["side"] = side_by_side(ch08, args.fraction, args.side_repeat)
    sections["floor"] = arithmetic_floor(images, labels, 10 if args.quick else 30)
    print("arithmetic floor:", sections["floor"], flush=True)
    report = write_report(sections, args)
    Path(args.output).write_text(report)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
