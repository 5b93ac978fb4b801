"""Generators: filter the catalog, read a generator's declaration, preview its sample 0."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from generators import GeneratorSpec

from ..preview import Preview, preview
from ..widgets.catalog import Catalog
from ..widgets.frames import FramePair


class GeneratorsScreen(Screen):
    AUTO_FOCUS = "#filter"
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter"),
        Binding("escape", "focus_catalog", "Catalog", show=False),
    ]

    class PreviewReady(Message):
        def __init__(self, generator: str, result: Preview | None, error: str | None) -> None:
            self.generator, self.result, self.error = generator, result, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.selected: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="gen-left", classes="panel"):
                yield Input(placeholder="type to filter…", id="filter")
                yield Label("", id="match-count")
                yield Catalog(id="catalog")
            with VerticalScroll(id="gen-right", classes="panel"):
                yield Static("Pick a generator.", id="detail")
                yield FramePair(id="preview")
                yield Static("", id="preview-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#match-count", Label).update(
            f"{len(self.query_one(Catalog).specs)} generators"
        )

    @on(Input.Changed, "#filter")
    def refilter(self, event: Input.Changed) -> None:
        n = self.query_one(Catalog).filter(event.value)
        self.query_one("#match-count", Label).update(f"{n} match" + ("" if n == 1 else "es"))

    @on(Input.Submitted, "#filter")
    def action_focus_catalog(self) -> None:
        self.query_one(Catalog).focus()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#filter", Input):
            self.query_one(Catalog).focus()  # from typing straight into the list
            event.stop()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def on_catalog_picked(self, event: Catalog.Picked) -> None:
        spec = event.spec
        self.selected = spec.id
        self.query_one("#detail", Static).update(describe(spec))
        self.query_one("#preview-text", Static).update("[dim]generating sample 0…[/]")
        self.query_one(FramePair).show(None, None)
        self.load_preview(spec.id)

    @work(thread=True, exclusive=True, group="preview")
    def load_preview(self, generator: str) -> None:
        try:
            self.post_message(self.PreviewReady(generator, preview(generator), None))
        except Exception as e:  # a broken generator must not take the console down
            self.post_message(self.PreviewReady(generator, None, f"{type(e).__name__}: {e}"))

    def on_generators_screen_preview_ready(self, event: PreviewReady) -> None:
        if event.generator != self.selected:
            return  # the operator moved on
        text = self.query_one("#preview-text", Static)
        if event.error:
            text.update(f"[red]preview failed[/]: {event.error}")
            return
        self.query_one(FramePair).show(event.result.first, event.result.final)
        text.update(f"[b]Prompt[/]\n{event.result.prompt}\n[b]Rubric[/]\n{event.result.rubric}")


def describe(spec: GeneratorSpec) -> str:
    rows = []
    for p in spec.params:
        bounds = f"{p.low}..{p.high}" if p.low is not None else ", ".join(map(str, p.choices)) or ""
        rows.append(
            f"  {p.name:<12} {p.kind:<5} default {p.default!s:<6} {bounds:<12} [dim]{p.help}[/]"
        )
    return (
        f"[b]{spec.id}[/] · {spec.title}\n{spec.description}\n\n"
        f"category [b]{spec.category}[/] · shard size [b]{spec.shard_size}[/] · memory [b]{spec.memory}[/] · "
        f"instances ~[b]{spec.instances:,}[/] · version {spec.version}\n\n[b]Params[/]\n"
        + "\n".join(rows)
    )
