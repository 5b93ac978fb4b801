"""S3's naming rules for general purpose buckets, so a form can refuse a bad name as it is
typed instead of at the first PUT."""

from __future__ import annotations

import re

_ALLOWED = re.compile(r"^[a-z0-9.-]+$")
_IP = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


def bucket_problem(name: str) -> str:
    """Why `name` cannot be an S3 bucket name ("" when it can)."""
    if not isinstance(name, str):
        return "a bucket name is a string"
    if not 3 <= len(name) <= 63:
        return f"a bucket name has 3 to 63 characters, not {len(name)}"
    if not _ALLOWED.match(name):
        bad = sorted({c for c in name if not re.match(r"[a-z0-9.-]", c)})
        return ("a bucket name has only lowercase letters, digits, dots and hyphens (not "
                + " ".join(repr(c) for c in bad[:5]) + ")")  # fmt: skip
    if not (name[0].isalnum() and name[-1].isalnum()):
        return "a bucket name begins and ends with a letter or digit"
    if ".." in name:
        return "a bucket name has no two dots in a row"
    if _IP.match(name):
        return "a bucket name is not an IP address"
    for p in RESERVED_PREFIXES:
        if name.startswith(p):
            return f"bucket names starting with {p!r} are reserved"
    for s in RESERVED_SUFFIXES:
        if name.endswith(s):
            return f"bucket names ending with {s!r} are reserved"
    return ""
