"""What the operator commands share: the configuration options, JSON output, progress."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console

from ..backends.config import Config, from_args

# (dest, flag, help); on the main parser and on every operator subcommand
CONFIG_OPTIONS = (
    ("queue_url", "--queue-url", "task queue URL (env SQS_QUEUE_URL)"),
    ("dlq_url", "--dlq-url", "dead-letter queue URL (env SQS_DLQ_URL)"),
    ("bucket", "--bucket", "output bucket (env OUTPUT_BUCKET)"),
    ("region", "--region", "AWS region (env AWS_REGION)"),
    ("profile", "--profile", "AWS profile (env AWS_PROFILE)"),
    ("endpoint_url", "--endpoint-url", "AWS endpoint, e.g. a moto server (env AWS_ENDPOINT_URL)"),
    ("stack", "--stack", "take queue, DLQ and bucket from this CloudFormation stack's outputs"),
    ("store", "--store", "local folder store instead of the bucket (env LOCAL_STORE_DIR; "
                         "default ./vmwheel-data when a local stack runs there)"),
)  # fmt: skip


def add_global_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("where (flags, then env, then --stack, then a local stack)")
    for dest, flag, text in CONFIG_OPTIONS:
        metavar = "NAME" if dest in ("stack", "profile") else "DIR" if dest == "store" else None
        group.add_argument(flag, dest=dest, default=None, help=text, metavar=metavar)


def config_parent() -> argparse.ArgumentParser:
    """The same options for subcommands; not given there, they keep the global value."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("where (flags, then env, then --stack, then a local stack)")
    for dest, flag, text in CONFIG_OPTIONS:
        metavar = "NAME" if dest in ("stack", "profile") else "DIR" if dest == "store" else None
        group.add_argument(flag, dest=dest, default=argparse.SUPPRESS, help=text, metavar=metavar)
    return parent


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def config(args) -> Config:
    return from_args(args)


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, default=str, ensure_ascii=False))


PIPED_WIDTH = 10_000  # piped output is for scripts and files: never cut an id or a URL


def out() -> Console:
    """stdout. Piped, wide enough that no table column is cut (a terminal keeps its width)."""
    console = Console()
    return console if console.is_terminal else Console(width=PIPED_WIDTH)


def err() -> Console:
    return Console(stderr=True, highlight=False)


def note(text: str) -> None:
    """A line for the operator on stderr (kept off stdout, which scripts parse)."""
    err().print(text, soft_wrap=True)


@contextlib.contextmanager
def progress(
    total: int | None, label: str, enabled: bool = True
) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr; yields `advance(n)`. Disabled: a no-op callback."""
    if not enabled or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err(), transient=True) as bar:  # fmt: skip
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


def ranges_text(ranges, limit: int = 8) -> str:
    items = [f"{a}-{b}" for a, b in ranges]
    if not items:
        return "-"
    more = f" (+{len(items) - limit} more)" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more
