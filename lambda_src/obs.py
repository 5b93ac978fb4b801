"""Observability: one JSON log line per event, and CloudWatch Embedded Metric Format.

Both go to stdout, which Lambda ships to CloudWatch Logs; EMF lines become metrics in
namespace `VmDataWheel` without any API call. `LOG_LEVEL` (DEBUG, INFO, WARNING, ERROR,
CRITICAL; default INFO) drops log lines below it; metrics are always written.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

NAMESPACE = "VmDataWheel"
LEVELS = {"debug": 10, "info": 20, "warning": 30, "error": 40, "critical": 50}


def threshold() -> int:
    """The lowest level written, from LOG_LEVEL (read on each call: cheap, and tests and
    the local stack may change it)."""
    return LEVELS.get(os.environ.get("LOG_LEVEL", "").strip().lower(), LEVELS["info"])


def log(event: str, level: str = "info", **fields: Any) -> None:
    """`{"level": ..., "event": ..., **fields}` as one line, unless LOG_LEVEL is above it."""
    if LEVELS.get(level, LEVELS["info"]) < threshold():
        return
    line = {"level": level, "event": event, **fields}
    sys.stdout.write(json.dumps(line, default=str, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def emit_metrics(
    dimensions: dict[str, str], metrics: dict[str, tuple[float, str]], **properties: Any
) -> None:
    """One EMF document: `metrics` is name -> (value, unit), all under one dimension set."""
    doc = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": NAMESPACE,
                    "Dimensions": [sorted(dimensions)],
                    "Metrics": [{"Name": n, "Unit": u} for n, (_, u) in metrics.items()],
                }
            ],
        },
        **properties,
        **dimensions,
        **{n: v for n, (v, _) in metrics.items()},
    }
    sys.stdout.write(json.dumps(doc, default=str) + "\n")
    sys.stdout.flush()


def shard_metrics(generator: str, duration_s: float, samples: int, nbytes: int) -> None:
    emit_metrics(
        {"Generator": generator},
        {
            "ShardDuration": (round(duration_s, 3), "Seconds"),
            "SamplesGenerated": (samples, "Count"),
            "BytesWritten": (nbytes, "Bytes"),
        },
    )


def failure_metric(generator: str, error_type: str) -> None:
    emit_metrics({"Generator": generator, "ErrorType": error_type}, {"ShardFailure": (1, "Count")})
