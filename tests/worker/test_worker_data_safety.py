"""Nothing is overwritten, nothing is lost silently: key protection, a failing sample that
fails alone, killed attempts that leave their reason, the prefix allow-list, records that
expire. Against a moto server over HTTP, with the real handler."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lambda_src import layout
from lambda_src.ledger import load_ledger
from lambda_src.records import FailureRecord, GeneratorPlan, JobRecord, Manifest
from lambda_src.stores import open_store
from tests.worker.conftest import REGION, FakeContext

TINY = {"image_size": 64, "video": False}
GEN = "O-900_faulty"


def body(**fields) -> str:
    msg = {"type": GEN, "num_samples": 2, "seed": 7, "job_id": "jobA", "params": TINY}
    msg.update(fields)
    return json.dumps({k: v for k, v in msg.items() if v is not ...})


def store_of(aws):
    return open_store(f"s3://{aws.bucket}", endpoint_url=aws.endpoint)


def manifests(store, job, prefix="questions"):
    keys = store.list_keys(layout.manifests_prefix(prefix, job, GEN))
    return {k: Manifest.from_json(store.get_bytes(k)) for k in keys}


def failures(store, job, prefix="questions"):
    keys = store.list_keys(layout.failures_prefix(prefix, job))
    return {k: FailureRecord.from_json(store.get_bytes(k)) for k in keys}


def attributes(message) -> dict:
    return {k: v["StringValue"] for k, v in message["MessageAttributes"].items()}


def snapshot(aws, prefix=f"questions/{GEN}/") -> dict[str, bytes]:
    return {k: aws.get(k) for k in aws.keys(prefix)}


# --- a key is never overwritten with other bytes ------------------------------------------


@pytest.mark.parametrize("fmt", ["files", "tar"])
def test_a_raw_message_aimed_at_taken_keys_is_dead_lettered(aws, source, fmt):
    aws.send(body(output_format=fmt))
    assert source.deliver() == {"batchItemFailures": []}
    first = snapshot(aws)
    assert first

    # the seed's format: no job id, another seed, the same indices and prefix
    raw = json.dumps({"type": GEN, "start_index": 0, "num_samples": 2, "seed": 8,
                      "output_format": fmt, "params": TINY})  # fmt: skip
    aws.send(raw)
    assert source.deliver() == {"batchItemFailures": []}
    (dead,) = aws.take_dlq()
    attrs = attributes(dead)
    assert attrs["error_type"] == "KeyCollision"
    assert "job jobA (seed 7)" in attrs["error"] and "already holds other bytes" in attrs["error"]
    record = FailureRecord.from_json(aws.get(attrs["failure_record"]))
    assert record.permanent and record.error_type == "KeyCollision"
    assert snapshot(aws) == first  # the first job's bytes are intact


def test_the_same_samples_from_another_job_are_welcome(aws, source):
    """Same seed and params: the same bytes, so an existing key is simply done."""
    aws.send(body())
    aws.send(body(job_id="jobB"))
    source.drain()
    assert aws.counts(aws.dlq_url) == 0
    store = store_of(aws)
    a, b = manifests(store, "jobA"), manifests(store, "jobB")
    assert [m.samples for m in a.values()] == [m.samples for m in b.values()]


def test_the_folder_store_creates_exclusively(tmp_path):
    from lambda_src.stores import AlreadyExists, LocalStore

    store = LocalStore(tmp_path)
    store.create_bytes("q/a.txt", b"one")
    with pytest.raises(AlreadyExists):
        store.create_bytes("q/a.txt", b"two")
    source = tmp_path / "src"
    source.write_bytes(b"three")
    with pytest.raises(AlreadyExists):
        store.create_file("q/a.txt", source)
    assert store.get_bytes("q/a.txt") == b"one"
    assert [p.name for p in (tmp_path / "q").iterdir()] == ["a.txt"]  # no temp file left


def test_s3_creates_conditionally_even_in_parts(aws, tmp_path, monkeypatch):
    from lambda_src import stores

    monkeypatch.setattr(stores, "_MULTIPART_AT", 5 * 1024 * 1024)
    monkeypatch.setattr(stores, "_PART_SIZE", 5 * 1024 * 1024)
    store = store_of(aws)
    big = tmp_path / "big"
    big.write_bytes(os.urandom(11 * 1024 * 1024))  # three parts
    store.create_file("questions/big.bin", big)
    assert store.digest("questions/big.bin") == stores.digest_file(big)
    other = tmp_path / "other"
    other.write_bytes(os.urandom(6 * 1024 * 1024))
    with pytest.raises(stores.AlreadyExists):
        store.create_file("questions/big.bin", other)
    with pytest.raises(stores.AlreadyExists):
        store.create_bytes("questions/big.bin", b"small")
    assert store.digest("questions/big.bin") == stores.digest_file(big)
    assert not aws.s3.list_multipart_uploads(Bucket=aws.bucket).get("Uploads")


# --- a failing sample fails alone -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["files", "tar"])
def test_a_failing_sample_fails_alone(aws, source, monkeypatch, fmt):
    monkeypatch.setenv("WORKER_PROCESSES", "2")
    store = store_of(aws)
    plan = GeneratorPlan(5, 0, 5, {**TINY, "fault": "raise", "fault_index": 2})
    store.create_bytes(layout.job_key("questions", "jobA"),
                       JobRecord("jobA", 7, {GEN: plan}, output_format=fmt).to_json())  # fmt: skip
    aws.send(body(num_samples=5, output_format=fmt, params=plan.params))
    assert source.deliver() == {"batchItemFailures": []}

    landed = sorted((m.start_index, m.stop_index) for m in manifests(store, "jobA").values())
    assert landed == [(0, 2), (3, 5)]
    (dead,) = aws.take_dlq()
    assert attributes(dead)["error_type"] == "SampleFailed"
    (record,) = failures(store, "jobA").values()
    assert record.permanent and record.failed_indices == [2]
    assert "raises on purpose" in record.error
    if fmt == "tar":
        tars = [k.rsplit("/", 1)[-1] for k in aws.keys(f"questions/{GEN}/")]
        assert tars == [f"{GEN}_00000000-00000002.tar", f"{GEN}_00000003-00000005.tar"]

    g = load_ledger(store, "jobA").generators[GEN]
    assert g.missing == [(2, 3)] and g.failing == [(2, 3)]
    assert g.failed[0].failed_indices == [2] and g.failed[0].permanent
    assert g.missing_shards() == []  # a resubmission would fail the same way
    assert g.missing_shards(include_failing=True) == [(2, 3)]


# --- every attempt leaves a record ------------------------------------------------------------


def test_a_killed_attempt_is_visible_with_its_reason_at_the_next_receive(aws, source,
                                                                        monkeypatch, capsys):  # fmt: skip
    text = body(num_samples=1, params={**TINY, "fault": "hang", "fault_index": 0})
    aws.send(text)
    (message,) = aws.sqs.receive_message(QueueUrl=aws.queue_url, AttributeNames=["All"],
                                         MessageAttributeNames=["All"])["Messages"]  # fmt: skip
    event = {"Records": [{"messageId": message["MessageId"], "body": message["Body"],
                          "receiptHandle": message["ReceiptHandle"],
                          "attributes": message["Attributes"], "eventSource": "aws:sqs",
                          "awsRegion": REGION}]}  # fmt: skip
    # the first attempt runs in its own process, which is killed like an out-of-memory
    # invocation: no chance to write anything
    run = ("import json, sys; from lambda_src.handler import handler; "
           "handler(json.load(sys.stdin))")  # fmt: skip
    worker = subprocess.Popen([sys.executable, "-c", run], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, start_new_session=True,
                              env={**os.environ, "PYTHONPATH": os.getcwd()})  # fmt: skip
    worker.stdin.write(json.dumps(event).encode())
    worker.stdin.close()
    tmp = Path(os.environ["TMPDIR"])
    while not aws.keys("questions/_attempts/") or not list(tmp.glob("vmwheel-*/samples")):
        assert worker.poll() is None, "the first attempt ended by itself"
        time.sleep(0.1)
    os.killpg(worker.pid, signal.SIGKILL)  # the invocation and its sample process
    worker.wait()
    for leftover in tmp.glob("vmwheel-*"):  # what the killed invocation left in /tmp
        shutil.rmtree(leftover)

    aws.sqs.change_message_visibility(QueueUrl=aws.queue_url,
                                      ReceiptHandle=message["ReceiptHandle"],
                                      VisibilityTimeout=0)  # fmt: skip
    monkeypatch.setenv("SAMPLE_TIMEOUT_S", "1")  # the second attempt: the sample times out
    capsys.readouterr()
    response = source.deliver(wait=1)
    assert len(response["batchItemFailures"]) == 1
    records = sorted(failures(store_of(aws), "jobA").values(), key=lambda r: r.attempt)
    assert [(r.attempt, r.error_type) for r in records] == [
        (1, "InvocationKilled"), (2, "SampleTimeout")]  # fmt: skip
    assert records[0].error.startswith("killed: out of memory")
    assert json.loads(records[0].message)["seed"] == 7  # what to resend, if need be
    logged = [json.loads(line) for line in capsys.readouterr().out.splitlines()
              if line.startswith('{"level"')]  # fmt: skip
    assert any(x["event"] == "attempt_killed" and x["attempt"] == 1 for x in logged)
    aws.take_queue()


def test_an_attempt_about_to_time_out_says_so(aws, source, monkeypatch):
    monkeypatch.setenv("SAMPLE_TIMEOUT_S", "8")
    aws.send(body(num_samples=1, params={**TINY, "fault": "hang", "fault_index": 0}))
    # the invocation has 7 s; the sample would run 8 s: the watchdog speaks at 2 s
    response = source.deliver(context=FakeContext([7_000, 900_000]))
    assert len(response["batchItemFailures"]) == 1
    (record,) = failures(store_of(aws), "jobA").values()
    assert record.error_type == "InvocationTimeout"
    assert record.error.startswith("killed: timeout")
    (attempt,) = aws.keys("questions/_attempts/")
    assert attempt.endswith(f"/1-{record.token}.json")
    aws.take_queue()


def test_a_killed_attempt_without_a_next_receive_shows_in_the_ledger(tmp_path):
    from lambda_src.records import AttemptRecord
    from lambda_src.stores import LocalStore

    store = LocalStore(tmp_path)
    for attempt, token, deadline in ((1, "aaa", "2020-01-01T00:00:00Z"),
                                     (2, "bbb", "2999-01-01T00:00:00Z")):  # fmt: skip
        record = AttemptRecord("j", GEN, 0, 5, attempt, token, deadline, log_stream="ls")
        store.create_bytes(layout.attempt_key("questions", "j", GEN, 0, 5, attempt, token),
                           record.to_json())  # fmt: skip
    ledger = load_ledger(store, "j")
    (failed,) = ledger.generators[GEN].failed
    assert failed.error_type == "InvocationKilled" and failed.attempts == 1  # 2 still runs
    assert "killed: out of memory" in failed.error and "log stream ls" in failed.error


def test_the_last_receive_dead_letters_with_the_store_error(aws, source):
    aws.s3.delete_bucket(Bucket=aws.bucket)
    aws.send(body())
    for _ in range(3):
        time.sleep(1.1)  # the queue's visibility timeout
        source.deliver(wait=1)
    assert aws.counts(aws.queue_url) == 0
    (dead,) = aws.take_dlq()
    attrs = attributes(dead)
    assert attrs["error_type"] == "StoreError"
    assert "NoSuchBucket" in attrs["error"] and "no failure record" in attrs["error"]
    aws.s3.create_bucket(Bucket=aws.bucket)


def test_failure_records_carry_the_expiry_tag_and_data_does_not(aws, source):
    aws.send(body(num_samples=1, params={**TINY, "fault": "raise", "fault_index": 0}))
    aws.send(body(num_samples=1, start_index=5))
    source.drain()
    aws.take_dlq()
    records = aws.keys("questions/_failures/") + aws.keys("questions/_attempts/")
    assert len(records) == 3
    for key in records:
        tags = aws.s3.get_object_tagging(Bucket=aws.bucket, Key=key)["TagSet"]
        assert tags == [{"Key": "vmwheel-record", "Value": "expires"}]
    for key in aws.keys(f"questions/{GEN}/") + aws.keys("questions/_manifests/"):
        assert aws.s3.get_object_tagging(Bucket=aws.bucket, Key=key)["TagSet"] == []


# --- confinement and logging ---------------------------------------------------------------


def test_messages_are_confined_to_the_allowed_prefixes(aws, source, monkeypatch):
    monkeypatch.setenv("ALLOWED_PREFIXES", "questions, runs/2025")
    aws.send(body(num_samples=1, output_prefix="elsewhere"))
    aws.send(body(num_samples=1, output_prefix="runs/2025/a"))
    source.drain()
    (dead,) = aws.take_dlq()
    attrs = attributes(dead)
    assert attrs["error_type"] == "PrefixNotAllowed"
    assert attrs["failure_record"].startswith("questions/_failures/")
    assert not aws.keys("elsewhere/")
    assert aws.keys("runs/2025/a/_manifests/")


def test_log_level_drops_lines_below_it(aws, source, monkeypatch, capsys):
    monkeypatch.setenv("LOG_LEVEL", "ERROR")
    aws.send(body(num_samples=1))
    aws.send(body(type="nope"))
    source.drain()
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith("{")]
    events = [x["event"] for x in lines if "event" in x]
    assert "shard_failed" in events and "shard_done" not in events
    assert any("SamplesGenerated" in x for x in lines)  # metrics are not log lines
    aws.take_dlq()
