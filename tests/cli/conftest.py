"""Fixtures of the CLI tests: `vmwheel` run in-process with a clean environment, and the
real embedded stack (`vmwheel local` as a subprocess: a moto server on 127.0.0.1, local
workers running the real handler) on a temporary store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.backends.aws import Aws
from tui.backends.config import resolve
from tui.cli import main

FAKE_GENERATORS = Path(__file__).parent / "fake_generators"
ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 25  # short, so a killed worker's shard comes back soon
CLEARED = ("SQS_QUEUE_URL", "SQS_DLQ_URL", "OUTPUT_BUCKET", "OUTPUT_PREFIX", "AWS_PROFILE",
           "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "LOCAL_STORE_DIR",
           "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
           "ALLOWED_BUCKETS")  # fmt: skip


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update({
        "GENERATORS_PATH": str(FAKE_GENERATORS),
        "AWS_EC2_METADATA_DISABLED": "true",  # never ask an instance metadata service
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    })  # fmt: skip
    env.update(extra)
    return env


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run `vmwheel ARGS...` in this process; a Result with exit code, stdout, stderr."""
    for k, v in clean_env().items():
        monkeypatch.setenv(k, v)
    for k in CLEARED:
        monkeypatch.delenv(k, raising=False)

    def run(*args, env: dict | None = None) -> Result:
        with monkeypatch.context() as m:
            for k, v in (env or {}).items():
                m.setenv(k, v)
            capsys.readouterr()
            try:
                code = main([str(a) for a in args])
            except SystemExit as e:  # argparse errors
                code = e.code if isinstance(e.code, int) else 2
            captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


class StackProcess:
    """`vmwheel local` in a subprocess, on `root/store`."""

    def __init__(self, root: Path, env: dict[str, str], workers: int = 2):
        self.root = root
        self.store = root / "store"
        self.env = env
        self.workers = workers
        self.log_path = root / "local.log"
        self.proc: subprocess.Popen | None = None
        self.state: dict = {}

    def start(self) -> dict:
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept by the child
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "local", "--store", str(self.store),
             "--workers", str(self.workers), "--visibility-timeout", str(VISIBILITY_TIMEOUT),
             "--json"],
            stdout=subprocess.PIPE, stderr=log, env=self.env, cwd=self.root,
        )  # fmt: skip
        log.close()
        line = self.proc.stdout.readline()
        assert line, f"vmwheel local did not start:\n{self.log()}"
        self.state = json.loads(line)
        return self.state

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(sig)
        code = self.proc.wait()
        self.proc.stdout.close()
        return code

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def current_state(self) -> dict:
        return json.loads((self.store / ".local-stack.json").read_text())

    def counts(self):
        config = resolve({"store": str(self.store)}, env={})
        aws = Aws(config)
        return aws.queue_counts(config.queue_url), aws.queue_counts(config.dlq_url)

    def wait_drained(self, poll: float = 1.0) -> None:
        """Until the task queue holds nothing (visible, in flight or delayed) twice in a
        row: every message has ended as a manifest or on the DLQ."""
        quiet = 0
        while quiet < 2:
            queue, _ = self.counts()
            quiet = quiet + 1 if queue.total == 0 else 0
            time.sleep(poll)


@pytest.fixture(scope="module")
def moto():
    """A plain moto server on 127.0.0.1 (no stack, no workers)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    root = tmp_path_factory.mktemp("stack")
    for d in ("flaky", "markers"):
        (root / d).mkdir()
    (root / "broken.flag").write_text("broken\n")
    env = clean_env(
        DEADLINE_RESERVE_S="1",
        WORKER_PROCESSES="1",
        SAMPLE_TIMEOUT_S="120",
        VMWHEEL_TEST_BROKEN_FLAG=str(root / "broken.flag"),
        VMWHEEL_TEST_FLAKY_DIR=str(root / "flaky"),
        VMWHEEL_TEST_MARKERS=str(root / "markers"),
        PYTHONPATH=str(ROOT),
    )
    s = StackProcess(root, env)
    s.start()
    yield s
    s.stop()
