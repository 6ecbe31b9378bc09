"""Chapter 08's published runs, transcribed to Python 3 the way they were published.

Benchmark-only: the notebook reproduces the same printed lines with its own
code. What makes these slower is kept on purpose: the test set is evaluated one
image at a time, and the mini-batch update runs once per example of the batch.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np


def published_runs(
    images: np.ndarray, labels: np.ndarray, test_images: np.ndarray, test_labels: np.ndarray
) -> dict[str, Callable[[int], None]]:
    """The three published runs as functions of the number of iterations."""

    def relu(x):
        return (x >= 0) * x

    def relu2deriv(output):
        return output >= 0

    def test_pass(weights_0_1, weights_1_2):
        error, correct_cnt = 0.0, 0
        for i in range(len(test_images)):
            layer_0 = test_images[i : i + 1]
            layer_1 = relu(np.dot(layer_0, weights_0_1))
            layer_2 = np.dot(layer_1, weights_1_2)
            error += np.sum((test_labels[i : i + 1] - layer_2) ** 2)
            correct_cnt += int(np.argmax(layer_2) == np.argmax(test_labels[i : i + 1]))
        return (
            " Test-Err:"
            + str(error / float(len(test_images)))[0:5]
            + " Test-Acc:"
            + str(correct_cnt / float(len(test_images)))
        )

    def write_line(j, weights_0_1, weights_1_2, error, correct_cnt):
        sys.stdout.write(
            "\nI:"
            + str(j)
            + test_pass(weights_0_1, weights_1_2)
            + " Train-Err:"
            + str(error / float(len(images)))[0:5]
            + " Train-Acc:"
            + str(correct_cnt / float(len(images)))
        )

    def per_example(iterations: int, hidden_size: int, dropout: bool) -> None:
        np.random.seed(1)
        alpha = 0.005
        weights_0_1 = 0.2 * np.random.random((784, hidden_size)) - 0.1
        weights_1_2 = 0.2 * np.random.random((hidden_size, 10)) - 0.1
        for j in range(iterations):
            error, correct_cnt = 0.0, 0
            for i in range(len(images)):
                layer_0 = images[i : i + 1]
                layer_1 = relu(np.dot(layer_0, weights_0_1))
                if dropout:
                    dropout_mask = np.random.randint(2, size=layer_1.shape)
                    layer_1 *= dropout_mask * 2
                layer_2 = np.dot(layer_1, weights_1_2)
                error += np.sum((labels[i : i + 1] - layer_2) ** 2)
                correct_cnt += int(np.argmax(layer_2) == np.argmax(labels[i : i + 1]))
                layer_2_delta = labels[i : i + 1] - layer_2
                layer_1_delta = layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1)
                if dropout:
                    layer_1_delta *= dropout_mask
                weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
                weights_0_1 += alpha * layer_0.T.dot(layer_1_delta)
            if j % 10 == 0 or (not dropout and j == iterations - 1):
                write_line(j, weights_0_1, weights_1_2, error, correct_cnt)

    def minibatch(iterations: int) -> None:
        np.random.seed(1)
        alpha, hidden_size, batch_size = 0.001, 100, 100
        weights_0_1 = 0.2 * np.random.random((784, hidden_size)) - 0.1
        weights_1_2 = 0.2 * np.random.random((hidden_size, 10)) - 0.1
        for j in range(iterations):
            error, correct_cnt = 0.0, 0
            for i in range(int(len(images) / batch_size)):
                batch_start, batch_end = i * batch_size, (i + 1) * batch_size
                layer_0 = images[batch_start:batch_end]
                layer_1 = relu(np.dot(layer_0, weights_0_1))
                dropout_mask = np.random.randint(2, size=layer_1.shape)
                layer_1 *= dropout_mask * 2
                layer_2 = np.dot(layer_1, weights_1_2)
                error += np.sum((labels[batch_start:batch_end] - layer_2) ** 2)
                for k in range(batch_size):
                    correct_cnt += int(
                        np.argmax(layer_2[k : k + 1])
                        == np.argmax(labels[batch_start + k : batch_start + k + 1])
                    )
                    layer_2_delta = (labels[batch_start:batch_end] - layer_2) / batch_size
                    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1)
                    layer_1_delta *= dropout_mask
                    weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
                    weights_0_1 += alpha * layer_0.T.dot(layer_1_delta)
            if j % 10 == 0:
                write_line(j, weights_0_1, weights_1_2, error, correct_cnt)

    return {
        "overfit": lambda iterations: per_example(iterations, 40, dropout=False),
        "dropout": lambda iterations: per_example(iterations, 100, dropout=True),
        "minibatch": minibatch,
    }
