"""Jobs written straight into a folder store by the real shard runner (no queue): what
the sync and export tests start from when they do not need the stack."""

from __future__ import annotations

import gzip
import tarfile
from pathlib import Path

from lambda_src import layout
from lambda_src.config import Config
from lambda_src.contract import parse_task
from lambda_src.ledger import load_ledger
from lambda_src.records import JobRecord, Manifest, TarEntry
from lambda_src.shard import run_shard
from lambda_src.stores import LocalStore, digest_file
from tui.backends.jobs import plan_job, write_job_record

WORKER = Config(worker_processes=1, sample_timeout_s=120, deadline_reserve_s=0)


def run_job(root: Path, generators: list[str], samples: int, *, seed: int, batch_size: int,
            fmt: str = "tar", prefix: str = "questions", start_index: int = 0,
            params: tuple[str, ...] = ("image_size=64",)) -> str:  # fmt: skip
    """Plan, record and run every shard of a job into the folder store at `root`."""
    plan = plan_job(generators, samples, seed=seed, batch_size=batch_size, output_format=fmt,
                    output_prefix=prefix, start_index=start_index, params=list(params))  # fmt: skip
    store = LocalStore(root)
    write_job_record(store, plan)
    for shard in plan.shards:
        run_shard(parse_task(shard.body, require_bucket=False), store, WORKER)
    return plan.job_id


def manifests(root: Path, job_id: str, prefix: str = "questions") -> dict[str, Manifest]:
    store = LocalStore(root)
    ledger = load_ledger(store, job_id, prefix)
    keys = [k for g in ledger.generators.values() for k in g.manifests]
    return {k: Manifest.from_json(store.get_bytes(k)) for k in keys}


def to_old_layout(root: Path, job_id: str, prefix: str = "questions") -> None:
    """Rewrite a `files` job as the tar jobs of the layout before were: one `.tar.gz` per
    shard with `{sample_id}/{file}` members, manifests naming them."""
    for key, m in manifests(root, job_id, prefix).items():
        name = f"{m.generator}_{layout.range_label(m.start_index, m.stop_index)}.tar.gz"
        tar_key = layout.generator_prefix(prefix, m.generator) + name
        path = root / tar_key
        with gzip.GzipFile(path, "wb", mtime=0) as gz, tarfile.open(fileobj=gz, mode="w") as tar:
            for s in m.samples:
                for file in sorted(s.files):
                    sample = root / layout.sample_key(prefix, m.generator, s.index, file)
                    tar.add(sample, arcname=f"{s.sample_id}/{file}")
                    sample.unlink()
                (root / layout.sample_prefix(prefix, m.generator, s.index)).rmdir()
        entry = digest_file(path)
        m.output_format, m.tar = "tar", TarEntry(tar_key, entry.sha256, entry.size)
        m.bytes = entry.size
        (root / key).write_bytes(m.to_json())  # records are rewritten in place on purpose
    job_path = root / layout.job_key(prefix, job_id)
    job = JobRecord.from_json(job_path.read_bytes())
    job.output_format = "tar"
    job_path.write_bytes(job.to_json())
