"""The full-screen frame viewer (z from any preview): the first frame, the video frame by
frame and the final frame of one sample, at the image's aspect ratio and as large as the
terminal allows; zoom into details, pan, step, and play the video at its own fps."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label
from textual.worker import get_current_worker

from ..widgets.frames import FrameBox

ZOOMS = (1, 2, 4, 8)


@dataclass
class FrameSource:
    """What a preview hands the viewer: the two stills and the video, or a way to get it
    (run in a thread: it may generate or download the video)."""

    title: str
    first: str | Path | None
    final: str | Path | None
    video: Path | None = None
    get_video: Callable[[], Path | None] | None = None


class FrameViewer(Screen):
    BINDINGS = [
        Binding("escape,q,z", "close", "Close"),
        Binding("space", "play", "Play"),
        Binding("right_square_bracket", "step(1)", "Next"),
        Binding("left_square_bracket", "step(-1)", "Prev"),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Final", show=False),
        Binding("plus,equals_sign", "zoom(1)", "Zoom"),
        Binding("minus", "zoom(-1)", "Out"),
        Binding("0", "zoom(0)", "Fit", show=False),
        Binding("left,h", "pan(-1, 0)", "Pan", key_display="arrows"),
        Binding("right,l", "pan(1, 0)", "Pan", show=False),
        Binding("up,k", "pan(0, -1)", "Pan", show=False),
        Binding("down,j", "pan(0, 1)", "Pan", show=False),
    ]

    class Decoded(Message):
        def __init__(self, frames: list | None, fps: float, error: str | None) -> None:
            self.frames, self.fps, self.error = frames, fps, error
            super().__init__()

    def __init__(self, source: FrameSource) -> None:
        super().__init__()
        self.source = source
        self.frames: list[tuple[str, object]] = []  # (label, path or PIL image)
        self.index = 0
        self.zoom_at = 0  # index into ZOOMS
        self.centre = (0.5, 0.5)  # of the zoomed view, as a share of the image
        self.fps = 0.0
        self.video_frames = 0
        self.video_start = 0  # index of the first video frame
        self.video_note = ""
        self.player = None
        self.play_from = (0.0, 0)  # (clock, frame index) when playing began
        self.opened: dict[int, object] = {}  # index -> PIL image (stills opened once)

    def compose(self) -> ComposeResult:
        with Vertical(id="viewer"):
            yield Label("", id="viewer-status", markup=False)
            yield FrameBox(fill=True, id="viewer-frame")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        s = self.source
        self.frames = [(label, img) for label, img in (("first frame", s.first),
                                                       ("final frame", s.final)) if img]  # fmt: skip
        if s.video is not None or s.get_video is not None:
            self.video_note = "decoding the video…"
            self.load_video()
        else:
            self.video_note = "no video"
        self.show()

    @work(thread=True, exclusive=True, group="viewer-video")
    def load_video(self) -> None:
        from ..preview import decode_video

        worker = get_current_worker()
        try:
            path = self.source.video
            if path is None and self.source.get_video is not None:
                self.app.call_from_thread(self.note, "making the video…")
                path = self.source.get_video()
            if path is None:
                self.post_message(self.Decoded(None, 0.0, "no video for this sample"))
                return
            frames, fps = decode_video(path, cancelled=lambda: worker.is_cancelled)
            self.post_message(self.Decoded(frames, fps, None))
        except Exception as e:  # the stills still show
            self.post_message(self.Decoded(None, 0.0, f"{type(e).__name__}: {e}"))

    def note(self, text: str) -> None:
        self.video_note = text
        self.show_status()

    def on_frame_viewer_decoded(self, event: Decoded) -> None:
        if event.error or not event.frames:
            self.note(event.error or "the video has no frames")
            return
        first = [f for f in self.frames if f[0] == "first frame"]
        final = [f for f in self.frames if f[0] == "final frame"]
        at_final = bool(final) and self.frames[self.index] is final[0]
        n = len(event.frames)
        video = [(f"video frame {i + 1}/{n}", img) for i, img in enumerate(event.frames)]
        self.frames = first + video + final
        self.opened = {}
        self.video_start = len(first)
        self.fps, self.video_frames = event.fps, n
        self.video_note = f"{n} video frames at {event.fps:g} fps"
        self.index = len(self.frames) - 1 if at_final else self.index
        self.show()

    # --- what is shown ------------------------------------------------------------------

    def image_at(self, index: int):
        _label, img = self.frames[index]
        if isinstance(img, str | Path):
            if index not in self.opened:
                from PIL import Image

                with Image.open(img) as im:
                    self.opened[index] = im.convert("RGB")
            return self.opened[index]
        return img

    def view(self):
        """The current frame, cropped to the zoomed view."""
        image = self.image_at(self.index)
        zoom = ZOOMS[self.zoom_at]
        if zoom == 1:
            return image
        w, h = image.size
        cw, ch = w / zoom, h / zoom
        cx = min(max(self.centre[0] * w, cw / 2), w - cw / 2)
        cy = min(max(self.centre[1] * h, ch / 2), h - ch / 2)
        self.centre = (cx / w, cy / h)
        return image.crop((round(cx - cw / 2), round(cy - ch / 2), round(cx + cw / 2),
                           round(cy + ch / 2)))  # fmt: skip

    def show(self) -> None:
        if not self.frames:
            self.query_one("#viewer-status", Label).update(f"{self.source.title}: nothing to show")
            return
        self.index = max(0, min(self.index, len(self.frames) - 1))
        try:
            self.query_one(FrameBox).show(self.view())
        except OSError as e:
            self.notify(f"{self.frames[self.index][1]}: {e}", title="cannot show",
                        severity="error", markup=False)  # fmt: skip
        self.show_status()

    def show_status(self) -> None:
        if not self.frames:
            return
        label = self.frames[self.index][0]
        zoom = ZOOMS[self.zoom_at]
        parts = [self.source.title, label, f"zoom {zoom}×"]
        if self.player is not None:
            parts.append(f"playing at {self.fps:g} fps")
        elif self.video_frames:
            parts.append(f"{self.fps:g} fps")
        else:
            parts.append(self.video_note)
        self.query_one("#viewer-status", Label).update(" · ".join(p for p in parts if p))

    # --- keys ---------------------------------------------------------------------------

    def action_close(self) -> None:
        self.stop_playing()
        self.dismiss()

    def action_step(self, delta: int) -> None:
        self.stop_playing()
        self.index = max(0, min(len(self.frames) - 1, self.index + delta))
        self.show()

    def action_jump(self, where: int) -> None:
        self.stop_playing()
        self.index = 0 if where == 0 else len(self.frames) - 1
        self.show()

    def action_zoom(self, delta: int) -> None:
        self.zoom_at = 0 if delta == 0 else max(0, min(len(ZOOMS) - 1, self.zoom_at + delta))
        self.show()

    def action_pan(self, dx: int, dy: int) -> None:
        zoom = ZOOMS[self.zoom_at]
        if zoom == 1:  # nothing to pan: the arrows step instead
            if dx:
                self.action_step(dx)
            return
        step = 0.25 / zoom
        self.centre = (self.centre[0] + dx * step, self.centre[1] + dy * step)
        self.show()

    def action_play(self) -> None:
        if self.player is not None:
            self.stop_playing()
            self.show_status()
            return
        if not self.video_frames:
            self.notify(self.video_note or "no video to play", markup=False)
            return
        last = self.video_start + self.video_frames - 1
        if not self.video_start <= self.index < last:
            self.index = self.video_start  # from the start of the video
        self.play_from = (time.monotonic(), self.index)
        self.player = self.set_interval(1 / max(self.fps, 1.0), self.advance, name="play")
        self.show()

    def advance(self) -> None:
        """The frame the clock says (frames are skipped when drawing falls behind, so the
        video keeps its own speed)."""
        last = self.video_start + self.video_frames - 1
        started, first = self.play_from
        target = min(last, first + int((time.monotonic() - started) * max(self.fps, 1.0)))
        if target != self.index:
            self.index = target
            self.show()
        if target >= last:  # its last frame: stop there
            self.stop_playing()
            self.show_status()

    def stop_playing(self) -> None:
        if self.player is not None:
            self.player.stop()
            self.player = None
