"""Typed errors with one-line messages, and the translation of boto3/botocore failures."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator


class BackendError(Exception):
    """An expected failure; `str(e)` is one line fit to show an operator."""

    def __str__(self) -> str:
        text = str(self.args[0]) if self.args else type(self).__name__
        return " ".join(text.split())  # one line, whatever the cause said


class ConfigError(BackendError):
    """Nothing (or something contradictory) is configured: no queue, no bucket, no store."""


class InvalidRequest(BackendError):
    """What was asked cannot be done as asked: unknown generator, bad params, samples <= 0."""


class NoCredentials(BackendError):
    """The AWS credential chain found nothing, or a profile is missing."""


class EndpointUnreachable(BackendError):
    """Nothing answers at the endpoint (a local stack not running, no network)."""


class AccessDenied(BackendError):
    """The credentials work but lack a permission, or are expired or invalid."""


class QueueMissing(BackendError):
    """The queue URL names no queue."""


class NotFound(BackendError):
    """A job, bucket, stack or object that does not exist."""


class PurgeInProgress(BackendError):
    """SQS allows one purge per queue per 60 seconds."""


_DENIED = {
    "AccessDenied", "AccessDeniedException", "AuthorizationError", "UnauthorizedOperation",
    "InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken", "ExpiredTokenException",
    "SignatureDoesNotMatch", "InvalidSecurity", "KMS.AccessDeniedException", "AllAccessDisabled",
    "InvalidAccessKeyId", "RequestExpired", "403",
}  # fmt: skip
_NO_QUEUE = {"AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"}
_NOT_FOUND = {"NoSuchBucket", "NoSuchKey", "404", "NotFound", "ResourceNotFoundException"}
_PURGE = {"AWS.SimpleQueueService.PurgeQueueInProgress", "PurgeQueueInProgress"}


def translate(error: Exception, action: str) -> BackendError | None:
    """The BackendError for a boto3/botocore exception raised while doing `action`, or None
    when it is not one of those."""
    try:
        from botocore import exceptions as bx
    except ImportError:  # pragma: no cover - boto3 is a dependency
        return None
    if isinstance(error, BackendError):
        return error
    if isinstance(error, bx.NoCredentialsError | bx.PartialCredentialsError):
        return NoCredentials(
            f"{action}: no AWS credentials found (set AWS_PROFILE or run `aws configure`, "
            "or start `vmwheel local` for the embedded stack)"
        )
    if isinstance(error, bx.ProfileNotFound):
        return NoCredentials(f"{action}: {error}")
    if isinstance(error, bx.NoRegionError):
        return ConfigError(f"{action}: no AWS region configured (pass --region or set AWS_REGION)")
    if isinstance(error, bx.EndpointConnectionError | bx.ConnectTimeoutError):
        url = getattr(error, "kwargs", {}).get("endpoint_url", "")
        return EndpointUnreachable(
            f"{action}: cannot reach {url or 'the endpoint'} (is it running? "
            "`vmwheel local` starts the embedded stack)"
        )
    if isinstance(error, bx.ReadTimeoutError | bx.ConnectionClosedError):
        return EndpointUnreachable(f"{action}: the endpoint stopped answering ({error})")
    if isinstance(error, bx.SSOError | bx.TokenRetrievalError | bx.CredentialRetrievalError):
        return NoCredentials(f"{action}: {error}")
    if isinstance(error, bx.ParamValidationError):
        return InvalidRequest(f"{action}: {error}")
    if isinstance(error, bx.ClientError):
        err = error.response.get("Error", {})
        code = str(err.get("Code", ""))
        message = str(err.get("Message", "")).strip() or code
        xml = re.search(r"<Code>(.*?)</Code>.*?<Message>(.*?)</Message>", message, re.S)
        if xml:  # an XML error body the JSON protocol could not parse (some endpoints)
            code, message = xml.group(1), xml.group(2)
        if "<html" in message.lower():  # an HTML error page (e.g. an action moto lacks)
            message = f"HTTP {error.response.get('ResponseMetadata', {}).get('HTTPStatusCode')}"
        if code in _DENIED:
            return AccessDenied(f"{action}: access denied ({code}: {message})")
        if code in _NO_QUEUE:
            return QueueMissing(f"{action}: the queue does not exist")
        if code in _PURGE:
            return PurgeInProgress(
                f"{action}: a purge is already in progress (SQS allows one per 60 s)"
            )
        if code in _NOT_FOUND:
            return NotFound(f"{action}: not found ({message})")
        if code == "ValidationError" and "does not exist" in message:
            return NotFound(f"{action}: {message}")
        return BackendError(f"{action}: {code}: {message}")
    if isinstance(error, bx.BotoCoreError):
        return BackendError(f"{action}: {error}")
    return None


@contextlib.contextmanager
def aws_errors(action: str) -> Iterator[None]:
    """Re-raise boto3/botocore failures inside the block as BackendErrors about `action`."""
    try:
        yield
    except Exception as e:
        translated = translate(e, action)
        if translated is None or translated is e:
            raise
        raise translated from e
