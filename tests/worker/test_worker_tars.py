"""Shard tars are WebDataset shards: `{sample_id}.{file}` members in index order with fixed
metadata, read by the real webdataset library; tars of the layout before stay readable."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile

import av
import pytest
import webdataset as wds
from PIL import Image

from lambda_src import layout, tars
from lambda_src.config import Config
from lambda_src.contract import parse_task
from lambda_src.records import FileEntry
from lambda_src.shard import run_shard
from lambda_src.stores import LocalStore

SIX = {"first_frame.png", "final_frame.png", "prompt.txt", "rubric.txt", "ground_truth.mp4",
       "metadata.json"}  # fmt: skip


def sudoku_shard(store, start=0, n=3, fmt="tar"):
    body = {"type": "O-48_sudoku", "num_samples": n, "start_index": start, "seed": 11,
            "job_id": "j", "output_format": fmt, "params": {"image_size": 64}}  # fmt: skip
    task = parse_task(json.dumps(body), require_bucket=False)
    return run_shard(task, store, Config(worker_processes=1, sample_timeout_s=120,
                                         deadline_reserve_s=0))  # fmt: skip


def test_member_names_are_webdataset_keys_and_fields():
    assert layout.tar_member("O-48_sudoku", 12, "first_frame.png") == (
        "O-48_sudoku_00000012.first_frame.png"
    )
    assert layout.split_tar_member("O-48_sudoku_00000012.first_frame.png") == (
        "O-48_sudoku_00000012", "first_frame.png")  # fmt: skip
    # the layout before: {sample_id}/{file}
    assert layout.split_tar_member("G-3_bounce_00000007/ground_truth.mp4") == (
        "G-3_bounce_00000007", "ground_truth.mp4")  # fmt: skip
    for bad in ("README.md", "O-48_sudoku_00000012", "O-48_sudoku_12.prompt.txt",
                "O-48_sudoku_00000012/a/b.txt", "../O-48_sudoku_00000012.prompt.txt"):  # fmt: skip
        with pytest.raises(layout.InvalidKey):
            layout.split_tar_member(bad)
    assert layout.tar_range("q/O-48_sudoku/O-48_sudoku_00000000-00000050.tar") == (0, 50)
    assert layout.tar_range("O-48_sudoku_00000050-00000100.tar.gz") == (50, 100)
    assert layout.tar_range("O-48_sudoku_00000050-00000100.zip") is None


def test_shard_writer_fixes_every_header_field(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"hello")

    def write(path):
        with tars.ShardWriter(path) as shard:
            entry = shard.add_file("O-1_x_00000000.a.txt", tmp_path / "a.txt")
            shard.add("O-1_x_00000000.b.json", io.BytesIO(b"{}"), 2)
        return entry

    assert write(tmp_path / "one.tar") == FileEntry(hashlib.sha256(b"hello").hexdigest(), 5)
    (tmp_path / "a.txt").touch()  # a new mtime changes nothing
    write(tmp_path / "two.tar")
    assert (tmp_path / "one.tar").read_bytes() == (tmp_path / "two.tar").read_bytes()
    with tarfile.open(tmp_path / "one.tar") as tar:
        infos = tar.getmembers()
    assert [i.name for i in infos] == ["O-1_x_00000000.a.txt", "O-1_x_00000000.b.json"]
    assert {(i.mtime, i.mode, i.uid, i.gid, i.uname, i.gname) for i in infos} == {
        (0, 0o644, 0, 0, "", "")
    }
    with tars.ShardWriter(tmp_path / "short.tar") as shard, pytest.raises(OSError):
        shard.add("O-1_x_00000000.c.txt", io.BytesIO(b"abc"), 4)  # fewer bytes than promised


def test_a_worker_shard_is_read_by_webdataset(tmp_path):
    store = LocalStore(tmp_path / "store")
    result = sudoku_shard(store, start=4, n=3)
    m = result.manifest
    assert m.tar.key == "questions/O-48_sudoku/O-48_sudoku_00000004-00000007.tar"
    path = store.root / m.tar.key
    with tarfile.open(path, mode="r:") as tar:  # a plain tar, no compression
        names = tar.getnames()
    assert names == [layout.tar_member("O-48_sudoku", s.index, f)
                     for s in m.samples for f in sorted(s.files)]  # fmt: skip

    samples = list(wds.WebDataset(str(path), shardshuffle=False))
    assert [s["__key__"] for s in samples] == [s.sample_id for s in m.samples]
    for got, entry in zip(samples, m.samples, strict=True):
        assert set(got) - {"__key__", "__url__", "__local_path__"} == SIX
        for name, f in entry.files.items():
            assert hashlib.sha256(got[name]).hexdigest() == f.sha256
        assert Image.open(io.BytesIO(got["first_frame.png"])).size == (64, 64)
        meta = json.loads(got["metadata.json"])
        with av.open(io.BytesIO(got["ground_truth.mp4"])) as video:
            frames = [f.to_ndarray(format="rgb24") for f in video.decode(video=0)]
        assert len(frames) == meta["frame_count"] and frames[0].shape == (64, 64, 3)

    again = sudoku_shard(LocalStore(tmp_path / "again"), start=4, n=3)
    assert again.manifest.tar.sha256 == m.tar.sha256  # byte-reproducible


def test_tars_of_the_layout_before_stay_readable(tmp_path):
    store = LocalStore(tmp_path / "store")
    m = sudoku_shard(store, n=2, fmt="files").manifest
    old = tmp_path / "old.tar.gz"  # members {sample_id}/{file}, gzip: as jobs wrote them
    with gzip.open(old, "wb") as gz, tarfile.open(fileobj=gz, mode="w") as tar:
        for s in m.samples:
            for name in sorted(s.files):
                tar.add(store.root / layout.sample_key("questions", "O-48_sudoku", s.index, name),
                        arcname=f"{s.sample_id}/{name}")  # fmt: skip
    read = dict(tars.iter_samples(old))
    assert list(read) == [s.sample_id for s in m.samples]
    for s in m.samples:
        assert {n: hashlib.sha256(b).hexdigest() for n, b in read[s.sample_id].items()} == {
            n: f.sha256 for n, f in s.files.items()
        }
    assert set(tars.read_sample(old, m.samples[1].sample_id, ["prompt.txt"])) == {"prompt.txt"}

    stray = tmp_path / "stray.tar"
    with tars.ShardWriter(stray) as shard:
        shard.add("notes.txt", io.BytesIO(b"x"), 1)
    with pytest.raises(tars.TarLayoutError, match=r"notes\.txt"):
        list(tars.iter_samples(stray))
