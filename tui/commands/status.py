"""`vmwheel status JOB`: the job's ledger."""

from __future__ import annotations

from rich.table import Table

from ..backends.jobs import job_status, open_store, status_rows, verify_job
from ._common import (
    add_json,
    config,
    config_parent,
    human_bytes,
    note,
    out,
    print_json,
    progress,
    ranges_text,
)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "status", parents=[config_parent()],
        help="a job's ledger: expected, present, missing, failed, duplicates",
        description="Reads the job record and every manifest, failure and attempt record. "
        "Exits 0 when the job is complete (and, with --verify, intact), 1 otherwise.",
    )  # fmt: skip
    p.add_argument("job", metavar="JOB")
    p.add_argument("--prefix", default=None, help="the job's prefix (default: found)")
    p.add_argument("--verify", action="store_true",
                   help="read every object the manifests list and check its sha256 and size: "
                        "prove the job intact or name every damaged sample")  # fmt: skip
    add_json(p)


def run(args) -> int:
    cfg = config(args)
    store = open_store(cfg)
    ledger = job_status(store, args.job, args.prefix)
    rows = status_rows(ledger)
    damage = None
    if args.verify:
        total = sum(len(m.objects(ledger.prefix)) for _, m in ledger.records)
        with progress(total, "verifying", enabled=not args.json) as advance:
            damage = verify_job(store, ledger, advance)
    ok = ledger.complete and not damage
    if args.json:
        data = {"job_id": ledger.job_id, "prefix": ledger.prefix, "complete": ledger.complete,
                "generators": rows, "problems": ledger.problems}  # fmt: skip
        if damage is not None:
            data["verified"] = not damage
            data["damaged"] = [d.to_dict() for d in damage]
        print_json(data)
        return 0 if ok else 1
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
            which = (f" (samples {', '.join(map(str, f['failed_indices'][:10]))})"
                     if f["failed_indices"] else "")  # fmt: skip
            console.print(f"  {r['generator']} {f['start']}-{f['stop']}{which}: {kind}, "
                          f"{f['attempts']} attempts, last: {f['error_type']}: {f['error']}",
                          highlight=False, soft_wrap=True)  # fmt: skip
        if len(r["failed"]) > 10:
            console.print(f"  ... and {len(r['failed']) - 10} more failed ranges")
        if r["failing"]:
            console.print(f"  {r['generator']}: samples {ranges_text(r['failing'])} fail "
                          "permanently (resubmit --missing leaves them out; --include-failed "
                          "after a fix)", highlight=False, soft_wrap=True)  # fmt: skip
        for h, ids in list(r["duplicates"].items())[:5]:
            console.print(f"  {r['generator']}: param_hash {h} repeats in {', '.join(ids[:4])}"
                          + (" ..." if len(ids) > 4 else ""), highlight=False)  # fmt: skip
    for p in ledger.problems[:10]:
        console.print(f"  problem: {p}", highlight=False, soft_wrap=True)
    if damage:
        for d in damage:
            console.print(f"  damaged: {', '.join(d.samples)}: {d.key}: {d.problem}",
                          highlight=False, soft_wrap=True)  # fmt: skip
        note(f"[red]{len(damage)} objects do not match their manifests[/]")
    elif damage is not None:
        note(f"verified: every object of job {ledger.job_id}'s manifests matches its sha256")
    failing = sum(b - a for r in rows for a, b in r["failing"])
    resendable = sum(r["missing_samples"] for r in rows) - failing
    if resendable > 0 and ledger.job is not None:
        what = "the missing ranges" + (" (without the failing samples)" if failing else "")
        console.print(f"`vmwheel resubmit {ledger.job_id} --missing` sends {what} with the "
                      "job's seed and params", highlight=False)  # fmt: skip
    return 0 if ok else 1
