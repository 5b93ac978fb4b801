"""`vmwheel dlq` against the real local stack: ids by unique prefix, a job column and full
ids (plain lines when piped), and redrives that filter by job and error type, leave
permanent errors unless asked, and move each message at most once while workers dead-letter
the same bodies again."""

from __future__ import annotations

import json
import time
from collections import Counter

import pytest

from tui.backends import dlq
from tui.backends.aws import Aws
from tui.backends.config import resolve

SUDOKU = {"type": "O-48_sudoku", "num_samples": 1, "seed": 2,
          "params": {"image_size": 64, "video": False}}  # fmt: skip
NOPE = {"type": "O-999_nope", "num_samples": 1}


def attrs(error_type: str, error: str = "it failed") -> dict:
    return {"error_type": {"DataType": "String", "StringValue": error_type},
            "error": {"DataType": "String", "StringValue": error}}  # fmt: skip


class Queues:
    def __init__(self, store):
        self.config = resolve({"store": str(store)}, env={})
        self.aws = Aws(self.config)

    def dead(self, bodies: list[dict], error_type: str) -> None:
        self.aws.send_bodies(self.config.dlq_url, [json.dumps(b) for b in bodies],
                             attributes=[attrs(error_type)] * len(bodies), threads=1)  # fmt: skip

    def dead_ids(self) -> list[str]:
        return [d.message_id for d in dlq.list_dead(self.aws, self.config, None)]

    def clear(self) -> None:
        for url in (self.config.queue_url, self.config.dlq_url):
            self.aws.delete(url, self.aws.collect(url, hold=30))

    def depth(self, url: str) -> int:
        return self.aws.queue_counts(url).total

    def wait(self, condition, timeout: float = 90.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < end, "timed out"
            time.sleep(0.25)


@pytest.fixture
def queues(stack):
    q = Queues(stack.store)
    q.clear()
    yield q
    q.clear()


def job(start: int, job_id: str) -> dict:
    return {**SUDOKU, "start_index": start, "job_id": job_id}


def test_list_has_a_job_column_and_full_ids_on_plain_lines_when_piped(cli, stack, queues):
    queues.dead([job(0, "job-a"), job(1, "job-b")], "SampleTimeout")
    ids = sorted(queues.dead_ids())
    r = cli("--store", stack.store, "dlq", "list")
    assert r.code == 0, r.err
    header, *lines = r.out.splitlines()
    assert header.split("\t") == ["message id", "job", "generator", "range", "seed", "attempts",
                                  "age", "error"]  # fmt: skip
    rows = sorted(line.split("\t") for line in lines)
    assert sorted(row[0] for row in rows) == ids  # full ids, never cut
    assert sorted(row[1] for row in rows) == ["job-a", "job-b"]
    assert all(row[4] == "2" and row[5] == "-" for row in rows)  # seed; no records: attempts -
    data = cli("--store", stack.store, "dlq", "list", "--job", "job-a", "--json").json()
    assert [(d["job_id"], d["error_type"], d["permanent"]) for d in data] == [
        ("job-a", "SampleTimeout", False)]  # fmt: skip


def test_delete_takes_any_unique_id_prefix(cli, stack, queues):
    queues.dead([job(i, "job-d") for i in range(20)], "SampleTimeout")
    ids = queues.dead_ids()
    assert len(ids) == 20
    first = Counter(i[0] for i in ids).most_common(1)[0]
    assert first[1] > 1  # 20 ids over 16 hex digits: two share their first character
    r = cli("--store", stack.store, "dlq", "delete", first[0], "--force")
    assert r.code == 2 and "ambiguous" in r.err and len(r.err.strip().splitlines()) == 1
    assert len(queues.dead_ids()) == 20  # nothing deleted

    target = ids[0]
    r = cli("--store", stack.store, "dlq", "delete", target[:13], "--force", "--json")
    assert r.code == 0, r.err
    assert r.json() == {"deleted": 1, "unmatched": []}
    assert target not in queues.dead_ids() and len(queues.dead_ids()) == 19

    r = cli("--store", stack.store, "dlq", "delete", "ffffffff-nothing", "--force")
    assert r.code == 2 and "no dead message has the id ffffffff-nothing" in r.err
    other = queues.dead_ids()[0]
    r = cli("--store", stack.store, "dlq", "delete", other[:10], "zzz-none", "--force")
    assert r.code == 1  # one went, one named nothing: said, and not a success
    assert "deleted 1" in r.err and "no dead message has the id zzz-none" in r.err
    assert len(queues.dead_ids()) == 18


def test_redrive_filters_and_leaves_permanent_errors(cli, stack, queues):
    queues.dead([job(0, "job-a"), job(1, "job-a")], "SampleTimeout")
    queues.dead([job(2, "job-b")], "SampleCrashed")
    queues.dead([NOPE, NOPE], "UnknownGeneratorType")

    dry = cli("--store", stack.store, "dlq", "redrive", "--error-type", "SampleCrashed",
              "--dry-run", "--json").json()  # fmt: skip
    assert [d["job_id"] for d in dry["would_move"]] == ["job-b"]
    assert dry["left_permanent"] == 2

    r = cli("--store", stack.store, "dlq", "redrive", "--job", "job-a", "--json")
    assert r.code == 0, r.err
    moved = r.json()
    assert (moved["moved"], moved["left"], moved["left_permanent"]) == (2, 1, 2)

    r = cli("--store", stack.store, "dlq", "redrive")  # the rest that may pass
    assert r.code == 0, r.err
    assert "moved 1 of 3" in r.err and "2 permanent errors left on the DLQ" in r.err
    assert "--include-permanent" in r.err
    left = dlq.list_dead(queues.aws, queues.config, None)
    assert [d.kind for d in left] == ["UnknownGeneratorType"] * 2


def test_a_pass_moves_each_message_once_while_workers_kill_them_again(cli, stack, queues):
    """The loop of "retry all" on permanent failures: the workers dead-letter the moved
    messages again at once; the pass still ends, and moved each message once."""
    queues.aws.send_bodies(queues.config.queue_url, [json.dumps(NOPE)] * 3)
    queues.wait(lambda: queues.depth(queues.config.dlq_url) == 3)
    r = cli("--store", stack.store, "dlq", "redrive", "--include-permanent", "--json")
    assert r.code == 0, r.err
    report = r.json()
    assert report["moved"] == 3 and report["total"] == 3 and report["method"] == "manual"
    stack.wait_drained()
    queues.wait(lambda: queues.depth(queues.config.dlq_url) == 3)
    time.sleep(1.0)
    assert queues.depth(queues.config.dlq_url) == 3  # dead again, once each: no churn


def test_move_pass_never_moves_a_body_twice(moto, monkeypatch):
    """A worker that dead-letters every moved body again before the pass ends (played by
    the progress callback, on a real moto server): each body is moved once."""
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")  # a moto server takes any credentials
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local")
    sqs = boto3.client("sqs", endpoint_url=moto, region_name="us-east-1",
                       aws_access_key_id="local", aws_secret_access_key="local")  # fmt: skip
    queue = sqs.create_queue(QueueName="pass-tasks")["QueueUrl"]
    dead_q = sqs.create_queue(QueueName="pass-dlq")["QueueUrl"]
    config = resolve({"queue_url": queue, "dlq_url": dead_q, "endpoint_url": moto,
                      "region": "us-east-1"}, env={})  # fmt: skip
    aws = Aws(config)
    bodies = [json.dumps({**NOPE, "start_index": i}) for i in range(25)]
    aws.send_bodies(dead_q, bodies, attributes=[attrs("UnknownGeneratorType")] * 25)
    resent: set[str] = set()

    def worker_kills_them_again(report: dlq.MovePass) -> None:
        for m in aws.peek(queue, limit=25, wait=0):
            if m.body not in resent:
                resent.add(m.body)
                aws.send_bodies(dead_q, [m.body], attributes=[attrs("UnknownGeneratorType")])

    report = dlq.move_pass(aws, config, dlq.Selector(), on_progress=worker_kills_them_again)
    assert report.moved == 25 and report.total == 25
    assert report.repeats >= 1  # it met bodies dead again during the pass, and left them
    assert aws.queue_counts(queue).visible == 25
    seen: dict[str, str] = {}
    for _ in range(10):  # received messages stay hidden: each turn finds the rest
        seen.update((m.message_id, m.body) for m in aws.collect(queue, hold=60))
        if len(seen) == 25:
            break
    assert sorted(seen.values()) == sorted(bodies)  # each body moved once
    assert aws.queue_counts(dead_q).visible == len(resent) >= 10  # the dead again stay dead
