"""Modal questions: a yes/no confirmation in front of every destructive action, and a
folder prompt for exports, imports and downloads."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class Confirm(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str, action: str = "Confirm", danger: bool = True) -> None:
        super().__init__()
        self.question, self.action, self.danger = question, action, danger

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="danger" if self.danger else ""):
            with VerticalScroll(id="question-box"):
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

    AUTO_FOCUS = "#folder"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, default: str, action: str = "OK") -> None:
        super().__init__()
        self.question, self.default, self.action = question, default, action

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            with VerticalScroll(id="question-box"):
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


class Choose(ModalScreen[str | None]):
    """A question with several answers, each a button with its key; escape answers None.
    The safe answer (`focus`) has the focus, so Enter alone never destroys anything."""

    BINDINGS = [Binding("escape", "answer(None)", "Cancel")]

    def __init__(self, question: str, options: list[tuple[str, str, str, str]],
                 focus: str | None = None, danger: bool = True) -> None:  # fmt: skip
        """`options`: (key, label, value, variant) per button."""
        super().__init__()
        self.question, self.options, self.danger = question, options, danger
        self.focus_value = focus

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="danger" if self.danger else ""):
            with VerticalScroll(id="question-box"):
                yield Static(self.question, id="question", markup=False)
            with Horizontal(id="buttons"):
                for key, label, value, variant in self.options:
                    yield Button(f"{label} ({key})", variant=variant, id=f"answer-{value}",
                                 compact=True)  # fmt: skip

    def on_mount(self) -> None:
        if self.focus_value:
            self.query_one(f"#answer-{self.focus_value}", Button).focus()

    def on_key(self, event) -> None:
        for key, _label, value, _variant in self.options:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id.removeprefix("answer-"))

    def action_answer(self, value: str | None) -> None:
        self.dismiss(value)
