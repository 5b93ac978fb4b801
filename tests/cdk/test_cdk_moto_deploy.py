"""The one-click template deployed onto moto's CloudFormation, served on 127.0.0.1.

moto's CloudFormation has no implementation of six resource types this stack uses; it
skips them with only a warning, lists each as a blank stack resource, and still reports
CREATE_COMPLETE:

- AWS::S3::BucketPolicy    the bucket's TLS-only policy
- AWS::SQS::QueuePolicy    the TLS-only policies of the task queue and the DLQ
- AWS::SNS::TopicPolicy    the alarm topic's policy (TLS only; this stack's alarms publish)
- AWS::CloudWatch::Alarm   the alarms: DLQ not empty, task queue stuck, worker errors,
                           throttles and timeouts
- AWS::Logs::MetricFilter  the count of "Task timed out" lines the timeout alarm watches
- AWS::SNS::Subscription   the alarm e-mail (only with context alarmEmail, so not in the
                           committed template)

Of the types it does implement it ignores some properties: AWS::S3::Bucket gets only its
name, encryption and tags (not LifecycleConfiguration, PublicAccessBlockConfiguration or
OwnershipControls), and AWS::Lambda::Function loses PackageType, EphemeralStorage,
LoggingConfig and Architectures. moto never pulls or runs the image: Lambda's Code.ImageUri
is recorded, not validated.

So the first test proves which types moto skips, and the others deploy the template with
exactly those resources removed, check that every remaining resource was created, and
read back the settings that moto does apply. The skipped resources and ignored properties
are pinned on the synthesized template by test_cdk_stack.py; nothing here claims moto
created them.
"""

import copy
import json
import urllib.request

import boto3
import pytest
from moto.cloudformation.parsing import get_model_map
from moto.server import ThreadedMotoServer

from cdk_app.oneclick import TEMPLATE_PATH

pytestmark = pytest.mark.filterwarnings("ignore:Tried to parse .* not supported by moto")

NOT_IN_MOTO = {
    "AWS::S3::BucketPolicy",
    "AWS::SQS::QueuePolicy",
    "AWS::SNS::TopicPolicy",
    "AWS::CloudWatch::Alarm",
    "AWS::Logs::MetricFilter",
}
STACK = "VmDatasetPipelineStack"
IMAGE_URI = "123456789012.dkr.ecr.us-east-1.amazonaws.com/vm-data-wheel:1.0"
ACCOUNT = "123456789012"  # moto's default account


@pytest.fixture(scope="module")
def server():
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    yield f"http://{host}:{port}"
    moto.stop()


@pytest.fixture
def aws(server):
    """A boto3 client factory for a freshly reset moto.

    Reset per test, because moto's state lives in this process and is shared with (and
    reset by) any other test here that uses moto.
    """
    urllib.request.urlopen(urllib.request.Request(f"{server}/moto-api/reset", method="POST"))
    options = {
        "endpoint_url": server,
        "region_name": "us-east-1",
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
    }
    return lambda service: boto3.client(service, **options)


@pytest.fixture(scope="module")
def template() -> dict:
    return json.loads(TEMPLATE_PATH.read_text())


def create(aws, name: str, template: dict) -> dict:
    cfn = aws("cloudformation")
    cfn.create_stack(
        StackName=name,
        TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": "ImageUri", "ParameterValue": IMAGE_URI}],
        Capabilities=["CAPABILITY_IAM"],
    )
    stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    return stack


def stack_resources(aws, name: str) -> list[dict]:
    return aws("cloudformation").describe_stack_resources(StackName=name)["StackResources"]


def created(aws, name: str) -> set[str]:
    """Logical ids of the resources moto really created (it lists skipped ones blank)."""
    return {
        r["LogicalResourceId"]
        for r in stack_resources(aws, name)
        if r.get("LogicalResourceId") and r.get("PhysicalResourceId")
    }


@pytest.fixture(scope="module")
def derived(template) -> dict:
    """The one-click template less the resources moto cannot create."""
    t = copy.deepcopy(template)
    t["Resources"] = {k: v for k, v in t["Resources"].items() if v["Type"] not in NOT_IN_MOTO}
    return t


@pytest.fixture
def outputs(aws, derived) -> dict[str, str]:
    stack = create(aws, STACK, derived)
    return {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}


def test_moto_skips_exactly_the_documented_resource_types(aws, template):
    types = {r["Type"] for r in template["Resources"].values()}
    assert types - set(get_model_map()) == NOT_IN_MOTO
    assert "AWS::SNS::Subscription" not in get_model_map()

    # Deploying the whole template "succeeds", without those resources ...
    create(aws, STACK, template)
    skipped = set(template["Resources"]) - created(aws, STACK)
    assert {template["Resources"][k]["Type"] for k in skipped} == NOT_IN_MOTO
    # ... and lists each of them as a blank entry marked CREATE_COMPLETE.
    blanks = [r for r in stack_resources(aws, STACK) if "LogicalResourceId" not in r]
    assert len(blanks) == len(skipped)
    assert {r["ResourceStatus"] for r in blanks} == {"CREATE_COMPLETE"}


def test_every_resource_of_the_derived_template_is_created(aws, derived, outputs):
    assert created(aws, STACK) == set(derived["Resources"])
    assert sorted(outputs) == ["BucketName", "DlqUrl", "FunctionName", "QueueUrl"]


def test_task_queue_redrives_to_the_dlq_after_3_receives(aws, outputs):
    sqs = aws("sqs")
    queue = sqs.get_queue_attributes(QueueUrl=outputs["QueueUrl"], AttributeNames=["All"])
    dlq = sqs.get_queue_attributes(QueueUrl=outputs["DlqUrl"], AttributeNames=["All"])
    queue, dlq = queue["Attributes"], dlq["Attributes"]
    assert json.loads(queue["RedrivePolicy"]) == {
        "deadLetterTargetArn": dlq["QueueArn"],
        "maxReceiveCount": 3,
    }
    assert int(queue["VisibilityTimeout"]) == 960 > 900
    assert queue["MessageRetentionPeriod"] == dlq["MessageRetentionPeriod"] == str(14 * 24 * 3600)
    assert queue["SqsManagedSseEnabled"] == dlq["SqsManagedSseEnabled"] == "true"


def test_bucket_has_its_fixed_name_and_encryption(aws, outputs):
    assert outputs["BucketName"] == f"vm-data-wheel-{ACCOUNT}-us-east-1"
    s3 = aws("s3")
    s3.head_bucket(Bucket=outputs["BucketName"])
    rules = s3.get_bucket_encryption(Bucket=outputs["BucketName"])[
        "ServerSideEncryptionConfiguration"
    ]["Rules"]
    assert [r["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] for r in rules] == ["AES256"]


def test_worker_runs_the_given_image_with_the_stack_environment(aws, outputs):
    function = aws("lambda").get_function(FunctionName=outputs["FunctionName"])
    config = function["Configuration"]
    assert function["Code"]["ImageUri"] == IMAGE_URI
    assert (config["MemorySize"], config["Timeout"]) == (10240, 900)
    assert config["Environment"]["Variables"] == {
        "OUTPUT_BUCKET": outputs["BucketName"],
        "ALLOWED_BUCKETS": "",
        "ALLOWED_PREFIXES": "questions",
        "SQS_QUEUE_URL": outputs["QueueUrl"],
        "SQS_DLQ_URL": outputs["DlqUrl"],
        "OUTPUT_PREFIX": "questions",
        "MAX_RECEIVE_COUNT": "3",
        "LOG_LEVEL": "INFO",
    }


def test_event_source_feeds_one_message_at_a_time(aws, outputs):
    queue_arn = aws("sqs").get_queue_attributes(
        QueueUrl=outputs["QueueUrl"], AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]
    (mapping,) = aws("lambda").list_event_source_mappings(FunctionName=outputs["FunctionName"])[
        "EventSourceMappings"
    ]
    assert mapping["EventSourceArn"] == queue_arn
    assert mapping["BatchSize"] == 1
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["ScalingConfig"] == {"MaximumConcurrency": 10}


def test_worker_role_policy_names_only_this_stacks_resources(aws, outputs):
    role_arn = aws("lambda").get_function_configuration(FunctionName=outputs["FunctionName"])[
        "Role"
    ]
    role = role_arn.rsplit("/", 1)[1]
    iam = aws("iam")
    (policy_name,) = iam.list_role_policies(RoleName=role)["PolicyNames"]
    document = iam.get_role_policy(RoleName=role, PolicyName=policy_name)["PolicyDocument"]
    document = json.loads(document) if isinstance(document, str) else document
    resources = {
        r
        for s in document["Statement"]
        for r in (s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]])
    }
    sqs = aws("sqs")
    queue_arns = {
        sqs.get_queue_attributes(QueueUrl=outputs[k], AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        for k in ("QueueUrl", "DlqUrl")
    }
    bucket = f"arn:aws:s3:::{outputs['BucketName']}"
    (group,) = aws("logs").describe_log_groups()["logGroups"]
    assert group["retentionInDays"] == 30
    # moto's GetAtt Arn of a log group lacks the ":*" that CloudFormation's has.
    records = {f"{bucket}/questions/*_failures/*", f"{bucket}/questions/*_attempts/*"}
    assert resources == {bucket, f"{bucket}/questions/*", *records, group["logGroupArn"],
                         *queue_arns}  # fmt: skip


def test_dashboard_is_created(aws, outputs):
    names = [d["DashboardName"] for d in aws("cloudwatch").list_dashboards()["DashboardEntries"]]
    assert STACK in names
