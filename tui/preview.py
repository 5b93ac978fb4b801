"""Sample previews for the console, generated off the UI thread and cached on disk, and the
video decoding the frame views use (PyAV)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

PREVIEW_SIZE = 512  # px: large enough that the full-screen viewer can zoom into details
VIDEO_BUDGET = 96 * 2**20  # bytes of decoded frames a video view may hold
MAX_FRAME_SIDE = 768  # px: decoded frames are scaled down to at most this


def cache_dir() -> Path:
    root = os.environ.get("VMWHEEL_CACHE") or os.path.join(tempfile.gettempdir(), "vmwheel-cache")
    return Path(root) / "previews"


@dataclass(frozen=True)
class Preview:
    generator: str
    folder: Path
    prompt: str
    rubric: str
    metadata: dict

    @property
    def first(self) -> str:
        return str(self.folder / "first_frame.png")

    @property
    def final(self) -> str:
        return str(self.folder / "final_frame.png")

    @property
    def video(self) -> Path | None:
        path = self.folder / "ground_truth.mp4"
        return path if path.exists() else None


def load_sample(folder: Path) -> Preview:
    meta = json.loads((folder / "metadata.json").read_text())
    return Preview(meta["generator"], folder, (folder / "prompt.txt").read_text(),
                   (folder / "rubric.txt").read_text(), meta)  # fmt: skip


def cache_key(generator: str) -> str:
    """The generator, its version and its module's size and mtime: an edited generator
    gets a fresh preview even before its version is bumped."""
    import inspect

    from generators import get_spec

    spec = get_spec(generator)
    try:
        st = os.stat(inspect.getsourcefile(spec.task_class) or "")
        stamp = f"{st.st_size}-{int(st.st_mtime)}"
    except (OSError, TypeError):
        stamp = "0"
    return f"{spec.id}-v{spec.version}-{stamp}"


def preview(generator: str, video: bool = False) -> Preview:
    """Sample 0 of a generator at seed 0, small (cached); without its video unless asked
    (the full-screen viewer asks for it)."""
    from generators import build_sample

    out = cache_dir() / (cache_key(generator) + ("-video" if video else ""))
    folder = out / f"{generator}_00000000"
    if not (folder / "metadata.json").exists():
        build_sample(generator, 0, 0, {"image_size": PREVIEW_SIZE, "video": video}, out)
    return load_sample(folder)


def video_info(path: str | Path) -> tuple[int, int, float, int]:
    """(width, height, frames per second, frame count) of a video (count 0 if unknown)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.guessed_rate or 16
        return stream.width, stream.height, float(rate), int(stream.frames or 0)


def decode_video(
    path: str | Path,
    max_side: int = MAX_FRAME_SIDE,
    budget: int = VIDEO_BUDGET,
    cancelled=lambda: False,
):
    """(frames as PIL images, frames per second) of an H.264 video, decoded with PyAV and
    scaled so that all of them fit in `budget` bytes (and no side exceeds `max_side`)."""
    import av

    width, height, fps, count = video_info(path)
    scale = min(1.0, max_side / max(width, height, 1))
    if count:
        per_frame = budget / count / 3
        scale = min(scale, (per_frame / max(width * height, 1)) ** 0.5)
    w = max(2, int(width * scale) // 2 * 2)
    h = max(2, int(height * scale) // 2 * 2)
    frames = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            if cancelled():
                break
            frames.append(frame.to_image(width=w, height=h))
    return frames, fps
