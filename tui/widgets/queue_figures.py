"""Live queue figures: visible / in-flight / delayed on the task queue, depth of the DLQ,
and the queue's recent rate. The app's shared poller reads them (tui/live.py) while the
widget's screen is shown; while the backend does not answer, the last figures stay,
greyed, with the error beside them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widgets import Label, Sparkline

from ..live import QUEUE

SERIES = ("visible", "in_flight", "delayed", "dlq")
TITLES = {"visible": "visible", "in_flight": "in flight", "delayed": "delayed", "dlq": "DLQ"}


class QueueFigures(Vertical):
    DEFAULT_CSS = "QueueFigures { height: auto; }"

    def __init__(self, context, sparklines: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.context = context
        self.sparklines = sparklines

    def compose(self) -> ComposeResult:
        with Grid(classes="figures"):
            for name in SERIES:
                with Vertical(classes=f"figure {name}"):
                    yield Label(TITLES[name], classes="figure-title")
                    yield Label("–", id=f"value-{name}", classes="figure-value")
                    if self.sparklines:
                        yield Sparkline([], id=f"spark-{name}")
        yield Label("", id="rate", markup=False)

    @property
    def poller(self):
        return self.app.poller

    # the dashboard's keys change the shared poller's pace
    @property
    def paused(self) -> bool:
        return self.poller.paused

    @paused.setter
    def paused(self, value: bool) -> None:
        self.poller.paused = value
        self.render_figures()

    @property
    def interval(self) -> float:
        return self.poller.interval

    @interval.setter
    def interval(self, value: float) -> None:
        self.poller.interval = value
        self.render_figures()

    def on_mount(self) -> None:
        self.poller.subscribe(self, QUEUE)
        self.render_figures()

    def on_unmount(self) -> None:
        self.poller.unsubscribe(self)

    def on_show(self) -> None:
        self.render_figures()

    def poll_now(self) -> None:
        self.poller.poll_now(QUEUE)

    def live_updated(self, topic: str) -> None:
        self.render_figures()

    def render_figures(self) -> None:
        if not self.is_mounted:
            return
        poller = self.poller
        rate = self.query_one("#rate", Label)
        if not self.context.ready:
            failed = self.app.stack_error is not None
            rate.update(Content.from_markup("[$error]the local stack did not start[/]: $e"
                                            if failed else "[$warning]$e[/]",
                                            e=self.context.starting or "starting"))  # fmt: skip
            return
        stale = poller.queue_error is not None
        self.set_class(stale, "-stale")
        if poller.history:
            last = poller.history[-1]
            for name in SERIES:
                self.query_one(f"#value-{name}", Label).update(f"{getattr(last, name):,}")
                if self.sparklines:
                    # a leading 0 puts the baseline at zero (and keeps an idle queue flat)
                    self.query_one(f"#spark-{name}", Sparkline).data = [0] + [
                        getattr(s, name) for s in poller.history
                    ]
        if stale:
            rate.update(Content.from_markup("[$error]unreachable[/] (figures as last read): $e",
                                            e=poller.queue_error))  # fmt: skip
            return
        if not poller.history:
            rate.update(Content.from_markup("[dim]reading the queue…[/]"))
            return
        r = poller.queue_rate()
        if r.state == "moving":
            text = f"queue {r.per_s * 60:,.1f} msg/min"
            if r.eta_s:
                text += f" · empty in {format_duration(r.eta_s)}"
        elif r.state == "working":
            text = "queue working (nothing finished lately)"
        else:
            text = f"queue {r.state}"
        state = " · [$warning]paused[/]" if poller.paused else f" · every {poller.interval:g} s"
        rate.update(Content.from_markup("$t" + state, t=text))


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
