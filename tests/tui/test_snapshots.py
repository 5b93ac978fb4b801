"""Every screen at 120x40 and at 80x24, compared with the accepted SVG snapshots.

Regenerate after an intended change with `uv run pytest tests/tui/test_snapshots.py
--snapshot-update` and look at the new SVGs (snapshot_report.html) before committing:
adding a generator changes the catalog on the home and generators screens.
"""

import json

import pytest
from textual.widgets import Input, TextArea

from generators import build_sample, get_spec
from tui.app import VmWheelApp
from tui.backends.config import resolve
from tui.context import ConsoleContext
from tui.screens.viewer import FrameSource, FrameViewer

from .helpers import fresh_stack, settle

MODELS = ["O-33_counting", "O-39_maze", "O-48_sudoku", "G-3_bounce"]

SIZES = [(120, 40), (80, 24)]
SCREENS = {"home": None, "generators": "f2", "compose": "f3", "dashboard": "f4", "dlq": "f6",
           "dryrun": "f7", "results": "f8"}  # fmt: skip


@pytest.fixture(scope="module")
def quiet_stack(tmp_path_factory):
    root = tmp_path_factory.mktemp("snap")
    with fresh_stack(store=root / "vmwheel-data", workers=0) as ls:
        yield ls


@pytest.fixture
def app(quiet_stack, monkeypatch, tmp_path):
    monkeypatch.chdir(quiet_stack.store.parent)  # the header shows the store as vmwheel-data
    monkeypatch.setenv("VMWHEEL_CACHE", str(tmp_path / "cache"))
    # The console lists the four model generators only, so adding a generator to the
    # library does not change these pictures.
    for module in ("tui.widgets.catalog", "tui.screens.compose", "tui.screens.dryrun"):
        monkeypatch.setattr(f"{module}.all_specs", lambda: [get_spec(g) for g in MODELS])
    monkeypatch.setattr("tui.screens.dlq.age_of", lambda d, now=None: "2m")  # not the clock
    config = resolve({"store": str(quiet_stack.store)}, env={})
    # one poll only, and a fixed seed: the picture must not depend on timing or chance
    return VmWheelApp(ConsoleContext(config, fixed_seed=42, poll_interval=3600))


async def settled(pilot) -> None:
    """Let workers finish, then hold every text cursor steady (a blink would make the
    picture depend on timing)."""
    await settle(pilot)
    for field in [*pilot.app.screen.query(Input), *pilot.app.screen.query(TextArea)]:
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, app, screen, size):
    async def open_it(pilot):
        if SCREENS[screen]:
            await pilot.press(SCREENS[screen])
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_it)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_generator_preview(snap_compare, app, size):
    async def preview(pilot):
        await pilot.press("f2", "down", "down", "down", "down")
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=preview)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_submit_confirmation(snap_compare, app, size):
    async def confirm(pilot):
        await pilot.press("f3")
        await settled(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=confirm)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dead_letters(snap_compare, app, quiet_stack, size):
    aws, url = app.context.aws, app.context.config.dlq_url
    bodies, attrs = [], []
    for start, (kind, error) in enumerate(
        [
            ("TimeoutError", "sample 3 ran out of its 120 s"),
            ("ParamError", "param 'givens' must be int in 26..60"),
            ("TimeoutError", "sample 7 ran out of its 120 s"),
        ]
    ):
        bodies.append(
            json.dumps(
                {
                    "type": "O-48_sudoku",
                    "num_samples": 5,
                    "start_index": 5 * start,
                    "seed": 42,
                    "job_id": "job-snap",
                }
            )
        )
        attrs.append(
            {
                "error_type": {"DataType": "String", "StringValue": kind},
                "error": {"DataType": "String", "StringValue": error},
            }
        )
    aws.send_bodies(url, bodies, attributes=attrs, threads=1)  # fmt: skip

    async def open_it(pilot):
        await pilot.press("f6")
        await settled(pilot)
        await pilot.press("space")

    try:
        assert snap_compare(app, terminal_size=size, run_before=open_it)
    finally:
        aws.delete(url, aws.collect(url, hold=5))


def dead_letter(app, body: dict, kind: str, error: str) -> None:
    attrs = {"error_type": {"DataType": "String", "StringValue": kind},
             "error": {"DataType": "String", "StringValue": error}}  # fmt: skip
    app.context.aws.send_bodies(app.context.config.dlq_url, [json.dumps(body)],
                                attributes=[attrs])  # fmt: skip


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_edit_dialog(snap_compare, app, size):
    dead_letter(app, {"type": "O-48_sudoku", "num_samples": 5, "start_index": 10, "seed": 42,
                      "job_id": "job-snap", "params": {"givens": 5}},
                "InvalidParams", "O-48_sudoku: givens must be in 26..60")  # fmt: skip
    url = app.context.config.dlq_url

    async def open_it(pilot):
        await pilot.press("f6")
        await settled(pilot)
        await pilot.press("e")
        await settled(pilot)
        # the editor's cursor is drawn or not by the phase its blink was in when it stopped:
        # the focus on the Cancel button keeps it out of the picture
        pilot.app.screen.query_one("#cancel").focus()
        await settled(pilot)

    try:
        assert snap_compare(app, terminal_size=size, run_before=open_it)
    finally:
        app.context.aws.delete(url, app.context.aws.collect(url, hold=5))


@pytest.fixture(scope="module")
def bounce(tmp_path_factory):
    out = tmp_path_factory.mktemp("bounce")
    return build_sample("G-3_bounce", 0, 0, {"image_size": 128}, out).folder


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_frame_viewer(snap_compare, app, bounce, size):
    async def open_it(pilot):
        source = FrameSource("G-3_bounce_00000000", bounce / "first_frame.png",
                             bounce / "final_frame.png", video=bounce / "ground_truth.mp4")  # fmt: skip
        await pilot.app.push_screen(FrameViewer(source))
        await settled(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "plus")
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_it)
