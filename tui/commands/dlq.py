"""`vmwheel dlq list|download|push|redrive|delete`."""

from __future__ import annotations

import sys

from rich.table import Table

from ..backends import dlq
from ..backends.aws import Aws, queue_name
from ..backends.errors import BackendError
from ..backends.jobs import open_store
from ..errors import CliError
from ._common import add_json, config, config_parent, note, out, print_json, progress


def add_parser(sub) -> None:
    p = sub.add_parser("dlq", help="dead-letter queue: list, download, push, redrive, delete")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    parent = config_parent()
    a = actions.add_parser(
        "list", parents=[parent], help="each dead message: generator, range, seed, receives, error"
    )
    a.add_argument("-n", "--limit", type=int, default=None, help="at most this many")
    add_json(a)
    a = actions.add_parser(
        "download",
        parents=[parent],
        help="one JSON file per dead message",
        description="Writes {message_id}.json per message (message_id, receipt_handle, "
        "timestamp, receive_count, attributes, body, as the seed's tool did, plus the "
        "failure record). With --delete a message is deleted once its file is written.",
    )
    a.add_argument("--output", "-o", required=True, metavar="DIR")
    a.add_argument("--delete", action="store_true", help="delete each message once saved")
    a.add_argument("-n", "--limit", type=int, default=None, help="at most this many")
    add_json(a)
    a = actions.add_parser(
        "push", parents=[parent], help="send a downloaded folder's messages to the task queue"
    )
    a.add_argument(
        "--dlq-dir",
        required=True,
        metavar="DIR",
        help="folder of downloaded messages (ours or the seed tool's)",
    )
    a.add_argument("--dry-run", action="store_true", help="list what would be sent")
    add_json(a)
    a = actions.add_parser(
        "redrive",
        parents=[parent],
        help="move the DLQ back to the task queue",
        description="Starts an SQS message move task where the endpoint has them (AWS); "
        "elsewhere (the local stack) moves by hand, sending each batch before deleting it.",
    )
    a.add_argument("--manual", action="store_true", help="move by hand even on AWS")
    add_json(a)
    a = actions.add_parser("delete", parents=[parent], help="delete dead messages")
    a.add_argument("message_ids", nargs="*", metavar="MESSAGE_ID")
    a.add_argument("--job", default=None, help="every dead message of this job")
    a.add_argument("--all", action="store_true", help="every dead message")
    a.add_argument("--force", action="store_true", help="do not ask for confirmation")
    add_json(a)


def _store_or_none(cfg, aws):
    try:
        return open_store(cfg, aws)
    except BackendError:
        return None  # failure records are a bonus; the messages carry the essentials


def run(args) -> int:
    cfg = config(args)
    aws = Aws(cfg)
    action = args.action
    if action in ("list", "download") and args.limit is not None and args.limit < 1:
        raise CliError("--limit must be at least 1")
    if action == "list":
        dead = dlq.list_dead(aws, cfg, _store_or_none(cfg, aws), args.limit)
        if args.json:
            print_json([d.as_dict() for d in dead])
            return 0
        table = Table(title=f"{len(dead)} messages on {queue_name(cfg.require_dlq())}")
        for col in ("message id", "generator", "range", "seed", "receives", "error"):
            table.add_column(col, overflow="fold")
        for d in dead:
            rng = f"{d.start}-{d.stop}" if d.start is not None else "?"
            err = f"{d.error_type}: {d.error}" if d.error_type else d.error or "-"
            table.add_row(d.message.message_id[:13], d.generator or "?", rng, str(d.seed),
                          str(d.message.receive_count), err[:160])  # fmt: skip
        out().print(table)
        return 0
    if action == "download":
        with progress(None, "downloading", enabled=not args.json) as advance:
            report = dlq.download(aws, cfg, _store_or_none(cfg, aws), args.output,
                                  delete=args.delete, limit=args.limit, on_progress=advance)  # fmt: skip
        if args.json:
            print_json({"written": report.written, "deleted": report.deleted})
        else:
            note(
                f"wrote {len(report.written)} files to {args.output}"
                + (f"; deleted {report.deleted} messages from the DLQ" if args.delete else "")
            )
        return 0
    if action == "push":
        items = dlq.read_folder(args.dlq_dir)
        if args.dry_run:
            if args.json:
                print_json([{"file": i.file, "summary": i.summary, "body": i.body} for i in items])
                return 0
            for item in items:
                out().print(f"{item.file}: {item.summary}", highlight=False)
            note(f"dry run: {len(items)} messages would be sent to "
                 f"{queue_name(cfg.require_queue())}")  # fmt: skip
            return 0
        with progress(len(items), "pushing", enabled=not args.json) as advance:
            report = dlq.push(aws, cfg, items, on_progress=advance)
        if args.json:
            print_json({"sent": report.sent, "failed": [
                {"file": items[i].file, "error": e} for i, e in report.failed]})  # fmt: skip
        else:
            note(f"sent {report.sent}/{len(items)} messages to {queue_name(cfg.require_queue())}")
        if report.failed:
            i, e = report.failed[0]
            raise CliError(f"{len(report.failed)} messages not sent (first {items[i].file}: {e})")
        return 0
    if action == "redrive":
        with progress(None, "moving", enabled=not args.json) as advance:
            report = aws.redrive(cfg.require_dlq(), cfg.require_queue(),
                                 prefer_task=not args.manual, on_progress=advance)  # fmt: skip
        if args.json:
            print_json(report.__dict__)
        elif report.method == "move-task":
            note(f"started message move task {report.task_handle} (SQS moves the messages)")
        else:
            note(f"moved {report.moved} messages back to {queue_name(cfg.require_queue())}"
                 + (f"; {report.failed} could not be sent and stay on the DLQ"
                    if report.failed else ""))  # fmt: skip
        return 1 if report.failed else 0
    # delete
    if not (args.message_ids or args.job or args.all):
        raise CliError("say which messages: MESSAGE_ID..., --job JOB or --all")
    if not args.force:
        what = ("every message" if args.all else f"the messages of job {args.job}" if args.job
                else f"{len(args.message_ids)} messages")  # fmt: skip
        if not sys.stdin.isatty():
            raise CliError(f"deleting {what} needs confirmation: run in a terminal or --force")
        if input(f"delete {what} from the DLQ? [y/N] ").strip().lower() not in ("y", "yes"):
            raise CliError("not confirmed; nothing deleted")
    n = dlq.delete(aws, cfg, message_ids=args.message_ids, job_id=args.job,
                   everything=args.all)  # fmt: skip
    if args.json:
        print_json({"deleted": n})
    else:
        note(f"deleted {n} messages from the DLQ")
    return 0
