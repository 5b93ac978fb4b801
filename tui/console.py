"""Opening the console: resolve where it works, start the embedded stack when nothing is
configured and none is running, and stop that stack again on the way out."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from .backends.config import Config, resolve
from .backends.local_stack import LocalStack, LocalStackOptions
from .context import ConsoleContext


def open_console(config: Config, read_only: bool = False, log_file: Path | None = None) -> int:
    from .app import VmWheelApp

    with contextlib.ExitStack() as stack:
        if not config.queue_url and not config.bucket and not config.store:
            store = Path("vmwheel-data")
            store.mkdir(exist_ok=True)
            options = LocalStackOptions(store=store, log_file=log_file or store / "local-stack.log")
            stack.enter_context(LocalStack(options))
            config = resolve({"store": str(store)})
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        VmWheelApp(ConsoleContext(config, read_only=read_only)).run()
    return 0
