"""Video fidelity: how close the decoded first and last frames are to the PNG stills.

    uv run python benchmarks/bench_fidelity.py              # every generator, 1024 px
    uv run python benchmarks/bench_fidelity.py G-bounce --size 512

Prints, per generator, the video length in seconds and the PSNR (dB) of the decoded first
and last frames against the PNGs, raw (RGB) and against the PNGs' own yuv420p planes, as the
encoder was given them (what the validator requires to be at least 35 dB: chroma
subsampling alone caps the raw figure for saturated colours).
"""

from __future__ import annotations

import argparse
import tempfile

import numpy as np
from PIL import Image

from generators import build_sample, generator_ids, lookup
from generators.kit.video import decode_ends, yuv_planes
from generators.validate import psnr


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("generators", nargs="*")
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    ids = [lookup(g) for g in args.generators] or generator_ids()
    print(
        f"{'generator':28} {'video s':>7} {'first raw':>9} {'first 420':>9} {'last raw':>8} {'last 420':>8}"
    )
    with tempfile.TemporaryDirectory() as out:
        for gid in ids:
            r = build_sample(gid, args.seed, 0, {"image_size": args.size}, out)
            ends = decode_ends(r.folder / "ground_truth.mp4")
            scores = []
            for name, rgb, yuv in (("first_frame.png", ends.first_rgb, ends.first_yuv),
                                   ("final_frame.png", ends.last_rgb, ends.last_yuv)):  # fmt: skip
                still = Image.open(r.folder / name).convert("RGB")
                scores += [psnr(rgb, np.asarray(still)), psnr(yuv, yuv_planes(still))]
            print(
                f"{gid:28} {r.frame_count / 16:7.2f} " + " ".join(f"{s:9.1f}" for s in scores),
                flush=True,
            )


if __name__ == "__main__":
    main()
