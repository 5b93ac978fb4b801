"""The operator console.

It paints at once: screens are imported when first opened, the generator catalog loads in
a thread, and the embedded local stack (when the console starts one) comes up in a
thread worker while its progress shows. Quitting never waits for the stack: the caller
stops it in the background (tui/console.py).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.binding import Binding
from textual.message import Message

from .context import ConsoleContext
from .live import JobPolled, JobsListed, LivePoller, QueuePolled
from .palette import ActionsProvider

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

# mode -> (module under tui.screens, class): imported when the screen is first opened
SCREENS = {
    "home": ("home", "HomeScreen"),
    "generators": ("generators", "GeneratorsScreen"),
    "compose": ("compose", "ComposeScreen"),
    "dashboard": ("dashboard", "DashboardScreen"),
    "dlq": ("dlq", "DlqScreen"),
    "dryrun": ("dryrun", "DryRunScreen"),
    "results": ("results", "ResultsScreen"),
}


def screen_class(mode: str):
    import importlib

    module, name = SCREENS[mode]
    return getattr(importlib.import_module(f"{__package__}.screens.{module}"), name)


def _factory(mode: str) -> Callable:
    return lambda: screen_class(mode)()


class StackProgress(Message):
    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class StackReady(Message):
    def __init__(self, config) -> None:
        self.config = config
        super().__init__()


class StackFailed(Message):
    def __init__(self, error: str) -> None:
        self.error = error
        super().__init__()


class VmWheelApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "VM Data Wheel"
    COMMANDS = App.COMMANDS | {ActionsProvider}
    MODES = {mode: _factory(mode) for mode in SCREENS}
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

    def __init__(self, context: ConsoleContext, starter=None) -> None:
        """`starter`, when given, brings the backend up in the background: an object with
        `start(progress: Callable[[str], None]) -> Config` (blocking; run in a thread)."""
        super().__init__()
        self.context = context
        self.starter = starter
        if starter is not None:
            context.ready = False
            context.starting = context.starting or "starting"
        self.stack_error: str | None = None
        self.problems: dict[str, str] = {}  # source -> the error last reported for it
        self.poller = LivePoller(self)
        self.update_title()

    def update_title(self) -> None:
        self.sub_title = self.context.target + ("  [read-only]" if self.context.read_only else "")

    def on_mount(self) -> None:
        if self.starter is not None:  # after the first paint, which it would only slow
            self.call_after_refresh(self.run_worker, self.start_backend, thread=True,
                                    group="stack", exit_on_error=False,
                                    description="start the local stack")  # fmt: skip
        self.call_after_refresh(self.run_worker, self.warm_up, thread=True, group="warm-up",
                                exit_on_error=False, description="import the screens")  # fmt: skip
        self.poller.start()

    def warm_up(self) -> None:
        """Import every screen (and the catalog) in the background after the first paint,
        so that opening one only has to draw it."""
        import importlib

        for module, _ in SCREENS.values():
            importlib.import_module(f"{__package__}.screens.{module}")
        importlib.import_module(f"{__package__}.screens.viewer")

    # --- the backend coming up ----------------------------------------------------------

    def start_backend(self) -> None:
        try:
            config = self.starter.start(lambda text: self.post_message(StackProgress(text)))
            self.post_message(StackReady(config))
        except Exception as e:  # shown; the screens that need no backend keep working
            self.post_message(StackFailed(str(e) or type(e).__name__))

    def on_stack_progress(self, event: StackProgress) -> None:
        if self.context.ready:
            return
        self.context.starting = event.text
        self.update_title()
        self.poller.tell("startup")

    def on_stack_ready(self, event: StackReady) -> None:
        self.context.use(event.config)
        self.update_title()
        self.notify("the local stack is up", title="ready", timeout=3, markup=False)
        for screen in self.all_screens():
            if hasattr(screen, "backend_ready"):
                screen.backend_ready()
        self.poller.tell("startup")
        self.poller.start()

    def on_stack_failed(self, event: StackFailed) -> None:
        self.stack_error = event.error
        self.context.starting = f"failed: {event.error}"
        self.update_title()
        self.notify(event.error, title="the local stack did not start", severity="error",
                    timeout=30, markup=False)  # fmt: skip
        self.poller.tell("startup")

    def all_screens(self) -> list:
        seen = []
        for stack in self._screen_stacks.values():
            for screen in stack:
                if screen not in seen:
                    seen.append(screen)
        return seen

    # --- the shared poller's answers ------------------------------------------------------

    def on_queue_polled(self, event: QueuePolled) -> None:
        self.poller.queue_polled(event)

    def on_job_polled(self, event: JobPolled) -> None:
        self.poller.job_polled(event)

    def on_jobs_listed(self, event: JobsListed) -> None:
        self.poller.jobs_listed(event)

    # --- small things ---------------------------------------------------------------------

    async def action_quit(self) -> None:
        if self.starter is not None and hasattr(self.starter, "cancel"):
            self.starter.cancel()  # stop waiting for the stack: it is told to stop next
        await super().action_quit()

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
            self.notify(message, title=f"{source}: failed", severity="error", timeout=10,
                        markup=False)  # fmt: skip
        self.problems[source] = message

    def recovered(self, source: str) -> None:
        if self.problems.pop(source, None) is not None:
            self.notify(f"{source} answers again", title="reconnected", markup=False)

    def refused(self, what: str) -> bool:
        """True (and a warning) when the console is read-only: `what` is not done."""
        if self.context.read_only:
            self.notify(f"read-only console: {what} is off", severity="warning", markup=False)
            return True
        return False
