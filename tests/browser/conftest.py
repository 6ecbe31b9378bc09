"""Fixtures for the browser suite: one JupyterLab per session, one Chromium page per test."""

from __future__ import annotations

import os

import pytest

from tests.browser.jupyter import ARTIFACTS, CHROMIUM_FLAGS, Lab, chromium_path

HOW_TO_INSTALL = (
    "the browser tests need Debian's Chromium: sudo apt-get install chromium "
    "(or set CHROMIUM_PATH to a Chromium binary)"
)


def _require_browser() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("NNUTILS_REQUIRE_BROWSER"):
            pytest.fail(f"NNUTILS_REQUIRE_BROWSER is set but {HOW_TO_INSTALL}")
        pytest.skip(HOW_TO_INSTALL)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        message = "the browser tests need the playwright package: pip install -e '.[test]'"
        if os.environ.get("NNUTILS_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def chromium():
    path = _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def lab(chromium):
    server = Lab()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def browser_page(chromium, lab):
    """A fresh page, and the list of console errors it reports."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # a HiDPI screen: two device pixels per CSS pixel, so screenshots show what a
    # learner with a sharp display sees
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    try:
        yield page, errors
    finally:
        context.close()
        lab.shutdown_kernels()


@pytest.fixture(scope="session", autouse=True)
def _mnist_for_kernels():
    """Kernels inherit the environment: point them at a local MNIST copy when one exists."""
    from tests.conftest import real_mnist_dir

    if not os.environ.get("NNUTILS_DATA_DIR"):
        found = real_mnist_dir()
        if found is not None:
            os.environ["NNUTILS_DATA_DIR"] = str(found)
    yield
