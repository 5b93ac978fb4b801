"""The bytes of one small sample per generator match the committed golden hashes.

A failure means the output changed: regenerate with `uv run python scripts/golden.py GEN`
only when the change is meant (a generator fix, a kit change, a reviewed dependency bump)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from generators import generator_ids

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from golden import GOLDEN, sample_hashes


def test_every_generator_has_a_golden_file():
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(generator_ids())


@pytest.mark.parametrize("gid", generator_ids())
def test_sample_bytes_match_the_golden_hashes(gid):
    want = json.loads((GOLDEN / f"{gid}.json").read_text())
    got = sample_hashes(gid)
    drifted = [f for f in want["sha256"] if got["sha256"].get(f) != want["sha256"][f]]
    assert not drifted and got["sha256"].keys() == want["sha256"].keys(), (
        f"{gid}: {', '.join(drifted) or 'file list'} changed; if meant, run "
        f"`uv run python scripts/golden.py {gid}`"
    )
