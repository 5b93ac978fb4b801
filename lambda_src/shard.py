"""One attempt at a shard, end to end: generate on all CPUs, upload as samples finish, a
manifest for every contiguous range of samples that landed.

`run_shard(task, store, config, todo=..., attempt=..., token=..., remaining_s=...)` works
in a fresh temp folder (removed whatever happens) on the indices of `todo` (default: the
whole message) and returns a `ShardResult`: the manifests written, the samples that
failed (by index), the indices left unfinished (the deadline came first), and the store
error that stopped it, if any. A failing sample fails alone: the others are made and
uploaded, and the manifests cut the range around it, so every manifest still lists every
sample of its range. `shard_error(failures)` is the one error to report for the failed
samples: a `PermanentError` (`SampleFailed`: a generator raised) or a `TransientError`
(`SampleTimeout`, `SampleCrashed`, `SampleTransient`, `WorkerStartFailed`).

Every object is written once (`Store.create_*`): a key that already holds the same bytes
counts as written (a redelivery, or a resubmission with the same seed and params);
other bytes raise `KeyTaken`, which the handler turns into a permanent `KeyCollision`
naming the job that owns the key.

Formats:
- `files`: each finished sample's files are hashed and uploaded by a small thread pool,
  then the sample folder is deleted.
- `tar`: one thread streams finished samples into `{generator}_{start}-{stop}.tar` in
  index order (a WebDataset shard written by `tars.ShardWriter`: members
  `{sample_id}.{file}`, fixed metadata, so the same samples give the same bytes) and
  deletes each sample folder once it is in the tar; samples finishing out of order wait on
  disk for their turn. A sample that fails (or never comes) closes the tar: it is uploaded
  at once and the next sample starts a new one, so a tar, like a manifest, holds one
  contiguous range.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import layout, tars
from .config import Config
from .contract import PermanentError, Task, TransientError
from .ledger import indices_ranges
from .records import FileEntry, Manifest, SampleEntry, TarEntry, Timings
from .runner import RunOutcome, SampleDone, SampleFailure, ShardRunner
from .stores import AlreadyExists, Digest, Store, digest_file

UPLOAD_THREADS = 4
ASSUMED_UPLOAD_RATE = 20e6  # bytes/s until one is measured: a cautious S3 rate from Lambda
_CHUNK = 1 << 20


class SampleFailed(PermanentError):
    """A generator raised: the sample fails the same way on every retry."""


class SampleTimeout(TransientError):
    pass


class SampleCrashed(TransientError):
    pass


class WorkerStartFailed(TransientError):
    pass


class SampleTransient(TransientError):
    """A generator raised an error of a transient kind (e.g. OSError): worth a retry."""


class DeadlineExceeded(TransientError):
    """The invocation ran out of time before any sample of the shard was done."""

    def __init__(self, message: str, started: int = 0):
        super().__init__(message)
        self.started = started


class KeyTaken(Exception):
    """A key the shard writes already holds other bytes."""

    def __init__(self, key: str, index: int | None, ours: Digest, theirs: Digest | None):
        super().__init__(f"{key} already holds other bytes")
        self.key, self.index, self.ours, self.theirs = key, index, ours, theirs


@dataclass
class ShardResult:
    manifests: list[tuple[str, Manifest]]  # one per contiguous range that landed
    failed: dict[int, SampleFailure]
    unfinished: list[int]
    outcome: RunOutcome
    error: BaseException | None = None  # a store failure that stopped the shard
    other_failures: list[SampleFailure] = field(default_factory=list)  # not of one sample

    @property
    def landed(self) -> list[layout.Range]:
        return [layout.Range(m.start_index, m.stop_index) for _, m in self.manifests]

    @property
    def stop(self) -> int:
        """The end of what landed (0 when nothing did)."""
        return max((m.stop_index for _, m in self.manifests), default=0)

    @property
    def manifest(self) -> Manifest:
        """The manifest of a shard that landed in one piece."""
        (only,) = self.manifests
        return only[1]

    @property
    def manifest_key(self) -> str:
        (only,) = self.manifests
        return only[0]


def code_version() -> str:
    from generators.sample import CODE_VERSION

    return CODE_VERSION


def put_once(store: Store, key: str, path: Path, ours: Digest, index: int | None) -> None:
    """Create `key` from `path`; a key already holding these very bytes is fine (written by
    an earlier attempt), other bytes raise KeyTaken."""
    try:
        store.create_file(key, path)
    except AlreadyExists:
        theirs = store.digest(key)
        if theirs != ours:
            raise KeyTaken(key, index, ours, theirs) from None


def write_manifest(store: Store, key: str, manifest: Manifest) -> None:
    """Create the manifest; one already there listing the same objects (an earlier
    attempt's, with its own timings) stands."""
    try:
        store.create_bytes(key, manifest.to_json())
    except AlreadyExists:
        existing = Manifest.from_json(store.get_bytes(key))
        if not existing.same_content(manifest):
            raise KeyTaken(key, None, Digest("", 0), None) from None


class _Uploads:
    """Bytes waiting to go up, time spent in store calls, and the measured rate."""

    def __init__(self):
        self.pending = 0
        self.sent = 0
        self.seconds = 0.0
        self._lock = threading.Lock()

    def queued(self, n: int) -> None:
        with self._lock:
            self.pending += n

    def put(self, store: Store, key: str, path: Path, digest: Digest, index: int | None) -> None:
        t0 = time.monotonic()
        try:
            put_once(store, key, path, digest, index)
        finally:
            with self._lock:
                self.seconds += time.monotonic() - t0
                self.sent += digest.size
                self.pending = max(0, self.pending - digest.size)

    def expected_s(self) -> float:
        """How long the bytes still due will take at the measured (or assumed) rate."""
        with self._lock:
            rate = self.sent / self.seconds if self.sent >= _CHUNK and self.seconds else 0.0
            return self.pending / min(rate or ASSUMED_UPLOAD_RATE, ASSUMED_UPLOAD_RATE * 5)


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


@dataclass
class Part:
    """A contiguous range that landed: its samples and, in tar format, its tar."""

    start: int
    stop: int
    entries: list[SampleEntry]
    tar: TarEntry | None = None


class FilesSink:
    def __init__(self, store: Store, task: Task, uploads: _Uploads):
        self.store, self.task, self.uploads = store, task, uploads
        self.pool = ThreadPoolExecutor(UPLOAD_THREADS, thread_name_prefix="upload")
        self.futures = {}
        self.error: BaseException | None = None

    def failed(self) -> bool:
        return self.error is not None

    def add(self, done: SampleDone) -> None:
        self.uploads.queued(_folder_bytes(done.folder))
        self.futures[done.index] = self.pool.submit(self._upload, done)

    def gone(self, index: int) -> None:
        """Sample `index` will not come (files need nothing for that)."""

    def _upload(self, done: SampleDone) -> SampleEntry:
        try:
            files = {}
            for name in sorted(done.files):
                path = done.folder / name
                digest = digest_file(path)
                files[name] = FileEntry(digest.sha256, digest.size)
                key = layout.sample_key(self.task.output_prefix, self.task.generator,
                                        done.index, name)  # fmt: skip
                self.uploads.put(self.store, key, path, digest, done.index)
            shutil.rmtree(done.folder, ignore_errors=True)
            return SampleEntry(done.sample_id, done.index, done.param_hash, files)
        except BaseException as e:
            self.error = self.error or e
            raise

    def finish(self) -> list[Part]:
        """The contiguous runs of samples whose every file is up."""
        entries = {}
        for index, future in sorted(self.futures.items()):
            with contextlib.suppress(BaseException):  # the error is in self.error
                entries[index] = future.result()
        return [Part(r.start, r.stop, [entries[i] for i in range(r.start, r.stop)])
                for r in indices_ranges(entries)]  # fmt: skip

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Tar:
    """One tar being written: samples `[start, stop)`."""

    def __init__(self, path: Path, start: int):
        self.path, self.start, self.stop = path, start, start
        self.entries: list[SampleEntry] = []
        self.writer = tars.ShardWriter(path)  # closed in close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()


class TarSink:
    def __init__(self, store: Store, task: Task, uploads: _Uploads, work_dir: Path,
                 indices: list[int]):  # fmt: skip
        self.store, self.task, self.uploads, self.work_dir = store, task, uploads, work_dir
        self.order = sorted(indices)
        self.pos = 0  # order[pos] is the next sample the tar wants
        self.waiting: dict[int, SampleDone] = {}
        self.gone_: set[int] = set()
        self.current: _Tar | None = None
        self.parts: list[Part] = []
        self.error: BaseException | None = None
        self.queue: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._loop, name="tar", daemon=True)
        self.thread.start()

    def failed(self) -> bool:
        return self.error is not None

    def add(self, done: SampleDone) -> None:
        self.uploads.queued(_folder_bytes(done.folder))
        self.queue.put(("done", done))

    def gone(self, index: int) -> None:
        """Sample `index` will not come: the tar before it is finished now."""
        self.queue.put(("gone", index))

    def _loop(self) -> None:
        while (event := self.queue.get()) is not None:
            if self.error is not None:
                continue
            kind, value = event
            try:
                if kind == "done":
                    self.waiting[value.index] = value
                else:
                    self.gone_.add(value)
                self._advance(final=False)
            except BaseException as e:
                self.error = e

    def _advance(self, final: bool) -> None:
        """Append every sample whose turn it is; close the tar at a gap. `final`: nothing
        more will come, so a missing sample is a gap."""
        while self.pos < len(self.order):
            index = self.order[self.pos]
            if index in self.waiting:
                if self.current is not None and self.current.stop != index:
                    self._close_part()
                if self.current is None:
                    path = self.work_dir / f"part-{index:08d}{layout.TAR_SUFFIX}"
                    self.current = _Tar(path, index)
                self._append(self.waiting.pop(index))
            elif index in self.gone_ or final:
                self._close_part()
            else:
                return
            self.pos += 1
        if final:
            self._close_part()

    def _append(self, done: SampleDone) -> None:
        part = self.current
        files = {}
        for name in sorted(done.files):
            member = layout.tar_member(self.task.generator, done.index, name)
            files[name] = part.writer.add_file(member, done.folder / name)
        shutil.rmtree(done.folder, ignore_errors=True)
        part.entries.append(SampleEntry(done.sample_id, done.index, done.param_hash, files))
        part.stop = done.index + 1

    def _close_part(self) -> None:
        """Finish the tar being written and upload it at once."""
        part, self.current = self.current, None
        if part is None:
            return
        part.close()
        digest = digest_file(part.path)
        key = layout.tar_key(self.task.output_prefix, self.task.generator, part.start, part.stop)
        try:
            self.uploads.put(self.store, key, part.path, digest, part.start)
        finally:
            part.path.unlink(missing_ok=True)
        self.parts.append(Part(part.start, part.stop, part.entries,
                               TarEntry(key, digest.sha256, digest.size)))  # fmt: skip

    def finish(self) -> list[Part]:
        """The tars that went up, once what has come is written (what has not is a gap)."""
        self.queue.put(None)
        self.thread.join()
        if self.error is None:
            try:
                self._advance(final=True)
            except BaseException as e:
                self.error = e
        return list(self.parts)

    def close(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        if self.current is not None:
            self.current.close()
            self.current.path.unlink(missing_ok=True)
            self.current = None


def shard_error(failures: list[SampleFailure], total: int) -> Exception:
    """One error for the failed samples: permanent if any generator raised."""
    permanent = [f for f in failures if f.permanent]
    first = (permanent or failures)[0]
    summary = f"{len(failures)} of {total} samples failed" if len(failures) > 1 else ""
    message = f"{first.error} ({summary})" if summary else first.error
    tails = "\n".join(
        f"--- sample {f.index} ---\n{f.output_tail}" if len(failures) > 1 else f.output_tail
        for f in failures
        if f.output_tail
    )
    details = "\n".join(f.traceback for f in failures if f.traceback)
    if permanent:
        return SampleFailed(message, details, tails)
    known = {"SampleTimeout": SampleTimeout, "SampleCrashed": SampleCrashed,
             "WorkerStartFailed": WorkerStartFailed}  # fmt: skip
    # Anything else is a transient error the generator itself raised (an OSError, say).
    return known.get(first.error_type, SampleTransient)(message, details, tails)


def run_shard(
    task: Task,
    store: Store,
    config: Config,
    *,
    todo: list[layout.Range] | None = None,
    attempt: int = 1,
    token: str = "",
    remaining_s=None,
) -> ShardResult:
    t0 = time.monotonic()
    ranges = todo if todo is not None else [layout.Range(task.start_index, task.stop_index)]
    indices = [i for r in ranges for i in range(r.start, r.stop)]
    work = Path(tempfile.mkdtemp(prefix="vmwheel-"))
    uploads = _Uploads()
    sink: FilesSink | TarSink | None = None
    try:
        if task.output_format == "tar":
            sink = TarSink(store, task, uploads, work, indices)
        else:
            sink = FilesSink(store, task, uploads)

        def reserve() -> float:  # the fixed reserve, plus the uploads still due
            return config.deadline_reserve_s + uploads.expected_s()

        runner = ShardRunner(
            task.generator, task.seed, task.resolved_params, indices, work,
            workers=config.worker_processes, sample_timeout_s=config.sample_timeout_s,
            reserve_s=reserve, remaining_s=remaining_s, on_done=sink.add,
            on_failed=sink.gone, should_abort=sink.failed,
        )  # fmt: skip
        outcome = runner.run()
        generate_s = outcome.elapsed_s
        parts = sink.finish()
        manifests = []
        error = sink.error
        for part in parts:
            manifest = Manifest(
                job_id=task.job_id, generator=task.generator, start_index=part.start,
                stop_index=part.stop, seed=task.seed, params=task.resolved_params,
                output_format=task.output_format, code_version=code_version(),
                attempt=attempt, samples=part.entries, tar=part.tar,
                timings=Timings(round(time.monotonic() - t0, 3), round(generate_s, 3),
                                round(uploads.seconds, 3)),
                bytes=part.tar.size if part.tar else sum(e.bytes for e in part.entries),
                generator_version=task.generator_version, attempt_token=token,
            )  # fmt: skip
            key = layout.manifest_key(task.output_prefix, task.job_id, task.generator,
                                      part.start, part.stop)  # fmt: skip
            try:
                write_manifest(store, key, manifest)  # last: the range is done once it exists
            except BaseException as e:
                error = error or e
                continue
            manifests.append((key, manifest))
        landed = {i for p in parts for i in range(p.start, p.stop)}
        failed = outcome.failed
        unfinished = [i for i in indices if i not in landed and i not in failed]
        return ShardResult(manifests, failed, unfinished, outcome, error,
                           [f for f in outcome.failures if f.index is None])  # fmt: skip
    finally:
        if sink is not None:
            sink.close()
        shutil.rmtree(work, ignore_errors=True)
