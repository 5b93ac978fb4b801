"""Storage layout keys, records, the folder store and the ledger (no network)."""

from __future__ import annotations

import pytest

from lambda_src import layout
from lambda_src.layout import InvalidKey, Range
from lambda_src.ledger import (
    build_ledger,
    load_ledger,
    merge_ranges,
    split_range,
    subtract_ranges,
)
from lambda_src.records import (
    FailureRecord,
    FileEntry,
    GeneratorPlan,
    JobRecord,
    Manifest,
    RecordError,
    SampleEntry,
    TarEntry,
)
from lambda_src.stores import LocalStore, NotFound, S3Store, open_store


def test_keys_follow_the_layout():
    g = "O-48_sudoku"
    assert layout.sample_key("questions", g, 7, "prompt.txt") == (
        "questions/O-48_sudoku/O-48_sudoku_00000007/prompt.txt"
    )
    assert layout.tar_key("questions", g, 0, 50) == (
        "questions/O-48_sudoku/O-48_sudoku_00000000-00000050.tar"
    )
    assert layout.job_key("a/b/", "j1") == "a/b/_jobs/j1.json"
    assert layout.manifest_key("q", "j1", g, 50, 100) == (
        "q/_manifests/j1/O-48_sudoku/00000050-00000100.json"
    )
    assert layout.failure_key("q", "j1", g, 0, 50, 2) == (
        "q/_failures/j1/O-48_sudoku/00000000-00000050/2.json"
    )
    assert layout.tar_member(g, 3, "metadata.json") == "O-48_sudoku_00000003.metadata.json"


def test_keys_parse_back():
    key = layout.manifest_key("x/y", "j-1", "G-3_bounce", 5, 9)
    assert layout.parse_manifest_key(key) == ("x/y", "j-1", "G-3_bounce", Range(5, 9))
    key = layout.failure_key("x", "j", layout.UNKNOWN_GENERATOR, 0, 1, 3)
    assert layout.parse_failure_key(key).attempt == 3
    with pytest.raises(InvalidKey):
        layout.parse_manifest_key("x/_manifests/j/O-48_sudoku/0-5.json")


@pytest.mark.parametrize(
    "prefix", ["", "/abs", "a/../b", "..", "a//b", "a/./b", "a\\b", "_jobs", "a/_x", "a b", 7]
)
def test_bad_prefixes_are_rejected(prefix):
    with pytest.raises(InvalidKey):
        layout.validate_prefix(prefix)


@pytest.mark.parametrize("key", ["", "/a", "a/../b", "a//b", "a\\b", "a/\x00", "a/."])
def test_bad_keys_are_rejected(key):
    with pytest.raises(InvalidKey):
        layout.validate_key(key)


def test_bad_parts_are_rejected():
    with pytest.raises(InvalidKey):
        layout.manifest_key("q", "../j", "O-48_sudoku", 0, 1)
    with pytest.raises(InvalidKey):
        layout.manifest_key("q", "j", "sudoku", 0, 1)
    with pytest.raises(InvalidKey):
        layout.tar_key("q", "O-48_sudoku", 5, 5)
    with pytest.raises(InvalidKey):
        layout.failure_key("q", "j", "O-48_sudoku", 0, 1, 0)


def _manifest(start, stop, hashes=None, gen="O-48_sudoku"):
    samples = [
        SampleEntry(layout.sample_id(gen, i), i, (hashes or {}).get(i, f"h{i}"),
                    {"prompt.txt": FileEntry("ab" * 32, 10)})
        for i in range(start, stop)
    ]  # fmt: skip
    return Manifest("j", gen, start, stop, 1, {"image_size": 128}, "files", "0.1.0", 1, samples,
                    bytes=10 * (stop - start))  # fmt: skip


def test_records_round_trip():
    job = JobRecord("j", 5, {"O-48_sudoku": GeneratorPlan(100, 0, 50, {"givens": 30})},
                    "tar", "b", "q", "0.1.0", 2)  # fmt: skip
    assert JobRecord.from_json(job.to_json()) == job
    assert job.created.endswith("Z")
    m = _manifest(0, 3)
    m.tar = TarEntry("q/x.tar.gz", "cd" * 32, 99)
    assert Manifest.from_json(m.to_json()) == m
    f = FailureRecord("j", "O-48_sudoku", 0, 3, 2, False, "SampleTimeout", "boom", "tb", "out",
                      "{}")  # fmt: skip
    assert FailureRecord.from_json(f.to_json()) == f
    assert m.covers(1, {"image_size": 128}, "files")
    assert not m.covers(2, {"image_size": 128}, "files")
    with pytest.raises(RecordError):
        Manifest.from_json(b"[]")
    with pytest.raises(RecordError):
        JobRecord.from_dict({"job_id": "j", "seed": "1", "generators": {}})


def test_range_arithmetic():
    assert merge_ranges([(5, 7), (0, 3), (3, 4), (6, 9)]) == [(0, 4), (5, 9)]
    assert subtract_ranges([(0, 10)], [(2, 3), (5, 12)]) == [(0, 2), (3, 5)]
    assert split_range(3, 12, 5) == [(3, 5), (5, 10), (10, 12)]


def test_folder_store(tmp_path):
    store = open_store(tmp_path / "data")
    assert isinstance(store, LocalStore)
    store.put_bytes("q/a/b.json", b"{}")
    store.put_bytes("q/a/c.txt", b"x")
    src = tmp_path / "f.bin"
    src.write_bytes(b"123")
    store.put_file("q/z/f.bin", src)
    assert list(store.list_keys("q/a/")) == ["q/a/b.json", "q/a/c.txt"]
    assert list(store.list_keys("q/a/b")) == ["q/a/b.json"]
    assert list(store.list_keys("nope/")) == []
    assert store.get_bytes("q/z/f.bin") == b"123"
    assert store.exists("q/a/c.txt") and not store.exists("q/a/d")
    store.delete("q/a/c.txt")
    store.delete("q/a/c.txt")
    with pytest.raises(NotFound):
        store.get_bytes("q/a/c.txt")
    with pytest.raises(InvalidKey):
        store.put_bytes("../escape", b"")
    assert isinstance(open_store("s3://bkt"), S3Store)
    assert isinstance(open_store(f"file://{tmp_path}"), LocalStore)


def test_ledger_from_records(tmp_path):
    job = JobRecord("j", 1, {"O-48_sudoku": GeneratorPlan(100, 0, 25, {})})
    fail = FailureRecord("j", "O-48_sudoku", 50, 75, 3, False, "SampleTimeout", "slow")
    old = FailureRecord("j", "O-48_sudoku", 0, 25, 1, False, "StoreError", "s3 down")
    ledger = build_ledger(
        "j",
        job,
        [("k1", _manifest(0, 25, {3: "dup", 9: "dup"})), ("k2", _manifest(25, 40))],
        [("f1", fail), ("f0", old)],
    )
    g = ledger.generators["O-48_sudoku"]
    assert g.present == [(0, 40)]
    assert g.missing == [(40, 100)]
    assert g.missing_shards() == [(40, 50), (50, 75), (75, 100)]
    assert [f.range for f in g.failed] == [(50, 75)]  # 0-25 succeeded since
    assert g.failed[0].attempts == 1 and g.failed[0].error == "slow"
    assert g.duplicates == {"dup": ["O-48_sudoku_00000003", "O-48_sudoku_00000009"]}
    assert g.samples == 40 and not ledger.complete
    assert ledger.to_dict()["generators"]["O-48_sudoku"]["missing"] == [[40, 100]]

    store = LocalStore(tmp_path)
    store.put_bytes(layout.job_key("questions", "j"), job.to_json())
    for m in (_manifest(0, 50), _manifest(50, 100)):
        key = layout.manifest_key("questions", "j", m.generator, m.start_index, m.stop_index)
        store.put_bytes(key, m.to_json())
    store.put_bytes(layout.failure_key("questions", "j", "O-48_sudoku", 0, 50, 1), b"garbage")
    loaded = load_ledger(store, "j")
    assert loaded.complete and loaded.generators["O-48_sudoku"].samples == 100
    assert len(loaded.problems) == 1
