"""The local poller: plays Lambda's SQS event source on one machine.

    python -m lambda_src.local_poller --queue-url URL --endpoint-url http://127.0.0.1:PORT

Long-polls the task queue and calls the worker's handler with what Lambda would pass: an
event `{"Records": [{"messageId", "receiptHandle", "body", "attributes":
{"ApproximateReceiveCount", ...}, "messageAttributes", "md5OfBody", "eventSource":
"aws:sqs", "eventSourceARN", "awsRegion"}]}` and a context whose
`get_remaining_time_in_millis()` counts down the function timeout. Like Lambda with
`ReportBatchItemFailures`, it deletes the records that succeeded and leaves the ones named
in `batchItemFailures` (all of them if the handler raises or answers nonsense) for SQS to
redeliver after the visibility timeout, counting receives towards the redrive policy.

SIGTERM or SIGINT stops it cleanly: no new receive; the invocation in progress sees its
deadline brought forward to the handler's reserve (`DEADLINE_RESERVE_S`), so it stops
starting samples, uploads what is done and enqueues a continuation for the rest. A second
signal brings the deadline to now. It also stops when the process that started it dies.

The handler reads its settings from the environment (`OUTPUT_BUCKET`, `SQS_QUEUE_URL`,
`SQS_DLQ_URL`, `AWS_ENDPOINT_URL`, `LOCAL_STORE_DIR`, ...); the local stack sets them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from typing import Any

DEFAULT_FUNCTION = "vmwheel-local-worker"
ACCOUNT = "123456789012"


class LocalContext:
    """The Lambda context object, with a deadline that can be brought forward."""

    def __init__(
        self,
        function_name: str = DEFAULT_FUNCTION,
        timeout_s: float = 900.0,
        memory_mb: int = 10240,
        region: str = "us-east-1",
    ):
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:{region}:{ACCOUNT}:function:{function_name}"
        self.memory_limit_in_mb = str(memory_mb)  # a string, as in Lambda's Python runtime
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = time.strftime("%Y/%m/%d/[$LATEST]") + uuid.uuid4().hex
        self.identity = None
        self.client_context = None
        self.tenant_id = None
        self._deadline = time.monotonic() + timeout_s
        self._lock = threading.Lock()

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))

    def shorten(self, seconds: float) -> None:
        """Bring the deadline forward to `seconds` from now (never push it back)."""
        with self._lock:
            self._deadline = min(self._deadline, time.monotonic() + max(0.0, seconds))


def lambda_record(message: dict, queue_arn: str, region: str) -> dict:
    """One SQS message (as ReceiveMessage returns it) as a Lambda SQS event record."""
    attrs = message.get("Attributes", {})
    out_attrs = {k: attrs[k] for k in ("ApproximateReceiveCount", "SentTimestamp", "SenderId",
                                       "ApproximateFirstReceiveTimestamp", "MessageGroupId",
                                       "MessageDeduplicationId", "SequenceNumber",
                                       "AWSTraceHeader") if k in attrs}  # fmt: skip
    mattrs = {}
    for name, a in message.get("MessageAttributes", {}).items():
        entry = {"stringListValues": [], "binaryListValues": [], "dataType": a.get("DataType")}
        if "StringValue" in a:
            entry["stringValue"] = a["StringValue"]
        if "BinaryValue" in a:
            entry["binaryValue"] = a["BinaryValue"]
        mattrs[name] = entry
    record = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message.get("Body", ""),
        "attributes": out_attrs,
        "messageAttributes": mattrs,
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }
    if "MD5OfMessageAttributes" in message:
        record["md5OfMessageAttributes"] = message["MD5OfMessageAttributes"]
    return record


def failed_ids(response: Any, ids: list[str]) -> set[str]:
    """Message ids to leave on the queue, per Lambda's ReportBatchItemFailures rules: the
    named ones; every one if the response names an id not in the batch or is malformed."""
    if response is None:
        return set()
    if not isinstance(response, dict):
        return set()  # Lambda treats any other return value as success
    items = response.get("batchItemFailures")
    if items is None:
        return set()
    if not isinstance(items, list):
        return set(ids)
    out = set()
    for item in items:
        ident = item.get("itemIdentifier") if isinstance(item, dict) else None
        if not ident or ident not in ids:
            return set(ids)
        out.add(ident)
    return out


def _describe(body: str) -> str:
    try:
        d = json.loads(body)
        start = int(d.get("start_index") or 0)
        return f"{d.get('type')} [{start}, {start + int(d.get('num_samples') or 0)})"
    except (ValueError, TypeError, AttributeError):
        return "(unparsable body)"


class Poller:
    """Receives from the task queue and invokes `handler(event, context)` per batch."""

    def __init__(
        self,
        queue_url: str,
        handler: Callable[[dict, Any], Any],
        *,
        sqs: Any = None,
        endpoint_url: str | None = None,
        region: str = "us-east-1",
        batch_size: int = 1,
        function_timeout: float = 900.0,
        function_name: str = DEFAULT_FUNCTION,
        wait_seconds: int = 5,
        stop_reserve: float = 20.0,
        log: Callable[[str], None] | None = None,
    ):
        self.queue_url = queue_url
        self.handler = handler
        self.region = region
        self.batch_size = max(1, min(10, batch_size))
        self.function_timeout = function_timeout
        self.function_name = function_name
        self.wait_seconds = wait_seconds
        self.stop_reserve = stop_reserve
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.stopping = threading.Event()
        self.current: LocalContext | None = None
        self.invocations = 0
        if sqs is None:
            import boto3

            sqs = boto3.client("sqs", endpoint_url=endpoint_url, region_name=region)
        self.sqs = sqs
        self._arn: str | None = None

    @property
    def queue_arn(self) -> str:
        if self._arn is None:
            self._arn = self.sqs.get_queue_attributes(
                QueueUrl=self.queue_url, AttributeNames=["QueueArn"]
            )["Attributes"]["QueueArn"]
        return self._arn

    def request_stop(self, hard: bool = False) -> None:
        """Stop receiving; the invocation in progress is told to wrap up."""
        self.stopping.set()
        ctx = self.current
        if ctx is not None:
            ctx.shorten(0.0 if hard else self.stop_reserve)

    def poll_once(self) -> int:
        """One receive and, if it brought messages, one invocation; records handled."""
        resp = self.sqs.receive_message(
            QueueUrl=self.queue_url,
            MaxNumberOfMessages=self.batch_size,
            WaitTimeSeconds=self.wait_seconds,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        messages = resp.get("Messages", [])
        if not messages:
            return 0
        if self.stopping.is_set():  # received while stopping: hand them straight back
            self._release(messages)
            return 0
        self.invoke(messages)
        return len(messages)

    def invoke(self, messages: list[dict]) -> set[str]:
        """Call the handler on these messages; delete the successes. The failed ids."""
        event = {"Records": [lambda_record(m, self.queue_arn, self.region) for m in messages]}
        ids = [m["MessageId"] for m in messages]
        ctx = LocalContext(self.function_name, self.function_timeout, region=self.region)
        if self.stopping.is_set():
            ctx.shorten(self.stop_reserve)
        self.current = ctx
        started = time.monotonic()
        try:
            response = self.handler(event, ctx)
            failed = failed_ids(response, ids)
            outcome = "acknowledged" if not failed else f"{len(failed)} left for redelivery"
        except Exception as e:  # Lambda: an error fails the whole batch
            failed = set(ids)
            outcome = f"handler raised {type(e).__name__}: {e}"
            self.log(traceback.format_exc().rstrip())
        finally:
            self.current = None
        elapsed = time.monotonic() - started
        self.invocations += 1
        done = [m for m in messages if m["MessageId"] not in failed]
        if done:
            self._delete(done)
        if elapsed > self.function_timeout:
            outcome += f" (over the {self.function_timeout:.0f} s function timeout)"
        what = ", ".join(_describe(m.get("Body", "")) for m in messages)
        self.log(f"worker {os.getpid()}: {what}: {outcome} in {elapsed:.1f} s")
        return failed

    def _delete(self, messages: list[dict]) -> None:
        entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                   for i, m in enumerate(messages)]  # fmt: skip
        try:
            resp = self.sqs.delete_message_batch(QueueUrl=self.queue_url, Entries=entries)
            for f in resp.get("Failed", []):
                self.log(f"worker {os.getpid()}: delete failed: {f.get('Code')} {f.get('Message')}")
        except Exception as e:  # redelivered later; the handler's idempotency covers it
            self.log(f"worker {os.getpid()}: delete failed: {type(e).__name__}: {e}")

    def _release(self, messages: list[dict]) -> None:
        entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0}
                   for i, m in enumerate(messages)]  # fmt: skip
        try:
            self.sqs.change_message_visibility_batch(QueueUrl=self.queue_url, Entries=entries)
        except Exception as e:  # they come back after the visibility timeout anyway
            self.log(f"worker {os.getpid()}: release failed: {type(e).__name__}: {e}")

    def run(self, parent_pid: int | None = None) -> None:
        """Poll until asked to stop (or until the parent process is gone)."""
        errors = 0
        while not self.stopping.is_set():
            if parent_pid and os.getppid() != parent_pid:
                self.log(f"worker {os.getpid()}: the local stack is gone; stopping")
                return
            try:
                self.poll_once()
                errors = 0
            except Exception as e:  # endpoint restarting, queue deleted...
                if self.stopping.is_set():
                    return
                errors += 1
                if errors in (1, 10) or errors % 100 == 0:
                    self.log(f"worker {os.getpid()}: receive failed: {type(e).__name__}: {e}")
                self.stopping.wait(min(5.0, 0.2 * errors))


def load_handler(spec: str) -> Callable:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "handler")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m lambda_src.local_poller",
                                description="Play Lambda's SQS event source on one machine.")  # fmt: skip
    p.add_argument("--queue-url", default=os.environ.get("SQS_QUEUE_URL"))
    p.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"))
    p.add_argument("--region", default=os.environ.get("AWS_REGION", "us-east-1"))
    p.add_argument("--handler", default="lambda_src.handler:handler", help="module:function")
    p.add_argument("--batch-size", type=int, default=1)
    p.add_argument("--timeout", type=float, default=900.0, help="function timeout, seconds")
    p.add_argument("--wait", type=int, default=5, help="long-poll seconds per receive")
    p.add_argument("--function-name", default=DEFAULT_FUNCTION)
    p.add_argument("--parent-pid", type=int, default=None, help="stop when this process is gone")
    args = p.parse_args(argv)
    if not args.queue_url:
        p.error("--queue-url (or SQS_QUEUE_URL) is required")

    reserve = float(os.environ.get("DEADLINE_RESERVE_S") or 20.0)
    handler = load_handler(args.handler)
    poller = Poller(args.queue_url, handler, endpoint_url=args.endpoint_url, region=args.region,
                    batch_size=args.batch_size, function_timeout=args.timeout,
                    function_name=args.function_name, wait_seconds=args.wait,
                    stop_reserve=reserve)  # fmt: skip
    signals = {"n": 0}

    def on_signal(signum, frame):
        signals["n"] += 1
        poller.request_stop(hard=signals["n"] > 1)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    poller.run(parent_pid=args.parent_pid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
