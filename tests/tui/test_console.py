"""Main flows of every screen, driven with Pilot against the real local stack."""

import json
import threading
import time

from textual.widgets import DataTable, Input, Label

from tui.app import VmWheelApp
from tui.screens.dlq import DlqScreen
from tui.screens.generators import GeneratorsScreen
from tui.widgets.queue_figures import QueueFigures


async def settle(pilot, app):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def queue_depth(ctx, url):
    return ctx.aws.queue_counts(url).visible


async def test_compose_submits_exactly_the_planned_messages(context):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        screen = app.screen
        screen.query_one("#generators", Input).value = "sudoku O-maze"
        screen.query_one("#samples", Input).value = "25"
        screen.query_one("#shard", Input).value = "10"
        screen.query_one("#params", Input).value = "image_size=128 video=false"
        await settle(pilot, app)
        planned = screen.plan
        assert len(planned.shards) == 6  # 3 shards of 10/10/5 per generator
        await pilot.press("ctrl+s")
        await pilot.press("y")
        await settle(pilot, app)
    assert queue_depth(context, context.config.queue_url) == 6
    bodies = [json.loads(m.body) for m in context.aws.peek(context.config.queue_url, limit=10)]
    assert sorted((b["type"], b["start_index"], b["num_samples"]) for b in bodies) == [
        ("O-39_maze", 0, 10), ("O-39_maze", 10, 10), ("O-39_maze", 20, 5),
        ("O-48_sudoku", 0, 10), ("O-48_sudoku", 10, 10), ("O-48_sudoku", 20, 5),
    ]  # fmt: skip
    assert {b["seed"] for b in bodies} == {1234}
    assert context.store().exists(f"questions/_jobs/{bodies[0]['job_id']}.json")


async def test_compose_refuses_bad_params_as_you_type(context):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        app.screen.query_one("#params", Input).value = "givens=5"
        await settle(pilot, app)
        assert app.screen.plan is None
        assert "givens" in str(app.screen.query_one("#plan").render())
        await pilot.press("ctrl+s")
    assert queue_depth(context, context.config.queue_url) == 0


async def test_dashboard_numbers_match_the_queue(context):
    aws, cfg = context.aws, context.config
    aws.send_bodies(cfg.queue_url, [json.dumps({"type": "sudoku", "num_samples": 1})] * 3)
    aws.send_bodies(cfg.dlq_url, [json.dumps({"type": "maze", "num_samples": 1})] * 2)
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settle(pilot, app)
        figures = app.screen.query_one(QueueFigures)
        values = {
            n: str(figures.query_one(f"#value-{n}", Label).render())
            for n in ("visible", "in_flight", "dlq")
        }
        main = aws.queue_counts(cfg.queue_url)
        assert values == {
            "visible": str(main.visible),
            "in_flight": str(main.in_flight),
            "dlq": "2",
        }
        assert main.visible == 3
        await pilot.press("p")
        assert figures.paused


async def test_dlq_retry_moves_a_dead_message_back(context):
    aws, cfg = context.aws, context.config
    body = {
        "type": "O-48_sudoku",
        "num_samples": 5,
        "start_index": 10,
        "seed": 9,
        "job_id": "job-x",
    }
    aws.send_bodies(cfg.dlq_url, [json.dumps(body)])
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot, app)
        table = app.screen.query_one("#dead", DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[1:4] == ["O-48_sudoku", "10-15", "9"]
        await pilot.press("t")
        await pilot.press("y")
        await settle(pilot, app)
    assert queue_depth(context, cfg.dlq_url) == 0
    moved = aws.peek(cfg.queue_url, limit=5)
    assert [json.loads(m.body) for m in moved] == [body]


async def test_read_only_console_does_not_retry(context):
    aws, cfg = context.aws, context.config
    aws.send_bodies(cfg.dlq_url, [json.dumps({"type": "maze", "num_samples": 1})])
    context.read_only = True
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot, app)
        await pilot.press("t")
        await pilot.press("y")
        await settle(pilot, app)
        assert isinstance(app.screen, DlqScreen)
    assert queue_depth(context, cfg.queue_url) == 0


async def test_dry_run_writes_valid_samples_and_shows_frames(context, tmp_path):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f7")
        screen = app.screen
        screen.query_one("#generator", Input).value = "bounce"
        screen.query_one("#samples", Input).value = "2"
        screen.query_one("#size", Input).value = "128"
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        table = screen.query_one("#dry-samples", DataTable)
        assert table.row_count == 2
        assert all("valid" in str(table.get_row_at(i)[2]) for i in range(2))
        assert screen.frames, "video frames were decoded for stepping"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.frame_index == 2
    out = tmp_path / "vmwheel-dryrun" / "G-3_bounce-seed0"
    assert sorted(p.name for p in out.iterdir()) == ["G-3_bounce_00000000", "G-3_bounce_00000001"]


async def test_keys_answer_while_the_backend_is_slow(context):
    release = threading.Event()
    real = context.aws.queue_counts

    def slow(url):
        release.wait(30)  # a queue endpoint that takes its time
        return real(url)

    context.aws.queue_counts = slow
    app = VmWheelApp(context)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            started = time.monotonic()
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, GeneratorsScreen)  # answered with the poll in flight
            assert not release.is_set() and time.monotonic() - started < 30
            release.set()
    finally:
        release.set()
