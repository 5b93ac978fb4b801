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

`create_bytes` / `create_file` write a key only if it does not exist yet, atomically:
S3 with a conditional put (`If-None-Match: *`, on the single PUT or on the completion
of a multipart upload), the folder store by hard-linking the finished temporary file
into place (a link never replaces an existing file). A taken key raises `AlreadyExists`.
The pipeline writes every key this way, so nothing it wrote is ever overwritten.

Failure and attempt records are put with the object tag `vmwheel-record=expires`, which
the stack's lifecycle rule expires under any prefix.

S3 uses the standard boto3 chain; `AWS_ENDPOINT_URL` (or `endpoint_url=`) points it at
another endpoint such as a local moto server. boto3 is imported only when an S3 store is
opened.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .layout import EXPIRY_TAG, InvalidKey, is_expiring_record, validate_key

CONTENT_TYPES = {
    ".png": "image/png",
    ".mp4": "video/mp4",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".gz": "application/gzip",
}
_MULTIPART_AT = 64 * 1024 * 1024
_PART_SIZE = 64 * 1024 * 1024
_PARTIAL = ".partial-"
_CHUNK = 1 << 20
# Network limits of the S3 and SQS clients: the botocore defaults (60 s each) would let one
# stuck request eat the whole end-of-run reserve.
CONNECT_TIMEOUT_S = 5
READ_TIMEOUT_S = 30
MAX_ATTEMPTS = 4


class StoreError(Exception):
    """A backend operation failed (network, permissions, missing bucket, full disk...)."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.code = code


class NotFound(StoreError):
    """The key does not exist."""


class AlreadyExists(StoreError):
    """`create_*` found the key taken; nothing was written."""


class Digest(NamedTuple):
    sha256: str
    size: int


def digest_file(path: str | Path) -> Digest:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return Digest(h.hexdigest(), size)


def content_type(key: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(key)[1].lower(), "application/octet-stream")


class Store(ABC):
    """The interface. `url` names the store (`s3://bucket`, `file:///abs/path`). Abstract:
    a store missing a method fails when it is made, naming the method."""

    url: str

    @abstractmethod
    def put_bytes(self, key: str, data: bytes, content_type: str | None = None) -> None: ...

    @abstractmethod
    def create_bytes(self, key: str, data: bytes) -> None:
        """Write `key` only if it does not exist (AlreadyExists otherwise)."""

    @abstractmethod
    def create_file(self, key: str, path: str | Path) -> None:
        """Upload a file to `key` only if the key does not exist (AlreadyExists otherwise)."""

    @abstractmethod
    def size(self, key: str) -> int:
        """The object's size in bytes (NotFound if it is absent)."""

    @abstractmethod
    def digest(self, key: str) -> Digest:
        """sha256 and size of the object, read in full (NotFound if it is absent)."""

    @abstractmethod
    def list_folders(self, prefix: str) -> list[str]:
        """Names of the immediate sub-folders of `prefix` (which ends with `/`), sorted."""

    @abstractmethod
    def put_file(self, key: str, path: str | Path, content_type: str | None = None) -> None: ...

    @abstractmethod
    def get_bytes(self, key: str) -> bytes: ...

    @abstractmethod
    def get_file(self, key: str, path: str | Path) -> None:
        """Download `key` to `path` (parents created)."""

    @abstractmethod
    def list_keys(self, prefix: str = "", start_after: str | None = None) -> Iterator[str]:
        """Every key starting with `prefix` (a plain string prefix, as in S3), sorted;
        with `start_after`, only keys after it (a lazy iterator: stop reading early)."""

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove `key`; removing a missing key is not an error."""

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
        retries={"max_attempts": MAX_ATTEMPTS, "mode": "standard"},
        connect_timeout=CONNECT_TIMEOUT_S,
        read_timeout=READ_TIMEOUT_S,
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
    cls = (
        NotFound
        if code in ("NoSuchKey", "404", "NotFound")
        else AlreadyExists
        if code in ("PreconditionFailed", "412")
        else StoreError
    )
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

    def _tagging(self, key: str) -> dict:
        return {"Tagging": "=".join(EXPIRY_TAG)} if is_expiring_record(key) else {}

    def put_bytes(self, key, data, content_type=None):
        validate_key(key)
        self._call("put", self.client.put_object, Key=key, Body=data,
                   ContentType=content_type or _ct(key), **self._tagging(key))  # fmt: skip

    def put_file(self, key, path, content_type=None):
        validate_key(key)
        path = Path(path)
        ctype = content_type or _ct(key)
        if path.stat().st_size < _MULTIPART_AT:
            with open(path, "rb") as f:
                self._call("put", self.client.put_object, Key=key, Body=f, ContentType=ctype,
                           **self._tagging(key))  # fmt: skip
            return
        self._multipart(key, path, ctype, {})

    def create_bytes(self, key, data):
        validate_key(key)
        self._call("create", self.client.put_object, Key=key, Body=data, ContentType=_ct(key),
                   IfNoneMatch="*", **self._tagging(key))  # fmt: skip

    def create_file(self, key, path):
        validate_key(key)
        path = Path(path)
        if path.stat().st_size < _MULTIPART_AT:
            with open(path, "rb") as f:
                self._call("create", self.client.put_object, Key=key, Body=f,
                           ContentType=_ct(key), IfNoneMatch="*", **self._tagging(key))  # fmt: skip
            return
        self._multipart(key, path, _ct(key), {"IfNoneMatch": "*"})

    def _multipart(self, key: str, path: Path, ctype: str, complete: dict) -> None:
        """A multipart upload by hand: boto3's transfer manager cannot make the completion
        conditional. Parts go one after another (the caller already uploads in parallel)."""
        upload = self._call("create", self.client.create_multipart_upload, Key=key,
                            ContentType=ctype, **self._tagging(key))["UploadId"]  # fmt: skip
        try:
            parts = []
            with open(path, "rb") as f:
                number = 1
                while chunk := f.read(_PART_SIZE):
                    etag = self._call("upload part of", self.client.upload_part, Key=key,
                                      UploadId=upload, PartNumber=number, Body=chunk)["ETag"]  # fmt: skip
                    parts.append({"ETag": etag, "PartNumber": number})
                    number += 1
            self._call("complete", self.client.complete_multipart_upload, Key=key,
                       UploadId=upload, MultipartUpload={"Parts": parts}, **complete)  # fmt: skip
        except BaseException:
            from contextlib import suppress

            with suppress(Exception):
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload)
            raise

    def get_bytes(self, key):
        validate_key(key)
        return self._call("get", self.client.get_object, Key=key)["Body"].read()

    def get_file(self, key, path):
        data = self.get_bytes(key)
        _write_atomic(Path(path), data)

    def size(self, key):
        validate_key(key)
        return int(self._call("head", self.client.head_object, Key=key)["ContentLength"])

    def digest(self, key):
        validate_key(key)
        body = self._call("get", self.client.get_object, Key=key)["Body"]
        h = hashlib.sha256()
        size = 0
        from botocore.exceptions import BotoCoreError

        try:
            for chunk in body.iter_chunks(_CHUNK):
                h.update(chunk)
                size += len(chunk)
        except BotoCoreError as e:
            raise _s3_error(e, f"get {self.url}/{key}") from e
        return Digest(h.hexdigest(), size)

    def list_keys(self, prefix="", start_after=None):
        paginator = self.client.get_paginator("list_objects_v2")
        from botocore.exceptions import BotoCoreError, ClientError

        extra = {"StartAfter": start_after} if start_after else {}
        try:
            for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix, **extra):
                for obj in page.get("Contents", []):
                    yield obj["Key"]
        except (ClientError, BotoCoreError) as e:
            raise _s3_error(e, f"list {self.url}/{prefix}") from e

    def list_folders(self, prefix):
        paginator = self.client.get_paginator("list_objects_v2")
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return sorted(
                cp["Prefix"][len(prefix) :].rstrip("/")
                for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix, Delimiter="/")
                for cp in page.get("CommonPrefixes", [])
            )
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


def _write_atomic(
    path: Path, data: bytes | None = None, source: Path | None = None, exclusive: bool = False
) -> None:
    """Write a hidden temporary file and move it into place; `exclusive`: hard-link it
    instead, which fails with FileExistsError when the name is taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{_PARTIAL}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        if source is not None:
            shutil.copyfile(source, tmp)
        else:
            tmp.write_bytes(data)
        if exclusive:
            os.link(tmp, path)
            tmp.unlink()
        else:
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
        except FileExistsError as e:
            raise AlreadyExists(f"{what} {self.url}/{key}: already exists", "AlreadyExists") from e
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

    def create_bytes(self, key, data):
        path = self._path(key)
        self._os("create", key, lambda: _write_atomic(path, bytes(data), exclusive=True))

    def create_file(self, key, path):
        dest = self._path(key)
        self._os("create", key, lambda: _write_atomic(dest, source=Path(path), exclusive=True))

    def get_bytes(self, key):
        path = self._path(key)
        return self._os("get", key, path.read_bytes)

    def size(self, key):
        path = self._path(key)
        if not path.is_file():
            raise NotFound(f"head {self.url}/{key}: not found", "NoSuchKey")
        return self._os("head", key, lambda: path.stat().st_size)

    def digest(self, key):
        path = self._path(key)
        if not path.is_file():
            raise NotFound(f"get {self.url}/{key}: not found", "NoSuchKey")
        return self._os("get", key, lambda: digest_file(path))

    def list_folders(self, prefix):
        top = self.root / prefix if prefix else self.root
        if prefix and (".." in prefix.split("/") or prefix.startswith("/")):
            raise InvalidKey(f"bad prefix {prefix!r}")
        try:
            return sorted(e.name for e in os.scandir(top)
                          if e.is_dir(follow_symlinks=False) and _PARTIAL not in e.name)  # fmt: skip
        except FileNotFoundError:
            return []
        except OSError as e:
            raise StoreError(f"list {self.url}/{prefix}: {e}", type(e).__name__) from e

    def get_file(self, key, path):
        src = self._path(key)
        if not src.is_file():
            raise NotFound(f"get {self.url}/{key}: not found", "NoSuchKey")
        self._os("get", key, lambda: _write_atomic(Path(path), source=src))

    def list_keys(self, prefix="", start_after=None):
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
                if key.startswith(prefix) and (start_after is None or key > start_after):
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
