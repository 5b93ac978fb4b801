"""Dry run: generate a few samples on this machine, validate them, look at them frame by frame."""

from __future__ import annotations

import time
from pathlib import Path

from PIL import Image
from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Select, Static
from textual.worker import get_current_worker

from generators import (
    ParamError,
    UnknownGenerator,
    all_specs,
    build_sample,
    get_spec,
    parse_assignments,
    validate_sample,
)

from ..preview import decode_video, load_sample
from ..widgets.frames import Frame
from .base import ConsoleScreen, field
from .generators import answer_text, prompt_and_rubric
from .viewer import FrameSource, FrameViewer

DRY_RUN_DIR = Path("vmwheel-dryrun")
FRAME_PREVIEW = 256  # decoded frames are kept at this size for stepping


class DryRunScreen(ConsoleScreen):
    MODE = "dryrun"
    AUTO_FOCUS = "#generator"
    BINDINGS = [
        Binding("ctrl+r", "run", "Run"),
        Binding("left_square_bracket", "step(-1)", "Prev frame"),
        Binding("right_square_bracket", "step(1)", "Next frame"),
        Binding("z", "view_frames", "Full screen"),
    ]

    class SampleDone(Message):
        def __init__(self, run: int, index: int, folder: Path | None, seconds: float,
                     problems: list[str]) -> None:  # fmt: skip
            self.run, self.index, self.folder = run, index, folder
            self.seconds, self.problems = seconds, problems
            super().__init__()

    class FramesDecoded(Message):
        def __init__(self, folder: Path, frames: list[Image.Image], fps: float) -> None:
            self.folder, self.frames, self.fps = folder, frames, fps
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.folders: dict[int, Path] = {}
        self.frames: list[Image.Image] = []
        self.frame_index = 0
        self.run = 0  # results of an earlier run still arriving are dropped
        self.shown: Path | None = None

    def body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="dry-form", classes="panel"):
                yield Label("[b]Dry run[/] [dim]here, nothing queued[/]", classes="panel-title")
                options = [(f"{s.id}  {s.title}", s.id) for s in all_specs()]
                yield field("generator", Select(options, value="O-48_sudoku", id="generator",
                                                     allow_blank=False, compact=True))  # fmt: skip
                yield field("samples", Input("3", id="samples", type="integer", compact=True))
                yield field("seed", Input("0", id="seed", type="integer", compact=True))
                yield field("size", Input("256", id="size", type="integer", compact=True))
                yield field("params", Input("", id="params", compact=True,
                                                 placeholder="k=v …"))  # fmt: skip
                with Horizontal(classes="field"):
                    yield Button("Run ^r", id="run", variant="primary", compact=True)
                    yield ProgressBar(total=1, id="dry-progress", show_eta=False)
                yield DataTable(id="dry-samples", cursor_type="row")
                yield Label("", id="dry-out")
            with VerticalScroll(id="dry-view", classes="panel"):
                with Horizontal(classes="frames -empty", id="dry-frames"):
                    yield Frame("first frame", id="dry-first")
                    yield Frame("video frame", id="dry-frame")
                    yield Frame("final frame", id="dry-final")
                yield Static(
                    "Pick a generator and run it (ctrl+r): each sample is generated here, "
                    "validated and timed; its first and final frames, the video frame by "
                    "frame ([ and ] step, z plays it full screen), the prompt and the rubric "
                    "show here.",
                    id="dry-text",
                    markup=False,
                )

    def use_generator(self, generator_id: str) -> None:
        self.query_one("#generator", Select).value = generator_id
        self.query_one("#generator", Select).focus()

    def on_mount(self) -> None:
        self.query_one("#dry-samples", DataTable).add_columns("sample", "seconds", "validation")

    def value(self, wid: str) -> str:
        widget = self.query_one(f"#{wid}")
        return str(widget.value).strip()

    @on(Button.Pressed, "#run")
    def action_run(self) -> None:
        try:
            spec = get_spec(self.value("generator"))
            samples, seed, size = (
                int(self.value("samples")),
                int(self.value("seed")),
                int(self.value("size")),
            )
            if not 1 <= samples <= 100:
                raise ValueError("samples must be in 1..100 for a dry run")
            given = parse_assignments(spec.params, self.value("params").split())
            params = spec.resolve_params({**given, "image_size": size})
        except (UnknownGenerator, ParamError, ValueError) as e:
            self.notify(str(e), title="cannot run", severity="error", markup=False)
            return
        out = DRY_RUN_DIR / f"{spec.id}-seed{seed}"
        self.folders.clear()
        self.shown = None
        self.query_one("#dry-samples", DataTable).clear()
        self.query_one("#dry-progress", ProgressBar).update(total=samples, progress=0)
        self.query_one("#dry-out", Label).update(Text(f"output {out}", style="dim"))
        self.query_one("#dry-samples", DataTable).focus()  # so [ and ] step frames at once
        self.run += 1
        self.generate(self.run, spec.id, seed, samples, params, out)

    @work(thread=True, exclusive=True, group="dry-run")
    def generate(self, run: int, generator: str, seed: int, samples: int, params: dict,
                 out: Path) -> None:  # fmt: skip
        worker = get_current_worker()
        for index in range(samples):
            if worker.is_cancelled:
                return
            t0 = time.perf_counter()
            try:
                folder = build_sample(generator, seed, index, params, out).folder
                problems = validate_sample(folder)
            except Exception as e:  # shown in the table; the next sample still runs
                folder, problems = None, [f"{type(e).__name__}: {e}"]
            self.post_message(
                self.SampleDone(run, index, folder, time.perf_counter() - t0, problems)
            )

    def on_dry_run_screen_sample_done(self, event: SampleDone) -> None:
        if event.run != self.run:
            return
        verdict = (Text("valid", style="green") if not event.problems
                   else Text(event.problems[0][:60], style="red"))  # fmt: skip
        table = self.query_one("#dry-samples", DataTable)
        table.add_row(str(event.index), f"{event.seconds:.2f}", verdict, key=str(event.index))
        self.query_one("#dry-progress", ProgressBar).advance(1)
        if event.folder:
            self.folders[event.index] = event.folder
            if len(self.folders) == 1:
                self.show_sample(event.folder)

    @on(DataTable.RowHighlighted, "#dry-samples")
    def pick(self, event: DataTable.RowHighlighted) -> None:
        folder = self.folders.get(int(event.row_key.value))
        if folder:
            self.show_sample(folder)

    def show_sample(self, folder: Path) -> None:
        if folder == self.shown:
            return  # highlighted again: frames already decoded (or on their way)
        self.shown = folder
        try:
            sample = load_sample(folder)
        except (OSError, ValueError, KeyError) as e:  # a sample the generator left broken
            self.notify(f"{folder.name}: {e}", title="cannot show", severity="error",
                        markup=False)  # fmt: skip
            return
        self.query_one("#dry-frames").remove_class("-empty")
        self.query_one("#dry-first", Frame).show(sample.first)
        self.query_one("#dry-final", Frame).show(sample.final)
        answer = answer_text(sample.metadata)
        self.query_one("#dry-text", Static).update(
            Group(Text.assemble((folder.name, "bold"), " · answer ", (answer, "cyan")),
                  Text(""), prompt_and_rubric(sample.prompt, sample.rubric))
        )  # fmt: skip
        self.frames = []
        if (folder / "ground_truth.mp4").exists():
            self.decode(folder)

    @work(thread=True, exclusive=True, group="decode")
    def decode(self, folder: Path) -> None:
        frames, fps = [], 0.0
        try:
            frames, fps = decode_video(folder / "ground_truth.mp4", max_side=FRAME_PREVIEW)
        except Exception as e:  # an unreadable video: the stills still show
            self.app.call_from_thread(self.notify, f"{folder.name}: {e}",
                                      title="cannot decode the video", severity="warning",
                                      markup=False)  # fmt: skip
        self.post_message(self.FramesDecoded(folder, frames, fps))

    def on_dry_run_screen_frames_decoded(self, event: FramesDecoded) -> None:
        if event.folder != self.shown:
            return  # another sample was picked meanwhile
        self.frames, self.frame_index = event.frames, 0
        self.action_step(0)

    def action_view_frames(self) -> None:
        if self.shown is None:
            self.notify("run a sample first (ctrl+r): its frames open full screen",
                        severity="warning")  # fmt: skip
            return
        video = self.shown / "ground_truth.mp4"
        self.app.push_screen(FrameViewer(FrameSource(
            self.shown.name, self.shown / "first_frame.png", self.shown / "final_frame.png",
            video=video if video.exists() else None)))  # fmt: skip

    def action_step(self, delta: int) -> None:
        if not self.frames:
            return
        self.frame_index = max(0, min(len(self.frames) - 1, self.frame_index + delta))
        caption = f"video {self.frame_index + 1}/{len(self.frames)}  [ ] step · z plays"
        self.query_one("#dry-frame", Frame).show(self.frames[self.frame_index], caption)
