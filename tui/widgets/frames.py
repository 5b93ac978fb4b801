"""Frames shown with terminal graphics where the terminal has them, colour half-blocks
elsewhere, always at the image's aspect ratio and as large as the space allows.

Which kind of graphics is decided once, before the console takes the terminal
(`prepare_terminal`, called by tui/console.py): kitty's graphics protocol or sixel where
the terminal answers for them; inside tmux, the outer terminal decides: a kitty-protocol
terminal gets its images through tmux's passthrough (switched on for this pane while the
console runs), a tmux that knows its terminal draws sixel gets sixel; anything else gets
colour half-blocks (textual-image's fallback, grey shading, would hide colour answers).
`VMWHEEL_GRAPHICS=kitty|sixel|halfcell` overrides the choice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label

KITTY_TERMINALS = ("kitty", "ghostty", "wezterm", "konsole")
_choice: str | None = None  # "kitty", "sixel" or "halfcell"


def _tmux(*args: str) -> str:
    tmux = shutil.which("tmux")
    if not tmux:
        return ""
    try:
        done = subprocess.run([tmux, *args], capture_output=True, text=True, timeout=1.0,
                              check=False)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def tmux_outer_terminal() -> tuple[str, str]:
    """(the outer terminal's name and type, its features as tmux knows them)."""
    text = _tmux("display-message", "-p", "#{client_termname} #{client_termtype}\t"
                 "#{client_termfeatures}")  # fmt: skip
    name, _, features = text.partition("\t")
    return name.lower(), features.lower()


def decide(env=os.environ, isatty: bool | None = None, outer: Callable | None = None) -> str:
    """The graphics to use: "kitty", "sixel" or "halfcell" (see the module's doc)."""
    forced = (env.get("VMWHEEL_GRAPHICS") or "").strip().lower()
    if forced in ("kitty", "tgp"):
        return "kitty"
    if forced in ("sixel", "halfcell"):
        return forced
    tty = sys.__stdout__ is not None and sys.__stdout__.isatty() if isatty is None else isatty
    if not tty:
        return "halfcell"
    if env.get("TMUX"):
        name, features = (outer or tmux_outer_terminal)()
        if any(t in name for t in KITTY_TERMINALS):
            return "kitty"
        if "sixel" in features.split(","):
            return "sixel"
        return "halfcell"
    caps = probe()
    if caps is not None and caps.tgp:
        return "kitty"
    if caps is not None and caps.sixel:
        return "sixel"
    return "halfcell"


def probe():
    """Ask the terminal (once) what textual-image needs to know: graphics protocols and
    the cell size. Its answer is kept, so the image widgets imported later (with Pillow)
    never ask again once the console owns the terminal's input."""
    try:
        from textual_image._terminal import probe_terminal

        return probe_terminal()
    except Exception:  # no terminal to ask: half-blocks
        return None


def _passthrough_on() -> Callable[[], None]:
    """Let kitty-protocol sequences through tmux for this pane; what puts it back."""
    pane = os.environ.get("TMUX_PANE", "")
    target = ["-t", pane] if pane else []
    before = _tmux("show-options", "-p", "-v", *target, "allow-passthrough")
    if before in ("on", "all"):
        return lambda: None
    _tmux("set-option", "-p", *target, "allow-passthrough", "on")

    def restore() -> None:
        if before:
            _tmux("set-option", "-p", *target, "allow-passthrough", before)
        else:
            _tmux("set-option", "-p", "-u", *target, "allow-passthrough")

    return restore


class Prepared:
    """The terminal being asked about graphics, in a thread while the console imports."""

    def __init__(self) -> None:
        self.restore: Callable[[], None] = lambda: None
        self.thread = threading.Thread(target=self._run, name="graphics probe", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        global _choice
        try:
            choice = decide()
            if choice == "kitty" and os.environ.get("TMUX"):
                self.restore = _passthrough_on()
            if sys.__stdout__ is not None and sys.__stdout__.isatty():
                probe()  # before the console reads the terminal's input (see `probe`)
            _choice = choice
        except Exception:  # graphics are a bonus: half-blocks always work
            _choice = "halfcell"

    def wait(self) -> None:
        self.thread.join(timeout=5.0)


def prepare_terminal() -> Prepared:
    """Decide the graphics (and let the terminal answer what they need) before the
    console starts; call `.wait()` on the result right before it does, and `.restore()`
    after (it puts tmux's passthrough setting back)."""
    return Prepared()


def graphics() -> str:
    return _choice or "halfcell"


def image_class():
    """The textual-image widget class for the graphics chosen."""
    kind = graphics()
    if kind == "kitty":
        from textual_image.widget import TGPImage

        return TGPImage
    if kind == "sixel":
        from textual_image.widget import SixelImage

        return SixelImage
    from textual_image.widget import HalfcellImage

    return HalfcellImage


def cell_size() -> tuple[int, int]:
    """A terminal cell in pixels (width, height): asked of the terminal when graphics need
    it, else the usual 1:2."""
    if graphics() != "halfcell":
        from textual_image._terminal import get_cell_size

        size = get_cell_size()
        if size.width and size.height:
            return size.width, size.height
    return 10, 20


def fit(image_w: int, image_h: int, cols: int, rows: int,
        cell: tuple[int, int] | None = None) -> tuple[int, int]:  # fmt: skip
    """The largest (columns, rows) box with the image's aspect ratio inside cols x rows."""
    if image_w <= 0 or image_h <= 0 or cols <= 0 or rows <= 0:
        return 0, 0
    cw, ch = cell or cell_size()
    aspect = image_w / image_h
    width = cols
    height = round(width * cw / aspect / ch)
    if height > rows:
        height = rows
        width = max(1, min(cols, round(height * ch * aspect / cw)))
    return width, max(1, height)


def image_size(image) -> tuple[int, int]:
    """(width, height) in pixels of a path or PIL image (0, 0 when unreadable)."""
    if image is None:
        return 0, 0
    try:
        if hasattr(image, "size"):
            return image.size
        from PIL import Image as PILImage

        with PILImage.open(image) as im:
            return im.size
    except Exception:
        return 0, 0


class FrameBox(Widget):
    """One image, fitted at its aspect ratio into the width it gets, and at most
    `max_rows` tall (default: what the screen can show beside the rest), centred."""

    DEFAULT_CSS = """
    FrameBox { height: auto; width: 1fr; align-horizontal: center; }
    """

    def __init__(self, max_rows: int | None = None, fill: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.max_rows = max_rows
        self.fill = fill  # take the given height too (the full-screen viewer)
        self.image = None
        self.pixels = (0, 0)
        self.box = (0, 0)

    def compose(self) -> ComposeResult:
        yield image_class()(None, classes="frame-image")

    @property
    def viewer(self):
        return self.query_one(".frame-image")

    def show(self, image) -> None:
        self.image = image
        self.pixels = image_size(image)
        self.refit()
        self.viewer.image = image

    def limit(self) -> int:
        if self.fill:
            return max(1, self.size.height)
        if self.max_rows:
            return self.max_rows
        return max(6, self.app.size.height - 14)  # header, nav, captions, footer, text

    def refit(self) -> None:
        cols, rows = fit(*self.pixels, max(1, self.size.width), self.limit())
        self.box = (cols, rows)
        image = self.viewer
        image.styles.width = cols
        image.styles.height = rows
        if not self.fill:
            self.styles.height = rows

    def on_resize(self) -> None:
        if self.pixels != (0, 0):
            self.refit()


class Frame(Vertical):
    """One captioned image."""

    DEFAULT_CSS = "Frame { height: auto; }"

    def __init__(self, caption: str, max_rows: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.caption = caption
        self.max_rows = max_rows
        self.source = None  # what was shown (a path or a PIL image)

    def compose(self) -> ComposeResult:
        yield Label(self.caption, classes="caption", markup=False)
        yield FrameBox(self.max_rows)

    def show(self, image, caption: str | None = None) -> None:
        self.source = image
        self.query_one(FrameBox).show(image)
        if caption is not None:
            self.query_one(Label).update(caption)


class FramePair(Horizontal):
    """First and final frame side by side (hidden while there is nothing to show)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_class("-empty")

    def compose(self) -> ComposeResult:
        yield Frame("first frame  (z: full screen)", id="first")
        yield Frame("final frame", id="final")

    def show(self, first, final) -> None:
        self.set_class(first is None and final is None, "-empty")
        self.query_one("#first", Frame).show(first)
        self.query_one("#final", Frame).show(final)
