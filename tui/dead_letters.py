"""Dead letters for the console: each DLQ message joined with its latest failure record."""

from __future__ import annotations

from dataclasses import dataclass

from lambda_src import layout
from lambda_src.records import FailureRecord

from .backends.aws import QueueMessage


@dataclass
class DeadLetter:
    message: QueueMessage
    generator: str
    start: int
    stop: int
    seed: int | None
    failure: FailureRecord | None

    @property
    def error_type(self) -> str:
        if self.failure:
            return self.failure.error_type
        return self.message.attribute("error_type") or "unknown"

    @property
    def error(self) -> str:
        if self.failure:
            return self.failure.error
        return self.message.attribute("error") or "(no failure record)"


def join(message: QueueMessage, store) -> DeadLetter:
    body = message.parsed_body() or {}
    generator = str(body.get("type", "?"))
    start = body.get("start_index", 0) if isinstance(body.get("start_index", 0), int) else 0
    count = body.get("num_samples", 0) if isinstance(body.get("num_samples"), int) else 0
    seed = body.get("seed") if isinstance(body.get("seed"), int) else None
    return DeadLetter(message, generator, start, start + count, seed, latest_failure(store, body))


def latest_failure(store, body: dict) -> FailureRecord | None:
    """The newest failure record of the shard a message names, if the store has one."""
    try:
        from generators import lookup

        generator = lookup(body["type"])
        prefix = body.get("output_prefix") or "questions"
        start = body.get("start_index", 0)
        where = layout.failures_prefix(
            prefix, body["job_id"], generator, start, start + body["num_samples"]
        )
        keys = sorted(store.list_keys(where), key=lambda k: int(k.rsplit("/", 1)[1].split(".")[0]))
        return FailureRecord.from_json(store.get_bytes(keys[-1])) if keys else None
    except Exception:  # a malformed body, an unknown generator or no record: nothing to join
        return None


def list_dead(context, limit: int = 200) -> list[DeadLetter]:
    store = context.store()
    return [join(m, store) for m in context.aws.peek(context.config.require_dlq(), limit=limit)]


def retry(context, message_ids: set[str]) -> int:
    """Send the chosen dead letters back to the task queue, then delete them from the DLQ."""
    aws, dlq, queue = context.aws, context.config.require_dlq(), context.config.require_queue()
    held = aws.collect(dlq, hold=60)
    chosen = [m for m in held if m.message_id in message_ids]
    report = aws.send_bodies(queue, [m.body for m in chosen], threads=1)
    failed = {i for i, _ in report.failed}
    sent = [m for i, m in enumerate(chosen) if i not in failed]
    aws.delete(dlq, sent)
    aws.release(dlq, [m for m in held if m not in sent])
    return len(sent)


def delete(context, message_ids: set[str]) -> int:
    aws, dlq = context.aws, context.config.require_dlq()
    held = aws.collect(dlq, hold=60)
    chosen = [m for m in held if m.message_id in message_ids]
    done = aws.delete(dlq, chosen)
    aws.release(dlq, [m for m in held if m.message_id not in message_ids])
    return done


def redrive(context) -> int:
    report = context.aws.redrive(context.config.require_dlq(), context.config.require_queue())
    return report.moved
