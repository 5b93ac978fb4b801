"""Contact sheets: a generator's samples as rows of first frame, decoded video frames and
final frame, to look at before trusting a generator.

    uv run python scripts/contact_sheet.py sudoku G-bounce --samples 2 --frames 6 --out sheets/
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from generators import build_sample, lookup
from generators.kit.video import read_frames


def sample_row(folder: Path, frames: int, thumb: int) -> Image.Image:
    """First frame, `frames` evenly spaced decoded video frames, final frame."""
    pictures = [Image.open(folder / "first_frame.png")]
    video = folder / "ground_truth.mp4"
    if video.exists():
        decoded = [Image.fromarray(f) for f in read_frames(video)]
        step = max(1, len(decoded) // (frames + 1))
        pictures += decoded[step::step][:frames]
    pictures.append(Image.open(folder / "final_frame.png"))
    row = Image.new("RGB", (len(pictures) * (thumb + 4), thumb + 4), (60, 60, 60))
    for i, picture in enumerate(pictures):
        row.paste(
            picture.convert("RGB").resize((thumb, thumb), Image.LANCZOS), (i * (thumb + 4) + 2, 2)
        )
    return row


def sheet(
    generator: str, seed: int, samples: int, frames: int, size: int, thumb: int
) -> Image.Image:
    gid = lookup(generator)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [sample_row(build_sample(gid, seed, i, {"image_size": size}, Path(tmp)).folder, frames, thumb)
                for i in range(samples)]  # fmt: skip
    out = Image.new("RGB", (max(r.width for r in rows), sum(r.height for r in rows) + 30), "white")
    ImageDraw.Draw(out).text(
        (6, 4), f"{gid}  seed {seed}  {size}px", fill="black", font=ImageFont.load_default(size=20)
    )
    y = 30
    for r in rows:
        out.paste(r, (0, y))
        y += r.height
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("generators", nargs="+")
    p.add_argument("--samples", type=int, default=2)
    p.add_argument("--frames", type=int, default=6, help="decoded video frames per row")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--size", type=int, default=512, help="image_size of the samples")
    p.add_argument("--thumb", type=int, default=220, help="thumbnail size in the sheet")
    p.add_argument("--out", type=Path, default=Path("sheets"))
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for g in args.generators:
        path = args.out / f"{lookup(g)}.png"
        sheet(g, args.seed, args.samples, args.frames, args.size, args.thumb).save(path)
        print(path)


if __name__ == "__main__":
    main()
