"""The embedded local stack: a moto server on 127.0.0.1 (SQS, and S3 when asked), the task
queue and its DLQ with the stack's redrive settings, the folder store, and a pool of local
worker processes (lambda_src.local_poller) calling the real handler.

    stack = LocalStack(LocalStackOptions(store=Path("vmwheel-data")))
    state = stack.start()          # writes vmwheel-data/.local-stack.json
    ...                            # `vmwheel` commands elsewhere find it through that file
    stack.serve(stop_event)        # restarts workers that die, until stop_event is set
    stack.stop()                   # workers finish or hand back their shards; see below

Moto keeps its queues in this process's memory. So that nothing is lost, the queues are
journalled: a thread writes every message of the task queue and the DLQ, in flight or
not, with its receive count, to `{store}/.local-queues.json` within a second of any
change (atomically: a temporary file, fsync, rename; a failed write keeps the last good
journal and says so). A `kill -9` therefore loses at most the last second; the next
start puts everything back and says what it restored and whether the last stop was
clean. `stop()` lets the workers wrap up (each invocation's deadline is brought forward:
it uploads what is done and enqueues a continuation for the rest) and writes the journal
a last time; when it cannot, it raises, keeping the last good journal. The journal is
also what `vmwheel queue peek` reads on the local stack: a look that receives nothing.

Moto cannot run Lambda functions or message move tasks: the workers stand in for the
first, a manual move (`Aws.redrive`) for the second.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .config import (
    DEFAULT_STORE,
    LOCAL_BUCKET,
    LOCAL_REGION,
    LocalState,
    read_state,
    state_path,
)
from .errors import BackendError, ConfigError

JOURNAL = ".local-queues.json"
JOURNAL_INTERVAL_S = 1.0  # a kill -9 loses at most about this much
WORK_DIR = ".work"
QUEUE_NAME = "vmwheel-tasks"
DLQ_NAME = "vmwheel-tasks-dlq"
ACCOUNT = "123456789012"  # moto's default account
LOCAL_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"}


def default_function_timeout(visibility_timeout: int) -> float:
    """The function timeout for a visibility timeout, as in the stack (960 s -> 900 s):
    a minute less, or a quarter less for short ones."""
    return float(max(1, visibility_timeout - min(60, max(1, visibility_timeout // 4))))


@dataclass
class LocalStackOptions:
    store: Path = DEFAULT_STORE
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    visibility_timeout: int = 120  # the AWS stack uses 960
    max_receive_count: int = 3
    function_timeout: float | None = None  # default: see default_function_timeout
    port: int = 0  # 0: any free port (the state file says which)
    batch_size: int = 1  # records per invocation, as in the stack
    s3: bool = False  # results in moto's S3 (bucket vmwheel-local) instead of the folder
    log_file: Path | None = None  # worker output; None: this process's stderr
    stop_timeout: float | None = None  # wait this long for workers, then kill (default
    #   the handler's deadline reserve + 15 s)
    sample_processes: int | None = None  # WORKER_PROCESSES per worker (default CPUs/workers)
    env: dict[str, str] = field(default_factory=dict)  # extra worker environment
    restore: bool = True  # put back the journalled messages (False: set the journal aside)


class LocalStack:
    def __init__(
        self,
        options: LocalStackOptions | None = None,
        on_event: Callable[[str], None] | None = None,
    ):
        self.options = options or LocalStackOptions()
        self.on_event = on_event or (lambda line: None)
        self.store = Path(self.options.store).expanduser().resolve()
        self.state: LocalState | None = None
        self._server = None
        self._workers: list[subprocess.Popen | None] = []
        self._log = None
        self._lock = threading.Lock()
        self._stopping = False
        self._journal_stop = threading.Event()
        self._journal_thread: threading.Thread | None = None
        self._journal_failing = False
        self.restarts = 0
        vis = self.options.visibility_timeout
        if not 1 <= vis <= 43200:
            raise ConfigError(f"visibility timeout must be in 1..43200 s, got {vis}")
        if not 1 <= self.options.max_receive_count <= 1000:
            raise ConfigError("max receive count must be in 1..1000")
        if self.options.workers < 0:
            raise ConfigError("workers must be >= 0")
        self.function_timeout = self.options.function_timeout or default_function_timeout(vis)
        if self.function_timeout >= vis:
            raise ConfigError(
                f"the function timeout ({self.function_timeout:g} s) must be shorter than the "
                f"visibility timeout ({vis} s), or a shard is handed out twice"
            )
        self._check_deadline()

    # --- lifecycle ----------------------------------------------------------------------

    def start(self) -> LocalState:
        running = read_state(self.store)
        if running is not None:
            raise ConfigError(
                f"a local stack already runs for {self.store} (pid {running.pid}, "
                f"{running.endpoint}); stop it first or use another --store"
            )
        try:
            self.store.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ConfigError(f"cannot create the store {self.store}: {e.strerror or e}") from None
        self._start_server()
        try:
            self._create_queues()
            self._restore() if self.options.restore else self._set_journal_aside()
            self._start_journal()
            if self.options.log_file:
                self._log = open(self.options.log_file, "ab", buffering=0)  # noqa: SIM115
            self._workers = [None] * self.options.workers
            for slot in range(self.options.workers):
                self._spawn(slot)
            self._write_state()
        except BaseException:
            self._kill_workers()
            self._stop_server()
            raise
        return self.state

    def _check_deadline(self) -> None:
        """The worker starts a sample only with its reserve plus a margin (up to 10 s, or
        the sample time budget if smaller) left: a shorter function timeout never works."""
        env = dict(os.environ)
        env.update(self.options.env)
        try:
            reserve = float(env.get("DEADLINE_RESERVE_S") or min(20.0, self.function_timeout * 0.2))
            budget = float(env.get("SAMPLE_TIMEOUT_S") or 300.0)
        except ValueError as e:
            raise ConfigError(f"bad worker setting: {e}") from None
        needed = reserve + min(budget, 10.0) + 1.0
        if self.function_timeout < needed:
            raise ConfigError(
                f"a function timeout of {self.function_timeout:g} s leaves a shard no time to "
                f"start: the worker keeps {reserve:g} s in reserve plus up to 10 s per sample; "
                f"use at least {needed:g} s (a longer --visibility-timeout)"
            )

    def _start_server(self) -> None:
        from moto.server import ThreadedMotoServer

        # werkzeug would log every request (and tracebacks of actions moto lacks)
        logging.getLogger("werkzeug").setLevel(logging.CRITICAL)
        if self.options.port:  # the server thread would die silently on a taken port
            import socket

            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", self.options.port))
                except OSError as e:
                    raise ConfigError(
                        f"cannot listen on 127.0.0.1:{self.options.port}: {e.strerror or e}"
                    ) from None
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.options.port, verbose=False)
        server.start()
        self._server = server
        host, port = server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"

    def _client(self, service: str):
        import boto3

        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=LOCAL_REGION,
            aws_access_key_id="local",
            aws_secret_access_key="local",
        )

    def _create_queues(self) -> None:
        sqs = self._client("sqs")
        # moto keeps its queues in this process's memory: an earlier stack of this process
        # left its queues there (their messages are in its journal, which a start restores)
        for name in (QUEUE_NAME, DLQ_NAME):
            with contextlib.suppress(sqs.exceptions.QueueDoesNotExist):
                sqs.delete_queue(QueueUrl=sqs.get_queue_url(QueueName=name)["QueueUrl"])
        dlq = sqs.create_queue(
            QueueName=DLQ_NAME, Attributes={"MessageRetentionPeriod": str(14 * 86400)}
        )["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        redrive = {"deadLetterTargetArn": dlq_arn,
                   "maxReceiveCount": str(self.options.max_receive_count)}  # fmt: skip
        queue = sqs.create_queue(
            QueueName=QUEUE_NAME,
            Attributes={
                "VisibilityTimeout": str(self.options.visibility_timeout),
                "MessageRetentionPeriod": str(4 * 86400),
                "RedrivePolicy": json.dumps(redrive),
            },
        )["QueueUrl"]
        if self.options.s3:
            self._client("s3").create_bucket(Bucket=LOCAL_BUCKET)
        self.queue_url, self.dlq_url = queue, dlq

    def _worker_env(self) -> dict[str, str]:
        env = dict(os.environ)
        for var in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE"):
            env.pop(var, None)
        cpus = os.cpu_count() or 1
        workers = max(1, self.options.workers)
        env.update(LOCAL_CREDENTIALS)
        env.update({
            "OUTPUT_BUCKET": LOCAL_BUCKET,
            "ALLOWED_BUCKETS": "",
            "SQS_QUEUE_URL": self.queue_url,
            "SQS_DLQ_URL": self.dlq_url,
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_REGION": LOCAL_REGION,
            "AWS_DEFAULT_REGION": LOCAL_REGION,
            "PYTHONUNBUFFERED": "1",
        })  # fmt: skip
        env.setdefault("OUTPUT_PREFIX", "questions")
        if self.options.s3:
            env.pop("LOCAL_STORE_DIR", None)
        else:
            env["LOCAL_STORE_DIR"] = str(self.store)
        env.setdefault(
            "WORKER_PROCESSES", str(self.options.sample_processes or max(1, cpus // workers))
        )
        # the handler keeps this much of its deadline for uploads and the continuation
        env.setdefault("DEADLINE_RESERVE_S", f"{min(20.0, self.function_timeout * 0.2):g}")
        env.update(self.options.env)
        return env

    def _work_dir(self, slot: int) -> Path:
        """A worker's TMPDIR: emptied when the slot (re)starts and at stop, so a killed
        worker's half-done shard does not stay behind."""
        return self.store / WORK_DIR / str(slot + 1)

    def _spawn(self, slot: int) -> None:
        work = self._work_dir(slot)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True, exist_ok=True)
        env = self._worker_env()
        env["TMPDIR"] = str(work)
        cmd = [sys.executable, "-m", "lambda_src.local_poller", "--queue-url", self.queue_url,
               "--endpoint-url", self.endpoint, "--region", LOCAL_REGION,
               "--batch-size", str(self.options.batch_size),
               "--timeout", f"{self.function_timeout:g}", "--parent-pid", str(os.getpid()),
               "--function-name", f"vmwheel-local-worker-{slot + 1}"]  # fmt: skip
        # the handler's logs (stdout, as in Lambda) join the stack's stderr or log file:
        # this process's stdout is for what it reports, and nobody may block on it
        out = self._log if self._log is not None else _stderr_or_none()
        if out is None:  # no usable stderr (e.g. inside a full-screen app): a log file
            self._log = open(self.store / "local-stack.log", "ab", buffering=0)  # noqa: SIM115
            out = self._log
        proc = subprocess.Popen(
            cmd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
            start_new_session=True,  # a terminal's Ctrl-C reaches the stack, not the workers
            cwd=os.getcwd(),
        )
        self._workers[slot] = proc

    def _write_state(self) -> None:
        import psutil

        me = psutil.Process()
        self.state = LocalState(
            endpoint=self.endpoint,
            region=LOCAL_REGION,
            queue_url=self.queue_url,
            dlq_url=self.dlq_url,
            store=None if self.options.s3 else str(self.store),
            bucket=LOCAL_BUCKET,
            pid=os.getpid(),
            pid_created=me.create_time(),
            workers=self.worker_pids(),
            visibility_timeout=self.options.visibility_timeout,
            max_receive_count=self.options.max_receive_count,
            function_timeout=self.function_timeout,
            started=self.state.started if self.state else time.time(),
            path=str(state_path(self.store)),
        )
        path = state_path(self.store)
        tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
        tmp.write_text(json.dumps(self.state.as_dict(), indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)

    def worker_pids(self) -> list[int]:
        return [p.pid for p in self._workers if p is not None and p.poll() is None]

    def supervise(self) -> list[str]:
        """Restart workers that died (as Lambda would start a new instance); what it did."""
        events = []
        with self._lock:
            if self._stopping:
                return events
            for slot, proc in enumerate(self._workers):
                if proc is not None and proc.poll() is not None:
                    events.append(f"worker {proc.pid} exited with code {proc.returncode}; "
                                  "its shard returns to the queue after the visibility "
                                  "timeout; starting a new worker")  # fmt: skip
                    self._spawn(slot)
                    self.restarts += 1
            if events:
                self._write_state()
        for e in events:
            self.on_event(e)
        return events

    def serve(self, stop: threading.Event, interval: float = 0.5) -> None:
        """Supervise the workers until `stop` is set (the caller then calls stop())."""
        while not stop.wait(interval):
            self.supervise()

    def stop(self, timeout: float | None = None) -> int:
        """Stop cleanly; the number of messages saved for the next start. Raises a
        BackendError (after stopping everything) when the last journal cannot be written."""
        with self._lock:
            if self._stopping:
                return 0
            self._stopping = True
        reserve = float(self._worker_env().get("DEADLINE_RESERVE_S", 20)) if self._server else 20
        if timeout is None:
            timeout = self.options.stop_timeout
        if timeout is None:
            timeout = reserve + 15.0
        alive = [p for p in self._workers if p is not None and p.poll() is None]
        for p in alive:
            with contextlib.suppress(ProcessLookupError):
                p.send_signal(signal.SIGTERM)
        end = time.monotonic() + timeout
        for p in alive:
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(max(0.0, end - time.monotonic()))
        late = [p for p in alive if p.poll() is None]
        if late:
            self.on_event(f"{len(late)} workers did not finish in {timeout:g} s; killing them "
                          "(their shards are saved with the queue)")  # fmt: skip
        self._kill_workers()
        saved, failure = 0, None
        if self._server is not None:
            self._stop_journal()
            try:
                saved = self._journal(final=True)
            except Exception as e:  # never lose the chance to say so
                failure = e
                self.on_event(f"could not save the queues: {type(e).__name__}: {e}")
        self._stop_server()
        shutil.rmtree(self.store / WORK_DIR, ignore_errors=True)
        with contextlib.suppress(OSError):
            path = state_path(self.store)
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("pid") == os.getpid():
                path.unlink()
        if self._log is not None:
            self._log.close()
            self._log = None
        if failure is not None:
            kept = self.store / JOURNAL
            raise BackendError(
                f"could not save the queues at stop ({type(failure).__name__}: {failure}); "
                + (f"the last good journal {kept} is kept" if kept.exists() else
                   "no journal was ever written")
            )  # fmt: skip
        return saved

    def hurry(self) -> None:
        """During stop(): kill the workers now instead of waiting for them (their shards
        are saved with the queue and redone after the next start)."""
        self._kill_workers()

    def _kill_workers(self) -> None:
        for p in self._workers:
            if p is None or p.poll() is not None:
                continue
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(p.pid, signal.SIGKILL)  # the worker and its sample processes
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(5)

    def _stop_server(self) -> None:
        if self._server is not None:
            with contextlib.suppress(Exception):
                self._server.stop()
            self._server = None

    # --- saving and restoring the queues ------------------------------------------------

    def _moto_queues(self):
        """moto's own queue objects (its internals; None if they are not where expected)."""
        try:
            from moto.sqs.models import sqs_backends

            backend = sqs_backends[ACCOUNT][LOCAL_REGION]
            queue, dlq = backend.queues.get(QUEUE_NAME), backend.queues.get(DLQ_NAME)
            if queue is None or dlq is None:
                return None, None
            for q in (queue, dlq):
                list(q._messages)
            return queue, dlq
        except Exception:
            return None, None

    def _messages(self, key: str, q) -> list[dict]:
        if q is not None:  # every message, in flight or not, with its receive count
            return [{"id": m.id, "body": m.body,
                     "message_attributes": dict(m.message_attributes),
                     "receive_count": int(m.approximate_receive_count),
                     "sent": m.sent_timestamp, "in_flight": not m.visible}
                    for m in list(q._messages)]  # fmt: skip
        # through the API: only what is visible; in-flight messages cannot be reached
        sqs = self._client("sqs")
        url = self.queue_url if key == "queue" else self.dlq_url
        out = []
        while True:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=600,
                                      AttributeNames=["All"],
                                      MessageAttributeNames=["All"]).get("Messages", [])  # fmt: skip
            if not got:
                break
            out += [{"body": m["Body"], "message_attributes": m.get("MessageAttributes", {}),
                     "receive_count": int(m["Attributes"].get("ApproximateReceiveCount", 0))}
                    for m in got]  # fmt: skip
        hidden = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["ApproximateNumberOfMessagesNotVisible"]
        )["Attributes"]["ApproximateNumberOfMessagesNotVisible"]
        in_flight = int(hidden) - len(out)
        if in_flight > 0:
            self.on_event(f"{in_flight} in-flight messages of the {key} could not be saved")
        return out

    # --- the journal ------------------------------------------------------------------

    def _start_journal(self) -> None:
        self._journal_stop.clear()
        self._journal_thread = threading.Thread(target=self._journal_loop, name="journal",
                                                daemon=True)  # fmt: skip
        self._journal_thread.start()

    def _stop_journal(self) -> None:
        self._journal_stop.set()
        if self._journal_thread is not None:
            self._journal_thread.join()
            self._journal_thread = None

    def _journal_loop(self) -> None:
        last = None
        wait = JOURNAL_INTERVAL_S
        while not self._journal_stop.wait(wait):
            try:
                state = self._fingerprint()
                if state == last:
                    continue
                t0 = time.monotonic()
                self._journal()
                last = state
                # a huge queue is written less often, so the writing never takes over
                wait = max(JOURNAL_INTERVAL_S, 10 * (time.monotonic() - t0))
                if self._journal_failing:
                    self._journal_failing = False
                    self.on_event("the queue journal is written again")
            except Exception as e:
                if not self._journal_failing:  # say it once, keep trying
                    self._journal_failing = True
                    self.on_event(f"cannot write the queue journal ({type(e).__name__}: {e}); "
                                  "the last good one is kept")  # fmt: skip

    def _fingerprint(self):
        queue, dlq = self._moto_queues()
        if queue is None:
            return None
        return tuple((m.id, int(m.approximate_receive_count))
                     for q in (queue, dlq) for m in list(q._messages))  # fmt: skip

    def _journal(self, final: bool = False) -> int:
        """Every message of both queues (visible or not) into the journal; how many."""
        queue, dlq = self._moto_queues()
        data = {key: self._messages(key, q) for key, q in (("queue", queue), ("dlq", dlq))}
        data["written"] = time.time()
        data["clean"] = final
        write_journal(self.store / JOURNAL, data)
        count = len(data["queue"]) + len(data["dlq"])
        if final and count:
            self.on_event(f"saved {len(data['queue'])} queued and {len(data['dlq'])} dead "
                          f"messages to {self.store / JOURNAL}; the next start restores them")  # fmt: skip
        return count

    def _set_journal_aside(self) -> None:
        path = self.store / JOURNAL
        if path.exists():
            aside = path.with_name(f"{path.name}.set-aside-{int(time.time())}")
            os.replace(path, aside)
            self.on_event(f"not restoring the queues: their journal is kept as {aside}")

    def _restore(self) -> int:
        path = self.store / JOURNAL
        data = read_journal(self.store)
        if data is None:
            return 0
        sqs = self._client("sqs")
        queue, dlq = self._moto_queues()
        counts = {}
        for key, url, q in (("queue", self.queue_url, queue), ("dlq", self.dlq_url, dlq)):
            counts[key] = 0
            for m in data.get(key, []):
                attrs = {n: {k: v for k, v in a.items() if k in ("DataType", "StringValue")}
                         for n, a in (m.get("message_attributes") or {}).items()
                         if "StringValue" in a}  # fmt: skip
                kwargs = {"QueueUrl": url, "MessageBody": m["body"]}
                if attrs:
                    kwargs["MessageAttributes"] = attrs
                mid = sqs.send_message(**kwargs)["MessageId"]
                count = int(m.get("receive_count", 0))
                if count and q is not None:
                    for msg in q._messages:
                        if msg.id == mid:
                            msg.approximate_receive_count = count
                            break
                counts[key] += 1
        total = counts["queue"] + counts["dlq"]
        if total:
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(data.get("written", 0)))
            how = ("the last stop was clean" if data.get("clean") else
                   "the stack was not stopped cleanly: changes of its last second may be "
                   "missing, and messages then in flight run again")  # fmt: skip
            self.on_event(f"restored {counts['queue']} queued and {counts['dlq']} dead messages "
                          f"from the journal {path} of {when} ({how})")  # fmt: skip
        return total

    def __enter__(self) -> LocalStack:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _stderr_or_none():
    try:
        sys.stderr.fileno()
        return sys.stderr
    except (AttributeError, OSError, ValueError):
        return None


def write_journal(path: Path, data: dict) -> None:
    """Write the journal atomically: a temporary file, flushed to disk, renamed into place.
    On any failure the temporary file goes and the last good journal stays."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(json.dumps(data) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def read_journal(store: str | Path) -> dict | None:
    """The queue journal of a store (None when there is none); BackendError if unreadable."""
    path = Path(store) / JOURNAL
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BackendError(f"cannot read the queue journal {path}: {e}") from None
    if not isinstance(data, dict):
        raise BackendError(f"the queue journal {path} is not a JSON object")
    return data


def journal_peek(home: str | Path, dlq: bool = False, limit: int = 10):
    """Up to `limit` messages of the local stack's task queue (or DLQ) as its journal has
    them, and when it was written: a look at the queue that receives nothing, so no
    receive count goes up. (None, []) without a journal."""
    from .aws import QueueMessage

    data = read_journal(home)
    if data is None:
        return None, []
    out = []
    for m in data.get("dlq" if dlq else "queue", [])[:limit]:
        attributes = {"ApproximateReceiveCount": str(m.get("receive_count", 0)),
                      "SentTimestamp": str(m.get("sent") or "")}  # fmt: skip
        out.append(QueueMessage(str(m.get("id", "")), "", m.get("body", ""), attributes,
                                dict(m.get("message_attributes") or {})))  # fmt: skip
    return data.get("written"), out


def running(store: str | Path | None = None) -> LocalState | None:
    """The local stack running for `store` (default ./vmwheel-data), if any."""
    return read_state(store)
