"""Worker configuration from the environment (the names the CDK stack sets).

| variable | default | meaning |
|---|---|---|
| `OUTPUT_BUCKET` | — | the stack's bucket; the default `output_bucket` of a message |
| `ALLOWED_BUCKETS` | — | further buckets a message may name, comma-separated |
| `OUTPUT_PREFIX` | `questions` | the default `output_prefix` of a message |
| `ALLOWED_PREFIXES` | — (any) | prefixes a message may write under, comma-separated |
| `SQS_QUEUE_URL` | — | the task queue (continuation messages go there) |
| `SQS_DLQ_URL` | — | the dead-letter queue (permanent failures go there directly) |
| `AWS_ENDPOINT_URL` | — | S3/SQS endpoint (a local moto server) |
| `LOCAL_STORE_DIR` | — | write to this folder (same layout) instead of S3 |
| `SAMPLE_TIMEOUT_S` | 300 | time budget of one sample; a sample over it is killed |
| `WORKER_PROCESSES` | available CPUs | sample processes per shard |
| `DEADLINE_RESERVE_S` | 20 | invocation time kept for the manifest and continuation (plus the time the uploads still due are expected to take) |
| `MAX_RECEIVE_COUNT` | — | the queue's redrive count: the last attempt dead-letters a transient failure itself, with its reason |
| `LOG_LEVEL` | `INFO` | the lowest level of log line written (lambda_src.obs) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from .layout import DEFAULT_PREFIX


def available_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Config:
    output_bucket: str | None = None
    allowed_buckets: frozenset[str] = frozenset()
    output_prefix: str = DEFAULT_PREFIX
    allowed_prefixes: tuple[str, ...] = ()
    queue_url: str | None = None
    dlq_url: str | None = None
    endpoint_url: str | None = None
    local_store_dir: str | None = None
    sample_timeout_s: float = 300.0
    worker_processes: int = 1
    deadline_reserve_s: float = 20.0
    max_receive_count: int | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        env = os.environ if env is None else env

        def text(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        def number(name: str, default: float, low: float) -> float:
            raw = text(name)
            if raw is None:
                return default
            try:
                value = float(raw)
            except ValueError:
                raise ValueError(f"{name} must be a number, got {raw!r}") from None
            if not value >= low:
                raise ValueError(f"{name} must be >= {low}, got {raw!r}")
            return value

        bucket = text("OUTPUT_BUCKET")
        allowed = {b.strip() for b in (text("ALLOWED_BUCKETS") or "").split(",") if b.strip()}
        if bucket:
            allowed.add(bucket)
        prefixes = tuple(
            p.strip().strip("/")
            for p in (text("ALLOWED_PREFIXES") or "").split(",")
            if p.strip().strip("/")
        )
        receives = text("MAX_RECEIVE_COUNT")
        return cls(
            output_bucket=bucket,
            allowed_buckets=frozenset(allowed),
            output_prefix=text("OUTPUT_PREFIX") or DEFAULT_PREFIX,
            allowed_prefixes=prefixes,
            queue_url=text("SQS_QUEUE_URL"),
            dlq_url=text("SQS_DLQ_URL"),
            endpoint_url=text("AWS_ENDPOINT_URL"),
            local_store_dir=text("LOCAL_STORE_DIR"),
            sample_timeout_s=number("SAMPLE_TIMEOUT_S", 300.0, 0.1),
            worker_processes=int(number("WORKER_PROCESSES", available_cpus(), 1)),
            deadline_reserve_s=number("DEADLINE_RESERVE_S", 20.0, 0.0),
            max_receive_count=int(number("MAX_RECEIVE_COUNT", 0, 1)) if receives else None,
        )
