"""Where the queue, DLQ, bucket, region and store come from, and from where each came.

Order, per setting: flags (`--queue-url`, `--dlq-url`, `--bucket`, `--region`, `--profile`,
`--endpoint-url`, `--store`), then the environment (`SQS_QUEUE_URL`, `SQS_DLQ_URL`,
`OUTPUT_BUCKET`, `AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL`,
`LOCAL_STORE_DIR`), then the outputs of `--stack NAME` (`QueueUrl`, `DlqUrl`,
`BucketName`, `FunctionName`), then a running local stack (its state file in the store
folder, default `./vmwheel-data/.local-stack.json`).

A local stack is only consulted when nothing above names an AWS target (queue, DLQ,
bucket or stack), so a half-configured AWS setup never gets mixed with the local queues.
With no AWS target, no store given and no stack running, the default store folder
(`./vmwheel-data`) is the store when it exists: a stopped local stack's results stay
readable (`status`, `jobs`, `sync`) without `--store`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_STORE = Path("vmwheel-data")
STATE_FILE = ".local-stack.json"
LOCAL_BUCKET = "vmwheel-local"
LOCAL_REGION = "us-east-1"
DEFAULT_PREFIX = "questions"

FIELDS = ("queue_url", "dlq_url", "bucket", "region", "profile", "endpoint_url", "store",
          "stack", "function_name")  # fmt: skip
FLAGS = {
    "queue_url": "--queue-url", "dlq_url": "--dlq-url", "bucket": "--bucket",
    "region": "--region", "profile": "--profile", "endpoint_url": "--endpoint-url",
    "store": "--store", "stack": "--stack",
}  # fmt: skip
ENV = {
    "queue_url": ("SQS_QUEUE_URL",), "dlq_url": ("SQS_DLQ_URL",), "bucket": ("OUTPUT_BUCKET",),
    "region": ("AWS_REGION", "AWS_DEFAULT_REGION"), "profile": ("AWS_PROFILE",),
    "endpoint_url": ("AWS_ENDPOINT_URL",), "store": ("LOCAL_STORE_DIR",),
}  # fmt: skip
STACK_OUTPUTS = {"QueueUrl": "queue_url", "DlqUrl": "dlq_url", "BucketName": "bucket",
                 "FunctionName": "function_name"}  # fmt: skip
_AWS_TARGET = ("queue_url", "dlq_url", "bucket", "stack")
_SQS_URL_REGION = re.compile(r"^https://sqs[.-]([a-z0-9-]+)\.amazonaws\.com")


@dataclass(frozen=True)
class Setting:
    name: str
    value: str | None
    source: str  # e.g. "flag --queue-url", "env SQS_QUEUE_URL", "stack vmwheel output QueueUrl"


@dataclass
class LocalState:
    """What a running local stack writes about itself (the state file)."""

    endpoint: str
    region: str
    queue_url: str
    dlq_url: str
    store: str | None  # folder store; None when the stack keeps results in its moto S3
    bucket: str
    pid: int
    pid_created: float = 0.0
    workers: list[int] = field(default_factory=list)
    visibility_timeout: int = 0
    max_receive_count: int = 0
    function_timeout: float = 0.0
    started: float = 0.0
    path: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def state_path(store: str | Path | None = None) -> Path:
    return Path(store or DEFAULT_STORE) / STATE_FILE


def read_state(store: str | Path | None = None, check_alive: bool = True) -> LocalState | None:
    """The state of the local stack whose store is `store`, or None when none runs there."""
    path = state_path(store)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {k: v for k, v in data.items() if k in LocalState.__dataclass_fields__}
        state = LocalState(**known)
    except (OSError, ValueError, TypeError):
        return None
    state.path = str(path)
    if check_alive and not pid_alive(state.pid, state.pid_created):
        return None
    return state


def pid_alive(pid: int, created: float = 0.0) -> bool:
    """Whether `pid` runs and (when `created` is known) is the same process, not a reuse."""
    try:
        import psutil

        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        return not created or abs(proc.create_time() - created) < 1.0
    except (ImportError, ProcessLookupError):
        return False
    except Exception:  # psutil.NoSuchProcess, AccessDenied
        return False


@dataclass
class Config:
    """Resolved settings; `sources` says where each came from."""

    settings: dict[str, Setting]
    local: LocalState | None = None
    state_file: str = ""

    def get(self, name: str) -> str | None:
        s = self.settings.get(name)
        return s.value if s else None

    queue_url = property(lambda self: self.get("queue_url"))
    dlq_url = property(lambda self: self.get("dlq_url"))
    bucket = property(lambda self: self.get("bucket"))
    region = property(lambda self: self.get("region"))
    profile = property(lambda self: self.get("profile"))
    endpoint_url = property(lambda self: self.get("endpoint_url"))
    stack = property(lambda self: self.get("stack"))
    function_name = property(lambda self: self.get("function_name"))

    @property
    def store(self) -> Path | None:
        value = self.get("store")
        return Path(value) if value else None

    @property
    def is_local(self) -> bool:
        """Whether the target is the embedded local stack (fake credentials are fine)."""
        if self.local is not None:
            return True
        url = self.endpoint_url or ""
        return bool(re.match(r"^https?://(127\.0\.0\.1|localhost)(:|/|$)", url))

    def source(self, name: str) -> str:
        s = self.settings.get(name)
        return s.source if s else "not set"

    def require_queue(self) -> str:
        if not self.queue_url:
            raise ConfigError(
                "no task queue configured: pass --queue-url, set SQS_QUEUE_URL, "
                "pass --stack NAME, or start `vmwheel local`"
            )
        return self.queue_url

    def require_dlq(self) -> str:
        if not self.dlq_url:
            raise ConfigError(
                "no dead-letter queue configured: pass --dlq-url, set SQS_DLQ_URL, "
                "pass --stack NAME, or start `vmwheel local`"
            )
        return self.dlq_url

    def require_storage(self) -> None:
        if not self.store and not self.bucket:
            raise ConfigError(
                "no results store configured: pass --bucket or --store DIR, set OUTPUT_BUCKET, "
                "pass --stack NAME, or start `vmwheel local`"
            )

    @property
    def storage_label(self) -> str:
        if self.store:
            return str(self.store)
        return f"s3://{self.bucket}" if self.bucket else "(none)"

    def rows(self) -> list[Setting]:
        return [self.settings.get(n) or Setting(n, None, "not set") for n in FIELDS]

    def as_dict(self) -> dict:
        out: dict[str, Any] = {s.name: {"value": s.value, "source": s.source} for s in self.rows()}
        out["local_stack"] = self.local.as_dict() if self.local else None
        out["state_file"] = self.state_file
        return out


StackLookup = Callable[[str, "Config"], Mapping[str, str]]


def resolve(
    flags: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    stack_lookup: StackLookup | None = None,
) -> Config:
    """Resolve every setting. `flags` maps field names (queue_url, ..., stack) to values
    given on the command line (None = not given); `env` defaults to os.environ;
    `stack_lookup(name, partial_config)` returns a stack's outputs (defaults to
    CloudFormation via boto3)."""
    flags = {k: v for k, v in (flags or {}).items() if v not in (None, "")}
    env = os.environ if env is None else env
    settings: dict[str, Setting] = {}
    for name in FIELDS:
        if name in flags:
            settings[name] = Setting(name, str(flags[name]), f"flag {FLAGS.get(name, name)}")
            continue
        for var in ENV.get(name, ()):
            if env.get(var):
                settings[name] = Setting(name, env[var], f"env {var}")
                break
    config = Config(settings)
    if config.stack:
        lookup = stack_lookup or _cloudformation_outputs
        outputs = lookup(config.stack, config)
        for key, name in STACK_OUTPUTS.items():
            if outputs.get(key) and name not in settings:
                settings[name] = Setting(name, outputs[key], f"stack {config.stack} output {key}")
    store_hint = settings["store"].value if "store" in settings else None
    config.state_file = str(state_path(store_hint))
    if not any(n in settings for n in _AWS_TARGET):
        local = read_state(store_hint)
        if local is not None:
            config.local = local
            source = f"local stack (pid {local.pid}, {config.state_file})"
            home = Path(local.path).parent.resolve() if local.path else None
            if local.store is None and store_hint and Path(store_hint).resolve() == home:
                del settings["store"]  # it only located a stack that keeps results in S3
            for name, value in (("queue_url", local.queue_url), ("dlq_url", local.dlq_url),
                                ("endpoint_url", local.endpoint), ("region", local.region),
                                ("store", local.store), ("bucket", local.bucket)):  # fmt: skip
                if value and name not in settings:
                    settings[name] = Setting(name, value, source)
    nothing = not any(n in settings for n in (*_AWS_TARGET, "store"))
    if config.local is None and nothing and DEFAULT_STORE.is_dir():
        settings["store"] = Setting("store", str(DEFAULT_STORE),
                                    f"default folder ./{DEFAULT_STORE} (no local stack running)")  # fmt: skip
    if "region" not in settings and config.queue_url:
        m = _SQS_URL_REGION.match(config.queue_url)
        if m:
            settings["region"] = Setting("region", m.group(1), "queue URL")
    return config


def _cloudformation_outputs(name: str, config: Config) -> dict[str, str]:
    from .aws import stack_outputs

    return stack_outputs(config, name)


def from_args(args: Any, env: Mapping[str, str] | None = None) -> Config:
    """Resolve from an argparse namespace carrying the global options (missing = not given)."""
    flags = {name: getattr(args, name, None) for name in FLAGS}
    return resolve(flags, env)


def require(value: str | None, what: str) -> str:
    if not value:
        raise ConfigError(f"{what} is not configured")
    return value
