"""Export: a finished job as a dataset folder researchers load in one line.

    options = ExportOptions(job_id="20250101-120000-abc123", splits=parse_splits("train=0.9,test=0.1"))
    plan = plan_export(store, options)                    # reads manifests only
    summary = run_export(store, plan, FolderTarget("out/"), on_progress=bar.advance)

The folder (the same on a local disk and under an S3 prefix):

```
README.md                          dataset card: YAML front matter (license, configs, ...)
croissant.json                     Croissant 1.0 description of the files and the index
export.json                        how it was made (job, options, shards); resumes an export
data/metadata.parquet              one row per sample: ids, seed, params, prompt, rubric, ...
data/{generator}/{split}.parquet   the same rows, per generator and split (the card's configs)
shards/{generator}/{split}-{n:05d}.tar   WebDataset shards: `{sample_id}.{file}` members
gallery/{generator}.first.png      thumbnails of one sample per generator (and .final.png)
```

Samples are read from the job's objects or from its shard tars (either layout, streamed
member by member, never unpacked to disk) and every file is checked against its manifest
on the way. Shards are packed in index order with the worker's member names and
metadata, so a `files` job and a `tar` job of the same seed give byte-identical shards.

Splits are puzzle-disjoint: a sample's split is decided by a hash of its `param_hash`, so
two samples of the same puzzle always share a split, and the assignment never changes
between runs. `exclude_jobs` drops every sample whose `param_hash` appears in those jobs.

An export is resumable: each finished shard (and its index rows) is recorded in
`export.json`; a resumed export with the same options skips those shards.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from lambda_src import layout, tars
from lambda_src.ledger import Ledger, load_ledger
from lambda_src.records import FileEntry, Manifest, RecordError
from lambda_src.stores import NotFound as StoreNotFound
from lambda_src.stores import Store, StoreError

from .errors import BackendError, InvalidRequest
from .jobs import find_job, store_errors

FORMAT_VERSION = 1
SAMPLE_FILES = ("first_frame.png", "final_frame.png", "prompt.txt", "rubric.txt",
                "ground_truth.mp4", "metadata.json")  # fmt: skip
DEFAULT_SHARD_MB = 300
STATE = "export.json"
WORK = ".export-work"  # resumption data, removed when the export is complete
OWN_ENTRIES = ("README.md", "croissant.json", STATE, "data", "shards", "gallery", WORK)
THUMBNAIL_PX = 192
READ_THREADS = 8
_TAR_BLOCK = 512
_SPLIT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


class ExportMismatch(BackendError):
    """A sample's bytes in the store do not match its manifest."""


# --- options and splits -----------------------------------------------------------------


def parse_splits(text: str) -> dict[str, float]:
    """`train=0.98,val=0.01,test=0.01` -> {"train": 0.98, ...}, in the order given."""
    splits: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",")):
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not _SPLIT_NAME.match(name):
            raise InvalidRequest(
                f"--split takes name=fraction pairs like train=0.98,val=0.01,test=0.01 "
                f"(names: lower-case letters, digits, _), got {part!r}"
            )
        try:
            fraction = float(value)
        except ValueError:
            raise InvalidRequest(f"--split {name}: {value!r} is not a number") from None
        if not 0 < fraction <= 1 or name in splits:
            raise InvalidRequest(f"--split {name}: each split once, with a fraction in (0, 1]")
        splits[name] = fraction
    if abs(sum(splits.values()) - 1) > 1e-6:
        raise InvalidRequest(f"--split fractions must add up to 1, got {sum(splits.values()):g}")
    return splits


def split_of(param_hash: str, splits: dict[str, float]) -> str:
    """The split of a puzzle: a point in [0, 1) from its hash, against the cumulative
    fractions. The same puzzle always lands in the same split."""
    point = int.from_bytes(hashlib.sha256(f"split:{param_hash}".encode()).digest()[:8]) / 2**64
    edge = 0.0
    for name, fraction in splits.items():
        edge += fraction
        if point < edge:
            return name
    return next(reversed(splits))  # rounding at the top end


@dataclass
class ExportOptions:
    job_id: str
    prefix: str | None = None
    splits: dict[str, float] = field(default_factory=lambda: {"train": 1.0})
    exclude_jobs: list[str] = field(default_factory=list)
    shard_mb: int = DEFAULT_SHARD_MB
    license: str = "other"
    name: str | None = None
    allow_incomplete: bool = False

    def validate(self) -> None:
        if not 1 <= self.shard_mb <= 100_000:
            raise InvalidRequest(f"--shard-mb must be in 1..100000, got {self.shard_mb}")
        if self.job_id in self.exclude_jobs:
            raise InvalidRequest("--exclude-job names the job being exported")
        if not re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", self.license):
            raise InvalidRequest(f"--license must be a license id like cc-by-4.0, got "
                                 f"{self.license!r}")  # fmt: skip


# --- the plan ---------------------------------------------------------------------------


@dataclass(slots=True)
class PlannedSample:
    generator: str
    index: int
    sample_id: str
    param_hash: str
    files: dict[str, FileEntry]
    split: str
    source: str  # the job's tar key holding it, or "" for per-file objects
    shard: str = ""  # relative path of its export shard

    @property
    def members(self) -> list[str]:
        """Member names in the order they are packed: the worker's order."""
        return [f"{self.sample_id}.{name}" for name in sorted(self.files)]


@dataclass
class ShardPlan:
    path: str  # shards/{generator}/{split}-{n:05d}.tar
    generator: str
    split: str
    samples: list[PlannedSample] = field(default_factory=list)
    bytes_estimate: int = 0  # its members' headers and padded data

    def add(self, s: PlannedSample) -> None:
        self.samples.append(s)
        self.bytes_estimate += sample_tar_bytes(s)
        s.shard = self.path


@dataclass
class Excluded:
    job_id: str
    puzzles: int  # distinct param_hash values in that job
    dropped: int  # samples of this export dropped for them


@dataclass
class ExportPlan:
    options: ExportOptions
    prefix: str
    ledger: Ledger
    samples: list[PlannedSample]
    shards: list[ShardPlan]
    excluded: list[Excluded]
    missing: dict[str, list[tuple[int, int]]]  # generator -> missing ranges

    def digest(self) -> str:
        """Identifies what the export holds: shards and their samples' bytes."""
        h = hashlib.sha256()
        for shard in self.shards:
            h.update(shard.path.encode())
            for s in shard.samples:
                h.update(s.sample_id.encode())
                for name, f in sorted(s.files.items()):
                    h.update(f"{name}:{f.sha256}".encode())
        return h.hexdigest()

    def fingerprint(self) -> dict:
        o = self.options
        return {"job_id": o.job_id, "prefix": self.prefix, "splits": o.splits,
                "exclude_jobs": sorted(o.exclude_jobs), "shard_mb": o.shard_mb,
                "license": o.license, "name": o.name, "plan": self.digest()}  # fmt: skip


def sample_tar_bytes(s: PlannedSample) -> int:
    """Bytes a sample's members take in a tar: a header each, data padded to 512."""
    return sum(_TAR_BLOCK + -(-f.size // _TAR_BLOCK) * _TAR_BLOCK for f in s.files.values())


def read_manifests(store: Store, keys: Iterable[str]) -> list[Manifest]:
    def fetch(key: str) -> Manifest | None:
        try:
            return Manifest.from_json(store.get_bytes(key))
        except (RecordError, StoreNotFound):
            return None  # the ledger has already listed it among its problems

    with ThreadPoolExecutor(max_workers=16) as pool:
        return [m for m in pool.map(fetch, keys) if m is not None]


def _job_manifests(store: Store, job_id: str, prefix: str | None) -> tuple[Ledger, list[Manifest]]:
    prefix = find_job(store, job_id, prefix)
    with store_errors(f"reading the ledger of job {job_id}"):
        ledger = load_ledger(store, job_id, prefix)
        keys = [k for g in ledger.generators.values() for k in g.manifests]
        return ledger, read_manifests(store, keys)


def _check_complete(ledger: Ledger, allow_incomplete: bool) -> dict[str, list[tuple[int, int]]]:
    missing = {gid: [tuple(r) for r in g.missing] for gid, g in ledger.generators.items()
               if g.missing}  # fmt: skip
    if ledger.job is None:
        if not allow_incomplete:
            raise InvalidRequest(f"job {ledger.job_id} has no job record, so what it should "
                                 "hold is unknown; export what is present with "
                                 "--allow-incomplete")  # fmt: skip
    elif missing and not allow_incomplete:
        first = next(iter(missing))
        count = sum(b - a for ranges in missing.values() for a, b in ranges)
        ranges = ", ".join(f"{a}-{b}" for a, b in missing[first][:3])
        raise InvalidRequest(f"job {ledger.job_id} is incomplete: {count} samples missing "
                             f"({first} {ranges}{' ...' if len(missing) > 1 else ''}); export "
                             "what is present with --allow-incomplete, or `vmwheel resubmit "
                             f"{ledger.job_id} --missing` first")  # fmt: skip
    return missing


def plan_export(store: Store, options: ExportOptions) -> ExportPlan:
    """Everything the export will write, decided from the manifests alone."""
    options.validate()
    ledger, manifests = _job_manifests(store, options.job_id, options.prefix)
    if not manifests:
        raise InvalidRequest(f"job {options.job_id} has no finished shard yet")
    missing = _check_complete(ledger, options.allow_incomplete)

    excluded_hashes: dict[str, set[str]] = {}
    for other in dict.fromkeys(options.exclude_jobs):
        _, theirs = _job_manifests(store, other, None)
        excluded_hashes[other] = {s.param_hash for m in theirs for s in m.samples}

    seen: set[tuple[str, int]] = set()
    samples: list[PlannedSample] = []
    dropped: Counter[str] = Counter()
    for m in sorted(manifests, key=lambda m: (m.generator, m.start_index, -m.stop_index)):
        for s in m.samples:
            if (m.generator, s.index) in seen:
                continue  # overlapping manifests list the same sample
            seen.add((m.generator, s.index))
            hit = next((j for j, hs in excluded_hashes.items() if s.param_hash in hs), None)
            if hit:
                dropped[hit] += 1
                continue
            samples.append(PlannedSample(
                m.generator, s.index, s.sample_id, s.param_hash, s.files,
                split_of(s.param_hash, options.splits), m.tar.key if m.tar else "",
            ))  # fmt: skip
    samples.sort(key=lambda s: (s.generator, s.index))
    if not samples:
        raise InvalidRequest(f"nothing to export: every sample of job {options.job_id} was "
                             "excluded")  # fmt: skip
    excluded = [Excluded(j, len(hs), dropped[j]) for j, hs in excluded_hashes.items()]
    shards = cut_shards(samples, options.shard_mb * 1_000_000)
    return ExportPlan(options, ledger.prefix, ledger, samples, shards, excluded, missing)


def cut_shards(samples: list[PlannedSample], limit: int) -> list[ShardPlan]:
    """Per generator and split, in index order, a new shard whenever the next sample would
    take the current one past `limit` bytes."""
    shards: list[ShardPlan] = []
    current: dict[tuple[str, str], ShardPlan] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for s in samples:
        group = (s.generator, s.split)
        shard = current.get(group)
        if shard is None or (shard.samples and shard.bytes_estimate + sample_tar_bytes(s) > limit):
            path = f"shards/{s.generator}/{s.split}-{counts[group]:05d}.tar"
            counts[group] += 1
            shard = current[group] = ShardPlan(path, s.generator, s.split)
            shards.append(shard)
        shard.add(s)
    return shards


# --- where it goes ----------------------------------------------------------------------


class FolderTarget:
    """The export folder on a local disk."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.url = str(self.root)

    def entries(self) -> list[str]:
        try:
            return sorted(p.name for p in self.root.iterdir())
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            raise InvalidRequest(f"{self.root} is a file, not a folder") from None

    def exists(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    def size(self, rel: str) -> int | None:
        try:
            return (self.root / rel).stat().st_size
        except FileNotFoundError:
            return None

    def read_bytes(self, rel: str) -> bytes | None:
        try:
            return (self.root / rel).read_bytes()
        except FileNotFoundError:
            return None

    def write_bytes(self, rel: str, data: bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.partial")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    def scratch(self) -> Path:
        """A folder on the same disk for shards being written."""
        path = self.root / WORK / "tmp"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def put_file(self, rel: str, local: Path) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(local, path)

    def remove(self, rel: str) -> None:
        path = self.root / rel
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)

    def close(self) -> None:
        pass


class S3Target:
    """The export folder under `s3://bucket/prefix/`. An export is a publication, not a
    pipeline store: re-exporting with --force replaces its objects."""

    def __init__(self, client: Any, url: str):
        m = re.match(r"^s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?$", url)
        if not m:
            raise InvalidRequest(f"--to must look like s3://bucket/prefix, got {url!r}")
        self.client, self.bucket = client, m.group(1)
        self.prefix = (m.group(2) or "").strip("/")
        self.url = f"s3://{self.bucket}/{self.prefix}".rstrip("/")
        self._scratch = Path(tempfile.mkdtemp(prefix="vmwheel-export-"))

    def _key(self, rel: str) -> str:
        return f"{self.prefix}/{rel}" if self.prefix else rel

    def _call(self, what: str, fn, **kwargs):
        from .errors import aws_errors

        with aws_errors(f"{what} {self.url}"):
            return fn(Bucket=self.bucket, **kwargs)

    def entries(self) -> list[str]:
        base = f"{self.prefix}/" if self.prefix else ""
        out = self._call("listing", self.client.list_objects_v2, Prefix=base, Delimiter="/",
                         MaxKeys=100)  # fmt: skip
        names = [o["Key"][len(base) :] for o in out.get("Contents", [])]
        names += [p["Prefix"][len(base) :].rstrip("/") for p in out.get("CommonPrefixes", [])]
        return sorted(names)

    def size(self, rel: str) -> int | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.head_object(Bucket=self.bucket, Key=self._key(rel))["ContentLength"]
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise

    def exists(self, rel: str) -> bool:
        return self.size(rel) is not None

    def read_bytes(self, rel: str) -> bytes | None:
        if not self.exists(rel):
            return None
        return self._call("reading", self.client.get_object, Key=self._key(rel))["Body"].read()

    def write_bytes(self, rel: str, data: bytes) -> None:
        self._call("writing", self.client.put_object, Key=self._key(rel), Body=data)

    def scratch(self) -> Path:
        return self._scratch

    def put_file(self, rel: str, local: Path) -> None:
        from .errors import aws_errors

        with aws_errors(f"uploading {self.url}/{rel}"):
            self.client.upload_file(str(local), self.bucket, self._key(rel))
        local.unlink()

    def remove(self, rel: str) -> None:
        paginator = self.client.get_paginator("list_objects_v2")
        keys = [self._key(rel)]
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self._key(rel) + "/"):
            keys += [o["Key"] for o in page.get("Contents", [])]
        for i in range(0, len(keys), 1000):
            self._call("deleting in", self.client.delete_objects,
                       Delete={"Objects": [{"Key": k} for k in keys[i : i + 1000]]})  # fmt: skip

    def close(self) -> None:
        shutil.rmtree(self._scratch, ignore_errors=True)


Target = FolderTarget | S3Target


# --- reading the job --------------------------------------------------------------------


@dataclass
class _Unit:
    """What one read brings: one sample's objects, or one of the job's shard tars."""

    source: str  # the tar key, or "" for per-file objects
    samples: list[PlannedSample]


def _units(samples: Iterable[PlannedSample]) -> Iterator[_Unit]:
    unit: _Unit | None = None
    for s in samples:
        if s.source and unit is not None and unit.source == s.source:
            unit.samples.append(s)
            continue
        if unit is not None:
            yield unit
        unit = _Unit(s.source, [s])
    if unit is not None:
        yield unit


def _check(s: PlannedSample, name: str, data: bytes) -> None:
    want = s.files[name]
    got = hashlib.sha256(data).hexdigest()
    if (len(data), got) != (want.size, want.sha256):
        raise ExportMismatch(
            f"{s.sample_id}: {name} does not match its manifest (sha256 {got[:12]}..., "
            f"{len(data)} bytes; the manifest says {want.sha256[:12]}..., {want.size} bytes)"
        )


class _Reader:
    """Reads the job's samples in plan order, a few reads ahead on a thread pool."""

    def __init__(self, store: Store, prefix: str, scratch: Path, threads: int):
        self.store, self.prefix, self.scratch = store, prefix, scratch
        self.pool = ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="read")
        self.window = max(2, threads * 2)
        self.downloads: set[Path] = set()  # tars fetched ahead and not read yet

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        for path in self.downloads:  # fetched ahead of a failure
            path.unlink(missing_ok=True)

    def samples(self, units: Iterable[_Unit]) -> Iterator[tuple[PlannedSample, dict[str, bytes]]]:
        """(sample, {file: bytes}) with every file checked against the manifest."""
        source = iter(units)
        pending = deque(self.pool.submit(self._load, u) for u in islice(source, self.window))
        while pending:
            loaded = pending.popleft().result()
            unit = next(source, None)
            if unit is not None:
                pending.append(self.pool.submit(self._load, unit))
            yield from loaded()

    def _load(self, unit: _Unit) -> Callable[[], Iterator]:
        if unit.source:
            fd, name = tempfile.mkstemp(dir=self.scratch, suffix=".source")
            os.close(fd)
            path = Path(name)
            self.downloads.add(path)
            with store_errors(f"reading {unit.source}"):
                self.store.get_file(unit.source, path)
            return lambda: self._from_tar(unit, path)
        files = {s.sample_id: self._objects(s) for s in unit.samples}
        return lambda: ((s, files[s.sample_id]) for s in unit.samples)

    def _objects(self, s: PlannedSample) -> dict[str, bytes]:
        out = {}
        for name in sorted(s.files):
            key = layout.sample_key(self.prefix, s.generator, s.index, name)
            try:
                out[name] = self.store.get_bytes(key)
            except StoreNotFound:
                raise ExportMismatch(f"{s.sample_id}: {name} is missing from the store") from None
            except StoreError as e:
                raise BackendError(f"reading {key}: {e}") from e
            _check(s, name, out[name])
        return out

    def _from_tar(self, unit: _Unit, path: Path) -> Iterator[tuple[PlannedSample, dict]]:
        wanted = {s.sample_id: s for s in unit.samples}
        try:
            for sample_id, files in tars.iter_samples(path):
                s = wanted.pop(sample_id, None)
                if s is None:
                    continue  # excluded, or in a shard already written
                if set(files) != set(s.files):
                    lacking = sorted(set(s.files) - set(files)) or sorted(set(files))
                    raise ExportMismatch(f"{sample_id}: its files in {unit.source} are not "
                                         f"the manifest's ({', '.join(lacking)})")  # fmt: skip
                for name, data in files.items():
                    _check(s, name, data)
                yield s, files
        except tars.TarLayoutError as e:
            raise ExportMismatch(f"{unit.source}: {e}") from None
        finally:
            path.unlink(missing_ok=True)
            self.downloads.discard(path)
        if wanted:
            raise ExportMismatch(f"{next(iter(wanted))}: not in {unit.source}")


# --- the index --------------------------------------------------------------------------


def _schema():
    import pyarrow as pa

    fields = [
        ("id", pa.string()), ("generator", pa.string()), ("task", pa.string()),
        ("category", pa.string()), ("sample_id", pa.string()), ("index", pa.int64()),
        ("split", pa.string()), ("job_id", pa.string()), ("seed", pa.int64()),
        ("difficulty", pa.int64()), ("param_hash", pa.string()), ("params_json", pa.string()),
        ("prompt", pa.string()), ("rubric", pa.string()), ("metadata_json", pa.string()),
        ("frames", pa.int64()), ("fps", pa.float64()), ("width", pa.int64()),
        ("height", pa.int64()), ("video", pa.bool_()), ("generator_version", pa.int64()),
        ("code_version", pa.string()), ("shard", pa.string()), ("members", pa.list_(pa.string())),
    ]  # fmt: skip
    for name in SAMPLE_FILES:
        stem = name.split(".")[0]
        fields += [(f"{stem}_sha256", pa.string()), (f"{stem}_size", pa.int64())]
    return pa.schema(fields)


@cache
def generator_spec(generator: str):
    from generators import get_spec

    try:
        return get_spec(generator)
    except Exception:  # a generator this installation does not know: the row still stands
        return None


def sample_row(s: PlannedSample, files: dict[str, bytes], job_id: str) -> dict:
    meta = json.loads(files["metadata.json"])
    params = meta.get("params") or {}
    spec = generator_spec(s.generator)
    row = {
        "id": s.sample_id, "generator": s.generator,
        "task": spec.title if spec else s.generator, "category": meta.get("category"),
        "sample_id": s.sample_id, "index": s.index, "split": s.split, "job_id": job_id,
        "seed": meta.get("seed"), "difficulty": params.get("difficulty", meta.get("difficulty")),
        "param_hash": s.param_hash, "params_json": json.dumps(params, sort_keys=True),
        "prompt": files.get("prompt.txt", b"").decode(),
        "rubric": files.get("rubric.txt", b"").decode(),
        "metadata_json": files["metadata.json"].decode(),
        "frames": meta.get("frame_count"), "fps": meta.get("fps"), "width": meta.get("width"),
        "height": meta.get("height"), "video": "ground_truth.mp4" in s.files,
        "generator_version": meta.get("generator_version"),
        "code_version": meta.get("code_version"), "shard": s.shard, "members": s.members,
    }  # fmt: skip
    for name in SAMPLE_FILES:
        stem = name.split(".")[0]
        f = s.files.get(name)
        row[f"{stem}_sha256"], row[f"{stem}_size"] = (f.sha256, f.size) if f else (None, None)
    return row


def _parquet_bytes(rows: list[dict]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=_schema()), buf, compression="zstd")
    return buf.getvalue()


def thumbnail(png: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        im = im.convert("RGB")
        im.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        im.save(out, format="PNG", optimize=True)
        return out.getvalue()


# --- running it -------------------------------------------------------------------------


@dataclass
class GeneratorStats:
    """What the card says of one generator."""

    samples: int = 0
    bytes: int = 0
    difficulty: Counter = field(default_factory=Counter)
    splits: Counter = field(default_factory=Counter)


@dataclass
class ExportSummary:
    job_id: str
    to: str
    samples: int
    shards: int
    bytes: int  # of the shards
    splits: dict[str, int]
    generators: dict[str, int]
    excluded: list[dict]
    missing: dict[str, list]
    resumed_shards: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _rows_key(shard_path: str) -> str:
    """Where a finished shard's index rows wait for the index: in the work folder."""
    return f"{WORK}/rows/{shard_path.removeprefix('shards/').replace('/', '__')}.parquet"


def _json(data: Any) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def prepare_target(target: Target, plan: ExportPlan, resume: bool, force: bool) -> dict:
    """The state to go on from: a fresh one for an empty (or --force'd) target; when
    resuming, the state found there, with only the shards really in place."""
    fresh = {"format": FORMAT_VERSION, "fingerprint": plan.fingerprint(), "complete": False,
             "shards": {}}  # fmt: skip
    entries = target.entries()
    if not entries:
        return fresh
    if force:
        for name in OWN_ENTRIES:
            if name in entries:
                target.remove(name)
        return fresh
    if not resume:
        raise InvalidRequest(f"{target.url} is not empty: --resume continues an export there, "
                             "--force replaces it")  # fmt: skip
    raw = target.read_bytes(STATE)
    if raw is None:
        raise InvalidRequest(f"{target.url} holds no {STATE}, so it is not an export to resume; "
                             "use --force to replace what is there, or another folder")  # fmt: skip
    try:
        state = json.loads(raw)
    except ValueError:
        raise InvalidRequest(f"{target.url}/{STATE} is not JSON; use --force") from None
    theirs = state.get("fingerprint") or {}
    differ = [k for k, v in plan.fingerprint().items() if theirs.get(k) != v]
    if differ:
        raise InvalidRequest(f"{target.url} holds an export with other "
                             f"{', '.join(differ)}; --force replaces it")  # fmt: skip
    shards = state.get("shards") or {}
    if not state.get("complete"):
        shards = {path: rec for path, rec in shards.items()
                  if target.size(path) == rec.get("size") and target.exists(_rows_key(path))}  # fmt: skip
    return {**fresh, "complete": bool(state.get("complete")), "shards": shards}


def run_export(
    store: Store,
    plan: ExportPlan,
    target: Target,
    *,
    resume: bool = False,
    force: bool = False,
    threads: int = READ_THREADS,
    on_progress: Callable[[int], None] | None = None,
) -> ExportSummary:
    """Write the plan's shards (those not done yet), then the index, the card and the
    croissant description. ExportMismatch names a sample whose bytes are wrong; the shards
    finished before it stay, and `resume=True` continues from them."""
    try:
        state = prepare_target(target, plan, resume, force)
        resumed = len(state["shards"])
        if on_progress and resumed:
            on_progress(sum(len(s.samples) for s in plan.shards if s.path in state["shards"]))
        if not state["complete"]:
            _write(store, plan, target, state, threads, on_progress)
    finally:
        target.close()
    return ExportSummary(
        plan.options.job_id, target.url, len(plan.samples), len(plan.shards),
        sum(r["size"] for r in state["shards"].values()),
        dict(Counter(s.split for s in plan.samples)),
        dict(Counter(s.generator for s in plan.samples)), [e.__dict__ for e in plan.excluded],
        {g: [list(r) for r in v] for g, v in plan.missing.items()}, resumed,
    )  # fmt: skip


def _write(store, plan, target, state, threads, on_progress) -> None:
    if len(state["shards"]) < len(plan.shards):
        _write_shards(store, plan, target, state, threads, on_progress)
    stats, index_sha = write_index(target, plan)
    from .export_card import croissant, dataset_card

    target.write_bytes("README.md", dataset_card(plan, stats, state).encode())
    target.write_bytes("croissant.json", _json(croissant(plan, stats, index_sha)))
    state["complete"] = True
    target.write_bytes(STATE, _json(state))
    target.remove(WORK)


def _write_shards(store, plan, target, state, threads, on_progress) -> None:
    wanted = [s for shard in plan.shards if shard.path not in state["shards"]
              for s in shard.samples]  # fmt: skip
    wanted.sort(key=lambda s: (s.generator, s.index))
    writers = _ShardWriters(target, plan, state, on_progress)
    reader = _Reader(store, plan.prefix, target.scratch(), threads)
    try:
        for s, files in reader.samples(_units(wanted)):
            writers.add(s, files)
        writers.finish()
    finally:
        reader.close()
        writers.abort()


class _ShardWriters:
    """The open shards (one per generator and split at most), each finished when its last
    planned sample is in: then moved into place, its rows and the state written."""

    def __init__(self, target: Target, plan: ExportPlan, state: dict, on_progress):
        self.target, self.plan, self.state, self.on_progress = target, plan, state, on_progress
        self.by_path = {s.path: s for s in plan.shards}
        self.open: dict[str, tuple[tars.ShardWriter, Path, list[dict]]] = {}
        self.gallery: dict[str, str] = {}  # generator -> its first sample (samples are sorted)
        for s in plan.samples:
            self.gallery.setdefault(s.generator, s.sample_id)

    def add(self, s: PlannedSample, files: dict[str, bytes]) -> None:
        if s.shard not in self.open:
            fd, name = tempfile.mkstemp(dir=self.target.scratch(), suffix=".tar")
            os.close(fd)
            self.open[s.shard] = (tars.ShardWriter(name), Path(name), [])
        shard, _, rows = self.open[s.shard]
        for name in sorted(files):
            shard.add(f"{s.sample_id}.{name}", io.BytesIO(files[name]), len(files[name]))
        rows.append(sample_row(s, files, self.plan.options.job_id))
        if self.gallery.get(s.generator) == s.sample_id:
            for which in ("first", "final"):
                if png := files.get(f"{which}_frame.png"):
                    self.target.write_bytes(f"gallery/{s.generator}.{which}.png", thumbnail(png))
        if self.on_progress:
            self.on_progress(1)
        if len(rows) == len(self.by_path[s.shard].samples):
            self._close(s.shard)

    def _close(self, path: str) -> None:
        shard, local, rows = self.open.pop(path)
        shard.close()
        with open(local, "rb") as f:
            entry = tars.sha256_copy(f)
        self.target.write_bytes(_rows_key(path), _parquet_bytes(rows))
        self.target.put_file(path, local)
        self.state["shards"][path] = {"sha256": entry.sha256, "size": entry.size,
                                      "samples": len(rows)}  # fmt: skip
        self.target.write_bytes(STATE, _json(self.state))

    def finish(self) -> None:
        if self.open:  # the plan and the reads disagree: a bug, not bad input
            raise RuntimeError(f"shards left unfinished: {sorted(self.open)}")

    def abort(self) -> None:
        for shard, local, _ in self.open.values():
            with contextlib.suppress(Exception):
                shard.close()
            local.unlink(missing_ok=True)
        self.open.clear()


def write_index(target: Target, plan: ExportPlan) -> tuple[dict[str, GeneratorStats], str]:
    """`data/metadata.parquet` and `data/{generator}/{split}.parquet` from the finished
    shards' rows, one generator in memory at a time; the card's figures and the index's
    sha256."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    stats: dict[str, GeneratorStats] = {}
    sample_bytes: Counter[str] = Counter()
    for s in plan.samples:
        sample_bytes[s.generator] += sum(f.size for f in s.files.values())
    fd, name = tempfile.mkstemp(dir=target.scratch(), suffix=".parquet")
    os.close(fd)
    local = Path(name)
    by_generator: dict[str, list[ShardPlan]] = {}
    for shard in plan.shards:
        by_generator.setdefault(shard.generator, []).append(shard)
    with pq.ParquetWriter(local, _schema(), compression="zstd") as index:
        for gid, shards in by_generator.items():
            parts = [pq.read_table(io.BytesIO(target.read_bytes(_rows_key(s.path))))
                     for s in shards]  # fmt: skip
            table = pa.concat_tables(parts).sort_by("index")
            index.write_table(table)
            g = stats[gid] = GeneratorStats()
            rows = table.select(["split", "difficulty"]).to_pylist()
            g.samples = len(rows)
            g.splits.update(r["split"] for r in rows)
            g.difficulty.update(r["difficulty"] for r in rows)
            g.bytes = sample_bytes[gid]
            for split in g.splits:
                part = table.filter(pc.equal(table["split"], split))
                buf = io.BytesIO()
                pq.write_table(part, buf, compression="zstd")
                target.write_bytes(f"data/{gid}/{split}.parquet", buf.getvalue())
    with open(local, "rb") as f:
        index_sha = tars.sha256_copy(f).sha256
    target.put_file("data/metadata.parquet", local)
    return stats, index_sha
