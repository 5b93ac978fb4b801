"""`vmwheel dlq list|download|push|redrive|delete`."""

from __future__ import annotations

import sys

from ..backends import dlq
from ..backends.aws import Aws, queue_name
from ..backends.errors import BackendError
from ..backends.jobs import open_store
from ..errors import CliError
from ._common import add_json, config, config_parent, note, out, print_json, progress

PERMANENT_HELP = ("permanent errors (an invalid message, an unknown generator, bad params, a "
                  "key collision) fail the same way again")  # fmt: skip


def add_parser(sub) -> None:
    p = sub.add_parser("dlq", help="dead-letter queue: list, download, push, redrive, delete")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    parent = config_parent()
    a = actions.add_parser(
        "list",
        parents=[parent],
        help="each dead message: id, job, generator, range, seed, attempts, error",
        description="Attempts come from the failure records of the shard (the DLQ's own "
        "receive count grows with every listing, so it is not shown). Piped, one plain "
        "tab-separated line per message with the full id.",
    )
    a.add_argument("-n", "--limit", type=int, default=None, help="at most this many")
    a.add_argument("--job", default=None, help="only the dead messages of this job")
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
        help="move dead messages back to the task queue (permanent errors stay)",
        description="One bounded pass: every message on the DLQ when it starts is looked at "
        "once and moved at most once, so messages that die again meanwhile are not moved "
        f"in circles. By default {PERMANENT_HELP}, so they stay on the DLQ; "
        "--include-permanent moves them too. --job and --error-type narrow the pass. With "
        "--include-permanent and no filter, AWS runs it as an SQS message move task "
        "(--manual moves by hand there too).",
    )
    a.add_argument("--job", default=None, help="only the dead messages of this job")
    a.add_argument("--error-type", action="append", default=[], metavar="TYPE",
                   help="only this error type (repeatable), e.g. SampleTimeout")  # fmt: skip
    a.add_argument("--include-permanent", action="store_true",
                   help="move permanent errors too (they will fail again)")  # fmt: skip
    a.add_argument("--manual", action="store_true", help="move by hand even on AWS")
    a.add_argument("--dry-run", action="store_true", help="list what would be moved")
    add_json(a)
    a = actions.add_parser(
        "delete",
        parents=[parent],
        help="delete dead messages",
        description="MESSAGE_ID may be any unique prefix of an id (as `dlq list` shows "
        "it). An ambiguous prefix deletes nothing; ids that match nothing are named, and "
        "the command exits non-zero.",
    )
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


def _cell(value) -> str:
    return "-" if value is None or value == "" else str(value)


def list_rows(dead: list[dlq.DeadMessage]) -> list[list[str]]:
    rows = []
    for d in dead:
        err = " ".join(f"{d.kind}: {d.error or d.body_error or '-'}".split())
        rows.append([d.message_id, _cell(d.job_id), _cell(d.generator), d.range_text,
                     _cell(d.seed), _cell(d.attempts), dlq.age_of(d), err])  # fmt: skip
    return rows


COLUMNS = ("message id", "job", "generator", "range", "seed", "attempts", "age", "error")


def print_list(dead: list[dlq.DeadMessage], where: str) -> None:
    rows = list_rows(dead)
    if not sys.stdout.isatty():  # piped: plain lines, nothing cut
        print("\t".join(COLUMNS))
        for row in rows:
            print("\t".join(row))
        return
    from rich.table import Table

    table = Table(title=f"{len(dead)} messages on {where}")
    for col in COLUMNS:
        # the id never folds or shortens: it is what `dlq delete` takes
        table.add_column(col, no_wrap=col == "message id", overflow="fold")
    for row in rows:
        row[-1] = row[-1][:160]
        table.add_row(*row)
    out().print(table, highlight=False)


def selector_of(args) -> dlq.Selector:
    return dlq.Selector(job_id=args.job, error_types=tuple(args.error_type),
                        permanent=None if args.include_permanent else False)  # fmt: skip


def run(args) -> int:
    cfg = config(args)
    aws = Aws(cfg)
    action = args.action
    if action in ("list", "download") and args.limit is not None and args.limit < 1:
        raise CliError("--limit must be at least 1")
    if action == "list":
        dead = dlq.list_dead(aws, cfg, _store_or_none(cfg, aws), args.limit)
        if args.job:
            dead = [d for d in dead if d.job_id == args.job]
        if args.json:
            print_json([d.as_dict() for d in dead])
            return 0
        print_list(dead, queue_name(cfg.require_dlq()))
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
                out().print(f"{item.file}: {item.summary}", highlight=False, soft_wrap=True)
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
        return redrive(args, cfg, aws)
    return delete(args, cfg, aws)


def redrive(args, cfg, aws) -> int:
    selector = selector_of(args)
    if args.dry_run:
        dead = dlq.list_dead(aws, cfg, _store_or_none(cfg, aws))
        chosen = [d for d in dead if selector.takes(d)]
        permanent = [d for d in dead if d.permanent and not selector.takes(d)]
        if args.json:
            print_json({"would_move": [d.as_dict() for d in chosen],
                        "left_permanent": len(permanent),
                        "left": len(dead) - len(chosen) - len(permanent)})  # fmt: skip
            return 0
        print_list(chosen, f"{queue_name(cfg.require_dlq())} that would move")
        note(f"dry run: {len(chosen)} of {len(dead)} would move"
             + (f"; {len(permanent)} permanent errors would stay" if permanent else ""))  # fmt: skip
        return 0
    with progress(None, "moving", enabled=not args.json) as advance:
        done = {"n": 0}

        def on_progress(report: dlq.MovePass) -> None:
            advance(report.looked_at - done["n"])
            done["n"] = report.looked_at

        report = dlq.redrive(aws, cfg, selector, prefer_task=not args.manual,
                             on_progress=on_progress)  # fmt: skip
    if args.json:
        print_json(report.as_dict())
    else:
        note(report.text())
        if report.left_permanent:
            note(f"  ({PERMANENT_HELP}; --include-permanent moves them anyway)")
    return 1 if report.failed else 0


def delete(args, cfg, aws) -> int:
    if not (args.message_ids or args.job or args.all):
        raise CliError("say which messages: MESSAGE_ID..., --job JOB or --all")
    if not args.force:
        what = ("every message" if args.all else f"the messages of job {args.job}" if args.job
                else f"{len(args.message_ids)} messages")  # fmt: skip
        if not sys.stdin.isatty():
            raise CliError(f"deleting {what} needs confirmation: run in a terminal or --force")
        if input(f"delete {what} from the DLQ? [y/N] ").strip().lower() not in ("y", "yes"):
            raise CliError("not confirmed; nothing deleted")
    n, unmatched = dlq.delete(aws, cfg, message_ids=args.message_ids, job_id=args.job,
                              everything=args.all)  # fmt: skip
    if args.json:
        print_json({"deleted": n, "unmatched": unmatched})
    else:
        note(f"deleted {n} messages from the DLQ")
        for prefix in unmatched:
            note(f"no dead message has the id {prefix}")
    return 1 if unmatched else 0
