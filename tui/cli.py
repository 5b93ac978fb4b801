"""The `vmwheel` entry point. No subcommand opens the console; each subcommand is a module
in tui/commands/ with `add_parser(subparsers)` and `run(args) -> int`."""

from __future__ import annotations

import argparse
import importlib
import sys

from .errors import CliError

COMMANDS = ("generators", "generate")


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="vmwheel",
        description="VM Data Wheel: synthetic video-reasoning datasets. "
        "Run without a subcommand to open the console.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for name in COMMANDS:
        module = importlib.import_module(f"{__package__}.commands.{name}")
        module.add_parser(sub)
        modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return modules[args.command].run(args) or 0
    except CliError as e:
        print(f"vmwheel: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vmwheel: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
