"""`vmwheel local`: run the embedded stack (moto on 127.0.0.1, queue + DLQ, folder store,
local workers) until Ctrl-C."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from ..backends.config import DEFAULT_STORE, read_state
from ..backends.errors import BackendError, ConfigError
from ..backends.local_stack import LocalStack, LocalStackOptions
from ._common import note


def add_parser(sub) -> None:
    p = sub.add_parser(
        "local",
        help="run the embedded local stack (moto SQS, folder store, local workers)",
        description="Start a moto server on 127.0.0.1 with the task queue and its DLQ "
        "(redrive after --max-receive-count receives), the folder store, and local workers "
        "that call the real worker handler. Other `vmwheel` commands find it through "
        "STORE/.local-stack.json. The queues are journalled to STORE/.local-queues.json "
        "within a second of any change, so even a kill -9 loses at most that second; the "
        "next start restores them and says so. Ctrl-C stops cleanly: running shards wrap up "
        "and the journal is written a last time (exit 1 if it cannot be, keeping the last "
        "good one).",
    )
    p.add_argument(
        "--store",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help=f"folder store (default ./{DEFAULT_STORE}; env LOCAL_STORE_DIR)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="local worker processes (default: one per CPU)",
    )
    p.add_argument(
        "--visibility-timeout",
        type=int,
        default=120,
        metavar="S",
        help="task queue visibility timeout (default 120; the AWS stack uses 960)",
    )
    p.add_argument(
        "--max-receive-count",
        type=int,
        default=3,
        metavar="N",
        help="receives before SQS moves a message to the DLQ (default 3)",
    )
    p.add_argument(
        "--function-timeout",
        type=float,
        default=None,
        metavar="S",
        help="each invocation's deadline (default: a quarter or a minute less "
        "than the visibility timeout)",
    )
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free)")
    p.add_argument(
        "--s3",
        action="store_true",
        help="keep results in moto's S3 (bucket vmwheel-local) instead of the folder",
    )
    p.add_argument(
        "--log-file", type=Path, default=None, help="worker output to this file instead of stderr"
    )
    p.add_argument(
        "--stop", action="store_true", help="stop the local stack running for --store, then exit"
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print the stack's state as one JSON line on stdout once it runs",
    )


def _store(args) -> Path:
    given = getattr(args, "store", None)
    return Path(given or os.environ.get("LOCAL_STORE_DIR") or DEFAULT_STORE)


def stop_running(store: Path, wait: float = 60.0) -> int:
    state = read_state(store)
    if state is None:
        raise ConfigError(f"no local stack runs for {store}")
    os.kill(state.pid, signal.SIGTERM)
    end = time.monotonic() + wait
    while time.monotonic() < end and read_state(store) is not None:
        time.sleep(0.2)
    if read_state(store) is not None:
        raise ConfigError(f"the local stack (pid {state.pid}) did not stop within {wait:g} s")
    note(f"stopped the local stack (pid {state.pid})")
    return 0


def run(args) -> int:
    store = _store(args)
    if args.stop:
        return stop_running(store)
    if args.workers < 0:
        raise ConfigError("--workers must be >= 0")
    options = LocalStackOptions(
        store=store, workers=args.workers, visibility_timeout=args.visibility_timeout,
        max_receive_count=args.max_receive_count, function_timeout=args.function_timeout,
        port=args.port, s3=args.s3, log_file=args.log_file,
    )  # fmt: skip
    stack = LocalStack(options, on_event=lambda line: note(f"local: {line}"))
    stop = threading.Event()
    signals = {"n": 0}

    def on_signal(signum, frame):
        signals["n"] += 1
        stop.set()
        if signals["n"] == 2:
            note("local: stopping now (running shards return to the queue)")
            stack.hurry()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _serve(args, stack, stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _serve(args, stack: LocalStack, stop: threading.Event) -> int:
    state = stack.start()
    if args.json:
        print(json.dumps(state.as_dict()), flush=True)
    else:
        where = f"s3://{state.bucket} (moto)" if state.store is None else state.store
        note(f"local stack running (pid {state.pid})\n"
             f"  endpoint     {state.endpoint}\n"
             f"  queue        {state.queue_url}\n"
             f"  dlq          {state.dlq_url} (after {state.max_receive_count} receives)\n"
             f"  visibility   {state.visibility_timeout} s; function timeout "
             f"{state.function_timeout:g} s\n"
             f"  store        {where}\n"
             f"  workers      {len(state.workers)} ({', '.join(map(str, state.workers))})\n"
             f"  state file   {state.path}\n"
             "Ctrl-C stops cleanly (twice: at once).")  # fmt: skip
    sys.stdout.flush()
    try:
        stack.serve(stop)
    finally:
        note("local: stopping; running shards wrap up")
        try:
            saved = stack.stop()
        except BackendError as e:
            note(f"local: stopped, but {e}")
            return 1
        note(f"local: stopped ({saved} messages saved for the next start)" if saved
             else "local: stopped")  # fmt: skip
    return 0
