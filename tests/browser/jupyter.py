"""Start the course's JupyterLab on a free loopback port and drive it with Playwright.

The server serves a temporary copy of `notebooks/` (so autosave can never touch
the committed notebooks), with a random token and its own config, data,
runtime and workspace folders. It runs in its own process group, which is
killed (server and kernels) when the session ends, even after a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: (widget / control, action, seconds until the plot changed), filled in by the tests
LATENCIES: list[tuple[str, str, float]] = []


def chromium_path() -> str | None:
    """Debian's Chromium, or $CHROMIUM_PATH."""
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server for the tests, and helpers to drive notebooks in it."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="nnutils-lab-"))
        self.root = self.tmp / "notebooks"
        shutil.copytree(NOTEBOOKS, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.port = free_port()
        self.token = secrets.token_hex(16)
        env = dict(os.environ)
        for name in ("config", "data", "runtime"):
            (self.tmp / name).mkdir()
        # every cell in the DOM (no windowing), and no news or update pop-ups
        settings = self.tmp / "settings" / "@jupyterlab"
        (settings / "notebook-extension").mkdir(parents=True)
        (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
            json.dumps({"windowingMode": "none"})
        )
        (settings / "apputils-extension").mkdir()
        (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
        env.update(
            JUPYTER_CONFIG_DIR=str(self.tmp / "config"),
            JUPYTER_DATA_DIR=str(self.tmp / "data"),
            JUPYTER_RUNTIME_DIR=str(self.tmp / "runtime"),
            JUPYTER_PLATFORM_DIRS="1",
            IPYTHONDIR=str(self.tmp / "ipython"),
        )
        self.log = open(self.tmp / "server.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter",
                "lab",
                "--no-browser",
                "--ServerApp.allow_root=True",
                f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0",
                "--ServerApp.ip=127.0.0.1",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                f"--LabApp.workspaces_dir={self.tmp / 'workspaces'}",
                f"--LabApp.user_settings_dir={self.tmp / 'settings'}",
                "--LabApp.expose_app_in_browser=True",
                "--LabApp.news_url=",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--ContentsManager.allow_hidden=False",
                "--MappingKernelManager.cull_idle_timeout=0",
            ],
            cwd=self.root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: we kill server and kernels together
        )
        self.wait_ready()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, path: str) -> object:
        with urllib.request.urlopen(f"{self.base}{path}?token={self.token}", timeout=10) as r:
            return json.loads(r.read())

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"JupyterLab exited: {(self.tmp / 'server.log').read_text()[-2000:]}"
                )
            try:
                self.api("/api/status")
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer in {timeout}s")

    def shutdown_kernels(self) -> None:
        """End every kernel the server runs (between notebooks, to free the CPU)."""
        request = urllib.request.Request(f"{self.base}/api/sessions", headers=self._auth)
        with urllib.request.urlopen(request, timeout=10) as r:
            sessions = json.loads(r.read())
        for session in sessions:
            delete = urllib.request.Request(
                f"{self.base}/api/sessions/{session['id']}", method="DELETE", headers=self._auth
            )
            urllib.request.urlopen(delete, timeout=30).close()

    @property
    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    def stop(self) -> None:
        """Kill the server and every kernel it started (its whole process group)."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=15)
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- notebooks -------------------------------------------------------------------------

    def open_and_run_all(self, page, name: str, timeout: float = 600) -> None:
        """Open a fresh copy of `name`, run all cells, and wait until the kernel is done."""
        shutil.copy(NOTEBOOKS / name, self.root / name)
        # a workspace of its own, reset: no tabs restored from an earlier test
        workspace = f"{Path(name).stem}-{secrets.token_hex(4)}"
        page.goto(
            f"{self.base}/lab/workspaces/{workspace}/tree/{name}?reset&token={self.token}",
            wait_until="domcontentloaded",
        )
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        page.wait_for_function(
            """() => {
                const panel = window.jupyterapp.shell.currentWidget;
                return panel && panel.context && panel.context.isReady
                    && panel.sessionContext.session?.kernel?.status === 'idle';
            }""",
            timeout=120_000,
            polling=250,
        )
        page.wait_for_timeout(500)
        # clear the stored outputs, then run everything in this fresh kernel
        page.evaluate(
            """async () => {
                await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
                window.jupyterapp.commands.execute('notebook:run-all-cells');
            }"""
        )
        # done when every code cell of the model has run and the kernel is idle again;
        # if the kernel goes idle with cells left (run-all stops at an error), say where
        probe = """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const code = [...panel.content.model.cells].filter(c => c.type === 'code');
            const ran = code.filter(c => c.executionCount !== null).length;
            const errors = code.flatMap(c => {
                const outs = c.outputs.toJSON();
                return outs.filter(o => o.output_type === 'error')
                           .map(o => `${o.ename}: ${o.evalue}`);
            });
            return {ran, total: code.length, errors,
                    idle: panel.sessionContext.session?.kernel?.status === 'idle'};
        }"""
        deadline = time.time() + timeout
        stalled_since = None
        last_ran = -1
        while True:
            state = page.evaluate(probe)
            if state["ran"] == state["total"] and state["idle"]:
                break
            if state["idle"] and state["ran"] == last_ran:
                stalled_since = stalled_since or time.time()
                if time.time() - stalled_since > 10:
                    raise AssertionError(
                        f"{name}: run-all stopped after {state['ran']} of {state['total']} code "
                        f"cells; errors: {state['errors'] or 'none shown'}"
                    )
            else:
                stalled_since = None
            last_ran = state["ran"]
            if time.time() > deadline:
                raise AssertionError(f"{name}: cells still running after {timeout}s: {state}")
            time.sleep(0.5)
        page.wait_for_timeout(1000)  # let the last widget views render

    @staticmethod
    def cells_with_errors(page) -> set[int]:
        """Indexes of cells that show an error or anything written to stderr."""
        return set(
            page.evaluate(
                """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
                    .map((cell, i) => cell.querySelector(
                        '[data-mime-type="application/vnd.jupyter.stderr"]') ? i : -1)
                    .filter(i => i >= 0)"""
            )
        )
