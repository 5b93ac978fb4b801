"""`vmwheel status JOB`: the job's ledger."""

from __future__ import annotations

from rich.table import Table

from ..backends.jobs import job_status, open_store, status_rows
from ._common import add_json, config, config_parent, human_bytes, out, print_json, ranges_text


def add_parser(sub) -> None:
    p = sub.add_parser(
        "status", parents=[config_parent()],
        help="a job's ledger: expected, present, missing, failed, duplicates",
        description="Reads the job record and every manifest and failure record. Exits 0 "
        "when the job is complete, 1 while samples are missing.",
    )  # fmt: skip
    p.add_argument("job", metavar="JOB")
    p.add_argument("--prefix", default=None, help="the job's prefix (default: found)")
    add_json(p)


def run(args) -> int:
    cfg = config(args)
    ledger = job_status(open_store(cfg), args.job, args.prefix)
    rows = status_rows(ledger)
    if args.json:
        print_json({"job_id": ledger.job_id, "prefix": ledger.prefix,
                    "complete": ledger.complete, "generators": rows,
                    "problems": ledger.problems})  # fmt: skip
        return 0 if ledger.complete else 1
    console = out()
    state = "complete" if ledger.complete else "incomplete"
    table = Table(title=f"job {ledger.job_id} ({ledger.prefix}): {state}")
    for col in (
        "generator",
        "present",
        "expected",
        "missing ranges",
        "failed",
        "duplicates",
        "size",
    ):
        table.add_column(col, justify="right" if col in ("present", "expected", "size") else "left")
    for r in rows:
        failed = str(len(r["failed"])) if r["failed"] else "-"
        dups = str(len(r["duplicates"])) if r["duplicates"] else "-"
        table.add_row(r["generator"], str(r["present"]), str(r["expected"]),
                      ranges_text(r["missing"]), failed, dups, human_bytes(r["bytes"]))  # fmt: skip
    console.print(table)
    for r in rows:
        for f in r["failed"][:10]:
            kind = "permanent" if f["permanent"] else "transient"
            console.print(f"  {r['generator']} {f['start']}-{f['stop']}: {kind}, "
                          f"{f['attempts']} attempts, last: {f['error_type']}: {f['error']}",
                          highlight=False, soft_wrap=True)  # fmt: skip
        if len(r["failed"]) > 10:
            console.print(f"  ... and {len(r['failed']) - 10} more failed ranges")
        for h, ids in list(r["duplicates"].items())[:5]:
            console.print(f"  {r['generator']}: param_hash {h} repeats in {', '.join(ids[:4])}"
                          + (" ..." if len(ids) > 4 else ""), highlight=False)  # fmt: skip
    for p in ledger.problems[:10]:
        console.print(f"  problem: {p}", highlight=False, soft_wrap=True)
    if not ledger.complete and ledger.job is not None:
        console.print(f"`vmwheel resubmit {ledger.job_id} --missing` sends the missing ranges "
                      "with the job's seed and params", highlight=False)  # fmt: skip
    return 0 if ledger.complete else 1
