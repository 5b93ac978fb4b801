"""Streaming H.264 video: frames go to the encoder one at a time and are never collected.

Encoding runs in-process with PyAV (libav and libx264 inside the `av` wheel): no encoder
process to start per sample and no pipe to copy frames through. Each distinct frame is
converted to yuv420p once, by our own integer/fixed-coefficient code (Pillow's matrix
conversion and box reduction: plain C with no CPU-specific paths, so the same frame gives
the same bytes on every x86-64 machine); a frame equal to the previous one reuses the
converted frame and costs only the encoder's work on it.

Encoder settings were chosen by measurement: `ultrafast` at crf 24 keeps every decoded
frame above 50 dB PSNR against its yuv420p input (sudoku, pendulum, gears at 1024 px) at
2.2-3.0 ms per frame; `-tune animation` only added B-frames here (+15% CPU, -5% bytes);
`superfast` saves 30% of the bytes for +50% CPU. One encoder thread per process is right
when a pool of processes already fills the cores.
"""

from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from PIL import Image

from .draw import Canvas

PRESET = "ultrafast"
CRF = 24
CODEC_OPTIONS = {
    "preset": PRESET, "crf": str(CRF), "threads": "1",
    "x264-params": "log-level=error", "flags": "+bitexact",
}  # fmt: skip
# Bit-exact muxing keeps library version strings and timestamps out of the file, so the
# same frames always give the same bytes; +faststart puts the index first (web playback).
CONTAINER_OPTIONS = {"movflags": "+faststart", "fflags": "+bitexact"}

# Holds at the ends of every video: long enough to see the start and the result, short
# enough that the video is about the solution (a model learns from every frame).
OPENING_S = 0.5
CLOSING_S = 1.0

# BT.601 limited range ("TV" levels), what yuv420p H.264 means to every player. Rows:
# output = r*R + g*G + b*B + offset (the 0.5 rounds to nearest).
_TO_Y = (0.256788, 0.504129, 0.097906, 16.5)
_TO_U = (-0.148223, -0.290993, 0.439216, 128.5)
_TO_V = (0.439216, -0.367788, -0.071427, 128.5)


def to_yuv420p(image: Image.Image) -> tuple[Image.Image, Image.Image, Image.Image]:
    """The Y, U and V planes of an RGB image as the encoder receives them; chroma is the
    mean of each 2x2 block (converting the reduced image is the same linear map)."""
    quarter = image.reduce(2)
    return image.convert("L", _TO_Y), quarter.convert("L", _TO_U), quarter.convert("L", _TO_V)


def _video_frame(image: Image.Image) -> av.VideoFrame:
    frame = av.VideoFrame(image.width, image.height, "yuv420p")
    for plane, data in zip(frame.planes, to_yuv420p(image), strict=True):
        rows = np.frombuffer(plane, dtype=np.uint8).reshape(-1, plane.line_size)
        rows[: data.height, : data.width] = np.asarray(data)
    return frame


class VideoWriter:
    """An H.264/yuv420p mp4 written as frames arrive; a frame equal to the previous one
    is not converted again."""

    # Process-wide tallies for the benchmarks: frames, distinct frames, CPU seconds spent
    # converting and encoding (thread CPU time, so other threads do not count).
    totals = {"frames": 0, "distinct": 0, "cpu_s": 0.0}

    def __init__(self, path: Path, size: int, fps: int):
        self.path = Path(path)
        self.size = size
        self.frames = 0
        self._container = av.open(str(self.path), "w", format="mp4", options=CONTAINER_OPTIONS)
        self._stream = self._container.add_stream("libx264", rate=fps, options=CODEC_OPTIONS)
        self._stream.width = self._stream.height = size
        self._stream.pix_fmt = "yuv420p"
        self._stream.codec_context.thread_count = 1
        self._last_rgb: bytes | None = None
        self._last_frame: av.VideoFrame | None = None

    def write(self, rgb: bytes, repeat: int = 1) -> None:
        """Append `repeat` copies of a frame given as raw RGB bytes."""
        started = time.thread_time()
        if rgb != self._last_rgb:
            image = Image.frombytes("RGB", (self.size, self.size), rgb)
            self._last_frame = _video_frame(image)
            self._last_rgb = rgb
            VideoWriter.totals["distinct"] += 1
        for _ in range(repeat):
            self._last_frame.pts = self.frames
            self._container.mux(self._stream.encode(self._last_frame))
            self.frames += 1
        self._tally(repeat, started)

    def _tally(self, frames: int, started: float) -> None:
        totals = VideoWriter.totals
        totals["frames"] += frames
        totals["cpu_s"] += time.thread_time() - started

    def close(self) -> None:
        """Flush the encoder and finish the file (call once; `Film.close` guards it)."""
        started = time.thread_time()
        try:
            self._container.mux(self._stream.encode(None))
        finally:
            self._container.close()
            self._tally(0, started)


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

    def __init__(
        self, size: int, fps: int, video_path: Path | None, scale: float = 1.0, observer=None
    ):
        """`observer(rgb, hold)`, when given, sees every frame as it is added (tests read
        exact frames through it, with no encoding in between)."""
        self.size = size
        self._observer = observer
        self.fps = fps
        self.scale = scale
        self.recording = video_path is not None
        self._writer = VideoWriter(video_path, size, fps) if video_path else None
        self._first_rgb: bytes | None = None
        self._last_rgb: bytes | None = None
        self.frame_count = 0
        self.distinct_frames = 0  # frames that differ from the one before (the rest repeat)

    @property
    def first(self) -> Image.Image | None:
        """The first frame (first_frame.png)."""
        return self._image(self._first_rgb)

    @property
    def last(self) -> Image.Image | None:
        """The last frame (final_frame.png)."""
        return self._image(self._last_rgb)

    def _image(self, rgb: bytes | None) -> Image.Image | None:
        return None if rgb is None else Image.frombytes("RGB", (self.size, self.size), rgb)

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
        """Append a frame shown for `hold` consecutive frames. The pixels are taken now:
        drawing on the canvas afterwards does not change what was added."""
        rgb = frame.to_rgb_bytes() if isinstance(frame, Canvas) else frame.tobytes()
        if self._first_rgb is None:
            self._first_rgb = rgb
        if rgb != self._last_rgb:
            self.distinct_frames += 1
        self._last_rgb = rgb
        self.frame_count += hold
        if self._observer:
            self._observer(rgb, hold)
        if self._writer:
            self._writer.write(rgb, hold)

    def hold(self, frame: Canvas | Image.Image, seconds: float) -> None:
        self.add(frame, self.seconds(seconds))

    def opening(self, frame: Canvas | Image.Image) -> None:
        """The first frame, held OPENING_S before anything moves."""
        self.hold(frame, OPENING_S)

    def closing(self, frame: Canvas | Image.Image) -> None:
        """The solved final frame, held CLOSING_S at the end."""
        self.hold(frame, CLOSING_S)

    def close(self) -> None:
        """Stop the encoder (idempotent); call it whatever happened while rendering."""
        if self._writer:
            writer, self._writer = self._writer, None
            writer.close()


@dataclass(frozen=True)
class VideoInfo:
    codec: str
    pix_fmt: str
    width: int
    height: int
    frames: int
    faststart: bool


@dataclass(frozen=True)
class DecodedEnds:
    """What validation needs from a video, read in one pass: its stream facts and its
    first and last frames (as decoded yuv420p planes stacked, and as RGB)."""

    info: VideoInfo
    first_yuv: np.ndarray | None
    last_yuv: np.ndarray | None
    first_rgb: np.ndarray | None
    last_rgb: np.ndarray | None


def probe(path: Path) -> VideoInfo:
    """Codec, pixel format, size and frame count of an mp4 (packets counted, none decoded)."""
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            frames = sum(1 for packet in container.demux(stream) if packet.size)
            ctx = stream.codec_context
            return VideoInfo(ctx.name, ctx.pix_fmt or "", ctx.width, ctx.height, frames,
                             _moov_first(path))  # fmt: skip
    except (av.FFmpegError, IndexError, OSError) as e:
        raise ValueError(f"cannot read {Path(path).name}: {e}") from None


def decode_ends(path: Path) -> DecodedEnds:
    """One pass over an mp4: count its packets and decode only as far as needed to keep the
    first and last frames (no colour conversion of the frames in between)."""
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            frames, first, last = 0, None, None
            for packet in container.demux(stream):
                frames += 1 if packet.size else 0
                for frame in packet.decode():
                    if first is None:
                        first = frame
                    last = frame
            ctx = stream.codec_context
            info = VideoInfo(ctx.name, ctx.pix_fmt or "", ctx.width, ctx.height, frames,
                             _moov_first(path))  # fmt: skip
            return DecodedEnds(
                info,
                _planes(first), _planes(last),
                first.to_ndarray(format="rgb24") if first else None,
                last.to_ndarray(format="rgb24") if last else None,
            )  # fmt: skip
    except (av.FFmpegError, IndexError, OSError) as e:
        raise ValueError(f"cannot read {Path(path).name}: {e}") from None


def _planes(frame: av.VideoFrame | None) -> np.ndarray | None:
    if frame is None:
        return None
    if frame.format.name != "yuv420p":
        frame = frame.reformat(format="yuv420p")
    return np.concatenate([
        np.frombuffer(p, dtype=np.uint8).reshape(-1, p.line_size)[: p.height, : p.width].ravel()
        for p in frame.planes
    ])  # fmt: skip


def yuv_planes(image: Image.Image) -> np.ndarray:
    """An RGB image's yuv420p planes exactly as the encoder was given them, flattened."""
    return np.concatenate([np.asarray(p).ravel() for p in to_yuv420p(image)])


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
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            yield frame.to_ndarray(format="rgb24")
