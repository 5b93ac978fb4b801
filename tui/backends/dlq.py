"""The dead-letter queue: list (joined with failure records), download, push back from a
folder, redrive, delete. Every move sends before it deletes: an interruption can
duplicate a message, never lose one."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lambda_src import layout
from lambda_src.stores import Store

from .aws import Aws, MoveReport, QueueMessage, SendReport, body_from_seed_record
from .config import Config
from .errors import InvalidRequest

HOLD_S = 60  # messages being listed stay hidden this long (released right after)


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

    def as_dict(self) -> dict:
        return {
            "message_id": self.message.message_id,
            "generator": self.generator,
            "start": self.start,
            "stop": self.stop,
            "seed": self.seed,
            "job_id": self.job_id,
            "prefix": self.prefix,
            "receive_count": self.message.receive_count,
            "error_type": self.error_type,
            "error": self.error,
            "failure_record": self.failure_key,
        }

    def download_record(self) -> dict:
        """The seed tool's record, plus the joined failure record."""
        return {**self.message.seed_record(), "failure_record_key": self.failure_key,
                "failure": self.failure}  # fmt: skip


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
    return dead


def join_failure(dead: DeadMessage, store: Store | None) -> None:
    """Attach the last failure record of the message's shard (from the store)."""
    if store is None:
        return
    key = dead.failure_key
    try:
        if key is None and dead.job_id and dead.generator and dead.start is not None:
            base = layout.failures_prefix(dead.prefix, dead.job_id, dead.generator,
                                          dead.start, dead.stop)  # fmt: skip
            keys = []
            for k in store.list_keys(base):
                try:
                    keys.append((layout.parse_failure_key(k).attempt, k))
                except layout.InvalidKey:
                    continue
            key = max(keys)[1] if keys else None
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


def redrive(
    aws: Aws, config: Config, on_progress: Callable[[int], None] | None = None
) -> MoveReport:
    """Move the DLQ back to the task queue (move task on AWS, manual move locally)."""
    return aws.redrive(config.require_dlq(), config.require_queue(), on_progress=on_progress)


def delete(
    aws: Aws,
    config: Config,
    *,
    message_ids: Sequence[str] = (),
    job_id: str | None = None,
    everything: bool = False,
) -> int:
    """Delete DLQ messages: the given ids, those of one job, or all. How many went."""
    if not (message_ids or job_id or everything):
        raise InvalidRequest("say which messages: message ids, --job JOB or --all")
    url = config.require_dlq()
    wanted = set(message_ids)
    messages = aws.collect(url, hold=HOLD_S)
    chosen = []
    for m in messages:
        if everything or m.message_id in wanted or (job_id and describe(m).job_id == job_id):
            chosen.append(m)
    try:
        return aws.delete(url, chosen)
    finally:
        keep = {m.message_id for m in chosen}
        aws.release(url, [m for m in messages if m.message_id not in keep])
