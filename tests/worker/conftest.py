"""Fixtures of the worker tests: a real moto server over HTTP on 127.0.0.1, a bucket and a
queue with its DLQ per test, a private temp folder checked for leftovers, and a small
stand-in for Lambda's SQS event source mapping."""

from __future__ import annotations

import json
import socket
import tempfile
import time
import uuid
from pathlib import Path

import boto3
import psutil
import pytest

from lambda_src import handler as handler_module

FAKE_GENERATORS = Path(__file__).parent / "fake_generators"
REGION = "us-east-1"
MAX_RECEIVE_COUNT = 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(autouse=True)
def worker_env(monkeypatch, tmp_path):
    """Environment every worker test runs in, and no temp folder left behind afterwards."""
    monkeypatch.setenv("GENERATORS_PATH", str(FAKE_GENERATORS))
    monkeypatch.setenv("WORKER_PROCESSES", "1")  # a process start costs ~0.7 s of CPU
    monkeypatch.setenv("SAMPLE_TIMEOUT_S", "120")
    monkeypatch.setenv("DEADLINE_RESERVE_S", "1")
    monkeypatch.setenv("MAX_RECEIVE_COUNT", str(MAX_RECEIVE_COUNT))  # as the queues below
    for var in ("OUTPUT_BUCKET", "ALLOWED_BUCKETS", "OUTPUT_PREFIX", "SQS_QUEUE_URL",
                "SQS_DLQ_URL", "LOCAL_STORE_DIR", "AWS_ENDPOINT_URL", "ALLOWED_PREFIXES",
                "LOG_LEVEL"):  # fmt: skip
        monkeypatch.delenv(var, raising=False)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    before = {p.pid for p in psutil.Process().children(recursive=True)}  # e.g. the CDK's node
    yield tmp
    leftovers = sorted(p.name for p in tmp.iterdir())
    assert not leftovers, f"temp folders left behind: {leftovers}"
    started = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
    assert not started, f"sample processes left running: {started}"


class Aws:
    """A bucket, a queue and its DLQ (RedrivePolicy maxReceiveCount 3, visibility 1 s)."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        kw = {"endpoint_url": endpoint, "region_name": REGION}
        self.s3 = boto3.client("s3", **kw)
        self.sqs = boto3.client("sqs", **kw)
        name = uuid.uuid4().hex[:12]
        self.bucket = f"out-{name}"
        self.s3.create_bucket(Bucket=self.bucket)
        self.dlq_url = self.sqs.create_queue(QueueName=f"dlq-{name}")["QueueUrl"]
        dlq_arn = self.sqs.get_queue_attributes(QueueUrl=self.dlq_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        self.queue_url = self.sqs.create_queue(
            QueueName=f"tasks-{name}",
            Attributes={
                "VisibilityTimeout": "1",
                "RedrivePolicy": json.dumps(
                    {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(MAX_RECEIVE_COUNT)}
                ),
            },
        )["QueueUrl"]
        self.queue_arn = self.sqs.get_queue_attributes(
            QueueUrl=self.queue_url, AttributeNames=["QueueArn"]
        )["Attributes"]["QueueArn"]

    # -- S3 ----------------------------------------------------------------------------

    def keys(self, prefix: str = "") -> list[str]:
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return sorted(o["Key"] for p in pages for o in p.get("Contents", []))

    def get(self, key: str) -> bytes:
        return self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def get_json(self, key: str):
        return json.loads(self.get(key))

    # -- SQS ---------------------------------------------------------------------------

    def send(self, body: str) -> None:
        self.sqs.send_message(QueueUrl=self.queue_url, MessageBody=body)

    def counts(self, url: str) -> int:
        a = self.sqs.get_queue_attributes(
            QueueUrl=url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        return int(a["ApproximateNumberOfMessages"]) + int(
            a["ApproximateNumberOfMessagesNotVisible"]
        )

    def take_dlq(self) -> list[dict]:
        """Every message now in the DLQ (removed from it)."""
        out = []
        while True:
            got = self.sqs.receive_message(
                QueueUrl=self.dlq_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"],
                AttributeNames=["All"],
            ).get("Messages", [])  # fmt: skip
            if not got:
                return out
            for m in got:
                self.sqs.delete_message(QueueUrl=self.dlq_url, ReceiptHandle=m["ReceiptHandle"])
            out += got

    def take_queue(self) -> list[dict]:
        """Every visible message of the task queue (removed from it)."""
        out = []
        while got := self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10).get(
            "Messages", []
        ):
            for m in got:
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=m["ReceiptHandle"])
            out += got
        return out


class FakeContext:
    """A Lambda context. `remaining_ms` is a number, or a list read one call at a time
    (its last value repeats)."""

    def __init__(self, remaining_ms=900_000):
        self.script = list(remaining_ms) if isinstance(remaining_ms, list) else [remaining_ms]
        self.calls = 0
        self.aws_request_id = uuid.uuid4().hex

    def get_remaining_time_in_millis(self) -> int:
        value = self.script[min(self.calls, len(self.script) - 1)]
        self.calls += 1
        return value


class EventSource:
    """Plays Lambda's SQS event source mapping: receive a batch, call the handler with it,
    delete the messages it did not report in batchItemFailures."""

    def __init__(self, aws: Aws):
        self.aws = aws
        self.deliveries = 0

    def deliver(self, context=None, wait: int = 0, batch: int = 10):
        """One poll; the handler's response (None when the queue gave nothing)."""
        sqs = self.aws.sqs
        msgs = sqs.receive_message(
            QueueUrl=self.aws.queue_url, MaxNumberOfMessages=batch, AttributeNames=["All"],
            MessageAttributeNames=["All"], WaitTimeSeconds=wait,
        ).get("Messages", [])  # fmt: skip
        if not msgs:
            return None
        event = {"Records": [{
            "messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"],
            "body": m["Body"], "attributes": m.get("Attributes", {}),
            "messageAttributes": m.get("MessageAttributes", {}), "md5OfBody": m["MD5OfBody"],
            "eventSource": "aws:sqs", "eventSourceARN": self.aws.queue_arn, "awsRegion": REGION,
        } for m in msgs]}  # fmt: skip
        self.deliveries += 1
        response = handler_module.handler(event, context or FakeContext())
        failed = {f["itemIdentifier"] for f in response["batchItemFailures"]}
        for m in msgs:
            if m["MessageId"] not in failed:
                sqs.delete_message(QueueUrl=self.aws.queue_url, ReceiptHandle=m["ReceiptHandle"])
        return response

    def drain(self, rounds: int = 12, wait: int = 2) -> int:
        """Deliver until the task queue is empty (retries included); deliveries made."""
        made = 0
        for _ in range(rounds):
            if self.aws.counts(self.aws.queue_url) == 0:
                break
            if self.deliver(wait=wait) is not None:
                made += 1
        return made


@pytest.fixture
def aws(moto_endpoint, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_REGION", REGION)
    a = Aws(moto_endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("OUTPUT_BUCKET", a.bucket)
    monkeypatch.setenv("SQS_QUEUE_URL", a.queue_url)
    monkeypatch.setenv("SQS_DLQ_URL", a.dlq_url)
    return a


@pytest.fixture
def source(aws):
    return EventSource(aws)


def wait_visible(aws: Aws, seconds: float = 1.2) -> None:
    """Let a failed message's visibility timeout (1 s) pass."""
    time.sleep(seconds)
