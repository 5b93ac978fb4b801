"""`vmwheel sync (JOB | --prefix P) DEST`: download finished samples into sample folders,
skipping what is already there and unchanged."""

from __future__ import annotations

from ..backends.jobs import open_store
from ..backends.sync import sync
from ..errors import CliError
from ._common import add_json, config, config_parent, human_bytes, note, print_json, progress


def add_parser(sub) -> None:
    p = sub.add_parser(
        "sync", parents=[config_parent()],
        help="download a job's (or a prefix's) results to a folder",
        description="Mirrors what the manifests list, relative to the prefix: "
        "DEST/{generator}/{sample_id}/{file} whatever the job's format (a shard's tar is "
        "downloaded, checked and unpacked), plus the manifests and the job record. Files "
        "already there with the manifest's size and sha256 are skipped; every file is "
        "checked against its manifest.",
    )  # fmt: skip
    p.add_argument(
        "args", nargs="+", metavar="JOB DEST", help="JOB DEST, or DEST alone with --prefix"
    )
    p.add_argument("--prefix", default=None, help="sync every job under this prefix")
    p.add_argument("--keep-tar", action="store_true",
                   help="keep each shard's tar beside its unpacked sample folders")  # fmt: skip
    p.add_argument("--threads", type=int, default=8, help="parallel downloads (default 8)")
    add_json(p)


def run(args) -> int:
    if len(args.args) == 2:
        job, dest = args.args
    elif len(args.args) == 1 and args.prefix:
        job, dest = None, args.args[0]
    else:
        raise CliError("give JOB DEST, or --prefix P DEST")
    if args.threads < 1:
        raise CliError("--threads must be at least 1")
    cfg = config(args)
    store = open_store(cfg)
    total = {"n": None}
    with progress(None, "syncing", enabled=not args.json) as advance:
        report = sync(store, dest, job_id=job, prefix=args.prefix, keep_tar=args.keep_tar,
                      threads=args.threads, on_total=lambda n: total.update(n=n),
                      on_progress=advance)  # fmt: skip
    if args.json:
        print_json(report.as_dict())
    else:
        tars = f" from {report.tars} shard tars" if report.tars else ""
        note(f"{report.files} files in {report.manifests} manifests: wrote "
             f"{report.downloaded}{tars} ({human_bytes(report.bytes)} fetched), "
             f"{report.skipped} already there -> {dest}")  # fmt: skip
    if report.failed:
        raise CliError(f"{len(report.failed)} downloads failed (first: {report.failed[0]})")
    return 0
