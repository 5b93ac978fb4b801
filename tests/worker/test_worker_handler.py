"""The worker end to end: handler, shard runner, stores and queues against a moto server
over HTTP, with real ffmpeg."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile

import pytest
from botocore.exceptions import ClientError

from generators import validate_sample
from lambda_src import handler as handler_module
from lambda_src import layout
from lambda_src.ledger import load_ledger
from lambda_src.records import FailureRecord, Manifest
from lambda_src.stores import LocalStore, S3Store, open_store
from tests.worker.conftest import FakeContext, wait_visible

SMALL = {"image_size": 128}
NO_VIDEO = {"image_size": 128, "video": False}


def body(**fields) -> str:
    msg = {"type": "O-48_sudoku", "num_samples": 2, "seed": 7, "job_id": "job1",
           "params": NO_VIDEO}  # fmt: skip
    msg.update(fields)
    return json.dumps({k: v for k, v in msg.items() if v is not ...})


def manifests(store, job="job1", gen="O-48_sudoku", prefix="questions"):
    keys = list(store.list_keys(layout.manifests_prefix(prefix, job, gen)))
    return {k: Manifest.from_json(store.get_bytes(k)) for k in keys}


def failures(store, job="job1", prefix="questions"):
    keys = list(store.list_keys(layout.failures_prefix(prefix, job)))
    return {k: FailureRecord.from_json(store.get_bytes(k)) for k in keys}


def s3_store(aws):
    return open_store(f"s3://{aws.bucket}", endpoint_url=aws.endpoint)


# --- a valid shard ---------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["s3", "folder"])
@pytest.mark.parametrize("fmt", ["files", "tar"])
def test_valid_shard_lands_with_a_correct_manifest(aws, source, monkeypatch, tmp_path, fmt,
                                                   backend):  # fmt: skip
    monkeypatch.setenv("WORKER_PROCESSES", "2")
    if backend == "folder":
        monkeypatch.setenv("LOCAL_STORE_DIR", str(tmp_path / "store"))
        store = LocalStore(tmp_path / "store")
    else:
        store = s3_store(aws)
    aws.send(body(output_format=fmt, num_samples=3, params=SMALL))
    response = source.deliver()
    assert response == {"batchItemFailures": []}
    assert aws.counts(aws.queue_url) == 0 and aws.counts(aws.dlq_url) == 0

    (key, m), *others = manifests(store).items()
    assert not others
    assert key == layout.manifest_key("questions", "job1", "O-48_sudoku", 0, 3)
    assert (m.start_index, m.stop_index, m.seed, m.output_format) == (0, 3, 7, fmt)
    assert m.params["image_size"] == 128 and m.params["givens"] == 32
    assert [s.index for s in m.samples] == [0, 1, 2]
    data_keys = {k for k in store.list_keys("questions/O-48_sudoku/")}
    if fmt == "files":
        expected = {layout.sample_key("questions", "O-48_sudoku", s.index, f)
                    for s in m.samples for f in s.files}  # fmt: skip
        assert data_keys == expected
        for s in m.samples:
            assert set(s.files) == {"first_frame.png", "final_frame.png", "prompt.txt",
                                    "rubric.txt", "ground_truth.mp4", "metadata.json"}  # fmt: skip
            for name, f in s.files.items():
                data = store.get_bytes(layout.sample_key("questions", "O-48_sudoku", s.index, name))
                assert (hashlib.sha256(data).hexdigest(), len(data)) == (f.sha256, f.size)
        assert m.tar is None and m.bytes == sum(s.bytes for s in m.samples)
    else:
        tar_key = layout.tar_key("questions", "O-48_sudoku", 0, 3)
        assert data_keys == {tar_key}
        blob = store.get_bytes(tar_key)
        assert (m.tar.key, m.tar.sha256, m.tar.size) == (
            tar_key, hashlib.sha256(blob).hexdigest(), len(blob))  # fmt: skip
        with tarfile.open(fileobj=io.BytesIO(blob), mode="r:") as tar:  # plain tar
            members = {i.name: tar.extractfile(i).read() for i in tar.getmembers()}
            assert all(i.isfile() for i in tar.getmembers())
        expected = {layout.tar_member("O-48_sudoku", s.index, name): f
                    for s in m.samples for name, f in s.files.items()}  # fmt: skip
        assert set(members) == set(expected)
        for name, f in expected.items():
            assert (hashlib.sha256(members[name]).hexdigest(), len(members[name])) == (
                f.sha256, f.size)  # fmt: skip
        assert m.bytes == len(blob)
    # the samples are valid (video included)
    sample = m.samples[1]
    folder = tmp_path / "check" / sample.sample_id
    folder.mkdir(parents=True)
    for name in sample.files:
        if fmt == "files":
            data = store.get_bytes(layout.sample_key("questions", "O-48_sudoku", 1, name))
        else:
            data = members[layout.tar_member("O-48_sudoku", 1, name)]
        (folder / name).write_bytes(data)
    assert validate_sample(folder, compare_frames=False) == []
    assert not list(store.list_keys("questions/_failures/"))


def test_the_same_samples_whatever_the_split(aws, source):
    """A shard split differently gives byte-identical samples (pure samples)."""
    aws.send(body(num_samples=3, job_id="whole"))
    aws.send(body(num_samples=1, start_index=2, job_id="part", output_prefix="other"))
    source.drain()
    store = s3_store(aws)
    whole = manifests(store, "whole")
    part = manifests(store, "part", prefix="other")
    (w,) = whole.values()
    (p,) = part.values()
    assert p.samples[0].files == w.samples[2].files


# --- invalid messages go to the DLQ at once ---------------------------------------------


INVALID = {
    "invalid JSON": ('{"type": "O-48_sudoku", "num_samples": ', "InvalidJSON"),
    "missing field": (body(num_samples=...), "MissingField"),
    "unknown generator": (body(type="O-999_nonexistent"), "UnknownGeneratorType"),
    "param out of range": (body(params={"image_size": 128, "givens": 99}), "InvalidParams"),
    "unknown param": (body(params={"colour": "red"}), "InvalidParams"),
    "disallowed bucket": (body(output_bucket="someone-elses-bucket"), "BucketNotAllowed"),
    "dotdot prefix": (body(output_prefix="questions/../secrets"), "InvalidPrefix"),
    "absolute prefix": (body(output_prefix="/etc"), "InvalidPrefix"),
    "num_samples too big": (body(num_samples=1001), "InvalidField"),
    "seed not an int": (body(seed="7"), "InvalidField"),
    "401-digit param": (body(params={**NO_VIDEO, "video_scale": 10**400}), "InvalidParams"),
    "not an object": ("[1, 2, 3]", "InvalidMessage"),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_message_is_dead_lettered_after_one_receive(aws, source, case):
    text, error_type = INVALID[case]
    aws.send(text)
    assert source.deliver() == {"batchItemFailures": []}
    assert aws.counts(aws.queue_url) == 0
    (dead,) = aws.take_dlq()
    assert dead["Body"] == text
    assert dead["Attributes"]["ApproximateReceiveCount"] == "1"
    attrs = {k: v["StringValue"] for k, v in dead["MessageAttributes"].items()}
    assert attrs["error_type"] == error_type
    assert attrs["error"]
    record = FailureRecord.from_json(aws.get(attrs["failure_record"]))
    assert record.permanent and record.error_type == error_type
    assert record.message == text and record.attempt == 1
    # records never go under a prefix or bucket the message was refused
    assert attrs["failure_record"].startswith("questions/_failures/")
    assert not aws.keys("questions/O-48_sudoku/")


def test_invalid_message_failure_record_joins_its_job(aws, source):
    aws.send(body(params={"givens": 5}))
    source.deliver()
    (record,) = failures(s3_store(aws)).values()
    assert (record.job_id, record.generator, record.start_index, record.stop_index) == (
        "job1", "O-48_sudoku", 0, 2)  # fmt: skip
    ledger = load_ledger(s3_store(aws), "job1")
    (failed,) = ledger.generators["O-48_sudoku"].failed
    assert failed.permanent and failed.error_type == "InvalidParams"


# --- transient failures are retried ------------------------------------------------------


def test_missing_bucket_is_transient_and_retried(aws, source):
    aws.s3.delete_bucket(Bucket=aws.bucket)
    aws.send(body())
    response = source.deliver()
    assert len(response["batchItemFailures"]) == 1
    assert aws.counts(aws.dlq_url) == 0
    aws.s3.create_bucket(Bucket=aws.bucket)
    wait_visible(aws)
    assert source.deliver(wait=2) == {"batchItemFailures": []}
    assert len(manifests(s3_store(aws))) == 1
    assert aws.counts(aws.queue_url) == 0 and aws.counts(aws.dlq_url) == 0


class RefusingStore(S3Store):
    """The real S3 store, except that the first `n` sample uploads get AccessDenied."""

    refusals = 0

    def __init__(self, inner: S3Store, n: int):
        super().__init__(inner.bucket, client=inner.client)
        self.n = n

    def create_file(self, key, path):
        if "/_" not in key and RefusingStore.refusals < self.n:
            RefusingStore.refusals += 1
            raise_denied = {"Error": {"Code": "AccessDenied", "Message": "Access Denied"}}
            from lambda_src.stores import _s3_error

            raise _s3_error(ClientError(raise_denied, "PutObject"), f"put {key}")
        super().create_file(key, path)


@pytest.mark.parametrize("fmt", ["files", "tar"])
def test_upload_refused_mid_shard_is_retried(aws, source, monkeypatch, fmt):
    real = handler_module.make_store
    RefusingStore.refusals = 0
    monkeypatch.setattr(handler_module, "make_store",
                        lambda cfg, bucket: RefusingStore(real(cfg, bucket), 1))  # fmt: skip
    aws.send(body(num_samples=3, output_format=fmt))
    assert len(source.deliver()["batchItemFailures"]) == 1
    (key, record), *_ = failures(s3_store(aws)).items()
    assert key.endswith(f"/00000000-00000003/1-{record.token}.json")
    assert not record.permanent and "AccessDenied" in record.error
    # what landed before the refusal keeps its manifests; the refused sample is not in one
    landed = [(m.start_index, m.stop_index) for m in manifests(s3_store(aws)).values()]
    assert (0, 1) not in landed and all(a >= 1 for a, _ in landed)
    wait_visible(aws)
    assert source.deliver(wait=2) == {"batchItemFailures": []}
    done = manifests(s3_store(aws))
    assert sorted(i for m in done.values() for i in (s.index for s in m.samples)) == [0, 1, 2]
    assert {m.attempt for m in done.values() if m.start_index == 0} == {2}


def test_persistent_transient_failure_reaches_dlq_after_max_receives(aws, source):
    text = body(type="O-900_faulty", num_samples=2,
                params={"image_size": 64, "video": False, "fault": "exit", "fault_index": 1})  # fmt: skip
    aws.send(text)
    source.drain()
    assert source.deliveries == 3
    assert aws.counts(aws.queue_url) == 0
    (dead,) = aws.take_dlq()
    assert dead["Body"] == text
    recs = failures(s3_store(aws))
    assert sorted(r.attempt for r in recs.values()) == [1, 2, 3]
    for r in recs.values():
        assert not r.permanent and r.error_type == "SampleCrashed"
        assert "exited with code 3" in r.error
        assert "stdout of sample 1 before exit" in r.output_tail
        assert "stderr of sample 1 before exit" in r.output_tail
        assert r.message == text
        assert r.failed_indices == [1]
    # sample 0 landed on the first attempt and was not made again
    (m,) = manifests(s3_store(aws), gen="O-900_faulty").values()
    assert (m.start_index, m.stop_index, m.attempt) == (0, 1, 1)
    attrs = {k: v["StringValue"] for k, v in dead["MessageAttributes"].items()}
    assert attrs["error_type"] == "SampleCrashed"  # the reason travels with the message


# --- isolation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "error_type", "says"),
    [
        ("hang", "SampleTimeout", "budget"),
        ("exit", "SampleCrashed", "exited with code 3"),
        ("sigkill", "SampleCrashed", "killed by SIGKILL"),
    ],
)
def test_a_bad_sample_fails_alone(aws, source, monkeypatch, fault, error_type, says):
    monkeypatch.setenv("SAMPLE_TIMEOUT_S", "3")
    monkeypatch.setenv("WORKER_PROCESSES", "2")
    aws.send(body(type="O-900_faulty", num_samples=4,
                  params={"image_size": 64, "video": False, "fault": fault, "fault_index": 2}))  # fmt: skip
    assert len(source.deliver()["batchItemFailures"]) == 1
    (record,) = failures(s3_store(aws)).values()
    assert (record.error_type, record.permanent) == (error_type, False)
    assert says in record.error and "sample 2 " in record.error
    assert f"stderr of sample 2 before {fault}" in record.output_tail
    # the other samples were made and uploaded; the failed one is absent
    made = {k.split("/")[2] for k in aws.keys("questions/O-900_faulty/")}
    assert made == {f"O-900_faulty_{i:08d}" for i in (0, 1, 3)}
    aws.take_queue()


def test_a_generator_exception_is_permanent(aws, source):
    text = body(type="O-900_faulty", num_samples=3,
                params={"image_size": 64, "video": False, "fault": "raise", "fault_index": 0})  # fmt: skip
    aws.send(text)
    assert source.deliver() == {"batchItemFailures": []}
    (dead,) = aws.take_dlq()
    attrs = {k: v["StringValue"] for k, v in dead["MessageAttributes"].items()}
    assert attrs["error_type"] == "SampleFailed"
    assert "raises on purpose" in attrs["error"]
    (record,) = failures(s3_store(aws)).values()
    assert record.permanent and "ValueError" in record.traceback
    assert "stdout of sample 0 before raise" in record.output_tail


# --- deadline ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["files", "tar"])
def test_deadline_splits_the_shard_with_a_continuation(aws, source, monkeypatch, fmt):
    monkeypatch.setenv("WORKER_PROCESSES", "2")
    aws.send(body(num_samples=4, output_format=fmt))
    # the invocation starts, two samples may start; then only 5 s remain: no more start
    ctx = FakeContext([900_000] * 4 + [5_000])
    assert source.deliver(context=ctx) == {"batchItemFailures": []}
    store = s3_store(aws)
    (first,) = manifests(store).values()
    assert (first.start_index, first.stop_index) == (0, 2)
    (cont,) = aws.sqs.receive_message(QueueUrl=aws.queue_url, MaxNumberOfMessages=10,
                                      WaitTimeSeconds=1)["Messages"]  # fmt: skip
    sent = json.loads(cont["Body"])
    assert (sent["start_index"], sent["num_samples"], sent["seed"], sent["job_id"]) == (
        2, 2, 7, "job1")  # fmt: skip
    aws.sqs.change_message_visibility(QueueUrl=aws.queue_url, ReceiptHandle=cont["ReceiptHandle"],
                                      VisibilityTimeout=0)  # fmt: skip
    assert source.deliver(wait=1) == {"batchItemFailures": []}
    got = sorted((m.start_index, m.stop_index) for m in manifests(store).values())
    assert got == [(0, 2), (2, 4)]
    assert aws.counts(aws.queue_url) == 0
    ledger = load_ledger(store, "job1")
    assert ledger.generators["O-48_sudoku"].present == [(0, 4)]
    if fmt == "tar":
        assert len([k for k in aws.keys("questions/O-48_sudoku/")]) == 2


def test_no_time_at_all_is_transient(aws, source):
    aws.send(body())
    response = source.deliver(context=FakeContext(2_000))
    assert len(response["batchItemFailures"]) == 1
    (record,) = failures(s3_store(aws)).values()
    assert record.error_type == "DeadlineExceeded"
    aws.take_queue()


# --- idempotency ---------------------------------------------------------------------------


def data_keys(aws):
    return [k for k in aws.keys("") if "/_attempts/" not in k]


def test_redelivering_a_completed_shard_writes_nothing(aws, source):
    text = body(num_samples=3)
    aws.send(text)
    source.deliver()
    before = data_keys(aws)
    stamp = {k: aws.s3.head_object(Bucket=aws.bucket, Key=k)["ETag"] for k in before}
    aws.send(text)
    assert source.deliver() == {"batchItemFailures": []}
    assert data_keys(aws) == before
    assert len(aws.keys("questions/_attempts/")) == 1  # the second delivery did not start
    assert {k: aws.s3.head_object(Bucket=aws.bucket, Key=k)["ETag"] for k in before} == stamp
    assert aws.counts(aws.queue_url) == 0 and aws.counts(aws.dlq_url) == 0


def test_a_manifest_whose_object_is_gone_is_not_done(aws, source):
    """The skip checks that the listed objects exist: a lost one is made again (the same
    bytes); what is still there is left as it is."""
    text = body(num_samples=3)
    aws.send(text)
    source.deliver()
    before = data_keys(aws)
    stamp = {k: aws.s3.head_object(Bucket=aws.bucket, Key=k)["ETag"] for k in before}
    victim = layout.sample_key("questions", "O-48_sudoku", 1, "prompt.txt")
    aws.s3.delete_object(Bucket=aws.bucket, Key=victim)
    aws.send(text)
    assert source.deliver() == {"batchItemFailures": []}
    assert data_keys(aws) == before
    assert {k: aws.s3.head_object(Bucket=aws.bucket, Key=k)["ETag"] for k in before} == stamp
    assert aws.counts(aws.dlq_url) == 0


def test_a_manifest_of_other_code_is_not_done(aws, source, monkeypatch):
    """The skip requires the code and generator version that made the manifest."""
    import generators.sample

    text = body(num_samples=1)
    aws.send(text)
    source.deliver()
    monkeypatch.setattr(generators.sample, "CODE_VERSION", "9.9.9")
    aws.send(text)
    assert source.deliver() == {"batchItemFailures": []}
    assert len(aws.keys("questions/_attempts/")) == 2  # made again, not skipped
    (m,) = manifests(s3_store(aws)).values()
    assert m.code_version != "9.9.9"  # the same bytes: the first manifest stands


def test_an_overlapping_redelivery_resumes_from_what_is_there(aws, source):
    aws.send(body(num_samples=3))
    source.deliver()
    aws.send(body(num_samples=4, start_index=1))
    assert source.deliver() == {"batchItemFailures": []}
    store = s3_store(aws)
    got = sorted((m.start_index, m.stop_index) for m in manifests(store).values())
    assert got == [(0, 3), (3, 5)]  # only 3 and 4 were made
    ledger = load_ledger(store, "job1")
    g = ledger.generators["O-48_sudoku"]
    assert g.present == [(0, 5)] and g.samples == 5
    sizes = [aws.s3.head_object(Bucket=aws.bucket, Key=k)["ContentLength"]
             for k in aws.keys("questions/O-48_sudoku/")]  # fmt: skip
    assert g.bytes == sum(sizes)  # every object once


def test_other_params_in_the_same_job_collide(aws, source):
    aws.send(body(num_samples=1))
    source.deliver()
    first = {k: aws.get(k) for k in aws.keys("questions/O-48_sudoku/")}
    aws.send(body(num_samples=1, params={**NO_VIDEO, "givens": 40}))
    assert source.deliver() == {"batchItemFailures": []}
    (dead,) = aws.take_dlq()
    attrs = {k: v["StringValue"] for k, v in dead["MessageAttributes"].items()}
    assert attrs["error_type"] == "KeyCollision"
    assert "this job (job1)" in attrs["error"]
    assert {k: aws.get(k) for k in aws.keys("questions/O-48_sudoku/")} == first
    (m,) = manifests(s3_store(aws)).values()
    assert m.params["givens"] == 32


def test_direct_invocation(aws):
    out = handler_module.handler(json.loads(body(num_samples=1)), FakeContext())
    assert out["status"] == "done" and len(out["manifests"]) == 1
    again = handler_module.handler(body(num_samples=1), FakeContext())
    assert again["status"] == "skipped"
    bad = handler_module.handler({"type": "nope", "num_samples": 1}, FakeContext())
    assert bad["status"] == "dead-lettered" and bad["error_type"] == "UnknownGeneratorType"
    assert len(aws.take_dlq()) == 1


# --- the seed's message format -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["files", "tar"])
def test_seed_format_messages(aws, source, fmt):
    text = json.dumps({"type": "O-900_faulty_data-generator", "start_index": 10,
                       "num_samples": 2, "seed": 123, "output_format": fmt,
                       "output_bucket": aws.bucket, "dedup": True})  # fmt: skip
    aws.send(text)
    assert source.deliver() == {"batchItemFailures": []}
    store = s3_store(aws)
    (key,) = [k for k in store.list_keys("questions/_manifests/")]
    mk = layout.parse_manifest_key(key)
    assert (mk.generator, mk.range) == ("O-900_faulty", (10, 12))
    assert mk.job_id.startswith("adhoc-")
    m = Manifest.from_json(store.get_bytes(key))
    assert m.seed == 123 and m.params["image_size"] == 1024
    assert [s.sample_id for s in m.samples] == ["O-900_faulty_00000010", "O-900_faulty_00000011"]


def test_allowed_buckets(aws, source, monkeypatch):
    aws.s3.create_bucket(Bucket=f"{aws.bucket}-extra")
    monkeypatch.setenv("ALLOWED_BUCKETS", f"x, {aws.bucket}-extra")
    aws.send(body(num_samples=1, output_bucket=f"{aws.bucket}-extra"))
    assert source.deliver() == {"batchItemFailures": []}
    extra = open_store(f"s3://{aws.bucket}-extra", endpoint_url=aws.endpoint)
    assert len(manifests(extra)) == 1


def test_logs_and_metrics(aws, source, capsys):
    aws.send(body(num_samples=1))
    aws.send(body(type="nope"))
    source.drain()
    lines = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")
    ]
    done = next(x for x in lines if x.get("event") == "shard_done")
    assert {"generator", "start", "stop", "job_id", "attempt", "duration_s", "samples",
            "bytes"} <= set(done)  # fmt: skip
    failed = next(x for x in lines if x.get("event") == "shard_failed")
    assert failed["error_type"] == "UnknownGeneratorType"
    emf = [x for x in lines if "_aws" in x]
    names = {m["Name"] for x in emf for d in x["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]}
    assert names == {"ShardDuration", "SamplesGenerated", "BytesWritten", "ShardFailure"}
    for x in emf:
        (directive,) = x["_aws"]["CloudWatchMetrics"]
        assert directive["Namespace"] == "VmDataWheel"
        assert "Generator" in directive["Dimensions"][0]
        for dim in directive["Dimensions"][0]:
            assert dim in x
    fail = next(x for x in emf if "ShardFailure" in x)
    assert fail["ErrorType"] == "UnknownGeneratorType"


def test_folder_store_without_a_bucket(aws, source, monkeypatch, tmp_path):
    """The local stack: LOCAL_STORE_DIR and no OUTPUT_BUCKET; records land in the folder."""
    monkeypatch.delenv("OUTPUT_BUCKET")
    monkeypatch.setenv("LOCAL_STORE_DIR", str(tmp_path / "store"))
    store = LocalStore(tmp_path / "store")
    aws.send(body(num_samples=1))
    aws.send(body(params={"givens": 1}, job_id="bad"))
    source.drain()
    assert len(manifests(store)) == 1
    (record,) = failures(store, "bad").values()
    assert record.error_type == "InvalidParams"
    (dead,) = aws.take_dlq()
    assert dead["MessageAttributes"]["error_type"]["StringValue"] == "InvalidParams"
    assert not aws.keys()
