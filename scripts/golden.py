"""Golden hashes: the sha256 of every file of one small sample per generator, committed in
tests/golden/{generator}.json. tests/test_golden.py regenerates them and fails on any drift,
so a change of output bytes (a dependency bump, a kit change) is deliberate and reviewed.

    uv run python scripts/golden.py              # rewrite every generator's file
    uv run python scripts/golden.py sudoku       # rewrite one
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

from generators import build_sample, generator_ids, lookup

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
SEED, INDEX = 20261206, 3
PARAMS = {"image_size": 128}


def sample_hashes(gid: str) -> dict:
    """What the golden file of a generator holds: how the sample was made and its hashes."""
    with tempfile.TemporaryDirectory() as out:
        r = build_sample(gid, SEED, INDEX, PARAMS, Path(out))
        files = {f: hashlib.sha256((r.folder / f).read_bytes()).hexdigest() for f in r.files}
    return {"generator": gid, "seed": SEED, "index": INDEX, "params": PARAMS, "sha256": files}


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for gid in [lookup(g) for g in sys.argv[1:]] or generator_ids():
        (GOLDEN / f"{gid}.json").write_text(json.dumps(sample_hashes(gid), indent=1) + "\n")
        print(gid)


if __name__ == "__main__":
    main()
