"""Generator cost: throughput, CPU per sample and per frame, encoder share, bytes, peak RSS.

    uv run python benchmarks/bench_generators.py                      # every generator
    uv run python benchmarks/bench_generators.py sudoku G-bounce --samples 10
    uv run python benchmarks/bench_generators.py --memory-only G-bounce

Each measurement runs in a fresh process, so peak RSS is that configuration's own. CPU
includes the ffmpeg encoder child. "outside enc" is the share of CPU spent drawing, in PNG
encoding and bookkeeping: the rest is H.264 encoding. Memory: peak RSS of the generating
process at 10 vs 100 samples and at the default video length vs 10x (`video_scale=10`);
flat means within 15%.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(gid: str, size: int, samples: int, scale: float) -> dict:
    """Runs in a child process: generate `samples` samples and report the figures."""
    from generators import build_sample

    params = {"image_size": size, "video_scale": scale}
    with tempfile.TemporaryDirectory() as out:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        frames = mp4 = png = 0
        for i in range(samples):
            r = build_sample(gid, 1, i, params, Path(out))
            frames += r.frame_count
            mp4 += (r.folder / "ground_truth.mp4").stat().st_size
            png += sum(
                (r.folder / f).stat().st_size for f in ("first_frame.png", "final_frame.png")
            )
        wall, own = time.perf_counter() - wall0, time.process_time() - cpu0
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    enc = kids.ru_utime + kids.ru_stime
    return {"generator": gid, "size": size, "samples": samples, "scale": scale,
            "samples_per_s": samples / wall, "cpu_s_per_sample": (own + enc) / samples,
            "cpu_ms_per_frame": 1000 * (own + enc) / max(frames, 1), "outside_encoder": own / (own + enc),
            "frames_per_sample": frames / samples, "mp4_kb": mp4 / samples / 1024,
            "png_kb": png / samples / 1024,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "encoder_rss_mb": kids.ru_maxrss / 1024}  # fmt: skip


def run_isolated(gid: str, size: int, samples: int, scale: float = 1.0) -> dict:
    cmd = [sys.executable, __file__, "--child", gid, str(size), str(samples), str(scale)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("generators", nargs="*", help="names (default: all)")
    ap.add_argument("--samples", type=int, default=20)
    ap.add_argument("--sizes", default="512,1024")
    ap.add_argument("--memory-size", type=int, default=512, help="image size of the memory runs")
    ap.add_argument("--memory-only", action="store_true")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument(
        "--length-only", action="store_true", help="memory: only 1x vs 10x video length"
    )
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        gid, size, samples, scale = args.child
        print(json.dumps(measure(gid, int(size), int(samples), float(scale))))
        return

    from generators import generator_ids, lookup

    ids = [lookup(g) for g in args.generators] or generator_ids()
    if not args.memory_only:
        print(f"{'generator':28} {'px':>5} {'smp/s':>6} {'CPU s/smp':>9} {'ms/frame':>8} "
              f"{'outside enc':>11} {'frames':>6} {'mp4 KB':>7} {'PNG KB':>7} {'RSS MB':>7}")  # fmt: skip
        for gid in ids:
            for size in map(int, args.sizes.split(",")):
                m = run_isolated(gid, size, args.samples)
                print(f"{gid:28} {size:5d} {m['samples_per_s']:6.2f} {m['cpu_s_per_sample']:9.3f} "
                      f"{m['cpu_ms_per_frame']:8.2f} {m['outside_encoder']:10.0%} "
                      f"{m['frames_per_sample']:6.0f} {m['mp4_kb']:7.1f} {m['png_kb']:7.1f} "
                      f"{m['peak_rss_mb']:7.1f}", flush=True)  # fmt: skip
    if args.no_memory:
        return
    print(
        f"\npeak RSS at {args.memory_size} px (MB): "
        + ("3 vs 3" if args.length_only else "10 vs 100")
        + " samples, default vs 10x video length"
    )
    print(f"{'generator':28} {'10 smp':>7} {'100 smp':>7} {'ratio':>6} {'1x len':>7} {'10x len':>7} "
          f"{'ratio':>6} {'frames 1x/10x':>14}")  # fmt: skip
    for gid in ids:
        counts = (3, 3) if args.length_only else (10, 100)
        few, many = (run_isolated(gid, args.memory_size, n) for n in counts)
        short, long = (run_isolated(gid, args.memory_size, 3, s) for s in (1.0, 10.0))
        print(f"{gid:28} {few['peak_rss_mb']:7.1f} {many['peak_rss_mb']:7.1f} "
              f"{many['peak_rss_mb'] / few['peak_rss_mb']:6.2f} {short['peak_rss_mb']:7.1f} "
              f"{long['peak_rss_mb']:7.1f} {long['peak_rss_mb'] / short['peak_rss_mb']:6.2f} "
              f"{short['frames_per_sample']:6.0f}/{long['frames_per_sample']:.0f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
