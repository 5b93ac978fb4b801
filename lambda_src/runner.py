"""Running the samples of a shard (a list of indices) on every CPU, in child processes.

Each child is `python -m lambda_src.sample_child GENERATOR`, driven with JSON lines over
its stdin/stdout (pipes only: Lambda has no /dev/shm, so no multiprocessing queues or
shared memory). Its stdout/stderr go to a log file per child, truncated after each good
sample, so a failure's captured output is that sample's output.

- A sample gets `sample_timeout_s` from the moment it is sent; past it, the child's
  whole process group (its ffmpeg included) is killed and the sample fails transiently
  (`SampleTimeout`).
- A child that dies mid-sample (`os._exit`, a signal, the OOM killer) fails that sample
  only (`SampleCrashed`, transient); a fresh child takes over the remaining work.
- A sample whose generator raises fails permanently (`SampleFailed`): the same inputs
  fail the same way. It fails alone: the other samples go on. Only a generator that
  fails its first `BROKEN_AFTER` samples without a single success is given up on (the
  rest are left unstarted).
- Deadline: `remaining_s()` is read once before each sample is started. A sample starts
  only if the remaining time exceeds the reserve plus a margin (three times the slowest
  sample so far, at least 10 s, at most the sample budget). The reserve is `reserve_s()`,
  read each time: the caller's fixed reserve plus the time the uploads still due are
  expected to take. Once stopped, samples in flight may finish until only the reserve
  remains; then they are killed and simply not done (they are not failures).

`on_done(sample)` is called in the runner's thread as each sample finishes (the caller
hands it to an upload thread, so upload overlaps generation), `on_failed(index)` as a
sample fails; `should_abort()` is polled to stop early (e.g. an upload failed).
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TAIL_BYTES = 8192
STARTUP_TIMEOUT_S = 120.0
MAX_START_FAILURES = 3
BROKEN_AFTER = 3  # permanent failures with no success: the generator is broken, stop
_PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)


@dataclass(frozen=True)
class SampleDone:
    index: int
    sample_id: str
    folder: Path
    files: tuple[str, ...]
    frame_count: int
    param_hash: str
    elapsed_s: float


@dataclass(frozen=True)
class SampleFailure:
    index: int | None  # None: a process failed to start, no sample involved
    permanent: bool
    error_type: str  # SampleFailed's cause (ValueError...), SampleTimeout, SampleCrashed...
    error: str
    traceback: str = ""
    output_tail: str = ""


@dataclass
class RunOutcome:
    indices: list[int]
    done: dict[int, SampleDone] = field(default_factory=dict)
    failures: list[SampleFailure] = field(default_factory=list)
    stopped_by_deadline: bool = False
    aborted: bool = False
    gave_up: bool = False  # the generator failed its first samples and nothing succeeded
    started: int = 0
    elapsed_s: float = 0.0

    @property
    def failed(self) -> dict[int, SampleFailure]:
        """The failed samples by index (the last failure of each)."""
        return {f.index: f for f in self.failures if f.index is not None}

    @property
    def unfinished(self) -> list[int]:
        """Indices neither done nor failed: not started, or cut by the deadline."""
        failed = self.failed
        return [i for i in self.indices if i not in self.done and i not in failed]


def child_env(work_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PROJECT_ROOT, env.get("PYTHONPATH", "")) if p)
    env["TMPDIR"] = str(work_dir)  # whatever a generator leaves in /tmp goes with the run
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")  # one process per core already fills the machine
    env.pop("PYTHONSTARTUP", None)
    return env


def read_tail(path: Path, limit: int = TAIL_BYTES) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - limit))
            data = f.read()
    except OSError:
        return ""
    text = data.decode("utf-8", errors="replace")
    return ("[...]\n" + text) if size > limit else text


def _describe_exit(rc: int | None) -> str:
    if rc is None:
        return "stopped answering"
    if rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = f"signal {-rc}"
        return f"was killed by {name}"
    return f"exited with code {rc}"


class _Child:
    def __init__(self, n: int, generator: str, log_dir: Path, env: dict[str, str]):
        self.n = n
        self.log_path = log_dir / f"child-{n}.log"
        with open(self.log_path, "ab") as log:  # O_APPEND: truncating it later stays safe
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "lambda_src.sample_child", generator],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=env,
                cwd=env["TMPDIR"],
                start_new_session=True,  # its own process group: kill it with its ffmpeg
            )
        self.fd = self.proc.stdout.fileno()
        os.set_blocking(self.fd, False)
        self.buf = b""
        self.ready = False
        self.index: int | None = None
        self.sent_at = 0.0
        self.deadline = time.monotonic() + STARTUP_TIMEOUT_S

    def send(self, msg: dict) -> None:
        self.proc.stdin.write((json.dumps(msg) + "\n").encode())
        self.proc.stdin.flush()

    def lines(self) -> list[dict] | None:
        """Complete messages read so far; None at EOF."""
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return []
        if not data:
            return None
        self.buf += data
        *complete, self.buf = self.buf.split(b"\n")
        return [json.loads(line) for line in complete if line.strip()]

    def tail(self) -> str:
        return read_tail(self.log_path)

    def clear_log(self) -> None:
        with contextlib.suppress(OSError):
            os.truncate(self.log_path, 0)

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                self.proc.kill()
        self.reap()

    def reap(self, timeout: float = 10.0) -> int | None:
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        # the group may still hold a grandchild (an encoder)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        return rc

    def close(self) -> None:
        """Ask an idle child to exit (EOF on stdin), then make sure it did."""
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        self.kill()


class ShardRunner:
    def __init__(
        self,
        generator: str,
        seed: int,
        params: dict,
        indices: Sequence[int],
        work_dir: Path,
        *,
        workers: int,
        sample_timeout_s: float,
        reserve_s: float | Callable[[], float] = 20.0,
        remaining_s: Callable[[], float] | None = None,
        on_done: Callable[[SampleDone], None] = lambda s: None,
        on_failed: Callable[[int], None] = lambda index: None,
        should_abort: Callable[[], bool] = lambda: False,
    ):
        self.generator = generator
        self.seed = seed
        self.params = params
        self.indices = sorted(indices)
        self.work_dir = Path(work_dir)
        self.out_dir = self.work_dir / "samples"
        self.log_dir = self.work_dir / "logs"
        self.workers = max(1, min(int(workers), len(self.indices)))
        self.sample_timeout_s = float(sample_timeout_s)
        self.reserve = reserve_s if callable(reserve_s) else (lambda: float(reserve_s))
        self.remaining_s = remaining_s or (lambda: float("inf"))
        self.on_done = on_done
        self.on_failed = on_failed
        self.should_abort = should_abort
        self._slowest = 0.0
        self._hard_at = float("inf")

    # -- deadline --------------------------------------------------------------------

    def _read_clock(self) -> float:
        """The remaining time minus the reserve (and the hard stop it implies)."""
        spare = float(self.remaining_s()) - float(self.reserve())
        self._hard_at = time.monotonic() + spare
        return spare

    def margin(self) -> float:
        """The time a sample needs to be started: three times the slowest so far, at least
        10 s, at most the sample budget."""
        return min(self.sample_timeout_s, max(10.0, 3 * self._slowest))

    def may_start(self) -> bool:
        return self._read_clock() >= self.margin()

    # -- the loop --------------------------------------------------------------------

    def run(self) -> RunOutcome:
        t0 = time.monotonic()
        out = RunOutcome(list(self.indices))
        if not self.indices:
            return out
        if not self.may_start():  # not even time for one sample
            out.stopped_by_deadline = True
            return out
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        env = child_env(self.work_dir)
        pending = deque(self.indices)
        sel = selectors.DefaultSelector()
        children: dict[int, _Child] = {}
        spawned = 0
        start_failures = 0
        permit = True  # may_start() above already allowed the first sample
        stopping = False

        def spawn() -> None:
            nonlocal spawned
            child = _Child(spawned, self.generator, self.log_dir, env)
            spawned += 1
            children[child.fd] = child
            sel.register(child.fd, selectors.EVENT_READ, child)

        def retire(child: _Child, how: str = "kill") -> int | None:
            """Stop watching a child and end it: `kill`, `reap` (it is exiting) or `close`
            (an idle child: EOF on its stdin)."""
            sel.unregister(child.fd)
            del children[child.fd]
            {"kill": child.kill, "reap": child.reap, "close": child.close}[how]()
            return child.proc.returncode

        def fail(child: _Child, failure: SampleFailure) -> None:
            out.failures.append(failure)
            child.index = None
            self.on_failed(failure.index)

        try:
            for _ in range(self.workers):
                spawn()
            while True:
                if self.should_abort():
                    out.aborted = True
                    break
                if not stopping and self._broken(out):
                    stopping = out.gave_up = True
                # hand out work
                for child in list(children.values()):
                    if not child.ready or child.index is not None:
                        continue
                    if not pending or stopping:
                        break
                    if permit:
                        permit = False
                    elif not self.may_start():
                        stopping = out.stopped_by_deadline = True
                        break
                    index = pending.popleft()
                    child.index, child.sent_at = index, time.monotonic()
                    child.deadline = child.sent_at + self.sample_timeout_s
                    out.started += 1
                    with contextlib.suppress(OSError):  # if it died, its EOF is read below
                        child.send({"index": index, "seed": self.seed, "params": self.params,
                                    "out_dir": str(self.out_dir)})  # fmt: skip
                busy = [c for c in children.values() if c.index is not None]
                if not busy and (not pending or stopping):
                    break
                # retire idle children that will get no more work
                if not pending or stopping:
                    for child in [c for c in children.values() if c.ready and c.index is None]:
                        retire(child, "close")
                if not children:
                    if pending and not stopping and start_failures < MAX_START_FAILURES:
                        spawn()
                        continue
                    break
                if stopping and busy:
                    self._read_clock()
                now = time.monotonic()
                watched = [
                    c.deadline for c in children.values() if c.index is not None or not c.ready
                ]
                wake = min([*watched, self._hard_at])
                for key, _ in sel.select(timeout=max(0.0, min(1.0, wake - now))):
                    child: _Child = key.data
                    garbled = False
                    try:
                        messages = child.lines()
                    except ValueError:  # not our protocol: end it like a crash
                        messages, garbled = None, True
                    if messages is None:
                        index = child.index
                        rc = retire(child, "kill" if garbled else "reap")
                        if index is not None:
                            fail(child, SampleFailure(
                                index, False, "SampleCrashed",
                                f"sample {index} of {self.generator}: its process "
                                f"{_describe_exit(rc)}", "", child.tail(),
                            ))  # fmt: skip
                        elif not child.ready:
                            start_failures += 1
                            out.failures.append(SampleFailure(
                                None, False, "WorkerStartFailed",
                                f"a sample process for {self.generator} {_describe_exit(rc)} "
                                "before it was ready", "", child.tail(),
                            ))  # fmt: skip
                        if pending and not stopping and start_failures < MAX_START_FAILURES:
                            spawn()
                        continue
                    for msg in messages:
                        self._handle(child, msg, out)
                # budgets
                now = time.monotonic()
                for child in list(children.values()):
                    if child.index is not None and now >= child.deadline:
                        index = child.index
                        retire(child)
                        fail(child, SampleFailure(
                            index, False, "SampleTimeout",
                            f"sample {index} of {self.generator} ran over its "
                            f"{self.sample_timeout_s:g} s budget and was killed",
                            "", child.tail(),
                        ))  # fmt: skip
                        if pending and not stopping:
                            spawn()
                    elif not child.ready and now >= child.deadline:
                        retire(child)
                        start_failures += 1
                        out.failures.append(SampleFailure(
                            None, False, "WorkerStartFailed",
                            f"a sample process for {self.generator} was not ready within "
                            f"{STARTUP_TIMEOUT_S:g} s", "", child.tail(),
                        ))  # fmt: skip
                        if pending and not stopping and start_failures < MAX_START_FAILURES:
                            spawn()
                if now >= self._hard_at:  # out of time: what is in flight is not done
                    stopping = out.stopped_by_deadline = True
                    for child in [c for c in children.values() if c.index is not None]:
                        retire(child)
        finally:
            for child in list(children.values()):
                with contextlib.suppress(KeyError, ValueError):
                    sel.unregister(child.fd)
                child.kill()
            sel.close()
            out.elapsed_s = time.monotonic() - t0
        return out

    @staticmethod
    def _broken(out: RunOutcome) -> bool:
        permanent = sum(1 for f in out.failures if f.permanent)
        return permanent >= BROKEN_AFTER and not out.done

    def _handle(self, child: _Child, msg: dict, out: RunOutcome) -> None:
        if msg.get("ready"):
            child.ready = True
            child.clear_log()
            return
        index = msg.get("index")
        if index != child.index:
            return  # a stale answer (cannot happen with one request in flight)
        if msg.get("ok"):
            elapsed = float(msg.get("elapsed_s", 0.0))
            self._slowest = max(self._slowest, elapsed)
            done = SampleDone(index, msg["sample_id"], Path(msg["folder"]), tuple(msg["files"]),
                              int(msg["frame_count"]), msg["param_hash"], elapsed)  # fmt: skip
            out.done[index] = done
            child.index = None
            child.clear_log()
            self.on_done(done)
            return
        out.failures.append(
            SampleFailure(
                index,
                bool(msg.get("permanent", True)),
                str(msg.get("error_type", "Exception")),
                f"sample {index} of {self.generator}: {msg.get('error_type')}: {msg.get('error')}",
                str(msg.get("traceback", "")),
                child.tail(),
            )
        )
        child.index = None
        child.clear_log()
        self.on_failed(index)
