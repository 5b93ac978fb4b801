"""One shard, end to end: generate on all CPUs, upload as samples finish, manifest last.

`run_shard(task, store, config, start=..., attempt=..., remaining_s=...)` works in a
fresh temp folder (removed whatever happens) and returns a `ShardResult` for the range
it completed, `[start, result.stop)`: the whole shard, or a prefix of it when the
deadline stopped it (the caller enqueues a continuation for the rest). It raises a
`PermanentError` (`SampleFailed`: a generator raised) or a `TransientError`
(`SampleTimeout`, `SampleCrashed`, `SampleTransient`, `DeadlineExceeded`,
`WorkerStartFailed`) or a
`StoreError` (the store refused or failed) otherwise; no manifest is written then.

Formats:
- `files`: each finished sample's files are hashed and uploaded by a small thread pool,
  then the sample folder is deleted.
- `tar`: one thread streams finished samples into `{generator}_{start}-{stop}.tar` in
  index order (a WebDataset shard written by `tars.ShardWriter`: members
  `{sample_id}.{file}`, fixed metadata, so the same samples give the same bytes) and
  deletes each sample folder once it is in the tar;
  samples finishing out of order wait on disk for their turn. The tar is uploaded and
  deleted at the end.
"""

from __future__ import annotations

import contextlib
import hashlib
import queue
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import layout, tars
from .config import Config
from .contract import PermanentError, Task, TransientError
from .records import FileEntry, Manifest, SampleEntry, TarEntry, Timings
from .runner import RunOutcome, SampleDone, SampleFailure, ShardRunner
from .stores import Store

UPLOAD_THREADS = 4
_CHUNK = 1 << 20


class SampleFailed(PermanentError):
    """A generator raised: the shard fails the same way on every retry."""


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


@dataclass
class ShardResult:
    manifest: Manifest
    manifest_key: str
    start: int
    stop: int  # exclusive; < task.stop_index when the deadline cut the shard
    outcome: RunOutcome


def code_version() -> str:
    from generators.sample import CODE_VERSION

    return CODE_VERSION


def _hash_file(path: Path) -> FileEntry:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return FileEntry(h.hexdigest(), size)


class _Timer:
    """Cumulative seconds spent in store calls, across threads."""

    def __init__(self):
        self.total = 0.0
        self._lock = threading.Lock()

    def put(self, store: Store, key: str, path: Path) -> None:
        t0 = time.monotonic()
        try:
            store.put_file(key, path)
        finally:
            with self._lock:
                self.total += time.monotonic() - t0


class FilesSink:
    def __init__(self, store: Store, task: Task, timer: _Timer):
        self.store, self.task, self.timer = store, task, timer
        self.pool = ThreadPoolExecutor(UPLOAD_THREADS, thread_name_prefix="upload")
        self.futures: dict[int, Future] = {}
        self.error: BaseException | None = None

    def failed(self) -> bool:
        return self.error is not None

    def add(self, done: SampleDone) -> None:
        self.futures[done.index] = self.pool.submit(self._upload, done)

    def _upload(self, done: SampleDone) -> SampleEntry:
        try:
            files = {}
            for name in sorted(done.files):
                path = done.folder / name
                files[name] = _hash_file(path)
                key = layout.sample_key(self.task.output_prefix, self.task.generator,
                                        done.index, name)  # fmt: skip
                self.timer.put(self.store, key, path)
            shutil.rmtree(done.folder, ignore_errors=True)
            return SampleEntry(done.sample_id, done.index, done.param_hash, files)
        except BaseException as e:
            self.error = self.error or e
            raise

    def finish(self, start: int, stop: int) -> tuple[list[SampleEntry], TarEntry | None]:
        entries = []
        for index in range(start, stop):
            entries.append(self.futures[index].result())  # re-raises an upload error
        return entries, None

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class TarSink:
    def __init__(self, store: Store, task: Task, timer: _Timer, work_dir: Path, start: int):
        self.store, self.task, self.timer = store, task, timer
        self.path = work_dir / f"shard{layout.TAR_SUFFIX}"
        self.next = start
        self.waiting: dict[int, SampleDone] = {}
        self.entries: list[SampleEntry] = []
        self.error: BaseException | None = None
        self.queue: queue.Queue = queue.Queue()
        self._tar = tars.ShardWriter(self.path)  # closed in finish/close
        self.thread = threading.Thread(target=self._loop, name="tar", daemon=True)
        self.thread.start()

    def failed(self) -> bool:
        return self.error is not None

    def add(self, done: SampleDone) -> None:
        self.queue.put(done)

    def _loop(self) -> None:
        while (done := self.queue.get()) is not None:
            if self.error is not None:
                continue
            try:
                self.waiting[done.index] = done
                while self.next in self.waiting:
                    self._append(self.waiting.pop(self.next))
                    self.next += 1
            except BaseException as e:
                self.error = e

    def _append(self, done: SampleDone) -> None:
        files = {}
        for name in sorted(done.files):
            member = layout.tar_member(self.task.generator, done.index, name)
            files[name] = self._tar.add_file(member, done.folder / name)
        shutil.rmtree(done.folder, ignore_errors=True)
        self.entries.append(SampleEntry(done.sample_id, done.index, done.param_hash, files))

    def finish(self, start: int, stop: int) -> tuple[list[SampleEntry], TarEntry | None]:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        if self.next != stop:
            raise RuntimeError(f"tar holds samples {start}-{self.next}, expected {start}-{stop}")
        self._tar.close()
        entry = _hash_file(self.path)
        key = layout.tar_key(self.task.output_prefix, self.task.generator, start, stop)
        self.timer.put(self.store, key, self.path)
        self.path.unlink()
        return self.entries, TarEntry(key, entry.sha256, entry.size)

    def close(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        with contextlib.suppress(Exception):
            self._tar.close()


def _shard_error(failures: list[SampleFailure], total: int) -> Exception:
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
    start: int | None = None,
    attempt: int = 1,
    remaining_s=None,
) -> ShardResult:
    t0 = time.monotonic()
    start = task.start_index if start is None else start
    stop = task.stop_index
    work = Path(tempfile.mkdtemp(prefix="vmwheel-"))
    timer = _Timer()
    sink: FilesSink | TarSink | None = None
    try:
        if task.output_format == "tar":
            sink = TarSink(store, task, timer, work, start)
        else:
            sink = FilesSink(store, task, timer)
        runner = ShardRunner(
            task.generator, task.seed, task.resolved_params, start, stop, work,
            workers=config.worker_processes, sample_timeout_s=config.sample_timeout_s,
            reserve_s=config.deadline_reserve_s, remaining_s=remaining_s,
            on_done=sink.add, should_abort=sink.failed,
        )  # fmt: skip
        outcome = runner.run()
        generate_s = outcome.elapsed_s
        if sink.error is not None:
            raise sink.error
        if outcome.failures:
            raise _shard_error(outcome.failures, stop - start)
        done_until = outcome.done_until
        if done_until == start:
            raise DeadlineExceeded(
                f"{task.generator} {start}-{stop}: the invocation ran out of time before a "
                f"sample was done ({outcome.started} started)",
                outcome.started,
            )
        entries, tar = sink.finish(start, done_until)
        data_bytes = tar.size if tar else sum(e.bytes for e in entries)
        manifest = Manifest(
            job_id=task.job_id, generator=task.generator, start_index=start,
            stop_index=done_until, seed=task.seed, params=task.resolved_params,
            output_format=task.output_format, code_version=code_version(), attempt=attempt,
            samples=entries, tar=tar,
            timings=Timings(round(time.monotonic() - t0, 3), round(generate_s, 3),
                            round(timer.total, 3)),
            bytes=data_bytes,
        )  # fmt: skip
        key = layout.manifest_key(task.output_prefix, task.job_id, task.generator, start,
                                  done_until)  # fmt: skip
        store.put_bytes(key, manifest.to_json())  # last: the shard is done once this exists
        return ShardResult(manifest, key, start, done_until, outcome)
    finally:
        if sink is not None:
            sink.close()
        shutil.rmtree(work, ignore_errors=True)
