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


@pytest.fixture
def stalling_mirror(mnist_dir):
    """A mirror that sends the first 100 kB of a file, then hangs (a network that died)."""
    release = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            body = (mnist_dir / self.path.lstrip("/")).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:100_000])
            self.wfile.flush()
            release.wait(60)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        release.set()
        server.shutdown()
        server.server_close()


def test_a_download_killed_midway_leaves_no_file_and_the_next_load_recovers(
    stalling_mirror, local_mirror, tmp_path
):
    """SIGKILL during a download: no MNIST file appears; the next load cleans up and works."""
    import os
    import signal
    import time

    cache = tmp_path / "killed"
    code = (
        "import sys\n"
        "from nnutils import data\n"
        "data.download_mnist_file(data.MNIST_FILES['train_images'], __import__('pathlib')."
        "Path(sys.argv[2]), mirrors=[sys.argv[1]], progress=lambda *a: print('got', a[1], "
        "flush=True))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, stalling_mirror, str(cache)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = proc.stdout.readline()  # a first 64 KiB chunk arrived: the download is midway
    assert first.startswith("got"), proc.stderr.read()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    left = list(cache.iterdir())
    assert not (cache / "train-images-idx3-ubyte.gz").exists()
    assert len(left) == 1 and left[0].name.startswith(".train-images-idx3-ubyte.gz.")
    # the partial file is only cleaned up once it is clearly abandoned
    old = time.time() - data.STALE_SECONDS - 60
    os.utime(left[0], (old, old))
    data.download_mnist_file(
        data.MNIST_FILES["train_images"], cache, mirrors=[local_mirror], progress=None
    )
    assert [f.name for f in cache.iterdir()] == ["train-images-idx3-ubyte.gz"]
    data._read_verified(cache / "train-images-idx3-ubyte.gz", data.MNIST_FILES["train_images"])


def test_a_fresh_partial_download_of_another_process_is_left_alone(local_mirror, tmp_path):
    cache = tmp_path / "busy"
    cache.mkdir()
    other = cache / ".t10k-labels-idx1-ubyte.gz.abc123"
    other.write_bytes(b"half a file")
    data.download_mnist_file(
        data.MNIST_FILES["test_labels"], cache, mirrors=[local_mirror], progress=None
    )
    assert other.exists()
    assert (cache / "t10k-labels-idx1-ubyte.gz").exists()
