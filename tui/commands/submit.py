"""`vmwheel submit`: validate, write the job record, send the shards."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from ..backends.aws import Aws
from ..backends.jobs import check_store_writable, open_store, plan_job, submit
from ..backends.pricing import LAMBDA_GB_SECOND, S3_GB_MONTH, S3_PUT, SQS_REQUEST
from ..errors import CliError
from ._common import add_json, config, config_parent, human_bytes, note, out, print_json, progress


def add_parser(sub) -> None:
    p = sub.add_parser(
        "submit",
        parents=[config_parent()],
        help="submit a job: one message per shard of each generator",
        description="Validates every generator and param before anything is sent, refuses "
        "indices another job already holds in the prefix with another seed or params (their "
        "keys hold other bytes), writes the job record ({prefix}/_jobs/{job_id}.json), then "
        "sends the shards in batches of 10 from several threads, retrying failed entries "
        "with exponential backoff.",
    )
    p.add_argument(
        "--generator",
        "-g",
        nargs="+",
        action="extend",
        required=True,
        metavar="GEN",
        help="generator names (any lookup form), `faculty:NAME` for every generator of a "
        "faculty, or `all`",
    )
    p.add_argument("--samples", "-n", type=int, required=True, help="samples per generator")
    p.add_argument(
        "--batch-size",
        type=int,
        default=None,
        metavar="B",
        help="samples per message (default: each generator's shard size)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        help="job seed (default: a random one, printed with the --seed that repeats it)",
    )
    p.add_argument("--start-index", type=int, default=0, help="first sample index (default 0)")
    p.add_argument("--output-format", choices=("tar", "files"), default="tar",
                   help="tar (default): one WebDataset tar per shard; files: one object per "
                   "file, about 6 PUTs per sample")  # fmt: skip
    p.add_argument(
        "--prefix", default=None, help="output prefix (default: env OUTPUT_PREFIX or `questions`)"
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="K=V",
        help="generator param (repeatable); K=V applies to every chosen generator "
        "declaring K, GEN:K=V to one",
    )
    p.add_argument(
        "--difficulty",
        default=None,
        metavar="LEVEL",
        help="difficulty 1-5 for every generator, or a range such as 1-5 spread evenly over "
        "the samples (default: each generator's default level)",
    )
    p.add_argument("--job-id", default=None, help="job id (default: time + random)")
    p.add_argument("--threads", type=int, default=8, help="sending threads (default 8)")
    p.add_argument(
        "--dry-run", action="store_true", help="print the plan and its estimated cost; send nothing"
    )
    add_json(p)


def run(args) -> int:
    if args.threads < 1:
        raise CliError("--threads must be at least 1")
    cfg = config(args)
    plan = plan_job(
        args.generator, args.samples, batch_size=args.batch_size, seed=args.seed,
        output_format=args.output_format, output_bucket=cfg.bucket, output_prefix=args.prefix,
        params=args.param + ([f"difficulty={args.difficulty}"] if args.difficulty else []),
        start_index=args.start_index, job_id=args.job_id,
    )  # fmt: skip
    for w in plan.warnings:
        note(f"[yellow]warning:[/] {escape(w)}")
    if args.dry_run:
        return _print_plan(args, plan)
    cfg.require_queue()
    aws = Aws(cfg)
    store = open_store(cfg, aws)
    check_store_writable(store)
    with progress(len(plan.shards), "sending", enabled=not args.json) as advance:
        result = submit(aws, cfg, store, plan, threads=args.threads, on_progress=advance)
    if args.json:
        print_json(result.as_dict())
    else:
        note(
            f"sent {result.sent}/{result.messages} messages ({result.samples} samples) in "
            f"{result.seconds:.1f} s, {result.rate:.0f} messages/s; record in {store.url}"
        )
        if plan.seed_chosen:  # so the job can be repeated exactly
            note(f"seed {plan.seed} (drawn at random; --seed {plan.seed} repeats this job)")
        print(result.job_id)
    if result.failed:
        first = result.failed[0]
        raise CliError(
            f"{len(result.failed)} messages were not sent (first: {first['generator']} "
            f"{first['start']}-{first['stop']}: {first['error']}); "
            f"`vmwheel resubmit {result.job_id} --missing` sends what is missing"
        )
    return 0


def _print_plan(args, plan) -> int:
    est = plan.estimate()
    if args.json:
        print_json(plan.as_dict())
        return 0
    table = Table(title=f"plan for job {plan.job_id} (dry run: nothing sent)")
    for col in ("generator", "samples", "start", "shard size", "messages"):
        table.add_column(col, justify="left" if col == "generator" else "right")
    for gid, g in plan.generators.items():
        n = sum(1 for s in plan.shards if s.generator == gid)
        table.add_row(gid, str(g.samples), str(g.start_index), str(g.shard_size), str(n))
    console = out()
    console.print(table)
    seed = f"{plan.seed} (random: --seed {plan.seed})" if plan.seed_chosen else str(plan.seed)
    console.print(
        f"{len(plan.shards)} messages, {plan.samples} samples, seed {seed}, "
        f"format {plan.output_format}, prefix {plan.output_prefix}, "
        f"about {human_bytes(est.bytes)} of output",
        highlight=False,
    )
    cost = Table(title="estimated cost at us-east-1 list prices (USD)")
    for col in ("item", "quantity", "unit price", "cost"):
        cost.add_column(col, justify="left" if col == "item" else "right")
    cost.add_row(
        "Lambda compute",
        f"{est.lambda_gb_s:,.0f} GB-s",
        f"{LAMBDA_GB_SECOND:.10f}".rstrip("0") + "/GB-s",
        f"{est.lambda_usd:,.2f}",
    )
    cost.add_row(
        "SQS requests",
        f"{est.sqs_requests:,.0f}",
        f"{SQS_REQUEST * 1e6:.2f}/M",
        f"{est.sqs_usd:,.2f}",
    )
    cost.add_row(
        "S3 PUT requests", f"{est.objects:,}", f"{S3_PUT * 1000:.3f}/1000", f"{est.s3_put_usd:,.2f}"
    )
    cost.add_row(
        "S3 storage, one month",
        human_bytes(est.bytes),
        f"{S3_GB_MONTH}/GB-month",
        f"{est.storage_month_usd:,.2f}",
    )
    cost.add_row("total", "", "", f"{est.total_usd:,.2f}")  # fmt: skip
    console.print(cost)
    if plan.output_format == "files":
        per = est.objects / max(est.samples, 1)
        msg = (f"files mode writes one object per file, about {per:.0f} per sample "
               f"({est.objects:,} PUTs here); --output-format tar writes one per shard.")  # fmt: skip
        if est.puts_exceed_compute:
            msg += (f" Here the PUTs (${est.s3_put_usd:,.2f}) cost more than the compute "
                    f"(${est.lambda_usd:,.2f}).")  # fmt: skip
        console.print(msg, highlight=False)
    console.print(
        "Estimates from each generator's measured CPU time and bytes per sample "
        "(benchmarks/bench_generators.py), scaled by image size, frame count and video; "
        "free tiers not counted.",
        highlight=False,
    )
    return 0
