"""What every screen of the console shares: the resolved configuration and its backends."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .backends.aws import Aws, queue_name
from .backends.config import Config, resolve
from .backends.jobs import open_store


@dataclass
class ConsoleContext:
    config: Config
    read_only: bool = False
    fixed_seed: int | None = None  # compose starts with this seed instead of a random one
    poll_interval: float = 2.0  # seconds between queue polls, adjustable on the dashboard
    last_job: str | None = None  # the job submitted last from this console
    _aws: Aws | None = field(default=None, repr=False)

    @property
    def aws(self) -> Aws:
        if self._aws is None:
            self._aws = Aws(self.config)
        return self._aws

    def store(self):
        return open_store(self.config, self.aws)

    def follow_local_stack(self) -> bool:
        """When the local stack this console found has been restarted on another port,
        switch to it (True); anything else stays as it is (False)."""
        if self.config.local is None or not self.config.state_file:
            return False
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
        where = "local stack" if self.config.is_local else f"AWS {self.config.region or ''}".strip()
        queue = queue_name(self.config.queue_url) if self.config.queue_url else "no queue"
        return f"{where} · {queue} · {shorten(self.config.storage_label)}"


def shorten(path: str) -> str:
    """A path relative to the working folder when it lies inside it (URLs as they are)."""
    if "://" in path:
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
