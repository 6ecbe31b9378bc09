"""Binder's configuration, read the way repo2docker reads it.

Binder can't be run here, so this follows repo2docker's own rules for a
repository with a `binder/` folder: only files in `binder/` count; the first
build pack whose file is there wins (a Dockerfile, environment.yml, Pipfile or
pyproject.toml would take over from the Python build pack); runtime.txt names
the Python as `python-X.Y`; requirements.txt is installed with
`pip install -r binder/requirements.txt` from the repository's root, and when it
references local files the whole repository is copied in first. The README
badge opens JupyterLab on the notebooks.
"""

from __future__ import annotations

import re
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.test_packaging import extra_test_tools, lock_pins, lock_python, pip_requirements

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"


def repo2docker_python_version(runtime_txt: str) -> str:
    """What repo2docker's Python build pack makes of runtime.txt: 'X.Y', or '' if not Python."""
    runtime = runtime_txt.strip()
    if not runtime.startswith("python-"):
        return ""
    parts = runtime.split("-", 1)[1].split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else ""


def is_local_pip_requirement(line: str) -> bool:
    """repo2docker's test for a requirement line that needs the repository's files."""
    line = line.split("#", 1)[0].strip()
    if not line or line.startswith("--pre"):
        return False
    if line.startswith(("-r", "-c", "--requirement", "--constraint")):
        return True
    if line.startswith("--") and "=" in line:
        line = line.split("=", 1)[1]
    if line.startswith("-"):
        rest = line.split(None, 1)[1:]
        if not rest:
            return False
        line = rest[0]
    if "file://" in line:
        return True
    path = line.split("://", 1)[1] if "://" in line else line
    return path.startswith(".")


def requirement_lines() -> list[str]:
    lines = (BINDER / "requirements.txt").read_text().splitlines()
    return [s for s in (line.split("#", 1)[0].strip() for line in lines) if s]


def test_binder_folder_selects_the_python_build_pack():
    assert BINDER.is_dir()
    # files that would make repo2docker pick another build pack, or replace the build
    for other in ("Dockerfile", "environment.yml", "Pipfile", "Pipfile.lock", "pyproject.toml"):
        assert not (BINDER / other).exists(), f"binder/{other} would override the Python build"
    assert not (BINDER / "setup.py").exists() and not (ROOT / ".binder").exists()


def test_runtime_txt_pins_the_exact_python_of_the_lock():
    text = (BINDER / "runtime.txt").read_text()
    assert re.fullmatch(r"python-3\.\d+\n?", text), f"runtime.txt must be python-3.X, got {text!r}"
    assert repo2docker_python_version(text) == lock_python()


def test_requirements_are_the_runtime_dependencies_only():
    names = [
        canonicalize_name(Requirement(line).name)
        for line in requirement_lines()
        if not line.startswith("-")
    ]
    assert sorted(names) == sorted(pip_requirements()), "binder/requirements.txt != runtime deps"
    assert not set(names) & extra_test_tools()
    for line in requirement_lines():
        if not line.startswith("-"):
            assert not Requirement(line).specifier, f"{line}: versions come from the lock"


def test_requirements_use_the_lock_and_install_the_course_from_the_repo():
    lines = requirement_lines()
    constraints = [line.split(None, 1)[1] for line in lines if line.startswith("-c ")]
    assert len(constraints) == 1
    # pip reads -c relative to the file that contains it
    lock = (BINDER / constraints[0]).resolve()
    assert lock == (ROOT / "constraints.txt").resolve()
    pins = lock_pins()
    for name in pip_requirements():
        assert name in pins
    # editable, from the repository's root (pip's working directory on Binder), so the
    # package finds data/mnist-course.npz beside it
    assert "-e ." in lines
    # local references make repo2docker copy the whole repository before installing
    assert any(is_local_pip_requirement(line) for line in lines)


def test_readme_badge_opens_jupyterlab_on_the_notebooks():
    readme = (ROOT / "README.md").read_text()
    m = re.search(
        r"\[!\[Binder\]\(https://mybinder\.org/badge_logo\.svg\)\]"
        r"\((https://mybinder\.org/v2/gh/[^)\s]+)\)",
        readme,
    )
    assert m, "README needs the Binder badge"
    assert m.group(1).endswith("?urlpath=lab/tree/notebooks")


def test_the_rules_above_match_repo2dockers_on_known_cases():
    """The copies of repo2docker's parsing rules behave as repo2docker's do."""
    assert repo2docker_python_version("python-3.11\n") == "3.11"
    assert repo2docker_python_version("python-3.11.7") == "3.11"
    assert repo2docker_python_version("r-4.2-2022-10-01") == ""
    assert is_local_pip_requirement("-e .") and is_local_pip_requirement("-c ../lock.txt")
    assert is_local_pip_requirement("--editable=./pkg")
    assert not is_local_pip_requirement("numpy") and not is_local_pip_requirement("# -e .")
