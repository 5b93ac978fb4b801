"""What the console tests share."""

from tui.backends.local_stack import LocalStack, LocalStackOptions


def fresh_stack(**options) -> LocalStack:
    """A local stack on an empty moto: moto keeps queues in this process's memory after a
    stack stops, and the next stack's queues must not meet the last one's settings."""
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()
    return LocalStack(LocalStackOptions(**options))


async def settle(pilot) -> None:
    """Until no worker runs and their messages are handled (workers that start more, as a
    DLQ action that reloads the list, are waited for too)."""
    from textual.worker import WorkerState

    await pilot.pause()
    busy = (WorkerState.PENDING, WorkerState.RUNNING)
    while any(w.state in busy for w in pilot.app.workers):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def record_notifications(app) -> list[str]:
    """Every notification the app shows, as "title: message" (kept after they time out)."""
    seen: list[str] = []
    real = app.notify

    def notify(message, *, title="", **kwargs):
        seen.append(f"{title}: {message}")
        real(message, title=title, **kwargs)

    app.notify = notify
    return seen


def text_of(widget) -> str:
    """The plain text a Static or Label shows, whatever it was given (markup, Rich)."""
    from rich.console import Console
    from textual.content import Content

    content = widget.content
    if isinstance(content, Content):
        return content.plain
    if isinstance(content, str):
        return Content.from_markup(content).plain if widget._render_markup else content
    console = Console(width=200, color_system=None)
    with console.capture() as captured:
        console.print(content)
    return captured.get()
