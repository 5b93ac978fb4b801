"""List prices (AWS us-east-1, on-demand, without free tier) and the cost model of a job.

Prices as published for us-east-1 at the time of writing; check the AWS pricing pages
before relying on them for a budget.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import generators

# --- us-east-1 list prices, USD ------------------------------------------------------
LAMBDA_GB_SECOND = 0.0000166667  # Lambda x86_64 compute, per GB-second
LAMBDA_REQUEST = 0.20 / 1_000_000  # Lambda, per invocation
SQS_REQUEST = 0.40 / 1_000_000  # SQS standard queue, per request (each 64 KB chunk)
S3_PUT = 0.005 / 1_000  # S3 Standard PUT/COPY/POST/LIST, per request
S3_GB_MONTH = 0.023  # S3 Standard storage, per GB-month (first 50 TB)

# --- the deployed worker (cdk_app defaults) ------------------------------------------
LAMBDA_MEMORY_GB = 10.0  # 10240 MB
LAMBDA_VCPUS = 6  # what Lambda gives a 10 GB function
PARALLEL_EFFICIENCY = 0.8  # samples share the vCPUs imperfectly (process start, uploads)

# --- per-sample model ------------------------------------------------------------------
# Each generator's CPU and bytes per sample are measured at 1024 and 512 px by
# `benchmarks/bench_generators.py --write-figures` and committed under "cost" in
# generators/measured/{generator}.json. Between and beyond the two sizes CPU follows
# a + b * size^2 (fixed work plus pixels) and bytes a power law through the two points;
# video CPU and bytes scale with the frame count (fps, video_scale). A generator without
# figures (an extra module) gets FALLBACK, the catalog's typical figures.
FALLBACK = {"cpu_s_1024": 0.8, "cpu_s_512": 0.3, "outside_encoder": 0.4,
            "video_bytes_1024": 250_000, "video_bytes_512": 110_000,
            "png_bytes_1024": 150_000, "png_bytes_512": 60_000, "text_bytes": 6_000}  # fmt: skip
FILES_PER_SAMPLE = 6  # first/final frame, prompt, rubric, video, metadata
SQS_REQUESTS_PER_MESSAGE = 2.1  # a tenth of a batch send, one receive, one delete
MEASURED = Path(generators.__file__).parent / "measured"


@dataclass(frozen=True)
class SampleModel:
    cpu_s: float
    bytes: int
    objects: int  # files written per sample


@lru_cache(maxsize=256)
def figures(generator: str) -> dict:
    """The committed cost figures of a generator, or the fallback."""
    path = MEASURED / f"{generator}.json"
    try:
        return json.loads(path.read_text())["cost"]
    except (OSError, ValueError, KeyError):
        return FALLBACK


def sample_model(generator: str, params: dict) -> SampleModel:
    """Estimated CPU seconds, bytes and files of one sample of `generator` with these params."""
    f = figures(generator)
    size = int(params.get("image_size", 1024))
    video = bool(params.get("video", True))
    frames = float(params.get("video_scale", 1.0)) * int(params.get("fps", 16)) / 16
    cpu = _quadratic(size, f["cpu_s_512"], f["cpu_s_1024"])
    still_share = f["outside_encoder"]  # drawing, PNGs, bookkeeping: no encoder
    cpu = cpu * (still_share + (1 - still_share) * frames) if video else cpu * still_share
    size_bytes = _power(size, f["png_bytes_512"], f["png_bytes_1024"]) + f["text_bytes"]
    if video:
        size_bytes += _power(size, f["video_bytes_512"], f["video_bytes_1024"]) * frames
    return SampleModel(cpu, int(size_bytes), FILES_PER_SAMPLE if video else FILES_PER_SAMPLE - 1)


def _quadratic(size: int, at_512: float, at_1024: float) -> float:
    """a + b * size^2 through the two measurements (never below a tenth of the 512 figure)."""
    b = (at_1024 - at_512) / (1024**2 - 512**2)
    return max(at_512 / 10, at_512 + b * (size**2 - 512**2))


def _power(size: int, at_512: float, at_1024: float) -> float:
    exponent = math.log(max(at_1024, 1) / max(at_512, 1)) / math.log(2)
    return at_1024 * (size / 1024) ** exponent


@dataclass
class CostEstimate:
    samples: int = 0
    messages: int = 0
    bytes: int = 0
    objects: int = 0  # S3 PUTs (sample files or tars, plus manifests and the job record)
    lambda_gb_s: float = 0.0
    sqs_requests: float = 0.0
    lambda_usd: float = 0.0
    sqs_usd: float = 0.0
    s3_put_usd: float = 0.0
    storage_month_usd: float = 0.0

    @property
    def total_usd(self) -> float:
        return self.lambda_usd + self.sqs_usd + self.s3_put_usd + self.storage_month_usd

    @property
    def puts_exceed_compute(self) -> bool:
        return self.s3_put_usd > self.lambda_usd

    def as_dict(self) -> dict:
        return {**asdict(self), "total_usd": self.total_usd,
                "puts_exceed_compute": self.puts_exceed_compute}  # fmt: skip


def estimate(
    shards: list[tuple[str, int, dict]], output_format: str, job_records: int = 1
) -> CostEstimate:
    """Cost of sending `shards` = [(generator, samples, resolved params), ...]."""
    est = CostEstimate(messages=len(shards))
    for generator, n, params in shards:
        m = sample_model(generator, params)
        est.samples += n
        est.bytes += n * m.bytes
        est.objects += (n * m.objects if output_format == "files" else 1) + 1  # + manifest
        wall = n * m.cpu_s / (LAMBDA_VCPUS * PARALLEL_EFFICIENCY)
        est.lambda_gb_s += wall * LAMBDA_MEMORY_GB
    est.objects += job_records
    est.sqs_requests = est.messages * SQS_REQUESTS_PER_MESSAGE
    est.lambda_usd = est.lambda_gb_s * LAMBDA_GB_SECOND + est.messages * LAMBDA_REQUEST
    est.sqs_usd = est.sqs_requests * SQS_REQUEST
    est.s3_put_usd = est.objects * S3_PUT
    est.storage_month_usd = est.bytes / 2**30 * S3_GB_MONTH
    return est
