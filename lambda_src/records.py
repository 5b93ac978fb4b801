"""The three JSON records of the storage layout: job record, manifest, failure record.

Each is a dataclass with `to_dict()` / `from_dict()` (strict: a missing or mistyped field
is a `RecordError`, unknown fields are ignored so newer writers stay readable) and
`to_json()` / `from_json()` (UTF-8 bytes, keys sorted, one trailing newline).

Schemas (DESIGN.md):

- Job record (written by submit): `job_id`, `created` (ISO-8601 UTC), `seed`,
  `output_format`, `output_bucket`, `output_prefix`, `code_version`, `messages`,
  `generators: {id: {samples, start_index, shard_size, params}}`.
- Manifest (written last by the worker; a shard is done when it exists): `job_id`,
  `generator`, `start_index`, `stop_index`, `seed`, `params`, `output_format`,
  `code_version`, `attempt`, `samples: [{sample_id, index, param_hash, files: {name:
  {sha256, size}}}]`, `tar: {key, sha256, size} | null`, `timings: {total_s, generate_s,
  upload_s}`, `bytes`.
- Failure record (one per failed attempt): `job_id`, `generator`, `start_index`,
  `stop_index`, `attempt`, `permanent`, `error_type`, `error`, `traceback`,
  `output_tail`, `message` (the body as received), `failed_at`.
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

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> bytes:
        return dumps(self.to_dict())

    def covers(self, seed: int, params: dict, output_format: str) -> bool:
        """Whether this manifest is the output of a shard asked with these settings."""
        return (
            self.seed == seed
            and self.output_format == output_format
            and json.dumps(self.params, sort_keys=True) == json.dumps(params, sort_keys=True)
        )

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
        )

    @classmethod
    def from_json(cls, data: bytes | str) -> FailureRecord:
        return cls.from_dict(_loads(data, "failure record"))
