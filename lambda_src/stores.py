"""Where results go: an S3 bucket or a local folder, behind one small interface.

    store = open_store("s3://my-bucket")      # or open_store("./vmwheel-data")
    store.put_bytes("questions/_jobs/j1.json", data)
    for key in store.list_keys("questions/_manifests/j1/"):
        ...

Keys are validated by `layout.validate_key` (relative, no `..`). Reads of a missing key
raise `NotFound`; every other failure of the backend raises `StoreError` (its `code` is
the S3 error code or the exception's class name), with the original as `__cause__`.
Both backends make a written object visible only when complete: S3 by nature, the
folder store by writing a hidden temporary file and renaming it into place.

S3 uses the standard boto3 chain; `AWS_ENDPOINT_URL` (or `endpoint_url=`) points it at
another endpoint such as a local moto server. boto3 is imported only when an S3 store is
opened.
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .layout import InvalidKey, validate_key

CONTENT_TYPES = {
    ".png": "image/png",
    ".mp4": "video/mp4",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".gz": "application/gzip",
}
_MULTIPART_AT = 64 * 1024 * 1024
_PARTIAL = ".partial-"


class StoreError(Exception):
    """A backend operation failed (network, permissions, missing bucket, full disk...)."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.code = code


class NotFound(StoreError):
    """The key does not exist."""


def content_type(key: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(key)[1].lower(), "application/octet-stream")


class Store:
    """The interface. `url` names the store (`s3://bucket`, `file:///abs/path`)."""

    url: str

    def put_bytes(self, key: str, data: bytes, content_type: str | None = None) -> None:
        raise NotImplementedError

    def put_file(self, key: str, path: str | Path, content_type: str | None = None) -> None:
        raise NotImplementedError

    def get_bytes(self, key: str) -> bytes:
        raise NotImplementedError

    def get_file(self, key: str, path: str | Path) -> None:
        """Download `key` to `path` (parents created)."""
        raise NotImplementedError

    def list_keys(self, prefix: str = "") -> Iterator[str]:
        """Every key starting with `prefix` (a plain string prefix, as in S3), sorted."""
        raise NotImplementedError

    def exists(self, key: str) -> bool:
        raise NotImplementedError

    def delete(self, key: str) -> None:
        """Remove `key`; removing a missing key is not an error."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"


# --- S3 ------------------------------------------------------------------------------


def s3_client(endpoint_url: str | None = None, region: str | None = None):
    """A boto3 S3 client honouring AWS_ENDPOINT_URL (path-style addressing for endpoints)."""
    import boto3
    from botocore.config import Config

    endpoint_url = endpoint_url or os.environ.get("AWS_ENDPOINT_URL") or None
    region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    config = Config(
        retries={"max_attempts": 4, "mode": "standard"},
        s3={"addressing_style": "path"} if endpoint_url else {},
        max_pool_connections=16,
    )
    return boto3.client(
        "s3", endpoint_url=endpoint_url, region_name=region or "us-east-1", config=config
    )


def _s3_error(e: Exception, what: str) -> StoreError:
    code = type(e).__name__
    response = getattr(e, "response", None)
    if isinstance(response, dict):
        code = str(response.get("Error", {}).get("Code") or code)
    cls = NotFound if code in ("NoSuchKey", "404", "NotFound") else StoreError
    err = cls(f"{what}: {code}: {e}", code)
    err.__cause__ = e
    return err


class S3Store(Store):
    def __init__(self, bucket: str, client: Any = None, endpoint_url: str | None = None):
        if not isinstance(bucket, str) or not bucket or "/" in bucket:
            raise ValueError(f"bad bucket name {bucket!r}")
        self.bucket = bucket
        self.url = f"s3://{bucket}"
        self._client = client
        self._endpoint_url = endpoint_url
        self._lock = threading.Lock()

    @property
    def client(self):
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = s3_client(self._endpoint_url)
        return self._client

    def _call(self, what: str, fn, **kwargs):
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return fn(Bucket=self.bucket, **kwargs)
        except (ClientError, BotoCoreError) as e:
            raise _s3_error(
                e, f"{what} {self.url}/{kwargs.get('Key', kwargs.get('Prefix', ''))}"
            ) from e

    def put_bytes(self, key, data, content_type=None):
        validate_key(key)
        self._call("put", self.client.put_object, Key=key, Body=data,
                   ContentType=content_type or _ct(key))  # fmt: skip

    def put_file(self, key, path, content_type=None):
        validate_key(key)
        path = Path(path)
        ctype = content_type or _ct(key)
        if path.stat().st_size < _MULTIPART_AT:
            with open(path, "rb") as f:
                self._call("put", self.client.put_object, Key=key, Body=f, ContentType=ctype)
            return
        from boto3.exceptions import S3UploadFailedError

        try:
            self.client.upload_file(str(path), self.bucket, key, ExtraArgs={"ContentType": ctype})
        except S3UploadFailedError as e:
            raise StoreError(f"put {self.url}/{key}: {e}", "S3UploadFailedError") from e

    def get_bytes(self, key):
        validate_key(key)
        return self._call("get", self.client.get_object, Key=key)["Body"].read()

    def get_file(self, key, path):
        data = self.get_bytes(key)
        _write_atomic(Path(path), data)

    def list_keys(self, prefix=""):
        paginator = self.client.get_paginator("list_objects_v2")
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
                for obj in page.get("Contents", []):
                    yield obj["Key"]
        except (ClientError, BotoCoreError) as e:
            raise _s3_error(e, f"list {self.url}/{prefix}") from e

    def exists(self, key):
        validate_key(key)
        try:
            self._call("head", self.client.head_object, Key=key)
        except NotFound:
            return False
        return True

    def delete(self, key):
        validate_key(key)
        self._call("delete", self.client.delete_object, Key=key)


def _ct(key: str) -> str:
    return content_type(key)


# --- local folder --------------------------------------------------------------------


def _write_atomic(path: Path, data: bytes | None = None, source: Path | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{_PARTIAL}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        if source is not None:
            shutil.copyfile(source, tmp)
        else:
            tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class LocalStore(Store):
    """A folder laid out exactly like the bucket: key `a/b/c` is file `{root}/a/b/c`."""

    def __init__(self, root: str | Path):
        self.root = Path(root).expanduser().resolve()
        self.url = self.root.as_uri()

    def _path(self, key: str) -> Path:
        validate_key(key)
        path = self.root / key
        if self.root not in path.parents:
            raise InvalidKey(f"key escapes the store: {key!r}")
        return path

    def _os(self, what: str, key: str, fn):
        try:
            return fn()
        except FileNotFoundError as e:
            raise NotFound(f"{what} {self.url}/{key}: not found", "NoSuchKey") from e
        except IsADirectoryError as e:
            raise NotFound(f"{what} {self.url}/{key}: not found", "NoSuchKey") from e
        except OSError as e:
            raise StoreError(f"{what} {self.url}/{key}: {e}", type(e).__name__) from e

    def put_bytes(self, key, data, content_type=None):
        path = self._path(key)
        self._os("put", key, lambda: _write_atomic(path, bytes(data)))

    def put_file(self, key, path, content_type=None):
        dest = self._path(key)
        self._os("put", key, lambda: _write_atomic(dest, source=Path(path)))

    def get_bytes(self, key):
        path = self._path(key)
        return self._os("get", key, path.read_bytes)

    def get_file(self, key, path):
        src = self._path(key)
        if not src.is_file():
            raise NotFound(f"get {self.url}/{key}: not found", "NoSuchKey")
        self._os("get", key, lambda: _write_atomic(Path(path), source=src))

    def list_keys(self, prefix=""):
        # walk only the deepest folder the prefix names, then filter by string prefix
        base = prefix.rsplit("/", 1)[0] if "/" in prefix else ""
        top = self.root / base if base else self.root
        if base and (".." in base.split("/") or base.startswith("/")):
            raise InvalidKey(f"bad prefix {prefix!r}")
        if not top.is_dir():
            return
        keys = []
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = [d for d in dirnames if _PARTIAL not in d]
            rel = Path(dirpath).relative_to(self.root).as_posix()
            for name in filenames:
                if _PARTIAL in name:
                    continue
                key = name if rel == "." else f"{rel}/{name}"
                if key.startswith(prefix):
                    keys.append(key)
        yield from sorted(keys)

    def exists(self, key):
        return self._path(key).is_file()

    def delete(self, key):
        path = self._path(key)
        self._os("delete", key, lambda: path.unlink(missing_ok=True))


# --- factory ---------------------------------------------------------------------------


def open_store(
    location: str | Path | None = None,
    *,
    bucket: str | None = None,
    local_dir: str | Path | None = None,
    endpoint_url: str | None = None,
    client: Any = None,
) -> Store:
    """A store from a location or keywords.

    `open_store("s3://bucket")`, `open_store("file:///data")`, `open_store("./data")`
    (any other string or a Path is a folder), `open_store(bucket="b")`,
    `open_store(local_dir="./data")`. `endpoint_url` and `client` apply to S3 only.
    """
    given = [x is not None for x in (location, bucket, local_dir)]
    if sum(given) != 1:
        raise ValueError("open_store needs exactly one of location, bucket, local_dir")
    if bucket is not None:
        return S3Store(bucket, client=client, endpoint_url=endpoint_url)
    if local_dir is not None:
        return LocalStore(local_dir)
    loc = str(location)
    if loc.startswith("s3://"):
        name = loc[len("s3://") :].strip("/")
        if not name or "/" in name:
            raise ValueError(f"an S3 location is s3://bucket, got {loc!r}")
        return S3Store(name, client=client, endpoint_url=endpoint_url)
    if loc.startswith("file://"):
        from urllib.parse import unquote, urlparse

        return LocalStore(unquote(urlparse(loc).path))
    return LocalStore(loc)
