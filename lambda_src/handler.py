"""The Lambda entry point: `lambda_src.handler.handler(event, context)`.

Events:
- an SQS batch (`{"Records": [...]}` from the event source mapping): each record is one
  task message; the answer is a partial batch response,
  `{"batchItemFailures": [{"itemIdentifier": messageId}, ...]}`, listing the records SQS
  should deliver again (the mapping must enable `ReportBatchItemFailures`);
- a direct invocation whose event is one message body (an object or a JSON string): the
  answer is the outcome as a dict; a transient failure raises, so the caller sees it.

Per message (DESIGN.md, failure semantics):
1. Validate (lambda_src.contract). Invalid -> failure record, the body goes to
   `SQS_DLQ_URL` with message attributes `error_type`, `error` (and `failure_record`,
   its key), and the record is acknowledged: it reaches the DLQ after one receive.
2. Skip what is done: manifests with the same seed, params and format that already cover
   the range are followed (`ledger.covered_until`); a fully covered shard is
   acknowledged without writing anything, a partly covered one resumes where they end.
3. Run the shard (lambda_src.shard). A permanent failure is dead-lettered as in 1; a
   transient one writes a failure record for this attempt (`ApproximateReceiveCount`)
   and is reported in `batchItemFailures`, so SQS retries and, after `maxReceiveCount`,
   moves it to the DLQ itself.
4. Deadline: when the invocation's remaining time cut the shard, the manifest of the
   finished part is written and a continuation message for the rest is sent to
   `SQS_QUEUE_URL`; the record is acknowledged. A later record of the batch that gets no
   time at all is re-enqueued unchanged.

Output: the S3 bucket of the message (default `OUTPUT_BUCKET`, allowed: that plus
`ALLOWED_BUCKETS`), or, with `LOCAL_STORE_DIR`, that folder (same layout; the bucket is
still checked against the allow-list but not used). Generators are imported lazily:
only the one a message names, and boto3 only when S3 or SQS is used.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from typing import Any

from . import layout, obs
from .config import Config
from .contract import PermanentError, Task, TransientError, parse_body, parse_task

MAX_ERROR_ATTRIBUTE = 4096
MAX_TRACEBACK = 32_000
DEFAULT_TIMEOUT_S = 900.0

_clients: dict[tuple, Any] = {}
_clients_lock = threading.Lock()


# --- AWS clients and stores ---------------------------------------------------------


def _client(service: str, endpoint_url: str | None):
    import os

    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    key = (service, endpoint_url, region)
    with _clients_lock:
        if key not in _clients:
            if service == "s3":
                from .stores import s3_client

                _clients[key] = s3_client(endpoint_url, region)
            else:
                import boto3

                _clients[key] = boto3.client(service, endpoint_url=endpoint_url,
                                             region_name=region)  # fmt: skip
        return _clients[key]


def make_store(config: Config, bucket: str | None):
    """The output store for a bucket under this configuration (tests replace this)."""
    from .stores import LocalStore, S3Store

    if config.local_store_dir:
        return LocalStore(config.local_store_dir)
    if not bucket:
        raise TransientError("no output bucket: set OUTPUT_BUCKET or LOCAL_STORE_DIR")
    return S3Store(bucket, client=_client("s3", config.endpoint_url))


def send_message(config: Config, queue_url: str, body: str, attributes: dict | None = None):
    kwargs: dict[str, Any] = {"QueueUrl": queue_url, "MessageBody": body}
    if attributes:
        kwargs["MessageAttributes"] = {
            k: {"DataType": "String", "StringValue": _sqs_text(v) or "-"}
            for k, v in attributes.items()
        }
    _client("sqs", config.endpoint_url).send_message(**kwargs)


def _sqs_text(text: str, limit: int = MAX_ERROR_ATTRIBUTE) -> str:
    """Only the characters SQS accepts in a message attribute, at most `limit`."""
    ok = "".join(
        c
        if c in "\t\n\r"
        or "\x20" <= c <= "\ud7ff"
        or "\ue000" <= c <= "\ufffd"
        or "\U00010000" <= c <= "\U0010ffff"
        else "?"
        for c in str(text)[:limit]
    )
    return ok


# --- time ------------------------------------------------------------------------------


class Clock:
    """The invocation's remaining time, from the Lambda context (15 min without one)."""

    def __init__(self, context: Any):
        self._remaining = getattr(context, "get_remaining_time_in_millis", None)
        self._t0 = time.monotonic()

    def remaining_s(self) -> float:
        if self._remaining is not None:
            try:
                return float(self._remaining()) / 1000.0
            except Exception:
                pass
        return DEFAULT_TIMEOUT_S - (time.monotonic() - self._t0)


# --- outcomes ------------------------------------------------------------------------


@dataclass
class Outcome:
    status: str  # done, continued, skipped, deferred, dead-lettered, retry
    generator: str = ""
    job_id: str = ""
    start: int = 0
    stop: int = 0
    error_type: str = ""
    error: str = ""
    manifests: list[str] = field(default_factory=list)
    failure_record: str = ""
    continuation: str = ""

    @property
    def retry(self) -> bool:
        return self.status == "retry"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Where:
    """Where a message's records go, as far as the message could be understood."""

    bucket: str | None
    prefix: str
    job_id: str
    generator: str
    start: int
    stop: int


def _where(task: Task | None, body: str, config: Config) -> _Where:
    try:
        return _locate(task, body, config)
    except Exception:  # never let a record's location stop its failure handling
        digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return _Where(config.output_bucket, config.output_prefix, f"invalid-{digest}",
                      layout.UNKNOWN_GENERATOR, 0, 1)  # fmt: skip


def _locate(task: Task | None, body: str, config: Config) -> _Where:
    if task is not None:
        return _Where(task.output_bucket, task.output_prefix, task.job_id, task.generator,
                      task.start_index, task.stop_index)  # fmt: skip
    try:
        d = parse_body(body)
    except PermanentError:
        d = {}

    def valid(check, value, default):
        try:
            return check(value) if value is not None else default
        except Exception:
            return default

    def generator(name):
        from .contract import resolve_generator

        return resolve_generator(name)

    def index(v):
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < layout.MAX_INDEX - 1:
            raise ValueError
        return v

    start = valid(index, d.get("start_index"), 0)
    num = valid(index, d.get("num_samples"), 1)
    num = num if 1 <= num <= min(1000, layout.MAX_INDEX - 1 - start) else 1
    digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    bucket = d.get("output_bucket")
    return _Where(
        bucket
        if isinstance(bucket, str) and bucket in config.allowed_buckets
        else config.output_bucket,
        valid(layout.validate_prefix, d.get("output_prefix"), config.output_prefix),
        valid(layout.validate_job_id, d.get("job_id"), f"invalid-{digest}"),
        valid(generator, d.get("type"), layout.UNKNOWN_GENERATOR),
        start,
        start + num,
    )


def _write_failure(
    where: _Where, config: Config, attempt: int, err: BaseException, permanent: bool, body: str
) -> str:
    """Store the failure record; its key ("" when no store is configured at all: no
    OUTPUT_BUCKET, no LOCAL_STORE_DIR). Raises if the store refuses it."""
    from .records import FailureRecord

    if not config.local_store_dir and not where.bucket:
        obs.log("no_failure_store", level="error", job_id=where.job_id,
                error="no OUTPUT_BUCKET or LOCAL_STORE_DIR to write the failure record to")  # fmt: skip
        return ""

    details = getattr(err, "details", "") or "".join(
        traceback.format_exception(type(err), err, err.__traceback__)
    )
    record = FailureRecord(
        job_id=where.job_id, generator=where.generator, start_index=where.start,
        stop_index=where.stop, attempt=attempt, permanent=permanent,
        error_type=_error_type(err), error=str(err) or repr(err),
        traceback=details[-MAX_TRACEBACK:], output_tail=getattr(err, "output_tail", ""),
        message=body,
    )  # fmt: skip
    key = layout.failure_key(where.prefix, where.job_id, where.generator, where.start,
                             where.stop, attempt)  # fmt: skip
    make_store(config, where.bucket).put_bytes(key, record.to_json())
    return key


def _error_type(err: BaseException) -> str:
    return getattr(err, "error_type", None) or type(err).__name__


def _log_failure(where: _Where, attempt: int, err: BaseException, permanent: bool,
                 duration_s: float, **extra) -> None:  # fmt: skip
    obs.log("shard_failed", level="error", generator=where.generator, job_id=where.job_id,
            start=where.start, stop=where.stop, attempt=attempt, permanent=permanent,
            error_type=_error_type(err), error=str(err), duration_s=round(duration_s, 3),
            **extra)  # fmt: skip
    obs.failure_metric(where.generator, _error_type(err))


def _dead_letter(where, config, attempt, err, body, t0) -> Outcome:
    out = Outcome("dead-lettered", where.generator, where.job_id, where.start, where.stop,
                  _error_type(err), str(err))  # fmt: skip
    _log_failure(where, attempt, err, True, time.monotonic() - t0)
    try:
        out.failure_record = _write_failure(where, config, attempt, err, True, body)
    except Exception as e:  # without its record the message is not done with: retry
        obs.log("failure_record_failed", level="error", error=f"{type(e).__name__}: {e}",
                job_id=where.job_id, generator=where.generator)  # fmt: skip
        out.status = "retry"
        return out
    if not config.dlq_url:
        obs.log("no_dlq", level="error", error="SQS_DLQ_URL is not set; the message is left "
                "to the queue's redrive policy")  # fmt: skip
        out.status = "retry"
        return out
    try:
        send_message(config, config.dlq_url, body, {"error_type": _error_type(err),
                     "error": str(err) or _error_type(err), "failure_record": out.failure_record})  # fmt: skip
    except Exception as e:
        obs.log("dlq_send_failed", level="error", error=f"{type(e).__name__}: {e}")
        out.status = "retry"
    return out


def _transient(where, config, attempt, err, body, t0) -> Outcome:
    out = Outcome("retry", where.generator, where.job_id, where.start, where.stop,
                  _error_type(err), str(err))  # fmt: skip
    _log_failure(where, attempt, err, False, time.monotonic() - t0)
    try:
        out.failure_record = _write_failure(where, config, attempt, err, False, body)
    except Exception as e:  # e.g. the store itself is what fails
        obs.log("failure_record_failed", level="error", error=f"{type(e).__name__}: {e}",
                job_id=where.job_id, generator=where.generator)  # fmt: skip
    return out


# --- one message ---------------------------------------------------------------------


def process_message(
    body: str, config: Config, clock: Clock, attempt: int = 1, first: bool = True
) -> Outcome:
    """Everything the worker does with one message body; never raises for bad input."""
    t0 = time.monotonic()
    task: Task | None = None
    try:
        task = parse_task(
            body,
            default_bucket=config.output_bucket,
            allowed_buckets=config.allowed_buckets,
            default_prefix=config.output_prefix,
            require_bucket=not config.local_store_dir,
        )
    except PermanentError as e:
        return _dead_letter(_where(None, body, config), config, attempt, e, body, t0)
    except Exception as e:  # a bug in validation must not lose the message
        return _transient(_where(None, body, config), config, attempt, e, body, t0)
    where = _where(task, body, config)
    if task.unknown_fields:
        obs.log("unknown_fields", level="warning", fields=list(task.unknown_fields),
                generator=task.generator, job_id=task.job_id)  # fmt: skip
    try:
        return _run(task, where, config, clock, attempt, first, body, t0)
    except PermanentError as e:
        return _dead_letter(where, config, attempt, e, body, t0)
    except Exception as e:
        return _transient(where, config, attempt, e, body, t0)


def _run(task, where, config, clock, attempt, first, body, t0) -> Outcome:
    from .ledger import covered_until
    from .shard import DeadlineExceeded, run_shard

    store = make_store(config, task.output_bucket)
    base = Outcome("done", task.generator, task.job_id, task.start_index, task.stop_index)
    start = covered_until(store, task.output_prefix, task.job_id, task.generator,
                          task.start_index, task.stop_index, seed=task.seed,
                          params=task.resolved_params, output_format=task.output_format)  # fmt: skip
    if start >= task.stop_index:
        obs.log("shard_skipped", generator=task.generator, job_id=task.job_id,
                start=task.start_index, stop=task.stop_index, attempt=attempt,
                reason="already done")  # fmt: skip
        base.status = "skipped"
        return base
    try:
        result = run_shard(task, store, config, start=start, attempt=attempt,
                           remaining_s=clock.remaining_s)  # fmt: skip
    except DeadlineExceeded as e:
        if first or e.started or not config.queue_url:
            raise
        send_message(config, config.queue_url, body)  # no time left for it: queue it again
        obs.log("shard_deferred", generator=task.generator, job_id=task.job_id,
                start=start, stop=task.stop_index, attempt=attempt)  # fmt: skip
        base.status = "deferred"
        return base
    m = result.manifest
    base.manifests.append(result.manifest_key)
    duration = time.monotonic() - t0
    if result.stop < task.stop_index:
        if not config.queue_url:
            raise TransientError(
                f"the deadline cut {task.generator} {start}-{task.stop_index} at "
                f"{result.stop} and SQS_QUEUE_URL is not set for the continuation"
            )
        base.continuation = task.body(result.stop, task.stop_index)
        send_message(config, config.queue_url, base.continuation)
        base.status = "continued"
    obs.log("shard_done", generator=task.generator, job_id=task.job_id, start=start,
            stop=result.stop, requested_stop=task.stop_index, attempt=attempt,
            duration_s=round(duration, 3), samples=len(m.samples), bytes=m.bytes,
            status=base.status, manifest=result.manifest_key,
            timings=asdict(m.timings))  # fmt: skip
    obs.shard_metrics(task.generator, duration, len(m.samples), m.bytes)
    return base


# --- the entry point --------------------------------------------------------------------


def _receive_count(record: dict) -> int:
    try:
        return max(1, int(record.get("attributes", {}).get("ApproximateReceiveCount", 1)))
    except (TypeError, ValueError, AttributeError):
        return 1


def is_sqs_event(event: Any) -> bool:
    return (
        isinstance(event, dict) and isinstance(event.get("Records"), list) and "type" not in event
    )


def handler(event: Any, context: Any = None) -> dict:
    clock = Clock(context)
    if is_sqs_event(event):
        records = event["Records"]
        try:
            config = Config.from_env()
        except ValueError as e:
            obs.log("bad_configuration", level="error", error=str(e))
            return {"batchItemFailures": [{"itemIdentifier": r.get("messageId", "")}
                                          for r in records if isinstance(r, dict)]}  # fmt: skip
        failures = []
        for i, record in enumerate(records):
            if not isinstance(record, dict):
                continue
            body = record.get("body")
            body = body if isinstance(body, str) else json.dumps(body, default=str)
            try:
                outcome = process_message(body, config, clock, _receive_count(record), i == 0)
            except Exception as e:  # a worker bug: leave the message to SQS's retries
                obs.log("handler_error", level="error", error=f"{type(e).__name__}: {e}",
                        traceback=traceback.format_exc())  # fmt: skip
                outcome = Outcome("retry", error_type=type(e).__name__, error=str(e))
            if outcome.retry:
                failures.append({"itemIdentifier": record.get("messageId", "")})
        return {"batchItemFailures": failures}
    config = Config.from_env()
    body = event if isinstance(event, str) else json.dumps(event, default=str)
    attempt = 1
    outcome = process_message(body, config, clock, attempt)
    if outcome.retry:
        raise RuntimeError(f"{outcome.error_type}: {outcome.error}")
    return outcome.to_dict()
