"""List prices (AWS us-east-1, on-demand, without free tier) and the cost model of a job.

Prices as published for us-east-1 at the time of writing; check the AWS pricing pages
before relying on them for a budget.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

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

# --- per-sample model, calibrated on O-48_sudoku / G-3_bounce / O-41_nonogram --------
# At 1024 px: about 1.5 CPU s with the video, 0.15 s without; ~100 KB of PNGs and
# ~200 KB of H.264 per sample; the text files and metadata ~6 KB.
CPU_S_VIDEO_1024 = 1.5
CPU_S_STILLS_1024 = 0.15
MEMORY_CLASS_FACTOR = {"low": 1.0, "medium": 2.0, "high": 4.0}
PNG_BYTES_1024 = 100_000
VIDEO_BYTES_1024 = 200_000
TEXT_BYTES = 6_000
SQS_REQUESTS_PER_MESSAGE = 2.1  # a tenth of a batch send, one receive, one delete
FILES_PER_SAMPLE = 6  # first/final frame, prompt, rubric, video, metadata


@dataclass(frozen=True)
class SampleModel:
    cpu_s: float
    bytes: int
    objects: int  # files written per sample


def sample_model(params: dict, memory: str = "low") -> SampleModel:
    """Estimated CPU seconds, bytes and files of one sample with these (resolved) params."""
    scale = (int(params.get("image_size", 1024)) / 1024) ** 2
    video = bool(params.get("video", True))
    stretch = float(params.get("video_scale", 1.0))
    factor = MEMORY_CLASS_FACTOR.get(memory, 1.0)
    cpu = CPU_S_STILLS_1024 * max(scale, 0.05) * factor
    size = PNG_BYTES_1024 * max(scale, 0.01) ** 0.65 + TEXT_BYTES
    if video:
        cpu += (CPU_S_VIDEO_1024 - CPU_S_STILLS_1024) * max(scale, 0.05) * factor * stretch
        size += VIDEO_BYTES_1024 * max(scale, 0.01) ** 0.5 * stretch
    return SampleModel(cpu, int(size), FILES_PER_SAMPLE if video else FILES_PER_SAMPLE - 1)


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
    shards: list[tuple[int, dict, str]], output_format: str, job_records: int = 1
) -> CostEstimate:
    """Cost of sending `shards` = [(samples, resolved params, memory class), ...]."""
    est = CostEstimate(messages=len(shards))
    for n, params, memory in shards:
        m = sample_model(params, memory)
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
