"""Modal questions: a yes/no confirmation in front of every destructive action, and a
folder prompt for exports, imports and downloads."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class Confirm(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str, action: str = "Confirm", danger: bool = True) -> None:
        super().__init__()
        self.question, self.action, self.danger = question, action, danger

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="danger" if self.danger else ""):
            yield Static(self.question, id="question", markup=False)
            with Horizontal(id="buttons"):
                yield Button(f"{self.action} (y)", variant="error" if self.danger else "success",
                             id="yes", compact=True)  # fmt: skip
                yield Button("Cancel (n)", variant="primary", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # Enter alone never destroys anything

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class AskFolder(ModalScreen[str | None]):
    """A folder, edited from a default; Enter accepts, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, default: str, action: str = "OK") -> None:
        super().__init__()
        self.question, self.default, self.action = question, default, action

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question", markup=False)
            yield Input(self.default, id="folder", compact=True)
            with Horizontal(id="buttons"):
                yield Button(f"{self.action} (enter)", variant="primary", id="ok", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.accept()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.accept() if event.button.id == "ok" else self.dismiss(None)

    def accept(self) -> None:
        value = self.query_one("#folder", Input).value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
