"""Home: the catalog beside the live queue figures and the newest jobs, all at a glance."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Label, Static

from ..context import shorten
from ..live import JOBS
from ..widgets.catalog import Catalog
from ..widgets.queue_figures import QueueFigures
from .base import ConsoleScreen

RECENT = 8  # jobs listed


class HomeScreen(ConsoleScreen):
    MODE = "home"
    AUTO_FOCUS = "#catalog"
    BINDINGS = [
        Binding("c", "compose_with", "Compose with it"),
        Binding("d", "dry_run_with", "Dry-run it"),
        Binding("f5", "reload", "Reload"),
    ]

    def body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="home-catalog", classes="panel"):
                yield Label("[b]Generators[/] [dim]enter: open · space: unfold[/]",
                            classes="panel-title")  # fmt: skip
                yield Catalog(fold_categories=True, id="catalog")
            with Vertical(id="home-side"):
                with Vertical(classes="panel", id="home-queue"):
                    yield Label("[b]Queue[/]", classes="panel-title")
                    yield QueueFigures(self.context, sparklines=False)
                yield Static(self.welcome(), id="home-help", classes="panel")
                with Vertical(classes="panel", id="home-jobs"):
                    yield Label("[b]Newest jobs[/]", classes="panel-title")
                    yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)

    def welcome(self) -> Content:
        ctx = self.context
        if not ctx.ready:
            return Content.from_markup(
                "[b]Welcome[/] · the embedded local stack is starting: $what\n"
                "[dim]the catalog (F2) and dry runs (F7) work already[/]\n"
                "[dim]keys: the bar above · ctrl+p every action · ctrl+t theme[/]",
                what=ctx.starting or "starting",
            )  # fmt: skip
        cfg = ctx.config
        where = "the embedded local stack" if cfg.is_local else f"AWS {cfg.region or ''}"
        return Content.from_markup(
            "[b]Welcome[/] · working on $where\n"
            "[dim]queue[/] $queue [dim]· DLQ[/] $dlq [dim]· store[/] $store\n"
            "[dim]keys: the bar above · ctrl+p every action · ctrl+t theme[/]",
            where=where.strip(), queue=ctx.queue_label, dlq=ctx.dlq_label,
            store=shorten(cfg.storage_label),
        )  # fmt: skip

    def on_mount(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.add_columns("job", "generators", "done")
        table.can_focus = False
        table.show_cursor = False
        self.picked = None
        self.shown_jobs: list | None = None
        self.poller.subscribe(self, JOBS)
        self.show_jobs()

    def on_unmount(self) -> None:
        self.poller.unsubscribe(self)

    def backend_ready(self) -> None:
        if self.picked is None:
            self.query_one("#home-help", Static).update(self.welcome())

    def live_updated(self, topic: str) -> None:
        if topic == "startup" and self.picked is None:
            self.query_one("#home-help", Static).update(self.welcome())
        self.show_jobs()

    def action_reload(self) -> None:
        self.poller.poll_now(JOBS)

    def show_jobs(self) -> None:
        jobs = self.poller.listed
        table = self.query_one("#recent", DataTable)
        if jobs is None:
            if not table.row_count:
                table.add_row("…", "reading the store" if self.context.ready else "", "")
            return
        jobs = jobs[:RECENT]
        rows = []
        for job in jobs:
            gens = job.generators[0] if len(job.generators) == 1 else f"{len(job.generators)} gens"
            rows.append((job.job_id, gens, f"{job.present or 0:,}/{job.samples:,}"))
        if not rows:
            rows = [("none yet", "F3 composes one", "")]
        if rows == self.shown_jobs:
            return  # nothing new: the table stays as it is
        self.shown_jobs = rows
        table.clear(columns=True)  # the columns fit the new rows
        table.add_columns("job", "generators", "done")
        for row in rows:
            table.add_row(*row)

    def on_catalog_picked(self, event: Catalog.Picked) -> None:
        s = event.spec
        self.picked = s
        self.query_one("#home-help", Static).update(
            Content.assemble(
                Content.from_markup("[b]$id[/b] · $title\n", id=s.id, title=s.title),
                s.description,
                Content.from_markup(
                    "\n[dim]$cat · shard $shard · memory $mem · ~$n instances[/]",
                    cat=s.category, shard=s.shard_size, mem=s.memory, n=f"{s.instances:,}",
                ),
            )
        )  # fmt: skip

    @on(Catalog.NodeSelected, "#catalog")
    async def open_generator(self, event: Catalog.NodeSelected) -> None:
        if event.node.data is not None:
            await self.app.switch_mode("generators")
            self.app.screen.show_generator(event.node.data.id)

    def current_spec(self):
        node = self.query_one(Catalog).cursor_node
        return node.data if node is not None else None

    async def action_compose_with(self) -> None:
        if spec := self.current_spec():
            await self.app.switch_mode("compose")
            self.app.screen.use_generators([spec.id])

    async def action_dry_run_with(self) -> None:
        if spec := self.current_spec():
            await self.app.switch_mode("dryrun")
            self.app.screen.use_generator(spec.id)
