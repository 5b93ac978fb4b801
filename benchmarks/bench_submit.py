"""Submitting 100,000 samples (1,000 messages) to the local moto server: messages/s of
`vmwheel submit`'s sending path (batches of 10 from several threads, with retries)
against a plain sequential `send_message_batch` loop, in the same run.

    uv run python benchmarks/bench_submit.py [--messages 1000] [--threads 8] [--rounds 2]

The server is `vmwheel local --workers 0` in its own process (nothing consumes the
queue). Every measurement sends into a fresh queue, because moto's cost per batch grows
with the length of the queue; the two ways alternate, so drift in the machine's load
hits both. Moto is the ceiling here: the point is that the sending path adds nothing to
it, not that it beats it.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.backends.aws import Aws  # noqa: E402
from tui.backends.config import resolve  # noqa: E402
from tui.backends.jobs import plan_job, send_shards  # noqa: E402


def start_stack(store: Path) -> tuple[subprocess.Popen, dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SQS_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "local", "--store", str(store), "--workers", "0",
         "--json"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT,
    )  # fmt: skip
    line = proc.stdout.readline()
    if not line:
        raise SystemExit("vmwheel local did not start")
    return proc, json.loads(line)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--messages", type=int, default=1000)
    p.add_argument("--samples-per-message", type=int, default=100)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args()

    store = Path(tempfile.mkdtemp(prefix="bench-submit-"))
    proc, state = start_stack(store)
    try:
        config = resolve({"store": str(store)}, env={})
        aws = Aws(config)
        plain = boto3.client("sqs", endpoint_url=state["endpoint"], region_name="us-east-1",
                             aws_access_key_id="local", aws_secret_access_key="local")  # fmt: skip
        samples = args.messages * args.samples_per_message
        plan = plan_job(["O-48_sudoku"], samples, batch_size=args.samples_per_message, seed=1,
                        output_bucket=state["bucket"])  # fmt: skip
        bodies = [s.body for s in plan.shards]
        print(f"{samples:,} samples in {len(bodies):,} messages to {state['endpoint']} "
              f"(moto {__import__('moto').__version__}), {args.rounds} rounds")  # fmt: skip

        def fresh(name: str) -> str:
            return plain.create_queue(QueueName=f"{name}-{time.monotonic_ns()}")["QueueUrl"]

        def run_plain() -> float:
            url = fresh("plain")
            t0 = time.perf_counter()
            for i in range(0, len(bodies), 10):
                entries = [{"Id": str(j), "MessageBody": b}
                           for j, b in enumerate(bodies[i : i + 10])]  # fmt: skip
                resp = plain.send_message_batch(QueueUrl=url, Entries=entries)
                assert not resp.get("Failed"), resp["Failed"]
            return len(bodies) / (time.perf_counter() - t0)

        def run_submit() -> float:
            url = fresh("submit")
            t0 = time.perf_counter()
            result = send_shards(aws, url, plan.shards, plan.job_id, plan.seed,
                                 threads=args.threads)  # fmt: skip
            assert result.ok, result.failed[:3]
            return result.sent / (time.perf_counter() - t0)

        rates: dict[str, list[float]] = {"plain": [], "submit": []}
        for r in range(args.rounds):
            order = (("plain", run_plain), ("submit", run_submit))
            for name, fn in order if r % 2 == 0 else reversed(order):
                rate = fn()
                rates[name].append(rate)
                print(f"  round {r + 1}: {name:<6} {rate:7.1f} messages/s")
        plain_rate = statistics.median(rates["plain"])
        submit_rate = statistics.median(rates["submit"])
        print(f"plain sequential send_message_batch loop: {plain_rate:7.1f} messages/s (median)")
        print(f"vmwheel submit sending path ({args.threads} threads): {submit_rate:7.1f} "
              "messages/s (median)")  # fmt: skip
        print(f"ratio submit / plain: {submit_rate / plain_rate:.2f}")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
