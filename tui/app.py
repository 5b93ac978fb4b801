"""The operator console."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from .context import ConsoleContext
from .palette import ActionsProvider
from .screens.compose import ComposeScreen
from .screens.dashboard import DashboardScreen
from .screens.dlq import DlqScreen
from .screens.dryrun import DryRunScreen
from .screens.generators import GeneratorsScreen
from .screens.home import HomeScreen
from .screens.results import ResultsScreen


class VmWheelApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "VM Data Wheel"
    COMMANDS = App.COMMANDS | {ActionsProvider}
    MODES = {
        "home": HomeScreen, "generators": GeneratorsScreen, "compose": ComposeScreen,
        "dashboard": DashboardScreen, "dlq": DlqScreen, "dryrun": DryRunScreen, "results": ResultsScreen,
    }  # fmt: skip
    DEFAULT_MODE = "home"
    BINDINGS = [
        Binding("f1", "switch_mode('home')", "Home"),
        Binding("f2", "switch_mode('generators')", "Generators"),
        Binding("f3", "switch_mode('compose')", "Compose"),
        Binding("f4", "switch_mode('dashboard')", "Dashboard"),
        Binding("f6", "switch_mode('dlq')", "DLQ"),
        Binding("f7", "switch_mode('dryrun')", "Dry run"),
        Binding("f8", "switch_mode('results')", "Results"),
        Binding("ctrl+t", "toggle_dark_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, context: ConsoleContext) -> None:
        super().__init__()
        self.context = context
        self.sub_title = context.target + ("  [read-only]" if context.read_only else "")

    def action_toggle_dark_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
