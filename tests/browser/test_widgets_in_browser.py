"""The course as a learner uses it: JupyterLab in a real Chromium, every widget moved.

For every notebook that uses `nnutils.widgets`, the suite opens a fresh copy in
JupyterLab (a HiDPI page: two device pixels per CSS pixel), runs all cells,
waits for the kernel, and checks that no cell shows an unexpected error, no
widget shows a loading or error placeholder, and the browser console stayed
clean. Then, in every panel, it drags each slider with the mouse and types a
value into its readout, and checks that the readout shows the value and the
picture follows. The page itself times each picture change (a MutationObserver
on the figure), so the suite records how long a typed value takes to become a
picture and how long after the end of a drag the final picture lands. Typing
also tests what the readout does with unusual input: a value in range is kept
exactly, one beyond the range goes to the nearest end, text that is not a
number changes nothing. Training explorers are started, measured (iterations
per second while the curves are drawn) and stopped. Screenshots go to
`artifacts/browser/`, timings to `artifacts/browser/latency.json`.

Widget notebooks and their controls are found by the suite itself, so a new
notebook is covered without editing this file.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.browser.jupyter import ARTIFACTS, LATENCIES, NOTEBOOKS

FROZEN_SECONDS = 2.0  # a plot that hasn't changed by then counts as frozen

# In the page: record when each figure's picture changes, and when the learner
# pressed Enter or released the mouse.
WATCH = """() => {
    if (window.__nn) return;
    window.__nn = {changes: new Map(), enter: 0, up: 0};
    const observer = new MutationObserver(records => {
        const now = performance.now();
        for (const r of records) {
            const list = window.__nn.changes.get(r.target) || [];
            list.push(now);
            window.__nn.changes.set(r.target, list);
        }
    });
    for (const img of document.querySelectorAll('img.nnutils-figure')) {
        observer.observe(img, {attributes: true, attributeFilter: ['src']});
    }
    document.addEventListener('keydown', e => {
        if (e.key === 'Enter') window.__nn.enter = performance.now();
    }, true);
    document.addEventListener('mouseup', () => { window.__nn.up = performance.now(); }, true);
}"""


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


def changes_since(panel, since: float) -> list[float]:
    """Times (page clock, ms) at which the panel's picture changed after `since`."""
    img = panel.locator("img.nnutils-figure").first
    return img.evaluate(
        "(img, since) => (window.__nn.changes.get(img) || []).filter(t => t > since)", since
    )


def page_now(page) -> float:
    return page.evaluate("() => performance.now()")


def settle(panel, quiet: float = 0.4, timeout: float = 6.0) -> None:
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


def readout_value(control) -> str:
    return control.locator(".nnutils-readout input").first.input_value()


def type_into(page, control, text: str) -> None:
    box = control.locator(".nnutils-readout input").first
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


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
    page.evaluate(WATCH)

    # 2. every slider in every panel: drag it, then type values into its readout
    for p in range(panels.count()):
        panel = panels.nth(p)
        panel.scroll_into_view_if_needed()
        check_picture_size(panel, f"{name} / panel {p}")
        if panel.locator(".nnutils-train").count():
            check_explorer(page, panel, name, shots / f"panel{p}_explorer.png")
            continue
        controls = panel.locator(".nnutils-control:has(.nnutils-readout)")
        assert controls.count() >= 1, f"{name}: panel {p} has no slider"
        for s in range(controls.count()):
            control = controls.nth(s)
            label = control.locator(".widget-label").first.inner_text() or f"slider {s}"
            where = f"{name} / {label}"
            drag_slider(page, panel, control, where)
            type_values(page, panel, control, where)
        panel.screenshot(path=str(shots / f"panel{p}.png"))
        message = panel_message(panel)
        assert not message.startswith("Error"), f"{name}: panel {p} says {message!r}"
    assert not console_errors, f"browser console errors after moving sliders: {console_errors}"


def check_picture_size(panel, where: str) -> None:
    """The picture has twice as many pixels as it takes CSS pixels: sharp on this HiDPI page."""
    img = panel.locator("img.nnutils-figure").first
    natural, shown = img.evaluate("img => [img.naturalWidth, img.getBoundingClientRect().width]")
    assert natural >= 1.95 * shown, f"{where}: {natural} pixels shown {shown:.0f} CSS px wide"


def drag_slider(page, panel, control, where: str) -> None:
    slider = control.locator(".widget-slider").first
    handle = slider.locator(".noUi-handle").first
    box = handle.bounding_box()
    track = slider.locator(".noUi-target").first.bounding_box()
    assert box and track, f"{where}: slider not visible"
    settle(panel)
    before_value, before_src = readout_value(control), figure_src(panel)
    LAST_VALID[where] = before_value
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # towards the side with room, far enough that a slider of a few steps moves one step
    span = max(60.0, 0.45 * track["width"])
    right, left = track["x"] + track["width"] - x, x - track["x"]
    dx = min(span, right - 5) if right >= left else -min(span, left - 5)
    start = page_now(page)
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 13):  # a drag of 12 small moves, as a hand makes them
        page.mouse.move(x + dx * k / 12, y)
        page.wait_for_timeout(15)
    page.mouse.up()
    settle(panel)
    assert readout_value(control) != before_value, f"{where}: dragging did not change the readout"
    assert figure_src(panel) != before_src, f"{where}: the picture did not change after a drag"
    up = page.evaluate("() => window.__nn.up")
    seen = changes_since(panel, start)
    assert seen, f"{where}: no picture change recorded during the drag"
    LATENCIES.append((where, "drag end", max(0.0, (seen[-1] - up) / 1000)))
    LATENCIES.append((where, "drag pictures", float(len(seen))))
    message = panel_message(panel)
    assert not message.startswith("Error"), f"{where}: after a drag the widget says {message!r}"


def type_values(page, panel, control, where: str) -> None:
    """Type the value from before the drag, a value beyond the range, and text."""
    target = LAST_VALID[where]
    settle(panel)
    before_src = figure_src(panel)
    start = page_now(page)
    type_into(page, control, target)
    deadline = time.perf_counter() + FROZEN_SECONDS
    while time.perf_counter() < deadline and not changes_since(panel, start):
        time.sleep(0.02)
    seen = changes_since(panel, start)
    assert seen, f"{where}: the picture did not change within {FROZEN_SECONDS}s of typing"
    enter = page.evaluate("() => window.__nn.enter")
    LATENCIES.append((where, "typed", (seen[0] - enter) / 1000))
    settle(panel)
    assert float(readout_value(control)) == float(target), (
        f"{where}: typed {target!r}, the readout shows {readout_value(control)!r}"
    )
    assert figure_src(panel) != before_src
    message = panel_message(panel)
    assert not message.startswith("Error"), f"{where}: after typing the widget says {message!r}"
    # text that is not a number changes nothing
    src = figure_src(panel)
    type_into(page, control, "not a number")
    settle(panel)
    assert float(readout_value(control)) == float(target), f"{where}: text changed the value"
    assert figure_src(panel) == src, f"{where}: text that is not a number changed the picture"
    # a value far beyond the range goes to the nearest end, never somewhere else
    type_into(page, control, "1e309")
    settle(panel)
    high = float(readout_value(control))
    type_into(page, control, "-1e309")
    settle(panel)
    low = float(readout_value(control))
    assert low < high, f"{where}: 1e309 gave {high}, -1e309 gave {low}"
    assert high < 1e300, f"{where}: 1e309 was taken as {high}"
    RANGE_ENDS[where] = (low, high)
    type_into(page, control, target)  # back to a sensible state for the next control
    settle(panel)


LAST_VALID: dict[str, str] = {}
RANGE_ENDS: dict[str, tuple[float, float]] = {}


def test_typed_log_value_is_kept(lab, browser_page):
    """Chapter 04's step slider is logarithmic; a typed 0.2 must stay 0.2 (its grid has 0.1995)."""
    page, _ = browser_page
    name = "04_gradient_descent.ipynb"
    lab.open_and_run_all(page, name)
    page.evaluate(WATCH)
    panel = page.locator(".nnutils-panel", has_text="Hot and cold").first
    panel.scroll_into_view_if_needed()
    control = panel.locator(".nnutils-control", has_text="step_amount").first
    type_into(page, control, "0.2")
    settle(panel)
    assert readout_value(control) == "0.2"
    assert "0.2 " in panel_message(panel) or "bounces between 0.75 and 0.85" in panel_message(
        panel
    ), panel_message(panel)
    iterations = panel.locator(".nnutils-control", has_text="iterations").first
    type_into(page, iterations, "1e309")
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline and not panel_message(panel).startswith("after 2000"):
        time.sleep(0.05)
    assert readout_value(iterations) == "2000", readout_value(iterations)
    assert panel_message(panel).startswith("after 2000 iterations"), panel_message(panel)


def check_explorer(page, panel, name: str, shot: Path) -> None:
    """Train: the curves grow and the run is measured; Stop: it stops and stays stopped."""
    iterations = panel.locator(".nnutils-control", has_text="iterations").first
    type_into(page, iterations, "400")
    settle(panel)
    start = page_now(page)
    panel.locator("button.nnutils-train").first.click()
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline and len(changes_since(panel, start)) < 3:
        time.sleep(0.05)
    seen = changes_since(panel, start)
    assert len(seen) >= 3, f"{name}: the explorer's curves did not grow while training"
    LATENCIES.append((f"{name} / explorer", "first curve", (seen[0] - start) / 1000))
    # iterations per second while the curves are drawn: progress over a few seconds
    first, t0 = progress(panel), time.perf_counter()
    time.sleep(4.0)
    last, t1 = progress(panel), time.perf_counter()
    rate = (last - first) * 400 / 100 / (t1 - t0)
    LATENCIES.append((f"{name} / explorer", "iterations/s", rate))
    assert last > first, f"{name}: the progress bar did not move while training"
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


def progress(panel) -> float:
    """The explorer's progress bar, in percent."""
    bar = panel.locator(".progress .progress-bar").first  # ipywidgets 8: .widget-hprogress
    style = bar.get_attribute("style") or ""
    m = re.search(r"width:\s*([\d.]+)%", style)
    return float(m.group(1)) if m else 0.0
