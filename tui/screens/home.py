"""Home: the catalog beside the live queue figures and the newest jobs, all at a glance."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from ..backends.aws import queue_name
from ..backends.jobs import list_jobs
from ..context import shorten
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

    class JobsListed(Message):
        def __init__(self, jobs: list | None, error: str | None) -> None:
            self.jobs, self.error = jobs, error
            super().__init__()

    def body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="home-catalog", classes="panel"):
                yield Label("[b]Generators[/] [dim]enter: details[/]", classes="panel-title")
                yield Catalog(id="catalog")
            with Vertical(id="home-side"):
                with Vertical(classes="panel", id="home-queue"):
                    yield Label("[b]Queue[/]", classes="panel-title")
                    yield QueueFigures(self.context, sparklines=False)
                yield Static(self.welcome(), id="home-help", classes="panel")
                with Vertical(classes="panel", id="home-jobs"):
                    yield Label("[b]Newest jobs[/]", classes="panel-title")
                    yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)

    def welcome(self) -> Content:
        cfg = self.context.config
        dlq = queue_name(cfg.dlq_url) if cfg.dlq_url else "none"
        where = "the embedded local stack" if cfg.is_local else f"AWS {cfg.region or ''}"
        return Content.from_markup(
            "[b]Welcome[/] · working on $where\n"
            "[dim]queue[/] $queue [dim]· DLQ[/] $dlq [dim]· store[/] $store\n"
            "[dim]keys: the bar above · ctrl+p every action · ctrl+t theme[/]",
            where=where.strip(), queue=queue_name(cfg.queue_url) if cfg.queue_url else "none",
            dlq=dlq, store=shorten(cfg.storage_label),
        )  # fmt: skip

    def on_mount(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.add_columns("job", "generators", "done")
        table.can_focus = False
        table.show_cursor = False
        self.action_reload()

    def on_screen_resume(self) -> None:
        if self.came_back:  # back on the screen: the store may have changed
            self.action_reload()

    def action_reload(self) -> None:
        self.list_recent()

    @work(thread=True, exclusive=True, group="home-jobs")
    def list_recent(self) -> None:
        try:
            jobs = list_jobs(self.context.store())[-RECENT:][::-1]
            self.post_message(self.JobsListed(jobs, None))
        except Exception as e:
            self.post_message(self.JobsListed(None, str(e)))

    def on_home_screen_jobs_listed(self, event: JobsListed) -> None:
        table = self.query_one("#recent", DataTable)
        if event.error:
            self.app.problem("store", event.error)
            return
        self.app.recovered("store")
        table.clear()
        for job in event.jobs:
            gens = job.generators[0] if len(job.generators) == 1 else f"{len(job.generators)} gens"
            done = f"{job.present or 0:,}/{job.samples:,}"
            table.add_row(job.job_id, gens, done)
        if not event.jobs:
            table.add_row("none yet", "F3 composes one", "")

    def on_catalog_picked(self, event: Catalog.Picked) -> None:
        s = event.spec
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
