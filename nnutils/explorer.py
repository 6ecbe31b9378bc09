"""Chapter 08's training explorer: a panel whose picture grows while the notebook trains.

It is a `Panel` (controls, live figure, message) that does not redraw when a
control moves; instead Train starts the notebook's `train` generator in a
background runner, which feeds the accuracy curves and the progress bar as the
run goes, and Stop ends it after the current iteration.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as W
import numpy as np

from nnutils import diagnose, validate, views
from nnutils.controls import ChoiceControl, int_slider, log_slider, slider
from nnutils.panel import LiveFigure, Panel

BATCH_SIZES = [1, 10, 20, 50, 100, 200, 500, 1000]


class TrainingExplorer:
    """Training settings, Train and Stop buttons, and curves that grow live.

    `train(alpha=..., hidden_size=..., batch_size=..., dropout=..., iterations=...)`
    is the notebook's own training function, written as a generator that yields
    one dict per iteration with `iteration`, `train_error`, `train_accuracy` and
    (when the test set was evaluated) `test_accuracy`. Starting a new run first
    stops and waits for the old one, and every update is tagged with its run, so
    a finished run can never draw over a newer one.
    """

    def __init__(
        self,
        train: Callable[..., Any],
        alpha: float = 0.1,
        hidden_size: int = 100,
        batch_size: int = 100,
        dropout: float = 0.5,
        iterations: int = 100,
        redraw_seconds: float = 0.25,
    ):
        if not callable(train):
            raise TypeError(
                f"train must be a generator function from the notebook, got {train!r:.60}"
            )
        if isinstance(batch_size, bool) or batch_size not in BATCH_SIZES:
            raise ValueError(f"batch_size must be one of {BATCH_SIZES}, got {batch_size!r}")
        redraw_seconds = validate.number("redraw_seconds", redraw_seconds)
        if redraw_seconds <= 0:
            raise ValueError(f"redraw_seconds must be positive, got {redraw_seconds:g}")
        self.train = train
        self.redraw_seconds = redraw_seconds
        controls = [
            log_slider("alpha", "alpha", alpha, -3, 1, 0.1, ".3g"),
            int_slider("hidden_size", "hidden size", hidden_size, 10, 400, 10),
            ChoiceControl("batch_size", "batch size", batch_size, BATCH_SIZES, style="slider"),
            slider("dropout", "dropout rate", dropout, 0.0, 0.9, 0.05),
            int_slider("iterations", "iterations", iterations, 1, 500),
        ]
        self.train_button = W.Button(description="Train", button_style="success", icon="play")
        self.stop_button = W.Button(description="Stop", button_style="danger", icon="stop")
        self.train_button.add_class("nnutils-train")
        self.stop_button.add_class("nnutils-stop")
        self.train_button.on_click(lambda _: self.start())
        self.stop_button.on_click(lambda _: self.stop(wait=False))
        self.progress = W.IntProgress(value=0, min=0, max=iterations, description="progress")
        self.figure = LiveFigure(height=380)
        self.view = views.AccuracyView(self.figure.fig.subplots(), live=self.figure)
        self._history: list[dict] = []
        self._iterations = iterations
        self.panel = Panel(
            controls,
            self.figure,
            self._draw,
            title="Training explorer",
            live=False,
            extra=[W.HBox([self.train_button, self.stop_button, self.progress])],
        )
        self.controls = self.panel.controls
        self.widget = self.panel.widget
        self.history: list[dict] = []
        self.state = "idle"  # idle, running, stopped, finished, diverged, stuck, error
        self._run_id = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._show([], 0, iterations, "Press Train to start.")

    # -- running -------------------------------------------------------------------------

    @property
    def last_message(self) -> str:
        """The message under the picture."""
        return self.panel.last_message

    def settings(self) -> dict[str, Any]:
        """The current control values, as keyword arguments for `train`."""
        return self.panel.values()

    def start(self) -> None:
        """Stop any run in progress, then train with the current settings in the background."""
        self.stop(wait=True)
        self._stop = threading.Event()
        self._run_id += 1
        run_id, stop, settings = self._run_id, self._stop, self.settings()
        self.state = "running"
        self._thread = threading.Thread(
            target=self.run, args=(settings, run_id, stop), daemon=True, name="nnutils-train"
        )
        self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Ask the current run to stop after its current iteration (and wait for it)."""
        self._stop.set()
        thread = self._thread
        if wait and thread is not None and thread is not threading.current_thread():
            thread.join(timeout=60)

    def wait(self, timeout: float = 120) -> str:
        """Block until the current run ends; return its final message."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.last_message

    def run(
        self,
        settings: dict[str, Any] | None = None,
        run_id: int | None = None,
        stop: threading.Event | None = None,
    ) -> str:
        """Train with `settings` (default: the controls), drawing as it goes; return the message."""
        settings = dict(settings or self.settings())
        if run_id is None:
            self._run_id += 1
            run_id = self._run_id
        stop = stop or threading.Event()
        iterations = int(settings["iterations"])
        history: list[dict] = []
        dropout = float(settings.get("dropout", 0) or 0)
        with self.figure.lock:  # with dropout, train accuracy is measured on the thinned network
            self.view.train.set_label("train (dropout on)" if dropout > 0 else "train")
            self.view.ax.legend(loc="lower right")
            self.figure.invalidate(self.view.ax)
        self._show(history, run_id, iterations, "training...", "running")
        last_draw = time.perf_counter()
        outcome, text = "finished", ""
        try:
            with np.errstate(all="ignore"):
                for stats in self.train(**settings):
                    history.append(dict(stats))
                    verdict = diagnose.training(history)
                    if verdict is not None:
                        outcome = verdict.kind
                        if verdict.kind == "diverged":
                            history.pop()
                        text = f"{verdict.message} (alpha {settings['alpha']:g}, batch size "
                        text += f"{settings['batch_size']}); stopped"
                        break
                    # the progress bar moves with the curves (each change is a message
                    # to the browser; one per iteration would slow training down)
                    now = time.perf_counter()
                    if now - last_draw > self.redraw_seconds:
                        self._show(history, run_id, iterations)
                        last_draw = time.perf_counter()
                    if stop.is_set():
                        outcome = "stopped"
                        text = f"stopped at iteration {stats['iteration']} of {iterations}"
                        break
        except Exception as e:  # the notebook's function failed: say so in the widget
            outcome, text = "error", f"Error: {type(e).__name__}: {e}"
        if run_id != self._run_id:
            return text  # a newer run owns the widget now
        self.history = history
        if outcome == "finished":
            tested = [h["test_accuracy"] for h in history if h.get("test_accuracy") is not None]
            best = f", best test accuracy {max(tested):.4f}" if tested else ""
            last = history[-1]["train_accuracy"] if history else float("nan")
            text = f"finished {len(history)} iterations: train accuracy {last:.3f}{best}"
        self._show(history, run_id, iterations, text, outcome)
        return text

    # -- drawing ---------------------------------------------------------------------------

    def _draw(self, **_values: Any) -> str | None:
        self.view.update(self._history, self._iterations)
        return None

    def _show(
        self,
        history: list[dict],
        run_id: int,
        iterations: int,
        text: str | None = None,
        state: str | None = None,
    ) -> None:
        """Draw `history` (if `run_id` still owns the widget), and say `text`."""
        with self.figure.lock:
            if run_id != self._run_id:
                return
            self._history, self._iterations = list(history), iterations
            self.progress.max = max(iterations, 1)
            self.progress.value = min(len(history), iterations)
            self.view.update(self._history, iterations)
            self.figure.show()
            if state is not None:
                self.state = state
            if text is not None:
                self.panel.say(text, error=state in ("error", "diverged", "stuck"))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def training_explorer(train: Callable[..., Any], **defaults: Any) -> TrainingExplorer:
    """Chapter 08: build a `TrainingExplorer` around the notebook's `train` generator."""
    return TrainingExplorer(train, **defaults)
