"""`vmwheel export JOB OUT`: a finished job as a dataset folder ready for the Hugging Face
Hub: a parquet index, WebDataset shards, a dataset card and a Croissant description."""

from __future__ import annotations

from ..backends.aws import Aws
from ..backends.export import (
    DEFAULT_SHARD_MB,
    ExportOptions,
    FolderTarget,
    S3Target,
    parse_splits,
    plan_export,
    run_export,
)
from ..backends.jobs import open_store
from ..errors import CliError
from ._common import add_json, config, config_parent, human_bytes, note, print_json, progress


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export", parents=[config_parent()],
        help="a job as a dataset folder: parquet index, WebDataset shards, card, croissant",
        description="Writes OUT/data/metadata.parquet (one row per sample) and one parquet "
        "per generator and split, OUT/shards/ (WebDataset tars), OUT/README.md (a dataset "
        "card whose configs load with `datasets`), OUT/croissant.json and OUT/gallery/. "
        "Every file is checked against its manifest. Splits are assigned by a hash of each "
        "sample's param_hash, so a puzzle never lands in two splits. The folder is ready for "
        "`huggingface-cli upload`.",
    )  # fmt: skip
    p.add_argument("job", metavar="JOB", help="the job to export (found as `status` finds it)")
    p.add_argument("out", metavar="OUT", nargs="?", help="the dataset folder to write")
    p.add_argument("--to", metavar="s3://BUCKET/PREFIX", default=None,
                   help="write the folder under this S3 prefix instead of OUT")  # fmt: skip
    p.add_argument("--prefix", default=None, help="the job's prefix (default: found)")
    p.add_argument("--split", default="train=1", metavar="NAME=FRACTION,...",
                   help="splits and their shares, e.g. train=0.98,val=0.01,test=0.01 "
                   "(default: train=1)")  # fmt: skip
    p.add_argument("--exclude-job", action="append", default=[], metavar="JOB",
                   help="drop every sample whose puzzle (param_hash) appears in JOB; "
                   "repeatable")  # fmt: skip
    p.add_argument("--shard-mb", type=int, default=DEFAULT_SHARD_MB,
                   help=f"shard size in MB (default {DEFAULT_SHARD_MB})")  # fmt: skip
    p.add_argument("--license", default="other",
                   help="license id for the card, e.g. cc-by-4.0 (default: other)")  # fmt: skip
    p.add_argument("--name", default=None, help="the dataset's name on its card")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="export what is present of an incomplete job (the card says what "
                   "is missing)")  # fmt: skip
    again = p.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true",
                       help="continue an interrupted export into the same OUT")  # fmt: skip
    again.add_argument("--force", action="store_true",
                       help="replace an export already in OUT")  # fmt: skip
    p.add_argument("--threads", type=int, default=8, help="parallel reads (default 8)")
    add_json(p)


def run(args) -> int:
    if (args.out is None) == (args.to is None):
        raise CliError("give OUT (a folder) or --to s3://bucket/prefix, not both")
    if args.threads < 1:
        raise CliError("--threads must be at least 1")
    options = ExportOptions(
        job_id=args.job, prefix=args.prefix, splits=parse_splits(args.split),
        exclude_jobs=list(args.exclude_job), shard_mb=args.shard_mb, license=args.license,
        name=args.name, allow_incomplete=args.allow_incomplete,
    )  # fmt: skip
    cfg = config(args)
    store = open_store(cfg)
    plan = plan_export(store, options)
    for gid, ranges in plan.missing.items():
        note(f"missing from {gid}: " + ", ".join(f"{a}-{b}" for a, b in ranges[:10])
             + (" ..." if len(ranges) > 10 else ""))  # fmt: skip
    target = S3Target(Aws(cfg).s3, args.to) if args.to else FolderTarget(args.out)
    with progress(len(plan.samples), "exporting", enabled=not args.json) as advance:
        summary = run_export(store, plan, target, resume=args.resume, force=args.force,
                             threads=args.threads, on_progress=advance)  # fmt: skip
    if args.json:
        print_json(summary.as_dict())
        return 0
    splits = ", ".join(f"{k} {v:,}" for k, v in summary.splits.items())
    resumed = f" ({summary.resumed_shards} were already there)" if summary.resumed_shards else ""
    note(f"{summary.samples:,} samples ({splits}) of {len(summary.generators)} generators in "
         f"{summary.shards} shards{resumed}, {human_bytes(summary.bytes)} -> {summary.to}")  # fmt: skip
    for e in summary.excluded:
        note(f"excluded {e['dropped']:,} samples whose puzzle appears in job {e['job_id']}")
    return 0
