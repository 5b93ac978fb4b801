"""Generator cost: CPU per sample and per frame, encoder share, repeated frames, bytes, RSS,
and the cost of validating what was made; optionally against a baseline git revision.

    uv run python benchmarks/bench_generators.py                           # every generator
    uv run python benchmarks/bench_generators.py sudoku G-bounce --samples 10
    uv run python benchmarks/bench_generators.py --baseline fe8fabf --rounds 3 --samples 3
    uv run python benchmarks/bench_generators.py --memory-only G-bounce
    uv run python benchmarks/bench_generators.py --write-figures          # the plan's model

Each measurement runs in a fresh process (peak RSS is that configuration's own). With
`--baseline REV` the revision is checked out into a temporary worktree and the two trees
are measured alternately, round after round, so load on a shared machine hits both alike;
figures are medians over rounds and ratios are current / baseline. "outside enc" is the
share of CPU spent drawing, writing PNGs and bookkeeping; the rest converts and encodes
video (an encoder child process's CPU counts for revisions that used one). "repeat" is the
share of video frames equal to the one before. "validate" is the CPU of validating each
sample (`vmwheel generate` does both) as a share of generating it.

`--write-figures` measures each generator at 1024 and 512 px and stores its CPU and bytes
per sample under "cost" in generators/measured/{generator}.json: the job plan's cost model
(tui/backends/pricing.py) reads them. The comparison table's "plan" column is what the
model predicts for the measured configuration, as a ratio to the measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURED = ROOT / "generators" / "measured"


def measure(gid: str, size: int, samples: int, scale: float, validate: bool) -> dict:
    """Runs in a child process: generate (and validate) samples and report the figures."""
    from generators import build_sample
    from generators.kit import video

    totals = getattr(getattr(video, "VideoWriter", None), "totals", None)
    params = {"image_size": size, "video_scale": scale}
    check_cpu = 0.0
    with tempfile.TemporaryDirectory() as out:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        frames = mp4 = png = text = 0
        for i in range(samples):
            r = build_sample(gid, 1, i, params, Path(out))
            frames += r.frame_count
            sizes = {f: (r.folder / f).stat().st_size for f in r.files}
            mp4 += sizes.get("ground_truth.mp4", 0)
            png += sizes["first_frame.png"] + sizes["final_frame.png"]
            text += sum(sizes.values()) - sizes.get("ground_truth.mp4", 0)
        wall, own = time.perf_counter() - wall0, time.process_time() - cpu0
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        child = kids.ru_utime + kids.ru_stime
        if validate:
            from generators import validate_sample

            c0 = time.process_time()
            for i in range(samples):
                problems = validate_sample(Path(out) / f"{gid}_{i:08d}")
                assert not problems, problems
            kids = resource.getrusage(resource.RUSAGE_CHILDREN)
            check_cpu = time.process_time() - c0 + kids.ru_utime + kids.ru_stime - child
    total = own + child
    encoder = child + (totals["cpu_s"] if totals else 0.0)
    return {"generator": gid, "size": size, "samples": samples, "scale": scale,
            "samples_per_s": samples / wall, "cpu_s_per_sample": total / samples,
            "cpu_ms_per_frame": 1000 * total / max(frames, 1),
            "outside_encoder": 1 - encoder / total,
            "repeated": 1 - totals["distinct"] / totals["frames"] if totals and totals["frames"] else None,
            "validate_share": check_cpu / total if validate else None,
            "frames_per_sample": frames / samples, "mp4_bytes": mp4 / samples,
            "png_bytes": png / samples, "sample_bytes": (mp4 + text) / samples,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}  # fmt: skip


def run_isolated(tree: Path, gid: str, size: int, samples: int, scale: float = 1.0,
                 validate: bool = False) -> dict:  # fmt: skip
    """Measure in a fresh process importing the generators of `tree`."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", gid, str(size), str(samples),
           str(scale), str(int(validate))]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=tree, env=env)
    return json.loads(out.stdout)


class Baseline:
    """A git revision checked out beside the working tree for the length of the run."""

    def __init__(self, rev: str):
        self.rev = rev
        self.path = Path(tempfile.mkdtemp(prefix="bench-baseline-"))
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(self.path), rev],
                       cwd=ROOT, check=True)  # fmt: skip

    def close(self) -> None:
        subprocess.run(["git", "worktree", "remove", "--force", str(self.path)], cwd=ROOT,
                       check=False)  # fmt: skip


def compare(ids, size, samples, rounds, validate, baseline: Baseline | None) -> None:
    trees = [("current", ROOT)] + ([(f"base {baseline.rev}", baseline.path)] if baseline else [])
    print(f"{'generator':30} {'tree':>14} {'CPU s/smp':>9} {'ms/frame':>8} {'outside enc':>11} "
          f"{'repeat':>6} {'validate':>8} {'KB/smp':>7} {'plan':>5} {'ratio':>6}")  # fmt: skip
    means: dict[str, list[float]] = {name: [] for name, _ in trees}
    for gid in ids:
        runs: dict[str, list[dict]] = {name: [] for name, _ in trees}
        for r in range(rounds):
            order = trees if r % 2 == 0 else trees[::-1]  # alternate which tree goes first
            for name, tree in order:
                runs[name].append(run_isolated(tree, gid, size, samples, 1.0, validate))
        current_cpu = None
        for name, _ in trees:
            m = _median_figures(runs[name])
            means[name].append(m["cpu_s_per_sample"])
            current_cpu = current_cpu or m["cpu_s_per_sample"]
            ratio = f"{current_cpu / m['cpu_s_per_sample']:6.2f}" if name != "current" else ""
            rep = "" if m["repeated"] is None else f"{m['repeated']:.0%}"
            val = "" if m["validate_share"] is None else f"{m['validate_share']:.0%}"
            plan = (
                f"{_planned_cpu(gid, size) / m['cpu_s_per_sample']:5.2f}"
                if name == "current"
                else ""
            )
            print(f"{gid:30} {name:>14} {m['cpu_s_per_sample']:9.3f} {m['cpu_ms_per_frame']:8.2f} "
                  f"{m['outside_encoder']:10.0%} {rep:>6} {val:>8} "
                  f"{m['sample_bytes'] / 1024:7.1f} {plan:>5} {ratio:>6}", flush=True)  # fmt: skip
    print()
    for name, values in means.items():
        print(f"catalog mean ({name}): {statistics.mean(values):.3f} CPU s/sample at {size} px")
    if baseline:
        ratios = [a / b for a, b in zip(*means.values())]
        print(f"median ratio current/baseline: {statistics.median(ratios):.2f}; "
              f"ratio of means: {statistics.mean(means['current']) / statistics.mean(list(means.values())[1]):.2f}")  # fmt: skip


def _planned_cpu(gid: str, size: int) -> float:
    """CPU seconds per sample the job plan's cost model expects."""
    from tui.backends.pricing import sample_model

    return sample_model(gid, {"image_size": size}).cpu_s


def _median_figures(runs: list[dict]) -> dict:
    keys = ["cpu_s_per_sample", "cpu_ms_per_frame", "outside_encoder", "sample_bytes"]
    out = {k: statistics.median(r[k] for r in runs) for k in keys}
    for k in ("repeated", "validate_share"):
        values = [r[k] for r in runs if r[k] is not None]
        out[k] = statistics.median(values) if values else None
    return out


def write_figures(ids, samples: int) -> None:
    """Measure each generator at 1024 and 512 px and store the figures for the cost model."""
    for gid in ids:
        big, small = (run_isolated(ROOT, gid, size, samples) for size in (1024, 512))
        cost = {
            "cpu_s_1024": round(big["cpu_s_per_sample"], 3),
            "cpu_s_512": round(small["cpu_s_per_sample"], 3),
            "outside_encoder": round(big["outside_encoder"], 3),
            "frames": round(big["frames_per_sample"], 1),
            "video_bytes_1024": round(big["mp4_bytes"]),
            "video_bytes_512": round(small["mp4_bytes"]),
            "png_bytes_1024": round(big["png_bytes"]),
            "png_bytes_512": round(small["png_bytes"]),
            "text_bytes": round(big["sample_bytes"] - big["mp4_bytes"] - big["png_bytes"]),
        }
        path = MEASURED / f"{gid}.json"
        data = json.loads(path.read_text()) if path.exists() else {}
        data["cost"] = cost
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
        print(gid, cost, flush=True)


def memory(ids, size: int, length_only: bool) -> None:
    print(f"\npeak RSS at {size} px (MB): " + ("3 vs 3" if length_only else "10 vs 100")
          + " samples, default vs 10x video length")  # fmt: skip
    print(f"{'generator':28} {'few':>7} {'many':>7} {'ratio':>6} {'1x len':>7} {'10x len':>7} "
          f"{'ratio':>6} {'frames 1x/10x':>14}")  # fmt: skip
    for gid in ids:
        counts = (3, 3) if length_only else (10, 100)
        few, many = (run_isolated(ROOT, gid, size, n) for n in counts)
        short, long = (run_isolated(ROOT, gid, size, 3, s) for s in (1.0, 10.0))
        print(f"{gid:28} {few['peak_rss_mb']:7.1f} {many['peak_rss_mb']:7.1f} "
              f"{many['peak_rss_mb'] / few['peak_rss_mb']:6.2f} {short['peak_rss_mb']:7.1f} "
              f"{long['peak_rss_mb']:7.1f} {long['peak_rss_mb'] / short['peak_rss_mb']:6.2f} "
              f"{short['frames_per_sample']:6.0f}/{long['frames_per_sample']:.0f}", flush=True)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("generators", nargs="*", help="names (default: all)")
    ap.add_argument("--samples", type=int, default=5)
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--baseline", metavar="REV", help="a git revision to compare with")
    ap.add_argument("--validate", action="store_true", help="also time validating the samples")
    ap.add_argument("--memory-only", action="store_true")
    ap.add_argument("--memory", action="store_true", help="also measure peak RSS")
    ap.add_argument("--memory-size", type=int, default=512)
    ap.add_argument("--length-only", action="store_true", help="memory: 1x vs 10x length only")
    ap.add_argument("--write-figures", action="store_true")
    ap.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        gid, size, samples, scale, validate = args.child
        print(json.dumps(measure(gid, int(size), int(samples), float(scale), validate == "1")))
        return

    sys.path.insert(0, str(ROOT))
    from generators import generator_ids, lookup

    ids = [lookup(g) for g in args.generators] or generator_ids()
    if args.write_figures:
        write_figures(ids, args.samples)
        return
    if not args.memory_only:
        baseline = Baseline(args.baseline) if args.baseline else None
        try:
            compare(ids, args.size, args.samples, args.rounds, args.validate, baseline)
        finally:
            if baseline:
                baseline.close()
    if args.memory or args.memory_only:
        memory(ids, args.memory_size, args.length_only)


if __name__ == "__main__":
    main()
