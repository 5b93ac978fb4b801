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


def console_args(argv: list[str]) -> argparse.Namespace | None:
    """The global options when `argv` names no subcommand (the console opens), else None.
    The console then starts without importing every command's module."""
    if any(a in ("-h", "--help") for a in argv):
        return None
    from .commands._common import add_global_options

    parser = argparse.ArgumentParser(prog="vmwheel", add_help=False, exit_on_error=False)
    add_global_options(parser)
    parser.add_argument("--read-only", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):  # the full parser says what is wrong
        return None
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = console_args(argv)
    if args is None:
        parser, modules = build_parser()
        args = parser.parse_args(argv)
    try:
        if getattr(args, "command", None) is None:
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

        translated = translate(e, f"vmwheel {getattr(args, 'command', None) or 'console'}")
        if translated is None:
            raise
        print(f"vmwheel: error: {translated}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vmwheel: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
