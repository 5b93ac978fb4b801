"""What every screen of the console shares: the resolved configuration and its backends."""

from __future__ import annotations

from dataclasses import dataclass, field

from .backends.aws import Aws
from .backends.config import Config
from .backends.jobs import open_store


@dataclass
class ConsoleContext:
    config: Config
    read_only: bool = False
    _aws: Aws | None = field(default=None, repr=False)

    @property
    def aws(self) -> Aws:
        if self._aws is None:
            self._aws = Aws(self.config)
        return self._aws

    def store(self):
        return open_store(self.config, self.aws)

    @property
    def target(self) -> str:
        """One line naming what the console talks to."""
        where = "local stack" if self.config.is_local else f"AWS {self.config.region or ''}".strip()
        return f"{where} · queue {self.config.queue_url or '(none)'} · store {self.config.storage_label}"
