"""The install routes agree: pyproject.toml, the lock, the Makefile and environment.yml.

- pyproject.toml keeps the loose ranges: runtime `dependencies`, and the `test` extra;
- constraints.txt (the lock) pins every package of both to one exact version
  inside those ranges, and both `make lab` and `make test` install with it;
- `make lab` installs the runtime only, `make test` adds the test extra;
- environment.yml (conda) lists exactly the runtime dependencies (those conda-forge
  lacks under the same name in its pip section).
Binder's configuration is checked in tests/test_binder.py.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "constraints.txt"


def _split(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    assert m, f"cannot parse requirement {spec!r}"
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def pip_requirements(extras: bool = False) -> dict[str, str]:
    """pyproject.toml's runtime dependencies (with `extras`, the optional ones too)."""
    meta = _project()
    specs = list(meta["dependencies"])
    if extras:
        for extra in meta["optional-dependencies"].values():
            specs += extra
    return dict(_split(s) for s in specs)


def extra_test_tools() -> set[str]:
    """Names of the packages only the `test` extra asks for."""
    return {_split(s)[0] for s in _project()["optional-dependencies"]["test"]}


def lock_pins() -> dict[str, Version]:
    """The lock as {canonical name: exact version}; every line must be `name==version`."""
    pins = {}
    for line in LOCK.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._\-]*)==([0-9][0-9A-Za-z.+!\-]*)", line)
        assert m, f"constraints.txt: {line!r} is not an exact pin name==version"
        name = canonicalize_name(m.group(1))
        assert name not in pins, f"constraints.txt pins {name} twice"
        pins[name] = Version(m.group(2))
    return pins


def conda_requirements() -> dict[str, str]:
    reqs, in_deps = {}, False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        stripped = line.split("#", 1)[0].rstrip()
        if re.match(r"^\S", stripped):
            in_deps = stripped == "dependencies:"
            continue
        if not in_deps:
            continue
        if re.match(r"^\s*-\s*pip:\s*$", stripped):
            continue
        m = re.match(r"^(\s*)-\s*(\S.*)$", stripped)
        if not m or m.group(2).startswith("-e"):
            continue
        name, spec = _split(m.group(2))
        if name not in {"python", "pip"}:
            reqs[name] = spec
    return reqs


def test_environment_yml_lists_the_runtime_dependencies_of_pyproject():
    """The conda route is the learner's install: the runtime packages, no test tools."""
    conda = conda_requirements()
    assert conda == pip_requirements()
    assert not set(conda) & extra_test_tools()


def test_environment_yml_installs_the_package_on_a_pinned_python():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+-\s+-e\s+\.\s*$", text, re.M), "environment.yml must pip-install ."
    assert "conda-forge" in text
    # the exact minor version the lock was made on, in the one form conda tools read as a pin
    m = re.search(r"^\s+-\s+python=(3\.\d+)\s*$", text, re.M)
    assert m and m.group(1) == lock_python()


def lock_python() -> str:
    """The Python minor version the lock was validated on, from its header."""
    m = re.search(r"on Python (3\.\d+)", LOCK.read_text())
    assert m, "constraints.txt must say which Python it was validated on"
    return m.group(1)


def test_lock_pins_every_dependency_inside_pyprojects_ranges():
    pins = lock_pins()
    for name, spec in pip_requirements(extras=True).items():
        assert name in pins, f"constraints.txt does not pin {name}"
        req = Requirement(name + spec)
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]}, outside pyproject.toml's {spec}"
        )
    assert "nnutils" not in pins, "the course package itself is installed from the repo"
    python = Version(lock_python())
    assert Requirement("python" + _project()["requires-python"]).specifier.contains(python)


def test_lock_is_the_environment_the_tests_run_in():
    """What `make test` installed here is exactly what the lock says (guards a stale lock)."""
    if os.environ.get("NNUTILS_SKIP_LOCK_CHECK"):
        pytest.skip("NNUTILS_SKIP_LOCK_CHECK is set (e.g. while trying new versions)")
    from importlib.metadata import distributions

    installed = {canonicalize_name(d.metadata["Name"]): Version(d.version) for d in distributions()}
    pins = lock_pins()
    wrong = {n: (str(v), str(installed[n])) for n, v in pins.items() if installed.get(n, v) != v}
    assert not wrong, f"installed versions differ from constraints.txt (pinned, installed): {wrong}"
    for name in pip_requirements() | {n: "" for n in extra_test_tools()}:
        assert name in installed, f"{name} is not installed"


def _dry_run(target: str, tmp_path: Path) -> list[list[str]]:
    """The pip commands `make <target>` would run in a fresh clone (make -n, nothing runs)."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    venv = tmp_path / "venv"
    out = subprocess.run(
        [make, "-n", target, f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    commands = [shlex.split(line) for line in out.splitlines() if "pip install" in line]
    return [c for c in commands if "--upgrade" not in c]


def test_make_lab_installs_the_learner_set_with_the_lock(tmp_path):
    commands = _dry_run("lab", tmp_path)
    assert len(commands) == 1, commands
    (cmd,) = commands
    assert cmd[cmd.index("--constraint") + 1] == "constraints.txt"
    assert cmd[-2:] == ["-e", "."], "make lab installs the package without the test extra"


def test_make_test_adds_the_test_tools_with_the_lock(tmp_path):
    commands = _dry_run("test", tmp_path)
    assert len(commands) == 2, commands  # the learner set, then the test extra on top
    for cmd in commands:
        assert cmd[cmd.index("--constraint") + 1] == "constraints.txt"
    assert commands[0][-2:] == ["-e", "."]
    assert commands[1][-2:] == ["-e", ".[test]"]


def test_each_install_has_its_own_stamp(tmp_path):
    """After `make test`, `make lab` installs nothing; after `make lab`, `make test` adds only."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    stamps = subprocess.run(
        [make, "-s", "-f", "-", f"VENV={venv}", "show"],
        input="include Makefile\nshow:\n\t@echo $(LAB_STAMP) $(TEST_STAMP)\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    lab_stamp, test_stamp = (Path(s) for s in stamps)
    assert lab_stamp.parent == test_stamp.parent == venv and lab_stamp != test_stamp
    lab_stamp.touch()
    assert _dry_run("lab", tmp_path) == []
    assert [c[-1] for c in _dry_run("test", tmp_path)] == [".[test]"]
    test_stamp.touch()
    assert _dry_run("test", tmp_path) == [] and _dry_run("lab", tmp_path) == []


def test_import_is_light_and_offline():
    """`import nnutils` opens no socket and loads neither matplotlib nor ipywidgets."""
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise SystemExit('network touched at import')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "import nnutils, nnutils.data\n"
        "heavy = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "print(nnutils.py2str(1))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1.0"


def test_readme_promises_the_two_commands_that_exist():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "make lab" in readme and "make test" in readme
    assert re.search(r"^lab:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci, ".ci/run must run the README's test command"


def test_readme_links_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"notebooks/{nb.name}" in readme, f"README does not link {nb.name}"
