"""Opening the console: resolve where it works, and when nothing is configured, bring the
embedded local stack up in the background (or attach to one that runs) while the console
already shows; on the way out, stop the stack it started without waiting for it.

The stack the console starts is `vmwheel local` in a process of its own: quitting only
asks it to stop (SIGTERM), and it finishes on its own: running shards wrap up and the
queues are saved for the next start. A console opened while that stack is still stopping
waits for it to finish before it starts a new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

STOPPING = ".local-stack.stopping"  # the pid of a stack this console asked to stop
START_TIMEOUT = 120.0  # s for `vmwheel local` to say it runs
STOP_WAIT = 90.0  # s to wait for a stopping stack before starting a new one


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class EmbeddedStack:
    """The console's local stack: attached when one runs for the store, else started as
    `vmwheel local` in its own process (its output in the log file)."""

    def __init__(self, store: Path, log: Path, args: tuple[str, ...] = ()) -> None:
        self.store, self.log, self.args = store, log, tuple(args)  # args: more `local` flags
        self.proc: subprocess.Popen | None = None
        self.attached_pid: int | None = None
        self.cancelled = threading.Event()  # the console closed while the stack started

    def start(self, progress: Callable[[str], None]) -> object:
        """Block until the stack runs; its Config. `progress(text)` says what it does."""
        from .backends.config import read_state, resolve

        self.store.mkdir(parents=True, exist_ok=True)
        self._wait_for_a_stopping_stack(progress)
        running = read_state(self.store)
        if running is not None:
            progress(f"attaching to the local stack (pid {running.pid})")
            self.attached_pid = running.pid
            return resolve({"store": str(self.store)})
        progress("starting the local stack")
        cmd = [sys.executable, "-m", "tui.cli", "local", "--store", str(self.store), "--json",
               "--log-file", str(self.log), *self.args]  # fmt: skip
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=log, start_new_session=True,
                                         cwd=os.getcwd())  # fmt: skip
        started = time.monotonic()
        line = self._read_state_line(progress, started)
        if self.cancelled.is_set():
            raise RuntimeError("the console closed before the local stack was up")
        if not line:
            code = self.proc.wait(timeout=10)
            raise RuntimeError(f"`vmwheel local` exited with code {code}: {self._last_error()}")
        progress("the local stack is up")
        return resolve({"store": str(self.store)})

    def _read_state_line(self, progress: Callable[[str], None], started: float) -> str:
        """The JSON line `vmwheel local --json` prints once it runs ("" if it exits first)."""
        import selectors

        assert self.proc is not None and self.proc.stdout is not None
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        buffer = b""
        try:
            while time.monotonic() - started < START_TIMEOUT:
                if self.cancelled.is_set():
                    return ""
                if sel.select(timeout=0.25):
                    chunk = os.read(self.proc.stdout.fileno(), 65536)
                    if not chunk:
                        return ""
                    buffer += chunk
                    if b"\n" in buffer:
                        line = buffer.split(b"\n", 1)[0].decode("utf-8", "replace")
                        json.loads(line)  # it is the state, or the start went wrong
                        return line
                else:
                    progress(f"starting the local stack ({time.monotonic() - started:.0f} s: "
                             "moto, queues, workers)")  # fmt: skip
            raise RuntimeError(f"the local stack did not start within {START_TIMEOUT:g} s "
                               f"(see {self.log})")  # fmt: skip
        finally:
            sel.close()

    def _last_error(self) -> str:
        try:
            lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return f"see {self.log}"
        for line in reversed(lines[-50:]):
            if "error" in line.lower():
                return line.strip()
        return f"see {self.log}"

    def _wait_for_a_stopping_stack(self, progress: Callable[[str], None]) -> None:
        marker = self.store / STOPPING
        try:
            pid = int(marker.read_text().strip())
        except (OSError, ValueError):
            return
        end = time.monotonic() + STOP_WAIT
        while _alive(pid) and time.monotonic() < end and not self.cancelled.is_set():
            progress(f"waiting for the last local stack to finish stopping (pid {pid})")
            time.sleep(0.5)
        if _alive(pid):
            raise RuntimeError(f"the last local stack (pid {pid}) is still stopping; try again "
                               "in a moment")  # fmt: skip
        with contextlib.suppress(OSError):
            marker.unlink()

    def cancel(self) -> None:
        """The console is closing: stop waiting for the stack to come up."""
        self.cancelled.set()

    def stop(self) -> str:
        """Ask the stack this console started to stop, without waiting; a line saying so
        ("" when the console only attached to a running stack, which keeps running)."""
        self.cancel()
        if self.proc is None:
            return ""
        if self.proc.poll() is not None:
            return "the local stack had stopped already"
        with contextlib.suppress(OSError):
            (self.store / STOPPING).write_text(str(self.proc.pid))
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGTERM)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        return (f"the local stack (pid {self.proc.pid}) is stopping in the background: running "
                f"shards wrap up and the queues are saved ({self.log})")  # fmt: skip


def run_app(app) -> None:
    """Run the console on a loop of its own: closing it never waits for a thread still busy
    (a preview being drawn, a slow listing); see `leave`."""
    import asyncio

    loop = asyncio.new_event_loop()
    # a closed terminal (SIGHUP) or a kill (SIGTERM) closes the console as ctrl+q does, so
    # the stack it started is still told to stop and save its queues
    for sig in (signal.SIGHUP, signal.SIGTERM):
        loop.add_signal_handler(sig, app.exit)
    try:
        app.run(loop=loop)
    finally:
        loop.close()  # does not wait for the executor's threads


def leave(code: int) -> None:
    """End the process now that the console is closed and the terminal restored. Neither a
    thread still busy (a read or a drawing whose answer nobody wants any more) nor the
    interpreter taking its big heap apart (a second or two) may hold the operator's shell:
    what has to be written is written (the embedded stack saves its own queues)."""
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def open_console(config, read_only: bool = False, log_file: Path | None = None) -> int:
    from .context import ConsoleContext
    from .widgets.frames import prepare_terminal

    terminal = prepare_terminal()  # asks the terminal in a thread while the app imports
    try:
        from .app import VmWheelApp

        if config.queue_url or config.bucket or config.store:
            app = VmWheelApp(ConsoleContext(config, read_only=read_only))
            terminal.wait()  # before the console takes the terminal
            run_app(app)
        else:
            store = Path("vmwheel-data")
            log = log_file or store / "local-stack.log"
            stack = EmbeddedStack(store, log)
            try:
                app = VmWheelApp(ConsoleContext(config, read_only=read_only), starter=stack)
                terminal.wait()
                run_app(app)
            finally:
                said = stack.stop()
                if said:
                    note(f"vmwheel: {said}")
    finally:
        terminal.restore()
    leave(0)
    return 0
