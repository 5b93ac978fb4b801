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
   its key), and the record is acknowledged: it reaches the DLQ after one receive. The
   DLQ gets the reason even when the failure record cannot be written.
2. Skip what is done (`ledger.covered_ranges`): this job's manifests made by this code
   with the same seed, params and format, whose objects exist with the listed sizes. A
   fully covered message is acknowledged without writing anything; otherwise only the
   uncovered indices are made (overlapping redeliveries resume from what is there).
3. A redelivered message (receive count > 1) first looks for earlier attempts of the
   same message that left an attempt record and no outcome: they were killed (out of
   memory, a crash); each gets its failure record now ("killed: ...").
4. Record the attempt (`_attempts/...`, a fresh token), then run it (lambda_src.shard).
   A watchdog writes "killed: timeout" a few seconds before the invocation's limit, in
   case the attempt is still running then. What landed gets its manifests whatever
   happens next. A sample that fails permanently (a generator raised) fails alone: its
   index goes into a permanent failure record and the message to the DLQ. A transient
   failure writes a failure record and is reported in `batchItemFailures`, so SQS
   retries; on the last receive (`MAX_RECEIVE_COUNT`) the worker dead-letters it itself,
   with its reason, instead of letting SQS move it without one.
5. Deadline: when the invocation's remaining time cut the shard, what landed has its
   manifests and a continuation message for the rest is sent to `SQS_QUEUE_URL`; the
   record is acknowledged. A later record of the batch that gets no time at all is
   re-enqueued unchanged.
6. Keys: every object is created once. A key already holding other bytes (another
   job's sample) is a permanent `KeyCollision` naming the job that owns it.

Output: the S3 bucket of the message (default `OUTPUT_BUCKET`, allowed: that plus
`ALLOWED_BUCKETS`), or, with `LOCAL_STORE_DIR`, that folder (same layout; the bucket is
still checked against the allow-list but not used). Generators are imported lazily:
only the one a message names, and boto3 only when S3 or SQS is used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
import traceback
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from . import layout, obs
from .config import Config
from .contract import PermanentError, Task, TransientError, parse_body, parse_task

MAX_ERROR_ATTRIBUTE = 4096
MAX_TRACEBACK = 32_000
DEFAULT_TIMEOUT_S = 900.0
TIMEOUT_NOTICE_S = 5.0  # the watchdog writes "killed: timeout" this long before the limit


class InvocationTimeout(TransientError):
    """Written by the watchdog: the attempt was about to hit the invocation's limit."""


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
                from botocore.config import Config as BotoConfig

                from .stores import CONNECT_TIMEOUT_S, MAX_ATTEMPTS, READ_TIMEOUT_S

                limits = BotoConfig(retries={"max_attempts": MAX_ATTEMPTS, "mode": "standard"},
                                    connect_timeout=CONNECT_TIMEOUT_S,
                                    read_timeout=READ_TIMEOUT_S)  # fmt: skip
                _clients[key] = boto3.client(service, endpoint_url=endpoint_url,
                                             region_name=region, config=limits)  # fmt: skip
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
    """The invocation's remaining time, from the Lambda context (15 min without one), and
    what the context says about the invocation (for attempt records)."""

    def __init__(self, context: Any):
        self._remaining = getattr(context, "get_remaining_time_in_millis", None)
        self._t0 = time.monotonic()
        self.request_id = str(getattr(context, "aws_request_id", "") or "")
        self.log_stream = str(getattr(context, "log_stream_name", "") or "")
        self.memory_mb = str(getattr(context, "memory_limit_in_mb", "") or "")
        limit = self.remaining_s()
        self.deadline = time.monotonic() + limit  # as the invocation started
        self.deadline_at = datetime.now(UTC) + timedelta(seconds=limit)

    def remaining_s(self) -> float:
        if self._remaining is not None:
            try:
                return float(self._remaining()) / 1000.0
            except Exception:
                pass
        return DEFAULT_TIMEOUT_S - (time.monotonic() - self._t0)


def new_token() -> str:
    return uuid.uuid4().hex[:12]


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

    def allowed_prefix(p):  # records never go under a prefix the message was refused
        p = layout.validate_prefix(p)
        if not layout.prefix_allowed(p, config.allowed_prefixes):
            raise ValueError(p)
        return p

    start = valid(index, d.get("start_index"), 0)
    num = valid(index, d.get("num_samples"), 1)
    num = num if 1 <= num <= min(1000, layout.MAX_INDEX - 1 - start) else 1
    digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    bucket = d.get("output_bucket")
    return _Where(
        bucket
        if isinstance(bucket, str) and bucket in config.allowed_buckets
        else config.output_bucket,
        valid(allowed_prefix, d.get("output_prefix"), config.output_prefix),
        valid(layout.validate_job_id, d.get("job_id"), f"invalid-{digest}"),
        valid(generator, d.get("type"), layout.UNKNOWN_GENERATOR),
        start,
        start + num,
    )


def _write_failure(
    where: _Where, config: Config, attempt: int, err: BaseException, permanent: bool, body: str
) -> str:
    """Store the failure record; its key ("" when no store is configured at all: no
    OUTPUT_BUCKET, no LOCAL_STORE_DIR). Raises if the store refuses it. The key carries
    the attempt's token (a fresh one for an attempt that never got that far), so no two
    attempts write the same record; the watchdog's "killed: timeout" of this very attempt,
    if it came first, stands."""
    from .records import FailureRecord
    from .stores import AlreadyExists

    if not config.local_store_dir and not where.bucket:
        obs.log("no_failure_store", level="error", job_id=where.job_id,
                error="no OUTPUT_BUCKET or LOCAL_STORE_DIR to write the failure record to")  # fmt: skip
        return ""

    details = getattr(err, "details", "") or "".join(
        traceback.format_exception(type(err), err, err.__traceback__)
    )
    token = getattr(err, "token", "") or new_token()
    record = FailureRecord(
        job_id=where.job_id, generator=where.generator, start_index=where.start,
        stop_index=where.stop, attempt=attempt, permanent=permanent,
        error_type=_error_type(err), error=str(err) or repr(err),
        traceback=details[-MAX_TRACEBACK:], output_tail=getattr(err, "output_tail", ""),
        message=body, token=token, failed_indices=list(getattr(err, "failed_indices", [])),
    )  # fmt: skip
    key = layout.failure_key(where.prefix, where.job_id, where.generator, where.start,
                             where.stop, attempt, token)  # fmt: skip
    with contextlib.suppress(AlreadyExists):
        make_store(config, where.bucket).create_bytes(key, record.to_json())
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


def _dead_letter(where, config, attempt, err, body, t0, permanent: bool = True) -> Outcome:
    """Failure record, then the body to the DLQ with the reason as message attributes.
    Without a record (the store refuses it) the reason still goes with the message."""
    out = Outcome("dead-lettered", where.generator, where.job_id, where.start, where.stop,
                  _error_type(err), str(err), list(getattr(err, "manifests", [])))  # fmt: skip
    _log_failure(where, attempt, err, permanent, time.monotonic() - t0)
    reason = str(err) or _error_type(err)
    try:
        out.failure_record = _write_failure(where, config, attempt, err, permanent, body)
    except Exception as e:
        obs.log("failure_record_failed", level="error", error=f"{type(e).__name__}: {e}",
                job_id=where.job_id, generator=where.generator)  # fmt: skip
        reason += f" (no failure record: {type(e).__name__}: {e})"
    if not config.dlq_url:
        obs.log("no_dlq", level="error", error="SQS_DLQ_URL is not set; the message is left "
                "to the queue's redrive policy")  # fmt: skip
        out.status = "retry"
        return out
    try:
        send_message(config, config.dlq_url, body, {"error_type": _error_type(err),
                     "error": reason, "failure_record": out.failure_record})  # fmt: skip
    except Exception as e:
        obs.log("dlq_send_failed", level="error", error=f"{type(e).__name__}: {e}")
        out.status = "retry"
    return out


def _transient(where, config, attempt, err, body, t0) -> Outcome:
    if config.max_receive_count and attempt >= config.max_receive_count:
        # SQS would move it on the next receive, without a word: say why, now
        return _dead_letter(where, config, attempt, err, body, t0, permanent=False)
    out = Outcome("retry", where.generator, where.job_id, where.start, where.stop,
                  _error_type(err), str(err), list(getattr(err, "manifests", [])))  # fmt: skip
    _log_failure(where, attempt, err, False, time.monotonic() - t0)
    try:
        out.failure_record = _write_failure(where, config, attempt, err, False, body)
    except Exception as e:  # e.g. the store itself is what fails
        obs.log("failure_record_failed", level="error", error=f"{type(e).__name__}: {e}",
                job_id=where.job_id, generator=where.generator)  # fmt: skip
    return out


# --- one message ---------------------------------------------------------------------


def process_message(
    body: str,
    config: Config,
    clock: Clock,
    attempt: int = 1,
    first: bool = True,
    message_id: str = "",
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
            allowed_prefixes=config.allowed_prefixes,
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
        return _run(task, config, clock, attempt, first, body, t0, message_id)
    except PermanentError as e:
        return _dead_letter(where, config, attempt, e, body, t0)
    except Exception as e:
        return _transient(where, config, attempt, e, body, t0)


def _run(task, config, clock, attempt, first, body, t0, message_id) -> Outcome:
    from .ledger import covered_ranges, subtract_ranges
    from .shard import DeadlineExceeded, code_version

    store = make_store(config, task.output_bucket)
    base = Outcome("done", task.generator, task.job_id, task.start_index, task.stop_index)
    covered = covered_ranges(store, task.output_prefix, task.job_id, task.generator,
                             task.start_index, task.stop_index, seed=task.seed,
                             params=task.resolved_params, output_format=task.output_format,
                             code_version=code_version(),
                             generator_version=task.generator_version)  # fmt: skip
    todo = subtract_ranges([(task.start_index, task.stop_index)], covered)
    if not todo:
        obs.log("shard_skipped", generator=task.generator, job_id=task.job_id,
                start=task.start_index, stop=task.stop_index, attempt=attempt,
                reason="already done")  # fmt: skip
        base.status = "skipped"
        return base
    if attempt > 1 and message_id:
        _record_killed_attempts(store, task, config, message_id, attempt)
    if not _time_to_start(clock, config):
        if first or not config.queue_url:
            raise DeadlineExceeded(
                f"{task.generator} {todo[0].start}-{task.stop_index}: the invocation ran out "
                "of time before a sample could start"
            )
        send_message(config, config.queue_url, body)  # no time left for it: queue it again
        obs.log("shard_deferred", generator=task.generator, job_id=task.job_id,
                start=todo[0].start, stop=task.stop_index, attempt=attempt)  # fmt: skip
        base.status = "deferred"
        return base
    token = new_token()
    _record_attempt(store, task, clock, attempt, token, message_id)
    watchdog = _watchdog(task, config, clock, attempt, token, body)
    try:
        return _finish(task, store, config, clock, attempt, token, todo, base, t0)
    finally:
        watchdog.cancel()


def _time_to_start(clock: Clock, config: Config) -> bool:
    """Whether one sample could start (the runner's own rule, with its smallest margin)."""
    return clock.remaining_s() - config.deadline_reserve_s >= min(config.sample_timeout_s, 10.0)


def _record_attempt(store, task: Task, clock: Clock, attempt: int, token: str,
                    message_id: str) -> None:  # fmt: skip
    """The attempt record: written before any sample, so a killed attempt leaves a trace."""
    from .records import AttemptRecord

    record = AttemptRecord(
        job_id=task.job_id, generator=task.generator, start_index=task.start_index,
        stop_index=task.stop_index, attempt=attempt, token=token,
        deadline_at=clock.deadline_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        message_id=message_id, request_id=clock.request_id, log_stream=clock.log_stream,
        memory_mb=clock.memory_mb,
    )  # fmt: skip
    key = layout.attempt_key(task.output_prefix, task.job_id, task.generator, task.start_index,
                             task.stop_index, attempt, token)  # fmt: skip
    store.create_bytes(key, record.to_json())


def _record_killed_attempts(store, task: Task, config: Config, message_id: str,
                            attempt: int) -> None:  # fmt: skip
    """Earlier attempts of this message that left no outcome were killed: give each its
    failure record (a redelivery proves the earlier receive's invocation is over)."""
    from .ledger import killed_failure
    from .records import AttemptRecord, RecordError
    from .stores import AlreadyExists, NotFound

    args = (task.output_prefix, task.job_id, task.generator, task.start_index, task.stop_index)
    ended = set()
    for key in store.list_keys(layout.failures_prefix(*args)):
        try:
            ended.add(layout.parse_failure_key(key).token)
        except layout.InvalidKey:
            continue
    for key in store.list_keys(layout.attempts_prefix(*args)):
        try:
            parsed = layout.parse_attempt_key(key)
            if parsed.attempt >= attempt or parsed.token in ended:
                continue
            record = AttemptRecord.from_json(store.get_bytes(key))
        except (layout.InvalidKey, RecordError, NotFound):
            continue
        if record.message_id != message_id:
            continue  # another message of the same range: not ours to judge
        failure = killed_failure(record)
        failure.message = task.body()
        fkey = layout.failure_key(*args, record.attempt, record.token)
        try:
            store.create_bytes(fkey, failure.to_json())
        except AlreadyExists:
            continue
        obs.log("attempt_killed", level="error", generator=task.generator, job_id=task.job_id,
                start=task.start_index, stop=task.stop_index, attempt=record.attempt,
                error=failure.error, failure_record=fkey)  # fmt: skip
        obs.failure_metric(task.generator, failure.error_type)


def _watchdog(task: Task, config: Config, clock: Clock, attempt: int, token: str,
              body: str) -> threading.Timer:  # fmt: skip
    """A timer that records "killed: timeout" shortly before the invocation's limit: if the
    attempt is still running then, the limit will kill it before it can say so."""

    def fire() -> None:
        err = InvocationTimeout(
            f"killed: timeout: attempt {attempt} was still running {TIMEOUT_NOTICE_S:g} s "
            "before the invocation's time limit (see the worker's log for the shard's progress)"
        )
        err.token = token  # type: ignore[attr-defined]
        where = _where(task, body, config)
        try:
            _write_failure(where, config, attempt, err, False, body)
            obs.log("attempt_timing_out", level="error", generator=task.generator,
                    job_id=task.job_id, attempt=attempt)  # fmt: skip
        except Exception as e:
            obs.log("failure_record_failed", level="error", error=f"{type(e).__name__}: {e}")

    timer = threading.Timer(max(0.0, clock.deadline - time.monotonic() - TIMEOUT_NOTICE_S), fire)
    timer.daemon = True
    timer.start()
    return timer


def _finish(task, store, config, clock, attempt, token, todo, base, t0) -> Outcome:
    """Run the attempt and turn its result into the message's outcome."""
    from .shard import DeadlineExceeded, KeyTaken, run_shard, shard_error

    result = run_shard(task, store, config, todo=todo, attempt=attempt, token=token,
                       remaining_s=clock.remaining_s)  # fmt: skip
    base.manifests = [k for k, _ in result.manifests]
    failures = list(result.failed.values()) + result.other_failures
    err: BaseException | None = None
    if isinstance(result.error, KeyTaken):
        err = _collision(store, task, result.error)
    elif result.error is not None:
        err = result.error
    elif failures:
        err = shard_error(failures, sum(r.size for r in todo))
        err.failed_indices = sorted(result.failed)  # type: ignore[attr-defined]
    elif result.unfinished and not result.manifests:
        err = DeadlineExceeded(
            f"{task.generator} {todo[0].start}-{task.stop_index}: the invocation ran out of "
            f"time before a sample was done ({result.outcome.started} started)",
            result.outcome.started,
        )
    if err is not None:
        err.token, err.manifests = token, base.manifests  # type: ignore[attr-defined]
        raise err
    samples = sum(len(m.samples) for _, m in result.manifests)
    nbytes = sum(m.bytes for _, m in result.manifests)
    if result.unfinished:
        if not config.queue_url:
            raise TransientError(
                f"the deadline cut {task.generator} {todo[0].start}-{task.stop_index} and "
                "SQS_QUEUE_URL is not set for the continuation"
            )
        base.continuation = task.body(min(result.unfinished), task.stop_index)
        send_message(config, config.queue_url, base.continuation)
        base.status = "continued"
    duration = time.monotonic() - t0
    obs.log("shard_done", generator=task.generator, job_id=task.job_id, start=todo[0].start,
            stop=task.stop_index, attempt=attempt, duration_s=round(duration, 3),
            samples=samples, bytes=nbytes, status=base.status, manifests=base.manifests,
            timings=[asdict(m.timings) for _, m in result.manifests])  # fmt: skip
    obs.shard_metrics(task.generator, duration, samples, nbytes)
    return base


def _collision(store, task: Task, taken) -> PermanentError:
    """The KeyCollision for a taken key, naming the job(s) that hold its index."""
    from .contract import KeyCollision
    from .ledger import holders

    try:
        owners = [
            h for h in holders(store, task.output_prefix, task.generator)
            if taken.index is not None and any(r.start <= taken.index < r.stop for r in h.ranges)
            and not h.makes_same_bytes(task.seed, task.resolved_params, task.generator_version)
        ]  # fmt: skip
    except Exception:  # naming the owner is a courtesy; the collision stands regardless
        owners = []
    others = [h for h in owners if h.job_id != task.job_id]
    if others:
        who = "written by " + ", ".join(h.describe() for h in others)
    elif owners:
        who = f"written by this job ({task.job_id}) with other code or params"
    else:
        who = "written by a job this prefix holds no record of"
    return KeyCollision(
        f"{taken.key} already holds other bytes, {who}; job {task.job_id} (seed {task.seed}) "
        f"would overwrite them: use another output_prefix or index range"
    )


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
            message_id = str(record.get("messageId", "") or "")
            try:
                outcome = process_message(body, config, clock, _receive_count(record), i == 0,
                                          message_id)  # fmt: skip
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
