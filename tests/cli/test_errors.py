"""Bad input and broken surroundings end with one clear line and a non-zero exit: unknown
generator, samples <= 0, nothing configured, endpoint down, queue missing, no
credentials, missing permissions."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import boto3
import pytest

from .conftest import ROOT, clean_env

FAKE_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def one_line_error(r, *fragments: str) -> None:
    assert r.code != 0, (r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vmwheel: error: "), r.err
    for f in fragments:
        assert f in lines[0], lines[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port: int) -> None:
    while True:
        try:
            socket.create_connection(("127.0.0.1", port)).close()
            return
        except OSError:
            time.sleep(0.1)


@pytest.fixture(scope="module")
def guarded():
    """A moto server enforcing IAM, a queue, and credentials allowed only to read it."""
    port = free_port()
    env = clean_env(INITIAL_NO_AUTH_ACTION_COUNT="4", **FAKE_KEYS)
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                             str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_listening(port)
        url = f"http://127.0.0.1:{port}"
        kw = {"endpoint_url": url, "region_name": "us-east-1", "aws_access_key_id": "testing",
              "aws_secret_access_key": "testing"}  # fmt: skip
        queue = boto3.client("sqs", **kw).create_queue(QueueName="guarded")["QueueUrl"]
        iam = boto3.client("iam", **kw)
        iam.create_user(UserName="reader")
        key = iam.create_access_key(UserName="reader")["AccessKey"]
        policy = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["sqs:GetQueueAttributes"], "Resource": "*"}]}  # fmt: skip
        iam.put_user_policy(UserName="reader", PolicyName="read-only",
                            PolicyDocument=json.dumps(policy))  # fmt: skip
        yield url, queue, {"AWS_ACCESS_KEY_ID": key["AccessKeyId"],
                           "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}  # fmt: skip
    finally:
        proc.terminate()
        proc.wait()


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """An empty working folder: no ./vmwheel-data, no local stack, nothing in the env."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- what was asked -----------------------------------------------------------------


@pytest.mark.parametrize(("args", "fragments"), [
    (["-g", "O-999_nonesuch", "--samples", "5"], ["unknown generator 'O-999_nonesuch'"]),
    (["-g", "sudok", "--samples", "5"], ["did you mean O-48_sudoku"]),
    (["-g", "O-48_sudoku", "--samples", "0"], ["--samples must be at least 1, got 0"]),
    (["-g", "O-48_sudoku", "--samples", "-3"], ["--samples must be at least 1"]),
    (["-g", "O-48_sudoku", "--samples", "5", "--param", "givens=2"], ["O-48_sudoku", "givens"]),
    (["-g", "O-48_sudoku", "--samples", "5", "--param", "nope=1"], ["not declared"]),
    (["-g", "O-48_sudoku", "--samples", "5", "--batch-size", "0"], ["--batch-size"]),
    (["-g", "O-48_sudoku", "--samples", "5", "--prefix", "/abs"], ["prefix"]),
])  # fmt: skip
def test_submit_validates_before_anything_else(cli, nowhere, args, fragments):
    # nothing is configured either: validation comes first, and nothing is written
    for extra in ([], ["--dry-run"]):
        one_line_error(cli("submit", *args, *extra), *fragments)
    assert list(nowhere.iterdir()) == []


@pytest.mark.parametrize(("args", "fragment"), [
    (["submit", "-g", "O-48_sudoku", "--samples", "5"], "no task queue configured"),
    (["monitor"], "no task queue configured"),
    (["queue", "count"], "no task queue configured"),
    (["queue", "peek"], "no task queue configured"),
    (["queue", "purge", "--force"], "no task queue configured"),
    (["queue", "count", "--dlq"], "no dead-letter queue configured"),
    (["dlq", "list"], "no dead-letter queue configured"),
    (["dlq", "download", "--output", "x"], "no dead-letter queue configured"),
    (["dlq", "redrive"], "no dead-letter queue configured"),
    (["dlq", "delete", "--all", "--force"], "no dead-letter queue configured"),
    (["resubmit", "J1", "--missing"], "no task queue configured"),
    (["status", "J1"], "no results store configured"),
    (["jobs"], "no results store configured"),
    (["sync", "J1", "dest"], "no results store configured"),
])  # fmt: skip
def test_nothing_configured(cli, nowhere, args, fragment):
    one_line_error(cli(*args), fragment, "vmwheel local")


def test_dlq_push_needs_a_queue_and_a_folder(cli, nowhere):
    (nowhere / "dl").mkdir()
    (nowhere / "dl" / "m.json").write_text(json.dumps({"body": {"type": "O-48_sudoku"}}))
    one_line_error(cli("dlq", "push", "--dlq-dir", nowhere / "dl"), "no task queue configured")
    one_line_error(cli("dlq", "push", "--dlq-dir", nowhere / "nope"), "is not a folder")
    (nowhere / "dl" / "bad.json").write_text("{not json")
    one_line_error(cli("--queue-url", "http://127.0.0.1:9/1/q", "dlq", "push", "--dlq-dir",
                       nowhere / "dl", "--dry-run"), "bad.json")  # fmt: skip


@pytest.mark.parametrize(("args", "fragment"), [
    (["--visibility-timeout", "10"], "leaves a shard no time to start"),
    (["--visibility-timeout", "0"], "visibility timeout must be in 1..43200"),
    (["--visibility-timeout", "60", "--function-timeout", "60"], "must be shorter than"),
    (["--max-receive-count", "0"], "max receive count"),
    (["--workers", "-1"], "--workers must be >= 0"),
    (["--stop"], "no local stack runs"),
])  # fmt: skip
def test_local_stack_settings(cli, nowhere, args, fragment):
    one_line_error(cli("local", "--store", nowhere / "data", *args), fragment)
    assert not (nowhere / "data" / ".local-stack.json").exists()


def test_unknown_job(cli, nowhere):
    one_line_error(cli("--store", nowhere / "data", "status", "J-none"), "no job J-none")
    one_line_error(cli("--store", nowhere / "data", "status", "../x"), "job_id")


# --- the surroundings ---------------------------------------------------------------


def test_endpoint_down(cli, nowhere):
    port = free_port()  # nothing listens there
    where = ["--endpoint-url", f"http://127.0.0.1:{port}", "--region", "us-east-1",
             "--queue-url", f"http://127.0.0.1:{port}/123456789012/q",
             "--dlq-url", f"http://127.0.0.1:{port}/123456789012/dlq", "--store", nowhere / "s"]  # fmt: skip
    for args in (["queue", "count"], ["monitor"], ["dlq", "list"],
                 ["submit", "-g", "O-48_sudoku", "--samples", "3"]):  # fmt: skip
        one_line_error(cli(*where, *args, env=FAKE_KEYS), "cannot reach", str(port))
    assert not (nowhere / "s" / "questions").exists()  # no job record for an unsent job


def test_queue_missing(cli, moto, nowhere):
    url = f"{moto}/123456789012/no-such-queue"
    where = ["--endpoint-url", moto, "--region", "us-east-1", "--queue-url", url,
             "--store", nowhere / "s"]  # fmt: skip
    one_line_error(cli(*where, "queue", "count", env=FAKE_KEYS), "does not exist")
    one_line_error(cli(*where, "submit", "-g", "O-48_sudoku", "--samples", "3", env=FAKE_KEYS),
                   "does not exist")  # fmt: skip


def test_stack_outputs_resolve_the_queue_dlq_and_bucket(cli, moto, nowhere):
    template = {
        "Resources": {"Dlq": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "s-dlq"}},
                      "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "s-q"}},
                      "Bucket": {"Type": "AWS::S3::Bucket",
                                 "Properties": {"BucketName": "s-bucket"}}},
        "Outputs": {"QueueUrl": {"Value": {"Ref": "Queue"}}, "DlqUrl": {"Value": {"Ref": "Dlq"}},
                    "BucketName": {"Value": {"Ref": "Bucket"}}, "FunctionName": {"Value": "fn"}},
    }  # fmt: skip
    boto3.client("cloudformation", endpoint_url=moto, region_name="us-east-1",
                 **{k.lower(): v for k, v in FAKE_KEYS.items()}).create_stack(
                     StackName="wheel", TemplateBody=json.dumps(template))  # fmt: skip
    where = ["--endpoint-url", moto, "--region", "us-east-1"]
    r = cli(*where, "--stack", "wheel", "config", "--json", env=FAKE_KEYS)
    assert r.code == 0, r.err
    cfg = r.json()
    assert cfg["queue_url"]["value"].endswith("/s-q")
    assert cfg["queue_url"]["source"] == "stack wheel output QueueUrl"
    assert cfg["dlq_url"]["value"].endswith("/s-dlq") and cfg["bucket"]["value"] == "s-bucket"
    assert cfg["function_name"]["value"] == "fn"
    counted = cli(*where, "--stack", "wheel", "queue", "count", "--json", env=FAKE_KEYS)
    assert counted.code == 0 and counted.json()["queue"] == "s-q"
    one_line_error(cli(*where, "--stack", "nope", "config", env=FAKE_KEYS), "nope",
                   "does not exist")  # fmt: skip


def test_no_credentials(cli, moto, nowhere):
    queue = boto3.client("sqs", endpoint_url=moto, region_name="us-east-1",
                         **{k.lower(): v for k, v in FAKE_KEYS.items()}).create_queue(
                             QueueName="creds")["QueueUrl"]  # fmt: skip
    r = cli("--endpoint-url", moto, "--region", "us-east-1", "--queue-url", queue,
            "queue", "count")  # fmt: skip
    one_line_error(r, "no AWS credentials found")


def test_missing_permissions(cli, guarded, nowhere):
    url, queue, keys = guarded
    where = ["--endpoint-url", url, "--region", "us-east-1", "--queue-url", queue,
             "--dlq-url", queue, "--store", nowhere / "s"]  # fmt: skip
    assert cli(*where, "queue", "count", env=keys).code == 0  # reading is allowed
    one_line_error(cli(*where, "queue", "purge", "--force", env=keys), "access denied",
                   "sqs:PurgeQueue")  # fmt: skip
    one_line_error(cli(*where, "submit", "-g", "O-48_sudoku", "--samples", "3", env=keys),
                   "access denied", "sqs:SendMessage")  # fmt: skip
    one_line_error(cli(*where, "queue", "peek", env=keys), "access denied")
    one_line_error(cli(*where, "dlq", "list", env=keys), "access denied")
    bad = {"AWS_ACCESS_KEY_ID": "AKIANOBODY", "AWS_SECRET_ACCESS_KEY": "wrong"}
    one_line_error(cli(*where, "queue", "count", env=bad), "access denied")


# --- a real process -------------------------------------------------------------------


def test_real_process_prints_one_line_and_exits_non_zero(tmp_path):
    r = subprocess.run([sys.executable, "-m", "tui.cli", "submit", "-g", "O-48_sudoku",
                        "--samples", "0"], capture_output=True, text=True, cwd=tmp_path,
                       env=clean_env(PYTHONPATH=str(ROOT)))  # fmt: skip
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == "vmwheel: error: --samples must be at least 1, got 0"


@pytest.mark.parametrize("command", [
    ["local"], ["config"], ["submit"], ["monitor"], ["queue"], ["queue", "peek"], ["dlq"],
    ["dlq", "list"], ["dlq", "download"], ["dlq", "push"], ["dlq", "redrive"], ["dlq", "delete"],
    ["status"], ["resubmit"], ["jobs"], ["sync"],
])  # fmt: skip
def test_every_command_has_help(cli, command):
    r = cli(*command, "--help")
    assert r.code == 0 and "usage: vmwheel" in r.out
