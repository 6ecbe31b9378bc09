"""With no network at all and no NNUTILS_DATA_DIR, the course's MNIST still loads.

A fresh machine that can install packages but reach no MNIST mirror (a
classroom proxy, a train): every socket connection is refused here, the
environment variable is unset and the cache folder is empty. The chapters'
request is served from the subset shipped in data/; a request for more
training images fails quickly with a message that says what is needed.
"""

from __future__ import annotations

import socket
import time

import numpy as np
import pytest

from nnutils import data
from nnutils.data import MnistError, load_mnist


@pytest.fixture
def no_network(monkeypatch, tmp_path):
    """Refuse every connection (recording where to), unset NNUTILS_DATA_DIR, empty cache."""
    attempts: list[object] = []

    def refuse(address, *args, **kwargs):
        attempts.append(address)
        raise ConnectionRefusedError(111, "network disabled by the test")

    def refuse_method(self, address, *args, **kwargs):
        return refuse(address)

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse_method)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse_method)
    monkeypatch.delenv("NNUTILS_DATA_DIR", raising=False)
    monkeypatch.setattr(data, "DEFAULT_DATA_DIR", tmp_path / "cache")
    return attempts, tmp_path / "cache"


def test_the_chapters_request_needs_no_network_and_no_env_var(no_network):
    attempts, cache = no_network
    images, labels, test_images, test_labels = load_mnist(n_train=1000, n_test=10000)
    assert images.shape == (1000, 784) and labels.shape == (1000, 10)
    assert test_images.shape == (10000, 784) and test_labels.shape == (10000, 10)
    assert images.dtype == np.float64 and images.min() == 0.0 and images.max() == 1.0
    assert labels[:10].argmax(axis=1).tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert test_labels[:3].argmax(axis=1).tolist() == [7, 2, 1]
    # chapter A1's request too
    images, labels, test_images, test_labels = load_mnist(n_train=10, n_test=1)
    assert images.shape == (10, 784) and test_labels.shape == (1, 10)
    assert attempts == [] and not cache.exists()


def test_more_training_images_fail_fast_with_a_clear_message(no_network):
    attempts, cache = no_network
    start = time.monotonic()
    with pytest.raises(MnistError) as info:
        load_mnist(n_train=1001)
    assert time.monotonic() - start < 10
    message = str(info.value)
    # why the full files are needed, which file, where it looked, what was tried, how to fix
    assert "n_train=1001 asks for more than the 1000 training images" in message
    assert "mnist-course.npz" in message and "four full MNIST files" in message
    assert "train-images-idx3-ubyte.gz" in message and str(cache) in message
    assert "network disabled by the test" in message
    assert "data_dir=" in message and "NNUTILS_DATA_DIR" in message
    assert "\n" not in message
    # every mirror was tried, and nothing was left behind in the cache
    assert len(attempts) >= len(data.MIRRORS)
    assert list(cache.iterdir()) == []


def test_more_training_images_without_download_name_the_missing_file(no_network):
    attempts, cache = no_network
    with pytest.raises(MnistError, match=r"more than the 1000 .*not found in") as info:
        load_mnist(n_train=60000, download=False)
    assert "train-images-idx3-ubyte.gz" in str(info.value) and str(cache) in str(info.value)
    assert attempts == []
