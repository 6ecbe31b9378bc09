"""The course as a learner uses it: JupyterLab in a real Chromium, every widget moved.

For every notebook that uses `nnutils.widgets`, the suite opens a fresh copy in
JupyterLab, runs all cells, waits for the kernel, and checks that no cell shows
an unexpected error, no widget shows a loading or error placeholder, and the
browser console stayed clean. Then, in every widget panel, it drags each slider
with the mouse and types a value into its readout, and checks that the readout
shows the value and that the panel's picture changed within 2 seconds. Training
explorers are started and stopped. Screenshots go to `artifacts/browser/`.

Widget notebooks and their sliders are found by the suite itself, so a new
notebook is covered without editing this file.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.browser.jupyter import ARTIFACTS, LATENCIES, NOTEBOOKS

FROZEN_SECONDS = 2.0  # a plot that hasn't changed by then counts as frozen


def widget_notebooks() -> list[str]:
    """Notebooks whose code imports nnutils.widgets."""
    names = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        if any(
            "nnutils.widgets" in "".join(c["source"]) for c in cells if c["cell_type"] == "code"
        ):
            names.append(path.name)
    return names


def expected_error_cells(name: str) -> set[int]:
    """Indexes (among all cells) of cells tagged raises-exception."""
    cells = json.loads((NOTEBOOKS / name).read_text())["cells"]
    return {
        i
        for i, c in enumerate(cells)
        if "raises-exception" in c.get("metadata", {}).get("tags", [])
    }


def figure_src(panel) -> str:
    return panel.locator("img.nnutils-figure").first.get_attribute("src") or ""


def wait_for_change(panel, before: str, timeout: float = FROZEN_SECONDS) -> float | None:
    """Seconds until the panel's picture differs from `before`, or None if it never did."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if figure_src(panel) != before:
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def settle(panel, quiet: float = 0.3, timeout: float = 5.0) -> None:
    """Wait until the panel's picture has stopped changing (earlier updates have landed)."""
    start = last_change = time.perf_counter()
    src = figure_src(panel)
    while time.perf_counter() - start < timeout:
        time.sleep(0.05)
        now = figure_src(panel)
        if now != src:
            src, last_change = now, time.perf_counter()
        elif time.perf_counter() - last_change >= quiet:
            return


def panel_message(panel) -> str:
    return panel.locator(".nnutils-message").first.inner_text()


@pytest.mark.parametrize("name", widget_notebooks())
def test_notebook_widgets_work_in_the_browser(name, lab, browser_page):
    page, console_errors = browser_page
    lab.open_and_run_all(page, name)
    shots = ARTIFACTS / Path(name).stem
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "after_run_all.png"), full_page=False)

    # 1. every cell ran; only cells tagged raises-exception show an error
    errors = lab.cells_with_errors(page)
    assert errors <= expected_error_cells(name), f"cells with errors: {sorted(errors)}"
    text = page.locator(".jp-Notebook").inner_text()
    for placeholder in ("Loading widget", "Error displaying widget", "Error rendering"):
        assert placeholder not in text, f"{name}: a widget shows '{placeholder}'"
    panels = page.locator(".nnutils-panel")
    assert panels.count() >= 1, f"{name} imports nnutils.widgets but shows no widget"
    assert not console_errors, f"browser console errors: {console_errors}"

    # 2. every slider in every panel: drag it, then type a value
    for p in range(panels.count()):
        panel = panels.nth(p)
        panel.scroll_into_view_if_needed()
        if panel.locator(".nnutils-train").count():
            check_explorer(panel, name, shots / f"panel{p}_explorer.png")
            continue
        sliders = panel.locator(".widget-slider")
        assert sliders.count() >= 1, f"{name}: panel {p} has no slider"
        for s in range(sliders.count()):
            slider = sliders.nth(s)
            label = slider.locator(".widget-label").first.inner_text() or f"slider {s}"
            drag_slider(page, panel, slider, f"{name} / {label}")
            type_into_slider(page, panel, slider, f"{name} / {label}")
        panel.screenshot(path=str(shots / f"panel{p}.png"))
        message = panel_message(panel)
        assert not message.startswith("Error"), f"{name}: panel {p} says {message!r}"
    assert not console_errors, f"browser console errors after moving sliders: {console_errors}"


def drag_slider(page, panel, slider, label: str) -> None:
    handle = slider.locator(".noUi-handle").first
    readout = slider.locator(".widget-readout").first
    box = handle.bounding_box()
    track = slider.locator(".noUi-target").first.bounding_box()
    assert box and track, f"{label}: slider not visible"
    settle(panel)
    before_value, before_src = readout.inner_text(), figure_src(panel)
    LAST_VALID[label] = before_value
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    dx = 40 if track["x"] + track["width"] - x > 50 else -40  # towards the side with room
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y, steps=3)
    page.mouse.move(x + dx, y, steps=3)
    page.mouse.up()
    latency = wait_for_change(panel, before_src)
    assert readout.inner_text() != before_value, f"{label}: dragging did not change the readout"
    assert latency is not None, f"{label}: plot did not change within {FROZEN_SECONDS}s of a drag"
    settle(panel)
    message = panel_message(panel)
    assert not message.startswith("Error"), f"{label}: after a drag the widget says {message!r}"
    LATENCIES.append((label, "drag", latency))


def type_into_slider(page, panel, slider, label: str) -> None:
    """Type the value the slider had before the drag; the readout and plot must follow."""
    readout = slider.locator(".widget-readout").first
    if readout.get_attribute("contenteditable") != "true":
        return  # a selection slider's readout is a label, not an input
    # the readout writes negatives with a typographic minus (U+2212); a learner
    # types the keyboard's "-"
    target = LAST_VALID[label].replace("\u2212", "-")
    settle(panel)
    before_src = figure_src(panel)
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(target)
    page.keyboard.press("Enter")
    latency = wait_for_change(panel, before_src)
    shown = readout.inner_text().replace("\u2212", "-")
    assert shown == target, f"{label}: typed {target!r}, the readout shows {shown!r}"
    assert latency is not None, f"{label}: plot did not change within {FROZEN_SECONDS}s of typing"
    settle(panel)
    message = panel_message(panel)
    assert not message.startswith("Error"), f"{label}: after typing the widget says {message!r}"
    LATENCIES.append((label, "type", latency))


LAST_VALID: dict[str, str] = {}


def check_explorer(panel, name: str, shot: Path) -> None:
    before_src = figure_src(panel)
    panel.locator("button.nnutils-train").first.click()
    start = time.perf_counter()
    grew = 0
    src = before_src
    while time.perf_counter() - start < 20 and grew < 3:
        new = figure_src(panel)
        if new != src:
            grew += 1
            if grew == 1:
                LATENCIES.append((f"{name} / explorer", "first curve", time.perf_counter() - start))
            src = new
        time.sleep(0.05)
    assert grew >= 3, f"{name}: the explorer's curves did not grow while training"
    panel.locator("button.nnutils-stop").first.click()
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline and not panel_message(panel).startswith("stopped"):
        time.sleep(0.05)
    message = panel_message(panel)
    assert message.startswith("stopped at iteration"), (
        f"{name}: after Stop the explorer says {message!r}"
    )
    settled = figure_src(panel)
    time.sleep(1.0)
    assert figure_src(panel) == settled, f"{name}: the curves kept changing after Stop"
    panel.screenshot(path=str(shot))
