"""The backends without a running stack: configuration, planning, cost, sending with
retries, DLQ records, the ledger's missing shards, the local poller's event handling."""

from __future__ import annotations

import json
import os

import psutil
import pytest

from lambda_src.ledger import build_ledger
from lambda_src.local_poller import LocalContext, Poller, failed_ids, lambda_record
from lambda_src.records import GeneratorPlan, JobRecord, Manifest, SampleEntry
from tui.backends.aws import Aws, QueueMessage, body_from_seed_record
from tui.backends.config import resolve
from tui.backends.errors import AccessDenied, InvalidRequest, QueueMissing, translate
from tui.backends.jobs import missing_shards, plan_job

from .conftest import clean_env


@pytest.fixture(autouse=True)
def env(monkeypatch):
    for k, v in clean_env().items():
        monkeypatch.setenv(k, v)


def write_state(store, pid=None, created=None, **extra):
    store.mkdir(parents=True, exist_ok=True)
    pid = os.getpid() if pid is None else pid
    created = psutil.Process().create_time() if created is None else created
    state = {"endpoint": "http://127.0.0.1:4566", "region": "us-east-1",
             "queue_url": "http://127.0.0.1:4566/123456789012/vmwheel-tasks",
             "dlq_url": "http://127.0.0.1:4566/123456789012/vmwheel-tasks-dlq",
             "store": str(store), "bucket": "vmwheel-local", "pid": pid,
             "pid_created": created, **extra}  # fmt: skip
    (store / ".local-stack.json").write_text(json.dumps(state))


# --- configuration ------------------------------------------------------------------


def test_precedence_flags_env_stack_local(tmp_path):
    store = tmp_path / "data"
    write_state(store)
    outputs = {"QueueUrl": "https://sqs.eu-west-1.amazonaws.com/1/q",
               "DlqUrl": "https://sqs.eu-west-1.amazonaws.com/1/dlq", "BucketName": "b-stack",
               "FunctionName": "fn"}  # fmt: skip
    cfg = resolve({"stack": "vmwheel", "bucket": "b-flag", "store": None},
                  env={"SQS_DLQ_URL": "https://sqs.eu-west-1.amazonaws.com/1/env-dlq"},
                  stack_lookup=lambda name, c: outputs)  # fmt: skip
    assert (cfg.bucket, cfg.source("bucket")) == ("b-flag", "flag --bucket")
    assert cfg.dlq_url.endswith("env-dlq") and cfg.source("dlq_url") == "env SQS_DLQ_URL"
    assert cfg.queue_url == outputs["QueueUrl"]
    assert cfg.source("queue_url") == "stack vmwheel output QueueUrl"
    assert cfg.function_name == "fn"
    assert cfg.region == "eu-west-1" and cfg.source("region") == "queue URL"
    assert cfg.local is None  # an AWS target was named: the local stack is not consulted


def test_local_stack_fills_what_nothing_else_gave(tmp_path):
    store = tmp_path / "data"
    write_state(store)
    cfg = resolve({"store": str(store)}, env={"AWS_REGION": "us-east-1"})
    assert cfg.local is not None and cfg.is_local
    assert cfg.queue_url.endswith("/vmwheel-tasks") and cfg.source("queue_url").startswith(
        "local stack (pid"
    )
    assert cfg.source("region") == "env AWS_REGION"
    assert cfg.source("store") == "flag --store"
    assert cfg.bucket == "vmwheel-local"


def test_stale_or_reused_state_is_ignored(tmp_path):
    write_state(tmp_path / "a", pid=2**22 + 12345)  # no such process
    write_state(tmp_path / "b", created=1.0)  # our pid, but another process's start time
    for name in ("a", "b"):
        cfg = resolve({"store": str(tmp_path / name)}, env={})
        assert cfg.local is None and cfg.queue_url is None
    with pytest.raises(Exception, match="no task queue configured"):
        cfg.require_queue()


def test_translation_of_aws_errors():
    from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError

    denied = ClientError({"Error": {"Code": "403", "Message": "<?xml version='1.0'?><Error>"
                          "<Code>AccessDenied</Code><Message>not authorized</Message></Error>"}},
                         "PurgeQueue")  # fmt: skip
    assert isinstance(translate(denied, "purging"), AccessDenied)
    assert "not authorized" in str(translate(denied, "purging"))
    missing = ClientError({"Error": {"Code": "AWS.SimpleQueueService.NonExistentQueue",
                                     "Message": "x"}}, "GetQueueAttributes")  # fmt: skip
    assert isinstance(translate(missing, "reading"), QueueMissing)
    down = translate(EndpointConnectionError(endpoint_url="http://127.0.0.1:9"), "reading")
    assert "cannot reach http://127.0.0.1:9" in str(down)
    assert "no AWS credentials" in str(translate(NoCredentialsError(), "sending"))
    assert "\n" not in str(translate(ClientError({"Error": {"Code": "X", "Message": "a\nb"}},
                                                 "Op"), "doing"))  # fmt: skip


# --- planning and cost ------------------------------------------------------------


def test_plan_cuts_shards_and_writes_complete_bodies():
    plan = plan_job(["sudoku", "O-903_slow"], 25, seed=3, output_bucket="bkt",
                    params=["image_size=128", "O-903_slow:sleep_s=0.5", "givens=40"])  # fmt: skip
    sudoku = [s for s in plan.shards if s.generator == "O-48_sudoku"]
    slow = [s for s in plan.shards if s.generator == "O-903_slow"]
    assert [(s.start, s.stop) for s in sudoku] == [(0, 25)]  # its declared shard size is 50
    assert [(s.start, s.stop) for s in slow] == [(0, 10), (10, 20), (20, 25)]
    body = json.loads(slow[1].body)
    assert body == {"type": "O-903_slow", "num_samples": 10, "start_index": 10, "seed": 3,
                    "output_format": "tar", "output_bucket": "bkt",
                    "output_prefix": "questions", "job_id": plan.job_id,
                    "params": plan.generators["O-903_slow"].params}  # fmt: skip
    assert body["params"]["sleep_s"] == 0.5 and body["params"]["image_size"] == 128
    assert json.loads(sudoku[0].body)["params"]["givens"] == 40
    record = plan.record()
    assert record.messages == 4 and record.generators["O-903_slow"].shard_size == 10
    assert not plan.seed_chosen and plan_job(["O-903_slow"], 1).seed_chosen


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"generators": ["nonesuch"], "samples": 5}, "unknown generator 'nonesuch'"),
    ({"generators": ["O-48_sudoku"], "samples": 0}, "--samples must be at least 1"),
    ({"generators": ["O-48_sudoku"], "samples": 5, "batch_size": 1001}, "--batch-size"),
    ({"generators": ["O-48_sudoku"], "samples": 5, "params": ["givens=3"]}, "givens"),
    ({"generators": ["O-48_sudoku"], "samples": 5, "params": ["colour=red"]}, "not declared"),
    ({"generators": ["O-48_sudoku"], "samples": 5, "params": ["G-3_bounce:fps=3"]},
     "not being submitted"),
    ({"generators": ["O-48_sudoku"], "samples": 5, "output_prefix": "../up"}, "prefix"),
    ({"generators": ["O-48_sudoku"], "samples": 5, "seed": -1}, "--seed"),
])  # fmt: skip
def test_plan_rejects_bad_input(kwargs, message):
    names = kwargs.pop("generators")
    samples = kwargs.pop("samples")
    with pytest.raises(InvalidRequest, match=message.replace("(", r"\(")):
        plan_job(names, samples, **kwargs)


def test_more_samples_than_instances_warns():
    plan = plan_job(["O-904_few"], 10, seed=1)
    assert len(plan.warnings) == 1 and "about 3 distinct instances" in plan.warnings[0]
    assert [(s.start, s.stop) for s in plan.shards] == [(0, 7), (7, 10)]


def test_a_faculty_names_its_generators_and_difficulty_ranges_pass_through():
    plan = plan_job(["faculty:perception"], 4, seed=1, params=["difficulty=1-5"])
    assert "O-904_few" in plan.generators
    assert all(g.params["difficulty"] == "1-5" for g in plan.generators.values())
    with pytest.raises(InvalidRequest, match="unknown faculty 'smell'"):
        plan_job(["faculty:smell"], 4, seed=1)
    with pytest.raises(InvalidRequest, match="difficulty"):
        plan_job(["O-48_sudoku"], 4, seed=1, params=["difficulty=6"])


def test_the_cost_model_reads_measured_figures_and_scales_them():
    from tui.backends.pricing import FALLBACK, figures, sample_model

    assert figures("O-904_few") is FALLBACK  # no committed figures: the catalog's typical
    big = sample_model("O-48_sudoku", {"image_size": 1024})
    assert big.cpu_s == pytest.approx(figures("O-48_sudoku")["cpu_s_1024"])
    small = sample_model("O-48_sudoku", {"image_size": 512})
    assert small.cpu_s == pytest.approx(figures("O-48_sudoku")["cpu_s_512"])
    longer = sample_model("O-48_sudoku", {"image_size": 1024, "video_scale": 2.0})
    stills = sample_model("O-48_sudoku", {"image_size": 1024, "video": False})
    assert stills.cpu_s < big.cpu_s < longer.cpu_s < 2 * big.cpu_s
    assert stills.bytes < big.bytes < longer.bytes and stills.objects == big.objects - 1


def test_cost_of_a_million_samples_in_files_mode_is_mostly_puts():
    files = plan_job(["O-48_sudoku"], 1_000_000, seed=1, batch_size=1000,
                     output_format="files", params=["video=false"]).estimate()  # fmt: skip
    tar = plan_job(["O-48_sudoku"], 1_000_000, seed=1, batch_size=1000,
                   params=["video=false"]).estimate()  # fmt: skip
    assert files.messages == 1000 and files.samples == 1_000_000
    assert files.objects >= 5_000_000 and files.puts_exceed_compute
    assert tar.objects == 2 * 1000 + 1 and not tar.puts_exceed_compute
    assert files.lambda_usd == pytest.approx(tar.lambda_usd)
    assert files.total_usd == pytest.approx(files.lambda_usd + files.sqs_usd +
                                            files.s3_put_usd + files.storage_month_usd)  # fmt: skip


# --- sending ------------------------------------------------------------------------


class FlakySqs:
    """send_message_batch that throttles once, then fails each entry once, with one
    entry refused for good (the sender's fault)."""

    def __init__(self):
        self.calls = 0
        self.received: list[str] = []
        self.failed_once: set[str] = set()

    def send_message_batch(self, QueueUrl, Entries):
        from botocore.exceptions import ClientError

        self.calls += 1
        if self.calls == 1:
            raise ClientError({"Error": {"Code": "ThrottlingException", "Message": "slow"}},
                              "SendMessageBatch")  # fmt: skip
        ok, failed = [], []
        for e in Entries:
            if e["MessageBody"] == "bad":
                failed.append({"Id": e["Id"], "SenderFault": True, "Code": "InvalidMessage"})
            elif e["Id"] not in self.failed_once:
                self.failed_once.add(e["Id"])
                failed.append({"Id": e["Id"], "SenderFault": False, "Code": "InternalError"})
            else:
                self.received.append(e["MessageBody"])
                ok.append({"Id": e["Id"]})
        return {"Successful": ok, "Failed": failed}


def test_send_retries_failed_entries_and_reports_refused_ones(monkeypatch):
    monkeypatch.setattr("tui.backends.aws._backoff", lambda attempt: 0.0)
    aws = Aws(resolve({}, env={}))
    fake = FlakySqs()
    aws._clients["sqs"] = fake
    bodies = [f"m{i}" for i in range(12)] + ["bad"]
    seen = []
    report = aws.send_bodies("http://127.0.0.1:1/123456789012/q", bodies, threads=1,
                             on_progress=seen.append)  # fmt: skip
    assert sorted(fake.received) == sorted(bodies[:-1])
    assert report.sent == 12 and report.failed == [(12, "InvalidMessage: ")]
    assert report.retries >= 2 and sum(seen) == 12


def test_dlq_records_round_trip():
    m = QueueMessage("id-1", "rh", json.dumps({"type": "O-48_sudoku", "num_samples": 5}),
                     {"ApproximateReceiveCount": "3", "SentTimestamp": "1700000000000"},
                     {"error_type": {"DataType": "String", "StringValue": "SampleFailed"}})  # fmt: skip
    rec = m.seed_record()
    assert rec["receive_count"] == "3" and rec["timestamp"] == "1700000000000"
    assert json.loads(body_from_seed_record(rec)[0]) == json.loads(m.body)
    assert body_from_seed_record({"body": {"raw_body": "not json"}})[0] == "not json"
    assert body_from_seed_record({"body": '{"type": "x"}'})[0] == '{"type": "x"}'
    with pytest.raises(ValueError):
        body_from_seed_record({"message_id": "no body"})


# --- ledger -> resubmission ---------------------------------------------------------


def _manifest(gid, start, stop, seed=9):
    return Manifest(job_id="j", generator=gid, start_index=start, stop_index=stop, seed=seed,
                    params={}, output_format="files", code_version="", attempt=1,
                    samples=[SampleEntry(f"{gid}_{i:08d}", i, f"h{i}", {})
                             for i in range(start, stop)])  # fmt: skip


def test_missing_shards_follow_the_job_grid_or_the_batch_size():
    job = JobRecord("j", 9, {"O-48_sudoku": GeneratorPlan(100, 0, 25, {"givens": 30})},
                    output_bucket="b")  # fmt: skip
    ledger = build_ledger("j", job, [("k1", _manifest("O-48_sudoku", 0, 25)),
                                     ("k2", _manifest("O-48_sudoku", 50, 60))], [])  # fmt: skip
    shards = missing_shards(ledger)
    assert [(s.start, s.stop) for s in shards] == [(25, 50), (60, 75), (75, 100)]
    body = json.loads(shards[0].body)
    assert (body["seed"], body["job_id"], body["params"]) == (9, "j", {"givens": 30})
    assert [(s.start, s.stop) for s in missing_shards(ledger, batch_size=40)] == [
        (25, 40), (40, 50), (60, 80), (80, 100)]  # fmt: skip


# --- the local poller -----------------------------------------------------------------


def test_lambda_event_shape_and_batch_item_failures():
    msg = {"MessageId": "m1", "ReceiptHandle": "r1", "Body": "{}", "MD5OfBody": "x",
           "Attributes": {"ApproximateReceiveCount": "2", "SentTimestamp": "1"},
           "MessageAttributes": {"a": {"DataType": "String", "StringValue": "v"}}}  # fmt: skip
    rec = lambda_record(msg, "arn:aws:sqs:us-east-1:123456789012:q", "us-east-1")
    assert rec["eventSource"] == "aws:sqs" and rec["attributes"]["ApproximateReceiveCount"] == "2"
    assert rec["messageAttributes"]["a"]["stringValue"] == "v"
    assert rec["messageAttributes"]["a"]["dataType"] == "String"
    assert failed_ids({"batchItemFailures": []}, ["m1"]) == set()
    assert failed_ids(None, ["m1"]) == set()
    assert failed_ids({"batchItemFailures": [{"itemIdentifier": "m1"}]}, ["m1", "m2"]) == {"m1"}
    assert failed_ids({"batchItemFailures": [{"itemIdentifier": "zz"}]}, ["m1", "m2"]) == {
        "m1", "m2"}  # fmt: skip
    ctx = LocalContext(timeout_s=100)
    assert 99_000 < ctx.get_remaining_time_in_millis() <= 100_000
    ctx.shorten(5)
    assert ctx.get_remaining_time_in_millis() <= 5000
    ctx.shorten(50)  # never pushed back
    assert ctx.get_remaining_time_in_millis() <= 5000


class StubSqs:
    def __init__(self, messages):
        self.messages = messages
        self.deleted: list[str] = []

    def get_queue_attributes(self, QueueUrl, AttributeNames):
        return {"Attributes": {"QueueArn": "arn:aws:sqs:us-east-1:123456789012:q"}}

    def receive_message(self, **kw):
        out, self.messages = self.messages[: kw["MaxNumberOfMessages"]], self.messages[kw[
            "MaxNumberOfMessages"]:]  # fmt: skip
        return {"Messages": out}

    def delete_message_batch(self, QueueUrl, Entries):
        self.deleted += [e["ReceiptHandle"] for e in Entries]
        return {"Successful": Entries}


def test_poller_deletes_successes_and_leaves_failures():
    msgs = [{"MessageId": f"m{i}", "ReceiptHandle": f"r{i}", "Body": "{}"} for i in range(3)]
    calls = []

    def handler(event, context):
        calls.append((len(event["Records"]), context.get_remaining_time_in_millis()))
        return {"batchItemFailures": [{"itemIdentifier": "m1"}]}

    sqs = StubSqs(msgs)
    poller = Poller("q", handler, sqs=sqs, batch_size=3, function_timeout=30, log=lambda s: None)
    assert poller.poll_once() == 3
    assert sqs.deleted == ["r0", "r2"] and calls[0][0] == 3 and calls[0][1] <= 30_000

    def broken(event, context):
        raise RuntimeError("boom")

    sqs = StubSqs(msgs)
    Poller("q", broken, sqs=sqs, batch_size=3, log=lambda s: None).poll_once()
    assert sqs.deleted == []  # a raising handler fails the whole batch, as in Lambda
