"""One poller for the whole console: the task queue and DLQ counts, and the ledger of the
jobs a screen follows. Screens and widgets subscribe to topics; a topic is polled only
while a subscriber's screen is shown (under a dialog counts as shown), so a screen the
operator left costs nothing. In the background, the queue is still read now and then so a
growing DLQ is told wherever the operator is, and the job submitted from this console is
followed until it completes.

Each topic is polled in a thread worker; the next poll of a topic starts only when the
last one is done, so polls never overlap and a slow endpoint never holds up a key press.

Rates come from a short recent window (RATE_WINDOW): a job's samples/s and messages/s
from its ledger (what really landed: a purge takes nothing from it), the queue's
messages/s from the drop of its backlog, restarted after a purge. "idle" when nothing
moved in the window.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from textual.message import Message

QUEUE = "queue"
JOBS = "jobs"  # the job list (newest first) with their present counts
NEWEST = "newest"  # job topic: whichever job is newest
RATE_WINDOW = 60.0  # s of recent history a rate is measured over
HISTORY = 120  # queue polls kept (sparklines)
BACKGROUND_QUEUE_EVERY = 10.0  # s between queue reads when no shown screen wants them
BACKGROUND_JOB_EVERY = 15.0  # s between ledger reads of the console's own job, in the background


def job_topic(job_id: str) -> str:
    return f"job:{job_id}"


@dataclass(frozen=True)
class Snapshot:
    at: float
    visible: int
    in_flight: int
    delayed: int
    dlq: int

    @property
    def backlog(self) -> int:
        return self.visible + self.in_flight + self.delayed


@dataclass(frozen=True)
class Rate:
    """A measured rate: per second (None while measuring or idle) and what it means."""

    per_s: float | None
    state: str  # "measuring", "moving", "idle", "working" (busy, nothing finished yet)
    eta_s: float | None = None


def queue_rate(
    history: deque[Snapshot] | list[Snapshot], window: float = RATE_WINDOW, since: float = 0.0
) -> Rate:
    """Messages the workers finished per second over the recent window (backlog drop, less
    what went to the DLQ), and the time until the backlog is gone at that pace. Snapshots
    before `since` (a purge) do not count."""
    history = [s for s in history if s.at >= since]
    if len(history) < 2:
        return Rate(None, "measuring")
    last = history[-1]
    recent = [s for s in history if last.at - s.at <= window]
    first = recent[0] if len(recent) >= 2 else history[-2]
    span = last.at - first.at
    done = (first.backlog - last.backlog) - max(0, last.dlq - first.dlq)
    if span <= 0:
        return Rate(None, "measuring")
    if done <= 0:
        return Rate(None, "working" if last.in_flight else "idle")
    rate = done / span
    return Rate(rate, "moving", last.backlog / rate if last.backlog else None)


@dataclass
class JobPoint:
    at: float  # epoch seconds
    present: int  # samples landed
    shards: int  # manifests (one per message done)


@dataclass
class JobLive:
    """What the poller knows of one followed job."""

    job_id: str = ""
    rows: list[dict] = field(default_factory=list)  # status_rows of its ledger
    expected: int = 0
    present: int = 0
    failed: int = 0
    complete: bool = False
    cost_projected: float | None = None
    cost_so_far: float | None = None
    history: deque[JobPoint] = field(default_factory=lambda: deque(maxlen=500))
    error: str | None = None
    read_at: float = 0.0

    def samples_rate(self, window: float = RATE_WINDOW, busy: bool = False) -> Rate:
        return _rate(self.history, "present", window, self.complete, busy,
                     self.expected - self.present)  # fmt: skip

    def messages_rate(self, window: float = RATE_WINDOW, busy: bool = False) -> Rate:
        return _rate(self.history, "shards", window, self.complete, busy, 0)


def _rate(history, attr: str, window: float, complete: bool, busy: bool, left: int) -> Rate:
    if complete:
        return Rate(None, "idle")
    if len(history) < 2:
        return Rate(None, "measuring")
    last = history[-1]
    recent = [p for p in history if last.at - p.at <= window]
    first = recent[0] if len(recent) >= 2 else history[-2]
    span = last.at - first.at
    moved = getattr(last, attr) - getattr(first, attr)
    if span <= 0:
        return Rate(None, "measuring")
    if moved <= 0:
        return Rate(None, "working" if busy else "idle")
    rate = moved / span
    return Rate(rate, "moving", left / rate if left > 0 else None)


def _epoch(iso: str) -> float | None:
    from datetime import datetime

    try:
        return datetime.fromisoformat(str(iso).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def job_cost(job) -> tuple[float, dict[str, float]]:
    """(projected USD for the whole job, projected USD per generator) from the cost model
    and each generator's measured figures (tui/backends/pricing.py)."""
    from .backends import pricing

    per = {}
    for gid, plan in job.generators.items():
        est = pricing.estimate([(gid, plan.samples, plan.params)], job.output_format,
                               job_records=0)  # fmt: skip
        per[gid] = est.total_usd
    return sum(per.values()), per


class QueuePolled(Message):
    def __init__(self, snapshot: Snapshot | None, error: str | None) -> None:
        self.snapshot, self.error = snapshot, error
        super().__init__()


class JobPolled(Message):
    def __init__(self, wanted: str, job_id: str, jobs: list | None, rows: list[dict] | None,
                 record, error: str | None, at: float,
                 cost: tuple[float, dict[str, float]] | None = None) -> None:  # fmt: skip
        self.wanted, self.job_id, self.jobs, self.rows = wanted, job_id, jobs, rows
        self.record, self.error, self.at, self.cost = record, error, at, cost
        super().__init__()


class JobsListed(Message):
    def __init__(self, jobs: list | None, error: str | None) -> None:
        self.jobs, self.error = jobs, error
        super().__init__()


class LivePoller:
    """Owned by the app; `tick()` runs every TICK seconds and starts what is due."""

    TICK = 0.25

    def __init__(self, app) -> None:
        self.app = app
        self.subs: dict[object, set[str]] = {}
        self.history: deque[Snapshot] = deque(maxlen=HISTORY)
        self.queue_error: str | None = None
        self.jobs: dict[str, JobLive] = {}  # job id -> its live figures
        self.newest: str = ""  # the newest job's id, as last read
        self.job_list: list | None = None  # summaries from the last ledger read
        self.listed: list | None = None  # summaries with present counts (the JOBS topic)
        self.listed_error: str | None = None
        self.paused = False
        self.busy: set[str] = set()  # topics with a poll in flight
        self.last_at: dict[str, float] = {}  # topic -> when its last poll started
        self.forced: set[str] = set()  # topics to poll at the next tick, whatever the pace
        self.polls: dict[str, int] = {}  # topic -> polls done (tests count them)
        self.told_complete: set[str] = set()
        self.rate_since = 0.0  # queue snapshots before this (a purge) give no rate
        self.was_shown: set = set()
        self.timer = None

    @property
    def context(self):
        return self.app.context

    @property
    def interval(self) -> float:
        return self.context.poll_interval

    @interval.setter
    def interval(self, value: float) -> None:
        self.context.poll_interval = value

    # --- subscriptions ------------------------------------------------------------------

    def subscribe(self, node, *topics: str) -> None:
        fresh = set(topics) - self.subs.get(node, set())
        self.subs[node] = set(topics)
        for topic in fresh:
            if self.stale(topic):
                self.forced.add(topic)  # a new subscriber wants figures now
        self.start()

    def unsubscribe(self, node) -> None:
        self.subs.pop(node, None)

    def shown(self, node) -> bool:
        """Whether `node`'s screen is the one on top (or just under a dialog)."""
        from textual.screen import ModalScreen

        try:
            screen = node.screen
            stack = self.app.screen_stack
        except Exception:
            return False
        if not stack or not node.is_attached:
            return False
        if screen is stack[-1]:
            return True
        top = [s for s in stack if not isinstance(s, ModalScreen)]
        return bool(top) and screen is top[-1] and isinstance(stack[-1], ModalScreen)

    def wanted(self) -> set[str]:
        return {t for node in self.shown_nodes() for t in self.subs.get(node, ())}

    def shown_nodes(self) -> list:
        return [node for node in list(self.subs) if self.shown(node)]

    def stale(self, topic: str) -> bool:
        return time.monotonic() - self.last_at.get(topic, float("-inf")) >= self.interval

    # --- scheduling ---------------------------------------------------------------------

    def start(self) -> None:
        if self.timer is None:
            self.timer = self.app.set_interval(self.TICK, self.tick, name="live poller")
        self.tick()

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    def poll_now(self, *topics: str) -> None:
        self.forced.update(topics or (QUEUE, *self.job_topics(self.wanted())))
        self.tick()

    @staticmethod
    def job_topics(topics: set[str]) -> list[str]:
        return [t for t in topics if t.startswith("job:")]

    def tick(self) -> None:
        shown = self.shown_nodes()
        for node in shown:  # back on screen: show what is known at once
            if node not in self.was_shown:
                node.live_updated("shown")
        self.was_shown = set(shown)
        if not self.context.ready or self.paused:
            return
        now = time.monotonic()
        wanted = {t for node in shown for t in self.subs.get(node, ())}
        due = []
        if QUEUE in wanted:
            due.append((QUEUE, self.interval))
        else:
            due.append((QUEUE, max(BACKGROUND_QUEUE_EVERY, self.interval)))
        every = max(self.context.ledger_interval, self.interval)
        for topic in self.job_topics(wanted):
            due.append((topic, every))
        if JOBS in wanted:
            due.append((JOBS, every * 2))
        mine = self.context.last_job
        if mine and mine not in self.told_complete and job_topic(mine) not in wanted:
            due.append((job_topic(mine), max(BACKGROUND_JOB_EVERY, every)))
        for topic, pace in due:
            if topic in self.busy:
                continue  # never two polls of a topic at once
            if topic not in self.forced and now - self.last_at.get(topic, float("-inf")) < pace:
                continue
            self.forced.discard(topic)
            self.busy.add(topic)
            self.last_at[topic] = now
            self.run(topic)

    def run(self, topic: str) -> None:
        if topic == QUEUE:
            target = self._poll_queue
        elif topic == JOBS:
            target = self._list_jobs
        else:
            target = lambda: self._poll_job(topic.removeprefix("job:"))  # noqa: E731
        self.app.run_worker(target, thread=True, group=f"live-{topic}", exit_on_error=False,
                            description=f"poll {topic}")  # fmt: skip

    # --- the polls (thread workers) ------------------------------------------------------

    def _counts(self) -> Snapshot:
        aws, cfg = self.context.aws, self.context.config
        main = aws.queue_counts(cfg.require_queue())
        dlq = aws.queue_counts(cfg.require_dlq())
        # the DLQ's whole depth: a listing or a retry holds letters in flight, and counting
        # only the visible ones read their return as "the DLQ grew"
        return Snapshot(time.monotonic(), main.visible, main.in_flight, main.delayed, dlq.total)

    def _poll_queue(self) -> None:
        from .backends.errors import BackendError, EndpointUnreachable

        try:
            try:
                snap = self._counts()
            except EndpointUnreachable:
                if not self.context.follow_local_stack():  # restarted on another port?
                    raise
                snap = self._counts()
            self.app.post_message(QueuePolled(snap, None))
        except BackendError as e:
            self.app.post_message(QueuePolled(None, str(e)))
        except Exception as e:  # an unexpected failure still must not kill the console
            self.app.post_message(QueuePolled(None, f"{type(e).__name__}: {e}"))

    def _poll_job(self, wanted: str) -> None:
        from .backends.jobs import job_status, list_jobs, status_rows

        job_id, jobs, at = "", None, time.time()
        try:
            store = self.context.store()
            jobs = list_jobs(store, progress=False)
            job_id = (jobs[-1].job_id if jobs else "") if wanted == NEWEST else wanted
            ledger = job_status(store, job_id) if job_id else None
            rows = status_rows(ledger) if ledger else []
            at = time.time()
            cost = None
            if ledger is not None and ledger.job is not None:
                try:
                    cost = job_cost(ledger.job)  # here, not on the UI's thread: it imports
                except Exception:  # the cost is a bonus: never a reason to fail a poll
                    cost = None
            self.app.post_message(JobPolled(wanted, job_id, jobs, rows,
                                            ledger.job if ledger else None, None, at,
                                            cost))  # fmt: skip
        except Exception as e:  # shown, and tried again on the next round
            self.app.post_message(JobPolled(wanted, job_id, jobs, None, None, str(e), at))

    def _list_jobs(self) -> None:
        from .backends.jobs import list_jobs

        try:
            self.app.post_message(JobsListed(list_jobs(self.context.store())[::-1], None))
        except Exception as e:
            self.app.post_message(JobsListed(None, str(e)))

    # --- answers (on the app's thread) ----------------------------------------------------

    def queue_polled(self, event: QueuePolled) -> None:
        self.busy.discard(QUEUE)
        self.polls[QUEUE] = self.polls.get(QUEUE, 0) + 1
        if event.error:
            self.queue_error = event.error
            self.app.problem("queue poll", event.error)  # said once; polls keep trying
        else:
            self.queue_error = None
            self.app.recovered("queue poll")
            before = self.history[-1] if self.history else None
            self.history.append(event.snapshot)
            if before is not None and event.snapshot.dlq > before.dlq:
                grown = event.snapshot.dlq - before.dlq
                self.app.notify(
                    f"the DLQ grew by {grown} to {event.snapshot.dlq}: F6 shows why",
                    title="dead letters", severity="warning", markup=False,
                )  # fmt: skip
        self.tell(QUEUE)

    def job_polled(self, event: JobPolled) -> None:
        topic = job_topic(event.wanted)
        self.busy.discard(topic)
        self.polls[topic] = self.polls.get(topic, 0) + 1
        if event.jobs is not None:
            self.job_list = event.jobs
            self.newest = event.jobs[-1].job_id if event.jobs else ""
        live = self.jobs.setdefault(event.wanted, JobLive())
        if event.error:
            live.error = event.error
            self.app.problem("ledger", event.error)
        else:
            self.app.recovered("ledger")
            if live.job_id != event.job_id:  # another job now (the newest changed)
                live = self.jobs[event.wanted] = JobLive(job_id=event.job_id)
            live.error, live.rows, live.read_at = None, event.rows, event.at
            live.expected = sum(r["expected"] for r in event.rows)
            live.present = sum(r["present"] for r in event.rows)
            live.failed = sum(len(r["failed"]) for r in event.rows)
            was = live.complete
            live.complete = bool(live.expected) and live.present >= live.expected
            shards = sum(r["manifests"] for r in event.rows)
            if not live.history and event.record is not None:
                created = _epoch(getattr(event.record, "created", ""))
                if created is not None and 0 <= event.at - created <= RATE_WINDOW:
                    live.history.append(JobPoint(created, 0, 0))  # a fresh job began at zero
            live.history.append(JobPoint(event.at, live.present, shards))
            if event.cost is not None:
                projected, per = event.cost
                live.cost_projected = projected
                live.cost_so_far = sum(per.get(r["generator"], 0.0) * r["present"]
                                       / max(r["expected"], 1) for r in event.rows)  # fmt: skip
            if live.complete and live.job_id and live.job_id not in self.told_complete:
                self.told_complete.add(live.job_id)
                if not was and len(live.history) > 1:  # seen to complete, not found complete
                    self.app.notify(f"job {live.job_id} complete: {live.present:,} samples",
                                    title="job complete", markup=False)  # fmt: skip
        self.tell(topic)

    def jobs_listed(self, event: JobsListed) -> None:
        self.busy.discard(JOBS)
        self.polls[JOBS] = self.polls.get(JOBS, 0) + 1
        if event.error:
            self.listed_error = event.error
            self.app.problem("store", event.error)
        else:
            self.listed_error, self.listed = None, event.jobs
            self.app.recovered("store")
        self.tell(JOBS)

    def tell(self, topic: str) -> None:
        """Hand fresh figures to the shown subscribers of `topic` ("startup": to all)."""
        for node, topics in list(self.subs.items()):
            if (topic in topics or topic == "startup") and self.shown(node):
                node.live_updated(topic)

    def purged(self) -> None:
        """The task queue was purged: its drop is not throughput, so the window restarts."""
        self.rate_since = time.monotonic()
        self.forced.add(QUEUE)

    def queue_rate(self) -> Rate:
        return queue_rate(self.history, since=self.rate_since)

    def job(self, wanted: str) -> JobLive | None:
        return self.jobs.get(wanted)

    def busy_queue(self) -> bool:
        return bool(self.history) and self.history[-1].in_flight > 0
