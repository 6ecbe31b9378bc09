"""Live panels: controls above a figure that follows them, and a one-line message.

A `LiveFigure` is a matplotlib figure rendered at twice its CSS size (crisp
on HiDPI screens) into an `ipywidgets.Image` shown at its intended size. What
doesn't change between updates (axes, grids, a bowl's curve) is drawn once and
kept as a background; each update restores that background and draws only the
artists marked `animated` (blitting). A view that changes something static
(new axis limits, a new title) calls `invalidate(ax)`, and the next render
redraws that axes only. The figure is laid out once: the axes keep their
places while a slider moves, and the layout is made again only when a text
would no longer fit (a tick label reaching into the next plot or out of the
figure).

A `Panel` wires `Control`s to a `draw(**values)` function. Moving a control
asks a shared background renderer for a new picture; while one is being
drawn, further moves only update the pending values, so a fast drag never
queues stale pictures. `Panel.update(**values)` sets controls and redraws at
once, in the caller's thread, and returns the message: the entry point tests
use. Whatever `draw` raises becomes a red message under the picture, never an
exception in the notebook.
"""

from __future__ import annotations

import html
import struct
import threading
import time
import warnings
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as W
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from nnutils import validate
from nnutils.controls import Control
from nnutils.style import PANEL_WIDTH, use_course_style

#: Pixels per CSS pixel of the rendered pictures.
SCALE = 2


class LiveFigure:
    """A matplotlib figure drawn once, then updated by blitting its animated artists."""

    def __init__(self, height: float, width: float = PANEL_WIDTH):
        height, width = validate.positive("height", height), validate.positive("width", width)
        self.width, self.height = width, height
        use_course_style()
        self.fig = Figure(figsize=(width / 72, height / 72), dpi=72 * SCALE)
        FigureCanvasAgg(self.fig)
        self.image = W.Image(
            format="png",
            layout=W.Layout(width=f"{width:.0f}px", max_width="100%", height="auto"),
        )
        self.image.add_class("nnutils-figure")
        self._background: Any = None
        self._stale: list[Any] = []  # axes whose static parts changed since the last render
        self._boxes: dict[Any, Any] = {}  # each axes' extent (labels included) as last drawn
        self._animated: list[Any] | None = None  # the artists blitted on every render
        self._engine: Any = _UNSET  # the figure's layout engine, found at the first draw
        self._laid_out = False
        self._rooms: dict[Any, Any] = {}  # how far each axes' extent may reach (see _fits)
        self._clashes: set[tuple[Any, Any]] = set()  # axes the layout itself left overlapping
        self._paper = np.round(np.array(to_rgba(self.fig.get_facecolor())) * 255).astype(np.uint8)
        self.full_draws = 0
        self.axes_draws = 0
        self.layouts = 0
        self.lock = threading.RLock()

    def invalidate(self, ax: Any = None) -> None:
        """Something static changed: redraw `ax` (or, without it, everything) next time."""
        self._animated = None
        if ax is None or self._background is None:
            self._background = None
            self._stale = []
        elif ax not in self._stale:
            self._stale.append(ax)

    def render(self) -> bytes:
        """Draw the figure (blitting when the background is still valid); return PNG bytes."""
        with self.lock:
            canvas = self.fig.canvas
            if self._background is None:
                self._full_draw()
            else:
                canvas.restore_region(self._background)
                if self._stale:
                    stale, self._stale = self._stale, []
                    outcome = self._refresh(stale)
                    if outcome != "done":
                        self._full_draw(relayout=outcome == "layout")
            renderer = canvas.get_renderer()
            if self._animated is None:
                found = self.fig.findobj(_is_animated)
                self._animated = sorted(found, key=lambda a: a.get_zorder())
            for artist in self._animated:
                if artist.get_visible():
                    artist.draw(renderer)
            return encode_png(np.asarray(canvas.buffer_rgba()))

    def _full_draw(self, relayout: bool = False) -> None:
        """Draw everything but the animated artists; keep that as the background.

        The figure is laid out (by its layout engine) the first time, and again
        only when a text no longer fits the room the last layout gave it (or when
        `relayout`): the axes stay where they are while a learner moves a slider.
        """
        canvas = self.fig.canvas
        if self._engine is _UNSET:  # the first draw: remember the figure's layout engine
            self._engine = self.fig.get_layout_engine()
        if self._laid_out and not relayout:
            canvas.draw()  # animated artists are left out of this pass
            boxes = self._extents()
            if self._fits(boxes, list(boxes)):
                self._keep(boxes)
                self.full_draws += 1
                return
        if self._engine is not None:
            self.fig.set_layout_engine(self._engine)
        canvas.draw()
        if self._engine is not None:
            self.fig.set_layout_engine("none")  # keep this layout until something outgrows it
        self._laid_out = True
        self.layouts += 1
        boxes = self._extents()
        figure = self.fig.bbox
        self._rooms = {ax: Bbox.union([figure, box]) for ax, box in boxes.items() if box}
        self._clashes = {
            (a, b)
            for a, box_a in boxes.items()
            for b, box_b in boxes.items()
            if a is not b and box_a is not None and box_b is not None and _overlap(box_a, box_b)
        }
        self._keep(boxes)
        self.full_draws += 1

    def _extents(self) -> dict[Any, Any]:
        """Each axes' extent with its labels, ticks and title, in pixels."""
        renderer = self.fig.canvas.get_renderer()
        return {ax: ax.get_tightbbox(renderer) for ax in self.fig.axes if ax.get_visible()}

    def _keep(self, boxes: dict[Any, Any]) -> None:
        self._boxes = boxes
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self._stale = []

    def _fits(self, boxes: dict[Any, Any], changed: list[Any]) -> bool:
        """Whether the changed axes' extents stay clear of the other axes and inside the figure.

        An extent may reach as far out of the figure as it did at the last layout
        (a layout can't always keep a long title inside), no further.
        """
        figure = self.fig.bbox
        for ax in changed:
            box = boxes.get(ax)
            if box is None:
                return False
            room = self._rooms.get(ax, figure)
            if (
                box.x0 < room.x0 - 0.5
                or box.y0 < room.y0 - 0.5
                or box.x1 > room.x1 + 0.5
                or box.y1 > room.y1 + 0.5
            ):
                return False
            for other, other_box in boxes.items():
                if (
                    other is not ax
                    and other_box is not None
                    and (ax, other) not in self._clashes  # as the layout left them
                    and _overlap(box, other_box)
                ):
                    return False
        return True

    def _refresh(self, axes: list[Any]) -> str:
        """Redraw only these axes (with their ticks and labels) into the kept background.

        Returns "done"; or, drawing nothing, "layout" when a changed axes' extent
        with its labels would reach into another axes or out of the figure (a
        much longer tick label, say: the figure must be laid out again), or
        "draw" when the area to clear would cut into a neighbour.
        """
        canvas = self.fig.canvas
        renderer = canvas.get_renderer()
        boxes = dict(self._boxes)
        for ax in axes:
            boxes[ax] = ax.get_tightbbox(renderer) if ax.get_visible() else None
        if not self._fits(boxes, axes):
            return "layout"
        pixels = np.asarray(canvas.buffer_rgba())
        height, width = pixels.shape[:2]
        for ax in axes:
            # blank what the axes covered before and covers now, then draw it again
            old, new = self._boxes.get(ax), boxes[ax]
            old = new if old is None else old
            x0, x1 = min(old.x0, new.x0), max(old.x1, new.x1)
            y0, y1 = min(old.y0, new.y0), max(old.y1, new.y1)
            blank = Bbox([[x0 - 2, y0 - 2], [x1 + 3, y1 + 3]])
            if any(
                _overlap(blank, b)
                for other, b in boxes.items()
                if other is not ax and b is not None and (ax, other) not in self._clashes
            ):
                return "draw"  # the area to clear would cut into a neighbour
            c0, c1 = max(int(blank.x0), 0), min(int(blank.x1), width)
            r0, r1 = max(height - int(blank.y1), 0), min(height - int(blank.y0), height)
            pixels[r0:r1, c0:c1] = self._paper
            ax.draw(renderer)
            self.axes_draws += 1
        self._keep(boxes)
        return "done"

    def show(self) -> bytes:
        """Render and put the picture into the image widget."""
        png = self.render()
        self.image.value = png
        return png


_UNSET = object()


def _overlap(a: Any, b: Any, tolerance: float = 0.5) -> bool:
    """Whether two pixel boxes share more than a sliver of anti-aliasing."""
    return (
        a.x0 < b.x1 - tolerance
        and b.x0 < a.x1 - tolerance
        and a.y0 < b.y1 - tolerance
        and b.y0 < a.y1 - tolerance
    )


def _is_animated(artist: Any) -> bool:
    return artist.get_animated()


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


try:  # Intel's ISA-L deflate: the same format as zlib, about ten times faster
    from isal import isal_zlib

    def _deflate(raw: memoryview) -> bytes:
        return isal_zlib.compress(raw, 1)

except ImportError:  # pragma: no cover - a platform without isal wheels

    def _deflate(raw: memoryview) -> bytes:
        packer = zlib.compressobj(1, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
        return packer.compress(raw) + packer.flush()


def encode_png(rgba: np.ndarray) -> bytes:
    """An RGBA image as PNG bytes, compressed for speed (rows unfiltered, fast deflate).

    A live picture is replaced many times a second; with ISA-L this takes about
    a millisecond for a panel, a twentieth of a general-purpose PNG encoder.
    """
    if rgba is None or isinstance(rgba, (str, bytes)):
        raise TypeError(f"expected an (height, width, 4) RGBA array of bytes, got {rgba!r:.60}")
    try:
        rgba = np.asarray(rgba, dtype=np.uint8)
    except (TypeError, ValueError):
        raise TypeError("expected an (height, width, 4) RGBA array of bytes") from None
    if rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(f"expected an (height, width, 4) RGBA array, got shape {rgba.shape}")
    if rgba.size == 0:
        raise ValueError("the RGBA array is empty")
    h, w, _ = rgba.shape
    raw = np.empty((h, w * 4 + 1), np.uint8)
    raw[:, 0] = 0  # filter type "none" for every row
    raw[:, 1:] = rgba.reshape(h, w * 4)
    data = _deflate(memoryview(raw))
    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


class _Renderer:
    """One background thread that redraws the panels whose controls moved, latest values only."""

    def __init__(self) -> None:
        self._dirty: dict[int, Panel] = {}
        self._wake = threading.Condition()
        self._busy: Panel | None = None
        self._thread: threading.Thread | None = None

    def request(self, panel: Panel) -> None:
        with self._wake:
            self._dirty[id(panel)] = panel
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, daemon=True, name="nnutils")
                self._thread.start()
            self._wake.notify()

    def idle(self, panel: Panel) -> bool:
        with self._wake:
            return id(panel) not in self._dirty and self._busy is not panel

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._dirty:
                    self._wake.wait()
                _, panel = self._dirty.popitem()
                self._busy = panel
            try:
                panel.redraw()
            finally:
                with self._wake:
                    self._busy = None
                    self._wake.notify_all()


_RENDERER = _Renderer()

#: Drawing callback of a panel: gets the control values, returns the message (or None).
Draw = Callable[..., "str | None"]


class Panel:
    """Controls above a live figure and a one-line message below it.

    `draw(**values)` brings the figure's views up to date for the control values
    and returns the message to show. Moving a control redraws in the background;
    `update(**values)` redraws at once and returns the message.
    """

    def __init__(
        self,
        controls: Sequence[Control],
        figure: LiveFigure,
        draw: Draw,
        title: str | None = None,
        live: bool = True,
        extra: Sequence[W.Widget] = (),
    ):
        self.controls = {c.name: c for c in controls}
        self.figure = figure
        self.draw = draw
        self.last_message = ""
        self.last_error: str | None = None
        self.update_seconds: list[float] = []
        self.message = W.HTML()
        self.message.add_class("nnutils-message")
        if live:
            for control in self.controls.values():
                control.observe(lambda _value: _RENDERER.request(self))
        header = [W.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        rows = [W.HBox([c.widget for c in self.controls.values()], layout=_WRAP)]
        self.widget = W.VBox([*header, *rows, *extra, figure.image, self.message])
        self.widget.add_class("nnutils-panel")
        if live:
            self.redraw()

    @property
    def png(self) -> bytes:
        """The picture currently shown."""
        return self.figure.image.value

    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: c.value for name, c in self.controls.items()}

    def update(self, **values: Any) -> str:
        """Set the given controls (as if typed), redraw once, and return the message."""
        for name in values:
            if name not in self.controls:
                raise KeyError(f"no control named {name!r}; controls: {sorted(self.controls)}")
        for name, value in values.items():
            self.controls[name].set(value, notify=False)
        return self.redraw()

    def wait(self, timeout: float = 10.0) -> str:
        """Wait until background redraws are done (after moving controls); return the message."""
        deadline = time.perf_counter() + timeout
        while not _RENDERER.idle(self) and time.perf_counter() < deadline:
            time.sleep(0.005)
        return self.last_message

    def redraw(self) -> str:
        """Draw the current state, show it, and return the message."""
        with self.figure.lock:
            start = time.perf_counter()
            self.last_error = None
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    message = self.draw(**self.values()) or ""
                    self.figure.show()  # drawing odd values (inf limits) may warn too
            except Exception as e:  # shown to the learner, never raised into the notebook
                self.last_error = f"{type(e).__name__}: {e}"
                message = f"Error: {self.last_error}"
                self._show_blank()
            self.say(message, error=self.last_error is not None)
            self.update_seconds.append(time.perf_counter() - start)
            return message

    def say(self, text: str, error: bool = False) -> None:
        """Show `text` under the picture (in red for an error)."""
        css = "color:#b00020" if error else ""
        self.message.value = f'<span style="{css}">{html.escape(text)}</span>'
        self.last_message = text

    def _show_blank(self) -> None:
        """After a failed draw: an empty picture rather than a half-updated one."""
        blank = np.full(
            (int(self.figure.height * SCALE), int(self.figure.width * SCALE), 4), 255, np.uint8
        )
        self.figure.invalidate()
        self.figure.image.value = encode_png(blank)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


_WRAP = W.Layout(flex_flow="row wrap", align_items="center", grid_gap="4px 16px")


def controls_of(mapping: Mapping[str, Control]) -> list[Control]:
    """The controls of a mapping, in order (a convenience for builders)."""
    return list(mapping.values())
