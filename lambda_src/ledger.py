"""The ledger of a job: what was asked (job record), what is done (manifests), what failed
(failure records), and what is therefore missing or duplicated.

    ledger = load_ledger(store, "job-123")            # prefix defaults to "questions"
    for gid, g in ledger.generators.items():
        print(gid, g.present, g.missing, [f.error for f in g.failed], g.duplicates)
    ledger.complete                                   # every expected sample is present

Ranges are `layout.Range(start, stop)` with `stop` exclusive, merged and sorted.
`missing_shards()` splits the missing ranges on the job's shard grid, which is what a
resubmission sends (same seed and params as the job record). Unreadable records do not
stop the ledger; they are listed in `problems`.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .layout import (
    DEFAULT_PREFIX,
    InvalidKey,
    Range,
    failures_prefix,
    job_key,
    manifests_prefix,
    parse_failure_key,
    parse_manifest_key,
)
from .records import FailureRecord, JobRecord, Manifest, RecordError
from .stores import NotFound, Store

READ_THREADS = 16  # concurrent record reads when loading a ledger

# --- range arithmetic -------------------------------------------------------------------


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[Range]:
    """Sorted, non-overlapping ranges covering the same indices (adjacent ones joined)."""
    out: list[Range] = []
    for start, stop in sorted((int(a), int(b)) for a, b in ranges if b > a):
        if out and start <= out[-1].stop:
            if stop > out[-1].stop:
                out[-1] = Range(out[-1].start, stop)
        else:
            out.append(Range(start, stop))
    return out


def subtract_ranges(
    ranges: Iterable[tuple[int, int]], minus: Iterable[tuple[int, int]]
) -> list[Range]:
    """Indices in `ranges` that are not in `minus`, as merged ranges."""
    cut = merge_ranges(minus)
    out: list[Range] = []
    for start, stop in merge_ranges(ranges):
        pos = start
        for a, b in cut:
            if b <= pos or a >= stop:
                continue
            if a > pos:
                out.append(Range(pos, a))
            pos = max(pos, b)
            if pos >= stop:
                break
        if pos < stop:
            out.append(Range(pos, stop))
    return out


def covers(ranges: Iterable[tuple[int, int]], start: int, stop: int) -> bool:
    """Whether the ranges cover every index of `[start, stop)`."""
    return not subtract_ranges([(start, stop)], ranges)


def count(ranges: Iterable[tuple[int, int]]) -> int:
    return sum(b - a for a, b in merge_ranges(ranges))


def split_range(start: int, stop: int, size: int, origin: int = 0) -> list[Range]:
    """`[start, stop)` cut at every `origin + k * size` (the shard grid)."""
    if size < 1:
        raise ValueError("size must be >= 1")
    out = []
    pos = start
    while pos < stop:
        nxt = origin + ((pos - origin) // size + 1) * size
        out.append(Range(pos, min(nxt, stop)))
        pos = out[-1].stop
    return out


# --- the ledger ---------------------------------------------------------------------------


@dataclass
class FailedRange:
    """A shard that failed and is not (fully) covered by a manifest since."""

    range: Range
    attempts: int  # failure records seen for this range
    permanent: bool  # of the last attempt
    error_type: str
    error: str
    failed_at: str
    key: str  # the last attempt's failure record

    def to_dict(self) -> dict:
        return {"start": self.range.start, "stop": self.range.stop, "attempts": self.attempts,
                "permanent": self.permanent, "error_type": self.error_type, "error": self.error,
                "failed_at": self.failed_at, "key": self.key}  # fmt: skip


@dataclass
class GeneratorLedger:
    generator: str
    expected: list[Range] = field(default_factory=list)  # empty when no job record says
    shard_size: int | None = None
    shard_origin: int = 0
    present: list[Range] = field(default_factory=list)
    failed: list[FailedRange] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # param_hash -> sample ids
    manifests: list[str] = field(default_factory=list)
    samples: int = 0  # distinct sample indices present
    bytes: int = 0

    @property
    def missing(self) -> list[Range]:
        return subtract_ranges(self.expected, self.present)

    @property
    def expected_samples(self) -> int:
        return count(self.expected)

    @property
    def complete(self) -> bool:
        return bool(self.expected) and not self.missing

    def missing_shards(self) -> list[Range]:
        """The missing ranges cut on the job's shard grid (one message each)."""
        if not self.shard_size:
            return list(self.missing)
        return [
            piece
            for r in self.missing
            for piece in split_range(r.start, r.stop, self.shard_size, self.shard_origin)
        ]

    def to_dict(self) -> dict:
        return {
            "generator": self.generator,
            "expected": [list(r) for r in self.expected],
            "expected_samples": self.expected_samples,
            "present": [list(r) for r in self.present],
            "samples": self.samples,
            "missing": [list(r) for r in self.missing],
            "failed": [f.to_dict() for f in self.failed],
            "duplicates": self.duplicates,
            "manifests": len(self.manifests),
            "bytes": self.bytes,
            "complete": self.complete,
        }


@dataclass
class Ledger:
    job_id: str
    prefix: str
    job: JobRecord | None
    generators: dict[str, GeneratorLedger]
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every generator of the job record is fully present (False without a record)."""
        return self.job is not None and all(
            self.generators[g].complete for g in self.job.generators if g in self.generators
        )

    def to_dict(self) -> dict:
        return {
            "job_id": self.job_id,
            "prefix": self.prefix,
            "job": self.job.to_dict() if self.job else None,
            "complete": self.complete,
            "generators": {g: gl.to_dict() for g, gl in self.generators.items()},
            "problems": self.problems,
        }


def build_ledger(
    job_id: str,
    job: JobRecord | None,
    manifests: Iterable[tuple[str, Manifest]],
    failures: Iterable[tuple[str, FailureRecord]],
    prefix: str = DEFAULT_PREFIX,
    problems: list[str] | None = None,
) -> Ledger:
    """A ledger from records already read: `(key, record)` pairs."""
    gens: dict[str, GeneratorLedger] = {}

    def of(gid: str) -> GeneratorLedger:
        return gens.setdefault(gid, GeneratorLedger(gid))

    if job is not None:
        for gid, plan in job.generators.items():
            g = of(gid)
            g.expected = merge_ranges([(plan.start_index, plan.stop_index)])
            g.shard_size = plan.shard_size
            g.shard_origin = plan.start_index

    by_hash: dict[str, dict[str, set[str]]] = {}
    seen: dict[str, set[int]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for key, m in manifests:
        g = of(m.generator)
        g.manifests.append(key)
        spans.setdefault(m.generator, []).append((m.start_index, m.stop_index))
        g.bytes += m.bytes
        indices = seen.setdefault(m.generator, set())
        for s in m.samples:
            if s.index not in indices:
                indices.add(s.index)
                g.samples += 1
            by_hash.setdefault(m.generator, {}).setdefault(s.param_hash, set()).add(s.sample_id)
    for gid, found in spans.items():
        gens[gid].present = merge_ranges(found)
    for gid, hashes in by_hash.items():
        gens[gid].duplicates = {h: sorted(ids) for h, ids in sorted(hashes.items()) if len(ids) > 1}

    grouped: dict[tuple[str, Range], list[tuple[str, FailureRecord]]] = {}
    for key, f in failures:
        grouped.setdefault((f.generator, Range(f.start_index, f.stop_index)), []).append((key, f))
    for (gid, rng), recs in sorted(grouped.items()):
        g = of(gid)
        if covers(g.present, rng.start, rng.stop):
            continue  # a later attempt or a resubmission succeeded
        key, last = max(recs, key=lambda kr: (kr[1].attempt, kr[1].failed_at))
        g.failed.append(FailedRange(rng, len(recs), last.permanent, last.error_type,
                                    last.error, last.failed_at, key))  # fmt: skip
    return Ledger(job_id, prefix, job, gens, list(problems or []))


def load_ledger(store: Store, job_id: str, prefix: str = DEFAULT_PREFIX) -> Ledger:
    """Read a job's record, manifests and failure records from a store."""
    problems: list[str] = []
    job = None
    try:
        job = JobRecord.from_json(store.get_bytes(job_key(prefix, job_id)))
    except NotFound:
        problems.append(f"no job record at {job_key(prefix, job_id)}")
    except RecordError as e:
        problems.append(f"{job_key(prefix, job_id)}: {e}")

    def is_record(key: str, parse_key) -> bool:
        try:
            parse_key(key)
            return True
        except InvalidKey:
            return False  # not a record (e.g. a stray file)

    def fetch(key: str, cls):
        try:
            return key, cls.from_json(store.get_bytes(key))
        except (RecordError, NotFound) as e:
            problems.append(f"{key}: {e}")
            return None

    def read(list_prefix: str, parse_key, cls):
        # A million-sample job has ~20,000 manifests: read them concurrently, not one GET
        # at a time (the stores are thread-safe; order is kept).
        keys = [k for k in store.list_keys(list_prefix) if is_record(k, parse_key)]
        with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
            return [r for r in pool.map(lambda k: fetch(k, cls), keys) if r is not None]

    manifests = read(manifests_prefix(prefix, job_id), parse_manifest_key, Manifest)
    failures = read(failures_prefix(prefix, job_id), parse_failure_key, FailureRecord)
    return build_ledger(job_id, job, manifests, failures, prefix, problems)


def covered_until(
    store: Store,
    prefix: str,
    job_id: str,
    generator: str,
    start: int,
    stop: int,
    *,
    seed: int,
    params: dict,
    output_format: str,
) -> int:
    """How far `[start, stop)` is already done: the first index from `start` on that no
    chain of manifests with these settings covers (`stop` when all is done).

    Follows manifests that begin exactly where the covered part ends (a shard, or the
    pieces a deadline split it into), one narrow listing per piece."""
    pos = start
    base = manifests_prefix(prefix, job_id, generator)
    while pos < stop:
        best = None
        for key in store.list_keys(f"{base}{pos:08d}-"):
            try:
                r = parse_manifest_key(key).range
            except InvalidKey:
                continue
            if r.start != pos or (best is not None and r.stop <= best):
                continue
            try:
                m = Manifest.from_json(store.get_bytes(key))
            except (RecordError, NotFound):
                continue
            if m.covers(seed, params, output_format) and m.stop_index == r.stop:
                best = r.stop
        if best is None:
            break
        pos = best
    return min(pos, stop)
