"""The embedded stack started inside another process (as the console does), keeping its
results in moto's S3: the same commands work against a bucket."""

from __future__ import annotations

import time

from generators import validate_sample
from tui.backends.aws import Aws
from tui.backends.config import resolve
from tui.backends.local_stack import LocalStack, LocalStackOptions

SMALL = ["--param", "image_size=128", "--param", "video=false"]


def test_in_process_stack_with_results_in_s3(cli, tmp_path):
    home = tmp_path / "home"
    options = LocalStackOptions(store=home, workers=1, visibility_timeout=25, s3=True,
                                log_file=tmp_path / "workers.log",
                                env={"DEADLINE_RESERVE_S": "1", "WORKER_PROCESSES": "1"})  # fmt: skip
    events = []
    with LocalStack(options, on_event=events.append) as stack:
        assert stack.state.store is None and (home / ".local-stack.json").exists()
        twice = cli("local", "--store", home)
        assert twice.code == 2 and "a local stack already runs for" in twice.err
        cfg = cli("--store", home, "config", "--json").json()
        assert cfg["store"]["value"] is None  # --store only located the stack
        assert cfg["bucket"]["value"] == "vmwheel-local"
        assert cfg["bucket"]["source"].startswith("local stack")

        r = cli("--store", home, "submit", "-g", "O-903_slow", "--samples", 3, "--seed", 2,
                *SMALL, "--json")  # fmt: skip
        assert r.code == 0, r.err
        job = r.json()["job_id"]
        config = resolve({"store": str(home)}, env={})
        aws = Aws(config)
        while aws.queue_counts(config.queue_url).total:
            time.sleep(1)
        status = cli("--store", home, "status", job, "--json")
        assert status.code == 0 and status.json()["complete"]
        assert [j["job_id"] for j in cli("--store", home, "jobs", "--json").json()] == [job]
        dest = tmp_path / "out"
        synced = cli("--store", home, "sync", job, dest, "--json").json()
        assert synced["downloaded"] == 15 and not synced["failed"]
        assert all(validate_sample(p) == [] for p in (dest / "O-903_slow").iterdir())

        assert cli("--store", home, "queue", "purge", "--force").code == 0
        again = cli("--store", home, "queue", "purge", "--force")
        assert again.code == 2 and "a purge is already in progress" in again.err
        assert len(again.err.strip().splitlines()) == 1
    assert not (home / ".local-stack.json").exists()
    assert events == []  # nothing was left on the queues to save
