"""Queue monitoring: snapshots of the task queue and DLQ, processing rate and ETA."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from .aws import Aws, QueueCounts
from .config import Config


@dataclass
class Snapshot:
    at: float
    queue: QueueCounts
    dlq: QueueCounts | None
    rate: float | None = None  # messages finished per second (queue drained), recent window
    eta_s: float | None = None

    def as_dict(self) -> dict:
        def counts(c: QueueCounts | None):
            if c is None:
                return None
            return {"name": c.name, "url": c.url, "visible": c.visible,
                    "in_flight": c.in_flight, "delayed": c.delayed}  # fmt: skip

        return {"at": self.at, "queue": counts(self.queue), "dlq": counts(self.dlq),
                "rate_per_s": self.rate, "eta_s": self.eta_s}  # fmt: skip


@dataclass
class Monitor:
    """Call `sample()` every few seconds; the rate is measured over `window` seconds from
    the drop of the queue's backlog (visible + in flight + delayed)."""

    aws: Aws
    config: Config
    window: float = 60.0
    history: deque = field(default_factory=lambda: deque(maxlen=1000))

    def sample(self) -> Snapshot:
        queue = self.aws.queue_counts(self.config.require_queue())
        dlq = self.aws.queue_counts(self.config.dlq_url) if self.config.dlq_url else None
        now = time.monotonic()
        self.history.append((now, queue.total))
        while len(self.history) > 2 and now - self.history[0][0] > self.window:
            self.history.popleft()
        snap = Snapshot(time.time(), queue, dlq)
        if len(self.history) >= 2:
            (t0, n0), (t1, n1) = self.history[0], self.history[-1]
            if t1 > t0:
                snap.rate = max(0.0, (n0 - n1) / (t1 - t0))
                if snap.rate > 0:
                    snap.eta_s = queue.total / snap.rate
        return snap


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s" if m else f"{s}s"
