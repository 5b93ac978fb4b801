"""`vmwheel sync` turns a tar job into the same sample folders as a files job: each shard's
tar downloaded, checked and unpacked (kept with --keep-tar); tars of the layout before
unpack too, and a damaged tar is refused by name."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generators import validate_sample
from lambda_src import layout
from tui.backends.jobs import JobSummary
from tui.screens.results import fetch_sample

from .local_jobs import manifests, run_job, to_old_layout

SIX = ["final_frame.png", "first_frame.png", "ground_truth.mp4", "metadata.json", "prompt.txt",
       "rubric.txt"]  # fmt: skip


@pytest.fixture(scope="module")
def jobs(tmp_path_factory):
    """A tar job, and the same samples as a files job in another prefix."""
    root = tmp_path_factory.mktemp("store")
    tar = run_job(root, ["O-48_sudoku"], 5, seed=4, batch_size=2)
    files = run_job(root, ["O-48_sudoku"], 5, seed=4, batch_size=2, fmt="files", prefix="flat")
    return root, tar, files


def everything(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def samples_only(folder: Path) -> dict[str, str]:
    return {k: v for k, v in everything(folder).items() if not k.startswith("_")}


def test_a_tar_job_syncs_to_the_sample_folders_of_a_files_job(cli, jobs, tmp_path):
    root, tar_job, files_job = jobs
    r = cli("--store", root, "sync", tar_job, tmp_path / "t", "--json")
    assert r.code == 0, r.err
    got = r.json()
    assert (got["files"], got["downloaded"], got["skipped"], got["tars"]) == (30, 30, 0, 3)
    assert not got["failed"]
    assert cli("--store", root, "sync", files_job, tmp_path / "f", "--json").code == 0
    assert samples_only(tmp_path / "t") == samples_only(tmp_path / "f")  # hidden files too
    assert sorted(samples_only(tmp_path / "t")) == [
        f"O-48_sudoku/O-48_sudoku_{i:08d}/{name}" for i in range(5) for name in SIX
    ]
    folder = tmp_path / "t" / "O-48_sudoku" / "O-48_sudoku_00000003"
    assert validate_sample(folder) == []

    again = cli("--store", root, "sync", tar_job, tmp_path / "t", "--json").json()
    assert (again["downloaded"], again["skipped"], again["bytes"], again["tars"]) == (0, 30, 0, 0)
    (folder / "prompt.txt").write_text("tampered\n")
    (folder / "rubric.txt").unlink()
    again = cli("--store", root, "sync", tar_job, tmp_path / "t", "--json").json()
    assert (again["downloaded"], again["skipped"], again["tars"]) == (2, 28, 1)
    assert validate_sample(folder) == []


def test_keep_tar_keeps_each_shard_beside_its_samples(cli, jobs, tmp_path):
    root, tar_job, _ = jobs
    dest = tmp_path / "k"
    assert cli("--store", root, "sync", tar_job, dest, "--keep-tar", "--json").code == 0
    kept = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*.tar"))
    listed = sorted(m.tar.key.removeprefix("questions/") for m in manifests(root, tar_job).values())
    assert kept == listed and len(kept) == 3
    for m in manifests(root, tar_job).values():
        assert hashlib.sha256((root / m.tar.key).read_bytes()).hexdigest() == m.tar.sha256
    # a lost sample file comes back from the kept tar without fetching anything
    (dest / "O-48_sudoku" / "O-48_sudoku_00000000" / "ground_truth.mp4").unlink()
    again = cli("--store", root, "sync", tar_job, dest, "--keep-tar", "--json").json()
    assert (again["downloaded"], again["bytes"], again["tars"]) == (1, 0, 0)


def test_tars_of_the_layout_before_sync_and_preview(cli, tmp_path, monkeypatch):
    root = tmp_path / "store"
    job = run_job(root, ["O-48_sudoku"], 3, seed=9, batch_size=2, fmt="files")
    fresh = tmp_path / "fresh"
    assert cli("--store", root, "sync", job, fresh).code == 0
    to_old_layout(root, job)
    assert sorted(p.name for p in (root / "questions" / "O-48_sudoku").iterdir()) == [
        "O-48_sudoku_00000000-00000002.tar.gz", "O-48_sudoku_00000002-00000003.tar.gz"]  # fmt: skip
    old = tmp_path / "old"
    r = cli("--store", root, "sync", job, old, "--json")
    assert r.code == 0, r.err
    assert r.json()["tars"] == 2 and samples_only(old) == samples_only(fresh)

    monkeypatch.setenv("VMWHEEL_CACHE", str(tmp_path / "cache"))
    from lambda_src.stores import LocalStore

    summary = JobSummary(job, "questions", "", 9, "tar", ["O-48_sudoku"], 3, 2)
    folder = fetch_sample(LocalStore(root), summary, "O-48_sudoku", 2, (2, 3))
    assert (folder / "prompt.txt").read_bytes() == (
        fresh / "O-48_sudoku" / "O-48_sudoku_00000002" / "prompt.txt"
    ).read_bytes()


def test_a_damaged_tar_is_refused_by_name(cli, tmp_path):
    root = tmp_path / "store"
    job = run_job(root, ["O-48_sudoku"], 4, seed=2, batch_size=2)
    key = layout.tar_key("questions", "O-48_sudoku", 2, 4)
    data = bytearray((root / key).read_bytes())
    data[2000] ^= 0xFF  # inside the first member's bytes
    (root / key).write_bytes(bytes(data))
    dest = tmp_path / "d"
    r = cli("--store", root, "sync", job, dest)
    error = r.err.splitlines()[-1]
    assert r.code == 2 and error.startswith("vmwheel: error: 1 downloads failed")
    assert f"{key}: downloaded tar does not match its manifest" in error
    assert sorted(p.name for p in (dest / "O-48_sudoku").iterdir()) == [
        "O-48_sudoku_00000000", "O-48_sudoku_00000001"]  # fmt: skip
    assert not [p for p in dest.rglob("*") if p.name.startswith(".")]  # no temp files left
