"""Results: browse the store by job, generator and sample; preview; download to a folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree

from lambda_src import layout

from ..backends.jobs import list_jobs, sync
from ..preview import load_sample
from ..widgets.frames import FramePair

DOWNLOADS = Path("vmwheel-results")
SAMPLE_FILES = ("first_frame.png", "final_frame.png", "prompt.txt", "rubric.txt", "metadata.json")


class ResultsScreen(Screen):
    AUTO_FOCUS = "#jobs"
    BINDINGS = [Binding("f5", "reload", "Reload"), Binding("s", "download", "Download")]

    class Listed(Message):
        def __init__(self, jobs: list | None, error: str | None) -> None:
            self.jobs, self.error = jobs, error
            super().__init__()

    class Shown(Message):
        def __init__(self, folder: Path | None, error: str | None) -> None:
            self.folder, self.error = folder, error
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="res-left", classes="panel"):
                yield Tree("jobs", id="jobs")
            with VerticalScroll(id="res-right", classes="panel"):
                yield FramePair()
                yield Static("Pick a sample.", id="res-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#jobs", Tree).show_root = False
        self.action_reload()

    def action_reload(self) -> None:
        self.list_all()

    @work(thread=True, exclusive=True, group="results")
    def list_all(self) -> None:
        try:
            store = self.app.context.store()
            jobs = []
            for job in list_jobs(store):
                gens = {}
                for gid in job.generators:
                    where = layout.manifests_prefix(job.prefix, job.job_id, gid)
                    gens[gid] = sorted(store.list_keys(where))
                jobs.append((job, gens))
            self.post_message(self.Listed(jobs, None))
        except Exception as e:
            self.post_message(self.Listed(None, str(e)))

    def on_results_screen_listed(self, event: Listed) -> None:
        if event.error:
            self.notify(event.error, title="results", severity="error")
            return
        tree = self.query_one("#jobs", Tree)
        tree.clear()
        for job, gens in event.jobs:
            node = tree.root.add(f"{job.job_id}  [dim]{job.present or 0}/{job.samples} samples[/]",
                                 data=("job", job), expand=True)  # fmt: skip
            for gid, manifests in gens.items():
                gnode = node.add(
                    f"{gid} [dim]({len(manifests)} shards)[/]", data=("generator", job, gid)
                )
                for key in manifests:
                    start, stop = layout.parse_manifest_key(key).range
                    for index in range(start, min(stop, start + 50)):
                        gnode.add_leaf(
                            layout.sample_id(gid, index), data=("sample", job, gid, index)
                        )
                if len(manifests) <= 4:  # small jobs open up to their samples
                    gnode.expand()
        if not event.jobs:
            self.query_one("#res-text", Static).update(
                "No jobs in the store yet: compose one (F3)."
            )

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        if data and data[0] == "sample":
            self.fetch(*data[1:])

    @work(thread=True, exclusive=True, group="fetch")
    def fetch(self, job, gid: str, index: int) -> None:
        try:
            store = self.app.context.store()
            folder = (
                Path(tempfile.gettempdir())
                / "vmwheel-results-cache"
                / job.job_id
                / layout.sample_id(gid, index)
            )
            folder.mkdir(parents=True, exist_ok=True)
            for name in SAMPLE_FILES:
                if not (folder / name).exists():
                    (folder / name).write_bytes(
                        store.get_bytes(layout.sample_key(job.prefix, gid, index, name))
                    )
            self.post_message(self.Shown(folder, None))
        except Exception as e:  # tar-format jobs keep samples inside shard archives
            self.post_message(self.Shown(None, str(e)))

    def on_results_screen_shown(self, event: Shown) -> None:
        text = self.query_one("#res-text", Static)
        if event.error:
            text.update(f"[yellow]cannot preview this sample[/]: {event.error}")
            return
        sample = load_sample(event.folder)
        self.query_one(FramePair).show(sample.first, sample.final)
        text.update(
            f"[b]{event.folder.name}[/]\n[b]Prompt[/]\n{sample.prompt}\n[b]Rubric[/]\n{sample.rubric}"
        )

    def action_download(self) -> None:
        node = self.query_one("#jobs", Tree).cursor_node
        if node is None or not node.data:
            return
        job = node.data[1]
        self.download(job.job_id, DOWNLOADS / job.job_id)

    @work(thread=True, exclusive=True, group="download")
    def download(self, job_id: str, dest: Path) -> None:
        try:
            report = sync(self.app.context.store(), dest, job_id=job_id)
            self.app.call_from_thread(
                self.notify, f"{job_id} -> {dest.resolve()}: {report}", title="downloaded"
            )
        except Exception as e:
            self.app.call_from_thread(self.notify, str(e), title="download", severity="error")
