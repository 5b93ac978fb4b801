"""Dashboard: live queue figures with sparklines, rate and ETA, and a job's ledger progress."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, ProgressBar

from ..backends.jobs import job_status, list_jobs, status_rows
from ..widgets.queue_figures import QueueFigures

LEDGER_EVERY = 5.0


class DashboardScreen(Screen):
    AUTO_FOCUS = "#ledger"
    BINDINGS = [
        Binding("p", "pause", "Pause/resume"),
        Binding("plus,equals_sign", "slower", "Interval +"),
        Binding("minus", "faster", "Interval -"),
        Binding("j", "focus_job", "Job"),
    ]

    class LedgerRead(Message):
        def __init__(self, job_id: str, rows: list[dict] | None, error: str | None) -> None:
            self.job_id, self.rows, self.error = job_id, rows, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.job_id = ""
        self.ledger_timer = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            with Vertical(classes="panel", id="dash-queue"):
                yield Label("[b]Task queue and dead letters[/]", classes="panel-title")
                yield QueueFigures(self.app.context, sparklines=True)
            with Vertical(classes="panel", id="dash-job"):
                with Horizontal(id="job-row"):
                    yield Label("job ", classes="field-label")
                    yield Input(placeholder="job id (Enter); empty = the newest job", id="job")
                yield ProgressBar(total=1, id="job-progress", show_eta=False)
                yield DataTable(id="ledger", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#ledger", DataTable)
        table.add_columns("generator", "expected", "present", "missing", "failed", "duplicates")
        self.read_ledger()

    @property
    def figures(self) -> QueueFigures:
        return self.query_one(QueueFigures)

    def action_pause(self) -> None:
        self.figures.paused = not self.figures.paused

    def action_slower(self) -> None:
        self.figures.interval = min(60.0, self.figures.interval * 2)
        self.notify(f"refresh every {self.figures.interval:g} s")

    def action_faster(self) -> None:
        self.figures.interval = max(0.5, self.figures.interval / 2)
        self.notify(f"refresh every {self.figures.interval:g} s")

    def action_focus_job(self) -> None:
        self.query_one("#job", Input).focus()

    @on(Input.Submitted, "#job")
    def pick_job(self, event: Input.Submitted) -> None:
        self.job_id = event.value.strip()
        if self.ledger_timer:
            self.ledger_timer.stop()
        self.read_ledger()

    @work(thread=True, exclusive=True, group="ledger")
    def read_ledger(self) -> None:
        job_id = self.job_id
        try:
            store = self.app.context.store()
            if not job_id:
                jobs = list_jobs(store, progress=False)
                if not jobs:
                    self.post_message(self.LedgerRead("", [], None))
                    return
                job_id = jobs[-1].job_id
            self.post_message(self.LedgerRead(job_id, status_rows(job_status(store, job_id)), None))
        except Exception as e:  # shown, and tried again on the next round
            self.post_message(self.LedgerRead(job_id, None, str(e)))

    def on_dashboard_screen_ledger_read(self, event: LedgerRead) -> None:
        table = self.query_one("#ledger", DataTable)
        if event.error:
            self.notify(event.error, title="ledger", severity="warning")
        elif event.rows is not None:
            table.clear()
            expected = sum(r["expected"] for r in event.rows)
            present = sum(r["present"] for r in event.rows)
            for r in event.rows:
                missing = ", ".join(f"{a}-{b}" for a, b in r["missing"][:3]) or "–"
                table.add_row(r["generator"], f"{r['expected']:,}", f"{r['present']:,}", missing,
                              str(len(r["failed"])), str(len(r["duplicates"])))  # fmt: skip
            bar = self.query_one("#job-progress", ProgressBar)
            bar.update(total=max(expected, 1), progress=present)
            self.query_one(
                "#job", Input
            ).placeholder = f"job id (Enter) · showing {event.job_id or 'none yet'}"
        if self.ledger_timer:
            self.ledger_timer.stop()
        self.ledger_timer = self.set_timer(LEDGER_EVERY, self.read_ledger)
