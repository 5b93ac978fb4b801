"""The three JSON records of the storage layout: job record, manifest, failure record.

Each is a dataclass with `to_dict()` / `from_dict()` (strict: a missing or mistyped field
is a `RecordError`, unknown fields are ignored so newer writers stay readable) and
`to_json()` / `from_json()` (UTF-8 bytes, keys sorted, one trailing newline).

Schemas (DESIGN.md):

- Job record (written by submit): `job_id`, `created` (ISO-8601 UTC), `seed`,
  `output_format`, `output_bucket`, `output_prefix`, `code_version`, `messages`,
  `generators: {id: {samples, start_index, shard_size, params, version}}`.
- Manifest (written last by the worker; a range is done when it exists): `job_id`,
  `generator`, `generator_version`, `start_index`, `stop_index`, `seed`, `params`,
  `output_format`, `code_version`, `attempt`, `attempt_token`, `samples: [{sample_id,
  index, param_hash, files: {name: {sha256, size}}}]`, `tar: {key, sha256, size} | null`,
  `timings: {total_s, generate_s, upload_s}`, `bytes`. Every sample of the range is
  listed: a range with a failed sample is cut into manifests around it.
- Attempt record (written when an attempt starts): `job_id`, `generator`,
  `start_index`, `stop_index`, `attempt`, `token`, `message_id`, `request_id`,
  `log_stream`, `memory_mb`, `started_at`, `deadline_at`.
- Failure record (one per failed attempt): `job_id`, `generator`, `start_index`,
  `stop_index`, `attempt`, `token`, `permanent`, `error_type`, `error`, `failed_indices`
  (the samples that failed; empty when the whole message did), `traceback`,
  `output_tail`, `message` (the body as received), `failed_at`.

An attempt's records and the manifests it wrote share its `token`, which is how the
ledger tells an attempt that ended (a manifest or a failure record carries its token)
from one that was killed (neither does, and its deadline has passed).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any


class RecordError(ValueError):
    """A record that does not follow its schema."""


def utc_now() -> str:
    """The current time as ISO-8601 UTC with a `Z`, e.g. `2025-01-31T12:00:00.123Z`."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def dumps(data: Any) -> bytes:
    """Canonical JSON bytes of a record."""
    return (json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def _loads(data: bytes | str, what: str) -> dict:
    try:
        obj = json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:
        raise RecordError(f"{what} is not JSON: {e}") from None
    if not isinstance(obj, dict):
        raise RecordError(f"{what} must be a JSON object")
    return obj


_MISSING = object()


def same_params(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _get(d: dict, name: str, kind, what: str, default=_MISSING):
    """d[name] checked against `kind` (a type or tuple); ints are accepted for floats."""
    if name not in d:
        if default is _MISSING:
            raise RecordError(f"{what}: missing field {name!r}")
        return default
    value = d[name]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if float in kinds and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
    if not ok:
        names = "/".join("null" if k is type(None) else k.__name__ for k in kinds)
        raise RecordError(f"{what}: field {name!r} must be {names}, got {value!r}")
    return value


# --- job record -----------------------------------------------------------------------


@dataclass
class GeneratorPlan:
    """What a job asks of one generator."""

    samples: int
    start_index: int = 0
    shard_size: int = 50
    params: dict = field(default_factory=dict)
    version: int | None = None  # the generator's version at submit time

    @property
    def stop_index(self) -> int:
        return self.start_index + self.samples

    @classmethod
    def from_dict(cls, d: dict, what: str = "generator plan") -> GeneratorPlan:
        if not isinstance(d, dict):
            raise RecordError(f"{what} must be an object")
        return cls(
            samples=_get(d, "samples", int, what),
            start_index=_get(d, "start_index", int, what, 0),
            shard_size=_get(d, "shard_size", int, what, 50),
            params=_get(d, "params", dict, what, {}),
            version=_get(d, "version", (int, type(None)), what, None),
        )


@dataclass
class JobRecord:
    job_id: str
    seed: int
    generators: dict[str, GeneratorPlan]
    output_format: str = "files"
    output_bucket: str | None = None
    output_prefix: str = "questions"
    code_version: str = ""
    messages: int = 0
    created: str = field(default_factory=utc_now)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["generators"] = {g: asdict(p) for g, p in self.generators.items()}
        return d

    def to_json(self) -> bytes:
        return dumps(self.to_dict())

    @classmethod
    def from_dict(cls, d: dict) -> JobRecord:
        w = "job record"
        gens = _get(d, "generators", dict, w)
        return cls(
            job_id=_get(d, "job_id", str, w),
            seed=_get(d, "seed", int, w),
            generators={
                str(g): GeneratorPlan.from_dict(p, f"job record generator {g}")
                for g, p in gens.items()
            },
            output_format=_get(d, "output_format", str, w, "files"),
            output_bucket=_get(d, "output_bucket", (str, type(None)), w, None),
            output_prefix=_get(d, "output_prefix", str, w, "questions"),
            code_version=_get(d, "code_version", str, w, ""),
            messages=_get(d, "messages", int, w, 0),
            created=_get(d, "created", str, w, ""),
        )

    @classmethod
    def from_json(cls, data: bytes | str) -> JobRecord:
        return cls.from_dict(_loads(data, "job record"))


# --- manifest -------------------------------------------------------------------------


@dataclass
class FileEntry:
    sha256: str
    size: int


@dataclass
class SampleEntry:
    sample_id: str
    index: int
    param_hash: str
    files: dict[str, FileEntry]

    @property
    def bytes(self) -> int:
        return sum(f.size for f in self.files.values())

    @classmethod
    def from_dict(cls, d: dict) -> SampleEntry:
        w = "manifest sample"
        if not isinstance(d, dict):
            raise RecordError(f"{w} must be an object")
        files = {}
        for name, f in _get(d, "files", dict, w).items():
            if not isinstance(f, dict):
                raise RecordError(f"{w} file {name!r} must be an object")
            files[str(name)] = FileEntry(_get(f, "sha256", str, w), _get(f, "size", int, w))
        return cls(
            sample_id=_get(d, "sample_id", str, w),
            index=_get(d, "index", int, w),
            param_hash=_get(d, "param_hash", str, w),
            files=files,
        )


@dataclass
class TarEntry:
    key: str
    sha256: str
    size: int


@dataclass
class Timings:
    total_s: float = 0.0
    generate_s: float = 0.0
    upload_s: float = 0.0


@dataclass
class Manifest:
    job_id: str
    generator: str
    start_index: int
    stop_index: int
    seed: int
    params: dict
    output_format: str
    code_version: str
    attempt: int
    samples: list[SampleEntry]
    tar: TarEntry | None = None
    timings: Timings = field(default_factory=Timings)
    bytes: int = 0
    generator_version: int | None = None
    attempt_token: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> bytes:
        return dumps(self.to_dict())

    def covers(self, seed: int, params: dict, output_format: str) -> bool:
        """Whether this manifest is the output of a shard asked with these settings."""
        return (
            self.seed == seed
            and self.output_format == output_format
            and same_params(self.params, params)
        )

    def made_by(
        self,
        seed: int,
        params: dict,
        output_format: str,
        code_version: str,
        generator_version: int | None,
    ) -> bool:
        """Whether this code, asked the same, makes exactly what this manifest lists."""
        return (
            self.covers(seed, params, output_format)
            and self.code_version == code_version
            and self.generator_version == generator_version
        )

    def same_content(self, other: Manifest) -> bool:
        """Whether two manifests list the same objects with the same bytes (timings,
        attempt and versions aside)."""
        return (
            (self.start_index, self.stop_index) == (other.start_index, other.stop_index)
            and [asdict(s) for s in self.samples] == [asdict(s) for s in other.samples]
            and self.tar == other.tar
        )

    def objects(self, prefix: str) -> list[tuple[str, FileEntry]]:
        """Every data object the manifest stands for: (key, expected sha256 and size)."""
        from .layout import sample_key

        if self.tar is not None:
            return [(self.tar.key, FileEntry(self.tar.sha256, self.tar.size))]
        return [(sample_key(prefix, self.generator, s.index, name), f)
                for s in self.samples for name, f in sorted(s.files.items())]  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict) -> Manifest:
        w = "manifest"
        tar = _get(d, "tar", (dict, type(None)), w, None)
        timings = _get(d, "timings", dict, w, {})
        samples = _get(d, "samples", list, w)
        return cls(
            job_id=_get(d, "job_id", str, w),
            generator=_get(d, "generator", str, w),
            start_index=_get(d, "start_index", int, w),
            stop_index=_get(d, "stop_index", int, w),
            seed=_get(d, "seed", int, w),
            params=_get(d, "params", dict, w),
            output_format=_get(d, "output_format", str, w),
            code_version=_get(d, "code_version", str, w, ""),
            attempt=_get(d, "attempt", int, w, 1),
            samples=[SampleEntry.from_dict(s) for s in samples],
            tar=None
            if tar is None
            else TarEntry(
                _get(tar, "key", str, "manifest tar"),
                _get(tar, "sha256", str, "manifest tar"),
                _get(tar, "size", int, "manifest tar"),
            ),
            timings=Timings(
                _get(timings, "total_s", float, "manifest timings", 0.0),
                _get(timings, "generate_s", float, "manifest timings", 0.0),
                _get(timings, "upload_s", float, "manifest timings", 0.0),
            ),
            bytes=_get(d, "bytes", int, w, 0),
            generator_version=_get(d, "generator_version", (int, type(None)), w, None),
            attempt_token=_get(d, "attempt_token", str, w, ""),
        )

    @classmethod
    def from_json(cls, data: bytes | str) -> Manifest:
        return cls.from_dict(_loads(data, "manifest"))


# --- failure record -----------------------------------------------------------------


@dataclass
class FailureRecord:
    job_id: str
    generator: str
    start_index: int
    stop_index: int
    attempt: int
    permanent: bool
    error_type: str
    error: str
    traceback: str = ""
    output_tail: str = ""
    message: str = ""
    failed_at: str = field(default_factory=utc_now)
    token: str = ""
    failed_indices: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> bytes:
        return dumps(self.to_dict())

    @classmethod
    def from_dict(cls, d: dict) -> FailureRecord:
        w = "failure record"
        return cls(
            job_id=_get(d, "job_id", str, w),
            generator=_get(d, "generator", str, w),
            start_index=_get(d, "start_index", int, w),
            stop_index=_get(d, "stop_index", int, w),
            attempt=_get(d, "attempt", int, w),
            permanent=_get(d, "permanent", bool, w),
            error_type=_get(d, "error_type", str, w),
            error=_get(d, "error", str, w),
            traceback=_get(d, "traceback", str, w, ""),
            output_tail=_get(d, "output_tail", str, w, ""),
            message=_get(d, "message", str, w, ""),
            failed_at=_get(d, "failed_at", str, w, ""),
            token=_get(d, "token", str, w, ""),
            failed_indices=_indices(_get(d, "failed_indices", list, w, []), w),
        )

    @classmethod
    def from_json(cls, data: bytes | str) -> FailureRecord:
        return cls.from_dict(_loads(data, "failure record"))


def _indices(values: list, what: str) -> list[int]:
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise RecordError(f"{what}: field 'failed_indices' must hold integers")
    return list(values)


# --- attempt record -------------------------------------------------------------------


@dataclass
class AttemptRecord:
    """Written when an attempt starts, before any sample: if the invocation is killed
    (timeout, out of memory), this is what is left of it."""

    job_id: str
    generator: str
    start_index: int
    stop_index: int
    attempt: int
    token: str
    deadline_at: str  # ISO-8601 UTC: when the invocation's time runs out
    message_id: str = ""
    request_id: str = ""
    log_stream: str = ""
    memory_mb: str = ""
    started_at: str = field(default_factory=utc_now)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> bytes:
        return dumps(self.to_dict())

    @classmethod
    def from_dict(cls, d: dict) -> AttemptRecord:
        w = "attempt record"
        return cls(
            job_id=_get(d, "job_id", str, w),
            generator=_get(d, "generator", str, w),
            start_index=_get(d, "start_index", int, w),
            stop_index=_get(d, "stop_index", int, w),
            attempt=_get(d, "attempt", int, w),
            token=_get(d, "token", str, w),
            deadline_at=_get(d, "deadline_at", str, w),
            message_id=_get(d, "message_id", str, w, ""),
            request_id=_get(d, "request_id", str, w, ""),
            log_stream=_get(d, "log_stream", str, w, ""),
            memory_mb=_get(d, "memory_mb", str, w, ""),
            started_at=_get(d, "started_at", str, w, ""),
        )

    @classmethod
    def from_json(cls, data: bytes | str) -> AttemptRecord:
        return cls.from_dict(_loads(data, "attempt record"))


def parse_time(text: str) -> datetime | None:
    """A record's ISO-8601 time, or None when it is not one."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
