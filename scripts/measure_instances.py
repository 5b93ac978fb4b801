"""Measure how many distinct puzzles each generator makes at its defaults, by the birthday
method: draw puzzles at random (seed, index) pairs and count repeats of their param_hash.
The result goes to generators/measured/{generator}.json under "instances"; each generator
declares `instances` no larger than what was measured (tests/test_catalog_quality.py).

    uv run python scripts/measure_instances.py               # every generator, 4000 draws
    uv run python scripts/measure_instances.py sudoku --draws 20000

With r repeats among n draws the space holds about n^2 / 2r puzzles (solved exactly from
the expected number of distinct values); with none, it holds more than n^2 / 6 (with 95%
confidence: fewer than 3 repeats would be expected).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np

from generators import generator_ids, get_spec, lookup, param_hash
from generators.kit.rng import MAX_SEED, sample_rng
from generators.sample import normalize

MEASURED = Path(__file__).resolve().parent.parent / "generators" / "measured"


def estimate(draws: int, distinct: int) -> tuple[float, str]:
    """(instances, "estimate" | "lower bound") from `distinct` values among `draws`."""
    if distinct == draws:
        return draws * draws / 6, "lower bound"
    lo, hi = float(distinct), float(distinct) * 1e9
    for _ in range(200):  # solve N (1 - (1 - 1/N)^n) = distinct by bisection
        mid = math.sqrt(lo * hi)
        if mid * -math.expm1(draws * math.log1p(-1 / mid)) < distinct:
            lo = mid
        else:
            hi = mid
    return lo, "estimate"


def measure(gid: str, draws: int) -> dict:
    spec = get_spec(gid)
    task = spec.task_class()
    params = spec.resolve_params({})
    pick = np.random.default_rng(20261206)
    hashes = set()
    for _ in range(draws):
        seed, index = int(pick.integers(MAX_SEED)), int(pick.integers(2**31))
        hashes.add(param_hash(spec.id, normalize(task.generate(sample_rng(seed, index), params))))
    value, kind = estimate(draws, len(hashes))
    return {"draws": draws, "distinct": len(hashes), "instances": int(value), "kind": kind}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("generators", nargs="*")
    ap.add_argument("--draws", type=int, default=4000)
    args = ap.parse_args()
    MEASURED.mkdir(exist_ok=True)
    for gid in [lookup(g) for g in args.generators] or generator_ids():
        path = MEASURED / f"{gid}.json"
        data = json.loads(path.read_text()) if path.exists() else {}
        data["instances"] = measure(gid, args.draws)
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
        print(f"{gid:34} {data['instances']['kind']:12} {data['instances']['instances']:>14,}",
              flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
