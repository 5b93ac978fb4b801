"""Dead letters: what failed and why, grouped by error; retry, edit and resend, delete them;
export them to a folder or import a folder of them.

Safety: the cursor and the selection follow messages (their ids), never rows, so a reload
that re-sorts the table never changes what a key acts on; every destructive dialog lists
what it will act on; permanent errors (which fail the same way again) are retried only
after a second question that says so; "retry all" is one bounded pass with progress that
can be cancelled. The list reloads by itself when the DLQ's depth changes.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from .. import dead_letters
from ..backends.dlq import DeadMessage, Selector, age_of
from ..context import shorten
from ..live import QUEUE
from .base import ConsoleScreen
from .confirm import AskFolder, Choose, Confirm
from .dlq_dialogs import EditLetter, FailureDetail, MoveProgress

EXPORTS = Path("vmwheel-dlq")
LISTED = 8  # dead letters named one by one in a dialog (the rest are counted)
COLUMNS = ("", "generator", "range", "job", "seed", "tries", "age", "error type", "error")
NARROW = 110  # below this many columns the table leaves out the seed (enter shows it)


def listing(letters: list[DeadMessage]) -> str:
    """What a dialog acts on: how many, by error type, then each one (the first few)."""
    counts = Counter(d.kind for d in letters)
    head = f"{len(letters)} dead letter{'s' if len(letters) != 1 else ''}: " + ", ".join(
        f"{n} {kind}" for kind, n in counts.most_common()
    )
    lines = [head]
    for d in letters[:LISTED]:
        lines.append(f"  {d.generator or '?'} {d.range_text} · job {d.job_id or '-'} · {d.kind}"
                     f" · {d.message_id[:8]}")  # fmt: skip
    if len(letters) > LISTED:
        lines.append(f"  … and {len(letters) - LISTED} more")
    return "\n".join(lines)


def permanent_note(letters: list[DeadMessage]) -> str:
    kinds = ", ".join(sorted({d.kind for d in letters}))
    return (f"{len(letters)} of them {'is a' if len(letters) == 1 else 'are'} permanent "
            f"error{'s' if len(letters) != 1 else ''} ({kinds}): the message itself is wrong, "
            "so a retry fails the same way again. Edit the body (e) to fix one.")  # fmt: skip


class DlqScreen(ConsoleScreen):
    MODE = "dlq"
    AUTO_FOCUS = "#dead"
    DESTRUCTIVE = frozenset({"retry_selected", "redrive", "delete_selected", "edit",
                             "import_folder"})  # fmt: skip
    BINDINGS = [
        Binding("f5", "reload", "Reload", show=False),  # it reloads by itself too
        Binding("space", "toggle", "Select", show=False),
        Binding("ctrl+a", "select_shown", "Select shown", show=False),
        Binding("enter", "detail", "Detail", show=False),
        Binding("g", "group", "Group"),
        Binding("t", "retry_selected", "Retry"),
        Binding("a", "redrive", "Retry all"),
        Binding("e", "edit", "Edit"),
        Binding("delete,backspace", "delete_selected", "Delete"),
        Binding("o", "export", "Export"),
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
        self.acting = False  # an action runs: no automatic reload meanwhile
        self.cursor_id: str | None = None  # the message under the cursor
        self.listed_depth: int | None = None  # the DLQ's depth when last listed
        self.loaded_at = 0.0

    def body(self) -> ComposeResult:
        with Vertical(classes="panel", id="dlq-panel"):
            yield Static("", id="dlq-summary")
            yield DataTable(id="dead", cursor_type="row", zebra_stripes=True)
            yield Static("", id="dlq-help")

    def on_mount(self) -> None:
        table = self.query_one("#dead", DataTable)
        for name in self.columns():
            table.add_column(name, key=name or "mark")
        self.query_one("#dlq-help", Static).update(
            "[dim]space: select · ctrl+a: all shown · enter: traceback · f5: reload · keys act "
            "on the selection, else the row · tries: from the failure records[/]"
        )
        self.poller.subscribe(self, QUEUE)
        self.action_reload()

    def on_unmount(self) -> None:
        self.poller.unsubscribe(self)

    def backend_ready(self) -> None:
        self.action_reload()

    def live_updated(self, topic: str) -> None:
        """Reload by itself when the DLQ's depth changed since the last listing."""
        if topic != QUEUE or not self.poller.history or self.acting or self.loading:
            return
        if isinstance(self.app.screen, ModalScreen):
            return  # never under an open dialog
        depth = self.poller.history[-1].dlq
        if self.listed_depth is not None and depth != self.listed_depth:
            self.action_reload()

    def action_reload(self) -> None:
        if not self.context.ready:
            self.query_one("#dlq-summary", Static).update(
                Text(f"waiting for the local stack ({self.context.starting or 'starting'})…",
                     style="dim"))  # fmt: skip
            return
        if not self.letters:
            self.query_one("#dlq-summary", Static).update(Text("reading the DLQ…", style="dim"))
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
        self.listed_depth = len(event.letters)
        self.loaded_at = time.monotonic()
        counts = Counter(d.kind for d in event.letters)
        ordered = sorted(event.letters, key=lambda d: (-counts[d.kind], d.kind,
                         d.generator or "", d.start or 0, d.message_id))  # fmt: skip
        self.letters = {d.message_id: d for d in ordered}
        self.selected &= set(self.letters)
        if self.group not in counts:
            self.group = None
        self.refill()

    def visible(self) -> list[DeadMessage]:
        return [d for d in self.letters.values() if self.group is None or d.kind == self.group]

    def refill(self) -> None:
        counts = Counter(d.kind for d in self.letters.values())
        head = Text.assemble((f"{len(self.letters)} dead letters", "bold"),
                             f" on {self.context.dlq_label}  ")  # fmt: skip
        for i, (name, n) in enumerate(counts.most_common()):
            style = "reverse" if name == self.group else ""
            head.append_text(Text.assemble(" · " if i else "", (f"{name} ×{n}", style)))
        if self.selected:
            head.append(f"  ({len(self.selected)} selected)", style="yellow")
        self.query_one("#dlq-summary", Static).update(head)
        table = self.query_one("#dead", DataTable)
        keep, row = self.cursor_id, table.cursor_row
        columns = self.columns()
        if tuple(str(c.label) for c in table.columns.values()) != columns:
            table.clear(columns=True)
            for name in columns:
                table.add_column(name, key=name or "mark")
        else:
            table.clear()
        now = time.time()
        letters = self.visible()
        fixed = {
            "": 1, "generator": 9, "range": 5, "job": 3, "seed": 4, "tries": 5, "age": 3,
            "error type": 10,
        }  # fmt: skip
        for d in letters:
            fixed["generator"] = max(fixed["generator"], len(d.generator or "?"))
            fixed["range"] = max(fixed["range"], len(d.range_text))
            fixed["job"] = max(fixed["job"], len(d.job_id or "-"))
            fixed["seed"] = max(fixed["seed"], len(str(d.seed)))
            fixed["error type"] = max(fixed["error type"], len(d.kind))
        used = sum(w + 2 for name, w in fixed.items() if name in columns) + 4
        # the table spans the screen less the panel's border and padding (known before the
        # table is laid out, so the first listing is cut as the later ones)
        room = max(8, (self.app.size.width or 120) - 4 - used - 4)
        for d in letters:
            error = " ".join((d.error or d.body_error).split())
            cells = {
                "": "●" if d.message_id in self.selected else " ",
                "generator": d.generator or "?",
                "range": d.range_text,
                "job": d.job_id or "-",
                "seed": "-" if d.seed is None else str(d.seed),
                "tries": "-" if d.attempts is None else str(d.attempts),
                "age": age_of(d, now),
                "error type": Text(d.kind, style="red" if d.permanent else ""),
                "error": error if len(error) <= room else error[: room - 1] + "…",
            }
            table.add_row(*(cells[c] for c in columns), key=d.message_id)
        if not table.row_count:
            return
        # the cursor stays on its message wherever the sort put it; a message that went
        # leaves the cursor on the row that took its place
        if keep is not None and keep in self.letters and keep in {d.message_id for d in
                                                                   self.visible()}:  # fmt: skip
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        else:
            table.move_cursor(row=min(row or 0, table.row_count - 1), animate=False)
        self.cursor_id = self.current_id()

    def columns(self) -> tuple[str, ...]:
        if 0 < self.app.size.width < NARROW:
            return tuple(c for c in COLUMNS if c != "seed")
        return COLUMNS

    def on_resize(self) -> None:
        if self.letters:
            self.refill()

    def current_id(self) -> str | None:
        table = self.query_one("#dead", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value

    @on(DataTable.RowHighlighted, "#dead")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.cursor_id = event.row_key.value if event.row_key is not None else None

    def current(self) -> DeadMessage | None:
        mid = self.current_id()
        return self.letters.get(mid) if mid else None

    def action_toggle(self) -> None:
        if d := self.current():
            self.selected ^= {d.message_id}
            table = self.query_one("#dead", DataTable)
            at = table.cursor_row
            nxt = table.coordinate_to_cell_key((at + 1, 0)).row_key.value if (
                at < table.row_count - 1) else d.message_id  # fmt: skip
            self.cursor_id = nxt
            self.refill()

    def action_select_shown(self) -> None:
        """Select every dead letter shown (one error group when grouped); again: none."""
        shown = {d.message_id for d in self.visible()}
        self.selected = set() if shown and shown <= self.selected else self.selected | shown
        self.refill()

    def action_group(self) -> None:
        """Show one error type at a time, cycling through them, then all again."""
        names = [n for n, _ in Counter(d.kind for d in self.letters.values()).most_common()]
        if not names:
            return
        at = names.index(self.group) + 1 if self.group in names else 0
        self.group = names[at] if at < len(names) else None
        self.refill()

    @on(DataTable.RowSelected, "#dead")
    def action_detail(self) -> None:
        if d := self.current():
            self.app.push_screen(FailureDetail(d))

    def chosen(self) -> list[DeadMessage]:
        """What the keys act on: the selection, else the dead letter under the cursor."""
        if self.selected:
            return [d for d in self.letters.values() if d.message_id in self.selected]
        d = self.current()
        return [d] if d else []

    # --- retry ----------------------------------------------------------------------------

    def action_retry_selected(self) -> None:
        if self.app.refused("retrying"):
            return
        letters = self.chosen()
        if not letters:
            return
        permanent = [d for d in letters if d.permanent]
        queue = self.context.queue_label
        question = f"Send back to {queue}:\n\n{listing(letters)}"
        if not permanent:
            self.app.push_screen(Confirm(question, "Retry"),
                                 lambda ok: ok and self.retry(letters))  # fmt: skip
            return
        question += "\n\n" + permanent_note(permanent)
        transient = [d for d in letters if not d.permanent]
        options = [("n", "Cancel", "cancel", "primary")]
        if transient:
            options.insert(0, ("y", f"Retry the {len(transient)} others", "others", "warning"))
        options.insert(0, ("p", f"Retry all {len(letters)} anyway", "all", "error"))
        self.app.push_screen(Choose(question, options, focus="cancel"),
                             lambda answer: self.retry_answer(answer, letters))  # fmt: skip

    def retry_answer(self, answer: str | None, letters: list[DeadMessage]) -> None:
        if answer == "others":
            self.retry([d for d in letters if not d.permanent])
        elif answer == "all":
            permanent = [d for d in letters if d.permanent]
            self.app.push_screen(
                Confirm(f"Really retry {len(permanent)} permanent error(s)? They will fail "
                        "again the same way and come back to the DLQ.\n\n" + listing(permanent),
                        "Retry them"),
                lambda ok: ok and self.retry(letters),
            )  # fmt: skip

    def retry(self, letters: list[DeadMessage]) -> None:
        if not letters:
            return
        ids = tuple(d.message_id for d in letters)
        self.run_pass(Selector(ids=ids), f"Retrying {listing(letters)}")

    def action_redrive(self) -> None:
        """Retry all (or the group shown): one pass, permanent errors left unless asked."""
        if self.app.refused("retrying"):
            return
        letters = self.visible()
        if not letters:
            self.notify("the DLQ is empty", markup=False)
            return
        group = (self.group,) if self.group else ()
        what = f"every {self.group}" if self.group else "every dead letter"
        permanent = [d for d in letters if d.permanent]
        transient = [d for d in letters if not d.permanent]
        question = (f"Retry all: {what} back to {self.context.queue_label}, in one pass (each "
                    f"message moved at most once; c cancels).\n\n{listing(letters)}")  # fmt: skip
        options = [("n", "Cancel", "cancel", "primary")]
        if permanent:
            question += "\n\n" + permanent_note(permanent) + " They stay on the DLQ unless "
            question += "you include them."
            options.insert(0, ("p", "Include the permanent ones", "all", "error"))
        if transient:
            label = f"Retry {len(transient)}" + (" (not the permanent)" if permanent else "")
            options.insert(0, ("y", label, "transient", "warning"))

        def answered(answer: str | None) -> None:
            if answer == "transient":
                self.run_pass(Selector(error_types=group, permanent=False),
                              f"Retry all: {what} that may pass ({len(transient)} listed)")  # fmt: skip
            elif answer == "all":
                self.app.push_screen(
                    Confirm(f"Really include {len(permanent)} permanent error(s)? They will "
                            "fail again the same way and come back to the DLQ.\n\n"
                            + listing(permanent), "Retry them too"),
                    lambda ok: ok and self.run_pass(
                        Selector(error_types=group),
                        f"Retry all: {what}, permanent errors included ({len(letters)} listed)"),
                )  # fmt: skip

        self.app.push_screen(Choose(question, options, focus="cancel"), answered)

    def run_pass(self, selector: Selector, what: str) -> None:
        self.acting = True

        def finished(report) -> None:
            self.acting = False
            if report is not None:
                self.notify(report.text(), title="retry", timeout=10, markup=False)
                self.selected -= set(report.moved_ids)
            self.action_reload()

        self.app.push_screen(MoveProgress(self.context, selector, what), finished)

    # --- edit, delete -----------------------------------------------------------------------

    def action_edit(self) -> None:
        if self.app.refused("resending"):
            return
        d = self.current()
        if d is None:
            return
        self.app.push_screen(EditLetter(self.context, d),
                             lambda body: body is not None and self.act("resend", {d.message_id},
                                                                        body))  # fmt: skip

    def action_delete_selected(self) -> None:
        if self.app.refused("deleting"):
            return
        letters = self.chosen()
        if not letters:
            return
        ids = {d.message_id for d in letters}
        self.app.push_screen(
            Confirm(f"Delete for good:\n\n{listing(letters)}\n\nExport them first (o) to keep a "
                    "copy.", "Delete"),
            lambda ok: ok and self.act("delete", ids),
        )  # fmt: skip

    # --- export, import -----------------------------------------------------------------

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
            if what == "delete":
                data = f"{dead_letters.delete(ctx, ids)} deleted"
            elif what == "resend":
                (mid,) = ids
                dead_letters.resend(ctx, mid, folder)  # `folder` carries the edited body
                data = f"the edited message went to the task queue in place of {mid[:12]}"
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
            self.notify(event.error, title=event.what, severity="error", markup=False)
            return
        if event.what == "read":
            items = event.data
            if not items:
                self.notify("no message files (*.json) in that folder", severity="warning")
                return
            listing_ = "\n".join(f"  {i.summary}" for i in items[:6])
            more = f"\n  … and {len(items) - 6} more" if len(items) > 6 else ""
            folder = str(Path(items[0].file).parent)
            self.last_folder = folder
            self.app.push_screen(
                Confirm(f"Send {len(items)} message(s) from {folder} to the task queue?\n\n"
                        f"{listing_}{more}", "Import"),
                lambda ok: ok and self.act("import", set(), folder),
            )  # fmt: skip
            return
        if event.what == "export":
            self.last_folder = shorten(event.data.rsplit(" written to ", 1)[-1])
        self.notify(event.data, title=event.what, markup=False)
        if event.what != "export":
            self.selected.clear()
        self.action_reload()
