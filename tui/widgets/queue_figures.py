"""Live queue figures: visible / in-flight / delayed on the task queue, depth of the DLQ.

A poll runs in a thread worker and posts its result back; the next poll is scheduled only
after the last one finished, so polls never overlap and a slow endpoint never blocks keys.
A failing poll is reported once (the app's notification) and retried at the same pace.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Label, Sparkline

from ..backends.errors import BackendError, EndpointUnreachable

SERIES = ("visible", "in_flight", "delayed", "dlq")
TITLES = {"visible": "visible", "in_flight": "in flight", "delayed": "delayed", "dlq": "DLQ"}
HISTORY = 120  # polls kept for the sparklines


@dataclass(frozen=True)
class Snapshot:
    at: float
    visible: int
    in_flight: int
    delayed: int
    dlq: int


def rate_and_eta(history: deque[Snapshot]) -> tuple[float | None, float | None]:
    """Messages finished per second over the history, and seconds until the queue is empty."""
    if len(history) < 2:
        return None, None
    first, last = history[0], history[-1]
    span = last.at - first.at
    done = (first.visible + first.in_flight + first.delayed) - (
        last.visible + last.in_flight + last.delayed
    )
    if span <= 0 or done <= 0:
        return None, None  # nothing finished in the window: no rate to speak of
    rate = done / span
    return rate, (last.visible + last.in_flight + last.delayed) / rate


class QueueFigures(Vertical):
    DEFAULT_CSS = "QueueFigures { height: auto; }"

    interval: reactive[float] = reactive(2.0)
    paused: reactive[bool] = reactive(False)

    class Polled(Message):
        def __init__(self, snapshot: Snapshot | None, error: str | None) -> None:
            self.snapshot, self.error = snapshot, error
            super().__init__()

    def __init__(self, context, sparklines: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.context = context
        self.sparklines = sparklines
        self.history: deque[Snapshot] = deque(maxlen=HISTORY)
        self.last_error: str | None = None
        self.polling = False
        self.timer = None

    def compose(self) -> ComposeResult:
        with Grid(classes="figures"):
            for name in SERIES:
                with Vertical(classes=f"figure {name}"):
                    yield Label(TITLES[name], classes="figure-title")
                    yield Label("–", id=f"value-{name}", classes="figure-value")
                    if self.sparklines:
                        yield Sparkline([], id=f"spark-{name}")
        yield Label("", id="rate")

    def on_mount(self) -> None:
        self.interval = self.context.poll_interval
        self.poll_now()

    def poll_now(self) -> None:
        """Poll at once, unless a poll is in flight (its answer is as fresh)."""
        if self.polling:
            return
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.polling = True
        self.poll()

    def counts(self) -> Snapshot:
        aws, cfg = self.context.aws, self.context.config
        main = aws.queue_counts(cfg.require_queue())
        dlq = aws.queue_counts(cfg.require_dlq())
        return Snapshot(time.monotonic(), main.visible, main.in_flight, main.delayed, dlq.visible)

    @work(thread=True, group="queue-poll")
    def poll(self) -> None:
        try:
            try:
                snap = self.counts()
            except EndpointUnreachable:
                if not self.context.follow_local_stack():  # restarted on another port?
                    raise
                snap = self.counts()
            self.post_message(self.Polled(snap, None))
        except BackendError as e:
            self.post_message(self.Polled(None, str(e)))
        except Exception as e:  # an unexpected failure still must not kill the console
            self.post_message(self.Polled(None, f"{type(e).__name__}: {e}"))

    def on_queue_figures_polled(self, event: Polled) -> None:
        self.polling = False
        if event.error:
            self.last_error = event.error
            self.app.problem("queue poll", event.error)  # said once; polls keep trying
            self.query_one("#rate", Label).update(
                Content.from_markup("[$error]unreachable[/]: $e", e=event.error)
            )
        else:
            self.last_error = None
            self.app.recovered("queue poll")
            self.history.append(event.snapshot)
            self.render_figures()
        self.timer = self.set_timer(self.interval, self.next_poll)

    def next_poll(self) -> None:
        self.timer = None
        if self.paused:
            self.timer = self.set_timer(0.5, self.next_poll)
        elif self.is_attached:
            self.poll_now()

    def render_figures(self) -> None:
        last = self.history[-1]
        for name in SERIES:
            self.query_one(f"#value-{name}", Label).update(f"{getattr(last, name):,}")
            if self.sparklines:
                # a leading 0 puts the baseline at zero (and keeps an idle queue flat)
                self.query_one(f"#spark-{name}", Sparkline).data = [0] + [
                    getattr(s, name) for s in self.history
                ]
        rate, eta = rate_and_eta(self.history)
        rate_text = "rate –" if rate is None else f"rate {rate * 60:,.1f} msg/min"
        eta_text = "" if eta is None or not eta else f" · ETA {format_duration(eta)}"
        state = " · [$warning]paused[/]" if self.paused else f" · every {self.interval:g} s"
        self.query_one("#rate", Label).update(Content.from_markup(rate_text + eta_text + state))

    def watch_paused(self) -> None:
        if self.history:
            self.render_figures()

    def watch_interval(self) -> None:
        if self.history:
            self.render_figures()


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
