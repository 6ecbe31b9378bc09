"""MNIST cache faults: unwritable cache, two processes filling an empty cache at once."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from nnutils import data
from nnutils.data import MnistError


def test_unwritable_cache_gives_a_clear_error(tmp_path, monkeypatch):
    """A cache folder we may not write to: the error names the file, folder and the cause."""

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(data.tempfile, "mkstemp", refuse)
    with pytest.raises(MnistError) as info:
        data.download_mnist_file(
            data.MNIST_FILES["test_labels"],
            tmp_path,
            mirrors=["http://127.0.0.1:9/"],
            progress=None,
        )
    message = str(info.value)
    assert "t10k-labels-idx1-ubyte.gz" in message and str(tmp_path) in message
    assert "Permission denied" in message
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def local_mirror(mnist_dir, tmp_path):
    """The real MNIST files served over HTTP on a loopback port (no internet involved)."""
    served = tmp_path / "served"
    served.mkdir()
    for spec in data.MNIST_FILES.values():
        shutil.copy(mnist_dir / spec.name, served / spec.name)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_two_processes_fill_an_empty_cache_at_once(local_mirror, tmp_path):
    cache = tmp_path / "cache"
    code = (
        "import sys\n"
        "from nnutils import data\n"
        "data.MIRRORS = (sys.argv[1],)\n"
        "images, labels, test_images, test_labels = data.load_mnist(10, 10, data_dir=sys.argv[2])\n"
        "print(labels[0].argmax(), test_labels[0].argmax())\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, local_mirror, str(cache)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert out.split() == ["5", "7"]
    # exactly the four verified files, no temporary leftovers
    assert sorted(f.name for f in Path(cache).iterdir()) == sorted(
        s.name for s in data.MNIST_FILES.values()
    )
    for spec in data.MNIST_FILES.values():
        data._read_verified(cache / spec.name, spec)  # raises if anything is wrong
