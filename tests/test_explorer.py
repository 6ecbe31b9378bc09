"""Chapter 08's training explorer: runs, stops, restarts, divergence, without a browser.

The explorer is a `Panel` (`explorer.panel`) whose live figure
(`explorer.figure`) shows an `AccuracyView` (`explorer.view`) that grows while
the notebook's `train` generator runs in a background thread. Runs that must
be caught mid-way use generators that wait on events, so no test depends on
how long anything takes.
"""

from __future__ import annotations

import io
import threading
import warnings

import numpy as np
import pytest
from PIL import Image

from nnutils import diagnose, views, widgets
from nnutils.explorer import BATCH_SIZES, TrainingExplorer
from nnutils.panel import Panel
from tests.notebook_functions import fake_train

WAIT = 30  # seconds: only reached when something is broken


class Gate:
    """A train generator that pauses after iteration `at` until the test opens the gate.

    With `forever`, the first run never ends by itself (it ignores `iterations`):
    only a stop ends it.
    """

    def __init__(self, at: int = 2, forever: bool = False) -> None:
        self.at, self.forever = at, forever
        self.reached = threading.Event()
        self.open = threading.Event()
        self.calls: list[dict] = []

    def __call__(self, **settings):
        self.calls.append(settings)
        endless = self.forever and len(self.calls) == 1
        return self._run(10**9 if endless else settings["iterations"])

    def _run(self, iterations: int):
        for stats in fake_train(iterations=iterations):
            yield stats
            if stats["iteration"] == self.at and not self.reached.is_set():
                self.reached.set()
                assert self.open.wait(WAIT), "the test never opened the gate"


def finished(explorer: TrainingExplorer) -> str:
    message = explorer.wait(WAIT)
    assert explorer._thread is None or not explorer._thread.is_alive(), "the run never ended"
    return message


def test_the_explorer_is_a_panel_with_a_live_accuracy_view():
    explorer = widgets.training_explorer(fake_train, iterations=20)
    assert isinstance(explorer.panel, Panel)
    assert explorer.panel.figure is explorer.figure
    assert isinstance(explorer.view, views.AccuracyView)
    assert explorer.view.live is explorer.figure
    assert explorer.widget is explorer.panel.widget
    assert set(explorer.controls) == {"alpha", "hidden_size", "batch_size", "dropout", "iterations"}
    assert explorer.last_message == "Press Train to start." and explorer.state == "idle"


def test_run_finishes_and_reports():
    explorer = widgets.training_explorer(fake_train, iterations=20)
    message = explorer.run()
    assert explorer.state == "finished"
    assert message == "finished 20 iterations: train accuracy 0.975, best test accuracy 0.7850"
    assert explorer.last_message == message and message in explorer.panel.message.value
    assert len(explorer.history) == 20
    assert explorer.progress.value == 20 == explorer.progress.max
    image = Image.open(io.BytesIO(explorer.panel.png))
    assert image.size == (int(explorer.figure.width * 2), int(explorer.figure.height * 2))


def test_run_draws_the_whole_history():
    explorer = widgets.training_explorer(fake_train, iterations=20)
    explorer.run()
    assert list(explorer.view.train.get_xdata()) == list(range(20))
    assert list(explorer.view.test.get_xdata()) == [0, 10, 19]
    assert explorer.view.best.get_text() == "best test 0.7850\n(iteration 19)"
    assert explorer.figure.fig.axes[0].get_xlim() == (0, 19)


def test_a_picture_is_drawn_while_the_run_goes():
    shown = []
    explorer = widgets.training_explorer(fake_train, iterations=30, redraw_seconds=1e-9)
    original = explorer.figure.show

    def counting_show():
        shown.append(len(explorer.view.train.get_xdata()))
        return original()

    explorer.figure.show = counting_show
    explorer.run()
    assert len(shown) > 3 and shown == sorted(shown)  # the curve grew picture by picture
    assert shown[-1] == 30


def test_stop_ends_a_background_run_after_its_current_iteration():
    gate = Gate(at=2)
    explorer = widgets.training_explorer(gate, iterations=500)
    explorer.start()
    assert gate.reached.wait(WAIT)
    assert explorer.state == "running"
    explorer.stop(wait=False)
    gate.open.set()
    message = finished(explorer)
    assert explorer.state == "stopped"
    assert message == "stopped at iteration 3 of 500"
    assert [h["iteration"] for h in explorer.history] == [0, 1, 2, 3]


def test_the_explorer_is_usable_after_a_stop():
    gate = Gate(at=1, forever=True)
    explorer = widgets.training_explorer(gate, iterations=500)
    explorer.start()
    assert gate.reached.wait(WAIT)
    gate.open.set()
    explorer.stop(wait=True)  # the run goes on until stopped: only the stop can end it
    assert explorer.state == "stopped"
    assert explorer.last_message.startswith("stopped at iteration")
    explorer.controls["iterations"].set(5)
    explorer.start()
    assert (
        finished(explorer)
        == "finished 5 iterations: train accuracy 0.900, best test accuracy 0.7400"
    )
    assert explorer.state == "finished"


def test_a_new_run_while_running_replaces_the_old_one():
    gate = Gate(at=2, forever=True)
    explorer = widgets.training_explorer(gate, iterations=300, hidden_size=100)
    explorer.start()
    assert gate.reached.wait(WAIT)
    first_thread = explorer._thread
    explorer.controls["hidden_size"].set(20)
    explorer.controls["iterations"].set(10)
    gate.open.set()  # the old run goes on (forever) until the new start stops it
    explorer.start()  # stops the old run and waits for it
    assert not first_thread.is_alive()
    assert (
        finished(explorer)
        == "finished 10 iterations: train accuracy 0.950, best test accuracy 0.7700"
    )
    assert [c["hidden_size"] for c in gate.calls] == [100, 20]
    assert [h["iteration"] for h in explorer.history] == list(range(10))  # the newer run's only
    assert list(explorer.view.train.get_xdata()) == list(range(10))


def test_an_old_run_never_draws_over_a_newer_one():
    """A run that ends after a newer one started leaves the widget to the newer run."""
    old = Gate(at=1)
    explorer = widgets.training_explorer(old, iterations=50)
    explorer.start()
    assert old.reached.wait(WAIT)
    old_run = explorer._run_id
    explorer._run_id += 1  # a newer run owns the widget now
    explorer.panel.say("the newer run's message")
    old.open.set()
    explorer.wait(WAIT)
    assert explorer._run_id == old_run + 1
    assert explorer.last_message == "the newer run's message"
    assert explorer.history == []


def test_a_diverging_run_stops_with_a_message():
    def exploding(**settings):
        for j in range(settings["iterations"]):
            yield {
                "iteration": j,
                "train_error": 10.0 ** (j * 3) if j < 8 else float("nan"),
                "train_accuracy": 0.1,
                "test_accuracy": 0.1,
            }

    explorer = widgets.training_explorer(exploding, iterations=50)
    message = explorer.run()
    assert explorer.state == "diverged"
    assert (
        message == "diverged at iteration 3: the error blew up (alpha 0.1, batch size 100); stopped"
    )
    assert [h["iteration"] for h in explorer.history] == [0, 1, 2]  # the bad one is not drawn
    assert all(np.isfinite(h["train_error"]) for h in explorer.history)
    assert "color:#b00020" in explorer.panel.message.value


def test_a_run_stuck_near_chance_stops_with_a_message():
    def stuck(**settings):
        for j in range(settings["iterations"]):
            yield {"iteration": j, "train_error": 1.0, "train_accuracy": 0.098}

    explorer = widgets.training_explorer(stuck, iterations=50)
    message = explorer.run()
    assert explorer.state == "stuck"
    verdict = diagnose.training(explorer.history)
    assert verdict is not None and verdict.kind == "stuck"
    assert message == f"{verdict.message} (alpha 0.1, batch size 100); stopped"
    assert message.startswith(
        f"stuck near chance (train accuracy 0.10 at iteration {len(explorer.history) - 1})"
    )
    assert diagnose.training(explorer.history[:-1]) is None  # stopped as soon as it was stuck


def test_a_failing_train_shows_the_error():
    def broken(**settings):
        yield {"iteration": 0, "train_error": 1.0, "train_accuracy": 0.5}
        raise ValueError("shapes (1,784) and (100,10) not aligned")

    explorer = widgets.training_explorer(broken, iterations=5)
    message = explorer.run()
    assert explorer.state == "error"
    assert message == "Error: ValueError: shapes (1,784) and (100,10) not aligned"


def test_a_train_that_is_not_a_generator_shows_the_error():
    explorer = widgets.training_explorer(lambda **settings: None, iterations=5)
    assert explorer.run().startswith("Error: TypeError")
    assert explorer.state == "error"


def test_real_numpy_training_at_extreme_settings_stays_quiet():
    """A small real network: a huge alpha overflows inside numpy, yet no warning escapes."""
    rng = np.random.default_rng(0)
    images, labels = rng.random((100, 784)), np.eye(10)[rng.integers(0, 10, 100)]

    def train(alpha, hidden_size, batch_size, dropout, iterations):
        w01 = 0.2 * rng.random((784, hidden_size)) - 0.1
        w12 = 0.2 * rng.random((hidden_size, 10)) - 0.1
        for j in range(iterations):
            error = correct = 0.0
            for start in range(0, len(images), batch_size):
                l0, goal = images[start : start + batch_size], labels[start : start + batch_size]
                l1 = np.maximum(l0 @ w01, 0)
                mask = rng.random(l1.shape) >= dropout
                l1 = l1 * mask / (1 - dropout)
                l2 = l1 @ w12
                error += np.sum((goal - l2) ** 2)
                correct += np.sum(l2.argmax(1) == goal.argmax(1))
                d2 = (l2 - goal) / len(goal)
                d1 = d2 @ w12.T * (l1 > 0) * mask
                w12 -= alpha * l1.T @ d2
                w01 -= alpha * l0.T @ d1
            yield {
                "iteration": j,
                "train_error": error / len(images),
                "train_accuracy": correct / len(images),
            }

    explorer = widgets.training_explorer(train, iterations=30)
    explorer.controls["alpha"].set(10.0)
    explorer.controls["batch_size"].set(1)
    explorer.controls["dropout"].set(0.9)
    explorer.controls["hidden_size"].set(400)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        message = explorer.run()
    assert explorer.state in ("diverged", "stuck"), message
    for line in explorer.figure.fig.axes[0].lines:
        assert np.all(np.isfinite(np.asarray(line.get_xydata(), float)))


def test_the_buttons_are_wired():
    gate = Gate(at=1)
    explorer = widgets.training_explorer(gate, iterations=200)
    explorer.train_button.click()
    assert gate.reached.wait(WAIT)
    assert explorer.state == "running"
    explorer.stop_button.click()
    gate.open.set()
    assert finished(explorer).startswith("stopped at iteration 2")
    assert explorer.state == "stopped"


@pytest.mark.parametrize("name", ["alpha", "hidden_size", "batch_size", "dropout", "iterations"])
def test_every_setting_reaches_train(name):
    seen = {}

    def spy(**settings):
        seen.update(settings)
        return fake_train(iterations=2)

    explorer = widgets.training_explorer(spy, iterations=2)
    control = explorer.controls[name]
    new = control.input.options[-1] if hasattr(control, "input") else control.high
    control.set(new)
    explorer.run()
    assert seen[name] == new
    assert sorted(seen) == ["alpha", "batch_size", "dropout", "hidden_size", "iterations"]


def test_moving_a_control_does_not_start_training():
    calls = []
    explorer = widgets.training_explorer(lambda **s: calls.append(s) or fake_train(), iterations=5)
    explorer.controls["alpha"].set(0.5)
    explorer.panel.wait()
    assert calls == [] and explorer.state == "idle"


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(train=None), TypeError, "train must be a generator function"),
        (dict(batch_size=7), ValueError, "batch_size must be one of"),
        (dict(batch_size=True), ValueError, "batch_size must be one of"),
        (dict(redraw_seconds=0), ValueError, "redraw_seconds must be positive"),
        (dict(redraw_seconds=float("nan")), ValueError, "redraw_seconds must be a finite"),
        (dict(alpha=100.0), ValueError, "alpha must be between"),
        (dict(iterations=0), ValueError, "iterations must be between"),
        (dict(hidden_size=2.5), TypeError, "hidden_size must be a whole number"),
    ],
)
def test_bad_settings_are_clear_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        TrainingExplorer(**{"train": fake_train, **kwargs})


def test_batch_sizes_are_the_chapters():
    assert BATCH_SIZES == [1, 10, 20, 50, 100, 200, 500, 1000]
