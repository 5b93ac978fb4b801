"""The console under test runs against a real embedded local stack (moto server on 127.0.0.1)."""

import pytest

from tui.backends.config import resolve
from tui.context import ConsoleContext

from .helpers import fresh_stack


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """An idle local stack: queues and a folder store, no workers (tests drive the queues)."""
    store = tmp_path_factory.mktemp("store")
    with fresh_stack(store=store, workers=0, visibility_timeout=30) as ls:
        yield ls


@pytest.fixture
def context(stack, monkeypatch, tmp_path):
    monkeypatch.setenv("VMWHEEL_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    config = resolve({"store": str(stack.store)}, env={})
    ctx = ConsoleContext(config, fixed_seed=1234)
    for url in (config.queue_url, config.dlq_url):  # each test starts with empty queues
        ctx.aws.delete(url, ctx.aws.collect(url, hold=5))
    return ctx
