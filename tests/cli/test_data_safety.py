"""Data safety from the operator's side: the local stack's queue journal survives kill -9,
submit refuses another job's indices, `status --verify` names a damaged sample, peeks
never feed the DLQ, and output meant for scripts stays whole."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time

import boto3
import pytest

from lambda_src import handler as handler_module
from lambda_src import layout
from lambda_src.records import GeneratorPlan, JobRecord
from lambda_src.stores import LocalStore
from tui.backends import local_stack
from tui.backends.errors import BackendError
from tui.backends.local_stack import JOURNAL, LocalStack, LocalStackOptions, read_journal

from .conftest import ROOT, StackProcess, clean_env

KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
SMALL = ["--param", "image_size=64", "--param", "video=false"]


def one_line_error(r, *fragments: str) -> None:
    assert r.code != 0, (r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vmwheel: error: "), r.err
    for f in fragments:
        assert f in lines[0], lines[0]


# --- the local stack's queues survive kill -9 -----------------------------------------------


def test_kill_9_of_the_local_stack_loses_no_message(tmp_path):
    stack = StackProcess(tmp_path, clean_env(PYTHONPATH=str(ROOT)), workers=0)
    state = stack.start()
    sqs = boto3.client("sqs", endpoint_url=state["endpoint"], region_name="us-east-1", **{
        k.lower(): v for k, v in KEYS.items()})  # fmt: skip
    queued = [json.dumps({"type": "O-903_slow", "num_samples": 1, "start_index": i, "seed": 1})
              for i in range(4)]  # fmt: skip
    sqs.send_message(QueueUrl=state["queue_url"], MessageBody=queued[0])
    for _ in range(2):  # one message received twice: its count must come back
        assert sqs.receive_message(QueueUrl=state["queue_url"], VisibilityTimeout=0)["Messages"]
    for body in queued[1:]:
        sqs.send_message(QueueUrl=state["queue_url"], MessageBody=body)
    dead = ["not json at all", json.dumps({"type": "nope", "num_samples": 1})]
    for i, body in enumerate(dead):
        sqs.send_message(QueueUrl=state["dlq_url"], MessageBody=body, MessageAttributes={
            "error_type": {"DataType": "String", "StringValue": f"Reason{i}"}})  # fmt: skip
    time.sleep(3 * local_stack.JOURNAL_INTERVAL_S)  # "at most the last seconds"
    stack.proc.send_signal(signal.SIGKILL)
    stack.proc.wait()
    stack.proc.stdout.close()

    state = stack.start()
    assert "restored 4 queued and 2 dead messages" in stack.log()
    assert "not stopped cleanly" in stack.log()
    sqs = boto3.client("sqs", endpoint_url=state["endpoint"], region_name="us-east-1", **{
        k.lower(): v for k, v in KEYS.items()})  # fmt: skip

    def take(url):
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=60,
                                  AttributeNames=["All"], MessageAttributeNames=["All"])  # fmt: skip
        return got.get("Messages", [])

    back = take(state["queue_url"])
    assert sorted(m["Body"] for m in back) == sorted(queued)
    counts = sorted(int(m["Attributes"]["ApproximateReceiveCount"]) for m in back)
    assert counts == [1, 1, 1, 3]  # the twice-received one: 2 before, 1 now
    dead_back = take(state["dlq_url"])
    assert sorted(m["Body"] for m in dead_back) == sorted(dead)
    assert sorted(m["MessageAttributes"]["error_type"]["StringValue"] for m in dead_back) == [
        "Reason0", "Reason1"]  # fmt: skip
    assert stack.stop() == 0
    assert read_journal(stack.store)["clean"] is True


def test_a_stop_that_cannot_save_says_so_and_keeps_the_last_good_journal(tmp_path, monkeypatch):
    options = LocalStackOptions(store=tmp_path / "home", workers=0, visibility_timeout=60)
    events = []
    stack = LocalStack(options, on_event=events.append)
    stack.start()
    sqs = stack._client("sqs")
    for i in range(3):
        sqs.send_message(QueueUrl=stack.queue_url, MessageBody=f"message {i}")
    while len((read_journal(stack.store) or {}).get("queue", [])) < 3:
        time.sleep(0.2)
    good = (stack.store / JOURNAL).read_bytes()
    sqs.send_message(QueueUrl=stack.queue_url, MessageBody="one more")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(local_stack.os, "fsync", disk_full)
    with pytest.raises(BackendError, match=r"No space left on device.*last good journal"):
        stack.stop()
    monkeypatch.undo()
    assert (stack.store / JOURNAL).read_bytes() == good
    assert not [p for p in stack.store.iterdir() if ".tmp" in p.name]  # no 0-byte leftovers
    assert any("could not save the queues" in e for e in events)


# --- key protection at submit --------------------------------------------------------------


@pytest.fixture
def aws_target(moto, tmp_path, monkeypatch):
    """A bucket and a queue on the moto server, and the flags that point vmwheel at them."""
    monkeypatch.chdir(tmp_path)
    kw = {"endpoint_url": moto, "region_name": "us-east-1",
          **{k.lower(): v for k, v in KEYS.items()}}  # fmt: skip
    name = f"b{time.time_ns()}"
    boto3.client("s3", **kw).create_bucket(Bucket=name)
    queue = boto3.client("sqs", **kw).create_queue(QueueName=name)["QueueUrl"]
    flags = ["--endpoint-url", moto, "--region", "us-east-1", "--queue-url", queue,
             "--bucket", name]  # fmt: skip
    return flags, kw, name, queue


def test_submit_refuses_indices_another_job_holds_with_another_seed(cli, aws_target):
    flags, _, _, _ = aws_target
    submit = [*flags, "submit", "-g", "O-903_slow", "-n", 5, *SMALL, "--prefix", "p", "--json"]
    first = cli(*submit, "--seed", 1, env=KEYS)
    assert first.code == 0, first.err
    job = first.json()["job_id"]

    refused = cli(*submit, "--seed", 2, env=KEYS)
    one_line_error(refused, f"job {job} (seed 1)", "O-903_slow 0-5", "--start-index 5")
    other_params = cli(*submit, "--seed", 1, "--param", "sleep_s=0.5", env=KEYS)
    one_line_error(other_params, f"job {job} (seed 1 with other params)")

    # the same seed and params make the same bytes; free indices are free
    assert cli(*submit, "--seed", 1, env=KEYS).code == 0
    assert cli(*submit, "--seed", 2, "--start-index", 5, env=KEYS).code == 0
    assert cli(*submit, "--seed", 2, "--prefix", "other", env=KEYS).code == 0


def run_queue(queue, kw, monkeypatch, bucket):
    """Play the worker on every message of the queue, in this process."""
    sqs = boto3.client("sqs", **kw)
    for var, value in {"OUTPUT_BUCKET": bucket, "SQS_QUEUE_URL": queue, "WORKER_PROCESSES": "1",
                       "AWS_ENDPOINT_URL": kw["endpoint_url"], "AWS_REGION": "us-east-1",
                       "DEADLINE_RESERVE_S": "1", **KEYS}.items():  # fmt: skip
        monkeypatch.setenv(var, value)
    while got := sqs.receive_message(QueueUrl=queue, AttributeNames=["All"]).get("Messages"):
        for m in got:
            event = {"Records": [{"messageId": m["MessageId"], "body": m["Body"],
                                  "attributes": m["Attributes"]}]}  # fmt: skip
            assert handler_module.handler(event) == {"batchItemFailures": []}
            sqs.delete_message(QueueUrl=queue, ReceiptHandle=m["ReceiptHandle"])


def test_status_verify_names_an_altered_sample(cli, aws_target, monkeypatch):
    flags, kw, bucket, queue = aws_target
    r = cli(*flags, "submit", "-g", "O-903_slow", "-n", 3, *SMALL, "--output-format", "files",
            "--json", env=KEYS)  # fmt: skip
    job = r.json()["job_id"]
    run_queue(queue, kw, monkeypatch, bucket)

    intact = cli(*flags, "status", job, "--verify", "--json", env=KEYS)
    assert intact.code == 0 and intact.json()["verified"] is True, intact.out

    key = layout.sample_key("questions", "O-903_slow", 1, "prompt.txt")
    boto3.client("s3", **kw).put_object(Bucket=bucket, Key=key, Body=b"tampered\n")
    damaged = cli(*flags, "status", job, "--verify", "--json", env=KEYS)
    assert damaged.code == 1
    data = damaged.json()
    assert data["complete"] and data["verified"] is False  # complete, but not intact
    assert [(d["samples"], d["key"]) for d in data["damaged"]] == [(["O-903_slow_00000001"], key)]
    text = cli(*flags, "status", job, "--verify", env=KEYS)
    assert text.code == 1 and "damaged: O-903_slow_00000001" in text.out


# --- peeks and views --------------------------------------------------------------------------


def test_peek_refuses_a_queue_with_a_redrive_policy(cli, aws_target):
    flags, kw, name, queue = aws_target
    sqs = boto3.client("sqs", **kw)
    dlq = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"RedrivePolicy": json.dumps(
        {"deadLetterTargetArn": arn["QueueArn"], "maxReceiveCount": "2"})})  # fmt: skip
    sqs.send_message(QueueUrl=queue, MessageBody="{}")
    for _ in range(3):
        one_line_error(cli(*flags, "queue", "peek", env=KEYS), "after 2 receives", "refused")
    a = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["All"])["Attributes"]
    assert a["ApproximateNumberOfMessages"] == "1"  # never received, so never dead-lettered
    peeked = cli(*flags, "--dlq-url", dlq, "queue", "peek", "--dlq", "--json", env=KEYS)
    assert peeked.code == 0 and peeked.json() == []


def test_peek_on_the_local_stack_reads_the_journal(cli, tmp_path):
    options = LocalStackOptions(store=tmp_path / "home", workers=0, visibility_timeout=60)
    with LocalStack(options) as stack:
        sqs = stack._client("sqs")
        sqs.send_message(QueueUrl=stack.queue_url, MessageBody=json.dumps(
            {"type": "O-903_slow", "num_samples": 2, "seed": 4, "job_id": "j"}))  # fmt: skip
        while not (read_journal(stack.store) or {}).get("queue"):
            time.sleep(0.2)
        for _ in range(4):
            r = cli("--store", stack.store, "queue", "peek", "--json")
            assert r.code == 0, r.err
            (m,) = r.json()
            assert m["receive_count"] == "0" and m["body"]["seed"] == 4
        assert "nothing was received" in r.err
        a = sqs.get_queue_attributes(QueueUrl=stack.queue_url, AttributeNames=["All"])
        assert a["Attributes"]["ApproximateNumberOfMessages"] == "1"


def test_monitor_watch_piped_prints_every_refresh(aws_target):
    flags, _, _, _ = aws_target
    env = clean_env(**KEYS, PYTHONPATH=str(ROOT))
    for extra, marker in ((["--json"], None), ([], "queues")):
        proc = subprocess.Popen([sys.executable, "-m", "tui.cli", *flags, "monitor", "--watch",
                                 "--interval", "0.2", *extra], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, text=True)  # fmt: skip
        seen = []
        while len(seen) < 2:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            if marker is None:
                seen.append(json.loads(line))  # one object per line
            elif marker in line:
                seen.append(line)
        proc.send_signal(signal.SIGINT)
        assert proc.wait() == 0
        proc.stdout.close()
        proc.stderr.close()
        if marker is None:
            assert all(s["queue"]["visible"] == 0 for s in seen)


def test_piped_tables_keep_ids_and_urls_whole(cli, aws_target):
    flags, _, _, queue = aws_target
    long_queue = queue + "-" + "x" * 120
    r = cli(*flags[:-4], "--queue-url", long_queue, "config", env=KEYS)
    assert r.code == 0 and long_queue in r.out


def test_a_dry_run_shows_the_seed_that_repeats_it(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dry = cli("submit", "-g", "O-903_slow", "-n", 3, "--dry-run")
    assert dry.code == 0, dry.err
    seed = json.loads(cli("submit", "-g", "O-903_slow", "-n", 3, "--dry-run", "--json").out)
    assert seed["seed_chosen"] is True
    drawn = int(dry.out.split(" seed ", 1)[1].split()[0])
    assert f"seed {drawn} (random: --seed {drawn})" in dry.out
    again = cli("submit", "-g", "O-903_slow", "-n", 3, "--dry-run", "--json", "--seed", drawn)
    assert again.json()["seed"] == drawn and again.json()["seed_chosen"] is False


def test_status_reads_the_default_folder_once_the_stack_is_down(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = LocalStore(tmp_path / "vmwheel-data")
    record = JobRecord("j1", 5, {"O-903_slow": GeneratorPlan(2, 0, 2, {})})
    store.create_bytes(layout.job_key("questions", "j1"), record.to_json())
    r = cli("status", "j1", "--json")
    assert r.code == 1 and r.json()["generators"][0]["missing"] == [[0, 2]], r.err
    cfg = cli("config", "--json").json()
    assert cfg["store"]["source"].startswith("default folder")


# --- a broken extra generator module -------------------------------------------------------


def vmwheel(*args, env: dict) -> subprocess.CompletedProcess:
    """`vmwheel` in its own process: loading every generator module here would leave the
    test generators registered in this one."""
    return subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], env=env,
                          capture_output=True, text=True, check=False, cwd=ROOT)  # fmt: skip


def test_a_broken_extra_module_is_one_warning_line(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "o950_broken.py").write_text(
        'print("chatter from the module")\nraise RuntimeError("it does not work")\n'
    )
    env = clean_env(PYTHONPATH=str(ROOT))
    env["GENERATORS_PATH"] = os.pathsep.join([env["GENERATORS_PATH"], str(extra)])
    r = vmwheel("generators", "--json", env=env)
    assert r.returncode == 0, r.stderr
    ids = [g["id"] for g in json.loads(r.stdout)]  # stdout is the JSON and nothing else
    assert "O-950_broken" not in ids and "O-48_sudoku" in ids
    warnings = [x for x in r.stderr.splitlines() if "warning" in x]
    assert len(warnings) == 1 and "O-950_broken" in warnings[0]
    assert "it does not work" in warnings[0]
    assert "chatter from the module" not in r.stdout

    plan = vmwheel("submit", "-g", "all", "-n", 1, "--dry-run", "--json", env=env)
    assert plan.returncode == 0, plan.stderr
    generators = json.loads(plan.stdout)["generators"]
    assert "O-950_broken" not in generators and "O-48_sudoku" in generators
