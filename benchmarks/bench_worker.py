"""Worker benchmark: one shard with 1 sample process vs all CPUs, and handler import time.

    uv run python benchmarks/bench_worker.py [GENERATOR] [--samples 40] [--image-size 1024]
                                             [--format files|tar] [--no-video]

The shard runs through the real shard runner and sinks (child processes, upload thread,
manifest) into a local folder store, so the figures include process start-up, hashing
and copying. It prints figures; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generators.registry import UnknownGenerator, lookup  # noqa: E402
from lambda_src.config import Config, available_cpus  # noqa: E402
from lambda_src.contract import parse_task  # noqa: E402
from lambda_src.shard import run_shard  # noqa: E402
from lambda_src.stores import LocalStore  # noqa: E402


def default_generator() -> str:
    try:
        return lookup("G-3_bounce")
    except UnknownGenerator:
        return "O-48_sudoku"


def shard_rate(generator: str, samples: int, params: dict, fmt: str, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-worker-") as tmp:
        store = LocalStore(Path(tmp) / "store")
        body = {"type": generator, "num_samples": samples, "seed": 1, "params": params,
                "output_format": fmt, "job_id": f"bench-{workers}"}  # fmt: skip
        task = parse_task(json.dumps(body), require_bucket=False)
        config = Config(worker_processes=workers, sample_timeout_s=600, deadline_reserve_s=0)
        t0 = time.perf_counter()
        result = run_shard(task, store, config)
        wall = time.perf_counter() - t0
        assert result.stop == task.stop_index
        return {"workers": workers, "wall_s": wall, "samples_per_s": samples / wall,
                "bytes": result.manifest.bytes, "upload_s": result.manifest.timings.upload_s}  # fmt: skip


def import_time(module: str, runs: int = 5) -> tuple[float, float]:
    """(min, median) wall seconds of `python -c "import module"` in a fresh interpreter
    (`module` empty: the bare interpreter start, for reference)."""
    times = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = f"import {module}" if module else "pass"
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def heaviest_imports(module: str, n: int = 6) -> list[tuple[int, str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                         capture_output=True, text=True, env=env, check=True).stderr  # fmt: skip
    rows = []
    for line in out.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:") :].split("|")
        depth = (len(name) - len(name.lstrip())) // 2  # indentation shows the nesting
        if depth <= 2:  # the module itself and what it imports directly
            rows.append((int(cumulative), name.strip()))
    return sorted(rows, reverse=True)[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("generator", nargs="?", default=None)
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--image-size", type=int, default=1024)
    ap.add_argument("--format", choices=("files", "tar"), default="files")
    ap.add_argument("--no-video", action="store_true")
    args = ap.parse_args()
    generator = lookup(args.generator) if args.generator else default_generator()
    params = {"image_size": args.image_size, "video": not args.no_video}
    cpus = available_cpus()
    print(f"generator {generator}, {args.samples} samples, image_size {args.image_size}, "
          f"video {'off' if args.no_video else 'on'}, format {args.format}, {cpus} CPUs")  # fmt: skip
    one = shard_rate(generator, args.samples, params, args.format, 1)
    print(f"  1 process : {one['wall_s']:7.2f} s  {one['samples_per_s']:6.2f} samples/s")
    if cpus > 1:
        many = shard_rate(generator, args.samples, params, args.format, cpus)
        print(f"  {cpus} processes: {many['wall_s']:7.2f} s  {many['samples_per_s']:6.2f} samples/s"
              f"  speed-up x{many['samples_per_s'] / one['samples_per_s']:.2f}")  # fmt: skip
    print(f"  data per shard {one['bytes'] / 1e6:.2f} MB, store time {one['upload_s']:.2f} s")
    for module in ("", "lambda_src.handler", "generators"):
        low, mid = import_time(module)
        what = f"import {module}" if module else "python -c pass"
        print(f"{what}: min {low * 1000:.0f} ms, median {mid * 1000:.0f} ms (fresh python)")
    print("lambda_src.handler and its heaviest direct imports (cumulative us):")
    for us, name in heaviest_imports("lambda_src.handler"):
        print(f"  {us:>9}  {name}")


if __name__ == "__main__":
    main()
