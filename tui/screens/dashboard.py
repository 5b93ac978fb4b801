"""Dashboard: live queue figures with sparklines, and the followed job: its ledger, its
rate (samples/s and messages/s from what landed in a recent window, "idle" when nothing
moves), its ETA at that rate, and its cost so far and projected.

The figures come from the app's shared poller (tui/live.py), which reads them only while
this screen is shown; while the backend does not answer, the last figures stay, greyed.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, ProgressBar, Select

from ..live import NEWEST, JobLive, job_topic
from ..widgets.queue_figures import QueueFigures, format_duration
from .base import ConsoleScreen
from .confirm import Confirm


def bar(fraction: float, width: int = 12) -> Text:
    full = round(max(0.0, min(1.0, fraction)) * width)
    return Text.assemble(("█" * full, "green"), ("░" * (width - full), "dim"),
                         f" {fraction:4.0%}")  # fmt: skip


def usd(value: float | None) -> str:
    if value is None:
        return "-"
    return f"${value:,.2f}" if value >= 0.01 or value == 0 else f"${value:.4f}"


def job_figures(live: JobLive, busy: bool) -> Text:
    """The followed job in one line: done, rate, ETA, cost."""
    done = "complete" if live.complete else "in progress"
    text = Text.assemble((f"{live.present:,}/{live.expected:,} samples", "bold"), f" · {done}")
    samples, messages = live.samples_rate(busy=busy), live.messages_rate(busy=busy)
    if samples.state == "moving":
        text.append(f" · {samples.per_s:,.2f} samples/s", style="green")
        if messages.per_s:
            text.append(f" · {messages.per_s:,.2f} msg/s")
        if samples.eta_s:
            text.append(f" · ETA {format_duration(samples.eta_s)}")
    elif samples.state == "working":
        text.append(" · working (nothing landed in the last minute)", style="yellow")
    else:
        text.append(f" · {samples.state}", style="dim")
    if live.cost_projected is not None:
        text.append(f" · cost {usd(live.cost_so_far)} so far of ≈ {usd(live.cost_projected)}")
    if live.failed:
        text.append(f" · {live.failed} failure records", style="red")
    return text


class DashboardScreen(ConsoleScreen):
    MODE = "dashboard"
    AUTO_FOCUS = "#ledger"
    DESTRUCTIVE = frozenset({"resubmit", "purge"})
    BINDINGS = [
        Binding("p", "pause", "Pause"),
        Binding("plus,equals_sign", "slower", "Slower"),
        Binding("minus", "faster", "Faster"),
        Binding("j", "focus_job", "Job"),
        Binding("f5", "refresh", "Refresh"),
        Binding("r", "resubmit", "Resubmit"),
        Binding("x", "purge", "Purge"),
    ]

    class Done(Message):
        def __init__(self, what: str, text: str, error: str | None, data=None) -> None:
            self.what, self.text, self.error, self.data = what, text, error, data
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.job_id = ""  # the job shown
        self.wanted = NEWEST  # what the picker asks for
        self.job_options: list[str] = []
        self.shown_rows: list | None = None

    def body(self) -> ComposeResult:
        with Vertical():
            with Vertical(classes="panel", id="dash-queue"):
                yield Label("", classes="panel-title", id="dash-queue-title")
                yield QueueFigures(self.context, sparklines=True)
            with Vertical(classes="panel", id="dash-job"):
                with Horizontal(classes="field"):
                    yield Label("job", classes="field-name")
                    yield Select([("the newest job", NEWEST)], value=NEWEST, allow_blank=False,
                                 id="job", compact=True)  # fmt: skip
                with Horizontal(classes="field"):
                    yield ProgressBar(total=1, id="job-progress", show_eta=False)
                    yield Label("", id="job-summary")
                yield DataTable(id="ledger", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#ledger", DataTable)
        for key in ("generator", "progress", "present", "missing", "failed", "dup"):
            table.add_column(key, key=key)
        if self.context.last_job:
            self.wanted = self.context.last_job
        self.title_queue()
        self.follow()

    def on_unmount(self) -> None:
        self.poller.unsubscribe(self)

    def title_queue(self) -> None:
        self.query_one("#dash-queue-title", Label).update(
            f"[b]Task queue[/] {self.context.queue_label} [b]and its DLQ[/]"
        )

    def backend_ready(self) -> None:
        self.title_queue()
        self.follow()

    def on_screen_resume(self) -> None:
        last = self.context.last_job
        if last and last != self.job_id and self.wanted == NEWEST:
            self.wanted = last  # a job was just submitted: follow it
            self.follow()

    def follow(self) -> None:
        self.poller.subscribe(self, job_topic(self.wanted))
        self.show()

    @property
    def figures(self) -> QueueFigures:
        return self.query_one(QueueFigures)

    def action_pause(self) -> None:
        self.figures.paused = not self.figures.paused
        self.notify("paused" if self.figures.paused else "live again")

    def action_slower(self) -> None:
        self.figures.interval = min(60.0, self.figures.interval * 2)
        self.notify(f"refresh every {self.figures.interval:g} s")

    def action_faster(self) -> None:
        self.figures.interval = max(0.5, self.figures.interval / 2)
        self.notify(f"refresh every {self.figures.interval:g} s")

    def action_focus_job(self) -> None:
        self.query_one("#job", Select).focus()

    def action_refresh(self) -> None:
        self.poller.poll_now()

    @on(Select.Changed, "#job")
    def pick_job(self, event: Select.Changed) -> None:
        value = str(event.value)
        if value != self.wanted:
            self.wanted = value
            self.shown_rows = None
            self.follow()

    # --- the followed job, from the poller ------------------------------------------------

    def live_updated(self, topic: str) -> None:
        self.show()

    def show(self) -> None:
        if self.poller.job_list is not None:
            self.update_jobs(self.poller.job_list)
        summary = self.query_one("#job-summary", Label)
        if not self.context.ready:
            summary.update(Text(f"waiting for the local stack ({self.context.starting})…",
                                style="dim"))  # fmt: skip
            return
        live = self.poller.job(self.wanted)
        if live is None:
            summary.update(Text("reading the ledger…", style="dim"))
            return
        self.set_class(live.error is not None, "-stale")
        if live.error is not None and not live.rows:
            summary.update(Text.assemble(("cannot read the ledger: ", "red"), live.error))
            return
        self.job_id = live.job_id
        if live.rows != self.shown_rows:
            self.show_rows(live.rows)
        if not self.job_id:
            summary.update("no jobs yet: F3 composes one")
            return
        line = job_figures(live, self.poller.busy_queue())
        if live.error is not None:
            line = Text.assemble(("unreachable (figures as last read) · ", "red"), line)
        summary.update(line)

    def update_jobs(self, jobs) -> None:
        ids = [j.job_id for j in reversed(jobs)]
        if ids == self.job_options:
            return
        self.job_options = ids
        picker = self.query_one("#job", Select)
        options = [("the newest job", NEWEST)]
        for j in reversed(jobs):
            gens = j.generators[0] if len(j.generators) == 1 else f"{len(j.generators)} generators"
            options.append((f"{j.job_id}  {gens} · {j.samples:,}", j.job_id))
        keep = self.wanted if self.wanted in ids else NEWEST
        with self.prevent(Select.Changed):
            picker.set_options(options)
            picker.value = keep

    def show_rows(self, rows: list[dict]) -> None:
        self.shown_rows = rows
        table = self.query_one("#ledger", DataTable)
        cursor = table.cursor_row
        table.clear()
        expected = sum(r["expected"] for r in rows)
        present = sum(r["present"] for r in rows)
        for r in rows:
            missing = ", ".join(f"{a}-{b}" for a, b in r["missing"][:2])
            if len(r["missing"]) > 2:
                missing += f" +{len(r['missing']) - 2}"
            table.add_row(r["generator"], bar(r["present"] / max(r["expected"], 1)),
                          f"{r['present']:,}/{r['expected']:,}", missing or "–",
                          Text(str(len(r["failed"])), style="red" if r["failed"] else ""),
                          str(len(r["duplicates"])), key=r["generator"])  # fmt: skip
        if rows and cursor:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        self.query_one("#job-progress", ProgressBar).update(
            total=max(expected, 1), progress=present
        )

    # --- actions that change the queue ----------------------------------------------------

    def action_resubmit(self) -> None:
        if self.app.refused("resubmitting"):
            return
        if not self.job_id:
            self.notify("no job to resubmit", severity="warning")
            return
        self.act("plan-resubmit", self.job_id)

    def action_purge(self) -> None:
        if self.app.refused("purging"):
            return
        queue = self.context.queue_label
        self.app.push_screen(
            Confirm(f"Purge every message waiting on {queue}?\n\nMessages in flight still "
                    "finish; the rest are gone (the ledger shows them missing, and r "
                    "resubmits exactly those).", "Purge"),
            lambda ok: ok and self.act("purge", ""),
        )  # fmt: skip

    @work(thread=True, group="dash-action")
    def act(self, what: str, job_id: str) -> None:
        from ..backends.errors import InvalidRequest
        from ..backends.jobs import resubmit_missing

        ctx = self.context
        try:
            if what == "purge":
                ctx.aws.purge(ctx.config.require_queue())
                self.post_message(self.Done(what, "task queue purged", None))
            elif what == "plan-resubmit":
                shards, _ = resubmit_missing(ctx.aws, ctx.config, ctx.store(), job_id, dry_run=True)
                counts = ctx.aws.queue_counts(ctx.config.require_queue())
                if shards and counts.total:  # they may be the very ranges that look missing
                    raise InvalidRequest(
                        f"the task queue still holds {counts.total} messages: wait for them, "
                        "or purge the queue (x) first"
                    )
                self.post_message(self.Done(what, job_id, None, shards))
            else:
                shards, result = resubmit_missing(ctx.aws, ctx.config, ctx.store(), job_id)
                sent = result.sent if result else 0
                self.post_message(self.Done(what, f"job {job_id}: {sent} messages resubmitted",
                                            None))  # fmt: skip
        except Exception as e:
            self.post_message(self.Done(what, "", str(e)))

    def on_dashboard_screen_done(self, event: Done) -> None:
        if event.error:
            self.notify(event.error, title=event.what, severity="error", markup=False)
        elif event.what == "plan-resubmit":
            shards, job_id = event.data, event.text
            if not shards:
                self.notify(f"job {job_id} misses nothing", markup=False)
                return
            samples = sum(s.samples for s in shards)
            self.app.push_screen(
                Confirm(f"Resubmit the missing ranges of job {job_id}?\n\n{len(shards)} messages, "
                        f"{samples:,} samples, same seed and params.", "Resubmit", danger=False),
                lambda ok: ok and self.act("resubmit", job_id),
            )  # fmt: skip
        else:
            if event.what == "purge":
                self.poller.purged()  # the drop is not throughput
            self.notify(event.text, markup=False)
            self.poller.poll_now()
