"""nnutils.data: the toy datasets and the MNIST loader, including every bad input."""

from __future__ import annotations

import ast
import gzip
import hashlib
import io
import os
import urllib.error
import zipfile
from pathlib import Path

import numpy as np
import pytest

from nnutils import data
from nnutils.data import MnistError, MnistFile, load_mnist, one_hot

# --- toy data ------------------------------------------------------------------


def test_baseball_data_shapes():
    assert len(data.TOES) == len(data.WLREC) == len(data.NFANS) == 4
    assert len(data.HURT) == len(data.WIN) == len(data.SAD) == 4
    assert data.TOES[0] == 8.5 and data.WLREC[0] == 0.65 and data.NFANS[0] == 1.2


def test_streetlight_data():
    assert data.STREETLIGHTS.shape == (6, 3)
    assert data.WALK_VS_STOP.tolist() == [0, 1, 0, 1, 1, 0]
    assert data.STREETLIGHTS_4.shape == (4, 3)
    assert data.WALK_VS_STOP_4.tolist() == [1, 1, 0, 0]
    # the middle light decides walking in the six-row data
    assert np.array_equal(data.STREETLIGHTS[:, 1], data.WALK_VS_STOP)


def test_one_hot():
    out = one_hot(np.array([5, 0, 9]))
    assert out.shape == (3, 10)
    assert out[0, 5] == 1 and out[1, 0] == 1 and out[2, 9] == 1 and out.sum() == 3


@pytest.mark.parametrize("bad", [np.array([10]), np.array([-1]), np.array([[1, 2]])])
def test_one_hot_rejects_bad_labels(bad):
    with pytest.raises(ValueError, match="labels"):
        one_hot(bad)


# --- real MNIST ------------------------------------------------------------------


def test_load_mnist_canonical(mnist_dir):
    images, labels, test_images, test_labels = load_mnist(data_dir=mnist_dir)
    assert images.shape == (1000, 784) and labels.shape == (1000, 10)
    assert test_images.shape == (10000, 784) and test_labels.shape == (10000, 10)
    assert images.dtype == np.float64
    assert images.min() == 0.0 and images.max() == 1.0
    assert labels[0].argmax() == 5 and test_labels[0].argmax() == 7
    assert labels.sum(axis=1).tolist() == [1.0] * 1000
    # canonical order: the book's first ten training labels
    assert labels[:10].argmax(axis=1).tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]


def test_load_mnist_counts_within_the_subset_need_no_files(monkeypatch, tmp_path):
    """Within the shipped subset neither NNUTILS_DATA_DIR nor the cache is consulted."""
    monkeypatch.setenv("NNUTILS_DATA_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setattr(data, "DEFAULT_DATA_DIR", tmp_path / "no-cache")
    images, labels, test_images, test_labels = load_mnist(n_train=7, n_test=3, download=False)
    assert images.shape == (7, 784) and test_labels.shape == (3, 10)
    assert labels.argmax(axis=1).tolist() == [5, 0, 4, 1, 9, 2, 1]
    assert test_labels.argmax(axis=1).tolist() == [7, 2, 1]
    assert not (tmp_path / "nowhere").exists() and not (tmp_path / "no-cache").exists()


def test_env_var_serves_requests_beyond_the_subset(mnist_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("NNUTILS_DATA_DIR", str(mnist_dir))
    monkeypatch.setattr(data, "DEFAULT_DATA_DIR", tmp_path / "no-cache")
    images, labels, _, test_labels = load_mnist(n_train=1001, n_test=3, download=False)
    assert images.shape == (1001, 784) and test_labels.shape == (3, 10)
    # image 1000 is the first one the shipped subset does not hold
    assert labels[1000].argmax() == 0 and images[1000].max() == 1.0


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"n_train": 60001}, ValueError),
        ({"n_test": 10001}, ValueError),
        ({"n_train": -1}, ValueError),
        ({"n_train": 2.5}, TypeError),
        ({"n_test": "10"}, TypeError),
        ({"n_train": True}, TypeError),
    ],
)
def test_load_mnist_rejects_bad_counts(kwargs, error, tmp_path):
    with pytest.raises(error, match="n_t"):
        load_mnist(data_dir=tmp_path, download=False, **kwargs)


def test_data_dir_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("NNUTILS_DATA_DIR", raising=False)
    assert data.mnist_dir() == data.DEFAULT_DATA_DIR
    monkeypatch.setenv("NNUTILS_DATA_DIR", str(tmp_path))
    assert data.mnist_dir() == tmp_path
    assert data.mnist_dir(tmp_path / "x") == tmp_path / "x"


# --- tiny fake MNIST files: every failure mode -------------------------------------


def _labels_bytes(values: list[int], magic: int = 2049, count: int | None = None) -> bytes:
    header = magic.to_bytes(4, "big") + (len(values) if count is None else count).to_bytes(4, "big")
    return header + bytes(values)


def _images_bytes(n: int, magic: int = 2051, rows: int = 28) -> bytes:
    pixels = (np.arange(n * rows * 28) % 256).astype(np.uint8).tobytes()
    dims = b"".join(v.to_bytes(4, "big") for v in (magic, n, rows, 28))
    return dims + pixels


@pytest.fixture
def tiny_mnist(monkeypatch, tmp_path):
    """Swap in four tiny MNIST files (3 train, 2 test images) with their own checksums."""
    raw = {
        "train_images": _images_bytes(3),
        "train_labels": _labels_bytes([5, 0, 4]),
        "test_images": _images_bytes(2),
        "test_labels": _labels_bytes([7, 2]),
    }
    names = {key: spec.name for key, spec in data.MNIST_FILES.items()}
    specs = {
        key: MnistFile(
            names[key],
            2051 if "images" in key else 2049,
            3 if "train" in key else 2,
            len(b),
            hashlib.sha256(b).hexdigest(),
        )
        for key, b in raw.items()
    }
    monkeypatch.setattr(data, "MNIST_FILES", specs)
    folder = tmp_path / "mnist"
    folder.mkdir()
    for key, b in raw.items():
        (folder / names[key]).write_bytes(gzip.compress(b))
    return folder, raw, specs


def test_tiny_files_load(tiny_mnist):
    folder, raw, _ = tiny_mnist
    images, labels, test_images, test_labels = load_mnist(3, 2, data_dir=folder, download=False)
    assert images.shape == (3, 784) and labels.argmax(axis=1).tolist() == [5, 0, 4]
    assert test_labels.argmax(axis=1).tolist() == [7, 2]
    assert images[0, 1] == pytest.approx(1 / 255)


def test_missing_file_offline_names_file_folder_and_fixes(tiny_mnist):
    folder, _, _ = tiny_mnist
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(MnistError) as info:
        load_mnist(3, 2, data_dir=folder, download=False)
    message = str(info.value)
    assert "t10k-labels-idx1-ubyte.gz" in message and str(folder) in message
    assert "download=True" in message and "NNUTILS_DATA_DIR" in message
    assert "\n" not in message


def test_missing_folder_offline(tmp_path):
    with pytest.raises(MnistError, match="not found in .*nowhere"):
        load_mnist(data_dir=tmp_path / "nowhere", download=False)


def test_not_gzip(tiny_mnist):
    folder, _, _ = tiny_mnist
    (folder / "train-labels-idx1-ubyte.gz").write_bytes(b"this is not gzip")
    with pytest.raises(MnistError, match="train-labels-idx1-ubyte.gz: not a readable gzip"):
        load_mnist(3, 2, data_dir=folder, download=False)


def test_truncated_gzip(tiny_mnist):
    folder, raw, _ = tiny_mnist
    whole = gzip.compress(raw["train_images"])
    (folder / "train-images-idx3-ubyte.gz").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(MnistError, match="train-images-idx3-ubyte.gz: not a readable gzip"):
        load_mnist(3, 2, data_dir=folder, download=False)


def test_short_file(tiny_mnist):
    folder, raw, _ = tiny_mnist
    (folder / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(raw["train_images"][:-5]))
    with pytest.raises(MnistError, match="decompressed to .* bytes, expected"):
        load_mnist(3, 2, data_dir=folder, download=False)


def test_wrong_magic(tiny_mnist):
    folder, raw, _ = tiny_mnist
    # a labels file where the images file should be: same length, wrong magic
    bad = (2049).to_bytes(4, "big") + raw["test_images"][4:]
    (folder / "t10k-images-idx3-ubyte.gz").write_bytes(gzip.compress(bad))
    with pytest.raises(
        MnistError, match="t10k-images-idx3-ubyte.gz: magic number 2049, expected 2051"
    ):
        load_mnist(3, 2, data_dir=folder, download=False)


def test_wrong_count(tiny_mnist):
    folder, _, _ = tiny_mnist
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(
        gzip.compress(_labels_bytes([7, 2], count=5))
    )
    with pytest.raises(MnistError, match="header says 5 items, expected 2"):
        load_mnist(3, 2, data_dir=folder, download=False)


def test_wrong_checksum(tiny_mnist):
    folder, _, _ = tiny_mnist
    (folder / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(_labels_bytes([5, 0, 3])))
    with pytest.raises(MnistError, match="train-labels-idx1-ubyte.gz: sha256 .* corrupt"):
        load_mnist(3, 2, data_dir=folder, download=False)


def test_asking_for_more_than_the_file_holds(tiny_mnist):
    folder, _, _ = tiny_mnist
    with pytest.raises(ValueError, match="n_train=4 is out of range: the file holds 3"):
        load_mnist(4, 2, data_dir=folder, download=False)


# --- downloads, with a fake network -------------------------------------------------


class FakeResponse(io.BytesIO):
    def __init__(self, payload: bytes, fail_after: int | None = None):
        super().__init__(payload)
        self.length = len(payload)
        self.fail_after = fail_after

    def read(self, n: int = -1) -> bytes:
        if self.fail_after is not None and self.tell() >= self.fail_after:
            raise ConnectionResetError("connection dropped midway")
        return super().read(n)


def _opener(routes: dict[str, object]):
    calls = []

    def opener(url: str):
        calls.append(url)
        for prefix, result in routes.items():
            if url.startswith(prefix):
                if isinstance(result, Exception):
                    raise result
                return result() if callable(result) else result
        raise urllib.error.URLError("no route")

    return opener, calls


def test_download_tries_mirrors_in_turn(tiny_mnist, tmp_path):
    _, raw, specs = tiny_mnist
    spec = specs["train_labels"]
    payload = gzip.compress(raw["train_labels"])
    opener, calls = _opener(
        {
            "http://down/": urllib.error.URLError("name resolution failed"),
            "http://bad/": lambda: FakeResponse(b"<html>not found</html>"),
            "http://good/": lambda: FakeResponse(payload),
        }
    )
    target_dir = tmp_path / "cache"
    path = data.download_mnist_file(
        spec,
        target_dir,
        mirrors=["http://down/", "http://bad/", "http://good/"],
        opener=opener,
        progress=None,
    )
    assert path == target_dir / spec.name and path.read_bytes() == payload
    assert calls == [m + spec.name for m in ("http://down/", "http://bad/", "http://good/")]
    assert sorted(p.name for p in target_dir.iterdir()) == [spec.name]


def test_interrupted_or_corrupt_download_leaves_nothing(tiny_mnist, tmp_path):
    _, raw, specs = tiny_mnist
    spec = specs["train_images"]
    payload = gzip.compress(raw["train_images"])
    corrupt = gzip.compress(raw["train_images"][:-1] + b"\x00")
    opener, _ = _opener(
        {
            "http://a/": lambda: FakeResponse(payload, fail_after=10),
            "http://b/": lambda: FakeResponse(corrupt),
        }
    )
    target_dir = tmp_path / "cache"
    with pytest.raises(MnistError) as info:
        data.download_mnist_file(
            spec, target_dir, mirrors=["http://a/", "http://b/"], opener=opener, progress=None
        )
    message = str(info.value)
    assert "connection dropped midway" in message and "sha256" in message
    assert spec.name in message and "NNUTILS_DATA_DIR" in message
    assert list(target_dir.iterdir()) == []


def test_load_mnist_downloads_missing_files(tiny_mnist, monkeypatch, capsys):
    folder, raw, specs = tiny_mnist
    missing = specs["test_labels"]
    (folder / missing.name).unlink()
    payload = gzip.compress(raw["test_labels"])
    served = []
    real = data.download_mnist_file

    def fake_download(spec, where, **kwargs):
        opener, _ = _opener({"http://m/": lambda: FakeResponse(payload)})
        served.append(spec.name)
        return real(spec, where, mirrors=["http://m/"], opener=opener)

    monkeypatch.setattr(data, "download_mnist_file", fake_download)
    _, _, _, test_labels = load_mnist(3, 2, data_dir=folder)
    assert served == [missing.name]
    assert test_labels.argmax(axis=1).tolist() == [7, 2]
    assert "downloading t10k-labels-idx1-ubyte.gz: 100%" in capsys.readouterr().err


def test_load_mnist_offline_with_download_gives_clear_error(tiny_mnist, monkeypatch):
    folder, _, specs = tiny_mnist
    (folder / specs["train_images"].name).unlink()

    def offline(url):
        raise urllib.error.URLError("Temporary failure in name resolution")

    real = data.download_mnist_file
    monkeypatch.setattr(
        data,
        "download_mnist_file",
        lambda spec, where, **kw: real(spec, where, opener=offline, progress=None),
    )
    with pytest.raises(MnistError) as info:
        load_mnist(3, 2, data_dir=folder)
    message = str(info.value)
    assert f"MNIST file {specs['train_images'].name} is not in {folder}" in message
    assert "name resolution" in message and "data_dir=" in message
    assert sorted(os.listdir(folder)) == sorted(
        s.name for k, s in specs.items() if k != "train_images"
    )


def test_never_unpickles():
    """No pickle import, and every numpy load/save in nnutils.data refuses pickles."""
    tree = ast.parse(Path(data.__file__).read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not imported & {"pickle", "cPickle", "dill", "joblib", "shelve", "marshal"}
    # `make mutation` runs this file against copies of each function with one planted
    # bug (named `*__mutmut_*`); the check is about the code a learner runs, so those
    # copies are left out (in the repository there are none)
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef):
            node.body = [
                n
                for n in node.body
                if not (isinstance(n, ast.FunctionDef) and "__mutmut_" in n.name)
            ]
    numpy_io = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"load", "save", "savez", "savez_compressed", "write_array"}
    ]
    assert numpy_io, "expected the subset reader and writer"
    for call in numpy_io:
        flags = {k.arg: k.value for k in call.keywords}
        assert "allow_pickle" in flags, f"line {call.lineno}: allow_pickle not given"
        assert isinstance(flags["allow_pickle"], ast.Constant), f"line {call.lineno}"
        assert flags["allow_pickle"].value is False, f"line {call.lineno}: pickles allowed"


# --- the subset shipped in data/ ------------------------------------------------------


@pytest.fixture(scope="module")
def canonical_dir() -> Path:
    """The four full MNIST files. Where NNUTILS_DATA_DIR is set (CI) they must be there."""
    from tests.conftest import real_mnist_dir

    env = os.environ.get("NNUTILS_DATA_DIR")
    if env:
        missing = [s.name for s in data.MNIST_FILES.values() if not (Path(env) / s.name).exists()]
        assert not missing, f"NNUTILS_DATA_DIR={env} lacks {missing}"
        return Path(env)
    found = real_mnist_dir()
    if found is None:
        pytest.skip("the four full MNIST files are not on this machine (CI has them)")
    return found


def test_shipped_subset_equals_the_canonical_slices(canonical_dir):
    shipped = data.load_mnist_subset()
    for key, spec in data.MNIST_FILES.items():
        full = data._mnist_array(key, canonical_dir, download=False)  # sha256-verified
        n = data.SUBSET_TRAIN if key.startswith("train") else data.SUBSET_TEST
        assert shipped[key].dtype == np.uint8
        assert np.array_equal(shipped[key], full[:n]), f"{key} differs from {spec.name}[:{n}]"
    assert data.SUBSET_TEST == data.MNIST_FILES["test_images"].count  # all test images


def test_load_mnist_gives_the_same_arrays_from_the_subset_and_the_full_files(canonical_dir):
    from_subset = load_mnist(1000, 10000)
    from_files = load_mnist(1000, 10000, data_dir=canonical_dir, download=False)
    for a, b in zip(from_subset, from_files, strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)


def test_write_mnist_subset_rebuilds_the_same_arrays(canonical_dir, tmp_path, monkeypatch):
    out = tmp_path / "rebuilt.npz"
    digest = data.write_mnist_subset(canonical_dir, out)
    assert digest == hashlib.sha256(out.read_bytes()).hexdigest()
    assert [p.name for p in tmp_path.iterdir()] == ["rebuilt.npz"]  # no temp file left
    monkeypatch.setattr(data, "SUBSET_SHA256", digest)
    rebuilt = data.load_mnist_subset(out)
    monkeypatch.undo()
    shipped = data.load_mnist_subset()
    assert rebuilt.keys() == shipped.keys()
    for key in shipped:
        assert np.array_equal(rebuilt[key], shipped[key])


def test_subset_checksum_agrees_everywhere():
    """The file's sha256, SUBSET_SHA256 and the one data/README.md publishes are one value."""
    digest = hashlib.sha256(data.SUBSET_PATH.read_bytes()).hexdigest()
    assert digest == data.SUBSET_SHA256
    readme = (data.SUBSET_PATH.parent / "README.md").read_text()
    assert f"`{digest}`" in readme
    assert f"{data.SUBSET_PATH.stat().st_size:,} bytes" in readme
    assert data.SUBSET_PATH.stat().st_size < 2_500_000  # compact: about 2 MB


def test_subset_shapes_and_dtypes():
    arrays = data.load_mnist_subset()
    assert {k: (v.shape, v.dtype) for k, v in arrays.items()} == {
        "train_images": ((1000, 784), np.uint8),
        "train_labels": ((1000,), np.uint8),
        "test_images": ((10000, 784), np.uint8),
        "test_labels": ((10000,), np.uint8),
    }
    assert arrays["train_labels"][:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert np.bincount(arrays["test_labels"]).tolist() == [
        980,
        1135,
        1032,
        1010,
        982,
        892,
        958,
        1028,
        974,
        1009,
    ]


def _copy_of_subset(tmp_path: Path, mutate=None) -> Path:
    raw = bytearray(data.SUBSET_PATH.read_bytes())
    if mutate:
        raw = mutate(raw)
    path = tmp_path / "mnist-course.npz"
    path.write_bytes(bytes(raw))
    return path


def _flip_a_byte(raw: bytearray) -> bytearray:
    raw[len(raw) // 2] ^= 0xFF
    return raw


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda tmp: tmp / "mnist-course.npz", "the course's MNIST subset is missing"),
        (lambda tmp: _copy_of_subset(tmp, lambda r: r[: len(r) // 2]), "sha256 is .* corrupt"),
        (lambda tmp: _copy_of_subset(tmp, _flip_a_byte), "sha256 is .* corrupt"),
        (lambda tmp: _copy_of_subset(tmp, lambda r: bytearray()), "sha256 is .* corrupt"),
        (lambda tmp: (tmp / "mnist-course.npz").mkdir() or tmp / "mnist-course.npz", "cannot read"),
    ],
    ids=["missing", "truncated", "one-byte-changed", "empty", "a-folder"],
)
def test_a_bad_shipped_subset_gives_a_clear_error(make, expected, tmp_path, monkeypatch):
    bad = make(tmp_path)
    monkeypatch.setattr(data, "SUBSET_PATH", bad)
    with pytest.raises(MnistError, match=expected) as info:
        load_mnist(10, 10)
    message = str(info.value)
    assert str(bad) in message and "git checkout -- data/mnist-course.npz" in message
    assert "data_dir=" in message and "\n" not in message


def _npz(tmp_path: Path, **arrays) -> Path:
    path = tmp_path / "crafted.npz"
    with zipfile.ZipFile(path, "w") as archive:
        for key, value in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, value, allow_pickle=True)
            archive.writestr(f"{key}.npy", member.getvalue())
    return path


@pytest.mark.parametrize(
    "arrays, expected",
    [
        (
            {"train_images": np.array([{"payload": 1}], dtype=object)},
            "not a readable MNIST subset .*pickle",
        ),
        ({"train_images": np.zeros((1000, 784), np.uint8)}, "not a readable MNIST subset"),
        (
            {
                "train_images": np.zeros((1000, 784), np.float64),
                "train_labels": np.zeros(1000, np.uint8),
                "test_images": np.zeros((10000, 784), np.uint8),
                "test_labels": np.zeros(10000, np.uint8),
            },
            "train_images is float64 .*expected uint8",
        ),
    ],
    ids=["pickled-object", "arrays-missing", "wrong-dtype"],
)
def test_a_subset_with_the_right_checksum_but_bad_content_is_refused(
    arrays, expected, tmp_path, monkeypatch
):
    """Even a file whose checksum was updated to match is parsed without pickles and checked."""
    path = _npz(tmp_path, **arrays)
    monkeypatch.setattr(data, "SUBSET_SHA256", hashlib.sha256(path.read_bytes()).hexdigest())
    with pytest.raises(MnistError, match=expected):
        data.load_mnist_subset(path)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"data_dir": 3}, "data_dir"),
        ({"data_dir": ["x"]}, "data_dir"),
        ({"download": "no"}, "download"),
    ],
)
def test_load_mnist_rejects_bad_data_dir_and_download(kwargs, name):
    with pytest.raises(TypeError, match=name):
        load_mnist(10, 10, **kwargs)


# --- edges a learner can't see: headers, counts, downloads, the subset's bytes ------------


def test_header_numbers_are_read_as_four_big_endian_bytes(tiny_mnist):
    """A count or size whose high byte is set is read whole, not as its last three bytes."""
    folder, raw, _ = tiny_mnist
    labels = bytearray(raw["test_labels"])
    labels[4] = 1  # the count: 0x01000002, not 2
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(bytes(labels)))
    with pytest.raises(MnistError, match=r"header says 16777218 items, expected 2\.$"):
        load_mnist(3, 2, data_dir=folder, download=False)
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(raw["test_labels"]))
    for at, shown in ((8, "16777244x28"), (12, "28x16777244")):
        images = bytearray(raw["train_images"])
        images[at] = 1  # rows (8..11) or columns (12..15): 0x0100001C, not 28
        (folder / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(bytes(images)))
        with pytest.raises(MnistError) as info:
            load_mnist(3, 2, data_dir=folder, download=False)
        assert str(info.value).endswith(f"images are {shown}, expected 28x28.")


def test_the_subset_edges_need_no_files(monkeypatch, tmp_path):
    """Exactly the subset's counts (and zero) come from the shipped file, scaled by 255."""
    monkeypatch.setenv("NNUTILS_DATA_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setattr(data, "DEFAULT_DATA_DIR", tmp_path / "no-cache")
    images, labels, test_images, test_labels = load_mnist(
        data.SUBSET_TRAIN, data.SUBSET_TEST, download=False
    )
    shipped = data.load_mnist_subset()
    assert images.shape == (data.SUBSET_TRAIN, 784) and test_labels.shape[0] == data.SUBSET_TEST
    assert np.array_equal(images, shipped["train_images"] / 255)
    assert np.array_equal(test_images, shipped["test_images"] / 255)
    assert test_images.min() == 0.0 and test_images.max() == 1.0
    assert np.array_equal(test_labels.argmax(axis=1), shipped["test_labels"])
    empty = load_mnist(0, 0, download=False)
    assert [a.shape for a in empty] == [(0, 784), (0, 10), (0, 784), (0, 10)]


def test_beyond_the_subset_without_files_says_why(monkeypatch, tmp_path):
    monkeypatch.setenv("NNUTILS_DATA_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setattr(data, "DEFAULT_DATA_DIR", tmp_path / "no-cache")
    with pytest.raises(MnistError) as info:
        load_mnist(data.SUBSET_TRAIN + 1, 3, download=False)
    message = str(info.value)
    assert message.startswith(
        f"n_train={data.SUBSET_TRAIN + 1} asks for more than the {data.SUBSET_TRAIN} training "
        f"images shipped with the course ({data.SUBSET_PATH.name}), so the four full MNIST "
        "files are needed: MNIST file train-images-idx3-ubyte.gz not found in "
        f"{tmp_path / 'nowhere'}. Either connect"
    ), message
    assert f"(it saves the files in {tmp_path / 'nowhere'})" in message
    # with a folder named by the learner, the error is about that folder alone
    with pytest.raises(MnistError) as info:
        load_mnist(3, 2, data_dir=tmp_path, download=False)
    assert str(info.value).startswith(
        f"MNIST file train-images-idx3-ubyte.gz not found in {tmp_path}."
    )


def test_download_progress_and_its_final_newline(tiny_mnist, tmp_path, capsys):
    """Progress counts every chunk; a server that gives no length is shown in KiB."""
    _, raw, specs = tiny_mnist
    spec = specs["train_images"]
    payload = gzip.compress(raw["train_images"])

    class Trickle(io.BytesIO):  # no `length`, and small chunks
        def read(self, n: int = -1) -> bytes:
            return super().read(min(n, 100))

    seen = []
    opener, _ = _opener({"http://m/": lambda: Trickle(payload)})
    path = data.download_mnist_file(
        spec,
        tmp_path / "a" / "b",  # folders that don't exist yet are made
        mirrors=["http://m/"],
        opener=opener,
        progress=lambda name, done, total: seen.append((name, done, total)),
    )
    assert path.read_bytes() == payload
    assert seen[-1] == (spec.name, len(payload), None)
    assert [d for _, d, _ in seen] == [min(100 * k, len(payload)) for k in range(1, len(seen) + 1)]
    assert capsys.readouterr().err == "\n"
    data._show_progress("x.gz", 2048, None)
    data._show_progress("x.gz", 2047, 4096)
    assert capsys.readouterr().err == "\rdownloading x.gz: 2 KiB\rdownloading x.gz:  49%"


def test_every_failed_mirror_is_named_in_the_error(tiny_mnist, tmp_path):
    _, _, specs = tiny_mnist
    spec = specs["test_labels"]
    opener, _ = _opener({})
    folder = tmp_path / "cache"
    with pytest.raises(MnistError) as info:
        data.download_mnist_file(
            spec, folder, mirrors=["http://a/", "http://b/"], opener=opener, progress=None
        )
    assert str(info.value) == (
        f"MNIST file {spec.name} is not in {folder} and could not be downloaded; tried "
        f"http://a/{spec.name}: <urlopen error no route>; "
        f"http://b/{spec.name}: <urlopen error no route>. " + data._how_to_fix(folder)
    )


def test_downloads_give_up_after_30_seconds(tiny_mnist, tmp_path, monkeypatch):
    """A silent server must not hang the notebook: urllib is given a timeout."""
    _, _, specs = tiny_mnist
    asked = []

    def urlopen(url, **kwargs):
        asked.append(kwargs)
        raise urllib.error.URLError("offline")

    monkeypatch.setattr(data.urllib.request, "urlopen", urlopen)
    with pytest.raises(MnistError):
        data.download_mnist_file(specs["test_labels"], tmp_path, mirrors=["http://a/"])
    assert asked == [{"timeout": 30}]


def test_write_mnist_subset_reproduces_the_shipped_bytes(canonical_dir, tmp_path, monkeypatch):
    """Same inputs, same bytes: the subset rebuilt here is the committed file exactly."""
    monkeypatch.setattr(data, "SUBSET_PATH", tmp_path / "new" / "folder" / "subset.npz")
    digest = data.write_mnist_subset(canonical_dir)  # default path, parent folders made
    assert digest == data.SUBSET_SHA256
    assert hashlib.sha256(data.SUBSET_PATH.read_bytes()).hexdigest() == digest


def test_write_mnist_subset_reads_without_downloading(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("write_mnist_subset tried to download")

    monkeypatch.setattr(data, "download_mnist_file", no_network)
    with pytest.raises(MnistError, match=f"not found in {tmp_path}"):
        data.write_mnist_subset(tmp_path, tmp_path / "out.npz")
    assert not (tmp_path / "out.npz").exists()


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: data.write_mnist_subset(3), "source_dir must be a str or os.PathLike, got 3"),
        (lambda: data.write_mnist_subset(".", 3), "path must be a str or os.PathLike, got 3"),
        (lambda: data.load_mnist_subset(3), "path must be a str or os.PathLike, got 3"),
    ],
)
def test_subset_paths_of_the_wrong_kind(call, message):
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == message
