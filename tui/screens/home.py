"""Home: the catalog beside the live queue figures, both at a glance."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from ..widgets.catalog import Catalog
from ..widgets.queue_figures import QueueFigures


class HomeScreen(Screen):
    AUTO_FOCUS = "#catalog"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="home-catalog", classes="panel"):
                yield Label("[b]Generators[/]", classes="panel-title")
                yield Catalog(id="catalog")
            with Vertical(id="home-side"):
                with Vertical(classes="panel", id="home-queue"):
                    yield Label("[b]Queue[/]", classes="panel-title")
                    yield QueueFigures(self.app.context, sparklines=False)
                yield Static(self.app.context.target, id="target", classes="panel")
                yield Static(HELP, id="home-help", classes="panel")
        yield Footer()

    def on_catalog_picked(self, event: Catalog.Picked) -> None:
        s = event.spec
        self.query_one("#home-help", Static).update(
            f"[b]{s.id}[/] · {s.title}\n{s.description}\n\n"
            f"category {s.category} · shard {s.shard_size} · memory {s.memory} · "
            f"~{s.instances:,} instances\n\n[dim]F2: details and preview · F3: compose a job[/]"
        )


HELP = (
    "[b]Keys[/]  F1 home · F2 generators · F3 compose · F4 dashboard · F6 dead letters · "
    "F7 dry run · F8 results · ctrl+p every action · ctrl+q quit"
)
