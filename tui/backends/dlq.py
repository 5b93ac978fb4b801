"""The dead-letter queue: list (joined with failure records), download, push back from a
folder, redrive, delete. Every move sends before it deletes: an interruption can
duplicate a message, never lose one.

Safety rules the console and the CLI share:

- A message is named by its id (or a unique prefix of it), never by a position in a list.
- A redrive is one bounded pass: every message on the DLQ when it starts is looked at once
  and moved at most once, even when workers dead-letter the same bodies again meanwhile.
- Permanent errors (an invalid message, an unknown generator, bad params, a key
  collision) fail the same way on every retry: a redrive leaves them where they are
  unless asked to include them.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lambda_src import layout
from lambda_src.stores import Store

from .aws import Aws, QueueMessage, SendReport, _sendable_attributes, body_from_seed_record
from .config import Config
from .errors import InvalidRequest, NotFound

HOLD_S = 60  # messages being listed stay hidden this long (released right after)
MOVE_HOLD_S = 300  # messages looked at by a redrive pass stay hidden until it ends


@cache
def permanent_error_types() -> frozenset[str]:
    """Error types that fail the same way on every retry of the same body: the message
    itself is wrong (invalid message, unknown generator, bad params, key collision)."""
    from lambda_src import contract

    names = {"KeyCollision"}  # the worker's refusal to overwrite another job's bytes
    stack: list[type] = [contract.InvalidMessage, contract.UnknownGeneratorType,
                         contract.InvalidParams, contract.BucketNotAllowed]  # fmt: skip
    while stack:
        cls = stack.pop()
        names.add(cls.__name__)
        stack += cls.__subclasses__()
    return frozenset(names)


def is_permanent_type(error_type: str | None) -> bool:
    return bool(error_type) and error_type in permanent_error_types()


@dataclass
class DeadMessage:
    message: QueueMessage
    generator: str | None = None
    start: int | None = None
    stop: int | None = None
    seed: int | None = None
    job_id: str | None = None
    prefix: str | None = None
    error_type: str = ""
    error: str = ""
    failure_key: str | None = None
    failure: dict | None = None
    failure_count: int = 0  # failure records found for the message's shard
    body_error: str = ""  # why the body is not a valid task message ("" when it is)
    body_error_type: str = ""

    @property
    def message_id(self) -> str:
        return self.message.message_id

    @property
    def attempts(self) -> int | None:
        """How often a worker tried the shard, from its failure records (never the DLQ's
        own receive count, which every listing raises); None when no record says."""
        if not self.failure:
            return None
        attempt = self.failure.get("attempt")
        attempt = attempt if isinstance(attempt, int) else 0
        return max(attempt, self.failure_count) or None

    @property
    def kind(self) -> str:
        """The error type shown: the message's, its failure record's, or why its body is
        invalid; "unknown" when nothing says."""
        return self.error_type or self.body_error_type or "unknown"

    @property
    def permanent(self) -> bool:
        """Would fail again as it is: a permanent error type, or a body that is not a valid
        task message."""
        return is_permanent_type(self.error_type) or bool(self.body_error)

    @property
    def died_at(self) -> float | None:
        """When it died (epoch seconds): its failure record's time, else when it was sent."""
        if self.failure and self.failure.get("failed_at"):
            from datetime import datetime

            try:
                text = str(self.failure["failed_at"]).replace("Z", "+00:00")
                return datetime.fromisoformat(text).timestamp()
            except ValueError:
                pass
        try:
            return int(self.message.sent_timestamp) / 1000
        except (TypeError, ValueError):
            return None

    @property
    def range_text(self) -> str:
        return f"{self.start}-{self.stop}" if self.start is not None else "?"

    def summary(self) -> str:
        """One line naming it: generator, range, job and error."""
        return (f"{self.generator or '?'} {self.range_text} · job {self.job_id or '?'} · "
                f"{self.kind}")  # fmt: skip

    def as_dict(self) -> dict:
        return {
            "message_id": self.message.message_id,
            "generator": self.generator,
            "start": self.start,
            "stop": self.stop,
            "seed": self.seed,
            "job_id": self.job_id,
            "prefix": self.prefix,
            "attempts": self.attempts,
            "receive_count": self.message.receive_count,
            "error_type": self.kind,
            "error": self.error or self.body_error,
            "permanent": self.permanent,
            "failure_record": self.failure_key,
            "died_at": self.died_at,
        }

    def download_record(self) -> dict:
        """The seed tool's record, plus the joined failure record."""
        return {**self.message.seed_record(), "failure_record_key": self.failure_key,
                "failure": self.failure}  # fmt: skip


def body_problem(body: str) -> tuple[str, str]:
    """(error type, reason) when `body` is not a valid task message, ("", "") when it is:
    the worker's own contract (fields, generator, params), without the bucket allowance,
    which only the worker's environment knows."""
    from lambda_src import contract

    try:
        data = contract.parse_body(body)
        data = {k: v for k, v in data.items() if k != "output_bucket"}
        contract.parse_task(data, require_bucket=False)
    except contract.GeneratorUnavailable:  # a broken generator module: not the body's fault
        return "", ""
    except contract.PermanentError as e:
        return e.error_type, str(e)
    except Exception:  # anything else is not the body's fault either
        return "", ""
    return "", ""


def describe(message: QueueMessage, default_prefix: str = layout.DEFAULT_PREFIX) -> DeadMessage:
    """What a dead message was: generator, range, seed, job (as the worker derives them)."""
    from lambda_src.contract import derive_job_id, derive_seed

    dead = DeadMessage(message)
    body = message.parsed_body() or {}
    try:
        from generators import lookup

        dead.generator = lookup(str(body.get("type")))
    except Exception:
        dead.generator = str(body["type"]) if body.get("type") is not None else None
    start, num = body.get("start_index", 0), body.get("num_samples")
    if isinstance(start, int) and isinstance(num, int) and num > 0:
        dead.start, dead.stop = start, start + num
    seed = body.get("seed")
    if isinstance(seed, int):
        dead.seed = seed
    elif dead.generator and dead.start is not None:
        dead.seed = derive_seed(dead.generator, dead.start, num)
    job = body.get("job_id")
    if isinstance(job, str):
        dead.job_id = job
    elif dead.generator and dead.seed is not None:
        dead.job_id = derive_job_id(dead.generator, dead.seed)
    prefix = body.get("output_prefix")
    dead.prefix = prefix if isinstance(prefix, str) and prefix else default_prefix
    dead.error_type = message.attribute("error_type") or ""
    dead.error = message.attribute("error") or ""
    dead.failure_key = message.attribute("failure_record")
    dead.body_error_type, dead.body_error = body_problem(message.body)
    return dead


def join_failure(dead: DeadMessage, store: Store | None) -> None:
    """Attach the last failure record of the message's shard (from the store)."""
    if store is None:
        return
    key = dead.failure_key
    try:
        if dead.job_id and dead.generator and dead.start is not None:
            base = layout.failures_prefix(dead.prefix, dead.job_id, dead.generator,
                                          dead.start, dead.stop)  # fmt: skip
            keys = []
            for k in store.list_keys(base):
                if not k.endswith(".json"):
                    continue
                try:
                    attempt = layout.parse_failure_key(k).attempt
                except layout.InvalidKey:
                    attempt = 0
                keys.append((attempt, k))
            dead.failure_count = len(keys)
            if key is None and keys:
                key = max(keys)[1]
        if key is None:
            return
        dead.failure = json.loads(store.get_bytes(key))
        dead.failure_key = key
    except Exception:  # a missing or unreadable record leaves the message's own attributes
        return
    if dead.failure:
        dead.error_type = dead.error_type or str(dead.failure.get("error_type", ""))
        dead.error = dead.error or str(dead.failure.get("error", ""))


def list_dead(
    aws: Aws, config: Config, store: Store | None, limit: int | None = None
) -> list[DeadMessage]:
    """Every DLQ message with what it was and why it died; they stay on the DLQ."""
    url = config.require_dlq()
    messages = aws.collect(url, limit, hold=HOLD_S)
    try:
        out = []
        for m in messages:
            dead = describe(m)
            join_failure(dead, store)
            out.append(dead)
        return out
    finally:
        aws.release(url, messages)


@dataclass(frozen=True)
class Selector:
    """Which dead messages an action takes: ids (or unique id prefixes), a job, error
    types; every given criterion must hold. `permanent` decides about permanent errors:
    None takes them like any other, False leaves them, True takes only them."""

    ids: tuple[str, ...] = ()
    job_id: str | None = None
    error_types: tuple[str, ...] = ()
    permanent: bool | None = None
    everything: bool = False

    @property
    def empty(self) -> bool:
        return not (self.ids or self.job_id or self.error_types or self.everything
                    or self.permanent is not None)  # fmt: skip

    def takes(self, dead: DeadMessage) -> bool:
        if self.ids and not any(dead.message_id.startswith(i) for i in self.ids):
            return False
        if self.job_id and dead.job_id != self.job_id:
            return False
        wanted = {t.lower() for t in self.error_types}
        if wanted and dead.kind.lower() not in wanted:
            return False
        return self.permanent is None or dead.permanent == self.permanent


def match_ids(ids: Iterable[str], prefixes: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """({prefix: the one id it names}, [prefixes naming none]); InvalidRequest when a prefix
    names more than one id (nothing may then be acted on)."""
    ids = list(ids)
    found, unmatched = {}, []
    for p in prefixes:
        p = p.strip()
        if not p:
            raise InvalidRequest("an empty message id")
        hits = [i for i in ids if i.startswith(p)]
        if len(hits) > 1:
            shown = ", ".join(h[: len(p) + 6] + "…" for h in hits[:3])
            raise InvalidRequest(f"message id {p!r} is ambiguous: {len(hits)} dead messages "
                                 f"start with it ({shown}); give more of it")  # fmt: skip
        if hits:
            found[p] = hits[0]
        else:
            unmatched.append(p)
    return found, unmatched


@dataclass
class DownloadReport:
    written: list[str] = field(default_factory=list)
    deleted: int = 0


def download(
    aws: Aws,
    config: Config,
    store: Store | None,
    folder: str | Path,
    *,
    delete: bool = False,
    limit: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> DownloadReport:
    """One JSON file per DLQ message (`{message_id}.json`, the seed tool's fields plus the
    failure record). With `delete`, a message is deleted only after its file is on disk."""
    url = config.require_dlq()
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InvalidRequest(f"cannot create {folder}: {e.strerror or e}") from None
    report = DownloadReport()
    held: list[QueueMessage] = []
    try:
        for batch in aws.iter_collect(url, limit, hold=HOLD_S * 2):
            for m in batch:
                dead = describe(m)
                join_failure(dead, store)
                path = folder / f"{m.message_id}.json"
                tmp = path.with_name(f".{path.name}.tmp")
                with open(tmp, "w", encoding="utf-8") as f:
                    json.dump(dead.download_record(), f, indent=2, ensure_ascii=False)
                    f.write("\n")
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, path)
                report.written.append(str(path))
            if delete:
                report.deleted += aws.delete(url, batch)
            else:
                held += batch
            if on_progress:
                on_progress(len(batch))
    finally:
        if held:
            aws.release(url, held)
    return report


@dataclass
class PushItem:
    file: str
    body: str
    attributes: dict
    summary: str


def read_folder(folder: str | Path) -> list[PushItem]:
    """Downloaded DLQ messages (ours or the seed tool's: `*.json` with a `body`)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InvalidRequest(f"{folder} is not a folder")
    items = []
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            body, _attrs = body_from_seed_record(record)
        except (OSError, ValueError) as e:
            raise InvalidRequest(f"{path}: {e}") from None
        dead = describe(QueueMessage(str(record.get("message_id", path.stem)), "", body))
        rng = f"{dead.start}-{dead.stop}" if dead.start is not None else "?"
        summary = f"{dead.generator} {rng} seed {dead.seed} job {dead.job_id}"
        items.append(PushItem(str(path), body, {}, summary))
    return items


def push(
    aws: Aws,
    config: Config,
    items: Sequence[PushItem],
    *,
    on_progress: Callable[[int], None] | None = None,
) -> SendReport:
    """Send the bodies of downloaded messages to the task queue (the error attributes of
    their death are left behind)."""
    url = config.require_queue()
    aws.check_queue(url)
    return aws.send_bodies(url, [i.body for i in items], on_progress=on_progress)


@dataclass
class MovePass:
    """What one bounded pass over the DLQ did."""

    total: int = 0  # messages on the DLQ when the pass began: at most this many are looked at
    looked_at: int = 0  # distinct messages received from the DLQ
    moved: int = 0
    failed: int = 0  # chosen, but could not be sent (they stay on the DLQ)
    left: int = 0  # not chosen (filters), left on the DLQ
    left_permanent: int = 0  # permanent errors left on the DLQ
    repeats: int = 0  # bodies dead-lettered again during the pass (not moved twice)
    cancelled: bool = False
    method: str = "manual"  # or "move-task" (SQS moves the messages itself)
    task_handle: str | None = None
    moved_ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"moved": self.moved, "failed": self.failed, "left": self.left,
                "left_permanent": self.left_permanent, "repeats": self.repeats,
                "looked_at": self.looked_at, "total": self.total,
                "cancelled": self.cancelled, "method": self.method,
                "task_handle": self.task_handle, "moved_ids": self.moved_ids}  # fmt: skip

    def text(self) -> str:
        if self.method == "move-task":
            return f"message move task {self.task_handle} started (SQS moves the messages)"
        parts = [f"moved {self.moved} of {self.total} back to the task queue"]
        if self.failed:
            parts.append(f"{self.failed} could not be sent and stay on the DLQ")
        if self.left_permanent:
            parts.append(f"{self.left_permanent} permanent errors left on the DLQ")
        if self.left:
            parts.append(f"{self.left} not chosen left on the DLQ")
        if self.repeats:
            parts.append(f"{self.repeats} died again during the pass (not moved twice)")
        if self.cancelled:
            parts.append("cancelled: the rest stays on the DLQ")
        return "; ".join(parts)


DEATH_ATTRIBUTES = ("error_type", "error", "failure_record")  # set when a message died


def _body_key(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def move_pass(
    aws: Aws,
    config: Config,
    selector: Selector,
    *,
    on_progress: Callable[[MovePass], None] | None = None,
    cancel: threading.Event | None = None,
) -> MovePass:
    """One bounded pass: receive what the DLQ held when the pass began, once (each message
    stays hidden until the pass ends), send each chosen message to the task queue and
    delete it from the DLQ once sent, then show the rest again. The attributes of its
    death stay behind, so a new death is not read as the old one.

    A body is moved at most once per pass: when a worker dead-letters a moved body again
    before the pass ends, that new copy is left on the DLQ (counted in `repeats`)."""
    dlq, queue = config.require_dlq(), config.require_queue()
    report = MovePass(total=aws.queue_counts(dlq).visible)
    seen: set[str] = set()
    moved_bodies: set[str] = set()
    held: list[QueueMessage] = []  # looked at and left: shown again at the end
    try:
        if on_progress:
            on_progress(report)
        while report.looked_at < report.total:
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            batch = next(iter(aws.iter_collect(dlq, None, hold=MOVE_HOLD_S)), None)
            if not batch:
                break  # fewer than counted (another client took some): nothing more to see
            chosen = []
            for m in batch:
                if m.message_id in seen:
                    held.append(m)
                    continue
                seen.add(m.message_id)
                if _body_key(m.body) in moved_bodies:  # moved in this pass and dead again
                    report.repeats += 1
                    held.append(m)
                    continue
                if report.looked_at >= report.total:  # arrived after the pass began
                    held.append(m)
                    continue
                report.looked_at += 1
                dead = describe(m)
                if not selector.takes(dead):
                    held.append(m)
                    if dead.permanent and selector.permanent is False:
                        report.left_permanent += 1
                    else:
                        report.left += 1
                else:
                    chosen.append(m)
            if chosen:
                attrs = [{k: v for k, v in _sendable_attributes(m.message_attributes).items()
                          if k not in DEATH_ATTRIBUTES} for m in chosen]  # fmt: skip
                sent = aws.send_bodies(queue, [m.body for m in chosen], attributes=attrs,
                                       threads=1)  # fmt: skip
                bad = {i for i, _ in sent.failed}
                ok = [m for i, m in enumerate(chosen) if i not in bad]
                aws.delete(dlq, ok)
                held += [m for i, m in enumerate(chosen) if i in bad]
                report.moved += len(ok)
                report.failed += len(bad)
                report.moved_ids += [m.message_id for m in ok]
                moved_bodies.update(_body_key(m.body) for m in ok)
            if on_progress:
                on_progress(report)
    finally:
        if held:
            aws.release(dlq, held)
    return report


def redrive(
    aws: Aws,
    config: Config,
    selector: Selector | None = None,
    *,
    prefer_task: bool = False,
    on_progress: Callable[[MovePass], None] | None = None,
    cancel: threading.Event | None = None,
) -> MovePass:
    """Move dead messages back to the task queue. By default permanent errors stay (they
    would only die again); `selector` narrows by job, error type or ids. With
    `prefer_task` and nothing left out, an SQS message move task moves the whole DLQ
    where the endpoint has one (AWS)."""
    selector = selector if selector is not None else Selector(permanent=False)
    if prefer_task and selector.empty and not config.is_local:
        handle = aws.start_move_task(config.require_dlq(), config.require_queue())
        if handle:
            return MovePass(method="move-task", task_handle=handle)
    return move_pass(aws, config, selector, on_progress=on_progress, cancel=cancel)


def delete(
    aws: Aws,
    config: Config,
    *,
    message_ids: Sequence[str] = (),
    job_id: str | None = None,
    everything: bool = False,
    exact: bool = False,
) -> tuple[int, list[str]]:
    """Delete DLQ messages: the given ids (or unique prefixes of them, unless `exact`), those
    of one job, or all. (how many went, the given ids that named no message).

    An ambiguous prefix deletes nothing (InvalidRequest); so does a request whose ids all
    name nothing (NotFound)."""
    if not (message_ids or job_id or everything):
        raise InvalidRequest("say which messages: message ids, --job JOB or --all")
    url = config.require_dlq()
    messages = aws.collect(url, hold=HOLD_S)
    chosen: list[QueueMessage] = []
    unmatched: list[str] = []
    try:
        by_id = {m.message_id: m for m in messages}
        if message_ids:
            if exact:
                unmatched = [i for i in message_ids if i not in by_id]
                picked = {i for i in message_ids if i in by_id}
            else:
                found, unmatched = match_ids(by_id, message_ids)
                picked = set(found.values())
            if not picked and not (job_id or everything):
                raise NotFound("no dead message has the id " + ", ".join(unmatched)
                               + " (see `vmwheel dlq list`)")  # fmt: skip
        else:
            picked = set()
        for m in messages:
            if everything or m.message_id in picked or (job_id and describe(m).job_id == job_id):
                chosen.append(m)
        if job_id and not chosen and not message_ids:
            raise NotFound(f"no dead message belongs to job {job_id}")
        return aws.delete(url, chosen), unmatched
    finally:
        keep = {m.message_id for m in chosen}
        aws.release(url, [m for m in messages if m.message_id not in keep])


def resend(aws: Aws, config: Config, message_id: str, body: str) -> str:
    """Send an edited body to the task queue in place of dead message `message_id`, then
    delete that message from the DLQ (sent first: an interruption can leave both, never
    neither). The id of the message sent."""
    dlq, queue = config.require_dlq(), config.require_queue()
    messages = aws.collect(dlq, hold=HOLD_S)
    target = next((m for m in messages if m.message_id == message_id), None)
    gone = None
    try:
        if target is None:
            raise NotFound(f"dead message {message_id} is no longer on the DLQ")
        report = aws.send_bodies(queue, [body], threads=1)
        if report.failed:
            raise InvalidRequest(f"the task queue refused the message: {report.failed[0][1]}")
        aws.delete(dlq, [target])
        gone = target
        return message_id
    finally:
        aws.release(dlq, [m for m in messages if m is not gone])


def age_text(seconds: float | None) -> str:
    """A short age: 45s, 12m, 3h, 2d."""
    if seconds is None:
        return "-"
    s = max(0, int(seconds))
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if s >= size:
            return f"{s // size}{unit}"
    return f"{s}s"


def age_of(dead: DeadMessage, now: float | None = None) -> str:
    at = dead.died_at
    return age_text(None if at is None else (now or time.time()) - at)
