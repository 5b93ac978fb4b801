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

# mode -> (key, label, short label for narrow terminals)
NAVIGATION = {
    "home": ("f1", "Home", "Home"),
    "generators": ("f2", "Generators", "Gens"),
    "compose": ("f3", "Compose", "Compose"),
    "dashboard": ("f4", "Dashboard", "Dash"),
    "dlq": ("f6", "DLQ", "DLQ"),
    "dryrun": ("f7", "Dry run", "Dry"),
    "results": ("f8", "Results", "Results"),
}


class VmWheelApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "VM Data Wheel"
    COMMANDS = App.COMMANDS | {ActionsProvider}
    MODES = {
        "home": HomeScreen, "generators": GeneratorsScreen, "compose": ComposeScreen,
        "dashboard": DashboardScreen, "dlq": DlqScreen, "dryrun": DryRunScreen, "results": ResultsScreen,
    }  # fmt: skip
    DEFAULT_MODE = "home"
    # The screen keys are on the navigation bar under the header; the footer keeps each
    # screen's own keys.
    BINDINGS = [
        *(
            Binding(key, f"switch_mode('{mode}')", label, show=False)
            for mode, (key, label, _) in NAVIGATION.items()
        ),
        Binding("ctrl+t", "toggle_dark_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False),  # on the navigation bar
    ]

    def __init__(self, context: ConsoleContext) -> None:
        super().__init__()
        self.context = context
        self.sub_title = context.target + ("  [read-only]" if context.read_only else "")
        self.problems: dict[str, str] = {}  # source -> the error last reported for it

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:  # fmt: skip
        """Notifications carry backend errors, paths and ids: never read them as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_toggle_dark_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    async def action_go(self, mode: str, action: str | None = None) -> None:
        """Open a screen and (optionally) run one of its actions: the palette's way in."""
        await self.switch_mode(mode)
        if action:
            await self.screen.run_action(action)

    # --- errors: said once, then retried quietly until the backend answers again -------

    def problem(self, source: str, message: str) -> None:
        if self.problems.get(source) != message:
            self.notify(message, title=f"{source}: failed", severity="error", timeout=10)
        self.problems[source] = message

    def recovered(self, source: str) -> None:
        if self.problems.pop(source, None) is not None:
            self.notify(f"{source} answers again", title="reconnected")

    def refused(self, what: str) -> bool:
        """True (and a warning) when the console is read-only: `what` is not done."""
        if self.context.read_only:
            self.notify(f"read-only console: {what} is off", severity="warning")
            return True
        return False
