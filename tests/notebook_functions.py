"""The notebooks' own functions, typed as a learner types them, and the panels built on them.

The widget builders call these with keyword arguments named after their
controls, exactly as they call the notebooks' functions. `PANELS` builds each
chapter's panel the way its notebook does (same arguments), for the widget and
layout tests.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnutils import data, widgets

# --- Chapter 02 ---------------------------------------------------------------------------


def neural_network(input, weight):
    return input * weight


# --- Chapter 03 ---------------------------------------------------------------------------


def w_sum(a, b):
    assert len(a) == len(b), f"vectors of different lengths: {len(a)} and {len(b)}"
    output = 0
    for i in range(len(a)):
        output += a[i] * b[i]
    return output


def weighted_sum_network(input, weights):
    return w_sum(input, weights)


GAME_1 = [8.5, 0.65, 1.2]
NAMES_03 = ("toes", "wlrec", "nfans")

# --- Chapter 04 ---------------------------------------------------------------------------


def hot_and_cold(step_amount, iterations, weight=0.5, input=0.5, goal_prediction=0.8):
    errors, predictions = [], []
    for _ in range(iterations):
        prediction = input * weight
        error = (prediction - goal_prediction) ** 2
        errors.append(error)
        predictions.append(prediction)
        up_error = (goal_prediction - input * (weight + step_amount)) ** 2
        down_error = (goal_prediction - input * (weight - step_amount)) ** 2
        if down_error < up_error:
            weight = weight - step_amount
        if down_error > up_error:
            weight = weight + step_amount
    return errors, predictions


def error_of(weight, input=0.5, goal_pred=0.8):
    return (input * weight - goal_pred) ** 2


def slope_of(weight, input=0.5, goal_pred=0.8):
    delta = input * weight - goal_pred
    return 2 * delta * input


def gradient_descent(weight, input, goal_pred, alpha, steps):
    weights = [weight]
    for _ in range(steps):
        pred = input * weight
        delta = pred - goal_pred
        weight_delta = delta * input
        weight = weight - alpha * weight_delta
        weights.append(weight)
    return weights


def error_at(weight, input, goal_pred):
    return (input * weight - goal_pred) ** 2


# --- Chapter 05 ---------------------------------------------------------------------------

INPUT_05 = (8.5, 0.65, 1.2)
TRUE_05 = 1.0
ALPHAS_05 = (0.001, 0.01, 0.02, 0.026, 0.028, 0.1, 0.3)


def ele_mul(number, vector):
    return [number * v for v in vector]


def train_three(
    freeze_a, iterations=10, alpha=None, weights=(0.1, 0.2, -0.1), input=INPUT_05, true=TRUE_05
):
    """The chapter's loop: the weights after every iteration, the starting weights first."""
    if alpha is None:
        alpha = 0.3 if freeze_a else 0.01
    weights = list(weights)
    history = [list(weights)]
    for _ in range(iterations):
        pred = w_sum(input, weights)
        delta = pred - true
        weight_deltas = ele_mul(delta, input)
        if freeze_a:
            weight_deltas[0] = 0
        for i in range(len(weights)):
            weights[i] -= alpha * weight_deltas[i]
        history.append(list(weights))
    return history


def error_three(weights, input=INPUT_05, true=TRUE_05):
    return (w_sum(input, weights) - true) ** 2


def train_with_alpha(freeze_a, alpha):
    """What the notebook passes: `lambda freeze_a, alpha: train(freeze_a, 10, alpha=alpha)`."""
    return train_three(freeze_a, iterations=10, alpha=alpha)


def predict(image, weights):
    return image.dot(weights)


def fake_mnist(n: int = 60, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Images whose class is a bright band, their one-hot labels, and trained templates.

    The weights are each class's mean image minus the overall mean, so `predict`
    gets most images right, like the chapter's trained network.
    """
    rng = np.random.default_rng(seed)
    classes = np.arange(n) % 10
    images = 0.2 * rng.random((n, 784))
    for i, c in enumerate(classes):
        images[i, c * 78 : c * 78 + 78] += 0.8
    labels = np.eye(10)[classes]
    means = np.stack([images[classes == c].mean(axis=0) for c in range(10)], axis=1)
    weights = 0.01 * (means - images.mean(axis=0)[:, None])
    return images, labels, weights


# --- Chapter 06 ---------------------------------------------------------------------------


def relu(x):
    return (x > 0) * x


def relu2deriv(output):
    return output > 0


def forward(layer_0, weights_0_1, weights_1_2, use_relu=True):
    layer_1 = layer_0.dot(weights_0_1)
    if use_relu:
        layer_1 = relu(layer_1)
    layer_2 = layer_1.dot(weights_1_2)
    return layer_1, layer_2


def train_streetlights(
    streetlights, walk_vs_stop, hidden_size=4, alpha=0.2, iterations=60, seed=1, use_relu=True
):
    np.random.seed(seed)
    weights_0_1 = 2 * np.random.random((3, hidden_size)) - 1
    weights_1_2 = 2 * np.random.random((hidden_size, 1)) - 1
    errors = []
    for _ in range(iterations):
        layer_2_error = 0
        for i in range(len(streetlights)):
            layer_0 = streetlights[i : i + 1]
            layer_1, layer_2 = forward(layer_0, weights_0_1, weights_1_2, use_relu)
            layer_2_error += np.sum((layer_2 - walk_vs_stop[i : i + 1]) ** 2)
            layer_2_delta = layer_2 - walk_vs_stop[i : i + 1]
            layer_1_delta = layer_2_delta.dot(weights_1_2.T)
            if use_relu:
                layer_1_delta = layer_1_delta * relu2deriv(layer_1)
            weights_1_2 = weights_1_2 - alpha * layer_1.T.dot(layer_2_delta)
            weights_0_1 = weights_0_1 - alpha * layer_0.T.dot(layer_1_delta)
        errors.append(layer_2_error)
    return errors, weights_0_1, weights_1_2


DATASETS = {
    "four-row (left XOR middle)": (data.STREETLIGHTS_4, data.WALK_VS_STOP_4[:, None]),
    "six-row (middle light)": (data.STREETLIGHTS, data.WALK_VS_STOP[:, None]),
}
FOUR_ROWS, SIX_ROWS = list(DATASETS)

# --- Chapter 07 ---------------------------------------------------------------------------


def forward_steps(layer_0, weights_0_1, weights_1_2):
    weighted_sum = layer_0.dot(weights_0_1)
    layer_1 = relu(weighted_sum)
    layer_2 = layer_1.dot(weights_1_2)
    return [layer_0, weighted_sum, layer_1, layer_2]


def trained_streetlight_weights() -> tuple[np.ndarray, np.ndarray]:
    """The chapter 07 network: trained on the four rows, seed 1, as the notebook does."""
    _, weights_0_1, weights_1_2 = train_streetlights(
        data.STREETLIGHTS_4, data.WALK_VS_STOP_4[:, None]
    )
    return weights_0_1, weights_1_2


# --- Chapter 08 ---------------------------------------------------------------------------


def fake_train(alpha=0.1, hidden_size=100, batch_size=100, dropout=0.5, iterations=20):
    """A stand-in for the notebook's generator: accuracy climbs, error falls."""
    for j in range(iterations):
        stats = {"iteration": j, "train_error": 1 / (j + 1), "train_accuracy": 1 - 0.5 / (j + 1)}
        if j % 10 == 0 or j == iterations - 1:
            stats["test_accuracy"] = 0.8 - 0.3 / (j + 1)
        yield stats


# --- Chapter 09 ---------------------------------------------------------------------------


def softmax(logits):
    exps = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
    return exps / np.sum(exps, axis=-1, keepdims=True)


def cross_entropy(prediction, truth):
    return -np.sum(truth * np.log(prediction))


def normalise(scores):
    return scores / np.sum(scores)


# --- Appendix A1 --------------------------------------------------------------------------


def a1(a0, w1, b1):
    return np.tanh(w1 * a0 + b1)


# --- the panels, built as the notebooks build them -----------------------------------------


def knob_panel() -> widgets.Panel:
    return widgets.knob_explorer(neural_network, 8.5, 1.0, weight=0.1)


def weighted_sum_panel() -> widgets.Panel:
    return widgets.weighted_sum_explorer(
        weighted_sum_network, GAME_1, names=NAMES_03, weights=(0.1, 0.2, 0.0)
    )


def hot_cold_panel() -> widgets.Panel:
    return widgets.hot_cold_explorer(
        hot_and_cold, goal_pred=0.8, step_amount=0.001, iterations=1101
    )


def bowl_panel() -> widgets.Panel:
    return widgets.bowl_explorer(error_of, slope_of, weight=0.5, weight_range=(-1, 4))


def descent_panel() -> widgets.Panel:
    return widgets.descent_explorer(
        gradient_descent, error_at, goal_pred=0.8, weight=0.5, input=2, alpha=0.1
    )


def three_bowls_panel() -> widgets.Panel:
    return widgets.three_bowls_explorer(train_with_alpha, error_three, alphas=ALPHAS_05, alpha=0.01)


def digit_panel() -> widgets.Panel:
    images, labels, weights = fake_mnist()
    return widgets.digit_picker(weights, predict, images, labels)


def streetlight_panel() -> widgets.Panel:
    return widgets.streetlight_trainer(train_streetlights, forward, DATASETS)


def forward_panel() -> widgets.Panel:
    weights_0_1, weights_1_2 = trained_streetlight_weights()
    return widgets.forward_stepper(forward_steps, weights_0_1, weights_1_2, data.STREETLIGHTS_4)


def softmax_panel() -> widgets.Panel:
    return widgets.softmax_explorer(
        softmax, cross_entropy, logits=(0.13, 0.33, -0.89), target=1, normalise=normalise
    )


def neuron_panel() -> widgets.Panel:
    return widgets.neuron_explorer(a1, w1=1.3, b1=-0.1)


def training_panel() -> widgets.Panel:
    explorer = widgets.training_explorer(
        fake_train, alpha=0.1, hidden_size=100, batch_size=100, dropout=0.5, iterations=20
    )
    explorer.run()
    return explorer.panel


#: every live panel of the course, by the builder that makes it
PANELS: dict[str, Callable[[], widgets.Panel]] = {
    "knob_explorer": knob_panel,
    "weighted_sum_explorer": weighted_sum_panel,
    "hot_cold_explorer": hot_cold_panel,
    "bowl_explorer": bowl_panel,
    "descent_explorer": descent_panel,
    "three_bowls_explorer": three_bowls_panel,
    "digit_picker": digit_panel,
    "streetlight_trainer": streetlight_panel,
    "forward_stepper": forward_panel,
    "softmax_explorer": softmax_panel,
    "neuron_explorer": neuron_panel,
    "training_explorer": training_panel,
}
