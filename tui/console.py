"""Opening the console: resolve where it works, start the embedded stack when nothing is
configured and none is running, and stop that stack again on the way out."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from .backends.config import Config, resolve
from .backends.local_stack import LocalStack, LocalStackOptions
from .context import ConsoleContext


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def open_console(config: Config, read_only: bool = False, log_file: Path | None = None) -> int:
    from .app import VmWheelApp

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    if config.queue_url or config.bucket or config.store:
        VmWheelApp(ConsoleContext(config, read_only=read_only)).run()
        return 0
    store = Path("vmwheel-data")
    store.mkdir(exist_ok=True)
    log = log_file or store / "local-stack.log"
    note(f"vmwheel: starting the embedded local stack (store {store}, worker log {log})…")
    local = LocalStack(LocalStackOptions(store=store, log_file=log))
    local.start()
    try:
        config = resolve({"store": str(store)})
        VmWheelApp(ConsoleContext(config, read_only=read_only)).run()
    finally:
        note("vmwheel: stopping the local stack (workers finish or hand back their shards)…")
        saved = local.stop()
        note("vmwheel: local stack stopped" + (f"; {saved} messages kept for the next start"
                                               if saved else ""))  # fmt: skip
    return 0
