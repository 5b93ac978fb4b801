"""The task message: parse and validate an SQS body into a `Task`, or say what is wrong.

Compatible with the seed's format (`type`, `start_index`, `num_samples`, `seed`,
`output_format`, `output_bucket`, `dedup`); the fields of DESIGN.md's table are optional.
Every problem raises one `PermanentError` subclass with a one-line reason; its
`error_type` (the class name) is what the DLQ message attribute and the failure record
carry. Unknown fields are ignored and listed in `Task.unknown_fields` (the handler logs
them). Resolving the generator imports only that generator's module.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from . import layout

MAX_SEED = 2**63 - 1
MAX_SAMPLES = 1000
FORMATS = ("files", "tar")
KNOWN_FIELDS = frozenset({"type", "num_samples", "start_index", "seed", "output_format",
                          "output_bucket", "output_prefix", "job_id", "params", "dedup"})  # fmt: skip


class PermanentError(Exception):
    """A failure that will happen again on every retry: the message goes to the DLQ now."""

    def __init__(self, message: str, details: str = "", output_tail: str = ""):
        super().__init__(message)
        self.details = details
        self.output_tail = output_tail

    @property
    def error_type(self) -> str:
        return type(self).__name__


class TransientError(Exception):
    """A failure that may pass on retry: the message goes back to the queue (SQS retries).

    `details` (a traceback) and `output_tail` (what the generator printed) go into the
    failure record."""

    def __init__(self, message: str, details: str = "", output_tail: str = ""):
        super().__init__(message)
        self.details = details
        self.output_tail = output_tail

    @property
    def error_type(self) -> str:
        return type(self).__name__


class InvalidMessage(PermanentError):
    """The body is not a task message."""


class InvalidJSON(InvalidMessage):
    pass


class MissingField(InvalidMessage):
    pass


class InvalidField(InvalidMessage):
    pass


class InvalidPrefix(InvalidField):
    pass


class PrefixNotAllowed(InvalidPrefix):
    """The prefix is valid but not one of ALLOWED_PREFIXES (nor under one)."""


class UnknownGeneratorType(PermanentError):
    pass


class InvalidParams(PermanentError):
    pass


class BucketNotAllowed(PermanentError):
    pass


class GeneratorUnavailable(PermanentError):
    """The generator's module fails to import or register."""


class KeyCollision(PermanentError):
    """A key this message would write already holds other bytes (another job's sample)."""


@dataclass(frozen=True)
class Task:
    generator: str  # the full id
    type: str  # as the message wrote it
    start_index: int
    num_samples: int
    seed: int
    output_format: str
    output_bucket: str | None
    output_prefix: str
    job_id: str
    params: dict  # as given
    resolved_params: dict  # every declared param, defaults filled in
    dedup: bool = False
    generator_version: int | None = None
    seed_derived: bool = False
    job_id_derived: bool = False
    unknown_fields: tuple[str, ...] = field(default=())

    @property
    def stop_index(self) -> int:
        return self.start_index + self.num_samples

    def body(self, start_index: int | None = None, stop_index: int | None = None) -> str:
        """A message body for `[start_index, stop_index)` of this task with everything
        explicit (seed, job id), e.g. a continuation: it reproduces the same samples."""
        start = self.start_index if start_index is None else start_index
        stop = self.stop_index if stop_index is None else stop_index
        return json.dumps({
            "type": self.generator, "start_index": start, "num_samples": stop - start,
            "seed": self.seed, "output_format": self.output_format,
            "output_bucket": self.output_bucket, "output_prefix": self.output_prefix,
            "job_id": self.job_id, "params": self.params, "dedup": self.dedup,
        }, sort_keys=True)  # fmt: skip


def _digest(*parts: Any) -> bytes:
    return hashlib.sha256(json.dumps(parts, separators=(",", ":")).encode()).digest()


def derive_seed(generator: str, start_index: int, num_samples: int) -> int:
    """The seed of a message without one: a function of (type, start_index, num_samples)."""
    return int.from_bytes(_digest(generator, start_index, num_samples)[:8], "big") & MAX_SEED


def derive_job_id(generator: str, seed: int) -> str:
    """The job id of a message without one: `adhoc-` + a hash of (type, seed)."""
    return "adhoc-" + _digest(generator, seed).hex()[:16]


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _int_field(d: dict, name: str, low: int, high: int, default: int | None = None) -> int:
    if d.get(name) is None:
        if default is None:
            raise MissingField(f"missing required field {name!r}")
        return default
    v = d[name]
    if not _is_int(v):
        raise InvalidField(f"{name} must be an integer, got {_show(v)}")
    if not low <= v <= high:
        raise InvalidField(f"{name} must be in {low}..{high}, got {v}")
    return v


def _show(v: Any) -> str:
    text = json.dumps(v) if not isinstance(v, float) or v == v else repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_body(body: Any) -> dict:
    """The JSON object of a body (str/bytes of JSON, or an already-decoded dict)."""
    if isinstance(body, bytes | bytearray):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidJSON("message body is not UTF-8") from None
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError as e:
            raise InvalidJSON(f"message body is not JSON: {e}") from None
        except RecursionError:
            raise InvalidJSON("message body is not JSON: nested too deeply") from None
    if not isinstance(body, dict):
        raise InvalidMessage(f"message body must be a JSON object, got {type(body).__name__}")
    return body


def parse_task(
    body: Any,
    *,
    default_bucket: str | None = None,
    allowed_buckets: Collection[str] = (),
    default_prefix: str = layout.DEFAULT_PREFIX,
    require_bucket: bool = True,
    allowed_prefixes: Collection[str] = (),
) -> Task:
    """A validated Task from a message body, or the PermanentError saying what is wrong.

    `require_bucket=False` (a folder store) accepts a message with no bucket at all; a
    bucket the message names must still be `default_bucket` or in `allowed_buckets`.
    `allowed_prefixes` (empty: any) confines the message to those prefixes and what
    lies under them."""
    d = parse_body(body)

    gtype = d.get("type")
    if gtype is None:
        raise MissingField("missing required field 'type' (the generator id)")
    if not isinstance(gtype, str):
        raise InvalidField(f"type must be a string, got {_show(gtype)}")
    generator = resolve_generator(gtype)

    num = _int_field(d, "num_samples", 1, MAX_SAMPLES)
    start = _int_field(d, "start_index", 0, layout.MAX_INDEX - 1 - num, 0)

    seed_derived = d.get("seed") is None
    seed = (
        derive_seed(generator, start, num) if seed_derived else _int_field(d, "seed", 0, MAX_SEED)
    )

    fmt = d.get("output_format")
    fmt = "files" if fmt is None else fmt
    if fmt not in FORMATS:
        raise InvalidField(f"output_format must be 'files' or 'tar', got {_show(fmt)}")

    bucket = d.get("output_bucket")
    if bucket is not None and not isinstance(bucket, str):
        raise InvalidField(f"output_bucket must be a string or null, got {_show(bucket)}")
    bucket = bucket.strip() if bucket else default_bucket
    allowed = set(allowed_buckets) | ({default_bucket} if default_bucket else set())
    if bucket is None:
        if require_bucket:
            raise BucketNotAllowed("no output_bucket given and OUTPUT_BUCKET is not set")
    elif bucket not in allowed:
        raise BucketNotAllowed(
            f"output_bucket {bucket!r} is not the stack's bucket or in ALLOWED_BUCKETS"
        )

    prefix = d.get("output_prefix")
    prefix = default_prefix if prefix is None else prefix
    try:
        prefix = layout.validate_prefix(prefix)
    except layout.InvalidKey as e:
        raise InvalidPrefix(f"output_prefix: {e}") from None
    if not layout.prefix_allowed(prefix, allowed_prefixes):
        raise PrefixNotAllowed(
            f"output_prefix {prefix!r} is not in ALLOWED_PREFIXES "
            f"({', '.join(sorted(allowed_prefixes))}) or under one of them"
        )

    job_id_derived = d.get("job_id") is None
    job_id = derive_job_id(generator, seed) if job_id_derived else d["job_id"]
    try:
        layout.validate_job_id(job_id)
    except layout.InvalidKey as e:
        raise InvalidField(str(e)) from None

    params = d.get("params")
    params = {} if params is None else params
    if not isinstance(params, dict):
        raise InvalidField(f"params must be an object, got {_show(params)}")
    resolved = resolve_params(generator, params)
    version = generator_version(generator)

    dedup = d.get("dedup", False)
    if dedup is not None and not isinstance(dedup, bool):
        raise InvalidField(f"dedup must be true or false, got {_show(dedup)}")

    return Task(
        generator=generator, type=gtype, start_index=start, num_samples=num, seed=seed,
        output_format=fmt, output_bucket=bucket, output_prefix=prefix, job_id=job_id,
        params=params, resolved_params=resolved, dedup=bool(dedup), generator_version=version,
        seed_derived=seed_derived,
        job_id_derived=job_id_derived, unknown_fields=tuple(sorted(set(d) - KNOWN_FIELDS)),
    )  # fmt: skip


def resolve_generator(name: str) -> str:
    from generators.registry import UnknownGenerator, lookup

    try:
        return lookup(name)
    except UnknownGenerator as e:
        raise UnknownGeneratorType(str(e)) from None


def resolve_params(generator: str, params: dict) -> dict:
    from generators.params import ParamError
    from generators.registry import get_spec

    try:
        spec = get_spec(generator)
    except Exception as e:  # a broken generator module: the same on every retry
        raise GeneratorUnavailable(f"generator {generator} cannot be loaded: {e}") from e
    try:
        return spec.resolve_params(params)
    except ParamError as e:
        raise InvalidParams(f"{generator}: {e}") from None
    except (TypeError, ValueError, OverflowError) as e:
        # an unorderable value compared with a bound, an int too large for a float param:
        # the same on every retry
        raise InvalidParams(f"{generator}: bad param value: {_show(str(e))}") from None


def generator_version(generator: str) -> int:
    from generators.registry import get_spec

    return get_spec(generator).version
