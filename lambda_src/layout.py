"""Object keys of the storage layout (DESIGN.md), the same in S3 and in a local folder store.

```
{prefix}/{generator}/{sample_id}/{file}                        output_format=files
{prefix}/{generator}/{generator}_{start:08d}-{stop:08d}.tar     output_format=tar
{prefix}/_jobs/{job_id}.json                                   written by submit
{prefix}/_manifests/{job_id}/{generator}/{start:08d}-{stop:08d}.json   written last
{prefix}/_attempts/{job_id}/{generator}/{start:08d}-{stop:08d}/{attempt}-{token}.json
{prefix}/_failures/{job_id}/{generator}/{start:08d}-{stop:08d}/{attempt}-{token}.json
```

`stop` is exclusive. `token` is drawn once per attempt (a delivery of a message), so two
attempts never write the same record key, and an attempt's record and its failure record
share it. Failure records written before tokens existed are `{attempt}.json`. A shard's
tar is a WebDataset shard: members `{sample_id}.{file}` (see `tars`); jobs written before
that hold `.tar.gz` tars with `{sample_id}/{file}` members, which `split_tar_member` still
reads. Every builder validates its parts and raises `InvalidKey` (a
ValueError) for anything that could escape the prefix or break the layout: `..`, a
leading `/`, empty segments, control characters, a malformed generator or job id.
Prefix-returning helpers (`*_prefix`) end with `/`, ready for `Store.list_keys`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

DEFAULT_PREFIX = "questions"
MAX_INDEX = 10**8  # indices are written with 8 digits; `stop` may equal 10**8 - 1 at most
UNKNOWN_GENERATOR = "_unknown"  # generator segment of failures whose `type` did not resolve
JOBS = "_jobs"
MANIFESTS = "_manifests"
FAILURES = "_failures"
ATTEMPTS = "_attempts"
# records that expire (the stack's lifecycle rule matches this object tag, whatever prefix)
EXPIRING_RECORDS = (FAILURES, ATTEMPTS)
EXPIRY_TAG = ("vmwheel-record", "expires")
TAR_SUFFIX = ".tar"
TAR_SUFFIXES = (TAR_SUFFIX, ".tar.gz")  # readable: this layout, then the one before it

GENERATOR_ID = re.compile(r"^[OG]-\d+_[a-z0-9_]+$")
JOB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_SEGMENT = re.compile(r"^[A-Za-z0-9._=+@,-]+$")
_RANGE = re.compile(r"^(\d{8})-(\d{8})$")
_TOKEN = re.compile(r"^[a-z0-9]{1,32}$")
_ATTEMPT_NAME = re.compile(r"^(\d+)(?:-([a-z0-9]{1,32}))?\.json$")
MAX_PREFIX_LEN = 512


class InvalidKey(ValueError):
    """A key, prefix or key part that the layout does not allow."""


class Range(NamedTuple):
    """Sample indices `[start, stop)`."""

    start: int
    stop: int

    @property
    def size(self) -> int:
        return self.stop - self.start

    @property
    def label(self) -> str:
        """`00000000-00000050`, the range as it appears in keys."""
        return range_label(self.start, self.stop)


# --- validation ---------------------------------------------------------------------


def validate_prefix(prefix: str) -> str:
    """The prefix without a trailing `/`; InvalidKey unless it is relative and clean.

    Allowed: one or more `/`-separated segments of letters, digits and `._=+@,-`; no
    segment may be `.` or `..`, or start with `_` (reserved for `_jobs` & co.)."""
    if not isinstance(prefix, str):
        raise InvalidKey(f"prefix must be a string, got {type(prefix).__name__}")
    if prefix.startswith("/"):
        raise InvalidKey(f"prefix must be relative (no leading '/'), got {prefix!r}")
    cleaned = prefix[:-1] if prefix.endswith("/") else prefix
    if not cleaned:
        raise InvalidKey("prefix must not be empty")
    if len(cleaned) > MAX_PREFIX_LEN:
        raise InvalidKey(f"prefix longer than {MAX_PREFIX_LEN} characters")
    for seg in cleaned.split("/"):
        if seg in ("", ".", ".."):
            raise InvalidKey(f"prefix must not contain empty, '.' or '..' segments: {prefix!r}")
        if not _SEGMENT.match(seg):
            raise InvalidKey(
                f"prefix segment {seg!r} may only hold letters, digits and ._=+@,- characters"
            )
        if seg.startswith("_"):
            raise InvalidKey(f"prefix segment {seg!r} must not start with '_' (reserved)")
    return cleaned


def prefix_allowed(prefix: str, allowed) -> bool:
    """Whether `prefix` is one of `allowed` or lies under one (an empty list allows any)."""
    allowed = [a.strip("/") for a in allowed if a.strip("/")]
    return not allowed or any(prefix == a or prefix.startswith(a + "/") for a in allowed)


def validate_key(key: str) -> str:
    """A store key: relative, `/`-separated, no empty/`.`/`..` segments, printable."""
    if not isinstance(key, str) or not key:
        raise InvalidKey("key must be a non-empty string")
    if key.startswith("/") or "\\" in key:
        raise InvalidKey(f"key must be relative and use '/': {key!r}")
    if any(ord(c) < 32 or ord(c) == 127 for c in key):
        raise InvalidKey(f"key contains control characters: {key!r}")
    if len(key.encode()) > 1024:
        raise InvalidKey("key longer than 1024 bytes")
    for seg in key.split("/"):
        if seg in ("", ".", ".."):
            raise InvalidKey(f"key must not contain empty, '.' or '..' segments: {key!r}")
    return key


def validate_job_id(job_id: str) -> str:
    if not isinstance(job_id, str) or not JOB_ID.match(job_id):
        raise InvalidKey(
            f"job_id must be 1-128 letters, digits or ._- starting with a letter or digit, "
            f"got {job_id!r}"
        )
    return job_id


def validate_generator(generator: str) -> str:
    """A full generator id (`O-48_sudoku`) or UNKNOWN_GENERATOR."""
    if generator != UNKNOWN_GENERATOR and (
        not isinstance(generator, str) or not GENERATOR_ID.match(generator)
    ):
        raise InvalidKey(f"generator must be a full id like O-48_sudoku, got {generator!r}")
    return generator


def validate_range(start: int, stop: int) -> Range:
    for name, v in (("start", start), ("stop", stop)):
        if not isinstance(v, int) or isinstance(v, bool):
            raise InvalidKey(f"{name} must be an int, got {v!r}")
    if not 0 <= start < stop < MAX_INDEX:
        raise InvalidKey(f"range must satisfy 0 <= start < stop < {MAX_INDEX}, got {start}-{stop}")
    return Range(start, stop)


def range_label(start: int, stop: int) -> str:
    validate_range(start, stop)
    return f"{start:08d}-{stop:08d}"


def parse_range(label: str) -> Range:
    """`00000000-00000050` -> Range(0, 50)."""
    m = _RANGE.match(label)
    if not m:
        raise InvalidKey(f"not a range label: {label!r}")
    return validate_range(int(m.group(1)), int(m.group(2)))


# --- sample data ----------------------------------------------------------------------


def sample_id(generator: str, index: int) -> str:
    """`{generator}_{index:08d}` (the same rule as generators.sample.sample_id)."""
    validate_generator(generator)
    if not isinstance(index, int) or not 0 <= index < MAX_INDEX:
        raise InvalidKey(f"index must be in 0..{MAX_INDEX - 1}, got {index!r}")
    return f"{generator}_{index:08d}"


def generator_prefix(prefix: str, generator: str) -> str:
    """`{prefix}/{generator}/`: every sample folder and tar of a generator."""
    return f"{validate_prefix(prefix)}/{validate_generator(generator)}/"


def sample_prefix(prefix: str, generator: str, index: int) -> str:
    """`{prefix}/{generator}/{sample_id}/`."""
    return f"{generator_prefix(prefix, generator)}{sample_id(generator, index)}/"


def sample_key(prefix: str, generator: str, index: int, file: str) -> str:
    """`{prefix}/{generator}/{sample_id}/{file}` (output_format=files)."""
    if not isinstance(file, str) or not _SEGMENT.match(file) or file in (".", ".."):
        raise InvalidKey(f"bad file name {file!r}")
    return sample_prefix(prefix, generator, index) + file


def tar_key(prefix: str, generator: str, start: int, stop: int) -> str:
    """`{prefix}/{generator}/{generator}_{start:08d}-{stop:08d}.tar` (output_format=tar)."""
    return (
        f"{generator_prefix(prefix, generator)}{generator}_{range_label(start, stop)}{TAR_SUFFIX}"
    )


def tar_member(generator: str, index: int, file: str) -> str:
    """Name of a sample file inside a shard's tar: `{sample_id}.{file}` (WebDataset: the
    sample's key, then the field)."""
    return f"{sample_id(generator, index)}.{file}"


_SAMPLE_ID = re.compile(r"^([OG]-\d+_[a-z0-9_]+_\d{8})[./](.+)$")


def split_tar_member(name: str) -> tuple[str, str]:
    """`(sample_id, file)` of a tar member, `{sample_id}.{file}` or the older
    `{sample_id}/{file}`; InvalidKey for any other name."""
    m = _SAMPLE_ID.match(name)
    if not m or "/" in m.group(2) or m.group(2) in (".", ".."):
        raise InvalidKey(f"not a sample file of a shard: {name!r}")
    return m.group(1), m.group(2)


def tar_range(key: str) -> Range | None:
    """The index range of a shard tar's key or name, of either layout; None otherwise."""
    name = key.rsplit("/", 1)[-1]
    for suffix in TAR_SUFFIXES:
        if name.endswith(suffix):
            label = name.removesuffix(suffix).rsplit("_", 1)[-1]
            try:
                return parse_range(label)
            except InvalidKey:
                return None
    return None


# --- records ------------------------------------------------------------------------


def jobs_prefix(prefix: str) -> str:
    return f"{validate_prefix(prefix)}/{JOBS}/"


def job_key(prefix: str, job_id: str) -> str:
    """`{prefix}/_jobs/{job_id}.json`."""
    return f"{jobs_prefix(prefix)}{validate_job_id(job_id)}.json"


def manifests_prefix(prefix: str, job_id: str, generator: str | None = None) -> str:
    """`{prefix}/_manifests/{job_id}/` or, with a generator, `.../{generator}/`."""
    out = f"{validate_prefix(prefix)}/{MANIFESTS}/{validate_job_id(job_id)}/"
    return out + f"{validate_generator(generator)}/" if generator is not None else out


def manifest_key(prefix: str, job_id: str, generator: str, start: int, stop: int) -> str:
    """`{prefix}/_manifests/{job_id}/{generator}/{start:08d}-{stop:08d}.json`."""
    return f"{manifests_prefix(prefix, job_id, generator)}{range_label(start, stop)}.json"


def failures_prefix(
    prefix: str,
    job_id: str,
    generator: str | None = None,
    start: int | None = None,
    stop: int | None = None,
) -> str:
    """`{prefix}/_failures/{job_id}/[{generator}/[{start:08d}-{stop:08d}/]]`."""
    out = f"{validate_prefix(prefix)}/{FAILURES}/{validate_job_id(job_id)}/"
    if generator is None:
        return out
    out += f"{validate_generator(generator)}/"
    if start is None or stop is None:
        return out
    return out + f"{range_label(start, stop)}/"


def failure_key(
    prefix: str,
    job_id: str,
    generator: str,
    start: int,
    stop: int,
    attempt: int,
    token: str = "",
) -> str:
    """`{prefix}/_failures/{job_id}/{generator}/{start:08d}-{stop:08d}/{attempt}-{token}.json`
    (`{attempt}.json` without a token)."""
    return (
        f"{failures_prefix(prefix, job_id, generator, start, stop)}{_attempt_name(attempt, token)}"
    )


def attempts_prefix(
    prefix: str,
    job_id: str,
    generator: str | None = None,
    start: int | None = None,
    stop: int | None = None,
) -> str:
    """`{prefix}/_attempts/{job_id}/[{generator}/[{start:08d}-{stop:08d}/]]`."""
    out = f"{validate_prefix(prefix)}/{ATTEMPTS}/{validate_job_id(job_id)}/"
    if generator is None:
        return out
    out += f"{validate_generator(generator)}/"
    if start is None or stop is None:
        return out
    return out + f"{range_label(start, stop)}/"


def attempt_key(
    prefix: str, job_id: str, generator: str, start: int, stop: int, attempt: int, token: str
) -> str:
    """`{prefix}/_attempts/{job_id}/{generator}/{start:08d}-{stop:08d}/{attempt}-{token}.json`."""
    if not token:
        raise InvalidKey("an attempt record needs a token")
    return (
        f"{attempts_prefix(prefix, job_id, generator, start, stop)}{_attempt_name(attempt, token)}"
    )


def _attempt_name(attempt: int, token: str) -> str:
    if not isinstance(attempt, int) or isinstance(attempt, bool) or attempt < 1:
        raise InvalidKey(f"attempt must be an int >= 1, got {attempt!r}")
    if token and not _TOKEN.match(token):
        raise InvalidKey(f"token must be 1-32 lowercase letters or digits, got {token!r}")
    return f"{attempt}-{token}.json" if token else f"{attempt}.json"


def is_expiring_record(key: str) -> bool:
    """Whether a key is a failure or attempt record (they expire; data never does)."""
    return any(f"/{name}/" in key for name in EXPIRING_RECORDS)


# --- parsing keys back ----------------------------------------------------------------


class ManifestKey(NamedTuple):
    prefix: str
    job_id: str
    generator: str
    range: Range


class FailureKey(NamedTuple):
    """The parts of a failure-record or attempt-record key."""

    prefix: str
    job_id: str
    generator: str
    range: Range
    attempt: int
    token: str = ""


def parse_manifest_key(key: str) -> ManifestKey:
    """The parts of a manifest key; InvalidKey if it is not one."""
    head, sep, tail = validate_key(key).rpartition(f"/{MANIFESTS}/")
    parts = tail.split("/")
    if not sep or len(parts) != 3 or not parts[2].endswith(".json"):
        raise InvalidKey(f"not a manifest key: {key!r}")
    job_id, generator, name = parts
    return ManifestKey(
        validate_prefix(head),
        validate_job_id(job_id),
        validate_generator(generator),
        parse_range(name[: -len(".json")]),
    )


def parse_failure_key(key: str) -> FailureKey:
    """The parts of a failure-record key; InvalidKey if it is not one."""
    return _parse_attempt_key(key, FAILURES)


def parse_attempt_key(key: str) -> FailureKey:
    """The parts of an attempt-record key; InvalidKey if it is not one."""
    return _parse_attempt_key(key, ATTEMPTS)


def _parse_attempt_key(key: str, folder: str) -> FailureKey:
    head, sep, tail = validate_key(key).rpartition(f"/{folder}/")
    parts = tail.split("/")
    m = _ATTEMPT_NAME.match(parts[-1]) if len(parts) == 4 else None
    if not sep or m is None or int(m.group(1)) < 1:
        raise InvalidKey(f"not a {folder[1:-1]} record key: {key!r}")
    job_id, generator, label, _ = parts
    return FailureKey(
        validate_prefix(head),
        validate_job_id(job_id),
        validate_generator(generator),
        parse_range(label),
        int(m.group(1)),
        m.group(2) or "",
    )
