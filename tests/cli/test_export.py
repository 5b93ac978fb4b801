"""`vmwheel export`: jobs made by the real local stack, exported and loaded back with the
libraries researchers use (datasets, webdataset, PyAV, mlcroissant), offline."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"  # read when the libraries are imported: nothing but
os.environ["HF_DATASETS_OFFLINE"] = "1"  # local files, ever

import av
import boto3
import datasets
import mlcroissant
import pyarrow.parquet as pq
import pytest
import webdataset as wds
import yaml
from PIL import Image

from lambda_src import layout
from lambda_src.stores import LocalStore
from tui.backends.config import resolve
from tui.backends.jobs import plan_job, submit, wait_complete
from tui.context import ConsoleContext

from .conftest import FAKE_GENERATORS

pytestmark = [  # inside mlcroissant's own dependencies
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The inplace keyword"),
]
GENS = ["O-48_sudoku", "G-3_bounce"]
SIX = {"first_frame.png", "final_frame.png", "prompt.txt", "rubric.txt", "ground_truth.mp4",
       "metadata.json"}  # fmt: skip
COLUMNS = {"id", "generator", "sample_id", "index", "seed", "difficulty", "param_hash", "prompt",
           "rubric", "metadata_json", "shard", "members", "frames", "fps", "width", "height",
           *(f"{f.split('.')[0]}_{x}" for f in SIX for x in ("sha256", "size"))}  # fmt: skip
KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "us-east-1"}  # fmt: skip


@pytest.fixture(scope="module")
def jobs(stack):
    """Made by the stack's workers: A (tar), the same samples as files (F), an evaluation
    job B sharing indices 3-5 with A, and a job of a generator with 3 possible puzzles."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("GENERATORS_PATH", str(FAKE_GENERATORS))  # O-904_few
        return make_jobs(stack)


def make_jobs(stack) -> dict[str, str]:
    config = resolve({"store": str(stack.store)}, env={})
    ctx = ConsoleContext(config)
    small = ["image_size=64"]
    plans = {
        "A": plan_job(GENS, 6, batch_size=3, seed=21, params=small),
        "F": plan_job(GENS, 6, batch_size=3, seed=21, params=small, output_format="files",
                      output_prefix="flat"),
        "B": plan_job(GENS, 6, batch_size=3, seed=21, params=small, start_index=3,
                      output_prefix="evalset"),
        "few": plan_job(["O-904_few"], 12, batch_size=4, seed=1, params=small,
                        output_prefix="few"),
    }  # fmt: skip
    for plan in plans.values():
        submit(ctx.aws, config, ctx.store(), plan)
    for plan in plans.values():
        assert wait_complete(ctx.store(), plan.job_id, timeout=600).complete, stack.log()
    return {name: plan.job_id for name, plan in plans.items()}


def export(cli, stack, job, out, *args, env=None):
    r = cli("--store", stack.store, "export", job, out, "--json", *args, env=env)
    assert r.code == 0, r.err
    return r.json()


def index_of(out: Path) -> list[dict]:
    return pq.read_table(out / "data" / "metadata.parquet").to_pylist()


def front_matter(out: Path) -> dict:
    text = (out / "README.md").read_text()
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def hashes_of(store: Path, job: str, prefix: str) -> set[str]:
    s = LocalStore(store)
    from lambda_src.records import Manifest

    return {sample.param_hash for k in s.list_keys(layout.manifests_prefix(prefix, job))
            for sample in Manifest.from_json(s.get_bytes(k)).samples}  # fmt: skip


def test_an_export_loads_back_with_the_real_libraries(cli, stack, jobs, tmp_path):
    out = tmp_path / "dataset"
    summary = export(cli, stack, jobs["A"], out, "--split", "train=0.5,val=0.25,test=0.25",
                     "--license", "cc-by-4.0")  # fmt: skip
    assert summary["samples"] == 12 and sum(summary["splits"].values()) == 12
    cache = str(tmp_path / "hf")

    index = datasets.load_dataset("parquet", data_files=str(out / "data" / "metadata.parquet"),
                                  split="train", cache_dir=cache)  # fmt: skip
    assert index.num_rows == 12 and set(index.column_names) >= COLUMNS
    rows = {r["id"]: r for r in index}
    assert sorted(rows) == sorted(f"{g}_{i:08d}" for g in GENS for i in range(6))
    for r in rows.values():
        meta = json.loads(r["metadata_json"])
        assert (r["seed"], r["param_hash"], r["frames"], r["width"]) == (
            21, meta["param_hash"], meta["frame_count"], 64)  # fmt: skip
        assert r["prompt"] and r["rubric"] and r["shard"].startswith(f"shards/{r['generator']}/")

    card = front_matter(out)
    assert card["license"] == "cc-by-4.0" and card["size_categories"] == ["n<1K"]
    assert {"task_categories", "tags", "pretty_name"} <= set(card)
    for config in card["configs"]:
        loaded = datasets.load_dataset(str(out), config["config_name"], cache_dir=cache)
        assert set(loaded) == {f["split"] for f in config["data_files"]}
        for split, part in loaded.items():
            assert all(rows[r["id"]]["split"] == split for r in part)
        expected = 12 if config["config_name"] == "default" else 6
        assert sum(part.num_rows for part in loaded.values()) == expected
    assert {c["config_name"] for c in card["configs"]} == {"default", *GENS}

    shards = sorted(str(p) for p in out.glob("shards/*/*.tar"))
    seen = set()
    for sample in wds.WebDataset(shards, shardshuffle=False):
        row = rows[sample["__key__"]]
        assert set(sample) >= SIX and sample["__url__"].endswith(row["shard"])
        assert Image.open(io.BytesIO(sample["final_frame.png"])).size == (64, 64)
        with av.open(io.BytesIO(sample["ground_truth.mp4"])) as video:
            frames = sum(1 for _ in video.decode(video=0))
        assert frames == row["frames"]
        assert hashlib.sha256(sample["prompt.txt"]).hexdigest() == row["prompt_sha256"]
        seen.add(sample["__key__"])
    assert seen == set(rows)

    described = mlcroissant.Dataset(jsonld=out / "croissant.json")
    assert not described.metadata.ctx.issues.errors
    assert not described.metadata.ctx.issues.warnings
    records = list(described.records(record_set="samples"))
    assert len(records) == 12
    for gid in GENS:
        for which in ("first", "final"):
            assert Image.open(out / "gallery" / f"{gid}.{which}.png").size[0] <= 192


def test_files_and_tar_jobs_export_the_same_shards(cli, stack, jobs, tmp_path):
    a = export(cli, stack, jobs["A"], tmp_path / "a", "--split", "train=0.7,test=0.3")
    f = export(cli, stack, jobs["F"], tmp_path / "f", "--split", "train=0.7,test=0.3")
    assert (a["samples"], f["samples"]) == (12, 12)
    state = {n: json.loads((tmp_path / n / "export.json").read_text()) for n in "af"}
    assert state["a"]["shards"] == state["f"]["shards"]  # names, sha256 and sizes
    for path in state["a"]["shards"]:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "f" / path).read_bytes()


def test_exclude_job_keeps_an_evaluation_job_out(cli, stack, jobs, tmp_path):
    theirs = hashes_of(stack.store, jobs["B"], "evalset")
    ours = hashes_of(stack.store, jobs["A"], "questions")
    shared = len([h for h in ours if h in theirs])
    assert shared >= 6  # the same seed: indices 3-5 of both generators are the same puzzles
    out = tmp_path / "train"
    summary = export(cli, stack, jobs["A"], out, "--exclude-job", jobs["B"])
    kept = {r["param_hash"] for r in index_of(out)}
    assert not kept & theirs and summary["samples"] == 12 - shared
    assert summary["excluded"] == [{"job_id": jobs["B"], "puzzles": len(theirs),
                                    "dropped": shared}]  # fmt: skip
    assert f"Excluded: {shared} samples whose puzzle appears in job `{jobs['B']}`" in (
        out / "README.md").read_text()  # fmt: skip


def test_splits_are_puzzle_disjoint_and_stable(cli, stack, jobs, tmp_path):
    split = "train=0.5,val=0.25,test=0.25"
    export(cli, stack, jobs["few"], tmp_path / "one", "--split", split)
    one = index_of(tmp_path / "one")
    two = export(cli, stack, jobs["few"], tmp_path / "two", "--split", split, "--shard-mb", "1")
    assert two["samples"] == 12
    by_hash: dict[str, set[str]] = {}
    for r in one:
        by_hash.setdefault(r["param_hash"], set()).add(r["split"])
    assert len(by_hash) <= 3 < len(one)  # a generator of 3 puzzles: repeats
    assert all(len(splits) == 1 for splits in by_hash.values())
    assert {r["id"]: r["split"] for r in one} == {
        r["id"]: r["split"] for r in index_of(tmp_path / "two")}  # fmt: skip


def test_export_reads_from_s3_and_writes_to_s3(cli, stack, jobs, moto, tmp_path):
    s3 = boto3.client("s3", endpoint_url=moto, region_name="us-east-1",
                      aws_access_key_id="testing", aws_secret_access_key="testing")  # fmt: skip
    for bucket in ("results", "published"):
        s3.create_bucket(Bucket=bucket)
    store = LocalStore(stack.store)
    for key in store.list_keys("questions/"):
        s3.put_object(Bucket="results", Key=key, Body=store.get_bytes(key))
    local = export(cli, stack, jobs["A"], tmp_path / "local", "--split", "train=0.8,test=0.2")

    where = ["--bucket", "results", "--endpoint-url", moto]
    r = cli(*where, "export", jobs["A"], "--to", "s3://published/sets/a", "--split",
            "train=0.8,test=0.2", "--json", env=KEYS)  # fmt: skip
    assert r.code == 0, r.err
    assert {k: v for k, v in r.json().items() if k != "to"} == {
        k: v for k, v in local.items() if k != "to"}  # fmt: skip
    listed = s3.list_objects_v2(Bucket="published", Prefix="sets/a/")["Contents"]
    keys = {o["Key"].removeprefix("sets/a/") for o in listed}
    files = {p.relative_to(tmp_path / "local").as_posix()
             for p in (tmp_path / "local").rglob("*") if p.is_file()}  # fmt: skip
    assert keys == files
    for name in files:
        if name.startswith("shards/") or name == "export.json":
            body = s3.get_object(Bucket="published", Key=f"sets/a/{name}")["Body"].read()
            assert body == (tmp_path / "local" / name).read_bytes(), name

    again = cli(*where, "export", jobs["A"], "--to", "s3://published/sets/a", env=KEYS)
    assert again.code == 2 and "is not empty" in again.err


def test_bad_input_is_one_line_and_loses_nothing(cli, stack, jobs, tmp_path):
    def refused(*args, says: str):
        r = cli("--store", stack.store, "export", *args)
        assert r.code == 2 and r.err.startswith("vmwheel: error: ") and says in r.err, r.err
        assert r.err.count("\n") == 1

    out = tmp_path / "out"
    refused("nosuchjob", out, says="no job nosuchjob")
    refused(jobs["A"], says="give OUT (a folder) or --to")
    refused(jobs["A"], out, "--split", "train=0.5,test=0.4", says="add up to 1")
    refused(jobs["A"], out, "--split", "train", says="name=fraction")
    refused(jobs["A"], out, "--exclude-job", jobs["A"], says="the job being exported")
    out.mkdir()
    (out / "notes.txt").write_text("mine\n")
    refused(jobs["A"], out, says="is not empty")
    refused(jobs["A"], out, "--resume", says="holds no export.json")
    assert export(cli, stack, jobs["A"], out, "--force")["samples"] == 12
    assert (out / "notes.txt").read_text() == "mine\n"  # --force replaces only an export
    refused(jobs["A"], out, "--resume", "--split", "train=0.9,test=0.1", says="other splits")
    done = export(cli, stack, jobs["A"], out, "--resume")
    assert done["resumed_shards"] == done["shards"]


def test_incomplete_jobs_and_damaged_samples(cli, stack, jobs, tmp_path):
    root = tmp_path / "store"  # a copy to damage
    shutil.copytree(stack.store / "questions", root / "questions")
    job = jobs["A"]

    def run(*args):
        return cli("--store", root, "export", job, *args)

    clean = tmp_path / "clean"
    assert run(clean, "--json").code == 0

    lost = layout.manifest_key("questions", job, "G-3_bounce", 3, 6)
    manifest = (root / lost).read_bytes()
    (root / lost).unlink()
    r = run(tmp_path / "x")
    assert r.code == 2 and "incomplete: 3 samples missing (G-3_bounce 3-6)" in r.err
    assert "--allow-incomplete" in r.err and not (tmp_path / "x").exists()
    r = run(tmp_path / "part", "--allow-incomplete", "--json")
    assert r.code == 0 and r.json()["samples"] == 9
    assert "missing from G-3_bounce: 3-6" in r.err
    assert "Incomplete: the job was exported with 3 samples missing" in (
        tmp_path / "part" / "README.md").read_text()  # fmt: skip
    (root / lost).write_bytes(manifest)

    tar_key = layout.tar_key("questions", "O-48_sudoku", 0, 3)
    original = (root / tar_key).read_bytes()
    with tarfile.open(root / tar_key) as tar:
        at = tar.getmember("O-48_sudoku_00000001.prompt.txt").offset_data
    damaged = bytearray(original)
    damaged[at] ^= 0x20
    (root / tar_key).write_bytes(bytes(damaged))
    out = tmp_path / "out"
    r = run(out)
    assert r.code == 2 and r.err.count("\n") == 1
    assert "O-48_sudoku_00000001: prompt.txt does not match its manifest" in r.err
    state = json.loads((out / "export.json").read_text())
    assert sorted(state["shards"]) == ["shards/G-3_bounce/train-00000.tar"]  # kept
    assert not list(out.glob("shards/O-48_sudoku/*"))  # nothing half-written
    assert not list((out / ".export-work" / "tmp").iterdir())  # nor fetched and left

    (root / tar_key).write_bytes(original)
    r = run(out, "--resume", "--json")
    assert r.code == 0 and r.json()["resumed_shards"] == 1
    for name in ("shards/G-3_bounce/train-00000.tar", "shards/O-48_sudoku/train-00000.tar",
                 "data/metadata.parquet", "croissant.json", "README.md"):  # fmt: skip
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    assert not (out / ".export-work").exists()
