"""`vmwheel resubmit JOB --missing`: send exactly the missing ranges, same seed and params."""

from __future__ import annotations

from ..backends.aws import Aws
from ..backends.jobs import open_store, resubmit_missing
from ..errors import CliError
from ._common import add_json, config, config_parent, note, out, print_json, progress


def add_parser(sub) -> None:
    p = sub.add_parser(
        "resubmit", parents=[config_parent()],
        help="send a job's missing ranges again (same seed and params)",
        description="Reads the ledger and sends one message per missing range, cut on the "
        "job's shard grid (or --batch-size), leaving out the samples that fail permanently "
        "(unless --include-failed). Samples are pure functions of (generator, seed, index, "
        "params): the result is identical whatever the shard size. Refuses while the task "
        "queue still holds messages, unless --force.",
    )  # fmt: skip
    p.add_argument("job", metavar="JOB")
    p.add_argument(
        "--missing",
        action="store_true",
        required=True,
        help="send the ranges that have no manifest (the only mode)",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=None,
        metavar="B",
        help="samples per message (default: the job's shard size)",
    )
    p.add_argument("--prefix", default=None, help="the job's prefix (default: found)")
    p.add_argument("--include-failed", action="store_true",
                   help="also the samples that fail permanently (after fixing the generator)")  # fmt: skip
    p.add_argument("--force", action="store_true", help="send even if the queue is not empty")
    p.add_argument("--dry-run", action="store_true", help="list the ranges; send nothing")
    add_json(p)


def run(args) -> int:
    cfg = config(args)
    cfg.require_queue()
    aws = Aws(cfg)
    store = open_store(cfg, aws)
    with progress(None, "sending", enabled=not args.json and not args.dry_run) as advance:
        shards, result = resubmit_missing(
            aws, cfg, store, args.job, prefix=args.prefix, batch_size=args.batch_size,
            force=args.force, dry_run=args.dry_run, include_failed=args.include_failed,
            on_progress=advance,
        )  # fmt: skip
    ranges = [{"generator": s.generator, "start": s.start, "stop": s.stop} for s in shards]
    if args.json:
        print_json({"job_id": args.job, "messages": len(shards), "ranges": ranges,
                    "samples": sum(s.samples for s in shards), "dry_run": args.dry_run,
                    "result": result.as_dict() if result else None})  # fmt: skip
    else:
        for s in shards[:50]:
            out().print(f"{s.generator} {s.start}-{s.stop}", highlight=False)
        if len(shards) > 50:
            out().print(f"... and {len(shards) - 50} more")
        if not shards:
            note(f"job {args.job} has nothing missing")
        elif result is None:
            note(f"dry run: {len(shards)} messages would be sent")
        else:
            note(f"sent {result.sent}/{result.messages} messages ({result.samples} samples)")
    if result is not None and result.failed:
        raise CliError(f"{len(result.failed)} messages were not sent; run the command again")
    return 0
