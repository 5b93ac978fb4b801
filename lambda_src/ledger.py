"""The ledger of a job: what was asked (job record), what is done (manifests), what failed
(failure records, and attempts that were killed), and what is therefore missing,
permanently failing or duplicated.

    ledger = load_ledger(store, "job-123")            # prefix defaults to "questions"
    for gid, g in ledger.generators.items():
        print(gid, g.present, g.missing, g.failing, [f.error for f in g.failed])
    ledger.complete                                   # every expected sample is present
    verify(store, ledger)                             # objects against manifests: damage

Ranges are `layout.Range(start, stop)` with `stop` exclusive, merged and sorted.
`missing_shards()` splits the missing ranges on the job's shard grid, which is what a
resubmission sends (same seed and params as the job record); it leaves out the indices
that fail permanently unless asked. Unreadable records do not stop the ledger; they are
listed in `problems`.

The worker asks the ledger two more things: `covered_ranges` (what of a range is really
done: manifests made by this very code with these settings, whose objects exist with the
listed sizes) and `holders` (which jobs hold which indices of a generator under a prefix,
with which seed and params: who owns a key).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .layout import (
    DEFAULT_PREFIX,
    MANIFESTS,
    InvalidKey,
    Range,
    attempts_prefix,
    failures_prefix,
    job_key,
    jobs_prefix,
    manifests_prefix,
    parse_attempt_key,
    parse_failure_key,
    parse_manifest_key,
    validate_prefix,
)
from .records import (
    AttemptRecord,
    FailureRecord,
    JobRecord,
    Manifest,
    RecordError,
    parse_time,
    same_params,
)
from .stores import NotFound, Store, StoreError

READ_THREADS = 16  # concurrent record reads when loading a ledger
MAX_MANIFEST_SPAN = 1000  # a manifest covers at most one message's samples
KILLED = "InvocationKilled"

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


def indices_ranges(indices: Iterable[int]) -> list[Range]:
    """Sorted indices as merged ranges."""
    return merge_ranges((i, i + 1) for i in indices)


# --- the ledger ---------------------------------------------------------------------------


@dataclass
class FailedRange:
    """A message's range that failed and is not (fully) covered by manifests since."""

    range: Range
    attempts: int  # failure records seen for this range (killed attempts included)
    permanent: bool  # of the last attempt
    error_type: str
    error: str
    failed_at: str
    key: str  # the last attempt's failure record ("" for a killed attempt: its attempt record)
    failed_indices: list[int] = field(default_factory=list)  # empty: the whole range

    def to_dict(self) -> dict:
        return {"start": self.range.start, "stop": self.range.stop, "attempts": self.attempts,
                "permanent": self.permanent, "error_type": self.error_type, "error": self.error,
                "failed_at": self.failed_at, "key": self.key,
                "failed_indices": self.failed_indices}  # fmt: skip


@dataclass
class GeneratorLedger:
    generator: str
    expected: list[Range] = field(default_factory=list)  # empty when no job record says
    shard_size: int | None = None
    shard_origin: int = 0
    present: list[Range] = field(default_factory=list)
    failed: list[FailedRange] = field(default_factory=list)
    failing: list[Range] = field(default_factory=list)  # absent, last failure permanent
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # param_hash -> sample ids
    manifests: list[str] = field(default_factory=list)
    samples: int = 0  # distinct sample indices present
    bytes: int = 0  # distinct objects: a key listed by two manifests counts once

    @property
    def missing(self) -> list[Range]:
        return subtract_ranges(self.expected, self.present)

    @property
    def expected_samples(self) -> int:
        return count(self.expected)

    @property
    def complete(self) -> bool:
        return bool(self.expected) and not self.missing

    def missing_shards(self, include_failing: bool = False) -> list[Range]:
        """The missing ranges cut on the job's shard grid (one message each), without the
        permanently failing indices unless `include_failing`."""
        todo = self.missing if include_failing else subtract_ranges(self.missing, self.failing)
        if not self.shard_size:
            return list(todo)
        return [
            piece
            for r in todo
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
            "failing": [list(r) for r in self.failing],
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
    records: list[tuple[str, Manifest]] = field(default_factory=list, repr=False)

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


def killed_failure(attempt: AttemptRecord) -> FailureRecord:
    """The failure record of an attempt that left no outcome: the invocation died before
    it could say anything. A timeout is recorded by the worker itself a few seconds before
    the limit, so what is left is an out-of-memory kill or another crash of the runtime."""
    where = f"; log stream {attempt.log_stream}" if attempt.log_stream else ""
    return FailureRecord(
        job_id=attempt.job_id, generator=attempt.generator, start_index=attempt.start_index,
        stop_index=attempt.stop_index, attempt=attempt.attempt, permanent=False,
        error_type=KILLED,
        error=f"killed: out of memory (or another crash of the invocation): attempt "
              f"{attempt.attempt} started at {attempt.started_at} and left no outcome "
              f"before its deadline {attempt.deadline_at}{where}",
        failed_at=attempt.deadline_at, token=attempt.token,
    )  # fmt: skip


def is_over(attempt: AttemptRecord, now: datetime | None = None) -> bool:
    deadline = parse_time(attempt.deadline_at)
    return deadline is not None and deadline <= (now or datetime.now(UTC))


def build_ledger(
    job_id: str,
    job: JobRecord | None,
    manifests: Iterable[tuple[str, Manifest]],
    failures: Iterable[tuple[str, FailureRecord]],
    prefix: str = DEFAULT_PREFIX,
    problems: list[str] | None = None,
    attempts: Iterable[tuple[str, AttemptRecord]] = (),
    now: datetime | None = None,
) -> Ledger:
    """A ledger from records already read: `(key, record)` pairs. An attempt record whose
    token no manifest or failure record carries, past its deadline, counts as a killed
    attempt (a failure of type InvocationKilled)."""
    gens: dict[str, GeneratorLedger] = {}
    manifests = list(manifests)
    failures = list(failures)

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
    sizes: dict[str, dict[str, int]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for key, m in manifests:
        g = of(m.generator)
        g.manifests.append(key)
        spans.setdefault(m.generator, []).append((m.start_index, m.stop_index))
        for obj, entry in m.objects(prefix):
            sizes.setdefault(m.generator, {}).setdefault(obj, entry.size)
        indices = seen.setdefault(m.generator, set())
        for s in m.samples:
            if s.index not in indices:
                indices.add(s.index)
                g.samples += 1
            by_hash.setdefault(m.generator, {}).setdefault(s.param_hash, set()).add(s.sample_id)
    for gid, found in spans.items():
        gens[gid].present = merge_ranges(found)
        gens[gid].bytes = sum(sizes.get(gid, {}).values())
    for gid, hashes in by_hash.items():
        gens[gid].duplicates = {h: sorted(ids) for h, ids in sorted(hashes.items()) if len(ids) > 1}

    ended = {f.token for _, f in failures if f.token} | {
        m.attempt_token for _, m in manifests if m.attempt_token
    }
    for key, a in attempts:
        if a.token not in ended and is_over(a, now):
            failures.append((key, killed_failure(a)))

    grouped: dict[tuple[str, Range], list[tuple[str, FailureRecord]]] = {}
    for key, f in failures:
        grouped.setdefault((f.generator, Range(f.start_index, f.stop_index)), []).append((key, f))
    failing: dict[str, list[tuple[int, int]]] = {}
    for (gid, rng), recs in sorted(grouped.items()):
        g = of(gid)
        if covers(g.present, rng.start, rng.stop):
            continue  # a later attempt or a resubmission succeeded
        key, last = max(recs, key=lambda kr: (kr[1].failed_at, kr[1].attempt))
        g.failed.append(FailedRange(rng, len(recs), last.permanent, last.error_type,
                                    last.error, last.failed_at, key,
                                    sorted(last.failed_indices)))  # fmt: skip
        if last.permanent:
            which = indices_ranges(last.failed_indices) if last.failed_indices else [rng]
            failing.setdefault(gid, []).extend(which)
    for gid, ranges in failing.items():
        gens[gid].failing = subtract_ranges(ranges, gens[gid].present)
    return Ledger(job_id, prefix, job, gens, list(problems or []), manifests)


def _read_all(store: Store, list_prefix: str, parse_key, cls, problems: list[str],
              keep: Callable[[object], bool] = lambda parsed: True) -> list:  # fmt: skip
    """Every record under a prefix whose key parses (and passes `keep`), read concurrently:
    a million-sample job has ~20,000 manifests, not to be read one GET at a time."""

    def parsed(key: str):
        try:
            return parse_key(key)
        except InvalidKey:
            return None  # not a record (e.g. a stray file)

    def fetch(key: str):
        try:
            return key, cls.from_json(store.get_bytes(key))
        except (RecordError, NotFound) as e:
            problems.append(f"{key}: {e}")
            return None

    keys = [k for k in store.list_keys(list_prefix) if (p := parsed(k)) is not None and keep(p)]
    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        return [r for r in pool.map(fetch, keys) if r is not None]


def load_ledger(store: Store, job_id: str, prefix: str = DEFAULT_PREFIX) -> Ledger:
    """Read a job's record, manifests, failure records and attempt records from a store
    (attempt records only of ranges the manifests leave incomplete)."""
    problems: list[str] = []
    job = None
    try:
        job = JobRecord.from_json(store.get_bytes(job_key(prefix, job_id)))
    except NotFound:
        problems.append(f"no job record at {job_key(prefix, job_id)}")
    except RecordError as e:
        problems.append(f"{job_key(prefix, job_id)}: {e}")

    manifests = _read_all(store, manifests_prefix(prefix, job_id), parse_manifest_key, Manifest,
                          problems)  # fmt: skip
    failures = _read_all(store, failures_prefix(prefix, job_id), parse_failure_key,
                         FailureRecord, problems)  # fmt: skip
    present: dict[str, list[Range]] = {}
    for _, m in manifests:
        present.setdefault(m.generator, []).append(Range(m.start_index, m.stop_index))
    present = {g: merge_ranges(r) for g, r in present.items()}

    def open_range(k) -> bool:
        return not covers(present.get(k.generator, []), k.range.start, k.range.stop)

    attempts = _read_all(store, attempts_prefix(prefix, job_id), parse_attempt_key,
                         AttemptRecord, problems, open_range)  # fmt: skip
    return build_ledger(job_id, job, manifests, failures, prefix, problems, attempts)


# --- what the worker asks ------------------------------------------------------------------


def covered_ranges(
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
    code_version: str,
    generator_version: int | None,
) -> list[Range]:
    """The parts of `[start, stop)` that are really done: covered by this job's manifests
    made by this code (same code and generator versions) with these settings, whose every
    object exists with the size the manifest lists. Overlapping manifests count (a range
    `[5, 15)` after `[0, 10)` is covered up to 10). One listing, from the first manifest
    that could reach `start` (a manifest spans at most 1000 samples)."""
    base = manifests_prefix(prefix, job_id, generator)
    after = f"{base}{max(0, start - MAX_MANIFEST_SPAN):08d}"
    found: list[tuple[str, Manifest]] = []
    for key in store.list_keys(base, start_after=after):
        try:
            r = parse_manifest_key(key).range
        except InvalidKey:
            continue
        if r.start >= stop:
            break
        if r.stop <= start:
            continue
        try:
            m = Manifest.from_json(store.get_bytes(key))
        except (RecordError, NotFound):
            continue
        made = m.made_by(seed, params, output_format, code_version, generator_version)
        if made and (m.start_index, m.stop_index) == tuple(r):
            found.append((key, m))
    intact = _intact(store, prefix, [m for _, m in found])
    ranges = [(max(m.start_index, start), min(m.stop_index, stop)) for m in intact]
    return merge_ranges(ranges)


def _intact(store: Store, prefix: str, manifests: list[Manifest]) -> list[Manifest]:
    """The manifests whose objects all exist with the listed sizes (HEADs, concurrently)."""
    if not manifests:
        return []

    def ok(m: Manifest) -> bool:
        try:
            return all(store.size(key) == f.size for key, f in m.objects(prefix))
        except NotFound:
            return False

    with ThreadPoolExecutor(max_workers=min(READ_THREADS, len(manifests))) as pool:
        return [m for m, good in zip(manifests, pool.map(ok, manifests)) if good]


@dataclass
class Holding:
    """Indices of one generator that a job holds under a prefix, and what makes its bytes."""

    job_id: str
    seed: int
    params: dict
    generator_version: int | None
    ranges: list[Range]
    recorded: bool = True  # from a job record (False: an ad-hoc job known by its manifests)

    def makes_same_bytes(self, seed: int, params: dict, generator_version: int | None) -> bool:
        versions = None in (self.generator_version, generator_version)
        return (
            self.seed == seed
            and same_params(self.params, params)
            and (versions or self.generator_version == generator_version)
        )

    def describe(self) -> str:
        return f"job {self.job_id} (seed {self.seed})"


def holders(store: Store, prefix: str, generator: str) -> list[Holding]:
    """Every job holding indices of `generator` under `prefix` (see `holdings`)."""
    return holdings(store, prefix, [generator])[generator]


def holdings(store: Store, prefix: str, generators: Iterable[str]) -> dict[str, list[Holding]]:
    """Per generator, every job holding its indices under `prefix`: the job records that ask
    for them (done or not), and jobs without a record (raw messages) by their manifests.
    The job records are read once, whatever the number of generators."""
    generators = list(generators)
    out: dict[str, list[Holding]] = {g: [] for g in generators}
    recorded: set[str] = set()
    problems: list[str] = []
    for _, job in _read_all(store, jobs_prefix(prefix), _job_key_id, JobRecord, problems):
        recorded.add(job.job_id)
        for generator in generators:
            plan = job.generators.get(generator)
            if plan is not None and plan.samples > 0:
                out[generator].append(Holding(job.job_id, job.seed, plan.params, plan.version,
                                              [Range(plan.start_index, plan.stop_index)]))  # fmt: skip
    adhoc = [j for j in store.list_folders(f"{validate_prefix(prefix)}/{MANIFESTS}/")
             if j not in recorded]  # fmt: skip
    for job_id in adhoc:
        for generator in generators:
            held = _adhoc_holding(store, prefix, job_id, generator)
            if held is not None:
                out[generator].append(held)
    return out


def _adhoc_holding(store: Store, prefix: str, job_id: str, generator: str) -> Holding | None:
    """What a job without a record holds of a generator: the ranges of its manifests, and
    the seed and params of the first one."""
    try:
        keys = [k for k in store.list_keys(manifests_prefix(prefix, job_id, generator))
                if _parses(k)]  # fmt: skip
    except InvalidKey:
        return None
    if not keys:
        return None
    try:
        m = Manifest.from_json(store.get_bytes(keys[0]))
    except (RecordError, NotFound):
        return None
    ranges = merge_ranges(parse_manifest_key(k).range for k in keys)
    return Holding(job_id, m.seed, m.params, m.generator_version, ranges, recorded=False)


def _parses(key: str) -> bool:
    try:
        parse_manifest_key(key)
        return True
    except InvalidKey:
        return False


def _job_key_id(key: str) -> str:
    name = key.rsplit("/", 1)[-1]
    if not name.endswith(".json") or "/_jobs/" not in key:
        raise InvalidKey(f"not a job record key: {key!r}")
    return name[: -len(".json")]


def conflicts(
    holdings: Iterable[Holding],
    ranges: Iterable[tuple[int, int]],
    *,
    seed: int,
    params: dict,
    generator_version: int | None,
    exclude_job: str | None = None,
) -> list[tuple[Holding, list[Range]]]:
    """The holdings that overlap `ranges` and would make other bytes there, each with the
    overlapping ranges."""
    wanted = merge_ranges(ranges)
    out = []
    for h in holdings:
        if h.job_id == exclude_job or h.makes_same_bytes(seed, params, generator_version):
            continue
        overlap = subtract_ranges(wanted, subtract_ranges(wanted, h.ranges))
        if overlap:
            out.append((h, overlap))
    return out


def first_free(start: int, samples: int, taken: Iterable[tuple[int, int]]) -> int:
    """The smallest index >= start from which `samples` indices avoid every taken range."""
    taken = merge_ranges(taken)
    pos = start
    for a, b in taken:
        if b <= pos:
            continue
        if a >= pos + samples:
            break
        pos = b
    return pos


# --- verification --------------------------------------------------------------------------


@dataclass
class Damage:
    """An object a manifest lists that is missing or holds other bytes."""

    generator: str
    key: str
    samples: list[str]  # the samples it holds (one, or a tar's)
    problem: str

    def to_dict(self) -> dict:
        return {"generator": self.generator, "key": self.key, "samples": self.samples,
                "problem": self.problem}  # fmt: skip


def verify(
    store: Store, ledger: Ledger, on_progress: Callable[[int], None] | None = None
) -> list[Damage]:
    """Read every object the job's manifests list and compare its sha256 and size; the
    damage found (nothing: the job is intact as far as its manifests say)."""
    checks: dict[str, tuple[str, list[str], object]] = {}
    for _, m in ledger.records:
        ids = {s.index: s.sample_id for s in m.samples}
        for key, entry in m.objects(ledger.prefix):
            held = [s.sample_id for s in m.samples] if m.tar is not None else [
                ids[_index_of(key)]]  # fmt: skip
            checks.setdefault(key, (m.generator, held, entry))

    def check(item) -> Damage | None:
        key, (generator, held, entry) = item
        try:
            got = store.digest(key)
        except NotFound:
            return Damage(generator, key, held, "missing")
        except StoreError as e:
            return Damage(generator, key, held, f"unreadable: {e}")
        finally:
            if on_progress:
                on_progress(1)
        if got.size != entry.size:
            return Damage(generator, key, held, f"{got.size} bytes, the manifest says {entry.size}")
        if got.sha256 != entry.sha256:
            return Damage(generator, key, held, "other bytes than the manifest's sha256")
        return None

    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        found = [d for d in pool.map(check, sorted(checks.items())) if d is not None]
    return found


def _index_of(sample_key: str) -> int:
    """The index in `{prefix}/{generator}/{generator}_{index:08d}/{file}`."""
    return int(sample_key.rsplit("/", 2)[-2].rsplit("_", 1)[-1])
