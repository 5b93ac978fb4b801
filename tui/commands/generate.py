"""`vmwheel generate`: write samples locally on all cores and validate every one."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from generators import (
    ParamError,
    UnknownGenerator,
    build_sample,
    generator_ids,
    get_spec,
    parse_assignments,
    validate_sample,
)

from ..errors import CliError


def add_parser(sub) -> None:
    p = sub.add_parser("generate", help="generate and validate samples locally")
    p.add_argument("generators", nargs="+", metavar="GEN", help="generator names, or `all`")
    p.add_argument("--samples", type=int, required=True, help="samples per generator")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--start-index", type=int, default=0)
    p.add_argument("--param", action="append", default=[], metavar="K=V",
                   help="generator param (repeatable); applies to the generators declaring it")  # fmt: skip
    p.add_argument("--no-video", action="store_true", help="skip ground_truth.mp4")
    p.add_argument("--difficulty", default=None, metavar="LEVEL",
                   help="difficulty 1-5, or a range such as 1-5 spread over the samples")  # fmt: skip
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--json", action="store_true", help="machine-readable summary")


@dataclass
class GeneratorReport:
    generator: str
    samples: int = 0
    valid: int = 0
    cpu_s: float = 0.0
    peak_rss_mb: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.valid == self.samples


def plan(args) -> dict[str, dict]:
    """Generator id -> resolved params; every problem is found before any work starts."""
    if args.samples < 1:
        raise CliError(f"--samples must be at least 1, got {args.samples}")
    if args.start_index < 0:
        raise CliError(f"--start-index must be >= 0, got {args.start_index}")
    if not 0 <= args.seed < 2**63:
        raise CliError("--seed must be in 0..2^63-1")
    if args.workers < 1:
        raise CliError("--workers must be at least 1")
    names = generator_ids() if args.generators == ["all"] else args.generators
    try:
        specs = list({spec.id: spec for spec in map(get_spec, names)}.values())
    except UnknownGenerator as e:
        raise CliError(str(e)) from None
    out: dict[str, dict] = {}
    used: set[str] = set()
    for spec in specs:
        declared = {p.name for p in spec.params}
        extra = [f"difficulty={args.difficulty}"] if args.difficulty else []
        mine = [kv for kv in args.param if kv.partition("=")[0].strip() in declared] + extra
        used |= {kv.partition("=")[0].strip() for kv in mine}
        try:
            given = parse_assignments(spec.params, mine)
            if args.no_video:
                given["video"] = False
            out[spec.id] = spec.resolve_params(given)
        except ParamError as e:
            raise CliError(f"{spec.id}: {e}") from None
    unused = [kv for kv in args.param if kv.partition("=")[0].strip() not in used]
    if unused:
        raise CliError(f"param {unused[0]!r} is not declared by any chosen generator")
    return out


def check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError as e:
        raise CliError(f"cannot write to {folder}: {e.strerror or e}") from None


def _reset_peak_rss() -> None:
    """A pool process runs many samples: reset its high-water mark so the peak read after a
    sample is that sample's (Linux: writing 5 to clear_refs resets VmHWM)."""
    with contextlib.suppress(OSError):  # elsewhere the peak is the process's so far
        Path("/proc/self/clear_refs").write_text("5")


def _peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_sample(generator: str, seed: int, index: int, params: dict, out: str) -> dict:
    """Runs in a pool process: build, validate, and measure one sample."""
    _reset_peak_rss()
    t0 = time.process_time()  # the encoder runs in this process: its CPU counts here
    problems, error, cpu = [], None, 0.0
    try:
        result = build_sample(generator, seed, index, params, Path(out))
        cpu = time.process_time() - t0
        problems = validate_sample(result.folder)
    except Exception as e:  # reported per sample; the run goes on
        error = f"{type(e).__name__}: {e}"
        traceback.print_exc()
    return {"cpu_s": cpu, "problems": problems, "error": error, "rss_mb": _peak_rss_mb()}


def run(args) -> int:
    jobs = plan(args)
    check_writable(args.out)
    reports = {gid: GeneratorReport(gid) for gid in jobs}
    console = Console(stderr=True)
    started = time.perf_counter()
    with (
        ProcessPoolExecutor(max_workers=args.workers) as pool,
        Progress(console=console, transient=True) as bar,
    ):
        task = bar.add_task("generating", total=len(jobs) * args.samples)
        futures = {
            pool.submit(one_sample, gid, args.seed, i, params, str(args.out)): (gid, i)
            for gid, params in jobs.items()
            for i in range(args.start_index, args.start_index + args.samples)
        }
        for future in as_completed(futures):
            gid, index = futures[future]
            report = reports[gid]
            try:
                outcome = future.result()
            except Exception as e:  # the pool process itself died
                outcome = {
                    "cpu_s": 0.0,
                    "problems": [],
                    "error": f"worker died: {e}",
                    "rss_mb": 0.0,
                }
            report.samples += 1
            report.cpu_s += outcome["cpu_s"]
            report.peak_rss_mb = max(report.peak_rss_mb, outcome["rss_mb"])
            if outcome["error"]:
                report.errors.append(f"sample {index}: {outcome['error']}")
            elif outcome["problems"]:
                report.errors.append(f"sample {index}: {'; '.join(outcome['problems'])}")
            else:
                report.valid += 1
            bar.advance(task)
    _print(args, list(reports.values()), time.perf_counter() - started)
    return 0 if all(r.ok for r in reports.values()) else 1


def _print(args, reports: list[GeneratorReport], wall: float) -> None:
    if args.json:
        rows = [
            {**asdict(r), "ok": r.ok, "cpu_s_per_sample": r.cpu_s / max(r.samples, 1)}
            for r in reports
        ]
        print(
            json.dumps(
                {"out": str(args.out), "wall_s": round(wall, 3), "generators": rows}, indent=2
            )
        )
        return
    table = Table(title=f"{sum(r.samples for r in reports)} samples in {wall:.1f} s -> {args.out}")
    for col in ("generator", "samples", "CPU s/sample", "peak RSS MB", "validation"):
        table.add_column(col, justify="left" if col in ("generator", "validation") else "right")
    for r in reports:
        verdict = "[green]ok[/]" if r.ok else f"[red]{len(r.errors)} failed[/]: {r.errors[0][:80]}"
        table.add_row(r.generator, str(r.samples), f"{r.cpu_s / max(r.samples, 1):.2f}",
                      f"{r.peak_rss_mb:.0f}", verdict)  # fmt: skip
    Console().print(table)
    width = shutil.get_terminal_size().columns
    for r in reports:
        for err in r.errors[1:4]:
            Console(stderr=True).print(f"  {r.generator}: {err}"[:width], highlight=False)
