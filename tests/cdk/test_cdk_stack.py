"""Every setting of the pipeline stack, pinned on the synthesized template."""

import json

import pytest
from aws_cdk import App
from aws_cdk.assertions import Match, Template

from cdk_app.config import ConfigError
from cdk_app.stack import VmDatasetPipelineStack


def only(template: Template, resource_type: str, prefix: str = "") -> tuple[str, dict]:
    """(logical id, resource) of the one resource of a type whose id starts with prefix."""
    found = {
        k: v for k, v in template.find_resources(resource_type).items() if k.startswith(prefix)
    }
    assert len(found) == 1, f"expected one {resource_type} {prefix}*, found {sorted(found)}"
    return next(iter(found.items()))


def ids(template: Template) -> dict[str, str]:
    return {
        "bucket": only(template, "AWS::S3::Bucket")[0],
        "queue": only(template, "AWS::SQS::Queue", "TaskQueue")[0],
        "dlq": only(template, "AWS::SQS::Queue", "DeadLetterQueue")[0],
        "worker": only(template, "AWS::Lambda::Function")[0],
        "logs": only(template, "AWS::Logs::LogGroup")[0],
        "topic": only(template, "AWS::SNS::Topic")[0],
    }


def arn(logical_id: str) -> dict:
    return {"Fn::GetAtt": [logical_id, "Arn"]}


def allow_statements(template: Template) -> list[dict]:
    """Every Allow statement of every identity policy in the template."""
    docs = [
        p["Properties"]["PolicyDocument"]
        for p in template.find_resources("AWS::IAM::Policy").values()
    ]
    docs += [
        p["Properties"]["PolicyDocument"]
        for p in template.find_resources("AWS::IAM::ManagedPolicy").values()
    ]
    for role in template.find_resources("AWS::IAM::Role").values():
        docs += [p["PolicyDocument"] for p in role["Properties"].get("Policies", [])]
    return [s for d in docs for s in d["Statement"] if s["Effect"] == "Allow"]


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def grants(template: Template) -> dict[str, list]:
    """Action -> resources it is allowed on, over all Allow statements."""
    out: dict[str, list] = {}
    for statement in allow_statements(template):
        for action in as_list(statement["Action"]):
            out.setdefault(action, []).extend(as_list(statement["Resource"]))
    return out


def tls_deny(action: str) -> dict:
    return Match.object_like(
        {
            "Effect": "Deny",
            "Action": action,
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    )


# --- bucket -------------------------------------------------------------------------


def test_bucket_blocks_public_access_is_encrypted_and_retained(template):
    _, bucket = only(template, "AWS::S3::Bucket")
    assert bucket["DeletionPolicy"] == "Retain"
    assert bucket["UpdateReplacePolicy"] == "Retain"
    props = bucket["Properties"]
    assert props["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert props["BucketEncryption"] == {
        "ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
        ]
    }


def test_bucket_name_is_fixed_per_account_and_region(template):
    _, bucket = only(template, "AWS::S3::Bucket")
    assert bucket["Properties"]["BucketName"] == {
        "Fn::Join": ["", ["vm-data-wheel-", {"Ref": "AWS::AccountId"}, "-", {"Ref": "AWS::Region"}]]
    }


def test_bucket_policy_denies_requests_without_tls(template):
    bucket = ids(template)["bucket"]
    template.has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "Bucket": {"Ref": bucket},
            "PolicyDocument": {"Statement": Match.array_with([tls_deny("s3:*")])},
        },
    )


def test_failure_and_attempt_records_expire_after_30_days_under_every_prefix(template):
    from lambda_src.layout import EXPIRY_TAG

    _, bucket = only(template, "AWS::S3::Bucket")
    rules = bucket["Properties"]["LifecycleConfiguration"]["Rules"]
    expiring = [r for r in rules if "ExpirationInDays" in r]
    # a tag, not a prefix: the worker tags the records it writes, wherever they are
    assert expiring == [
        {
            "Id": "ExpireRecords",
            "TagFilters": [{"Key": EXPIRY_TAG[0], "Value": EXPIRY_TAG[1]}],
            "ExpirationInDays": 30,
            "Status": "Enabled",
        }
    ]
    assert not any("Prefix" in r for r in rules)


def test_bucket_is_versioned_and_old_versions_expire(template):
    _, bucket = only(template, "AWS::S3::Bucket")
    props = bucket["Properties"]
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    rules = {r["Id"]: r for r in props["LifecycleConfiguration"]["Rules"]}
    assert rules["ExpireNoncurrentVersions"] == {
        "Id": "ExpireNoncurrentVersions",
        "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
        "ExpiredObjectDeleteMarker": True,
        "Status": "Enabled",
    }
    assert rules["AbortIncompleteUploads"]["AbortIncompleteMultipartUpload"] == {
        "DaysAfterInitiation": 7
    }


# --- queues -------------------------------------------------------------------------


def test_queues_are_encrypted_and_tls_only(template):
    i = ids(template)
    for name in ("queue", "dlq"):
        _, queue = only(template, "AWS::SQS::Queue", i[name])
        assert queue["Properties"]["SqsManagedSseEnabled"] is True
        template.has_resource_properties(
            "AWS::SQS::QueuePolicy",
            {
                "Queues": [{"Ref": i[name]}],
                "PolicyDocument": {"Statement": Match.array_with([tls_deny("sqs:*")])},
            },
        )


def test_both_queues_keep_messages_14_days_and_the_dlq_receives_after_3_attempts(template):
    i = ids(template)
    _, dlq = only(template, "AWS::SQS::Queue", i["dlq"])
    assert dlq["Properties"]["MessageRetentionPeriod"] == 14 * 24 * 3600
    _, queue = only(template, "AWS::SQS::Queue", i["queue"])
    assert queue["Properties"]["MessageRetentionPeriod"] == 14 * 24 * 3600
    assert queue["Properties"]["RedrivePolicy"] == {
        "deadLetterTargetArn": arn(i["dlq"]),
        "maxReceiveCount": 3,
    }


def test_visibility_timeout_is_16_minutes_above_the_function_timeout(template):
    _, queue = only(template, "AWS::SQS::Queue", "TaskQueue")
    _, worker = only(template, "AWS::Lambda::Function")
    assert queue["Properties"]["VisibilityTimeout"] == 16 * 60
    assert queue["Properties"]["VisibilityTimeout"] > worker["Properties"]["Timeout"]


# --- function -----------------------------------------------------------------------


def test_worker_is_a_10gb_15min_container_function_with_10gb_tmp(template):
    _, worker = only(template, "AWS::Lambda::Function")
    props = worker["Properties"]
    assert props["PackageType"] == "Image"
    assert "container-assets" in json.dumps(props["Code"])  # the Dockerfile's image asset
    assert props["MemorySize"] == 10240
    assert props["Timeout"] == 900
    assert props["EphemeralStorage"] == {"Size": 10240}
    assert props["Architectures"] == ["x86_64"]
    assert "Handler" not in props  # the image's CMD names the handler


def test_worker_environment(template):
    i = ids(template)
    _, worker = only(template, "AWS::Lambda::Function")
    assert worker["Properties"]["Environment"]["Variables"] == {
        "OUTPUT_BUCKET": {"Ref": i["bucket"]},
        "ALLOWED_BUCKETS": "",
        "ALLOWED_PREFIXES": "questions",
        "SQS_QUEUE_URL": {"Ref": i["queue"]},
        "SQS_DLQ_URL": {"Ref": i["dlq"]},
        "OUTPUT_PREFIX": "questions",
        "MAX_RECEIVE_COUNT": "3",
        "LOG_LEVEL": "INFO",
    }


def test_continuations_are_allowed_past_recursive_loop_detection(template):
    _, worker = only(template, "AWS::Lambda::Function")
    assert worker["Properties"]["RecursiveLoop"] == "Allow"


def test_worker_logs_to_its_own_group_kept_30_days(template):
    i = ids(template)
    _, worker = only(template, "AWS::Lambda::Function")
    assert worker["Properties"]["LoggingConfig"] == {"LogGroup": {"Ref": i["logs"]}}
    _, group = only(template, "AWS::Logs::LogGroup")
    assert group["Properties"]["RetentionInDays"] == 30


def test_sqs_event_source_one_message_per_invocation_with_item_failures(template):
    i = ids(template)
    template.resource_count_is("AWS::Lambda::EventSourceMapping", 1)
    template.has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        {
            "EventSourceArn": arn(i["queue"]),
            "FunctionName": {"Ref": i["worker"]},
            "BatchSize": 1,
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
            "ScalingConfig": {"MaximumConcurrency": 10},
        },
    )


# --- IAM ----------------------------------------------------------------------------


def test_worker_role_has_no_managed_policies(template):
    _, role = only(template, "AWS::IAM::Role")
    assert "ManagedPolicyArns" not in role["Properties"]


def test_no_statement_grants_a_service_wildcard_or_every_resource(template):
    statements = allow_statements(template)
    assert statements
    for statement in statements:
        assert not {"NotAction", "NotResource"} & set(statement), statement
        for action in as_list(statement["Action"]):
            assert action != "*" and not action.endswith(":*"), statement
        for resource in as_list(statement["Resource"]):
            text = json.dumps(resource)
            assert resource != "*", statement
            assert "s3:::*" not in text and '":::*' not in text, statement


def under(logical_id: str, path: str) -> dict:
    return {"Fn::Join": ["", [arn(logical_id), path]]}


def test_worker_grants_are_exactly_its_bucket_prefix_queue_dlq_and_log_group(template):
    i = ids(template)
    objects = under(i["bucket"], "/questions/*")
    records = [under(i["bucket"], "/questions/*_failures/*"),
               under(i["bucket"], "/questions/*_attempts/*")]  # fmt: skip
    consume = [arn(i["queue"])]
    send = [arn(i["queue"]), arn(i["dlq"])]
    assert {a: sorted(map(json.dumps, r)) for a, r in grants(template).items()} == {
        a: sorted(map(json.dumps, r))
        for a, r in {
            "s3:ListBucket": [arn(i["bucket"])],
            "s3:GetObject": [objects],
            "s3:PutObject": [objects],
            "s3:AbortMultipartUpload": [objects],
            "s3:PutObjectTagging": records,
            "sqs:ReceiveMessage": consume,
            "sqs:ChangeMessageVisibility": consume,
            "sqs:DeleteMessage": consume,
            "sqs:GetQueueUrl": consume + send,
            "sqs:GetQueueAttributes": consume + send,
            "sqs:SendMessage": send,
            "logs:CreateLogStream": [arn(i["logs"])],
            "logs:PutLogEvents": [arn(i["logs"])],
        }.items()
    }


def test_listing_is_confined_to_the_allowed_prefixes(template):
    (listing,) = [s for s in allow_statements(template) if s["Action"] == "s3:ListBucket"]
    assert listing["Condition"] == {"StringLike": {"s3:prefix": ["questions/*"]}}


# --- alarms, dashboard, outputs ------------------------------------------------------


def alarm(template: Template, prefix: str) -> dict:
    return only(template, "AWS::CloudWatch::Alarm", prefix)[1]["Properties"]


def test_alarm_fires_when_the_dlq_holds_any_message(template):
    i = ids(template)
    template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "Namespace": "AWS/SQS",
            "MetricName": "ApproximateNumberOfMessagesVisible",
            "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": [i["dlq"], "QueueName"]}}],
            "Threshold": 0,
            "ComparisonOperator": "GreaterThanThreshold",
            "EvaluationPeriods": 1,
            "TreatMissingData": "notBreaching",
            "AlarmActions": [{"Ref": i["topic"]}],
        },
    )


def test_alarms_on_a_stuck_queue_and_on_worker_errors_throttles_and_timeouts(template):
    i = ids(template)
    template.resource_count_is("AWS::CloudWatch::Alarm", 5)
    stuck = alarm(template, "TaskQueueStuck")
    assert (stuck["Namespace"], stuck["MetricName"], stuck["Statistic"]) == (
        "AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum")  # fmt: skip
    assert stuck["Dimensions"] == [
        {"Name": "QueueName", "Value": {"Fn::GetAtt": [i["queue"], "QueueName"]}}
    ]
    assert stuck["Threshold"] == 24 * 3600
    for name, metric in (("WorkerErrors", "Errors"), ("WorkerThrottles", "Throttles")):
        props = alarm(template, name)
        assert (props["Namespace"], props["MetricName"], props["Statistic"]) == (
            "AWS/Lambda", metric, "Sum")  # fmt: skip
        assert props["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": i["worker"]}}]
        assert props["Threshold"] == 0
    timeouts = alarm(template, "WorkerTimeouts")
    assert (timeouts["Namespace"], timeouts["MetricName"], timeouts["Threshold"]) == (
        "VmDataWheel", "WorkerTimeouts", 0)  # fmt: skip
    _, metric_filter = only(template, "AWS::Logs::MetricFilter")
    assert metric_filter["Properties"] == {
        "LogGroupName": {"Ref": i["logs"]},
        "FilterPattern": '"Task timed out"',
        "MetricTransformations": [
            {"MetricNamespace": "VmDataWheel", "MetricName": "WorkerTimeouts", "MetricValue": "1"}
        ],
    }
    for props in template.find_resources("AWS::CloudWatch::Alarm").values():
        p = props["Properties"]
        assert p["AlarmActions"] == [{"Ref": i["topic"]}]
        assert (p["ComparisonOperator"], p["EvaluationPeriods"], p["TreatMissingData"]) == (
            "GreaterThanThreshold", 1, "notBreaching")  # fmt: skip


def test_the_alarm_topic_lets_this_stacks_alarms_publish(template):
    """enforce_ssl's Deny alone would replace the default policy: no alarm could publish."""
    i = ids(template)
    _, policy = only(template, "AWS::SNS::TopicPolicy")
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    (allow,) = [s for s in statements if s["Effect"] == "Allow"]
    alarms = sorted(template.find_resources("AWS::CloudWatch::Alarm"))
    assert allow["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    assert allow["Action"] == "sns:Publish" and allow["Resource"] == {"Ref": i["topic"]}
    scoped = sorted(map(json.dumps, allow["Condition"]["ArnLike"]["aws:SourceArn"]))
    assert scoped == sorted(json.dumps({"Fn::GetAtt": [a, "Arn"]}) for a in alarms)
    assert allow["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    assert [s for s in statements if s["Effect"] == "Deny"]  # and TLS is still required


def test_no_email_subscription_without_alarm_email(template):
    template.resource_count_is("AWS::SNS::Subscription", 0)


def test_alarm_email_subscribes_to_the_alarm_topic(synth):
    template = synth({"alarmEmail": "ops@example.com"})
    template.resource_count_is("AWS::SNS::Subscription", 1)
    template.has_resource_properties(
        "AWS::SNS::Subscription",
        {
            "Protocol": "email",
            "Endpoint": "ops@example.com",
            "TopicArn": {"Ref": ids(template)["topic"]},
        },
    )


def dashboard_widgets(template: Template) -> list[dict]:
    """The dashboard body as JSON, with each CloudFormation reference shown as text."""
    _, dashboard = only(template, "AWS::CloudWatch::Dashboard")
    parts = dashboard["Properties"]["DashboardBody"]["Fn::Join"][1]
    text = "".join(p if isinstance(p, str) else json.dumps(p).replace('"', "'") for p in parts)
    return json.loads(text)["widgets"]


def test_dashboard_graphs_queues_worker_and_samples_generated(template):
    i = ids(template)
    metrics = [m for w in dashboard_widgets(template) for m in w["properties"]["metrics"]]
    plain = {(m[0], m[1], m[3]) for m in metrics if isinstance(m[0], str)}
    queue = f"{{'Fn::GetAtt': ['{i['queue']}', 'QueueName']}}"
    dlq = f"{{'Fn::GetAtt': ['{i['dlq']}', 'QueueName']}}"
    worker = f"{{'Ref': '{i['worker']}'}}"
    assert plain == {
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible", queue),
        ("AWS/SQS", "ApproximateNumberOfMessagesNotVisible", queue),
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible", dlq),
        ("AWS/Lambda", "Errors", worker),
        ("AWS/Lambda", "Throttles", worker),
        ("AWS/Lambda", "Duration", worker),
    }
    expressions = [m[0]["expression"] for m in metrics if isinstance(m[0], dict)]
    assert expressions == [
        "SEARCH('{VmDataWheel,Generator} MetricName=\"SamplesGenerated\"', 'Sum', 300)"
    ]


def test_outputs_name_the_queue_dlq_bucket_and_function(template):
    i = ids(template)
    outputs = {k: v["Value"] for k, v in template.find_outputs("*").items()}
    assert outputs == {
        "QueueUrl": {"Ref": i["queue"]},
        "DlqUrl": {"Ref": i["dlq"]},
        "BucketName": {"Ref": i["bucket"]},
        "FunctionName": {"Ref": i["worker"]},
    }


# --- context ------------------------------------------------------------------------


def test_context_overrides_from_the_command_line(synth):
    # `cdk -c key=value` hands every value over as a string.
    template = synth(
        {
            "memoryMb": "4096",
            "timeoutSeconds": "600",
            "maxConcurrency": "50",
            "maxReceiveCount": "5",
            "outputPrefix": "runs/2024/",
            "allowedPrefixes": "runs, shared/",
            "allowedBuckets": "extra-one, extra-two",
            "logLevel": "debug",
            "bucketName": "my-dataset-bucket",
            "maxMessageAgeHours": "48",
        }
    )
    i = ids(template)
    _, worker = only(template, "AWS::Lambda::Function")
    props = worker["Properties"]
    assert (props["MemorySize"], props["Timeout"]) == (4096, 600)
    env = props["Environment"]["Variables"]
    assert env["ALLOWED_BUCKETS"] == "extra-one,extra-two"
    assert env["OUTPUT_PREFIX"] == "runs/2024"
    assert env["ALLOWED_PREFIXES"] == "runs,shared"
    assert env["MAX_RECEIVE_COUNT"] == "5"
    assert env["LOG_LEVEL"] == "DEBUG"
    assert alarm(template, "TaskQueueStuck")["Threshold"] == 48 * 3600
    _, queue = only(template, "AWS::SQS::Queue", i["queue"])
    assert queue["Properties"]["VisibilityTimeout"] == 660
    assert queue["Properties"]["RedrivePolicy"]["maxReceiveCount"] == 5
    template.has_resource_properties(
        "AWS::Lambda::EventSourceMapping", {"ScalingConfig": {"MaximumConcurrency": 50}}
    )
    _, bucket = only(template, "AWS::S3::Bucket")
    assert bucket["Properties"]["BucketName"] == "my-dataset-bucket"

    # The extra buckets, and only they, are granted besides the stack's own; objects only
    # under the allowed prefixes.
    def extra(name: str, suffix: str = "") -> dict:
        return {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, f":s3:::{name}{suffix}"]]}

    g = grants(template)
    assert g["s3:ListBucket"] == [arn(i["bucket"]), extra("extra-one"), extra("extra-two")]
    objects = [under(i["bucket"], "/runs/*"), under(i["bucket"], "/shared/*"),
               extra("extra-one", "/runs/*"), extra("extra-one", "/shared/*"),
               extra("extra-two", "/runs/*"), extra("extra-two", "/shared/*")]  # fmt: skip
    for action in ("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"):
        assert g[action] == objects
    (listing,) = [s for s in allow_statements(template) if s["Action"] == "s3:ListBucket"]
    assert listing["Condition"] == {"StringLike": {"s3:prefix": ["runs/*", "shared/*"]}}


def test_context_values_from_cdk_json_and_explicit_visibility(synth):
    # cdk.json hands values over as JSON types.
    template = synth(
        {
            "allowedBuckets": ["archive-bucket"],
            "timeoutSeconds": 300,
            "visibilityTimeoutSeconds": 1800,
        }
    )
    _, worker = only(template, "AWS::Lambda::Function")
    assert worker["Properties"]["Environment"]["Variables"]["ALLOWED_BUCKETS"] == "archive-bucket"
    _, queue = only(template, "AWS::SQS::Queue", "TaskQueue")
    assert queue["Properties"]["VisibilityTimeout"] == 1800


@pytest.mark.parametrize(
    ("context", "message"),
    [
        (
            {"visibilityTimeoutSeconds": "900"},
            r"visibilityTimeoutSeconds=900 must be greater than the function timeout \(timeoutSeconds=900\)",
        ),
        (
            {"timeoutSeconds": "300", "visibilityTimeoutSeconds": "120"},
            r"visibilityTimeoutSeconds=120 must be greater than the function timeout \(timeoutSeconds=300\)",
        ),
        ({"timeoutSeconds": "1200"}, r"timeoutSeconds=1200 is out of range \[1, 900\]"),
        ({"memoryMb": "20480"}, r"memoryMb=20480 is out of range \[128, 10240\]"),
        ({"memoryMb": "lots"}, r"memoryMb='lots' is not an integer"),
        ({"maxConcurrency": "1"}, r"maxConcurrency=1 is out of range \[2, 1000\]"),
        ({"maxReceiveCount": "0"}, r"maxReceiveCount=0 is out of range"),
        ({"outputPrefix": "/abs"}, r"outputPrefix='/abs' must be non-empty, relative"),
        ({"outputPrefix": "a/../b"}, r"without '\.\.'"),
        ({"allowedBuckets": "Not_A_Bucket"}, r"'Not_A_Bucket' is not a valid S3 bucket name"),
        ({"logLevel": "loud"}, r"logLevel='LOUD' must be one of"),
        ({"alarmEmail": "nobody"}, r"alarmEmail='nobody' is not an e-mail address"),
        ({"allowedPrefixes": "other"}, r"outputPrefix='questions' must be one of allowedPrefixes"),
        ({"allowedPrefixes": "a/../b"}, r"allowedPrefixes: 'a/../b' is not a valid prefix"),
        ({"maxMessageAgeHours": "400"}, r"maxMessageAgeHours=400 is out of range"),
    ],
)
def test_invalid_context_fails_synthesis_with_a_clear_message(context, message):
    with pytest.raises(ConfigError, match=message):
        VmDatasetPipelineStack(App(context=context))
