"""GALLERY.md: every generator as a strip of frames (first frame, video frames, final frame),
its prompt and its difficulty levels, to look at before reading any code.

    uv run python scripts/gallery.py            # rewrite GALLERY.md and gallery/*.png

Regenerate it whenever frames change. The strips are small PNGs in gallery/.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image

from generators import build_sample, generator_ids, get_spec
from generators.kit.video import read_frames

ROOT = Path(__file__).resolve().parent.parent
STRIPS = ROOT / "gallery"
SEED, SIZE, THUMB, FRAMES = 2026, 512, 150, 4


def strip(folder: Path) -> Image.Image:
    """First frame, FRAMES evenly spaced video frames, final frame, side by side."""
    decoded = list(read_frames(folder / "ground_truth.mp4"))
    picks = [round(len(decoded) * k / (FRAMES + 1)) for k in range(1, FRAMES + 1)]
    pictures = [Image.open(folder / "first_frame.png")]
    pictures += [Image.fromarray(decoded[i]) for i in picks]
    pictures.append(Image.open(folder / "final_frame.png"))
    gap = 4
    out = Image.new("RGB", (len(pictures) * (THUMB + gap) - gap, THUMB), (255, 255, 255))
    for i, picture in enumerate(pictures):
        out.paste(
            picture.convert("RGB").resize((THUMB, THUMB), Image.LANCZOS), (i * (THUMB + gap), 0)
        )
    return out


def entry(gid: str, tmp: Path) -> str:
    spec = get_spec(gid)
    result = build_sample(gid, SEED, 0, {"image_size": SIZE}, tmp)
    strip(result.folder).save(STRIPS / f"{gid}.png", optimize=True)
    prompt = (result.folder / "prompt.txt").read_text(encoding="utf-8").strip()
    levels = spec.levels or {}
    rows = "\n".join(
        f"| {level}{' (default)' if level == spec.default_level else ''} | "
        + (", ".join(f"{k}={v}" for k, v in levels[level].items()) or "the defaults")
        + " |"
        for level in sorted(levels)
    )
    return (
        f"## {gid}: {spec.title}\n\n"
        f"{spec.description} *{spec.category}, {spec.faculty or 'no faculty declared'}; "
        f"{spec.instances:,} distinct puzzles.*\n\n"
        f"![first frame, video frames, final frame](gallery/{gid}.png)\n\n"
        f"> {prompt}\n\n" + (f"| level | params |\n|---|---|\n{rows}\n" if rows else "")
    )


def main() -> None:
    STRIPS.mkdir(exist_ok=True)
    ids = generator_ids()
    parts = [
        "# Gallery\n\n"
        f"Sample 0 of every generator at seed {SEED}, {SIZE} px: the first frame, four frames of "
        "the solution video and the final frame; the prompt; the difficulty levels. Made by "
        "`uv run python scripts/gallery.py`.\n"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for gid in ids:
            parts.append(entry(gid, Path(tmp)))
            print(gid, file=sys.stderr)
    (ROOT / "GALLERY.md").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
