"""Generators: filter the catalog, read a generator's declaration, preview its sample 0."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Static

from ..preview import Preview, preview
from ..widgets.catalog import GROUPINGS, Catalog
from ..widgets.frames import FramePair
from .base import ConsoleScreen
from .viewer import FrameSource, FrameViewer


class GeneratorsScreen(ConsoleScreen):
    MODE = "generators"
    AUTO_FOCUS = "#filter"
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter"),
        Binding("escape", "focus_catalog", "Catalog", show=False),
        Binding("ctrl+o", "compose_with", "Compose with it"),
        Binding("ctrl+r", "dry_run_with", "Dry-run it"),
        Binding("z", "view_frames", "Full screen"),
        Binding("g", "toggle_grouping", "Group by"),
    ]

    class PreviewReady(Message):
        def __init__(self, generator: str, result: Preview | None, error: str | None) -> None:
            self.generator, self.result, self.error = generator, result, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.selected: str | None = None
        self.shown: Preview | None = None

    def body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="gen-left", classes="panel"):
                yield Input(placeholder="name, any form, or fuzzy (/)", id="filter",
                            compact=True)  # fmt: skip
                yield Label("", id="match-count")
                yield Catalog(id="catalog")
            with VerticalScroll(id="gen-right", classes="panel"):
                yield Static(
                    "Pick a generator (type any form of its name, or part of it; ↓ into the "
                    "list): its declaration and its sample 0 show here. ctrl+o composes a job "
                    "with it, ctrl+r dry-runs it, z opens its frames full screen, g groups the "
                    "catalog by faculty (or back by category).",
                    id="detail",
                )
                yield FramePair(id="preview")
                yield Static("", id="preview-text")

    def on_mount(self) -> None:
        self.query_one("#match-count", Label).update("loading the catalog…")
        catalog = self.query_one(Catalog)
        catalog.when_loaded(lambda: self.query_one("#match-count", Label).update(
            f"{len(catalog.specs)} generators · ↓ to the list"))  # fmt: skip

    @on(Input.Changed, "#filter")
    def refilter(self, event: Input.Changed) -> None:
        catalog = self.query_one(Catalog)
        if not catalog.loaded:
            catalog.text = event.value
            return
        n = catalog.filter(event.value)
        self.query_one("#match-count", Label).update(f"{n} match" + ("" if n == 1 else "es"))

    @on(Input.Submitted, "#filter")
    def action_focus_catalog(self) -> None:
        catalog = self.query_one(Catalog)
        catalog.focus()
        if catalog.cursor_node is None or catalog.cursor_node.data is None:
            catalog.first_generator()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#filter", Input):
            self.action_focus_catalog()  # from typing straight into the list
            event.stop()

    def action_toggle_grouping(self) -> None:
        """Group the catalog by faculty, or back by category."""
        catalog = self.query_one(Catalog)
        by = GROUPINGS[(GROUPINGS.index(catalog.group_by) + 1) % len(GROUPINGS)]
        catalog.regroup(by)
        self.notify(f"catalog grouped by {by}", timeout=2)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def show_generator(self, generator_id: str) -> None:
        """Open on one generator (from the home screen)."""
        self.query_one("#filter", Input).value = ""
        catalog = self.query_one(Catalog)
        catalog.focus()

        def select() -> None:
            catalog.filter("")
            catalog.select_generator(generator_id)

        catalog.when_loaded(select)

    def on_catalog_picked(self, event: Catalog.Picked) -> None:
        spec = event.spec
        if spec.id == self.selected:
            return
        self.selected = spec.id
        self.query_one("#detail", Static).update(describe(spec))
        self.query_one("#preview-text", Static).update("[dim]generating sample 0…[/]")
        self.query_one(FramePair).show(None, None)
        self.shown = None
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
            text.update(Text.assemble(("preview failed: ", "red"), event.error))
            return
        self.shown = event.result
        self.query_one(FramePair).show(event.result.first, event.result.final)
        text.update(prompt_and_rubric(event.result.prompt, event.result.rubric))

    def action_view_frames(self) -> None:
        if self.shown is None:
            self.notify("pick a generator first: its sample 0 opens full screen",
                        severity="warning")  # fmt: skip
            return
        gid = self.shown.generator
        self.app.push_screen(FrameViewer(FrameSource(
            f"{gid} sample 0", self.shown.first, self.shown.final,
            get_video=lambda: preview(gid, video=True).video)))  # fmt: skip

    async def action_compose_with(self) -> None:
        if self.selected:
            await self.app.switch_mode("compose")
            self.app.screen.use_generators([self.selected])

    async def action_dry_run_with(self) -> None:
        if self.selected:
            await self.app.switch_mode("dryrun")
            self.app.screen.use_generator(self.selected)


def answer_text(metadata: dict, limit: int = 160) -> str:
    """The sample's answer as compact JSON, cut to `limit` characters."""
    import json

    text = json.dumps(metadata.get("answer"), separators=(",", ":"), default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def prompt_and_rubric(prompt: str, rubric: str) -> Group:
    return Group(Text("Prompt", style="bold"), Text(prompt.strip()), Text(""),
                 Text("Rubric", style="bold"), Text(rubric.strip()))  # fmt: skip


def allowed(p) -> str:
    if p.choices:
        return " | ".join(map(str, p.choices))
    if p.low is not None and p.high is not None:
        return f"{p.kind} {p.low:g}..{p.high:g}" + (", even" if p.even else "")
    return p.kind


def default_text(p) -> str:
    if p.kind == "bool":
        return str(p.default).lower()
    return f"{p.default:g}" if p.kind == "float" else str(p.default)


def params_table(spec) -> Table:
    """The generator's own params first, then the ones every generator takes: each with
    its default (bold), what it accepts, and below, dim, what it means. Two columns, so it
    stays tidy however narrow the pane."""
    table = Table(box=None, padding=(0, 1), pad_edge=False, expand=True, header_style="bold")
    table.add_column("param", no_wrap=True, style="cyan")
    table.add_column("default · accepts", ratio=1, overflow="fold")
    common = [p for p in spec.params if p not in spec.task_params]
    for i, p in enumerate([*spec.task_params, *common]):
        if i == len(spec.task_params):
            table.add_row(
                Text("common", style="italic"), Text("to every generator", style="italic")
            )
        name = Text(p.name, style="bold" if p in spec.task_params else "")
        table.add_row(name, Text.assemble((default_text(p), "bold"), "  ", allowed(p),
                                          ("\n" + p.help if p.help else "", "dim")))  # fmt: skip
    return table


def describe(spec) -> Group:
    facts = Text()
    for i, (label, value) in enumerate((("category", spec.category),
                                         ("shard", f"{spec.shard_size} samples"),
                                         ("memory", spec.memory),
                                         ("instances", f"~{spec.instances:,}"))):  # fmt: skip
        facts.append(" · " if i else "")
        facts.append(f"{label} ", style="dim")
        facts.append(value, style="bold")
    head = Text.assemble((spec.id, "bold"), " · ", spec.title, (f"  v{spec.version}", "dim"))
    return Group(head, Text(spec.description), facts, Text(""), params_table(spec))
