"""Split assignment and shard cutting of `vmwheel export`, without any job: a puzzle's split
depends on its param_hash alone, the shares are kept, and shards stay under their size."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lambda_src.records import FileEntry
from tui.backends.errors import InvalidRequest
from tui.backends.export import PlannedSample, cut_shards, parse_splits, split_of

SPLITS = {"train": 0.98, "val": 0.01, "test": 0.01}


def test_parse_splits_keeps_the_order_and_refuses_nonsense():
    assert list(parse_splits("train=0.98,val=0.01,test=0.01")) == ["train", "val", "test"]
    assert parse_splits("train=1") == {"train": 1.0}
    for bad, says in (("train=0.5,test=0.4", "add up to 1"), ("train", "name=fraction"),
                      ("Train=1", "name=fraction"), ("train=x", "not a number"),
                      ("train=0.5,train=0.5", "each split once"), ("a=0,b=1", "(0, 1]")):  # fmt: skip
        with pytest.raises(InvalidRequest) as e:
            parse_splits(bad)
        assert says in str(e.value), bad


@given(st.text(alphabet="0123456789abcdef", min_size=16, max_size=16))
def test_a_puzzle_always_lands_in_the_same_split(param_hash):
    first = split_of(param_hash, SPLITS)
    assert first in SPLITS and split_of(param_hash, dict(SPLITS)) == first


def test_the_shares_are_kept():
    hashes = [f"{i:016x}" for i in range(20_000)]
    counts = Counter(split_of(h, {"train": 0.8, "val": 0.1, "test": 0.1}) for h in hashes)
    assert abs(counts["train"] / 20_000 - 0.8) < 0.015
    assert abs(counts["val"] / 20_000 - 0.1) < 0.01 and abs(counts["test"] / 20_000 - 0.1) < 0.01


def sample(generator: str, index: int, split: str, size: int) -> PlannedSample:
    return PlannedSample(generator, index, f"{generator}_{index:08d}", f"{index:016x}",
                         {"ground_truth.mp4": FileEntry("0" * 64, size)}, split, "")  # fmt: skip


def test_shards_are_cut_per_generator_and_split_under_the_limit():
    samples = [sample(g, i, "train" if i % 4 else "test", 300_000)
               for g in ("G-3_bounce", "O-48_sudoku") for i in range(20)]  # fmt: skip
    shards = cut_shards(samples, 1_000_000)
    paths = [s.path for s in shards]
    assert paths[:3] == ["shards/G-3_bounce/test-00000.tar", "shards/G-3_bounce/train-00000.tar",
                         "shards/G-3_bounce/train-00001.tar"]  # fmt: skip
    assert len(set(paths)) == len(paths) and "shards/O-48_sudoku/train-00004.tar" in paths
    assert all(s.bytes_estimate <= 1_000_000 for s in shards)
    assert sum(len(s.samples) for s in shards) == 40
    for s in shards:
        assert {x.split for x in s.samples} == {s.split} and all(x.shard == s.path
                                                                  for x in s.samples)  # fmt: skip
        indices = [x.index for x in s.samples]
        assert indices == sorted(indices)
    big = cut_shards([sample("G-3_bounce", 0, "train", 5_000_000)], 1_000_000)
    assert len(big) == 1  # a sample larger than the limit gets a shard of its own
