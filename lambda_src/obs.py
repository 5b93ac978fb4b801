"""Observability: one JSON log line per event, and CloudWatch Embedded Metric Format.

Both go to stdout, which Lambda ships to CloudWatch Logs; EMF lines become metrics in
namespace `VmDataWheel` without any API call.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

NAMESPACE = "VmDataWheel"


def log(event: str, level: str = "info", **fields: Any) -> None:
    """`{"level": ..., "event": ..., **fields}` as one line."""
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
