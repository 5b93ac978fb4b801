"""AWS through boto3: queue counts, batched sends with retry, peek, purge, DLQ collect /
move / delete, message move tasks, CloudFormation outputs.

`Aws(config)` owns the clients (thread-safe; one per service). Every method turns boto3's
failures into the typed one-line errors of `errors.py`.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

from .config import Config
from .errors import BackendError, aws_errors, translate

MAX_BATCH = 10  # SQS: entries per SendMessageBatch / DeleteMessageBatch
MAX_BATCH_BYTES = 262_144  # SQS: total payload of one batch
LOCAL_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}
_RETRYABLE = {
    "Throttling", "ThrottlingException", "RequestThrottled", "ServiceUnavailable",
    "InternalError", "InternalFailure", "AWS.SimpleQueueService.InternalError",
    "RequestTimeout", "SlowDown", "500", "502", "503", "504",
}  # fmt: skip
_UNSUPPORTED = {"UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation",
                "InvalidAction", "NotImplemented", "500", "501"}  # fmt: skip


# --- messages -----------------------------------------------------------------------


@dataclass
class QueueMessage:
    """A received SQS message, as the API returned it."""

    message_id: str
    receipt_handle: str
    body: str
    attributes: dict[str, str] = field(default_factory=dict)
    message_attributes: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def from_api(cls, m: dict) -> QueueMessage:
        return cls(m["MessageId"], m["ReceiptHandle"], m.get("Body", ""),
                   dict(m.get("Attributes", {})), dict(m.get("MessageAttributes", {})))  # fmt: skip

    @property
    def receive_count(self) -> int:
        try:
            return int(self.attributes.get("ApproximateReceiveCount", 0))
        except ValueError:
            return 0

    @property
    def sent_timestamp(self) -> str:
        return self.attributes.get("SentTimestamp", "")

    def attribute(self, name: str) -> str | None:
        a = self.message_attributes.get(name)
        return a.get("StringValue") if a else None

    def parsed_body(self) -> dict | None:
        """The body as a JSON object, or None when it is not one."""
        try:
            data = json.loads(self.body)
            if isinstance(data, str):  # a JSON string holding the JSON (seen in old DLQs)
                data = json.loads(data)
        except (ValueError, TypeError):
            return None
        return data if isinstance(data, dict) else None

    def seed_record(self) -> dict:
        """The record the seed's DLQ download tool wrote for a message (one JSON file each)."""
        body = self.parsed_body()
        return {
            "message_id": self.message_id,
            "receipt_handle": self.receipt_handle,
            "timestamp": self.sent_timestamp,
            "receive_count": self.attributes.get("ApproximateReceiveCount", ""),
            "first_receive_timestamp": self.attributes.get("ApproximateFirstReceiveTimestamp", ""),
            "attributes": self.attributes,
            "message_attributes": self.message_attributes,
            "body": body if body is not None else {"raw_body": self.body},
        }


def body_from_seed_record(record: dict) -> tuple[str, dict]:
    """(message body, message attributes to send) from a downloaded DLQ record (ours or the
    seed tool's): `body` may be an object, a JSON string, or `{"raw_body": text}`."""
    if not isinstance(record, dict) or "body" not in record:
        raise ValueError("not a DLQ message record (no `body`)")
    body = record["body"]
    if isinstance(body, dict) and set(body) == {"raw_body"}:
        text = str(body["raw_body"])
    elif isinstance(body, str):
        text = body
    else:
        text = json.dumps(body, separators=(",", ":"))
    attrs = {}
    for name, a in (record.get("message_attributes") or {}).items():
        if isinstance(a, dict) and a.get("DataType") and "StringValue" in a:
            attrs[name] = {"DataType": a["DataType"], "StringValue": a["StringValue"]}
    return text, attrs


@dataclass(frozen=True)
class QueueCounts:
    url: str
    name: str
    visible: int
    in_flight: int
    delayed: int

    @property
    def total(self) -> int:
        return self.visible + self.in_flight + self.delayed


@dataclass
class SendReport:
    sent: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)  # (index, "code: message")
    retries: int = 0
    seconds: float = 0.0


@dataclass
class MoveReport:
    moved: int = 0
    failed: int = 0
    method: str = "manual"  # or "move-task"
    task_handle: str | None = None


def queue_name(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _backoff(attempt: int, base: float = 0.1, cap: float = 5.0) -> float:
    """Exponential backoff with full jitter."""
    return random.uniform(0, min(cap, base * 2**attempt))


def _code(error: Exception) -> str:
    resp = getattr(error, "response", None) or {}
    code = str(resp.get("Error", {}).get("Code", ""))
    status = resp.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return code or (str(status) if status else "")


def _retryable(error: Exception) -> bool:
    from botocore import exceptions as bx

    if isinstance(error, bx.ClientError):
        return _code(error) in _RETRYABLE
    return isinstance(error, bx.ConnectionClosedError | bx.ReadTimeoutError)


# --- clients ------------------------------------------------------------------------


class Aws:
    """boto3 clients for a resolved Config, and the operations the CLI and console use."""

    def __init__(self, config: Config, max_pool: int = 16):
        self.config = config
        self._max_pool = max_pool
        self._clients: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._session = None

    def session(self):
        import boto3

        if self._session is None:
            with aws_errors("opening the AWS session"):
                self._session = boto3.Session(
                    profile_name=self.config.profile,
                    region_name=self.config.region or None,
                )
        return self._session

    def client(self, service: str):
        with self._lock:
            if service not in self._clients:
                self._clients[service] = self._make(service)
            return self._clients[service]

    def _make(self, service: str):
        from botocore.config import Config as BotoConfig

        session = self.session()
        kwargs: dict[str, Any] = {
            "config": BotoConfig(
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=5,
                read_timeout=40,  # above the 20 s of a long poll
                max_pool_connections=self._max_pool,
            )
        }
        if self.config.endpoint_url:
            kwargs["endpoint_url"] = self.config.endpoint_url
        region = self.config.region or session.region_name
        if self.config.is_local:
            region = region or "us-east-1"
        if self.config.local is not None and session.get_credentials() is None:
            kwargs.update(LOCAL_CREDENTIALS)  # the embedded stack takes any credentials
        if not region:
            from .errors import ConfigError

            raise ConfigError(
                "no AWS region configured: pass --region, set AWS_REGION, or use a profile "
                "that has one"
            )
        kwargs["region_name"] = region
        with aws_errors(f"creating the {service} client"):
            return session.client(service, **kwargs)

    @property
    def sqs(self):
        return self.client("sqs")

    @property
    def s3(self):
        return self.client("s3")

    # --- queue inspection -------------------------------------------------------------

    def queue_attributes(self, url: str, names: Sequence[str] = ("All",)) -> dict[str, str]:
        with aws_errors(f"reading queue {queue_name(url)}"):
            # an attribute the queue does not have is left out (all of them: no "Attributes")
            answer = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=list(names))
            return answer.get("Attributes", {})

    def queue_counts(self, url: str) -> QueueCounts:
        a = self.queue_attributes(url, ("ApproximateNumberOfMessages",
                                        "ApproximateNumberOfMessagesNotVisible",
                                        "ApproximateNumberOfMessagesDelayed"))  # fmt: skip
        return QueueCounts(url, queue_name(url), int(a.get("ApproximateNumberOfMessages", 0)),
                           int(a.get("ApproximateNumberOfMessagesNotVisible", 0)),
                           int(a.get("ApproximateNumberOfMessagesDelayed", 0)))  # fmt: skip

    def queue_arn(self, url: str) -> str:
        return self.queue_attributes(url, ("QueueArn",))["QueueArn"]

    def check_queue(self, url: str) -> None:
        """Raise the matching BackendError unless the queue answers."""
        self.queue_attributes(url, ("QueueArn",))

    # --- sending ------------------------------------------------------------------------

    def send_bodies(
        self,
        url: str,
        bodies: Sequence[str],
        *,
        attributes: Sequence[dict] | None = None,
        threads: int = 8,
        max_attempts: int = 8,
        on_progress: Callable[[int], None] | None = None,
    ) -> SendReport:
        """Send every body (batches of 10, `threads` at once); failed entries are retried
        with exponential backoff. Entries that still fail (or that SQS refuses as the
        sender's fault) are listed in the report, never silently dropped."""
        report = SendReport()
        started = time.perf_counter()
        batches = list(_batches(bodies))
        if not batches:
            return report
        lock = threading.Lock()

        def send(indices: list[int]) -> tuple[int, list[tuple[int, str]], int]:
            pending, failed, retries = list(indices), [], 0
            for attempt in range(max_attempts):
                entries = []
                for i in pending:
                    e = {"Id": str(i), "MessageBody": bodies[i]}
                    if attributes and attributes[i]:
                        e["MessageAttributes"] = attributes[i]
                    entries.append(e)
                try:
                    resp = self.sqs.send_message_batch(QueueUrl=url, Entries=entries)
                except Exception as e:
                    if not _retryable(e) or attempt == max_attempts - 1:
                        raise translate(e, f"sending to queue {queue_name(url)}") or e from e
                    retries += 1
                    time.sleep(_backoff(attempt))
                    continue
                again = []
                for f in resp.get("Failed", []):
                    i = int(f["Id"])
                    if f.get("SenderFault"):
                        failed.append((i, f"{f.get('Code')}: {f.get('Message', '')}"))
                    else:
                        again.append(i)
                if not again:
                    pending = []
                    break
                pending = again
                retries += 1
                time.sleep(_backoff(attempt))
            failed += [(i, "still failing after retries") for i in pending]
            return len(indices) - len(failed), failed, retries

        first_error: BaseException | None = None
        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            futures = {pool.submit(send, b): b for b in batches}
            for future in as_completed(futures):
                try:
                    sent, failed, retries = future.result()
                except BaseException as e:  # keep counting; report the first cause
                    first_error = first_error or e
                    failed = [(i, "not sent") for i in futures[future]]
                    sent, retries = 0, 0
                with lock:
                    report.sent += sent
                    report.failed += failed
                    report.retries += retries
                if on_progress:
                    on_progress(sent)
        report.failed.sort()
        report.seconds = time.perf_counter() - started
        if first_error is not None and report.sent == 0:
            raise first_error
        return report

    # --- receiving ----------------------------------------------------------------------

    def _receive(self, url: str, n: int, visibility: int, wait: int) -> list[QueueMessage]:
        with aws_errors(f"receiving from queue {queue_name(url)}"):
            resp = self.sqs.receive_message(
                QueueUrl=url,
                MaxNumberOfMessages=max(1, min(MAX_BATCH, n)),
                VisibilityTimeout=visibility,
                WaitTimeSeconds=wait,
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
            )
        return [QueueMessage.from_api(m) for m in resp.get("Messages", [])]

    def peek(self, url: str, limit: int = 10, wait: int = 1) -> list[QueueMessage]:
        """Up to `limit` messages without consuming them: received with visibility timeout 0,
        so they stay visible. Each peek still counts as a receive (ApproximateReceiveCount
        grows, and on a queue with a redrive policy it brings messages closer to the DLQ)."""
        seen: dict[str, QueueMessage] = {}
        for _ in range(max(1, (limit + MAX_BATCH - 1) // MAX_BATCH) * 3):
            got = self._receive(url, limit - len(seen), 0, wait)
            fresh = [m for m in got if m.message_id not in seen]
            for m in fresh:
                seen[m.message_id] = m
            if not fresh or len(seen) >= limit:
                break
        return list(seen.values())[:limit]

    def collect(self, url: str, limit: int | None = None, hold: int = 60) -> list[QueueMessage]:
        """Receive every message (up to `limit`), each hidden for `hold` seconds so none is
        seen twice. Call `release` to show them again or `delete` to remove them."""
        out: dict[str, QueueMessage] = {}
        for batch in self.iter_collect(url, limit, hold):
            for m in batch:
                out[m.message_id] = m
        return list(out.values())

    def iter_collect(
        self, url: str, limit: int | None = None, hold: int = 60
    ) -> Iterator[list[QueueMessage]]:
        """Batches of received messages (each hidden for `hold` s) until the queue is empty."""
        taken = 0
        while limit is None or taken < limit:
            want = MAX_BATCH if limit is None else min(MAX_BATCH, limit - taken)
            got = self._receive(url, want, hold, 1)
            if not got:
                return
            taken += len(got)
            yield got

    def release(self, url: str, messages: Iterable[QueueMessage]) -> None:
        """Make held messages visible again at once."""
        msgs = list(messages)
        for chunk in _chunks(msgs, MAX_BATCH):
            entries = [{"Id": str(i), "ReceiptHandle": m.receipt_handle, "VisibilityTimeout": 0}
                       for i, m in enumerate(chunk)]  # fmt: skip
            with aws_errors(f"releasing messages on {queue_name(url)}"):
                self.sqs.change_message_visibility_batch(QueueUrl=url, Entries=entries)

    def delete(self, url: str, messages: Iterable[QueueMessage]) -> int:
        """Delete received messages; returns how many SQS confirmed."""
        done = 0
        for chunk in _chunks(list(messages), MAX_BATCH):
            entries = [{"Id": str(i), "ReceiptHandle": m.receipt_handle}
                       for i, m in enumerate(chunk)]  # fmt: skip
            with aws_errors(f"deleting messages from {queue_name(url)}"):
                resp = self.sqs.delete_message_batch(QueueUrl=url, Entries=entries)
            done += len(resp.get("Successful", []))
        return done

    def purge(self, url: str) -> None:
        with aws_errors(f"purging queue {queue_name(url)}"):
            self.sqs.purge_queue(QueueUrl=url)

    # --- moving -------------------------------------------------------------------------

    def move(
        self,
        source: str,
        destination: str,
        *,
        limit: int | None = None,
        on_progress: Callable[[int], None] | None = None,
        keep_attributes: bool = True,
    ) -> MoveReport:
        """Move messages by hand: receive a batch, send it to `destination`, and only then
        delete what was sent. An interruption can duplicate a message, never lose one."""
        report = MoveReport(method="manual")
        for batch in self.iter_collect(source, limit, hold=120):
            bodies = [m.body for m in batch]
            attrs = [_sendable_attributes(m.message_attributes) if keep_attributes else {}
                     for m in batch]  # fmt: skip
            sent = self.send_bodies(destination, bodies, attributes=attrs, threads=1)
            bad = {i for i, _ in sent.failed}
            ok = [m for i, m in enumerate(batch) if i not in bad]
            self.delete(source, ok)
            if bad:
                self.release(source, [m for i, m in enumerate(batch) if i in bad])
            report.moved += len(ok)
            report.failed += len(bad)
            if on_progress:
                on_progress(len(ok))
        return report

    def start_move_task(self, source: str, destination: str | None = None) -> str | None:
        """Start an SQS message move task from `source` (a DLQ); the task handle, or None
        when the endpoint has no such operation (moto, older endpoints)."""
        kwargs = {"SourceArn": self.queue_arn(source)}
        if destination:
            kwargs["DestinationArn"] = self.queue_arn(destination)
        try:
            return self.sqs.start_message_move_task(**kwargs)["TaskHandle"]
        except Exception as e:
            from botocore import exceptions as bx

            if isinstance(e, bx.ClientError) and _code(e) in _UNSUPPORTED:
                return None
            if isinstance(e, AttributeError | bx.OperationNotPageableError):
                return None
            raise translate(e, "starting a message move task") or e from e

    def move_tasks(self, source: str) -> list[dict]:
        with aws_errors("listing message move tasks"):
            return self.sqs.list_message_move_tasks(SourceArn=self.queue_arn(source))["Results"]

    def redrive(
        self,
        dlq: str,
        queue: str,
        *,
        prefer_task: bool = True,
        on_progress: Callable[[int], None] | None = None,
    ) -> MoveReport:
        """Move the DLQ back to the task queue: a message move task where the endpoint has
        one (it runs inside SQS; the report carries its handle), a manual move otherwise."""
        if prefer_task and not self.config.is_local:
            handle = self.start_move_task(dlq, queue)
            if handle:
                return MoveReport(method="move-task", task_handle=handle)
        return self.move(dlq, queue, on_progress=on_progress)


def _sendable_attributes(attrs: dict[str, dict]) -> dict[str, dict]:
    out = {}
    for name, a in attrs.items():
        if a.get("DataType", "").startswith(("String", "Number")) and "StringValue" in a:
            out[name] = {"DataType": a["DataType"], "StringValue": a["StringValue"]}
        elif a.get("DataType", "").startswith("Binary") and "BinaryValue" in a:
            out[name] = {"DataType": a["DataType"], "BinaryValue": a["BinaryValue"]}
    return out


def _chunks(items: Sequence, n: int) -> Iterator[Sequence]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _batches(bodies: Sequence[str]) -> Iterator[list[int]]:
    """Index lists of at most 10 bodies and 256 KiB each, in order."""
    batch: list[int] = []
    size = 0
    for i, body in enumerate(bodies):
        n = len(body.encode())
        if n > MAX_BATCH_BYTES:
            raise BackendError(f"message {i} is {n} bytes; SQS takes at most {MAX_BATCH_BYTES}")
        if batch and (len(batch) == MAX_BATCH or size + n > MAX_BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(i)
        size += n
    if batch:
        yield batch


def stack_outputs(config: Config, name: str) -> dict[str, str]:
    """A CloudFormation stack's outputs, OutputKey -> OutputValue."""
    aws = Aws(config)
    with aws_errors(f"reading stack {name}"):
        stacks = aws.client("cloudformation").describe_stacks(StackName=name)["Stacks"]
    if not stacks:
        from .errors import NotFound

        raise NotFound(f"stack {name} does not exist")
    return {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}
