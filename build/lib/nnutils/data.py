"""The course's datasets: the book's toy data and a verified MNIST loader.

The toy data are plain constants so a notebook can print them and see exactly
what goes in. The MNIST the chapters use (the first 1000 training images and all
10000 test images) ships with the course in `data/mnist-course.npz`: uint8
arrays, checked against their sha256 before numpy reads them (with pickles
refused). Only a request for more training images needs the four standard IDX
files, found on disk or downloaded, read with numpy only, checked for magic
numbers, shapes and the sha256 of their decompressed bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

import numpy as np

# --- The book's toy data (chapters 03-05) ------------------------------------
#: Average number of toes per player, for four games (chapter 03).
TOES = (8.5, 9.5, 9.9, 9.0)
#: Current win/loss record (fraction of games won), for the same four games.
WLREC = (0.65, 0.8, 0.8, 0.9)
#: Number of fans, in millions, for the same four games.
NFANS = (1.2, 1.3, 0.5, 1.0)
#: Targets for the multi-output chapters: did players get hurt, did the team
#: win, were the players sad.
HURT = (0.1, 0.0, 0.0, 0.1)
WIN = (1, 1, 0, 1)
SAD = (0.1, 0.0, 0.1, 0.2)

# --- The streetlight problem (chapter 06) -------------------------------------
#: Six observed light patterns (rows) of three lights (columns).
STREETLIGHTS = np.array(
    [[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1], [0, 1, 1], [1, 0, 1]],
    dtype=float,
)
#: Did the people walk (1) or stop (0) for each of the six patterns.
WALK_VS_STOP = np.array([0, 1, 0, 1, 1, 0], dtype=float)
#: The four-row streetlight dataset that a single weight layer cannot learn.
STREETLIGHTS_4 = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]], dtype=float)
#: Walk (1) or stop (0) for the four-row dataset.
WALK_VS_STOP_4 = np.array([1, 1, 0, 0], dtype=float)

# --- MNIST ---------------------------------------------------------------------
DATA_DIR_ENV = "NNUTILS_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "mnist"

#: The course's MNIST, shipped in the repository (see data/README.md): the first
#: `SUBSET_TRAIN` training images and labels and the first `SUBSET_TEST` (all)
#: test images and labels of the canonical files, as uint8 arrays in a compressed
#: .npz whose sha256 is `SUBSET_SHA256`.
SUBSET_PATH = Path(__file__).resolve().parent.parent / "data" / "mnist-course.npz"
SUBSET_SHA256 = "cbfd784d684fc9219a975b30cb1ef65f97ac0ffc1d8249503173e1b169793a9b"
SUBSET_TRAIN = 1000
SUBSET_TEST = 10000

#: Public mirrors of the MNIST files, tried in order.
MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)


class MnistFile:
    """What we know about one of the four MNIST files."""

    def __init__(self, name: str, magic: int, count: int, nbytes: int, sha256: str):
        self.name = name
        self.magic = magic  # 2051 for images, 2049 for labels
        self.count = count
        self.nbytes = nbytes  # size of the decompressed file
        self.sha256 = sha256  # of the decompressed bytes

    @property
    def is_images(self) -> bool:
        """True for an image file (three dimensions), False for labels."""
        return self.magic == 2051


MNIST_FILES = {
    "train_images": MnistFile(
        "train-images-idx3-ubyte.gz",
        2051,
        60000,
        47040016,
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    ),
    "train_labels": MnistFile(
        "train-labels-idx1-ubyte.gz",
        2049,
        60000,
        60008,
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    ),
    "test_images": MnistFile(
        "t10k-images-idx3-ubyte.gz",
        2051,
        10000,
        7840016,
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    ),
    "test_labels": MnistFile(
        "t10k-labels-idx1-ubyte.gz",
        2049,
        10000,
        10008,
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    ),
}


class MnistError(RuntimeError):
    """An MNIST file is missing, unreadable or not the canonical file."""


def mnist_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """Where MNIST lives: `data_dir`, else $NNUTILS_DATA_DIR, else `data/mnist`."""
    if data_dir is not None:
        return Path(data_dir).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return DEFAULT_DATA_DIR


def _how_to_fix(folder: Path) -> str:
    return (
        f"Either connect to the internet and call load_mnist() with download=True "
        f"(it saves the files in {folder}), or copy the four MNIST .gz files "
        f"into a folder and point the loader at it with load_mnist(data_dir=...) "
        f"or the {DATA_DIR_ENV} environment variable."
    )


def _read_verified(path: Path, spec: MnistFile) -> bytes:
    """Decompress `path` and check size, checksum and header against `spec`."""
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read(spec.nbytes + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise MnistError(
            f"{path}: not a readable gzip file ({e}). Delete it and load again."
        ) from None
    if len(raw) != spec.nbytes:
        raise MnistError(
            f"{path}: decompressed to {len(raw)} bytes, expected {spec.nbytes} "
            f"(truncated or not the MNIST file). Delete it and load again."
        )
    magic = int.from_bytes(raw[:4], "big")
    if magic != spec.magic:
        raise MnistError(
            f"{path}: magic number {magic}, expected {spec.magic} "
            f"(is this the right file?). Delete it and load again."
        )
    count = int.from_bytes(raw[4:8], "big")
    if count != spec.count:
        raise MnistError(f"{path}: header says {count} items, expected {spec.count}.")
    if spec.is_images:
        rows, cols = int.from_bytes(raw[8:12], "big"), int.from_bytes(raw[12:16], "big")
        if (rows, cols) != (28, 28):
            raise MnistError(f"{path}: images are {rows}x{cols}, expected 28x28.")
    digest = hashlib.sha256(raw).hexdigest()
    if digest != spec.sha256:
        raise MnistError(
            f"{path}: sha256 of the decompressed bytes is {digest}, expected "
            f"{spec.sha256} (the file is corrupt). Delete it and load again."
        )
    return raw


def _show_progress(name: str, done: int, total: int | None) -> None:
    if total:
        sys.stderr.write(f"\rdownloading {name}: {100 * done // total:3d}%")
    else:
        sys.stderr.write(f"\rdownloading {name}: {done // 1024} KiB")
    sys.stderr.flush()


#: a partial download untouched for this long belongs to a process that died
STALE_SECONDS = 3600


def _remove_stale_partials(folder: Path, name: str) -> None:
    """Delete temp files of `name` left by a download whose process was killed.

    A fresh one may belong to another process downloading right now, so only
    files untouched for `STALE_SECONDS` are removed.
    """
    now = time.time()
    for partial in folder.glob(f".{name}.*"):
        try:
            if now - partial.stat().st_mtime > STALE_SECONDS:
                partial.unlink()
        except OSError:
            pass  # gone already, or not ours to delete: the download goes on regardless


def download_mnist_file(
    spec: MnistFile,
    folder: Path,
    mirrors: Sequence[str] | None = None,
    opener: Callable[[str], IO[bytes]] | None = None,
    progress: Callable[[str, int, int | None], None] | None = _show_progress,
) -> Path:
    """Fetch one MNIST file into `folder`, verified, via a temp file and a rename.

    Mirrors (default: `MIRRORS`) are tried in turn. A failed or corrupt download
    leaves nothing behind. `opener(url)` returns a readable binary response
    (default: urllib).
    """
    if mirrors is None:
        mirrors = MIRRORS
    if opener is None:

        def opener(url: str) -> IO[bytes]:
            return urllib.request.urlopen(url, timeout=30)

    target = folder / spec.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_partials(folder, spec.name)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{spec.name}.", dir=folder)
    except OSError as e:
        raise MnistError(
            f"cannot write {spec.name} into the MNIST cache folder {folder} ({e}). "
            f"Choose a writable folder with load_mnist(data_dir=...) or {DATA_DIR_ENV}."
        ) from None
    os.close(fd)
    failures = []
    for mirror in mirrors:
        url = mirror + spec.name
        tmp = Path(tmp_name)
        try:
            with open(tmp, "wb") as out, opener(url) as response:
                total = getattr(response, "length", None)
                done = 0
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(spec.name, done, total)
            if progress:
                sys.stderr.write("\n")
            _read_verified(tmp, spec)
            os.replace(tmp, target)
            return target
        except (OSError, urllib.error.URLError, MnistError, ValueError) as e:
            failures.append(f"{url}: {e}")
        finally:
            tmp.unlink(missing_ok=True)
    raise MnistError(
        f"MNIST file {spec.name} is not in {folder} and could not be downloaded; "
        "tried " + "; ".join(failures) + ". " + _how_to_fix(folder)
    )


def _mnist_array(key: str, folder: Path, download: bool) -> np.ndarray:
    spec = MNIST_FILES[key]
    path = folder / spec.name
    if not path.exists():
        if not download:
            raise MnistError(
                f"MNIST file {spec.name} not found in {folder}. " + _how_to_fix(folder)
            )
        download_mnist_file(spec, folder)
    raw = _read_verified(path, spec)
    header = 16 if spec.is_images else 8
    data = np.frombuffer(raw, dtype=np.uint8, offset=header)
    return data.reshape(spec.count, 784) if spec.is_images else data


def _check_count(name: str, value: int, limit: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if not 0 <= value <= limit:
        raise ValueError(f"{name}={value} is out of range: the file holds {limit}")
    return int(value)


def _subset_shapes() -> dict[str, tuple[int, ...]]:
    """The arrays in the shipped subset and their shapes (all uint8)."""
    return {
        "train_images": (SUBSET_TRAIN, 784),
        "train_labels": (SUBSET_TRAIN,),
        "test_images": (SUBSET_TEST, 784),
        "test_labels": (SUBSET_TEST,),
    }


def _restore_hint(path: Path) -> str:
    return (
        f"Restore it from the course repository (git checkout -- data/{path.name}), "
        f"or read the four full MNIST files instead with load_mnist(data_dir=...)."
    )


def load_mnist_subset(path: str | os.PathLike | None = None) -> dict[str, np.ndarray]:
    """The course's shipped MNIST subset as uint8 arrays, verified, with no network.

    Returns a dict with `train_images` (SUBSET_TRAIN, 784), `train_labels`
    (SUBSET_TRAIN,), `test_images` (SUBSET_TEST, 784) and `test_labels`
    (SUBSET_TEST,). The file (default `SUBSET_PATH`) must have the sha256
    `SUBSET_SHA256`; it is checked before numpy parses a byte of it, and numpy
    is told to refuse pickles. A missing, unreadable or altered file raises
    `MnistError` naming it.
    """
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {path!r}")
    file = SUBSET_PATH if path is None else Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise MnistError(
            f"{file}: the course's MNIST subset is missing. " + _restore_hint(file)
        ) from None
    except OSError as e:
        raise MnistError(
            f"{file}: cannot read the course's MNIST subset ({e}). " + _restore_hint(file)
        ) from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SUBSET_SHA256:
        raise MnistError(
            f"{file}: sha256 is {digest}, expected {SUBSET_SHA256} (the file is corrupt "
            f"or was changed). " + _restore_hint(file)
        )
    shapes = _subset_shapes()
    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in shapes}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise MnistError(
            f"{file}: not a readable MNIST subset ({e}). " + _restore_hint(file)
        ) from None
    for key, shape in shapes.items():
        if arrays[key].dtype != np.uint8 or arrays[key].shape != shape:
            raise MnistError(
                f"{file}: {key} is {arrays[key].dtype} {arrays[key].shape}, expected uint8 "
                f"{shape}. " + _restore_hint(file)
            )
    return arrays


def write_mnist_subset(source_dir: str | os.PathLike, path: str | os.PathLike | None = None) -> str:
    """Write the course's MNIST subset from the four full files in `source_dir`.

    Takes the first `SUBSET_TRAIN` training and `SUBSET_TEST` test images and
    labels of the verified canonical files and stores them as uint8 .npy arrays
    in a deflate-compressed .npz at `path` (default `SUBSET_PATH`), with fixed
    timestamps so the same inputs give the same bytes. Returns the file's
    sha256, to be recorded in `SUBSET_SHA256` and data/README.md.
    """
    if not isinstance(source_dir, (str, os.PathLike)):
        raise TypeError(f"source_dir must be a str or os.PathLike, got {source_dir!r}")
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {path!r}")
    target = SUBSET_PATH if path is None else Path(path)
    folder = Path(source_dir).expanduser()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for key, shape in _subset_shapes().items():
            array = np.ascontiguousarray(_mnist_array(key, folder, download=False)[: shape[0]])
            member = io.BytesIO()
            np.lib.format.write_array(member, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue())
    payload = buffer.getvalue()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_bytes(payload)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return hashlib.sha256(payload).hexdigest()


def one_hot(labels: np.ndarray, n_classes: int = 10) -> np.ndarray:
    """Turn integer labels of shape (n,) into one-hot rows of shape (n, n_classes)."""
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes!r}")
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must be 1-D, got shape {labels.shape}")
    if labels.dtype.kind not in "iu" and not (
        labels.dtype.kind == "f"
        and np.all(np.isfinite(labels))
        and np.all(labels == np.round(labels))
    ):
        if labels.size:
            raise ValueError(f"labels must be whole numbers, got {labels[:5].tolist()}...")
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(
            f"labels must lie in 0..{n_classes - 1}, got {labels.min()}..{labels.max()}"
        )
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels.astype(int)] = 1
    return out


def load_mnist(
    n_train: int = 1000,
    n_test: int = 10000,
    data_dir: str | os.PathLike | None = None,
    download: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The first `n_train` training and `n_test` test images of MNIST.

    Returns `(images, labels, test_images, test_labels)`: images are float
    arrays of shape (n, 784) scaled to [0, 1], labels one-hot of shape (n, 10),
    in the files' own order (the first 1000 training images are the book's).

    Up to `SUBSET_TRAIN` (1000) training and `SUBSET_TEST` (10000) test images
    come from the subset shipped with the course (`data/mnist-course.npz`): no
    network, no environment variable. More training images, or an explicit
    `data_dir`, need the four full MNIST files, read from `data_dir`, else
    $NNUTILS_DATA_DIR, else the `data/mnist/` cache, and downloaded there when
    missing and `download` is true.
    """
    n_train = _check_count("n_train", n_train, MNIST_FILES["train_images"].count)
    n_test = _check_count("n_test", n_test, MNIST_FILES["test_images"].count)
    if data_dir is not None and not isinstance(data_dir, (str, os.PathLike)):
        raise TypeError(f"data_dir must be a folder path (str or os.PathLike), got {data_dir!r}")
    if not isinstance(download, (bool, np.bool_)):
        raise TypeError(f"download must be True or False, got {download!r}")
    if data_dir is None and n_train <= SUBSET_TRAIN and n_test <= SUBSET_TEST:
        arrays = load_mnist_subset()
    else:
        folder = mnist_dir(data_dir)
        try:
            arrays = {key: _mnist_array(key, folder, bool(download)) for key in MNIST_FILES}
        except MnistError as e:
            if data_dir is not None:
                raise
            raise MnistError(
                f"n_train={n_train} asks for more than the {SUBSET_TRAIN} training images "
                f"shipped with the course ({SUBSET_PATH.name}), so the four full MNIST "
                f"files are needed: {e}"
            ) from None
    images = arrays["train_images"][:n_train] / 255
    labels = one_hot(arrays["train_labels"][:n_train])
    test_images = arrays["test_images"][:n_test] / 255
    test_labels = one_hot(arrays["test_labels"][:n_test])
    return images, labels, test_images, test_labels
