"""`vmwheel queue count|peek|purge [--dlq]`."""

from __future__ import annotations

import json
import sys
import time

from rich.table import Table

from ..backends.aws import Aws, queue_name
from ..errors import CliError
from ._common import add_json, config, config_parent, note, out, print_json


def add_parser(sub) -> None:
    p = sub.add_parser("queue", help="count, peek at or purge the task queue (or the DLQ)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    parent = config_parent()

    def common(a):
        a.add_argument("--dlq", action="store_true", help="the dead-letter queue instead")
        add_json(a)

    common(actions.add_parser("count", parents=[parent], help="visible, in-flight, delayed"))
    peek = actions.add_parser(
        "peek", parents=[parent],
        help="show messages without consuming them or moving any to the DLQ",
        description="On the local stack, reads its queue journal: nothing is received. "
        "Elsewhere a look at a queue is a receive (with visibility timeout 0, so the messages "
        "stay), which raises every shown message's receive count; on a queue with a redrive "
        "policy (the task queue) enough of those would send messages to the DLQ, so the "
        "peek is refused there. The DLQ has no redrive policy and can always be peeked.",
    )  # fmt: skip
    peek.add_argument("-n", "--limit", type=int, default=10, help="at most this many (default 10)")
    common(peek)
    purge = actions.add_parser("purge", parents=[parent], help="delete every message")
    purge.add_argument("--force", action="store_true", help="do not ask for the queue's name")
    common(purge)


def _peek(cfg, aws: Aws, url: str, dlq: bool, limit: int):
    """(messages, a line saying how they were seen) without moving any to the DLQ."""
    if cfg.local is not None:
        from pathlib import Path

        from ..backends.local_stack import journal_peek

        written, messages = journal_peek(Path(cfg.local.path).parent, dlq, limit)
        if written is None:
            raise CliError("the local stack has not written its queue journal yet; try again "
                           "in a second")  # fmt: skip
        when = time.strftime("%H:%M:%S", time.localtime(written))
        return messages, f"from the local stack's queue journal of {when}: nothing was received"
    policy = aws.queue_attributes(url, ("RedrivePolicy",)).get("RedrivePolicy")
    if policy:
        try:
            after = f" after {json.loads(policy)['maxReceiveCount']} receives"
        except (ValueError, KeyError, TypeError):
            after = ""
        raise CliError(
            f"{queue_name(url)} sends messages to its DLQ{after}, and a peek is a receive of "
            "every message it shows: refused, so no message dies of being looked at. "
            "`vmwheel queue count`, `vmwheel status JOB` and `vmwheel queue peek --dlq` show "
            "what is there"
        )
    return aws.peek(url, limit), (
        "note: a peek counts as a receive (ApproximateReceiveCount went up by one; this "
        "queue has no redrive policy, so nothing moves)"
    )


def run(args) -> int:
    cfg = config(args)
    url = cfg.require_dlq() if args.dlq else cfg.require_queue()
    aws = Aws(cfg)
    if args.action == "count":
        c = aws.queue_counts(url)
        if args.json:
            print_json({"queue": c.name, "url": c.url, "visible": c.visible,
                        "in_flight": c.in_flight, "delayed": c.delayed})  # fmt: skip
        else:
            out().print(f"{c.name}: {c.visible} visible, {c.in_flight} in flight, "
                        f"{c.delayed} delayed", highlight=False)  # fmt: skip
        return 0
    if args.action == "peek":
        if args.limit < 1:
            raise CliError("--limit must be at least 1")
        messages, how = _peek(cfg, aws, url, args.dlq, args.limit)
        if args.json:
            print_json([m.seed_record() for m in messages])
        else:
            from ..backends.dlq import describe

            table = Table(title=f"{len(messages)} messages on {queue_name(url)} (peek)")
            for col in ("message id", "receives", "generator", "range", "seed", "job"):
                table.add_column(col, overflow="fold")
            for m in messages:
                d = describe(m)
                rng = f"{d.start}-{d.stop}" if d.start is not None else "?"
                table.add_row(m.message_id, str(m.receive_count), d.generator or m.body[:60],
                              rng, str(d.seed), d.job_id or "-")  # fmt: skip
            out().print(table)
        note(how)
        return 0
    name = queue_name(url)
    if not args.force:
        if not sys.stdin.isatty():
            raise CliError(f"purging {name} needs confirmation: run in a terminal or pass --force")
        c = aws.queue_counts(url)
        answer = input(f"purge {name} ({c.total} messages)? type the queue's name to confirm: ")
        if answer.strip() != name:
            raise CliError("not confirmed; nothing purged")
    aws.purge(url)
    if args.json:
        print_json({"queue": name, "purged": True})
    else:
        note(f"purged {name} (SQS may take up to 60 s to finish)")
    return 0
