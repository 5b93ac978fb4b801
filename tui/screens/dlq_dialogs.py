"""The dead-letter screen's dialogs: a dead letter's detail, the progress of a retry pass
(cancellable), and the editor that resends a corrected body."""

from __future__ import annotations

import json
import threading

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, ProgressBar, Static, TextArea

from .. import dead_letters
from ..backends.dlq import DeadMessage, MovePass, Selector, age_of

CHECK_DELAY = 0.2  # s of quiet typing before the body is checked


class FailureDetail(ModalScreen):
    BINDINGS = [Binding("escape,q,enter", "dismiss", "Close")]

    def __init__(self, letter: DeadMessage) -> None:
        super().__init__()
        self.letter = letter

    def compose(self) -> ComposeResult:
        d, m = self.letter, self.letter.message
        f = d.failure or {}
        rng = f"[{d.start}, {d.stop})" if d.start is not None else "(no range)"
        attempts = "?" if d.attempts is None else str(d.attempts)
        facts = Text.assemble(
            (d.generator or "?", "bold"), f" {rng} seed {'-' if d.seed is None else d.seed}",
            f" · job {d.job_id or '-'}\n",
            f"message {m.message_id} · attempts {attempts} (failure records) · died {age_of(d)} ago",
            (f" · attempt {f.get('attempt')} at {f.get('failed_at')}" if f else ""),
            ("\npermanent: it fails the same way on every retry" if d.permanent
             else "\ntransient: a retry may pass"),
        )  # fmt: skip
        parts = [
            facts,
            Text(""),
            Text.assemble((d.kind, "bold red"), ": ", d.error or d.body_error or "(no message)"),
            Text(""),
            Text("Traceback", style="bold"),
            Text(dead_letters.failure_text(d, "traceback").rstrip() or "(none recorded)"),
            Text(""),
            Text("Captured output", style="bold"),
            Text(dead_letters.failure_text(d, "output_tail").rstrip() or "(none)"),
            Text(""),
            Text("Body", style="bold"),
            Text(m.body),
            Text(f"\nfailure record: {d.failure_key or '(none found)'}", style="dim"),
        ]
        with VerticalScroll(id="detail-dialog"):
            yield Static(Group(*parts))
            yield Label("[dim]escape: close · e on the list edits and resends the body[/]")


class MoveProgress(ModalScreen[MovePass | None]):
    """One bounded retry pass, with its progress; c or escape cancels it after the batch
    in flight; when it is done the report stays until closed."""

    AUTO_FOCUS = "#move-cancel"
    BINDINGS = [Binding("escape,c", "cancel", "Cancel / close"), Binding("enter", "close", "Close")]

    class Advanced(Message):
        def __init__(self, report: MovePass, done: bool, error: str | None = None) -> None:
            self.report, self.done, self.error = report, done, error
            super().__init__()

    def __init__(self, context, selector: Selector, what: str) -> None:
        super().__init__()
        self.context, self.selector, self.what = context, selector, what
        self.cancel = threading.Event()
        self.report: MovePass | None = None
        self.done = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            with VerticalScroll(id="question-box"):
                yield Static(self.what, id="question", markup=False)
            yield ProgressBar(total=None, id="move-progress", show_eta=False)
            yield Static("starting the pass…", id="move-status", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Cancel (c)", id="move-cancel", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.run_pass()

    @work(thread=True, group="dlq-move")
    def run_pass(self) -> None:
        def progress(report: MovePass) -> None:
            self.post_message(self.Advanced(report, False))

        try:
            report = dead_letters.move(self.context, self.selector, progress, self.cancel)
            self.post_message(self.Advanced(report, True))
        except Exception as e:
            self.post_message(self.Advanced(self.report or MovePass(), True, str(e)))

    def on_move_progress_advanced(self, event: Advanced) -> None:
        self.report = event.report
        r = event.report
        bar = self.query_one("#move-progress", ProgressBar)
        bar.update(total=max(r.total, 1), progress=r.looked_at)
        status = self.query_one("#move-status", Static)
        if event.error:
            status.update(f"stopped: {event.error}  ({r.text()})")
        elif event.done:
            status.update(r.text())
        else:
            status.update(f"looked at {r.looked_at} of {r.total} · moved {r.moved}"
                          + (" · cancelling after this batch…" if self.cancel.is_set() else ""))  # fmt: skip
        if event.done:
            self.done = True
            button = self.query_one("#move-cancel", Button)
            button.label = "Close (enter)"
            button.variant = "primary"
            button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if self.done:
            self.dismiss(self.report)
            return
        self.cancel.set()
        self.query_one("#move-status", Static).update("cancelling after this batch…")

    def action_close(self) -> None:
        if self.done:
            self.dismiss(self.report)


class EditLetter(ModalScreen[str | None]):
    """A dead letter's body as editable JSON, checked against the task contract as it is
    typed; ctrl+s sends it to the task queue in place of the dead letter."""

    BINDINGS = [
        Binding("ctrl+s", "resend", "Resend"),
        Binding("escape", "cancel", "Cancel"),
    ]

    class Checked(Message):
        def __init__(self, text: str, problem: str) -> None:
            self.text, self.problem = text, problem
            super().__init__()

    def __init__(self, context, letter: DeadMessage) -> None:
        super().__init__()
        self.context, self.letter = context, letter
        self.problem: str | None = None  # None: not checked yet
        self.timer = None

    def initial_text(self) -> str:
        data = self.letter.message.parsed_body()
        if data is None:
            return self.letter.message.body
        return json.dumps(data, indent=2, ensure_ascii=False)

    def compose(self) -> ComposeResult:
        d = self.letter
        with Vertical(id="edit-dialog"):
            yield Static(Text.assemble(
                ("Edit and resend ", "bold"), d.summary(), "\n",
                ("ctrl+s sends this body to the task queue and deletes the dead letter; "
                 "escape keeps it as it is", "dim")), id="edit-head")  # fmt: skip
            yield TextArea(self.initial_text(), id="edit-body", soft_wrap=True,
                           show_line_numbers=False, tab_behavior="indent")  # fmt: skip
            yield Label("checking…", id="edit-status", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Resend (^s)", id="resend", variant="warning", compact=True,
                             disabled=True)  # fmt: skip
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#edit-body", TextArea).focus()
        self.check(self.query_one("#edit-body", TextArea).text)

    @on(TextArea.Changed, "#edit-body")
    def changed(self) -> None:
        self.problem = None
        self.query_one("#resend", Button).disabled = True
        self.query_one("#edit-status", Label).update("checking…")
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.set_timer(CHECK_DELAY, self.check_now)

    def check_now(self) -> None:
        self.timer = None
        self.check(self.query_one("#edit-body", TextArea).text)

    @work(thread=True, exclusive=True, group="edit-check")
    def check(self, text: str) -> None:
        try:
            problem = dead_letters.check_body(self.context, text)
        except Exception as e:
            problem = f"{type(e).__name__}: {e}"
        self.post_message(self.Checked(text, problem))

    def on_edit_letter_checked(self, event: Checked) -> None:
        if event.text != self.query_one("#edit-body", TextArea).text:
            return  # typed on meanwhile: a newer check follows
        self.problem = event.problem
        status = self.query_one("#edit-status", Label)
        status.set_class(bool(event.problem), "-invalid")
        status.set_class(not event.problem, "-valid")
        if event.problem:
            status.update(f"✗ {event.problem}")
        else:
            same = compact(event.text) == compact(self.letter.message.body)
            status.update("✓ a valid task message" + (" (unchanged)" if same else ""))
        self.query_one("#resend", Button).disabled = bool(event.problem)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "resend":
            self.action_resend()
        else:
            self.dismiss(None)

    def action_resend(self) -> None:
        if self.problem is None:
            self.notify("still checking the body", severity="warning", markup=False)
            return
        if self.problem:
            self.notify(self.problem, title="cannot resend", severity="error", markup=False)
            return
        self.dismiss(compact(self.query_one("#edit-body", TextArea).text))

    def action_cancel(self) -> None:
        self.dismiss(None)


def compact(text: str) -> str:
    """JSON as one line (what goes on the queue); text as it is when it is not JSON."""
    try:
        return json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)
    except ValueError:
        return text
