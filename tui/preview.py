"""Sample previews for the console, generated off the UI thread and cached on disk."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generators import build_sample

PREVIEW_SIZE = 256


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


def preview(generator: str) -> Preview:
    """Sample 0 of a generator at seed 0, small and without video (cached)."""
    out = cache_dir() / cache_key(generator)
    folder = out / f"{generator}_00000000"
    if not (folder / "metadata.json").exists():
        build_sample(generator, 0, 0, {"image_size": PREVIEW_SIZE, "video": False}, out)
    return load_sample(folder)
