"""The shard runner and its sinks without queues: disk use in tar format, reproducible
tars, and the runner's accounting."""

from __future__ import annotations

import json
from pathlib import Path

from lambda_src.config import Config
from lambda_src.contract import parse_task
from lambda_src.records import Manifest
from lambda_src.runner import ShardRunner
from lambda_src.shard import TarSink, run_shard
from lambda_src.stores import LocalStore

TINY = {"image_size": 64}


def task(fmt="tar", n=4, **params):
    body = {"type": "O-900_faulty", "num_samples": n, "seed": 3, "job_id": "j",
            "output_format": fmt, "params": {**TINY, **params}}  # fmt: skip
    return parse_task(json.dumps(body), require_bucket=False)


def config(workers=2):
    return Config(worker_processes=workers, sample_timeout_s=120, deadline_reserve_s=0)


class WatchingStore(LocalStore):
    """A folder store noting how many raw sample folders are on disk at each upload."""

    def __init__(self, root, work_root: Path):
        super().__init__(root)
        self.work_root = work_root
        self.seen: dict[str, int] = {}

    def create_file(self, key, path):
        raw = [p for p in self.work_root.glob("vmwheel-*/samples/*") if p.is_dir()]
        self.seen[key] = len(raw)
        super().create_file(key, path)


def test_tar_never_sits_beside_the_raw_samples(tmp_path, worker_env, monkeypatch):
    store = WatchingStore(tmp_path / "store", worker_env)
    kept = []
    real_append = TarSink._append

    def append(self, done):
        real_append(self, done)
        kept.append(done.folder.exists())  # deleted as soon as it is in the tar?

    monkeypatch.setattr(TarSink, "_append", append)
    result = run_shard(task(n=6), store, config())
    (tar_key,) = store.seen
    assert store.seen[tar_key] == 0  # every sample folder was gone when the tar went up
    assert kept == [False] * 6
    assert result.manifest.tar.key == tar_key


def test_tars_are_reproducible(tmp_path):
    a = run_shard(task(), LocalStore(tmp_path / "a"), config(workers=2))
    b = run_shard(task(), LocalStore(tmp_path / "b"), config(workers=1))
    assert a.manifest.tar.sha256 == b.manifest.tar.sha256
    assert [s.files for s in a.manifest.samples] == [s.files for s in b.manifest.samples]
    stored = Manifest.from_json((tmp_path / "a" / a.manifest_key).read_bytes())
    assert stored == a.manifest


def test_runner_reports_each_sample(tmp_path):
    seen = []
    runner = ShardRunner("O-900_faulty", 1, task(n=5).resolved_params, range(10, 15), tmp_path,
                         workers=2, sample_timeout_s=120, on_done=seen.append)  # fmt: skip
    out = runner.run()
    assert sorted(s.index for s in seen) == [10, 11, 12, 13, 14]
    assert out.unfinished == [] and out.started == 5 and not out.failures
    assert all((s.folder / "metadata.json").is_file() for s in seen)
