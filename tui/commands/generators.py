"""`vmwheel generators`: the catalog."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from generators import CATEGORIES, all_specs
from generators.registry import FACULTIES, broken_modules

from ..errors import CliError
from ._common import note


def add_parser(sub) -> None:
    p = sub.add_parser("generators", help="list the generator catalog")
    p.add_argument("--category", choices=CATEGORIES, help="only this category")
    p.add_argument("--family", choices=("O", "G"), help="only O- (static) or G- (dynamic) tasks")
    p.add_argument("--faculty", choices=FACULTIES, help="only generators exercising this faculty")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--markdown", action="store_true",
                   help="the catalog table README.md holds")  # fmt: skip


def run(args) -> int:
    specs = [s for s in all_specs()
             if (not args.category or s.category == args.category)
             and (not args.family or s.family == args.family)
             and (not args.faculty or s.faculty == args.faculty)]  # fmt: skip
    for gid, error in broken_modules().items():  # one line each; the rest works
        note(f"[yellow]warning:[/] left out {gid}: {escape(error)}")
    if not specs:
        raise CliError("no generator matches")
    if args.json:
        print(json.dumps([s.as_dict() for s in specs], indent=2))
        return 0
    if args.markdown:
        print(markdown_table(specs))
        return 0
    table = Table(title=f"{len(specs)} generators")
    for col in ("id", "category", "faculty", "title", "params", "shard"):
        table.add_column(col, overflow="fold")
    for s in specs:
        params = ", ".join(f"{p.name}={p.default}" for p in s.task_params)
        table.add_row(s.id, s.category, s.faculty or "-", s.title, params, str(s.shard_size))
    Console().print(table)
    return 0


def markdown_table(specs: list) -> str:
    """The catalog as README.md shows it: one row per generator, in catalog order."""
    rows = ["| id | title | faculty | category | distinct puzzles | levels |",
            "|---|---|---|---|--:|:-:|"]  # fmt: skip
    for s in specs:
        levels = f"{min(s.levels)}-{max(s.levels)}" if s.levels else "-"
        rows.append(f"| {s.id} | {s.title} | {s.faculty or '-'} | {s.category} | "
                    f"{count_text(s.instances)} | {levels} |")  # fmt: skip
    return "\n".join(rows)


def count_text(n: int) -> str:
    """12,345 below a billion, 1.2e15 above (a table column stays narrow)."""
    if n < 10**9:
        return f"{n:,}"
    mantissa, exponent = f"{n:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"
