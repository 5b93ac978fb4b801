"""The `vmwheel` entry point. No subcommand opens the console; each subcommand is a module
in tui/commands/ with `add_parser(subparsers)` and `run(args) -> int`."""

from __future__ import annotations

import argparse
import importlib
import sys

from .backends.errors import BackendError
from .errors import CliError

COMMANDS = ("generators", "generate", "local", "config", "submit", "monitor", "queue", "dlq",
            "status", "resubmit", "jobs", "sync", "export")  # fmt: skip


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="vmwheel",
        description="VM Data Wheel: synthetic video-reasoning datasets. "
        "Run without a subcommand to open the console.",
    )
    from .commands._common import add_global_options

    add_global_options(parser)
    parser.add_argument("--read-only", action="store_true",
                        help="console: no submit, purge, delete or retry")  # fmt: skip
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
    try:
        if args.command is None:
            from .commands._common import config
            from .console import open_console

            return open_console(config(args), read_only=args.read_only)
        return modules[args.command].run(args) or 0
    except (CliError, BackendError) as e:
        print(f"vmwheel: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `vmwheel status J --json | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as e:  # an AWS failure no command translated: still one line
        from .backends.errors import translate

        translated = translate(e, f"vmwheel {args.command or 'console'}")
        if translated is None:
            raise
        print(f"vmwheel: error: {translated}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vmwheel: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
