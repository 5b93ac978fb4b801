"""Failures are notifications, never crashes: the endpoint going away and coming back, a
closed port from the start, missing credentials, denied access; and a read-only console
refuses every destructive action."""

import json
import socket

import boto3
import pytest
from textual.widgets import Label

from tui.app import VmWheelApp
from tui.backends.config import resolve
from tui.backends.errors import AccessDenied, NoCredentials
from tui.context import ConsoleContext
from tui.screens.compose import ComposeScreen
from tui.screens.confirm import AskFolder
from tui.screens.dashboard import DashboardScreen
from tui.screens.dlq import DlqScreen
from tui.screens.generators import GeneratorsScreen
from tui.screens.home import HomeScreen
from tui.widgets.queue_figures import QueueFigures

from .helpers import fresh_stack, record_notifications, settle, text_of

CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}


@pytest.fixture(autouse=True)
def moto_credentials(monkeypatch):
    """A moto server of one's own takes any credentials, but boto3 wants some."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def moto_on(port: int):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server


@pytest.fixture
def console_config(tmp_path, monkeypatch):
    """Queues on a moto server of the test's own, on a port the test can close and reopen."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VMWHEEL_CACHE", str(tmp_path / "cache"))
    port = free_port()
    server = moto_on(port)
    endpoint = f"http://127.0.0.1:{port}"
    sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS)
    queue = sqs.create_queue(QueueName="resilience-tasks")["QueueUrl"]
    dlq = sqs.create_queue(QueueName="resilience-dlq")["QueueUrl"]
    config = resolve({"queue_url": queue, "dlq_url": dlq, "endpoint_url": endpoint,
                      "region": "us-east-1", "store": str(tmp_path / "store")}, env={})  # fmt: skip
    holder = {"server": server, "port": port}
    yield config, holder
    holder["server"].stop()


async def test_endpoint_down_then_back(console_config):
    config, holder = console_config
    app = VmWheelApp(ConsoleContext(config, poll_interval=3600))  # polls only when told
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        figures = app.screen.query_one(QueueFigures)
        assert not app.problems, app.problems
        assert text_of(figures.query_one("#value-visible", Label)) == "0"
        assert not app.problems

        holder["server"].stop()  # the endpoint goes away mid-run
        figures.poll_now()
        await settle(pilot)
        assert "queue poll" in app.problems
        assert any("queue poll: failed" in m and "cannot reach" in m for m in said)
        assert "unreachable" in text_of(figures.query_one("#rate", Label))
        figures.poll_now()  # still failing: said once, not again
        await settle(pilot)
        assert sum("queue poll: failed" in m for m in said) == 1
        await pilot.press("f2")  # and the console goes on answering
        await pilot.pause()
        assert isinstance(app.screen, GeneratorsScreen)
        await pilot.press("f1")
        await pilot.pause()

        holder["server"] = moto_on(holder["port"])  # back, queues and all
        figures.poll_now()
        await settle(pilot)
        assert not app.problems
        assert any("reconnected" in m for m in said)
        rate = text_of(figures.query_one("#rate", Label))
        assert rate.startswith("queue") and "unreachable" not in rate


async def test_a_closed_port_from_the_start(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    endpoint = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    config = resolve({"queue_url": f"{endpoint}/123456789012/q", "dlq_url": f"{endpoint}/1/d",
                      "endpoint_url": endpoint, "region": "us-east-1",
                      "store": str(tmp_path / "store")}, env={})  # fmt: skip
    app = VmWheelApp(ConsoleContext(config, poll_interval=3600, fixed_seed=1))
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "queue poll" in app.problems
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, DlqScreen) and "DLQ" in app.problems
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("ctrl+s", "y")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert any(m.startswith("submit:") for m in said)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)  # the ledger (a folder) still reads


@pytest.mark.parametrize("error", [
    NoCredentials("reading queue q: no AWS credentials found (set AWS_PROFILE …)"),
    AccessDenied("reading queue q: access denied (AccessDenied: not allowed)"),
])  # fmt: skip
async def test_credential_problems_are_said_once(context, error):
    def refuse(url):
        raise error

    context.aws.queue_counts = refuse
    context.poll_interval = 3600
    app = VmWheelApp(context)
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert said.count(f"queue poll: failed: {error}") == 1
        assert isinstance(app.screen, DashboardScreen)


async def test_read_only_refuses_every_destructive_action(context):
    aws, cfg = context.aws, context.config
    aws.send_bodies(cfg.queue_url, [json.dumps({"type": "maze", "num_samples": 1})])
    aws.send_bodies(cfg.dlq_url, [json.dumps({"type": "maze", "num_samples": 1})])
    context.read_only = True
    app = VmWheelApp(context)
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "read-only" in app.sub_title
        for screen_key, keys in (("f3", ["ctrl+s"]), ("f4", ["r", "x"]),
                                 ("f6", ["t", "a", "e", "delete", "i"])):  # fmt: skip
            await pilot.press(screen_key)
            await settle(pilot)
            here = type(app.screen)
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
                assert type(app.screen) is here, (screen_key, key)  # no question asked
        app.screen.action_retry_selected()  # reached anyway (a script): refused, with a word
        await pilot.pause()
        assert isinstance(app.screen, DlqScreen)
        assert ": read-only console: retrying is off" in said  # a poll's own notice may follow
        await pilot.press("o")  # export only reads: allowed
        assert isinstance(app.screen, AskFolder)
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HomeScreen)
    assert aws.queue_counts(cfg.queue_url).visible == 1
    assert aws.queue_counts(cfg.dlq_url).visible == 1


async def test_follows_the_local_stack_to_its_new_port(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "store"
    first = fresh_stack(store=store, workers=0)
    first.start()
    try:
        ctx = ConsoleContext(resolve({"store": str(store)}, env={}), poll_interval=3600)
        before = ctx.config.endpoint_url
        app = VmWheelApp(ctx)
        said = record_notifications(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert not app.problems
            first.stop()
            with fresh_stack(store=store, workers=0):  # restarted, on another free port
                app.screen.query_one(QueueFigures).poll_now()
                await settle(pilot)
                assert ctx.config.endpoint_url != before
                assert not app.problems and not any("failed" in m for m in said)
    finally:
        first.stop()
