"""Dead letters: what failed and why, grouped by error; retry, redrive or delete them;
export them to a folder or import a folder of them."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from .. import dead_letters
from ..backends.aws import queue_name
from ..backends.dlq import DeadMessage
from ..context import shorten
from .base import ConsoleScreen
from .confirm import AskFolder, Confirm

EXPORTS = Path("vmwheel-dlq")


class FailureDetail(ModalScreen):
    BINDINGS = [Binding("escape,q,enter", "dismiss", "Close")]

    def __init__(self, letter: DeadMessage) -> None:
        super().__init__()
        self.letter = letter

    def compose(self) -> ComposeResult:
        d, m = self.letter, self.letter.message
        f = d.failure or {}
        rng = f"[{d.start}, {d.stop})" if d.start is not None else "(no range)"
        facts = Text.assemble(
            (d.generator or "?", "bold"), f" {rng} seed {d.seed} · job {d.job_id}\n",
            f"message {m.message_id} · receives {m.receive_count}",
            (f" · attempt {f.get('attempt')} at {f.get('failed_at')}" if f else ""),
            ("" if not f else " · permanent" if f.get("permanent") else " · transient"),
        )  # fmt: skip
        parts = [
            facts,
            Text(""),
            Text.assemble(
                (dead_letters.error_type(d), "bold red"), ": ", d.error or "(no message)"
            ),
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
            yield Label("[dim]escape: close[/]")


class DlqScreen(ConsoleScreen):
    MODE = "dlq"
    AUTO_FOCUS = "#dead"
    BINDINGS = [
        Binding("f5", "reload", "Reload"),
        Binding("space", "toggle", "Select", show=False),
        Binding("enter", "detail", "Detail", show=False),
        Binding("g", "group", "Group"),
        Binding("t", "retry_selected", "Retry"),
        Binding("a", "redrive", "Retry all"),
        Binding("delete,backspace", "delete_selected", "Delete"),
        Binding("e", "export", "Export"),
        Binding("i", "import_folder", "Import"),
    ]

    class Loaded(Message):
        def __init__(self, letters: list[DeadMessage] | None, error: str | None) -> None:
            self.letters, self.error = letters, error
            super().__init__()

    class Done(Message):
        def __init__(self, what: str, error: str | None, data=None) -> None:
            self.what, self.error, self.data = what, error, data
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.letters: dict[str, DeadMessage] = {}
        self.selected: set[str] = set()
        self.group: str | None = None  # show only this error type
        self.last_folder: str | None = None
        self.loading = self.load_again = False

    def body(self) -> ComposeResult:
        with Vertical(classes="panel", id="dlq-panel"):
            yield Static("", id="dlq-summary")
            yield DataTable(id="dead", cursor_type="row", zebra_stripes=True)
            yield Label("", id="dlq-help")

    def on_mount(self) -> None:
        table = self.query_one("#dead", DataTable)
        for name in ("", "generator", "range", "seed", "recv", "error type", "error"):
            table.add_column(name, key=name or "mark")
        self.query_one("#dlq-help", Label).update(
            "[dim]space: select · enter: traceback · keys act on the selection, else the row[/]"
        )
        self.action_reload()

    def on_screen_resume(self) -> None:
        if self.came_back:  # back on the screen: what is dead now
            self.action_reload()

    def action_reload(self) -> None:
        self.query_one("#dlq-summary", Static).update(
            "[dim]reading the DLQ (listing counts as a receive)…[/]"
        )
        if self.loading:  # one listing at a time: the next starts when this one ends
            self.load_again = True
            return
        self.loading = True
        self.load()

    @work(thread=True, group="dlq")
    def load(self) -> None:
        try:
            self.post_message(self.Loaded(dead_letters.list_dead(self.context), None))
        except Exception as e:
            self.post_message(self.Loaded(None, str(e)))

    def on_dlq_screen_loaded(self, event: Loaded) -> None:
        self.loading = False
        if self.load_again:
            self.load_again = False
            self.action_reload()
            return
        summary = self.query_one("#dlq-summary", Static)
        if event.error:
            self.app.problem("DLQ", event.error)
            summary.update(Text.assemble(("cannot read the DLQ: ", "red"), event.error))
            return
        self.app.recovered("DLQ")
        counts = Counter(dead_letters.error_type(d) for d in event.letters)
        ordered = sorted(event.letters, key=lambda d: (-counts[dead_letters.error_type(d)],
                         dead_letters.error_type(d), d.generator or "", d.start or 0))  # fmt: skip
        self.letters = {d.message.message_id: d for d in ordered}
        self.selected &= set(self.letters)
        if self.group not in counts:
            self.group = None
        self.refill()

    def visible(self) -> list[DeadMessage]:
        return [d for d in self.letters.values()
                if self.group is None or dead_letters.error_type(d) == self.group]  # fmt: skip

    def refill(self) -> None:
        counts = Counter(dead_letters.error_type(d) for d in self.letters.values())
        dlq = queue_name(self.context.config.dlq_url or "") or "DLQ"
        head = Text.assemble((f"{len(self.letters)} dead letters", "bold"), f" on {dlq}  ")
        for i, (name, n) in enumerate(counts.most_common()):
            style = "reverse" if name == self.group else ""
            head.append_text(Text.assemble(" · " if i else "", (f"{name} ×{n}", style)))
        if self.selected:
            head.append(f"  ({len(self.selected)} selected)", style="yellow")
        self.query_one("#dlq-summary", Static).update(head)
        table = self.query_one("#dead", DataTable)
        row = table.cursor_row
        table.clear()
        for d in self.visible():
            mid = d.message.message_id
            rng = f"{d.start}-{d.stop}" if d.start is not None else "?"
            error = " ".join(d.error.split())
            table.add_row("●" if mid in self.selected else " ", d.generator or "?", rng,
                          str(d.seed), str(d.message.receive_count), dead_letters.error_type(d),
                          error[:80], key=mid)  # fmt: skip
        if table.row_count:
            table.move_cursor(row=min(row or 0, table.row_count - 1))

    def current(self) -> DeadMessage | None:
        table = self.query_one("#dead", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.letters.get(key)

    def action_toggle(self) -> None:
        if d := self.current():
            self.selected ^= {d.message.message_id}
            self.refill()
            table = self.query_one("#dead", DataTable)
            if table.cursor_row < table.row_count - 1:
                table.move_cursor(row=table.cursor_row + 1)

    def action_group(self) -> None:
        """Show one error type at a time, cycling through them, then all again."""
        names = [n for n, _ in Counter(dead_letters.error_type(d)
                                        for d in self.letters.values()).most_common()]  # fmt: skip
        if not names:
            return
        at = names.index(self.group) + 1 if self.group in names else 0
        self.group = names[at] if at < len(names) else None
        self.refill()

    @on(DataTable.RowSelected, "#dead")
    def action_detail(self) -> None:
        if d := self.current():
            self.app.push_screen(FailureDetail(d))

    def chosen(self) -> set[str]:
        if self.selected:
            return set(self.selected)
        d = self.current()
        return {d.message.message_id} if d else set()

    def guarded(self, what: str, question: str, action: str, run) -> None:
        if self.app.refused(what):
            return
        self.app.push_screen(Confirm(question, action), lambda ok: ok and run())

    def action_retry_selected(self) -> None:
        if ids := self.chosen():
            queue = queue_name(self.context.config.queue_url or "") or "the task queue"
            self.guarded("retrying", f"Send {len(ids)} dead letter(s) back to {queue}?",
                         "Retry", lambda: self.act("retry", ids))  # fmt: skip

    def action_redrive(self) -> None:
        self.guarded("retrying", f"Move every dead letter ({len(self.letters)} listed) back to "
                     "the task queue?", "Retry all", lambda: self.act("redrive", set()))  # fmt: skip

    def action_delete_selected(self) -> None:
        if ids := self.chosen():
            self.guarded("deleting", f"Delete {len(ids)} dead letter(s) for good?\n\nExport "
                         "them first (e) to keep a copy.", "Delete",
                         lambda: self.act("delete", ids))  # fmt: skip

    def action_export(self) -> None:
        ids = set(self.selected)
        what = f"the {len(ids)} selected dead letters" if ids else "every dead letter"
        default = str(EXPORTS / time.strftime("%Y%m%d-%H%M%S"))  # a new folder each time
        self.app.push_screen(
            AskFolder(f"Export {what} to this folder (one JSON file each, as "
                      "`vmwheel dlq download`; they stay on the DLQ):", default, "Export"),
            lambda folder: folder and self.act("export", ids, folder),
        )  # fmt: skip

    def action_import_folder(self) -> None:
        if self.app.refused("importing"):
            return
        self.app.push_screen(
            AskFolder("Import the messages of this folder (files of `vmwheel dlq download`) "
                      "into the task queue:", self.last_folder or str(EXPORTS), "Read"),
            lambda folder: folder and self.act("read", set(), folder),
        )  # fmt: skip

    @work(thread=True, exclusive=True, group="dlq-action")
    def act(self, what: str, ids: set[str], folder: str = "") -> None:
        ctx = self.context
        try:
            if what == "retry":
                data = f"{dead_letters.retry(ctx, ids)} sent back to the task queue"
            elif what == "delete":
                data = f"{dead_letters.delete(ctx, ids)} deleted"
            elif what == "redrive":
                report = dead_letters.redrive(ctx)
                data = (f"move task {report.task_handle} started" if report.task_handle
                        else f"{report.moved} moved back to the task queue"
                        + (f", {report.failed} failed" if report.failed else ""))  # fmt: skip
            elif what == "export":
                written = dead_letters.export(ctx, folder, ids or None)
                data = f"{len(written)} written to {Path(folder).resolve()}"
            elif what == "read":
                data = dead_letters.read_folder(folder)
            else:  # import
                items = dead_letters.read_folder(folder)
                report = dead_letters.import_folder(ctx, items)
                data = f"{report.sent}/{len(items)} sent to the task queue from {folder}"
                if report.failed:
                    raise RuntimeError(f"{data}; {len(report.failed)} not sent")
            self.post_message(self.Done(what, None, data))
        except Exception as e:
            self.post_message(self.Done(what, str(e)))

    def on_dlq_screen_done(self, event: Done) -> None:
        if event.error:
            self.notify(event.error, title=event.what, severity="error")
            return
        if event.what == "read":
            items, folder = event.data, self.last_folder
            if not items:
                self.notify("no message files (*.json) in that folder", severity="warning")
                return
            listing = "\n".join(f"  {i.summary}" for i in items[:6])
            more = f"\n  … and {len(items) - 6} more" if len(items) > 6 else ""
            folder = str(Path(items[0].file).parent)
            self.last_folder = folder
            self.app.push_screen(
                Confirm(f"Send {len(items)} message(s) from {folder} to the task queue?\n\n"
                        f"{listing}{more}", "Import"),
                lambda ok: ok and self.act("import", set(), folder),
            )  # fmt: skip
            return
        if event.what == "export":
            self.last_folder = shorten(event.data.rsplit(" written to ", 1)[-1])
        self.notify(event.data, title=event.what)
        if event.what != "export":
            self.selected.clear()
        self.action_reload()
