"""What every console screen has: the header (title and target), the navigation bar, the
screen's own body and the footer with its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Label

from ..widgets.nav import NavBar


class ConsoleScreen(Screen):
    MODE = ""
    shown_before = False
    covered = False  # suspended under a dialog (or the palette), not left for another screen

    def on_screen_suspend(self) -> None:
        self.shown_before = True
        self.covered = isinstance(self.app.screen, ModalScreen)

    @property
    def came_back(self) -> bool:
        """Shown again after the operator was on another screen (not after a dialog)."""
        return self.shown_before and not self.covered

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar(self.MODE)
        yield from self.body()
        yield Footer(compact=True)

    def body(self) -> ComposeResult:
        yield from ()

    @property
    def context(self):
        return self.app.context


def field(label: str, widget) -> Horizontal:
    """One form line: a short label, then the widget."""
    return Horizontal(Label(label, classes="field-name"), widget, classes="field")
