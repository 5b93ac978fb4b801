"""What every console screen has: the header (title and target), the navigation bar, the
screen's own body and the footer with its keys. A read-only console hides the screen's
destructive keys from the footer (and refuses them if reached anyway)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Label

from ..widgets.nav import NavBar


class ConsoleScreen(Screen):
    MODE = ""
    DESTRUCTIVE: frozenset[str] = frozenset()  # actions a read-only console hides
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.DESTRUCTIVE and self.context.read_only)

    def backend_ready(self) -> None:
        """The embedded stack is up (the console opened before it): load what needs it."""

    def live_updated(self, topic: str) -> None:
        """The shared poller has fresh figures for `topic` (only while shown)."""

    @property
    def context(self):
        return self.app.context

    @property
    def poller(self):
        return self.app.poller


def field(label: str, widget) -> Horizontal:
    """One form line: a short label, then the widget."""
    return Horizontal(Label(label, classes="field-name"), widget, classes="field")
