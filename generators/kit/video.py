"""Streaming H.264 video: frames go to ffmpeg one at a time and are never collected.

Encoder settings were chosen by measurement (see benchmarks/bench_generators.py): flat
synthetic graphics compress very well with `-tune animation`, and one encoder thread per
process is the right choice when a pool of processes already fills the cores.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
from PIL import Image

from .draw import Canvas

PRESET = "ultrafast"
CRF = 22
# Bit-exact flags keep encoder version strings and timestamps out of the file, so the
# same frames always give the same bytes.
OUTPUT_PARAMS = [
    "-preset", PRESET, "-crf", str(CRF), "-tune", "animation",
    "-threads", "1", "-x264-params", "log-level=error",
    "-movflags", "+faststart", "-map_metadata", "-1",
    "-fflags", "+bitexact", "-flags:v", "+bitexact",
]  # fmt: skip


def ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


class VideoWriter:
    """An H.264/yuv420p mp4 written as frames arrive."""

    def __init__(self, path: Path, size: int, fps: int):
        self.path = Path(path)
        self.frames = 0
        self._gen = imageio_ffmpeg.write_frames(
            str(self.path), (size, size), fps=fps, codec="libx264", quality=None,
            pix_fmt_in="rgb24", pix_fmt_out="yuv420p", macro_block_size=2,
            ffmpeg_log_level="error", output_params=OUTPUT_PARAMS,
        )  # fmt: skip
        self._gen.send(None)

    def write(self, rgb: bytes, repeat: int = 1) -> None:
        for _ in range(repeat):
            self._gen.send(rgb)
        self.frames += repeat

    def close(self) -> None:
        self._gen.close()


def png_bytes(image: Image.Image) -> bytes:
    """PNG encoding with fixed settings (no metadata chunks), so the same pixels give the same bytes."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()


class Film:
    """Where a task's renderer puts its frames.

    The first frame becomes first_frame.png and the last final_frame.png, so the stills
    always agree with the video. With video off only those two are kept.
    """

    def __init__(self, size: int, fps: int, video_path: Path | None, scale: float = 1.0):
        self.size = size
        self.fps = fps
        self.scale = scale
        self.recording = video_path is not None
        self._writer = VideoWriter(video_path, size, fps) if video_path else None
        self.first: Image.Image | None = None
        self.last: Image.Image | None = None
        self.frame_count = 0

    def canvas(self) -> Canvas:
        return Canvas(self.size)

    def seconds(self, s: float) -> int:
        """How many frames last `s` seconds (at least one), stretched by `video_scale`.

        Use it for holds *and* for the number of steps of an animation, so a longer video
        has more distinct frames, not just repeated ones."""
        return max(1, round(s * self.fps * self.scale))

    def times(self, duration: float, span: float | None = None) -> list[float]:
        """The simulated time of each frame of an animation lasting `duration` seconds at
        video_scale 1: `film.seconds(duration)` frames, the k-th at span * k / n, so the
        last one is at the end of the span (`duration` unless given). The first frame
        (t = 0) is not included: it is the still shown before the motion starts."""
        n = self.seconds(duration)
        end = duration if span is None else span
        return [end * k / n for k in range(1, n + 1)]

    def add(self, frame: Canvas | Image.Image, hold: int = 1) -> None:
        """Append a frame shown for `hold` consecutive frames."""
        image = frame.image if isinstance(frame, Canvas) else frame
        if self.first is None:
            self.first = image.copy()
        self.last = image  # callers hand over each frame; no copy needed
        self.frame_count += hold
        if self._writer:
            self._writer.write(image.tobytes(), hold)

    def hold(self, frame: Canvas | Image.Image, seconds: float) -> None:
        self.add(frame, self.seconds(seconds))

    def close(self) -> None:
        """Stop the encoder (idempotent); call it whatever happened while rendering."""
        if self._writer:
            self._writer.close()
            self._writer = None


@dataclass(frozen=True)
class VideoInfo:
    codec: str
    pix_fmt: str
    width: int
    height: int
    frames: int
    faststart: bool


_STREAM = re.compile(r"Video: (\w+).*?, (\w+)\(?.*?, (\d+)x(\d+)")


def probe(path: Path) -> VideoInfo:
    """Codec, pixel format, size and frame count of an mp4, read with the bundled ffmpeg.

    Frames are counted as the video packets ffmpeg lists (`framecrc`, one line each), which
    reads no pixels and does not depend on how a given ffmpeg version prints its stats."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-i", str(path),
           "-map", "0:v:0", "-c", "copy", "-f", "framecrc", "-"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    m = _STREAM.search(done.stderr)
    if done.returncode != 0 or not m:
        raise ValueError(f"ffmpeg cannot read {path.name}: {done.stderr.strip().splitlines()[-1:]}")
    frames = sum(1 for line in done.stdout.splitlines() if line and not line.startswith("#"))
    return VideoInfo(m.group(1), m.group(2), int(m.group(3)), int(m.group(4)), frames,
                     _moov_first(path))  # fmt: skip


def _moov_first(path: Path) -> bool:
    """True when the moov atom precedes mdat (+faststart: playable while downloading)."""
    with open(path, "rb") as f:
        while header := f.read(8):
            if len(header) < 8:
                return False
            size = int.from_bytes(header[:4], "big")
            kind = header[4:8]
            if kind in (b"moov", b"mdat"):
                return kind == b"moov"
            if size == 1:
                size = int.from_bytes(f.read(8), "big") - 8
            if size < 8:
                return False
            f.seek(size - 8, os.SEEK_CUR)
    return False


def read_frames(path: Path):
    """Decoded RGB frames of an mp4 as (height, width, 3) uint8 arrays, one at a time."""
    import numpy as np

    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    w, h = meta["size"]
    try:
        for raw in reader:
            yield np.frombuffer(raw, dtype=np.uint8).reshape(h, w, 3)
    finally:
        reader.close()
