"""Stack settings read from CDK context, with defaults and validation.

Every value can be set with `-c key=value` on the CDK command line (values arrive as strings)
or in cdk.json (values arrive as JSON types). Invalid settings fail synthesis with a message
that names the context key, instead of surfacing later as a failed deployment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from constructs import Construct

# Lambda's limits for a function: memory and timeout maxima, and the SQS event source's
# allowed range for maximum concurrency.
MAX_MEMORY_MB = 10240
MAX_TIMEOUT_SECONDS = 900
MAX_VISIBILITY_TIMEOUT_SECONDS = 12 * 60 * 60
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_PREFIX = re.compile(r"^[A-Za-z0-9.=+@,-][A-Za-z0-9._=+@,/-]*$")


class ConfigError(ValueError):
    """A context value that would produce a broken stack."""


@dataclass(frozen=True)
class StackConfig:
    memory_mb: int = MAX_MEMORY_MB
    timeout_seconds: int = MAX_TIMEOUT_SECONDS
    # None: one minute more than the function timeout (see visibility_timeout).
    visibility_timeout_seconds: int | None = None
    # Low enough for a new account's Lambda concurrency quota: SQS invocations that are
    # throttled still count as receives and can push messages to the DLQ.
    max_concurrency: int = 10
    max_receive_count: int = 3
    output_prefix: str = "questions"
    # Prefixes a message may write under (and whatever lies below them); empty: just
    # output_prefix. Enforced by the worker and by the role's S3 grants.
    allowed_prefixes: tuple[str, ...] = ()
    allowed_buckets: tuple[str, ...] = ()
    alarm_email: str | None = None
    log_level: str = "INFO"
    # The oldest task message may wait this long before the alarm says the queue is stuck
    # (the queue keeps messages 14 days).
    max_message_age_hours: int = 24
    # None: vm-data-wheel-{account}-{region}, fixed for the life of the stack.
    bucket_name: str | None = None

    @property
    def prefixes(self) -> tuple[str, ...]:
        """The allowed prefixes (output_prefix when none are given)."""
        return self.allowed_prefixes or (self.output_prefix,)

    @property
    def visibility_timeout(self) -> int:
        if self.visibility_timeout_seconds is not None:
            return self.visibility_timeout_seconds
        return self.timeout_seconds + 60

    def validate(self) -> StackConfig:
        _check_range("memoryMb", self.memory_mb, 128, MAX_MEMORY_MB)
        _check_range("timeoutSeconds", self.timeout_seconds, 1, MAX_TIMEOUT_SECONDS)
        _check_range("maxConcurrency", self.max_concurrency, 2, 1000)
        _check_range("maxReceiveCount", self.max_receive_count, 1, 1000)
        # A message must stay hidden for as long as a worker can hold it, or SQS hands it to
        # a second worker while the first is still generating the same shard.
        if self.visibility_timeout <= self.timeout_seconds:
            raise ConfigError(
                f"context visibilityTimeoutSeconds={self.visibility_timeout} must be greater "
                f"than the function timeout (timeoutSeconds={self.timeout_seconds})"
            )
        _check_range(
            "visibilityTimeoutSeconds", self.visibility_timeout, 1, MAX_VISIBILITY_TIMEOUT_SECONDS
        )
        prefix = self.output_prefix
        if not prefix or prefix.startswith("/") or ".." in prefix.split("/"):
            raise ConfigError(
                f"context outputPrefix={prefix!r} must be non-empty, relative and without '..'"
            )
        for allowed in self.allowed_prefixes:
            if not _PREFIX.match(allowed) or ".." in allowed.split("/"):
                raise ConfigError(f"context allowedPrefixes: {allowed!r} is not a valid prefix")
        if not any(prefix == a or prefix.startswith(a + "/") for a in self.prefixes):
            raise ConfigError(
                f"context outputPrefix={prefix!r} must be one of allowedPrefixes or under one"
            )
        _check_range("maxMessageAgeHours", self.max_message_age_hours, 1, 14 * 24 - 1)
        for name in (*self.allowed_buckets, *([self.bucket_name] if self.bucket_name else [])):
            if not _BUCKET_NAME.match(name):
                raise ConfigError(f"{name!r} is not a valid S3 bucket name")
        if self.log_level not in LOG_LEVELS:
            raise ConfigError(f"context logLevel={self.log_level!r} must be one of {LOG_LEVELS}")
        if self.alarm_email is not None and "@" not in self.alarm_email:
            raise ConfigError(f"context alarmEmail={self.alarm_email!r} is not an e-mail address")
        return self


def _check_range(key: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ConfigError(f"context {key}={value} is out of range [{low}, {high}]")


def _int(scope: Construct, key: str, default: int | None) -> int | None:
    raw = scope.node.try_get_context(key)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"context {key}={raw!r} is not an integer") from None


def _str(scope: Construct, key: str, default: str | None) -> str | None:
    raw = scope.node.try_get_context(key)
    return default if raw is None or raw == "" else str(raw).strip()


def _list(scope: Construct, key: str) -> tuple[str, ...]:
    raw = scope.node.try_get_context(key) or ()
    items = raw.split(",") if isinstance(raw, str) else raw
    return tuple(b.strip().strip("/") for b in items if b.strip().strip("/"))


def from_context(scope: Construct) -> StackConfig:
    """Read and validate the stack settings from the construct tree's context."""
    d = StackConfig()
    return StackConfig(
        memory_mb=_int(scope, "memoryMb", d.memory_mb),
        timeout_seconds=_int(scope, "timeoutSeconds", d.timeout_seconds),
        visibility_timeout_seconds=_int(scope, "visibilityTimeoutSeconds", None),
        max_concurrency=_int(scope, "maxConcurrency", d.max_concurrency),
        max_receive_count=_int(scope, "maxReceiveCount", d.max_receive_count),
        output_prefix=_str(scope, "outputPrefix", d.output_prefix).rstrip("/"),
        allowed_prefixes=_list(scope, "allowedPrefixes"),
        allowed_buckets=_list(scope, "allowedBuckets"),
        alarm_email=_str(scope, "alarmEmail", None),
        log_level=_str(scope, "logLevel", d.log_level).upper(),
        max_message_age_hours=_int(scope, "maxMessageAgeHours", d.max_message_age_hours),
        bucket_name=_str(scope, "bucketName", None),
    ).validate()
