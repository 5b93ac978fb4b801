"""The pipeline end to end on the real local stack: `vmwheel local` (moto on 127.0.0.1,
local workers calling the real handler), driven by the real commands."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from generators import validate_sample
from lambda_src import layout
from lambda_src.records import FailureRecord, Manifest
from lambda_src.stores import LocalStore

SMALL = ["--param", "image_size=128", "--param", "video=false"]


def manifests(store: Path, job: str, prefix: str = "questions") -> list[Manifest]:
    s = LocalStore(store)
    return [Manifest.from_json(s.get_bytes(k))
            for k in s.list_keys(layout.manifests_prefix(prefix, job))]  # fmt: skip


def assert_each_sample_once(store: Path, job: str, expected: dict[str, int],
                            prefix: str = "questions") -> None:  # fmt: skip
    """Every expected index is in exactly one manifest (no overlap, no gap)."""
    seen: dict[str, list[int]] = {}
    for m in manifests(store, job, prefix):
        seen.setdefault(m.generator, []).extend(s.index for s in m.samples)
    for gid, n in expected.items():
        assert sorted(seen.get(gid, [])) == list(range(n)), gid


def status(cli, stack, job):
    r = cli("--store", stack.store, "status", job, "--json")
    data = r.json()
    return r.code, data, {g["generator"]: g for g in data["generators"]}


def test_end_to_end_submit_process_status_sync(cli, stack, tmp_path):
    gens = ["O-48_sudoku", "G-3_bounce", "O-903_slow"]
    r = cli("--store", stack.store, "submit", "-g", *gens, "--samples", 50, "--batch-size", 10,
            "--seed", 7, *SMALL, "--json")  # fmt: skip
    assert r.code == 0, r.err
    sent = r.json()
    assert sent["sent"] == sent["messages"] == 15 and sent["samples"] == 150
    job = sent["job_id"]

    stack.wait_drained()
    code, data, rows = status(cli, stack, job)
    assert code == 0 and data["complete"], data
    for gid in gens:
        row = rows[gid]
        assert (row["expected"], row["present"]) == (50, 50)
        assert row["missing"] == [] and row["failed"] == [] and row["duplicates"] == {}
    assert_each_sample_once(stack.store, job, dict.fromkeys(gens, 50))

    dest = tmp_path / "dataset"
    r = cli("--store", stack.store, "sync", job, dest, "--json")
    assert r.code == 0, r.err
    first = r.json()
    assert first["downloaded"] == first["files"] == 150 * 5 and not first["failed"]
    folders = sorted(p for g in gens for p in (dest / g).iterdir())
    assert [p.name for p in folders] == sorted(f"{g}_{i:08d}" for g in gens for i in range(50))
    problems = {p.name: validate_sample(p) for p in folders}
    assert not any(problems.values()), {k: v for k, v in problems.items() if v}
    # a second sync finds everything in place; a changed file is fetched again
    (folders[0] / "prompt.txt").write_text("tampered\n")
    again = cli("--store", stack.store, "sync", job, dest, "--json").json()
    assert (again["downloaded"], again["skipped"]) == (1, 749)
    assert validate_sample(folders[0]) == []

    listed = cli("--store", stack.store, "jobs", "--json").json()
    assert [j["present"] for j in listed if j["job_id"] == job] == [150]
    mon = cli("--store", stack.store, "monitor", "--json", "--interval", "0.1", "--job", job)
    assert mon.code == 0 and mon.json()["queue"]["visible"] == 0


def test_permanent_and_transient_failures_then_resubmit_missing(cli, stack, tmp_path):
    r = cli("--store", stack.store, "submit", "-g", "O-901_always_broken", "-g", "O-902_flaky",
            "--samples", 20, "--seed", 11, *SMALL, "--json")  # fmt: skip
    assert r.code == 0, r.err
    job = r.json()["job_id"]
    stack.wait_drained()  # the flaky shards need their third delivery

    dead = cli("--store", stack.store, "dlq", "list", "--json").json()
    assert sorted((d["generator"], d["start"], d["stop"]) for d in dead) == [
        ("O-901_always_broken", 0, 10), ("O-901_always_broken", 10, 20)]  # fmt: skip
    assert all(d["seed"] == 11 and d["job_id"] == job for d in dead)
    assert all("broken on purpose" in d["error"] for d in dead)
    assert all(d["error_type"] == "SampleFailed" for d in dead)

    code, data, rows = status(cli, stack, job)
    assert code == 1 and not data["complete"]
    broken, flaky = rows["O-901_always_broken"], rows["O-902_flaky"]
    assert broken["missing"] == [[0, 20]] and broken["present"] == 0
    assert [(f["start"], f["stop"], f["permanent"]) for f in broken["failed"]] == [
        (0, 10, True), (10, 20, True)]  # fmt: skip
    # a generator that fails its first samples is given up on: those fail permanently,
    # the rest of each shard is left missing (not failing)
    assert broken["failing"] == [[0, 3], [10, 13]]
    assert [f["failed_indices"] for f in broken["failed"]] == [[0, 1, 2], [10, 11, 12]]
    assert flaky["present"] == 20 and flaky["missing"] == [] and flaky["failed"] == []
    attempts = sorted((stack.root / "flaky").glob("*.attempts"))
    assert {p.name: p.read_text() for p in attempts} == {"0.attempts": "3", "10.attempts": "3"}
    text = cli("--store", stack.store, "status", job)
    assert text.code == 1 and "0-20" in text.out and "broken on purpose" in text.out
    assert "samples 0-3, 10-13 fail permanently" in text.out

    # the DLQ as files, in the seed tool's format plus the failure record
    dl = tmp_path / "dlq"
    assert cli("--store", stack.store, "dlq", "download", "--output", dl).code == 0
    records = [json.loads(p.read_text()) for p in sorted(dl.glob("*.json"))]
    assert len(records) == 2
    for rec in records:
        assert {"message_id", "receipt_handle", "timestamp", "receive_count", "attributes",
                "body"} <= set(rec)  # fmt: skip
        assert rec["body"]["type"] == "O-901_always_broken" and rec["body"]["seed"] == 11
        assert rec["failure"]["permanent"] is True
    dry = cli("--store", stack.store, "dlq", "push", "--dlq-dir", dl, "--dry-run", "--json")
    assert len(dry.json()) == 2
    assert stack.counts()[1].visible == 2  # download without --delete leaves them

    # what is missing without the failing samples; after the fix, with them, smaller shards
    dry = cli("--store", stack.store, "resubmit", job, "--missing", "--batch-size", 5,
              "--dry-run", "--json").json()  # fmt: skip
    assert [(x["start"], x["stop"]) for x in dry["ranges"]] == [(3, 5), (5, 10), (13, 15),
                                                                 (15, 20)]  # fmt: skip
    (stack.root / "broken.flag").unlink()
    r = cli("--store", stack.store, "resubmit", job, "--missing", "--include-failed",
            "--batch-size", 5, "--json")  # fmt: skip
    assert r.code == 0, r.err
    sent = r.json()
    assert [(x["start"], x["stop"]) for x in sent["ranges"]] == [(0, 5), (5, 10), (10, 15),
                                                                  (15, 20)]  # fmt: skip
    assert {x["generator"] for x in sent["ranges"]} == {"O-901_always_broken"}
    stack.wait_drained()
    code, data, rows = status(cli, stack, job)
    assert code == 0 and data["complete"]
    assert rows["O-901_always_broken"]["failed"] == []

    # redriving the old dead shards now finds them done: acknowledged, nothing rewritten
    r = cli("--store", stack.store, "dlq", "redrive", "--json")
    assert r.code == 0 and r.json()["moved"] == 2 and r.json()["method"] == "manual"
    stack.wait_drained()
    assert stack.counts()[1].total == 0
    assert_each_sample_once(stack.store, job, {"O-901_always_broken": 20, "O-902_flaky": 20})
    assert cli("--store", stack.store, "resubmit", job, "--missing", "--json").json()[
        "messages"] == 0  # fmt: skip


def test_killed_worker_loses_nothing(cli, stack):
    r = cli("--store", stack.store, "submit", "-g", "O-903_slow", "--samples", 4,
            "--start-index", 1000, "--batch-size", 4, "--param", "sleep_s=1.5", *SMALL,
            "--json")  # fmt: skip
    job = r.json()["job_id"]
    markers = stack.root / "markers"
    while not list(markers.glob("1000-*.json")):  # the shard's first sample has started
        time.sleep(0.2)
    marker = next(markers.glob("1000-*.json"))
    workers = set(stack.current_state()["workers"])
    victim = workers & set(json.loads(marker.read_text())["pids"])
    assert len(victim) == 1, (workers, marker.read_text())
    victim = victim.pop()
    os.kill(victim, signal.SIGKILL)

    stack.wait_drained()  # redelivered after the visibility timeout
    code, _, rows = status(cli, stack, job)
    assert code == 0 and rows["O-903_slow"]["present"] == 4
    assert f"worker {victim} exited with code -9" in stack.log()
    assert victim not in stack.current_state()["workers"]
    assert len(stack.current_state()["workers"]) == stack.workers
    done = manifests(stack.store, job)
    assert sorted(s.index for m in done for s in m.samples) == [1000, 1001, 1002, 1003]
    first = next(m for m in done if m.start_index == 1000)
    assert first.attempt >= 2  # written by a later delivery than the killed one
    assert len(list(markers.glob("1000-*.json"))) >= 2  # the sample was started again
    # the killed attempt left its reason, written at the next receive
    s = LocalStore(stack.store)
    records = [FailureRecord.from_json(s.get_bytes(k))
               for k in s.list_keys(layout.failures_prefix("questions", job))]  # fmt: skip
    killed = [r for r in records if r.error_type == "InvocationKilled"]
    assert killed and killed[0].attempt == 1 and killed[0].error.startswith("killed: ")


def test_ctrl_c_keeps_every_message_for_the_next_start(cli, stack):
    # its own prefix: indices 0-6 of O-903_slow in `questions` belong to another job
    r = cli("--store", stack.store, "submit", "-g", "O-903_slow", "--samples", 6,
            "--batch-size", 2, "--param", "sleep_s=1", "--seed", 5, *SMALL, "--prefix",
            "ctrlc", "--json")  # fmt: skip
    assert r.code == 0, r.err
    job = r.json()["job_id"]
    markers = stack.root / "markers"
    started = {p.name for p in markers.glob("*.json")}
    while not {p.name for p in markers.glob("*.json")} - started:
        time.sleep(0.2)
    assert stack.stop(signal.SIGINT) == 0
    assert not (stack.store / ".local-stack.json").exists()
    assert "local: stopped" in stack.log()
    saved = json.loads((stack.store / ".local-queues.json").read_text())
    assert saved["clean"] is True
    code, data, _ = status(cli, stack, job)
    if not data["complete"]:  # what did not finish was saved for the next start
        assert saved["queue"], saved
    stack.start()
    stack.wait_drained()
    code, data, _ = status(cli, stack, job)
    assert code == 0 and data["complete"]
    assert_each_sample_once(stack.store, job, {"O-903_slow": 6}, prefix="ctrlc")
