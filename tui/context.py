"""What every screen of the console shares: the resolved configuration and its backends.

A console that starts the embedded local stack opens before the stack is up: its context
is then not `ready` (no queue, no store yet), and every backend call says so in one line
until the app hands it the configuration of the running stack.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .backends.aws import Aws
    from .backends.config import Config

DESTRUCTIVE = "destructive"  # what a read-only console hides


@dataclass
class ConsoleContext:
    config: Config
    read_only: bool = False
    fixed_seed: int | None = None  # compose starts with this seed instead of a random one
    poll_interval: float = 2.0  # seconds between queue polls, adjustable on the dashboard
    ledger_interval: float = 5.0  # seconds between reads of a followed job's ledger (at least)
    last_job: str | None = None  # the job submitted last from this console
    ready: bool = True  # False while the embedded stack is still starting
    starting: str = ""  # what the starting stack is doing (shown until ready)
    _aws: Aws | None = field(default=None, repr=False)

    def require_ready(self) -> None:
        if not self.ready:
            from .backends.errors import ConfigError

            raise ConfigError(f"the local stack is not up yet ({self.starting or 'starting'})")

    @property
    def aws(self) -> Aws:
        self.require_ready()
        if self._aws is None:
            from .backends.aws import Aws

            self._aws = Aws(self.config)
        return self._aws

    def store(self):
        from .backends.jobs import open_store

        self.require_ready()
        return open_store(self.config, self.aws)

    def use(self, config: Config) -> None:
        """Work on `config` from now on (the stack is up)."""
        self.config, self._aws = config, None
        self.ready, self.starting = True, ""

    def follow_local_stack(self) -> bool:
        """When the local stack this console found has been restarted on another port,
        switch to it (True); anything else stays as it is (False)."""
        if self.config.local is None or not self.config.state_file:
            return False
        from .backends.config import resolve

        try:
            fresh = resolve({"store": str(Path(self.config.state_file).parent)})
        except Exception:
            return False
        if fresh.local is None or fresh.endpoint_url == self.config.endpoint_url:
            return False
        self.config, self._aws = fresh, None
        return True

    @property
    def target(self) -> str:
        """One line naming what the console talks to."""
        if not self.ready:
            return f"local stack · {self.starting or 'starting'}…"
        from .backends.aws import queue_name

        where = "local stack" if self.config.is_local else f"AWS {self.config.region or ''}".strip()
        queue = queue_name(self.config.queue_url) if self.config.queue_url else "no queue"
        return f"{where} · {queue} · {shorten(self.config.storage_label)}"

    @property
    def queue_label(self) -> str:
        from .backends.aws import queue_name

        if not self.ready:
            return "(starting)"
        return queue_name(self.config.queue_url or "") or "(none)"

    @property
    def dlq_label(self) -> str:
        from .backends.aws import queue_name

        if not self.ready:
            return "(starting)"
        return queue_name(self.config.dlq_url or "") or "DLQ"


def shorten(path: str) -> str:
    """A path relative to the working folder when it lies inside it (URLs as they are)."""
    if "://" in path:
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
