"""`vmwheel monitor`: queue depths, DLQ depth, rate and ETA; with --job, ledger progress."""

from __future__ import annotations

import json
import sys
import time

from rich.console import Group
from rich.table import Table

from ..backends.aws import Aws
from ..backends.jobs import job_status, open_store, status_rows
from ..backends.monitor import Monitor, format_eta
from ..errors import CliError
from ._common import add_json, config, config_parent, out, print_json


def add_parser(sub) -> None:
    p = sub.add_parser("monitor", parents=[config_parent()],
                       help="queue depths, DLQ depth, processing rate and ETA")  # fmt: skip
    p.add_argument("--watch", action="store_true",
                   help="refresh until Ctrl-C (piped: each refresh printed; --json: one "
                        "object per line)")  # fmt: skip
    p.add_argument(
        "--interval",
        type=float,
        default=5.0,
        metavar="S",
        help="seconds between refreshes (default 5)",
    )
    p.add_argument("--job", default=None, metavar="JOB", help="also the job's ledger progress")
    p.add_argument("--prefix", default=None, help="the job's prefix (default: found)")
    add_json(p)


def _view(snap, rows):
    t = Table(title="queues")
    for col in ("queue", "visible", "in flight", "delayed"):
        t.add_column(col, justify="left" if col == "queue" else "right")
    q = snap.queue
    t.add_row(q.name, str(q.visible), str(q.in_flight), str(q.delayed))
    if snap.dlq is not None:
        d = snap.dlq
        t.add_row(f"{d.name} (DLQ)", str(d.visible), str(d.in_flight), str(d.delayed))
    rate = f"{snap.rate:.2f} messages/s" if snap.rate is not None else "measuring"
    parts = [t, f"rate {rate}, ETA {format_eta(snap.eta_s)}"]
    if rows is not None:
        j = Table(title="job progress")
        for col in ("generator", "present", "expected", "%", "failed ranges"):
            j.add_column(col, justify="left" if col == "generator" else "right")
        for r in rows:
            pct = 100.0 * r["present"] / r["expected"] if r["expected"] else 0.0
            j.add_row(r["generator"], str(r["present"]), str(r["expected"]), f"{pct:.0f}",
                      str(len(r["failed"])))  # fmt: skip
        parts.append(j)
    return Group(*parts)


def run(args) -> int:
    if args.interval <= 0:
        raise CliError("--interval must be positive")
    cfg = config(args)
    aws = Aws(cfg)
    mon = Monitor(aws, cfg)
    store = open_store(cfg, aws) if args.job else None

    def job_rows():
        if store is None:
            return None
        return status_rows(job_status(store, args.job, args.prefix))

    snap = mon.sample()
    if not args.watch:
        time.sleep(min(args.interval, 2.0))  # a second sample for the rate
        snap = mon.sample()
        rows = job_rows()
        if args.json:
            print_json({**snap.as_dict(), "job": rows})
        else:
            out().print(_view(snap, rows))
        return 0
    console = out()
    try:
        if args.json or not console.is_terminal:
            # for scripts and files: every refresh, as it comes (JSON: one object a line)
            while True:
                if args.json:
                    print(json.dumps({**snap.as_dict(), "job": job_rows()}, default=str),
                          flush=True)  # fmt: skip
                else:
                    console.print(_view(snap, job_rows()))
                    sys.stdout.flush()
                time.sleep(args.interval)
                snap = mon.sample()
        from rich.live import Live

        with Live(_view(snap, job_rows()), console=console, auto_refresh=False) as live:
            while True:
                time.sleep(args.interval)
                snap = mon.sample()
                live.update(_view(snap, job_rows()), refresh=True)
    except KeyboardInterrupt:
        return 0
