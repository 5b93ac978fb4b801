"""Bad input never crashes the handler: random bodies are each either processed (a
manifest) or dead-lettered after one receive with a reason and a failure record."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lambda_src.config import Config
from lambda_src.contract import PermanentError, parse_task
from lambda_src.ledger import covered_ranges
from lambda_src.records import FailureRecord
from lambda_src.shard import code_version
from lambda_src.stores import S3Store

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)
# only harmless faults: a hang or crash would be a (correct) transient failure here
GOOD = {
    "type": st.sampled_from(["O-900_faulty", "faulty", "O-900_faulty_data-generator"]),
    "num_samples": st.sampled_from([1, 1, 2]),
    "params": st.fixed_dictionaries(
        {"image_size": st.just(64), "video": st.just(False)},
        optional={"fault": st.sampled_from(["none", "raise"]), "fault_index": st.integers(0, 3)},
    ),
}
GOOD_OPTIONAL = {
    "start_index": st.integers(0, 4),
    "seed": st.integers(0, 5),
    "output_format": st.sampled_from(["files", "tar"]),
    "output_prefix": st.sampled_from(["questions", "fuzz/p"]),
    "job_id": st.sampled_from(["fuzz", "fuzz-2"]),
    "dedup": st.booleans(),
    "extra": JUNK,
}
BAD = {
    "type": st.one_of(st.sampled_from(["O-999_nope", "", "O-", "o"]), JUNK),
    "num_samples": st.one_of(st.sampled_from([-1, 0, 1001]), JUNK),
    "params": st.one_of(
        st.fixed_dictionaries({"image_size": st.sampled_from([63, 4096, "64", None, True])}),
        st.just({"fault": "explode"}),
        st.just({"colour": 1}),
        JUNK,
    ),
    "start_index": st.one_of(st.sampled_from([-1, 10**8]), JUNK),
    "seed": st.one_of(st.sampled_from([-1, 2**63]), JUNK),
    "output_format": st.one_of(st.just("zip"), JUNK),
    "output_bucket": st.one_of(st.just("not-ours"), JUNK),
    "output_prefix": st.one_of(st.sampled_from(["../x", "/abs", "a//b", "_jobs", ""]), JUNK),
    "job_id": st.one_of(st.sampled_from(["bad id", "../j", ""]), JUNK),
}


@st.composite
def messages(draw, bucket: str) -> dict:
    """A valid message, often with one or two fields made wrong or removed."""
    msg = draw(st.fixed_dictionaries(GOOD, optional={**GOOD_OPTIONAL,
                                                     "output_bucket": st.just(bucket)}))  # fmt: skip
    spoil = draw(st.sampled_from([0, 1, 1, 2]))  # mostly invalid: those are cheap
    for name in draw(st.lists(st.sampled_from(sorted(BAD)), min_size=spoil, max_size=spoil,
                              unique=True)):  # fmt: skip
        if name in GOOD and draw(st.booleans()):
            del msg[name]
        else:
            msg[name] = draw(BAD[name])
    return msg


SQS_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), min_codepoint=0x20, blacklist_characters="\ufffe\uffff"
    ),
    min_size=1,
    max_size=80,
)


def bodies(bucket: str):
    return st.one_of(
        messages(bucket).map(json.dumps),
        messages(bucket).map(json.dumps),
        st.recursive(JUNK, lambda c: st.lists(c, max_size=3), max_leaves=5).map(json.dumps),
        SQS_TEXT,
    )


def test_random_bodies_are_processed_or_dead_lettered(aws, source):
    config = Config.from_env()

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)  # fmt: skip
    @given(bodies(aws.bucket))
    def check(text):
        aws.send(text)
        response = source.deliver()
        assert response == {"batchItemFailures": []}, response
        assert aws.counts(aws.queue_url) == 0
        dead = aws.take_dlq()
        try:
            task = parse_task(text, default_bucket=config.output_bucket,
                              allowed_buckets=config.allowed_buckets)  # fmt: skip
        except PermanentError:
            task = None
        if task is None or dead:
            (msg,) = dead
            assert msg["Body"] == text
            attrs = {k: v["StringValue"] for k, v in msg["MessageAttributes"].items()}
            assert attrs["error_type"] and attrs["error"]
            record = FailureRecord.from_json(aws.get(attrs["failure_record"]))
            assert record.permanent and record.message == text
            event(f"dead-lettered: {attrs['error_type']}")
            return
        # done: manifests with its settings cover its range (maybe an earlier, wider one)
        store = S3Store(aws.bucket, endpoint_url=aws.endpoint)
        done = covered_ranges(store, task.output_prefix, task.job_id, task.generator,
                              task.start_index, task.stop_index, seed=task.seed,
                              params=task.resolved_params, output_format=task.output_format,
                              code_version=code_version(),
                              generator_version=task.generator_version)  # fmt: skip
        assert done == [(task.start_index, task.stop_index)]
        event("processed")

    check()
