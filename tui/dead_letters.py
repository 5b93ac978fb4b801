"""Dead letters for the console: each DLQ message joined with its latest failure record;
retry, delete, redrive, and export to / import from a folder.

Listing and the actions are the backends' (tui/backends/dlq.py). Export writes exactly the
files `vmwheel dlq download` writes (`{message_id}.json`: message_id, receipt_handle,
timestamp, receive_count, attributes, body, plus the joined failure record), limited to the
chosen messages when some are chosen; import reads such a folder (or the seed tool's) and
sends the bodies to the task queue, as `vmwheel dlq push` does.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

from .backends import dlq
from .backends.aws import QueueMessage
from .backends.dlq import DeadMessage, PushItem
from .backends.errors import BackendError, InvalidRequest

HOLD_S = dlq.HOLD_S


def _store(context):
    try:
        return context.store()
    except BackendError:
        return None  # failure records are a bonus; the messages carry the essentials


def list_dead(context, limit: int | None = 500) -> list[DeadMessage]:
    """The DLQ's messages, described and joined with their failure records (they stay)."""
    return dlq.list_dead(context.aws, context.config, _store(context), limit)


def error_type(d: DeadMessage) -> str:
    return d.kind


def failure_text(d: DeadMessage, name: str) -> str:
    return str((d.failure or {}).get(name) or "")


def _held(context, message_ids: set[str]) -> tuple[str, list[QueueMessage], list[QueueMessage]]:
    """Receive the whole DLQ (hidden for a while): (url, the chosen, the rest)."""
    url = context.config.require_dlq()
    held = context.aws.collect(url, hold=HOLD_S)
    chosen = [m for m in held if m.message_id in message_ids]
    return url, chosen, [m for m in held if m.message_id not in message_ids]


def move(
    context,
    selector: dlq.Selector,
    on_progress: Callable[[dlq.MovePass], None] | None = None,
    cancel: threading.Event | None = None,
) -> dlq.MovePass:
    """One bounded pass moving the dead letters `selector` takes back to the task queue
    (each at most once; see tui/backends/dlq.py)."""
    return dlq.move_pass(context.aws, context.config, selector, on_progress=on_progress,
                         cancel=cancel)  # fmt: skip


def delete(context, message_ids: set[str]) -> int:
    """Delete exactly these messages (full ids); how many went."""
    n, _ = dlq.delete(context.aws, context.config, message_ids=sorted(message_ids), exact=True)
    return n


def resend(context, message_id: str, body: str) -> str:
    return dlq.resend(context.aws, context.config, message_id, body)


def check_body(context, body: str) -> str:
    """Why `body` would fail as a task message ("" when the worker would take it)."""
    import json

    try:
        data = json.loads(body)
    except ValueError as e:
        return f"not JSON: {e}"
    if not isinstance(data, dict):
        return "a task message is a JSON object"
    kind, reason = dlq.body_problem(body)
    if kind:
        return f"{kind}: {reason}"
    bucket = data.get("output_bucket")
    if bucket is not None:
        from .backends.s3names import bucket_problem

        problem = bucket_problem(bucket)
        if problem:
            return f"output_bucket: {problem}"
    if len(body.encode()) > 262_144:
        return "the body is larger than SQS takes (256 KiB)"
    return ""


def _write_json(path: Path, record: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2, ensure_ascii=False)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def export(
    context,
    folder: str | Path,
    message_ids: set[str] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> list[str]:
    """Write one file per dead message (all, or those in `message_ids`) into `folder`;
    the messages stay on the DLQ. The paths written."""
    if not message_ids:
        report = dlq.download(context.aws, context.config, _store(context), folder,
                              on_progress=on_progress)  # fmt: skip
        return report.written
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InvalidRequest(f"cannot create {folder}: {e.strerror or e}") from None
    url, chosen, rest = _held(context, message_ids)
    store = _store(context)
    written = []
    try:
        for m in chosen:
            dead = dlq.describe(m)
            dlq.join_failure(dead, store)
            path = folder / f"{m.message_id}.json"
            _write_json(path, dead.download_record())
            written.append(str(path))
            if on_progress:
                on_progress(1)
    finally:
        context.aws.release(url, chosen + rest)
    return written


def read_folder(folder: str | Path) -> list[PushItem]:
    return dlq.read_folder(folder)


def import_folder(context, items: list[PushItem]) -> dlq.SendReport:
    """Send the bodies of exported messages to the task queue."""
    return dlq.push(context.aws, context.config, items)
