"""Dashboard: live queue figures with sparklines, rate and ETA, and a job's ledger progress.

Queue polls and ledger reads each run in a thread; the next one is scheduled only when
the last one is done, so they never overlap and a slow store never holds up a key press.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, ProgressBar, Select

from ..backends.aws import queue_name
from ..backends.errors import InvalidRequest
from ..backends.jobs import job_status, list_jobs, resubmit_missing, status_rows
from ..widgets.queue_figures import QueueFigures
from .base import ConsoleScreen
from .confirm import Confirm

LEDGER_EVERY = 5.0  # s between ledger reads (at least; never faster than the queue polls)
NEWEST = "newest"  # the job picker's value for "the newest job, whichever it is"


def bar(fraction: float, width: int = 12) -> Text:
    full = round(max(0.0, min(1.0, fraction)) * width)
    return Text.assemble(("█" * full, "green"), ("░" * (width - full), "dim"),
                         f" {fraction:4.0%}")  # fmt: skip


class DashboardScreen(ConsoleScreen):
    MODE = "dashboard"
    AUTO_FOCUS = "#ledger"
    BINDINGS = [
        Binding("p", "pause", "Pause"),
        Binding("plus,equals_sign", "slower", "Slower"),
        Binding("minus", "faster", "Faster"),
        Binding("j", "focus_job", "Job"),
        Binding("f5", "refresh", "Refresh"),
        Binding("r", "resubmit", "Resubmit"),
        Binding("x", "purge", "Purge"),
    ]

    class LedgerRead(Message):
        def __init__(self, job_id: str, jobs: list | None, rows: list[dict] | None,
                     error: str | None) -> None:  # fmt: skip
            self.job_id, self.jobs, self.rows, self.error = job_id, jobs, rows, error
            super().__init__()

    class Done(Message):
        def __init__(self, what: str, text: str, error: str | None, data=None) -> None:
            self.what, self.text, self.error, self.data = what, text, error, data
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.job_id = ""  # the job shown
        self.wanted = NEWEST  # what the picker asks for
        self.reading = False
        self.again = False  # read again as soon as the read in flight is done
        self.ledger_timer = None
        self.job_options: list[str] = []

    def body(self) -> ComposeResult:
        queue = queue_name(self.context.config.queue_url or "") or "(none)"
        with Vertical():
            with Vertical(classes="panel", id="dash-queue"):
                yield Label(f"[b]Task queue[/] {queue} [b]and its DLQ[/]", classes="panel-title")
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
        table.add_column("generator", key="generator")
        table.add_column("progress", key="progress")
        table.add_column("present", key="present")
        table.add_column("missing", key="missing")
        table.add_column("failed", key="failed")
        table.add_column("dup", key="dup")
        if self.context.last_job:
            self.wanted = self.context.last_job
        self.read_now()

    def on_screen_resume(self) -> None:
        last = self.context.last_job
        if self.is_mounted and last and last != self.job_id and self.wanted == NEWEST:
            self.wanted = last  # a job was just submitted: follow it
            self.read_now()

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
        self.read_now()
        self.figures.poll_now()

    @on(Select.Changed, "#job")
    def pick_job(self, event: Select.Changed) -> None:
        value = str(event.value)
        if value != self.wanted:
            self.wanted = value
            self.read_now()

    # --- the ledger ---------------------------------------------------------------------

    def read_now(self) -> None:
        if self.ledger_timer:
            self.ledger_timer.stop()
            self.ledger_timer = None
        if self.reading:
            self.again = True  # never two reads at once: the next starts when this one ends
            return
        self.reading = True
        self.read_ledger(self.wanted)

    def schedule(self) -> None:
        if self.ledger_timer:
            self.ledger_timer.stop()
        self.ledger_timer = self.set_timer(max(LEDGER_EVERY, self.figures.interval), self.tick)

    def tick(self) -> None:
        self.ledger_timer = None
        if self.figures.paused:
            self.schedule()
        else:
            self.read_now()

    @work(thread=True, group="ledger")
    def read_ledger(self, wanted: str) -> None:
        job_id, jobs = "", None
        try:
            store = self.context.store()
            jobs = list_jobs(store, progress=False)
            job_id = jobs[-1].job_id if wanted == NEWEST and jobs else wanted
            if wanted == NEWEST and not jobs:
                job_id = ""
            rows = status_rows(job_status(store, job_id)) if job_id else []
            self.post_message(self.LedgerRead(job_id, jobs, rows, None))
        except Exception as e:  # shown, and tried again on the next round
            self.post_message(self.LedgerRead(job_id, jobs, None, str(e)))

    def on_dashboard_screen_ledger_read(self, event: LedgerRead) -> None:
        self.reading = False
        if event.jobs is not None:
            self.update_jobs(event.jobs)
        if event.error:
            self.app.problem("ledger", event.error)
        else:
            self.app.recovered("ledger")
            self.job_id = event.job_id
            self.show_rows(event.rows)
        if self.again:
            self.again = False
            self.read_now()
        else:
            self.schedule()

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
        table = self.query_one("#ledger", DataTable)
        cursor = table.cursor_row
        table.clear()
        expected = sum(r["expected"] for r in rows)
        present = sum(r["present"] for r in rows)
        failed = sum(len(r["failed"]) for r in rows)
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
        summary = self.query_one("#job-summary", Label)
        if not self.job_id:
            summary.update("no jobs yet: F3 composes one")
        else:
            done = "complete" if expected and present >= expected else "in progress"
            summary.update(
                Text.assemble(f" {present:,}/{expected:,} samples · {done}",
                              (f" · {failed} failure records", "red") if failed else "")
            )  # fmt: skip

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
        queue = queue_name(self.context.config.queue_url or "") or "the task queue"
        self.app.push_screen(
            Confirm(f"Purge every message waiting on {queue}?\n\nMessages in flight still "
                    "finish; the rest are gone (the ledger shows them missing, and r "
                    "resubmits exactly those).", "Purge"),
            lambda ok: ok and self.act("purge", ""),
        )  # fmt: skip

    @work(thread=True, group="dash-action")
    def act(self, what: str, job_id: str) -> None:
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
            self.notify(event.error, title=event.what, severity="error")
        elif event.what == "plan-resubmit":
            shards, job_id = event.data, event.text
            if not shards:
                self.notify(f"job {job_id} misses nothing")
                return
            samples = sum(s.samples for s in shards)
            self.app.push_screen(
                Confirm(f"Resubmit the missing ranges of job {job_id}?\n\n{len(shards)} messages, "
                        f"{samples:,} samples, same seed and params.", "Resubmit", danger=False),
                lambda ok: ok and self.act("resubmit", job_id),
            )  # fmt: skip
        else:
            self.notify(event.text)
            self.read_now()
            self.figures.poll_now()
