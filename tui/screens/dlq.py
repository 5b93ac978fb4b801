"""Dead letters: what failed and why, grouped by error; retry, redrive or delete them."""

from __future__ import annotations

from collections import Counter

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from .. import dead_letters
from ..dead_letters import DeadLetter
from .confirm import Confirm


class FailureDetail(ModalScreen):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, letter: DeadLetter) -> None:
        super().__init__()
        self.letter = letter

    def compose(self) -> ComposeResult:
        f, m = self.letter.failure, self.letter.message
        text = (
            f"[b]{self.letter.generator}[/] [{self.letter.start}, {self.letter.stop}) seed {self.letter.seed}\n"
            f"message {m.message_id} · received {m.receive_count} times\n\n"
            f"[b]{self.letter.error_type}[/]: {self.letter.error}\n\n"
            f"[b]Traceback[/]\n{(f.traceback if f else '') or '(none recorded)'}\n"
            f"[b]Captured output[/]\n{(f.output_tail if f else '') or '(none)'}\n\n[b]Body[/]\n{m.body}"
        )
        with VerticalScroll(id="detail-dialog"):
            yield Static(text, markup=True)
            yield Label("[dim]escape to close[/]")


class DlqScreen(Screen):
    AUTO_FOCUS = "#dead"
    BINDINGS = [
        Binding("f5", "reload", "Reload"),
        Binding("space", "toggle", "Select"),
        Binding("enter", "detail", "Detail"),
        Binding("t", "retry_selected", "Retry selected"),
        Binding("a", "redrive", "Retry all"),
        Binding("delete,backspace", "delete_selected", "Delete selected"),
    ]

    class Loaded(Message):
        def __init__(self, letters: list[DeadLetter] | None, error: str | None) -> None:
            self.letters, self.error = letters, error
            super().__init__()

    class Done(Message):
        def __init__(self, what: str, error: str | None) -> None:
            self.what, self.error = what, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.letters: dict[str, DeadLetter] = {}
        self.selected: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="panel"):
            yield Label("", id="dlq-summary")
            yield DataTable(id="dead", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dead", DataTable).add_columns(
            "", "generator", "range", "seed", "receives", "error type", "error")  # fmt: skip
        self.action_reload()

    def action_reload(self) -> None:
        self.query_one("#dlq-summary", Label).update(
            "[dim]reading the DLQ (a peek counts as a receive)…[/]"
        )
        self.load()

    @work(thread=True, exclusive=True, group="dlq")
    def load(self) -> None:
        try:
            self.post_message(self.Loaded(dead_letters.list_dead(self.app.context), None))
        except Exception as e:
            self.post_message(self.Loaded(None, str(e)))

    def on_dlq_screen_loaded(self, event: Loaded) -> None:
        if event.error:
            self.notify(event.error, title="DLQ", severity="error")
            self.query_one("#dlq-summary", Label).update(f"[red]{event.error}[/]")
            return
        # Grouped by error: the most common error type first.
        counts = Counter(d.error_type for d in event.letters)
        ordered = sorted(
            event.letters, key=lambda d: (-counts[d.error_type], d.error_type, d.generator, d.start)
        )
        self.letters = {d.message.message_id: d for d in ordered}
        self.selected &= set(self.letters)
        groups = " · ".join(f"{t} ×{n}" for t, n in counts.most_common()) or "empty"
        self.query_one("#dlq-summary", Label).update(f"[b]{len(ordered)} dead letters[/]  {groups}")
        self.refill()

    def refill(self) -> None:
        table = self.query_one("#dead", DataTable)
        table.clear()
        for mid, d in self.letters.items():
            table.add_row("●" if mid in self.selected else " ", d.generator, f"{d.start}-{d.stop}",
                          str(d.seed), str(d.message.receive_count), d.error_type, d.error[:70], key=mid)  # fmt: skip

    def current(self) -> DeadLetter | None:
        table = self.query_one("#dead", DataTable)
        if not self.letters or table.cursor_row is None:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.letters.get(key)

    def action_toggle(self) -> None:
        if d := self.current():
            self.selected ^= {d.message.message_id}
            row = self.query_one("#dead", DataTable).cursor_row
            self.refill()
            self.query_one("#dead", DataTable).move_cursor(row=row)

    @on(DataTable.RowSelected, "#dead")
    def action_detail(self) -> None:
        if d := self.current():
            self.app.push_screen(FailureDetail(d))

    def chosen(self) -> set[str]:
        if self.selected:
            return set(self.selected)
        d = self.current()
        return {d.message.message_id} if d else set()

    def guarded(self, question: str, action: str, run) -> None:
        if self.app.context.read_only:
            self.notify("read-only console: retry and delete are off", severity="warning")
            return
        self.app.push_screen(Confirm(question, action), lambda ok: ok and run())

    def action_retry_selected(self) -> None:
        ids = self.chosen()
        if ids:
            self.guarded(f"Send {len(ids)} dead letter(s) back to the task queue?", "Retry",
                         lambda: self.act("retry", ids))  # fmt: skip

    def action_redrive(self) -> None:
        self.guarded(
            "Move every dead letter back to the task queue?",
            "Retry all",
            lambda: self.act("redrive", set()),
        )

    def action_delete_selected(self) -> None:
        ids = self.chosen()
        if ids:
            self.guarded(
                f"Delete {len(ids)} dead letter(s) for good?",
                "Delete",
                lambda: self.act("delete", ids),
            )

    @work(thread=True, exclusive=True, group="dlq-action")
    def act(self, what: str, ids: set[str]) -> None:
        try:
            ctx = self.app.context
            n = {"retry": lambda: dead_letters.retry(ctx, ids), "delete": lambda: dead_letters.delete(ctx, ids),
                 "redrive": lambda: dead_letters.redrive(ctx)}[what]()  # fmt: skip
            self.post_message(self.Done(f"{what}: {n} message(s)", None))
        except Exception as e:
            self.post_message(self.Done(what, str(e)))

    def on_dlq_screen_done(self, event: Done) -> None:
        if event.error:
            self.notify(event.error, title=event.what, severity="error")
        else:
            self.notify(event.what)
        self.selected.clear()
        self.action_reload()
