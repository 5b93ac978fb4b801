"""True live figures: one shared poller, rates from what really landed, "idle" when nothing
moves, hidden screens that do not poll, and a console that paints before its embedded stack
is up and quits without waiting for it."""

import asyncio
import json
import time

import pytest
from textual.widgets import Label

from tui.app import VmWheelApp
from tui.backends.config import read_state, resolve
from tui.backends.jobs import plan_job, submit
from tui.console import STOPPING, EmbeddedStack
from tui.context import ConsoleContext
from tui.live import NEWEST, job_topic
from tui.screens.dashboard import DashboardScreen
from tui.screens.generators import GeneratorsScreen
from tui.widgets.queue_figures import QueueFigures

from .helpers import fresh_stack, record_notifications, settle, text_of


@pytest.fixture(scope="module")
def working_stack(tmp_path_factory):
    """A local stack with one worker running the real handler."""
    store = tmp_path_factory.mktemp("live") / "store"
    with fresh_stack(store=store, workers=1, visibility_timeout=60,
                     env={"WORKER_PROCESSES": "1", "DEADLINE_RESERVE_S": "2"}) as ls:  # fmt: skip
        yield ls


async def wait_for(pilot, condition, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        await pilot.pause(0.1)


async def test_rate_of_a_job_submitted_while_the_dashboard_is_open(working_stack, tmp_path,
                                                                  monkeypatch):  # fmt: skip
    monkeypatch.chdir(tmp_path)
    config = resolve({"store": str(working_stack.store)}, env={})
    ctx = ConsoleContext(config, poll_interval=0.5, ledger_interval=0.5)
    app = VmWheelApp(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        said = record_notifications(app)
        await pilot.press("f4")
        await settle(pilot)
        screen, poller = app.screen, app.poller
        assert isinstance(screen, DashboardScreen)
        topic = job_topic(NEWEST)
        plan = plan_job(["sudoku"], 6, batch_size=1, seed=8,
                        params=["image_size=64", "video=false"])  # fmt: skip
        job = submit(ctx.aws, config, ctx.store(), plan).job_id
        landed_at = None  # the poll that first saw samples of it land
        rate_at = None  # the poll that first showed its rate
        summary = screen.query_one("#job-summary", Label)
        while True:
            await pilot.pause(0.05)
            live = poller.job(NEWEST)
            polls = poller.polls.get(topic, 0)
            if live is None or live.job_id != job:
                continue
            text = text_of(summary)
            if live.present and landed_at is None:
                landed_at = polls
            if landed_at is None:
                assert "samples/s" not in text  # nothing landed yet: no rate to show
            if rate_at is None and "samples/s" in text:
                rate_at = polls
            if live.complete:
                break
            assert polls < 500
        assert rate_at is not None and rate_at - landed_at <= 2, (landed_at, rate_at)
        await settle(pilot)
        text = text_of(summary)
        assert "6/6 samples · complete" in text and "idle" in text and "samples/s" not in text
        assert f"job complete: job {job} complete: 6 samples" in said
        assert "cost $" in text and "so far of ≈ $" in text


async def test_hidden_screens_do_not_poll(context):
    calls = []
    real = context.aws.queue_counts

    def counting(url):
        calls.append(time.monotonic())
        return real(url)

    context.aws.queue_counts = counting
    context.poll_interval = 0.2
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(calls) >= 4, timeout=20)  # the home figures are live
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, GeneratorsScreen)
        calls.clear()
        await pilot.pause(3.0)
        assert len(calls) <= 2  # at most one background read (task queue + DLQ) in 10 s
        await pilot.press("f1")
        await wait_for(pilot, lambda: len(calls) >= 4, timeout=20)  # back: live again


async def test_stale_figures_are_greyed_while_the_backend_does_not_answer(context):
    from tui.backends.errors import EndpointUnreachable

    real = context.aws.queue_counts
    state = {"down": False}

    def flaky(url):
        if state["down"]:
            raise EndpointUnreachable("cannot reach 127.0.0.1")
        return real(url)

    context.aws.queue_counts = flaky
    context.poll_interval = 3600
    app = VmWheelApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        figures = app.screen.query_one(QueueFigures)
        assert not figures.has_class("-stale")
        state["down"] = True
        figures.poll_now()
        await settle(pilot)
        assert figures.has_class("-stale")
        assert text_of(figures.query_one("#value-visible", Label)) == "0"  # the last figures stay
        assert "figures as last read" in text_of(figures.query_one("#rate", Label))


async def test_the_console_paints_before_the_stack_is_up_and_quits_without_waiting(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "vmwheel-data"
    stack = EmbeddedStack(store, tmp_path / "stack.log", args=("--workers", "0"))
    ctx = ConsoleContext(resolve({}, env={}), poll_interval=0.3)
    app = VmWheelApp(ctx, starter=stack)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert not ctx.ready  # painted, the stack still coming up
            assert "starting" in text_of(app.screen.query_one("#rate", Label))
            assert "starting" in app.sub_title
            await pilot.press("f2")  # what needs no backend works meanwhile
            assert isinstance(app.screen, GeneratorsScreen)
            await pilot.press("f1")
            await wait_for(pilot, lambda: ctx.ready, timeout=90)
            await wait_for(pilot, lambda: bool(app.poller.history))
            await pilot.pause(0.3)
            figures = app.screen.query_one(QueueFigures)
            assert text_of(figures.query_one("#value-dlq", Label)) == "0"
            assert "vmwheel-tasks" in app.sub_title
            ctx.aws.send_bodies(ctx.config.queue_url, [json.dumps({"type": "maze",
                                                                   "num_samples": 1})])  # fmt: skip
        started = time.monotonic()
        said = stack.stop()
        assert time.monotonic() - started < 1.0  # quitting does not wait for the stack
        assert "stopping in the background" in said
        pid = stack.proc.pid
        assert (store / STOPPING).read_text() == str(pid)
        # the stack finishes on its own and keeps the queued message for the next start
        for _ in range(300):
            if stack.proc.poll() is not None:
                break
            await asyncio.sleep(0.1)
        assert stack.proc.returncode == 0
        assert read_state(store) is None
        saved = json.loads((store / ".local-queues.json").read_text())
        assert [json.loads(m["body"])["type"] for m in saved["queue"]] == ["maze"]
    finally:
        if stack.proc is not None and stack.proc.poll() is None:
            stack.proc.kill()
