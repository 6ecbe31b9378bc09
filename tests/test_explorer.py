"""Chapter 08's training explorer: runs, stops, restarts and divergence, without a browser."""

from __future__ import annotations

import threading
import time
import warnings

import numpy as np
import pytest

from nnutils import widgets


def fake_train(alpha=0.1, hidden_size=100, batch_size=100, dropout=0.5, iterations=20, delay=0.0):
    """A stand-in for the notebook's generator: accuracy climbs, error falls."""
    for j in range(iterations):
        if delay:
            time.sleep(delay)
        stats = {"iteration": j, "train_error": 1 / (j + 1), "train_accuracy": 1 - 0.5 / (j + 1)}
        if j % 10 == 0 or j == iterations - 1:
            stats["test_accuracy"] = 0.8 - 0.3 / (j + 1)
        yield stats


def slow_train(**settings):
    return fake_train(**settings, delay=0.02)


def test_run_finishes_and_reports():
    explorer = widgets.training_explorer(fake_train, iterations=20)
    message = explorer.run()
    assert explorer.state == "finished"
    assert message == "finished 20 iterations: train accuracy 0.975, best test accuracy 0.7850"
    assert len(explorer.history) == 20
    assert explorer.progress.value == 20 == explorer.progress.max
    assert bytes(explorer.image.value).startswith(b"\x89PNG")


def test_stop_ends_a_background_run_early():
    explorer = widgets.training_explorer(slow_train, iterations=500)
    explorer.start()
    time.sleep(0.3)
    explorer.stop()
    assert explorer.state == "stopped"
    assert explorer.last_message.startswith("stopped at iteration")
    assert 0 < len(explorer.history) < 500
    # the widget is still usable afterwards
    explorer.controls["iterations"].value = 5
    explorer.start()
    assert (
        explorer.wait() == "finished 5 iterations: train accuracy 0.900, best test accuracy 0.7400"
    )


def test_new_run_while_running_replaces_the_old_one():
    calls = []

    def recording_train(**settings):
        calls.append(settings["hidden_size"])
        return slow_train(**settings)

    explorer = widgets.training_explorer(recording_train, iterations=300, hidden_size=100)
    explorer.start()
    time.sleep(0.15)
    first_thread = explorer._thread
    explorer.controls["hidden_size"].value = 20
    explorer.controls["iterations"].value = 10
    explorer.start()
    assert not first_thread.is_alive()  # the old run was stopped and waited for
    assert (
        explorer.wait() == "finished 10 iterations: train accuracy 0.950, best test accuracy 0.7700"
    )
    assert calls == [100, 20]
    assert len(explorer.history) == 10  # the newer run's history, not a mix
    assert [h["iteration"] for h in explorer.history] == list(range(10))


def test_diverging_run_stops_with_a_message():
    def exploding(**settings):
        for j in range(settings["iterations"]):
            error = 10.0 ** (j * 3)
            yield {
                "iteration": j,
                "train_error": error if j < 8 else float("nan"),
                "train_accuracy": 0.1,
                "test_accuracy": 0.1,
            }

    explorer = widgets.training_explorer(exploding, iterations=50)
    message = explorer.run()
    assert explorer.state == "diverged"
    assert message.startswith("diverged at iteration 3:")
    assert all(np.isfinite(h["train_error"]) for h in explorer.history)


def test_failing_train_shows_the_error():
    def broken(**settings):
        yield {"iteration": 0, "train_error": 1.0, "train_accuracy": 0.5}
        raise ValueError("shapes (1,784) and (100,10) not aligned")

    explorer = widgets.training_explorer(broken, iterations=5)
    message = explorer.run()
    assert explorer.state == "error" and "not aligned" in message


def test_real_numpy_training_at_extreme_settings_stays_quiet():
    """A small real network: a huge alpha overflows inside numpy, yet no warning escapes."""
    rng = np.random.default_rng(0)
    images, labels = rng.random((200, 784)), np.eye(10)[rng.integers(0, 10, 200)]

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
    explorer.controls["alpha"].value = 10.0
    explorer.controls["batch_size"].value = 1
    explorer.controls["dropout"].value = 0.9
    explorer.controls["hidden_size"].value = 400
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        message = explorer.run()
    assert explorer.state == "diverged", message
    for ax in explorer.fig.axes:
        for line in ax.lines:
            assert np.all(np.isfinite(np.asarray(line.get_ydata(), float)))


def test_buttons_are_wired():
    explorer = widgets.training_explorer(slow_train, iterations=200)
    explorer.train_button.click()
    time.sleep(0.1)
    assert explorer.state == "running"
    explorer.stop_button.click()
    assert explorer.state == "stopped"
    assert threading.active_count() >= 1


@pytest.mark.parametrize("name", ["alpha", "hidden_size", "batch_size", "dropout", "iterations"])
def test_every_setting_reaches_train(name):
    seen = {}

    def spy(**settings):
        seen.update(settings)
        return fake_train(iterations=2)

    explorer = widgets.training_explorer(spy, iterations=2)
    control = explorer.controls[name]
    new = control.options[-1] if hasattr(control, "options") else control.max
    control.value = new
    explorer.run()
    assert seen[name] == new
