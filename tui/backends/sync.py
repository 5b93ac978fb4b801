"""Sync: mirror a job's (or a prefix's) finished samples into a folder, checked against
the manifests.

    report = sync(store, "out/", job_id="20250101-120000-abc123")
    report = sync(store, "out/", job_id=J, generator="O-48_sudoku", index=7)   # one sample

Whatever the job's format, samples land as `dest/{generator}/{sample_id}/{file}`: a
shard's tar is downloaded, checked against its manifest, unpacked member by member and
removed (`keep_tar=True` keeps it beside the sample folders). Tars of either layout unpack
(`tars`). The manifests and the job record land under `dest/_manifests/` and
`dest/_jobs/` as in the store. A file already there with the manifest's size and sha256 is
kept; a shard all of whose files are in place is not downloaded at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from lambda_src import layout, tars
from lambda_src.records import FileEntry, Manifest, RecordError, SampleEntry
from lambda_src.stores import NotFound as StoreNotFound
from lambda_src.stores import Store, StoreError

from .errors import BackendError, InvalidRequest
from .jobs import find_job, store_errors


@dataclass
class SyncReport:
    files: int = 0  # sample files the manifests list (of what was asked)
    downloaded: int = 0  # sample files written
    skipped: int = 0  # already there with the same size and sha256
    bytes: int = 0  # fetched from the store
    tars: int = 0  # shard tars fetched
    failed: list[str] = field(default_factory=list)
    manifests: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class SyncItem:
    """One object to fetch: a sample file, or a shard's tar and the samples inside it."""

    key: str
    rel: str  # where it lands, relative to dest
    size: int
    sha256: str
    generator: str
    samples: list[SampleEntry] | None = None  # a tar's samples (None: a sample file)

    def expected(self) -> list[tuple[str, FileEntry]]:
        """(relative path, entry) of every sample file this item puts in place."""
        if self.samples is None:
            return [(self.rel, FileEntry(self.sha256, self.size))]
        return [(f"{self.generator}/{s.sample_id}/{name}", f)
                for s in self.samples for name, f in sorted(s.files.items())]  # fmt: skip


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def same(path: Path, size: int, sha: str) -> bool:
    """Whether `path` holds exactly these bytes."""
    try:
        return path.stat().st_size == size and sha256_file(path) == sha
    except OSError:
        return False


def sync_plan(
    store: Store,
    job_id: str | None = None,
    prefix: str | None = None,
    generator: str | None = None,
    index: int | None = None,
) -> tuple[str, list[SyncItem], list[tuple[str, bytes]]]:
    """(prefix, items to fetch, [(key, bytes)] of manifests and job records to write).

    `generator` narrows to one generator (its manifests and the job record come along);
    `index` to one sample of it (no records)."""
    if job_id is None and prefix is None:
        raise InvalidRequest("sync needs a job id or --prefix")
    if index is not None and generator is None:
        raise InvalidRequest("a sample index needs its generator")
    if job_id is not None:
        prefix = find_job(store, job_id, prefix)
        list_at = layout.manifests_prefix(prefix, job_id, generator)
    else:
        try:
            prefix = layout.validate_prefix(prefix)
        except layout.InvalidKey as e:
            raise InvalidRequest(str(e)) from None
        list_at = f"{prefix}/{layout.MANIFESTS}/"
    items: list[SyncItem] = []
    manifests: list[tuple[str, bytes]] = []
    base = prefix + "/"
    with store_errors(f"reading manifests under {list_at}"):
        for key in store.list_keys(list_at):
            try:
                layout.parse_manifest_key(key)
            except layout.InvalidKey:
                continue
            data = store.get_bytes(key)
            try:
                m = Manifest.from_json(data)
            except RecordError:
                continue
            if generator is not None and m.generator != generator:
                continue
            samples = [s for s in m.samples if index is None or s.index == index]
            if not samples:
                continue
            manifests.append((key, data))
            if m.tar is not None:
                items.append(SyncItem(m.tar.key, m.tar.key.removeprefix(base), m.tar.size,
                                      m.tar.sha256, m.generator, samples))  # fmt: skip
                continue
            for s in samples:
                for name, f in sorted(s.files.items()):
                    key_ = layout.sample_key(prefix, m.generator, s.index, name)
                    items.append(SyncItem(key_, key_.removeprefix(base), f.size, f.sha256,
                                          m.generator))  # fmt: skip
        jobs = [job_id] if job_id else sorted({layout.parse_manifest_key(k).job_id
                                                for k, _ in manifests})  # fmt: skip
        records = []
        for j in jobs:
            with contextlib.suppress(StoreNotFound):
                records.append(
                    (layout.job_key(prefix, j), store.get_bytes(layout.job_key(prefix, j)))
                )
    if index is not None and not items:
        raise InvalidRequest(f"no finished files of {layout.sample_id(generator, index)}")
    return prefix, items, ([] if index is not None else manifests + records)


def _write_member(reader, size: int, entry: FileEntry, path: Path) -> None:
    """A tar member into `path` (whole or not at all), checked against its manifest entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            got = tars.sha256_copy(reader, out)
        if (got.size, got.sha256) != (entry.size, entry.sha256) or size != entry.size:
            raise BackendError(f"{path.parent.name}/{path.name} does not match its manifest")
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


class _Syncer:
    def __init__(self, store: Store, dest: Path, keep_tar: bool):
        self.store, self.dest, self.keep_tar = store, dest, keep_tar

    def fetch(self, item: SyncItem) -> tuple[int, int, int]:
        """(files written, files already in place, bytes fetched) for one item."""
        if item.samples is None:
            path = self.dest / item.rel
            if same(path, item.size, item.sha256):
                return 0, 1, 0
            self.store.get_file(item.key, path)
            if not same(path, item.size, item.sha256):
                path.unlink(missing_ok=True)
                raise BackendError("downloaded file does not match its manifest")
            return 1, 0, item.size
        return self.unpack(item)

    def unpack(self, item: SyncItem) -> tuple[int, int, int]:
        expected = item.expected()
        todo = {rel: f for rel, f in expected if not same(self.dest / rel, f.size, f.sha256)}
        written, kept = len(todo), len(expected) - len(todo)
        tar_path = self.dest / item.rel
        have_tar = self.keep_tar and same(tar_path, item.size, item.sha256)
        if not todo and (have_tar or not self.keep_tar):
            return 0, kept, 0
        fetched = 0
        if not have_tar:
            tar_path.parent.mkdir(parents=True, exist_ok=True)
            if not self.keep_tar:  # a temporary name beside the samples, removed after
                fd, name = tempfile.mkstemp(dir=tar_path.parent, prefix=".sync-", suffix=".tar")
                os.close(fd)
                tar_path = Path(name)
            self.store.get_file(item.key, tar_path)
            fetched = item.size
        try:
            if not same(tar_path, item.size, item.sha256):
                raise BackendError("downloaded tar does not match its manifest")
            for sample_id, name, reader, size in tars.iter_members(tar_path):
                rel = f"{item.generator}/{sample_id}/{name}"
                if rel in todo:
                    _write_member(reader, size, todo.pop(rel), self.dest / rel)
            if todo:
                raise BackendError(f"the tar lacks {sorted(todo)[0]}")
        except tars.TarLayoutError as e:
            raise BackendError(str(e)) from None
        finally:
            if not self.keep_tar:
                tar_path.unlink(missing_ok=True)
        return written, kept, fetched


def sync(
    store: Store,
    dest: str | Path,
    *,
    job_id: str | None = None,
    prefix: str | None = None,
    generator: str | None = None,
    index: int | None = None,
    keep_tar: bool = False,
    threads: int = 8,
    on_total: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> SyncReport:
    """Mirror a job's (or a prefix's, a generator's, a sample's) finished samples into
    `dest` as sample folders, with the manifests and job records; every file is checked
    against its manifest. `on_total`/`on_progress` count sample files."""
    dest = Path(dest)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InvalidRequest(f"cannot create {dest}: {e.strerror or e}") from None
    prefix, items, records = sync_plan(store, job_id, prefix, generator, index)
    report = SyncReport(files=sum(len(it.expected()) for it in items),
                        manifests=sum(1 for k, _ in records if f"/{layout.MANIFESTS}/" in k))  # fmt: skip
    if on_total:
        on_total(report.files)
    syncer = _Syncer(store, dest, keep_tar)
    lock = threading.Lock()
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        futures = {pool.submit(syncer.fetch, it): it for it in items}
        for future in as_completed(futures):
            item = futures[future]
            try:
                written, kept, fetched = future.result()
            except (StoreError, BackendError, OSError) as e:
                with lock:
                    report.failed.append(f"{item.key}: {e}")
                written = kept = fetched = 0
            with lock:
                report.downloaded += written
                report.skipped += kept
                report.bytes += fetched
                report.tars += bool(fetched and item.samples is not None)
            if on_progress:
                on_progress(len(item.expected()))
    base = prefix + "/"
    for key, data in records:
        path = dest / key.removeprefix(base)
        try:
            if not path.is_file() or path.read_bytes() != data:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        except OSError as e:
            report.failed.append(f"{key}: {e}")
    report.failed.sort()
    return report
