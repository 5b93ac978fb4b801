"""What the CLI and the console drive: configuration, AWS (via boto3), the embedded local
stack, and jobs (plan, submit, ledger, resubmit, sync).

Plain functions and classes returning data; no printing, no argparse. Every expected
failure is a `BackendError` whose message is one line fit to show an operator.
"""

from .errors import (
    AccessDenied,
    BackendError,
    ConfigError,
    EndpointUnreachable,
    InvalidRequest,
    NoCredentials,
    NotFound,
    PurgeInProgress,
    QueueMissing,
)

__all__ = [
    "AccessDenied", "BackendError", "ConfigError", "EndpointUnreachable", "InvalidRequest",
    "NoCredentials", "NotFound", "PurgeInProgress", "QueueMissing",
]  # fmt: skip
