"""Results: browse the store by job, generator and sample; preview frames and text; download
a sample, a generator's samples or a whole job to a folder."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, Static, Tree

from lambda_src import layout, tars
from lambda_src.records import Manifest

from ..backends.jobs import JobSummary, list_jobs
from ..backends.sync import SyncReport, sync
from ..preview import cache_dir, load_sample
from ..widgets.frames import FramePair
from .base import ConsoleScreen
from .confirm import AskFolder
from .generators import answer_text, prompt_and_rubric
from .viewer import FrameSource, FrameViewer

DOWNLOADS = Path("vmwheel-results")
SAMPLE_FILES = ("first_frame.png", "final_frame.png", "prompt.txt", "rubric.txt", "metadata.json")
LEAVES = 200  # sample leaves shown per generator (the rest are one "more" line)


def cache_root() -> Path:
    return cache_dir().parent / "results"  # beside the generator previews


def human_bytes(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


def download(store, dest: str | Path, job_id: str, generator: str | None = None,
             index: int | None = None) -> SyncReport:  # fmt: skip
    """A job, one generator of it (with its manifests and the job record), or one sample's
    files into `dest`, laid out as `vmwheel sync` lays out a job (so a later sync of the
    whole job skips what is there): sample folders, a tar-format job's shards unpacked.
    Every file is checked against its manifest."""
    return sync(store, dest, job_id=job_id, generator=generator, index=index)


def fetch_sample(store, job: JobSummary, gid: str, index: int, shard: tuple[int, int]) -> Path:
    """The preview files of one sample in a cache folder: its objects, or from its shard's
    tar for a tar-format job."""
    folder = cache_root() / job.job_id / layout.sample_id(gid, index)
    if all((folder / name).exists() for name in SAMPLE_FILES):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    if job.output_format == "tar":  # the tar its manifest names: either layout
        manifest = Manifest.from_json(
            store.get_bytes(layout.manifest_key(job.prefix, job.job_id, gid, *shard))
        )
        data = store.get_bytes(manifest.tar.key)
        found = tars.read_sample(io.BytesIO(data), layout.sample_id(gid, index), SAMPLE_FILES)
        for name in SAMPLE_FILES:
            if name not in found:
                raise FileNotFoundError(f"{name} is not in the shard's tar")
            (folder / name).write_bytes(found[name])
        return folder
    for name in SAMPLE_FILES:
        (folder / name).write_bytes(
            store.get_bytes(layout.sample_key(job.prefix, gid, index, name))
        )
    return folder


def fetch_video(store, job: JobSummary, gid: str, index: int, shard: tuple[int, int]):
    """The sample's video in its cache folder (downloaded once); None when it has none."""
    folder = cache_root() / job.job_id / layout.sample_id(gid, index)
    path = folder / "ground_truth.mp4"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    if job.output_format == "tar":  # the tar its manifest names
        manifest = Manifest.from_json(
            store.get_bytes(layout.manifest_key(job.prefix, job.job_id, gid, *shard))
        )
        found = tars.read_sample(io.BytesIO(store.get_bytes(manifest.tar.key)),
                                 layout.sample_id(gid, index), [path.name])  # fmt: skip
        if path.name not in found:
            return None
        data = found[path.name]
    else:
        key = layout.sample_key(job.prefix, gid, index, path.name)
        if not store.exists(key):
            return None
        data = store.get_bytes(key)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


RELIST_AFTER = 30.0  # s: coming back to the screen re-reads the store when older than this


class ResultsScreen(ConsoleScreen):
    MODE = "results"
    AUTO_FOCUS = "#jobs"
    BINDINGS = [
        Binding("f5", "reload", "Reload"),
        Binding("s", "download", "Download"),
        Binding("z", "view_frames", "Full screen"),
    ]

    class Listed(Message):
        def __init__(self, jobs: list | None, error: str | None) -> None:
            self.jobs, self.error = jobs, error
            super().__init__()

    class Shown(Message):
        def __init__(self, key: tuple, folder: Path | None, error: str | None) -> None:
            self.key, self.folder, self.error = key, folder, error
            super().__init__()

    class Downloaded(Message):
        def __init__(self, text: str, error: str | None) -> None:
            self.text, self.error = text, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.showing: tuple | None = None
        self.listed_at = 0.0
        self.signature: list | None = None  # what the tree shows (rebuilt only on change)
        self.sample = None  # (folder, node data) of the sample shown

    def body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="res-left", classes="panel"):
                yield Label("[b]Jobs[/] [dim]› generator › sample[/]", classes="panel-title")
                yield Tree("jobs", id="jobs")
            with VerticalScroll(id="res-right", classes="panel"):
                yield FramePair()
                yield Static(
                    "Pick a sample in the tree: its frames, prompt and rubric show here. "
                    "s downloads what is under the cursor: a sample, a generator or a job.",
                    id="res-text",
                )

    def on_mount(self) -> None:
        tree = self.query_one("#jobs", Tree)
        tree.show_root = False
        tree.guide_depth = 2
        self.action_reload()

    def backend_ready(self) -> None:
        self.action_reload()

    def on_screen_resume(self) -> None:
        import time

        # back on the screen: the store may have changed (the tree changes only if it did)
        if self.came_back and time.monotonic() - self.listed_at > RELIST_AFTER:
            self.action_reload()

    def action_reload(self) -> None:
        import time

        if not self.context.ready:
            self.query_one("#res-text", Static).update(
                f"waiting for the local stack ({self.context.starting})…"
            )
            return
        self.listed_at = time.monotonic()
        self.list_all()

    @work(thread=True, exclusive=True, group="results")
    def list_all(self) -> None:
        try:
            store = self.context.store()
            jobs = []
            for job in list_jobs(store):
                gens = {}
                for gid in job.generators:
                    where = layout.manifests_prefix(job.prefix, job.job_id, gid)
                    gens[gid] = sorted(store.list_keys(where))
                jobs.append((job, gens))
            self.post_message(self.Listed(jobs[::-1], None))  # newest first
        except Exception as e:
            self.post_message(self.Listed(None, str(e)))

    def on_results_screen_listed(self, event: Listed) -> None:
        if event.error:
            self.app.problem("results", event.error)
            return
        self.app.recovered("results")
        signature = [(job.job_id, job.present, {g: list(m) for g, m in gens.items()})
                     for job, gens in event.jobs]  # fmt: skip
        if signature == self.signature:
            return  # nothing changed: the tree (and the cursor in it) stays
        self.signature = signature
        tree = self.query_one("#jobs", Tree)
        where = tree.cursor_node.data if tree.cursor_node else None
        tree.clear()
        small = sum(len(m) for _, gens in event.jobs for m in gens.values()) <= 8
        for job, gens in event.jobs:
            node = tree.root.add(
                Text.assemble(job.job_id, (f"  {job.present or 0:,}/{job.samples:,}", "dim")),
                data=("job", job), expand=True,
            )  # fmt: skip
            for gid, manifests in gens.items():
                gnode = node.add(Text.assemble(gid, (f" {len(manifests)} shards", "dim")),
                                 data=("generator", job, gid))  # fmt: skip
                shown = 0
                for key in manifests:
                    start, stop = layout.parse_manifest_key(key).range
                    for index in range(start, stop):
                        if shown == LEAVES:
                            break
                        gnode.add_leaf(layout.sample_id(gid, index),
                                       data=("sample", job, gid, index, (start, stop)))  # fmt: skip
                        shown += 1
                total = sum(b - a for a, b in (layout.parse_manifest_key(k).range
                                               for k in manifests))  # fmt: skip
                if total > shown:
                    gnode.add_leaf(Text(f"… {total - shown:,} more (s downloads them)", "dim"),
                                   data=("generator", job, gid))  # fmt: skip
                if small:  # small stores open up to their samples
                    gnode.expand()
        text = self.query_one("#res-text", Static)
        if not event.jobs:
            text.update("No jobs in the store yet: compose one (F3).")
        elif where:
            self.restore_cursor(where)

    def restore_cursor(self, data: tuple) -> None:
        want = (data[0], data[1].job_id, *data[2:4])
        stack = list(self.query_one("#jobs", Tree).root.children)
        while stack:
            node = stack.pop()
            d = node.data
            if d and (d[0], d[1].job_id, *d[2:4]) == want:
                self.call_after_refresh(self.query_one("#jobs", Tree).move_cursor, node)
                return
            stack += list(node.children)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        if data and data[0] == "sample":
            key = (data[1].job_id, data[2], data[3])
            if key != self.showing:
                self.showing = key
                self.fetch(key, *data[1:])

    @work(thread=True, exclusive=True, group="fetch")
    def fetch(self, key: tuple, job, gid: str, index: int, shard: tuple[int, int]) -> None:
        try:
            folder = fetch_sample(self.context.store(), job, gid, index, shard)
            self.post_message(self.Shown(key, folder, None))
        except Exception as e:
            self.post_message(self.Shown(key, None, f"{type(e).__name__}: {e}"))

    def on_results_screen_shown(self, event: Shown) -> None:
        if event.key != self.showing:
            return  # the cursor moved on
        text = self.query_one("#res-text", Static)
        if event.error:
            text.update(Text.assemble(("cannot preview this sample: ", "yellow"), event.error))
            return
        try:
            sample = load_sample(event.folder)
        except (OSError, ValueError, KeyError) as e:
            text.update(Text.assemble(("cannot preview this sample: ", "yellow"), str(e)))
            return
        self.query_one(FramePair).show(sample.first, sample.final)
        self.sample = (event.folder, event.key)
        answer = answer_text(sample.metadata)
        text.update(Group(Text.assemble((event.folder.name, "bold"), " · answer ",
                                        (answer, "cyan")),
                          Text(""), prompt_and_rubric(sample.prompt, sample.rubric)))  # fmt: skip

    def action_view_frames(self) -> None:
        node = self.query_one("#jobs", Tree).cursor_node
        data = node.data if node is not None else None
        if not data or data[0] != "sample" or self.sample is None:
            self.notify("pick a sample first: its frames open full screen", severity="warning")
            return
        folder, key = self.sample
        _, job, gid, index, shard = data
        if key != (job.job_id, gid, index):
            self.notify("the sample is still loading", severity="warning")
            return
        store = self.context.store

        self.app.push_screen(FrameViewer(FrameSource(
            folder.name, folder / "first_frame.png", folder / "final_frame.png",
            get_video=lambda: fetch_video(store(), job, gid, index, shard))))  # fmt: skip

    def action_download(self) -> None:
        node = self.query_one("#jobs", Tree).cursor_node
        if node is None or not node.data:
            self.notify("pick a job, a generator or a sample first", severity="warning")
            return
        kind, job, *rest = node.data
        gid = rest[0] if rest else None
        index = rest[1] if kind == "sample" else None
        if kind == "sample":
            what = layout.sample_id(gid, index)
        else:
            what = f"{gid} of job {job.job_id}" if kind == "generator" else f"job {job.job_id}"
        self.app.push_screen(
            AskFolder(f"Download {what} into this folder:", str(DOWNLOADS / job.job_id),
                      "Download"),
            lambda folder: folder and self.download(what, folder, job.job_id, gid, index),
        )  # fmt: skip

    @work(thread=True, group="download")
    def download(self, what: str, folder: str, job_id: str, gid: str | None,
                 index: int | None) -> None:  # fmt: skip
        try:
            r = download(self.context.store(), folder, job_id, gid, index)
            text = (f"{what} → {folder}: {r.downloaded} files downloaded "
                    f"({human_bytes(r.bytes)}), {r.skipped} already there")  # fmt: skip
            error = f"{len(r.failed)} files failed: {r.failed[0]}" if r.failed else None
            self.post_message(self.Downloaded(text, error))
        except Exception as e:
            self.post_message(self.Downloaded("", f"{type(e).__name__}: {e}"))

    def on_results_screen_downloaded(self, event: Downloaded) -> None:
        if event.text:
            self.notify(event.text, title="downloaded", timeout=10, markup=False)
        if event.error:
            self.notify(event.error, title="download", severity="error", markup=False)
