"""Main flows of the screens, driven with Pilot against the real local stack."""

import json
import threading

from textual.widgets import DataTable, Input, Label, Select, SelectionList

from tui.app import VmWheelApp
from tui.backends.jobs import plan_job, submit
from tui.palette import ACTIONS
from tui.screens.compose import ComposeScreen
from tui.screens.confirm import AskFolder, Confirm
from tui.screens.dashboard import DashboardScreen
from tui.screens.dlq import DlqScreen
from tui.screens.dryrun import DryRunScreen
from tui.screens.generators import GeneratorsScreen
from tui.screens.home import HomeScreen
from tui.screens.results import ResultsScreen
from tui.widgets.queue_figures import QueueFigures

from .helpers import settle, text_of


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
        screen.replan()
        await settle(pilot)
        planned = screen.plan
        assert len(planned.shards) == 6  # 3 shards of 10/10/5 per generator
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert "job id" in text_of(screen.query_one("#plan"))
    assert queue_depth(context, context.config.queue_url) == 6
    bodies = [json.loads(m.body) for m in context.aws.peek(context.config.queue_url, limit=10)]
    assert sorted((b["type"], b["start_index"], b["num_samples"]) for b in bodies) == [
        ("O-39_maze", 0, 10), ("O-39_maze", 10, 10), ("O-39_maze", 20, 5),
        ("O-48_sudoku", 0, 10), ("O-48_sudoku", 10, 10), ("O-48_sudoku", 20, 5),
    ]  # fmt: skip
    assert {b["seed"] for b in bodies} == {1234}
    assert {b["job_id"] for b in bodies} == {context.last_job}
    assert context.store().exists(f"questions/_jobs/{bodies[0]['job_id']}.json")


async def test_compose_picks_a_whole_category_from_the_list(context):
    from generators import all_specs

    physics = sorted(s.id for s in all_specs() if s.category == "physics-motion")
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        screen = app.screen
        picker = screen.query_one("#picker", SelectionList)
        rows = [picker.get_option_at_index(i).value for i in range(picker.option_count)]
        picker.focus()
        picker.highlighted = rows.index("@G/physics-motion")
        await pilot.press("space")  # the group row ticks all of its generators
        screen.replan()  # now, not after the typing pause
        await settle(pilot)
        assert sorted(screen.plan.generators) == sorted([*physics, "O-48_sudoku"])
        picker.highlighted = rows.index("O-48_sudoku")
        await pilot.press("space")
        screen.replan()
        await settle(pilot)
        assert sorted(screen.plan.generators) == physics
        assert "@G/physics-motion" in picker.selected and "@all" not in picker.selected
        await pilot.press("ctrl+l")  # clear: nothing to submit
        screen.replan()
        await settle(pilot)
        assert screen.plan is None
        assert "no generator" in text_of(screen.query_one("#plan"))


async def test_compose_refuses_bad_params_as_you_type(context):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        app.screen.query_one("#params", Input).value = "givens=5"
        app.screen.replan()
        await settle(pilot)
        assert app.screen.plan is None
        assert "givens" in text_of(app.screen.query_one("#plan"))
        assert app.screen.query_one("#params", Input).has_class("-invalid")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, Confirm)
    assert queue_depth(context, context.config.queue_url) == 0


async def test_dashboard_numbers_match_the_queue(context):
    aws, cfg = context.aws, context.config
    aws.send_bodies(cfg.queue_url, [json.dumps({"type": "sudoku", "num_samples": 1})] * 3)
    aws.send_bodies(cfg.dlq_url, [json.dumps({"type": "maze", "num_samples": 1})] * 2)
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        figures = app.screen.query_one(QueueFigures)
        values = {
            n: text_of(figures.query_one(f"#value-{n}", Label))
            for n in ("visible", "in_flight", "dlq")
        }
        main = aws.queue_counts(cfg.queue_url)
        assert values == {"visible": str(main.visible), "in_flight": str(main.in_flight),
                          "dlq": "2"}  # fmt: skip
        assert main.visible == 3
        await pilot.press("p")
        assert figures.paused
        before = figures.interval
        await pilot.press("plus")
        assert figures.interval == 2 * before == context.poll_interval
        await pilot.press("p")
        assert not figures.paused


async def test_dashboard_follows_a_job_resubmits_its_gaps_and_purges(context):
    aws, cfg, store = context.aws, context.config, context.store()
    # its own prefix: the maze indices of `questions` belong to another job's seed
    plan = plan_job(["maze"], 4, batch_size=2, seed=3, params=["image_size=128"],
                    output_prefix="dashboard")  # fmt: skip
    job = submit(aws, cfg, store, plan)
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert screen.job_id == job.job_id  # the newest job, shown at once
        table = screen.query_one("#ledger", DataTable)
        assert table.row_count == 1
        row = table.get_row_at(0)
        assert row[0] == "O-39_maze" and row[2] == "0/4" and row[3] == "0-4"
        await pilot.press("r")  # the queue still holds the job: the backend refuses
        await settle(pilot)
        assert not isinstance(app.screen, Confirm)
        await pilot.press("x")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert queue_depth(context, cfg.queue_url) == 0
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)  # 2 messages for the missing 0-4
        await pilot.press("y")
        await settle(pilot)
    assert queue_depth(context, cfg.queue_url) == 2


async def test_dlq_retry_moves_a_dead_message_back(context):
    aws, cfg = context.aws, context.config
    body = {"type": "O-48_sudoku", "num_samples": 5, "start_index": 10, "seed": 9,
            "job_id": "job-x"}  # fmt: skip
    aws.send_bodies(cfg.dlq_url, [json.dumps(body)])
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        table = app.screen.query_one("#dead", DataTable)
        for _ in range(20):  # a listing may meet the letter held by the one before it
            if table.row_count:
                break
            await pilot.pause(0.2)
            await settle(pilot)
        assert table.row_count == 1
        assert table.get_row_at(0)[1:5] == ["O-48_sudoku", "10-15", "job-x", "9"]
        await pilot.press("t")
        await pilot.press("y")
        await settle(pilot)
    assert queue_depth(context, cfg.dlq_url) == 0
    moved = aws.peek(cfg.queue_url, limit=5)
    assert [json.loads(m.body) for m in moved] == [body]


async def test_dry_run_writes_valid_samples_and_shows_frames(context, tmp_path):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f7")
        screen = app.screen
        screen.query_one("#generator", Select).value = "G-3_bounce"
        screen.query_one("#samples", Input).value = "2"
        screen.query_one("#size", Input).value = "128"
        await pilot.press("ctrl+r")
        await settle(pilot)
        table = screen.query_one("#dry-samples", DataTable)
        assert table.row_count == 2
        assert all("valid" in str(table.get_row_at(i)[2]) for i in range(2))
        assert screen.frames, "video frames were decoded for stepping"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.frame_index == 2
        await pilot.press("left_square_bracket")
        assert screen.frame_index == 1
    out = tmp_path / "vmwheel-dryrun" / "G-3_bounce-seed0"
    assert sorted(p.name for p in out.iterdir()) == ["G-3_bounce_00000000", "G-3_bounce_00000001"]


async def test_catalog_leads_to_details_compose_and_dry_run(context):
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # the catalog loads in a thread
        await pilot.press("down", "down", "space", "down")  # unfold the first category, go in
        spec = app.screen.current_spec()
        assert spec is not None
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GeneratorsScreen) and app.screen.selected == spec.id
        assert "param" in text_of(app.screen.query_one("#detail"))
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert list(app.screen.plan.generators) == [spec.id]
        await pilot.press("f1", "d")
        await pilot.pause()
        assert isinstance(app.screen, DryRunScreen)
        assert app.screen.query_one("#generator", Select).value == spec.id


async def test_every_key_is_in_the_palette_and_palette_actions_run(context):
    screens = {"home": HomeScreen, "generators": GeneratorsScreen, "compose": ComposeScreen,
               "dashboard": DashboardScreen, "dlq": DlqScreen, "dryrun": DryRunScreen,
               "results": ResultsScreen}  # fmt: skip
    listed = {action for _, action, _ in ACTIONS}
    for mode, cls in screens.items():
        assert f"app.go('{mode}')" in listed
        for binding in cls.BINDINGS:
            assert f"app.go('{mode}', '{binding.action}')" in listed, (mode, binding.action)
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.run_action("app.go('dlq', 'export')")
        await pilot.pause()
        assert isinstance(app.screen, AskFolder)
        await pilot.press("escape")
        assert isinstance(app.screen, DlqScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"purge the task queue", "enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # opened the dashboard, then asked
        await pilot.press("n")
        assert isinstance(app.screen, DashboardScreen)


async def test_keys_answer_while_the_backend_is_slow_and_polls_never_overlap(context):
    release = threading.Event()
    real = context.aws.queue_counts
    lock, state = threading.Lock(), {"now": 0, "most": 0}

    def slow(url):
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        release.wait()  # a queue endpoint that answers only when the test says so
        with lock:
            state["now"] -= 1
        return real(url)

    context.aws.queue_counts = slow
    app = VmWheelApp(context)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for key, screen in (("f2", GeneratorsScreen), ("f4", DashboardScreen),
                                ("f6", DlqScreen), ("f4", DashboardScreen)):  # fmt: skip
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, screen)  # answered with the polls in flight
            for _ in range(5):
                await pilot.press("f5")  # refresh now: not while a poll is in flight
            await pilot.pause()
            assert not release.is_set()
            assert state["most"] <= 1  # one shared poller: one queue read at a time
            release.set()
            await settle(pilot)
    finally:
        release.set()


def test_vmwheel_without_a_subcommand_opens_the_console(monkeypatch, tmp_path):
    import tui.cli
    import tui.console

    opened = []
    monkeypatch.setattr(tui.console, "open_console",
                        lambda config, read_only=False: opened.append((config, read_only)) or 0)  # fmt: skip
    assert tui.cli.main(["--read-only", "--store", str(tmp_path)]) == 0
    assert tui.cli.main(["--store", str(tmp_path)]) == 0
    (first, ro), (_, rw) = opened
    assert ro and not rw and first.store == tmp_path
