"""The task message contract and the worker configuration (no network, no generation)."""

from __future__ import annotations

import json

import pytest

from lambda_src import contract
from lambda_src.config import Config
from lambda_src.contract import derive_job_id, derive_seed, parse_task


def parse(body, **kw):
    kw.setdefault("default_bucket", "stack-bucket")
    return parse_task(body if isinstance(body, str) else json.dumps(body), **kw)


def test_seed_format_message():
    t = parse({"type": "O-48_sudoku_data_generator", "start_index": 100, "num_samples": 50,
               "seed": 42, "output_format": "tar", "output_bucket": "stack-bucket",
               "dedup": False})  # fmt: skip
    assert (t.generator, t.start_index, t.stop_index, t.seed) == ("O-48_sudoku", 100, 150, 42)
    assert (t.output_format, t.output_bucket, t.output_prefix) == ("tar", "stack-bucket",
                                                                   "questions")  # fmt: skip
    assert t.resolved_params["image_size"] == 1024 and t.params == {}
    assert t.job_id == derive_job_id("O-48_sudoku", 42) and t.job_id_derived


@pytest.mark.parametrize("name", ["O-48_sudoku", "O-sudoku", "sudoku",
                                  "O-48_sudoku_data-generator"])  # fmt: skip
def test_upstream_names_resolve(name):
    assert parse({"type": name, "num_samples": 1}).generator == "O-48_sudoku"


def test_defaults_and_derivations():
    t = parse({"type": "sudoku", "num_samples": 3})
    assert t.seed == derive_seed("O-48_sudoku", 0, 3) and t.seed_derived
    again = parse({"type": "O-48_sudoku", "num_samples": 3})
    assert again.seed == t.seed and again.job_id == t.job_id  # retries reproduce
    other = parse({"type": "sudoku", "num_samples": 3, "start_index": 3})
    assert other.seed != t.seed
    assert 0 <= t.seed < 2**63
    assert (t.output_format, t.output_bucket, t.dedup) == ("files", "stack-bucket", False)


def test_unknown_fields_are_ignored_and_listed():
    t = parse({"type": "sudoku", "num_samples": 1, "colour": "red", "zz": 1})
    assert t.unknown_fields == ("colour", "zz")


def test_continuation_body_reproduces_the_task():
    t = parse({"type": "sudoku", "num_samples": 10, "params": {"givens": 40}})
    rest = parse(t.body(6, 10))
    assert (rest.start_index, rest.num_samples, rest.seed, rest.job_id) == (6, 4, t.seed,
                                                                            t.job_id)  # fmt: skip
    assert rest.resolved_params == t.resolved_params and not rest.seed_derived


BAD = [
    ("{not json", contract.InvalidJSON, "not JSON"),
    ("[]", contract.InvalidMessage, "JSON object"),
    ({"num_samples": 1}, contract.MissingField, "'type'"),
    ({"type": "sudoku"}, contract.MissingField, "'num_samples'"),
    ({"type": 5, "num_samples": 1}, contract.InvalidField, "type must be a string"),
    ({"type": "O-999_nope", "num_samples": 1}, contract.UnknownGeneratorType, "unknown generator"),
    ({"type": "sudoku", "num_samples": 0}, contract.InvalidField, "1..1000"),
    ({"type": "sudoku", "num_samples": 1001}, contract.InvalidField, "1..1000"),
    ({"type": "sudoku", "num_samples": 2.0}, contract.InvalidField, "integer"),
    ({"type": "sudoku", "num_samples": True}, contract.InvalidField, "integer"),
    ({"type": "sudoku", "num_samples": 1, "start_index": -1}, contract.InvalidField, "start_index"),
    ({"type": "sudoku", "num_samples": 1, "seed": 2**63}, contract.InvalidField, "seed"),
    ({"type": "sudoku", "num_samples": 1, "seed": "1"}, contract.InvalidField, "seed"),
    ({"type": "sudoku", "num_samples": 1, "output_format": "zip"}, contract.InvalidField, "tar"),
    ({"type": "sudoku", "num_samples": 1, "output_bucket": "x"}, contract.BucketNotAllowed, "'x'"),
    ({"type": "sudoku", "num_samples": 1, "output_prefix": "a/../b"}, contract.InvalidPrefix, ".."),
    ({"type": "sudoku", "num_samples": 1, "output_prefix": "/a"}, contract.InvalidPrefix, "/"),
    ({"type": "sudoku", "num_samples": 1, "job_id": "a/b"}, contract.InvalidField, "job_id"),
    ({"type": "sudoku", "num_samples": 1, "params": []}, contract.InvalidField, "params"),
    ({"type": "sudoku", "num_samples": 1, "params": {"givens": 5}}, contract.InvalidParams,
     "givens"),
    ({"type": "sudoku", "num_samples": 1, "params": {"nope": 5}}, contract.InvalidParams, "nope"),
    ({"type": "sudoku", "num_samples": 1, "dedup": "yes"}, contract.InvalidField, "dedup"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "error", "says"), BAD)
def test_each_problem_has_one_clear_permanent_error(body, error, says):
    with pytest.raises(error) as info:
        parse(body)
    assert isinstance(info.value, contract.PermanentError)
    assert says in str(info.value) and "\n" not in str(info.value)
    assert info.value.error_type == error.__name__


def test_bucket_rules():
    msg = {"type": "sudoku", "num_samples": 1}
    with pytest.raises(contract.BucketNotAllowed):
        parse(msg, default_bucket=None)
    assert parse(msg, default_bucket=None, require_bucket=False).output_bucket is None
    other = {**msg, "output_bucket": "extra"}
    assert parse(other, allowed_buckets={"extra"}).output_bucket == "extra"


def test_config_from_env():
    cfg = Config.from_env({"OUTPUT_BUCKET": "b", "ALLOWED_BUCKETS": "c, d,,", "WORKER_PROCESSES":
                           "3", "SAMPLE_TIMEOUT_S": "12.5", "OUTPUT_PREFIX": "p"})  # fmt: skip
    assert cfg.allowed_buckets == {"b", "c", "d"}
    assert (cfg.worker_processes, cfg.sample_timeout_s, cfg.output_prefix) == (3, 12.5, "p")
    assert Config.from_env({}).worker_processes >= 1
    with pytest.raises(ValueError, match="WORKER_PROCESSES"):
        Config.from_env({"WORKER_PROCESSES": "many"})
