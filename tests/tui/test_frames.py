"""Frames you can read: previews at the image's aspect ratio that use the space they get,
and the full-screen viewer (z) that zooms, steps and plays the video at its fps."""

import time

import pytest
from PIL import Image

from generators import build_sample
from tui.app import VmWheelApp
from tui.screens.generators import GeneratorsScreen
from tui.screens.viewer import FrameSource, FrameViewer
from tui.widgets.frames import FrameBox, FramePair, cell_size, decide, fit

from .helpers import settle, text_of


def aspect_of(box: FrameBox) -> float:
    """The shown box's aspect ratio on screen (cells are not square)."""
    cols, rows = box.box
    cw, ch = cell_size()
    return cols * cw / (rows * ch)


def test_fit_keeps_the_aspect_ratio_and_uses_the_space():
    assert fit(1000, 1000, 80, 40, (10, 20)) == (80, 40)  # square: 80 cells of 10 x 40 of 20
    assert fit(1000, 1000, 120, 40, (10, 20)) == (80, 40)  # height-bound: centred, 80 wide
    assert fit(300, 100, 120, 40, (10, 20)) == (120, 20)  # wide: width-bound
    assert fit(100, 300, 120, 36, (10, 20)) == (24, 36)
    assert fit(0, 100, 10, 10) == (0, 0)


def test_graphics_choice():
    assert decide({}, isatty=False) == "halfcell"
    assert decide({"VMWHEEL_GRAPHICS": "sixel"}, isatty=False) == "sixel"
    tmux = {"TMUX": "/tmp/tmux-0/default,1,0"}
    assert decide(tmux, isatty=True, outer=lambda: ("xterm-kitty", "rgb,256")) == "kitty"
    assert decide(tmux, isatty=True, outer=lambda: ("xterm-256color", "rgb,sixel")) == "sixel"
    assert decide(tmux, isatty=True, outer=lambda: ("xterm-256color", "rgb,title")) == "halfcell"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    return build_sample("G-3_bounce", 0, 0, {"image_size": 128}, out).folder


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_viewer_opens_at_the_image_aspect_ratio(context, tmp_path, size):
    wide = tmp_path / "wide.png"
    Image.new("RGB", (300, 100), "white").save(wide)
    app = VmWheelApp(context)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(FrameViewer(FrameSource("wide", wide, wide)))
        await settle(pilot)
        box = app.screen.query_one(FrameBox)
        assert aspect_of(box) == pytest.approx(3.0, rel=0.1)
        cols, rows = box.box
        assert cols == size[0] or rows == size[1] - 2  # as large as the screen allows


async def test_the_viewer_steps_zooms_and_plays_the_video_at_its_fps(context, sample):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        viewer = FrameViewer(FrameSource(sample.name, sample / "first_frame.png",
                                         sample / "final_frame.png",
                                         video=sample / "ground_truth.mp4"))  # fmt: skip
        await app.push_screen(viewer)
        await settle(pilot)
        assert viewer.video_frames > 10 and viewer.fps == 16
        assert len(viewer.frames) == viewer.video_frames + 2  # first, the video, final
        assert aspect_of(viewer.query_one(FrameBox)) == pytest.approx(1.0, rel=0.1)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert viewer.index == 2
        assert "video frame 2/" in text_of(viewer.query_one("#viewer-status"))
        await pilot.press("plus")  # zoom 2x: half of the frame, the same aspect
        shown = viewer.query_one(FrameBox).image
        assert shown.size == (64, 64)
        await pilot.press("minus", "space")
        started, clock = viewer.index, time.monotonic()
        await pilot.pause(0.5)
        played, elapsed = viewer.index - started, time.monotonic() - clock
        assert 1 <= played <= elapsed * 16 + 2  # plays, and never faster than 16 fps
        for _ in range(300):  # a loaded event loop plays late: wait, without a fixed window
            if viewer.player is None:
                break
            await pilot.pause(0.1)
        assert viewer.player is None  # stopped at the video's last frame
        assert viewer.index == viewer.video_frames
        await pilot.press("end")
        assert viewer.frames[viewer.index][0] == "final frame"
        await pilot.press("escape")
        assert not isinstance(app.screen, FrameViewer)


async def test_z_opens_a_generator_preview_full_screen(context):
    app = VmWheelApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        app.screen.show_generator("O-48_sudoku")
        await settle(pilot)
        pair = app.screen.query_one(FramePair)
        first = pair.query_one("#first").query_one(FrameBox)
        for _ in range(20):  # the box is sized on the refresh after the preview arrives
            if aspect_of(first) == pytest.approx(1.0, rel=0.15):
                break
            await pilot.pause(0.1)
        assert aspect_of(first) == pytest.approx(1.0, rel=0.15)  # square, not squeezed
        assert first.box[0] >= 14  # half the pane, not a fixed little box
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, FrameViewer)
        await pilot.press("escape")
        assert isinstance(app.screen, GeneratorsScreen)
