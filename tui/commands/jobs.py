"""`vmwheel jobs`: the jobs recorded in the bucket or store."""

from __future__ import annotations

from rich.table import Table

from ..backends.jobs import list_jobs, open_store
from ._common import add_json, config, config_parent, out, print_json


def add_parser(sub) -> None:
    p = sub.add_parser("jobs", parents=[config_parent()],
                       help="list the jobs found in the bucket or store")  # fmt: skip
    p.add_argument("--prefix", default=None, help="only this prefix (default: every prefix)")
    p.add_argument(
        "--no-progress",
        action="store_true",
        help="skip counting finished samples (one listing per job)",
    )
    add_json(p)


def run(args) -> int:
    cfg = config(args)
    store = open_store(cfg)
    jobs = list_jobs(store, args.prefix, progress=not args.no_progress)
    if args.json:
        print_json([j.as_dict() for j in jobs])
        return 0
    table = Table(title=f"{len(jobs)} jobs in {store.url}")
    for col in ("job", "prefix", "created", "generators", "samples", "done", "messages"):
        table.add_column(
            col,
            justify="right" if col in ("samples", "done", "messages") else "left",
            overflow="fold",
        )  # a terminal wraps ids; it never cuts them
    for j in jobs:
        gens = ", ".join(j.generators[:3]) + (
            f" +{len(j.generators) - 3}" if len(j.generators) > 3 else ""
        )
        done = (
            "-"
            if j.present is None
            else f"{j.present} ({100 * j.present / max(j.samples, 1):.0f}%)"
        )
        table.add_row(j.job_id, j.prefix, j.created, j.problem or gens, str(j.samples), done,
                      str(j.messages))  # fmt: skip
    out().print(table)
    return 0
