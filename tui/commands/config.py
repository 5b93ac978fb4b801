"""`vmwheel config`: what was resolved (queue, DLQ, bucket, region, endpoint, store) and
where each came from."""

from __future__ import annotations

from rich.table import Table

from ..backends.aws import Aws
from ..backends.errors import BackendError
from ..backends.jobs import open_store, store_errors
from ._common import add_json, config, config_parent, out, print_json


def add_parser(sub) -> None:
    p = sub.add_parser(
        "config",
        parents=[config_parent()],
        help="show the resolved configuration and where each setting came from",
        description="Settings come from flags, then the environment, then --stack NAME's "
        "CloudFormation outputs, then a running local stack's state file.",
    )
    p.add_argument("--check", action="store_true",
                   help="also try the queue, the DLQ and the store; exit 1 if one fails")  # fmt: skip
    add_json(p)


def checks(cfg) -> list[tuple[str, bool, str]]:
    aws = Aws(cfg)
    results = []
    for name, url in (("queue", cfg.queue_url), ("dlq", cfg.dlq_url)):
        if not url:
            results.append((name, False, "not configured"))
            continue
        try:
            counts = aws.queue_counts(url)
            results.append((name, True, f"{counts.visible} visible, {counts.in_flight} in flight"))
        except BackendError as e:
            results.append((name, False, str(e)))
    try:
        store = open_store(cfg, aws)
        with store_errors(f"reading {store.url}"):
            next(iter(store.list_keys("_")), None)
        results.append(("store", True, store.url))
    except BackendError as e:
        results.append(("store", False, str(e)))
    return results


def run(args) -> int:
    cfg = config(args)
    results = checks(cfg) if args.check else []
    if args.json:
        data = cfg.as_dict()
        if args.check:
            data["checks"] = {n: {"ok": ok, "detail": d} for n, ok, d in results}
        print_json(data)
    else:
        table = Table(title="vmwheel configuration")
        for col in ("setting", "value", "from"):
            table.add_column(col, overflow="fold")  # a terminal wraps URLs; it never cuts them
        for s in cfg.rows():
            table.add_row(s.name, s.value or "-", s.source)
        out().print(table)
        if cfg.local is None:
            out().print(f"no local stack is running ({cfg.state_file})", highlight=False)
        for name, ok, detail in results:
            mark = "[green]ok[/]" if ok else "[red]FAILED[/]"
            out().print(f"{name}: {mark} {detail}", highlight=False)
    return 0 if all(ok for _, ok, _ in results) else 1
