"""Jobs: plan (with a cost estimate), submit, the ledger (status), resubmit exactly what
is missing, list jobs.

    config = resolve(...)                 # backends.config
    aws = Aws(config)                     # backends.aws
    store = open_store(config, aws)
    plan = plan_job(["O-48_sudoku"], 1000, params=["image_size=512"])
    result = submit(aws, config, store, plan, on_progress=bar.advance)
    ledger = job_status(store, result.job_id)
    resubmit_missing(aws, config, store, result.job_id)

(Syncing results to a folder is in `backends.sync`.)

The samples are pure functions of (generator, seed, index, params), so a resubmitted range
gives the same bytes as the original would have, whatever its shard size.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lambda_src import layout
from lambda_src.ledger import (
    Damage,
    Holding,
    Ledger,
    conflicts,
    first_free,
    holdings,
    load_ledger,
    merge_ranges,
    split_range,
    subtract_ranges,
    verify,
)
from lambda_src.records import JobRecord, RecordError
from lambda_src.stores import AlreadyExists, LocalStore, S3Store, Store, StoreError
from lambda_src.stores import NotFound as StoreNotFound

from .aws import Aws
from .config import DEFAULT_PREFIX, Config
from .errors import BackendError, ConfigError, InvalidRequest, NotFound, translate
from .pricing import CostEstimate, estimate

MAX_SEED = 2**63 - 1
MAX_SHARD = 1000
FORMATS = ("files", "tar")


# --- stores -------------------------------------------------------------------------


def open_store(config: Config, aws: Aws | None = None) -> Store:
    """The results store of a configuration: its folder store, else its bucket."""
    config.require_storage()
    if config.store:
        return LocalStore(config.store)
    aws = aws or Aws(config)
    return S3Store(config.bucket, client=aws.s3)


@contextlib.contextmanager
def store_errors(action: str) -> Iterator[None]:
    """Re-raise store failures as BackendErrors (the boto3 cause decides which)."""
    try:
        yield
    except StoreNotFound as e:
        raise NotFound(f"{action}: {e}") from e
    except StoreError as e:
        cause = e.__cause__
        translated = translate(cause, action) if cause is not None else None
        raise (translated or BackendError(f"{action}: {e}")) from e
    except layout.InvalidKey as e:
        raise InvalidRequest(f"{action}: {e}") from e


def default_prefix(env=None) -> str:
    env = os.environ if env is None else env
    return env.get("OUTPUT_PREFIX") or DEFAULT_PREFIX


# --- plan -------------------------------------------------------------------------------


@dataclass
class GeneratorRequest:
    generator: str
    samples: int
    start_index: int
    shard_size: int
    params: dict  # resolved: every declared param
    memory: str = "low"
    instances: int = 0
    version: int | None = None  # the generator's version


@dataclass
class Shard:
    generator: str
    start: int
    stop: int
    body: str

    @property
    def samples(self) -> int:
        return self.stop - self.start


@dataclass
class JobPlan:
    job_id: str
    seed: int
    seed_chosen: bool  # True when no seed was given and one was drawn
    output_format: str
    output_bucket: str | None
    output_prefix: str
    generators: dict[str, GeneratorRequest]
    shards: list[Shard]
    warnings: list[str] = field(default_factory=list)

    @property
    def samples(self) -> int:
        return sum(s.samples for s in self.shards)

    def record(self) -> JobRecord:
        from generators.sample import CODE_VERSION
        from lambda_src.records import GeneratorPlan

        return JobRecord(
            job_id=self.job_id,
            seed=self.seed,
            generators={
                g.generator: GeneratorPlan(
                    g.samples, g.start_index, g.shard_size, g.params, g.version
                )
                for g in self.generators.values()
            },
            output_format=self.output_format,
            output_bucket=self.output_bucket,
            output_prefix=self.output_prefix,
            code_version=CODE_VERSION,
            messages=len(self.shards),
        )

    def estimate(self) -> CostEstimate:
        shards = [(s.generator, s.samples, self.generators[s.generator].params)
                  for s in self.shards]  # fmt: skip
        return estimate(shards, self.output_format)

    def as_dict(self) -> dict:
        return {
            "job_id": self.job_id,
            "seed": self.seed,
            "seed_chosen": self.seed_chosen,
            "output_format": self.output_format,
            "output_bucket": self.output_bucket,
            "output_prefix": self.output_prefix,
            "samples": self.samples,
            "messages": len(self.shards),
            "generators": {
                gid: {
                    "samples": g.samples,
                    "start_index": g.start_index,
                    "shard_size": g.shard_size,
                    "params": g.params,
                    "messages": sum(1 for s in self.shards if s.generator == gid),
                }
                for gid, g in self.generators.items()
            },
            "warnings": self.warnings,
            "estimate": self.estimate().as_dict(),
        }


def new_job_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


def task_body(
    generator: str,
    start: int,
    num_samples: int,
    *,
    seed: int,
    output_format: str,
    output_bucket: str | None,
    output_prefix: str,
    job_id: str,
    params: dict,
) -> str:
    """A task message body (DESIGN.md's table), every field explicit."""
    return json.dumps(
        {"type": generator, "num_samples": num_samples, "start_index": start, "seed": seed,
         "output_format": output_format, "output_bucket": output_bucket,
         "output_prefix": output_prefix, "job_id": job_id, "params": params},
        sort_keys=True, separators=(",", ":"),
    )  # fmt: skip


def _scoped_params(items: Sequence[str]) -> list[tuple[str | None, str]]:
    """`k=v` (every generator declaring k) or `GEN:k=v` (that generator only)."""
    out = []
    for item in items:
        name, sep, _ = item.partition("=")
        if not sep or not name.strip():
            raise InvalidRequest(
                f"param must be written name=value or GEN:name=value, got {item!r}"
            )
        scope, colon, rest = item.partition(":")
        if colon and "=" not in scope:
            out.append((scope.strip(), rest))
        else:
            out.append((None, item))
    return out


def _chosen_specs(names: Sequence[str]) -> list:
    """The specs of the named generators; `faculty:NAME` names every generator of a faculty."""
    from generators import get_spec
    from generators.registry import FACULTIES, all_specs

    specs = []
    for name in names:
        kind, sep, value = name.partition(":")
        if sep and kind == "faculty":
            if value not in FACULTIES:
                raise InvalidRequest(f"unknown faculty {value!r}; one of {', '.join(FACULTIES)}")
            specs += [s for s in all_specs() if s.faculty == value]
        else:
            specs.append(get_spec(name))
    return specs


def plan_job(
    generators: Sequence[str],
    samples: int,
    *,
    batch_size: int | None = None,
    seed: int | None = None,
    output_format: str = "tar",
    output_bucket: str | None = None,
    output_prefix: str | None = None,
    params: Sequence[str] = (),
    start_index: int = 0,
    job_id: str | None = None,
) -> JobPlan:
    """Validate everything and cut the job into shards; nothing is sent or written.

    `generators` holds names in any lookup form, `faculty:NAME`, or `["all"]`. `params` are `k=v`
    strings (applied to every chosen generator declaring `k`) or `GEN:k=v`.
    """
    from generators import ParamError, UnknownGenerator, lookup
    from generators.params import parse_assignments

    if not generators:
        raise InvalidRequest("no generator given (name one, several, or `all`)")
    if not isinstance(samples, int) or samples < 1:
        raise InvalidRequest(f"--samples must be at least 1, got {samples}")
    if batch_size is not None and not 1 <= batch_size <= MAX_SHARD:
        raise InvalidRequest(f"--batch-size must be in 1..{MAX_SHARD}, got {batch_size}")
    if seed is not None and not 0 <= seed <= MAX_SEED:
        raise InvalidRequest("--seed must be in 0..2^63-1")
    if output_format not in FORMATS:
        raise InvalidRequest(f"--output-format must be files or tar, got {output_format!r}")
    if start_index < 0:
        raise InvalidRequest(f"--start-index must be >= 0, got {start_index}")
    if start_index + samples >= layout.MAX_INDEX:
        raise InvalidRequest(f"sample indices must stay below {layout.MAX_INDEX}")
    prefix = output_prefix if output_prefix is not None else default_prefix()
    try:
        prefix = layout.validate_prefix(prefix)
        job_id = layout.validate_job_id(job_id) if job_id else new_job_id()
    except layout.InvalidKey as e:
        raise InvalidRequest(str(e)) from None

    warnings: list[str] = []
    if list(generators) == ["all"]:  # what loads; a broken extra module is one warning
        from generators.registry import all_specs, broken_modules

        specs = all_specs()
        warnings += [f"left out {gid}: {error}" for gid, error in broken_modules().items()]
    else:
        try:
            specs = list({spec.id: spec for spec in _chosen_specs(generators)}.values())
        except UnknownGenerator as e:
            raise InvalidRequest(str(e)) from None
        except Exception as e:  # a generator module that does not import
            raise InvalidRequest(f"a generator cannot be loaded: {type(e).__name__}: {e}") from None

    scoped = _scoped_params(params)
    resolved_scopes: list[tuple[str | None, str]] = []
    for scope, kv in scoped:
        if scope is None:
            resolved_scopes.append((None, kv))
            continue
        try:
            gid = lookup(scope)
        except UnknownGenerator as e:
            raise InvalidRequest(f"param {scope}:{kv}: {e}") from None
        if gid not in {s.id for s in specs}:
            raise InvalidRequest(f"param {scope}:{kv} names {gid}, which is not being submitted")
        resolved_scopes.append((gid, kv))

    used: set[int] = set()
    requests: dict[str, GeneratorRequest] = {}
    for spec in specs:
        declared = {p.name for p in spec.params}
        mine = []
        for i, (scope, kv) in enumerate(resolved_scopes):
            key = kv.partition("=")[0].strip()
            if scope == spec.id or (scope is None and key in declared):
                mine.append(kv)
                used.add(i)
        try:
            resolved = spec.resolve_params(parse_assignments(spec.params, mine))
        except ParamError as e:
            raise InvalidRequest(f"{spec.id}: {e}") from None
        shard = batch_size or spec.shard_size
        requests[spec.id] = GeneratorRequest(spec.id, samples, start_index, shard, resolved,
                                             spec.memory, spec.instances, spec.version)  # fmt: skip
        if samples > spec.instances:
            warnings.append(
                f"{spec.id} can produce about {spec.instances} distinct instances; "
                f"{samples} samples will repeat some (see `duplicates` in `vmwheel status`)"
            )
    unused = [kv for i, (scope, kv) in enumerate(resolved_scopes) if i not in used]
    if unused:
        raise InvalidRequest(f"param {unused[0]!r} is not declared by any chosen generator")

    if seed is None:
        seed, chosen = secrets.randbelow(2**32), True
    else:
        chosen = False
    shards = []
    for req in requests.values():
        for r in split_range(start_index, start_index + samples, req.shard_size, start_index):
            body = task_body(req.generator, r.start, r.size, seed=seed,
                             output_format=output_format, output_bucket=output_bucket,
                             output_prefix=prefix, job_id=job_id, params=req.params)  # fmt: skip
            shards.append(Shard(req.generator, r.start, r.stop, body))
    return JobPlan(job_id, seed, chosen, output_format, output_bucket, prefix, requests,
                   shards, warnings)  # fmt: skip


# --- submit ---------------------------------------------------------------------------


@dataclass
class SubmitResult:
    job_id: str
    seed: int
    messages: int
    samples: int
    sent: int
    failed: list[dict] = field(default_factory=list)  # {generator, start, stop, error}
    seconds: float = 0.0
    retries: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed and self.sent == self.messages

    @property
    def rate(self) -> float:
        return self.sent / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict:
        return {"job_id": self.job_id, "seed": self.seed, "messages": self.messages,
                "samples": self.samples, "sent": self.sent, "failed": self.failed,
                "seconds": round(self.seconds, 3), "messages_per_s": round(self.rate, 1),
                "retries": self.retries, "ok": self.ok}  # fmt: skip


def write_job_record(store: Store, plan: JobPlan) -> str:
    key = layout.job_key(plan.output_prefix, plan.job_id)
    with store_errors(f"writing the job record {key}"):
        try:
            store.create_bytes(key, plan.record().to_json())
        except AlreadyExists:
            raise InvalidRequest(f"job {plan.job_id} already exists at {key}") from None
    return key


def _difference(h: Holding, req: GeneratorRequest, seed: int) -> str:
    if h.seed != seed:
        return f"seed {h.seed}"
    if (
        h.generator_version is not None
        and req.version is not None
        and (h.generator_version != req.version)
    ):
        return f"seed {h.seed}, generator version {h.generator_version}"
    return f"seed {h.seed} with other params"


def check_prefix(store: Store, plan: JobPlan) -> None:
    """Refuse (one line) a plan whose indices another job holds in the prefix with another
    seed, other params or another generator version: its keys hold other bytes, which
    the new job would have to overwrite. Jobs with the same seed and params make the
    same bytes and are welcome. The line names the job, its seed and the free range."""
    found: list[tuple[GeneratorRequest, Holding, list]] = []
    taken: list[tuple[int, int]] = []
    with store_errors(f"reading what prefix {plan.output_prefix} holds"):
        held_by = holdings(store, plan.output_prefix, list(plan.generators))
        for req in plan.generators.values():
            held = held_by[req.generator]
            wanted = [(req.start_index, req.start_index + req.samples)]
            for h, overlap in conflicts(held, wanted, seed=plan.seed, params=req.params,
                                        generator_version=req.version,
                                        exclude_job=plan.job_id):  # fmt: skip
                found.append((req, h, overlap))
            everywhere = [(0, layout.MAX_INDEX)]
            for h, _ in conflicts(held, everywhere, seed=plan.seed, params=req.params,
                                  generator_version=req.version, exclude_job=plan.job_id):  # fmt: skip
                taken += h.ranges
    if not found:
        return
    req, h, overlap = found[0]
    free = first_free(req.start_index, req.samples, taken)
    spans = ", ".join(f"{a}-{b}" for a, b in overlap[:3])
    more = f" (and {len(found) - 1} more conflicts)" if len(found) > 1 else ""
    raise InvalidRequest(
        f"prefix {plan.output_prefix} already holds {req.generator} {spans} of job "
        f"{h.job_id} ({_difference(h, req, plan.seed)}){more}; those keys hold other bytes. "
        f"Indices {free}-{free + req.samples} are free (--start-index {free}), or use another "
        f"--prefix, or --seed {h.seed} with the same params to extend that job's samples"
    )


def send_shards(
    aws: Aws,
    queue_url: str,
    shards: Sequence[Shard],
    job_id: str,
    seed: int,
    *,
    threads: int = 8,
    on_progress: Callable[[int], None] | None = None,
) -> SubmitResult:
    report = aws.send_bodies(queue_url, [s.body for s in shards], threads=threads,
                             on_progress=on_progress)  # fmt: skip
    failed = [{"generator": shards[i].generator, "start": shards[i].start,
               "stop": shards[i].stop, "error": err} for i, err in report.failed]  # fmt: skip
    return SubmitResult(job_id, seed, len(shards), sum(s.samples for s in shards), report.sent,
                        failed, report.seconds, report.retries)  # fmt: skip


def submit(
    aws: Aws,
    config: Config,
    store: Store,
    plan: JobPlan,
    *,
    threads: int = 8,
    on_progress: Callable[[int], None] | None = None,
) -> SubmitResult:
    """Check the queue answers and the prefix has room (no other job's bytes at these
    indices), write the job record, then send every shard."""
    queue = config.require_queue()
    aws.check_queue(queue)
    check_prefix(store, plan)
    write_job_record(store, plan)
    return send_shards(aws, queue, plan.shards, plan.job_id, plan.seed, threads=threads,
                       on_progress=on_progress)  # fmt: skip


# --- ledger ---------------------------------------------------------------------------


def find_prefixes(store: Store, max_depth: int = 4) -> list[str]:
    """Prefixes of the store that hold a `_jobs/` folder (job records)."""
    found: list[str] = []
    skip = re.compile(r"^([OG]-\d+_[a-z0-9_]+|_.*|\..*)$")
    if isinstance(store, LocalStore):
        root = store.root
        if not root.is_dir():
            return []
        stack = [(root, 0)]
        while stack:
            folder, depth = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for e in entries:
                if not e.is_dir(follow_symlinks=False):
                    continue
                if e.name == layout.JOBS and folder != root:
                    found.append(Path(folder).relative_to(root).as_posix())
                elif not skip.match(e.name) and depth < max_depth:
                    stack.append((Path(e.path), depth + 1))
        return sorted(found)
    if isinstance(store, S3Store):

        def walk(prefix: str, depth: int) -> None:
            paginator = store.client.get_paginator("list_objects_v2")
            for page in paginator.paginate(Bucket=store.bucket, Prefix=prefix, Delimiter="/"):
                for cp in page.get("CommonPrefixes", []):
                    name = cp["Prefix"][len(prefix) :].rstrip("/")
                    if name == layout.JOBS and prefix:
                        found.append(prefix.rstrip("/"))
                    elif not skip.match(name) and depth < max_depth:
                        walk(cp["Prefix"], depth + 1)

        from .errors import aws_errors

        with aws_errors(f"listing {store.url}"):
            walk("", 0)
        return sorted(found)
    return [DEFAULT_PREFIX]


def find_job(store: Store, job_id: str, prefix: str | None = None) -> str:
    """The prefix holding job `job_id` (its record or its manifests)."""
    try:
        layout.validate_job_id(job_id)
    except layout.InvalidKey as e:
        raise InvalidRequest(str(e)) from None
    candidates = [prefix] if prefix else [default_prefix()]
    with store_errors(f"looking for job {job_id}"):
        for p in candidates:
            if store.exists(layout.job_key(p, job_id)):
                return p
            if next(iter(store.list_keys(layout.manifests_prefix(p, job_id))), None):
                return p
        if prefix is None:
            for p in find_prefixes(store):
                if p not in candidates and store.exists(layout.job_key(p, job_id)):
                    return p
    where = f"under prefix {prefix!r}" if prefix else "in any prefix"
    raise NotFound(f"no job {job_id} {where} of {store.url} (see `vmwheel jobs`)")


def job_status(store: Store, job_id: str, prefix: str | None = None) -> Ledger:
    """The ledger of a job: expected, present, missing, failed and duplicated samples."""
    prefix = find_job(store, job_id, prefix)
    with store_errors(f"reading the ledger of job {job_id}"):
        return load_ledger(store, job_id, prefix)


def verify_job(
    store: Store, ledger: Ledger, on_progress: Callable[[int], None] | None = None
) -> list[Damage]:
    """Every object the job's manifests list, read and hashed: the damaged ones."""
    with store_errors(f"verifying job {ledger.job_id}"):
        return verify(store, ledger, on_progress)


def status_rows(ledger: Ledger) -> list[dict]:
    """One JSON-ready object per generator: expected, present, missing, failed (and the
    indices that fail permanently), duplicates."""
    rows = []
    for gid, g in ledger.generators.items():
        rows.append({
            "generator": gid,
            "expected": g.expected_samples,
            "present": g.samples,
            "missing": [[r.start, r.stop] for r in g.missing],
            "missing_samples": sum(r.size for r in g.missing),
            "failing": [[r.start, r.stop] for r in g.failing],
            "failed": [f.to_dict() for f in g.failed],
            "duplicates": g.duplicates,
            "manifests": len(g.manifests),
            "bytes": g.bytes,
            "complete": g.complete,
        })  # fmt: skip
    return rows


# --- resubmit -------------------------------------------------------------------------


def missing_shards(
    ledger: Ledger, batch_size: int | None = None, include_failed: bool = False
) -> list[Shard]:
    """Messages for exactly the missing ranges, with the job's seed, params and format;
    the indices that fail permanently are left out unless `include_failed`."""
    job = ledger.job
    if job is None:
        raise NotFound(f"job {ledger.job_id} has no job record; cannot tell what is missing")
    if batch_size is not None and not 1 <= batch_size <= MAX_SHARD:
        raise InvalidRequest(f"--batch-size must be in 1..{MAX_SHARD}, got {batch_size}")
    shards = []
    for gid, plan in job.generators.items():
        g = ledger.generators[gid]
        todo = g.missing if include_failed else subtract_ranges(g.missing, g.failing)
        for r in todo:
            size = batch_size or plan.shard_size or 50
            for piece in split_range(r.start, r.stop, min(size, MAX_SHARD), plan.start_index):
                body = task_body(gid, piece.start, piece.size, seed=job.seed,
                                 output_format=job.output_format, output_bucket=job.output_bucket,
                                 output_prefix=job.output_prefix, job_id=job.job_id,
                                 params=plan.params)  # fmt: skip
                shards.append(Shard(gid, piece.start, piece.stop, body))
    return shards


def resubmit_missing(
    aws: Aws,
    config: Config,
    store: Store,
    job_id: str,
    *,
    prefix: str | None = None,
    batch_size: int | None = None,
    force: bool = False,
    dry_run: bool = False,
    include_failed: bool = False,
    threads: int = 8,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[list[Shard], SubmitResult | None]:
    """Send the missing ranges of a job (without the indices that fail permanently,
    unless `include_failed`). Refuses while the task queue still holds messages (they may
    be the very ranges that look missing) unless `force`."""
    queue = config.require_queue()
    ledger = job_status(store, job_id, prefix)
    shards = missing_shards(ledger, batch_size, include_failed)
    if dry_run or not shards:
        return shards, None
    counts = aws.queue_counts(queue)
    if counts.visible + counts.in_flight + counts.delayed and not force:
        raise InvalidRequest(
            f"the task queue still holds {counts.total} messages (visible {counts.visible}, "
            f"in flight {counts.in_flight}, delayed {counts.delayed}); wait for them to finish "
            "or pass --force (ranges still queued would be generated twice)"
        )
    job = ledger.job
    return shards, send_shards(aws, queue, shards, job.job_id, job.seed, threads=threads,
                               on_progress=on_progress)  # fmt: skip


# --- listing --------------------------------------------------------------------------


@dataclass
class JobSummary:
    job_id: str
    prefix: str
    created: str
    seed: int
    output_format: str
    generators: list[str]
    samples: int
    messages: int
    present: int | None = None  # samples covered by manifests (from their keys)
    problem: str = ""

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def list_jobs(store: Store, prefix: str | None = None, progress: bool = True) -> list[JobSummary]:
    """Every job record in the store (under `prefix`, or every prefix that has jobs)."""
    out = []
    with store_errors(f"listing jobs in {store.url}"):
        prefixes = [layout.validate_prefix(prefix)] if prefix else find_prefixes(store)
        for p in prefixes:
            for key in store.list_keys(layout.jobs_prefix(p)):
                if not key.endswith(".json"):
                    continue
                try:
                    job = JobRecord.from_json(store.get_bytes(key))
                except (RecordError, StoreNotFound) as e:
                    out.append(JobSummary(Path(key).stem, p, "", 0, "", [], 0, 0, None, str(e)))
                    continue
                summary = JobSummary(
                    job.job_id, p, job.created, job.seed, job.output_format,
                    list(job.generators), sum(g.samples for g in job.generators.values()),
                    job.messages,
                )  # fmt: skip
                if progress:
                    summary.present = manifest_coverage(store, p, job)
                out.append(summary)
    return sorted(out, key=lambda j: (j.created, j.job_id))


def manifest_coverage(store: Store, prefix: str, job: JobRecord) -> int:
    """Samples of the job's expected ranges covered by manifests, from the keys alone."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for key in store.list_keys(layout.manifests_prefix(prefix, job.job_id)):
        try:
            mk = layout.parse_manifest_key(key)
        except layout.InvalidKey:
            continue
        spans.setdefault(mk.generator, []).append(tuple(mk.range))
    total = 0
    for gid, plan in job.generators.items():
        lo, hi = plan.start_index, plan.stop_index
        for a, b in merge_ranges(spans.get(gid, [])):
            total += max(0, min(b, hi) - max(a, lo))
    return total


def check_store_writable(store: Store) -> None:
    """For a folder store: fail now, with one line, if it cannot be written."""
    if isinstance(store, LocalStore):
        try:
            store.root.mkdir(parents=True, exist_ok=True)
            probe = store.root / f".write-test-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            raise ConfigError(
                f"cannot write to the store {store.root}: {e.strerror or e}"
            ) from None


def wait_complete(
    store: Store, job_id: str, timeout: float, prefix: str | None = None, interval: float = 1.0
) -> Ledger:
    """Poll the ledger until the job is complete or `timeout` seconds pass (for scripts)."""
    end = time.monotonic() + timeout
    while True:
        ledger = job_status(store, job_id, prefix)
        if ledger.complete or time.monotonic() >= end:
            return ledger
        time.sleep(interval)
