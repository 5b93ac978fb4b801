"""Errors the command line reports as one clear line."""


class CliError(Exception):
    """A problem with what the operator asked for; printed as `vmwheel: error: ...`."""
