"""The pipeline stack: task queue and DLQ -> Lambda container workers -> S3 bucket."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import (
    Aws,
    CfnOutput,
    CfnParameter,
    CfnResource,
    Duration,
    RemovalPolicy,
    Size,
    Stack,
)
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from cdk_app.config import StackConfig, from_context

STACK_NAME = "VmDatasetPipelineStack"
REPO_ROOT = Path(__file__).resolve().parents[1]
DESCRIPTION = "VM Data Wheel: SQS task queue and DLQ feeding Lambda container workers writing to S3"

# The custom metric the worker emits through Embedded Metric Format, one value per
# generator; the dashboard graphs it.
METRIC_NAMESPACE = "VmDataWheel"
SAMPLES_METRIC = "SamplesGenerated"
GENERATOR_DIMENSION = "Generator"
TIMEOUTS_METRIC = "WorkerTimeouts"  # from Lambda's own "Task timed out" log line

# Failure and attempt records carry this object tag (lambda_src.layout.EXPIRY_TAG): one
# lifecycle rule expires them under every prefix.
RECORD_TAG = ("vmwheel-record", "expires")
RECORDS_KEPT_DAYS = 30
QUEUE_RETENTION_DAYS = 14  # SQS's maximum, for both queues


def checkov_skip(construct, *reasons: tuple[str, str]) -> None:
    """Record in the resource's template metadata why a checkov check does not apply."""
    resource = construct if isinstance(construct, CfnResource) else construct.node.default_child
    resource.add_metadata(
        "checkov", {"skip": [{"id": check, "comment": why} for check, why in reasons]}
    )


class VmDatasetPipelineStack(Stack):
    """The whole AWS side of VM Data Wheel.

    `image_uri_parameter=False` (the CDK app) builds the worker image from the Dockerfile
    at the repository root as a CDK asset. `True` (the one-click template) takes an
    `ImageUri` CloudFormation parameter instead, for an image the user pushed to ECR.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str = STACK_NAME,
        *,
        image_uri_parameter: bool = False,
        **kwargs,
    ) -> None:
        kwargs.setdefault("description", DESCRIPTION)
        # No AWS::CDK::Metadata resource: it is not needed to run, and keeps templates stable.
        kwargs.setdefault("analytics_reporting", False)
        super().__init__(scope, construct_id, **kwargs)
        cfg = from_context(self)

        bucket = s3.Bucket(
            self,
            "OutputBucket",
            # An explicit name keeps the bucket's identity fixed across deploys, and lets
            # operators find it without looking up the stack.
            bucket_name=cfg.bucket_name or f"vm-data-wheel-{Aws.ACCOUNT_ID}-{Aws.REGION}",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            # The dataset outlives the stack: deleting the stack must never delete data.
            removal_policy=RemovalPolicy.RETAIN,
            # The worker never overwrites a key, but a person or another tool might: an
            # overwritten or deleted object stays recoverable for a month.
            versioned=True,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="ExpireRecords",
                    tag_filters=dict([RECORD_TAG]),
                    expiration=Duration.days(RECORDS_KEPT_DAYS),
                ),
                s3.LifecycleRule(
                    id="ExpireNoncurrentVersions",
                    noncurrent_version_expiration=Duration.days(30),
                    expired_object_delete_marker=True,
                ),
                s3.LifecycleRule(
                    id="AbortIncompleteUploads",
                    abort_incomplete_multipart_upload_after=Duration.days(7),
                ),
            ],
        )
        checkov_skip(
            bucket,
            ("CKV_AWS_18", "access logs would need a second bucket; CloudTrail data events "
                           "are the tool when object access must be audited"),
        )  # fmt: skip

        dlq = sqs.Queue(
            self,
            "DeadLetterQueue",
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            # SQS's longest. A message moved here by SQS keeps its original enqueue time;
            # the worker's own dead-lettering (every failure it can see) sends a fresh one.
            retention_period=Duration.days(QUEUE_RETENTION_DAYS),
        )
        queue = sqs.Queue(
            self,
            "TaskQueue",
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            # As long as SQS allows: a backlog waits two weeks, and the age alarm speaks
            # long before that.
            retention_period=Duration.days(QUEUE_RETENTION_DAYS),
            visibility_timeout=Duration.seconds(cfg.visibility_timeout),
            dead_letter_queue=sqs.DeadLetterQueue(
                queue=dlq, max_receive_count=cfg.max_receive_count
            ),
        )
        for q in (queue, dlq):
            checkov_skip(
                q,
                ("CKV_AWS_27", "encrypted at rest with SQS-managed keys (SqsManagedSseEnabled); "
                               "the check looks only for a KMS key"),
            )  # fmt: skip

        log_group = logs.LogGroup(
            self,
            "WorkerLogs",
            retention=logs.RetentionDays.ONE_MONTH,
            removal_policy=RemovalPolicy.DESTROY,
        )
        checkov_skip(
            log_group,
            ("CKV_AWS_158", "CloudWatch Logs encrypts at rest; the logs hold job ids and "
                            "tracebacks, nothing a customer key would protect better"),
        )  # fmt: skip
        role = self._worker_role(cfg, bucket, log_group)

        worker = lambda_.DockerImageFunction(
            self,
            "Worker",
            description="VM Data Wheel shard worker",
            code=self._image_code(image_uri_parameter),
            # Explicit, so the image asset is built for linux/amd64 on any build host.
            architecture=lambda_.Architecture.X86_64,
            memory_size=cfg.memory_mb,
            timeout=Duration.seconds(cfg.timeout_seconds),
            ephemeral_storage_size=Size.mebibytes(10240),
            role=role,
            log_group=log_group,
            # Continuations go back to the queue that triggers the function, so Lambda sees a
            # loop (function -> queue -> function) and would stop it after ~16 hops. The
            # loop is bounded: a continuation is sent only after a sample landed and covers
            # strictly fewer samples, so a shard of N samples makes at most N hops.
            recursive_loop=lambda_.RecursiveLoop.ALLOW,
            environment={
                "OUTPUT_BUCKET": bucket.bucket_name,
                "ALLOWED_BUCKETS": ",".join(cfg.allowed_buckets),
                "ALLOWED_PREFIXES": ",".join(cfg.prefixes),
                "SQS_QUEUE_URL": queue.queue_url,
                "SQS_DLQ_URL": dlq.queue_url,
                "OUTPUT_PREFIX": cfg.output_prefix,
                "MAX_RECEIVE_COUNT": str(cfg.max_receive_count),
                "LOG_LEVEL": cfg.log_level,
            },
        )
        checkov_skip(
            worker,
            ("CKV_AWS_116", "SQS invokes the function; failures go to the task queue's DLQ "
                            "(an on-failure destination serves asynchronous calls only)"),
            ("CKV_AWS_117", "it talks only to S3, SQS and CloudWatch over TLS; a VPC would "
                            "need NAT or endpoints and changes nothing it can reach"),
            ("CKV_AWS_115", "the SQS event source's MaximumConcurrency caps it without "
                            "taking concurrency from the account's other functions"),
            ("CKV_AWS_173", "the environment holds names and URLs, no secrets"),
        )  # fmt: skip
        if image_uri_parameter:
            image_uri = CfnParameter(
                self,
                "ImageUri",
                type="String",
                description="URI of the worker image in your ECR, "
                "e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/vm-data-wheel:latest",
                allowed_pattern=r".+\.dkr\.ecr\..+/.+",
                constraint_description="must be an ECR image URI (registry/repository:tag)",
            )
            # CDK has no image code "from a URI"; the placeholder repository of
            # _image_code is replaced by the parameter here.
            worker.node.default_child.add_property_override(
                "Code.ImageUri", image_uri.value_as_string
            )

        # The event source also grants the role consume rights on the queue.
        worker.add_event_source(
            event_sources.SqsEventSource(
                queue,
                batch_size=1,
                report_batch_item_failures=True,
                max_concurrency=cfg.max_concurrency,
            )
        )
        # Continuations go back to the task queue; permanent failures straight to the DLQ.
        queue.grant_send_messages(role)
        dlq.grant_send_messages(role)

        # CDK makes the function depend on the role construct, i.e. on the role and its
        # policy. The role half is already implied by the GetAtt (cfn-lint W3005); keep the
        # wait for the policy, which the event source mapping needs in place.
        policy = role.node.find_child("DefaultPolicy").node.default_child
        worker.node.default_child.add_override("DependsOn", [self.resolve(policy.logical_id)])

        self._alarms(cfg, queue, dlq, worker, log_group)
        self._dashboard(queue, dlq, worker)

        CfnOutput(self, "QueueUrl", value=queue.queue_url, description="Task queue URL")
        CfnOutput(self, "DlqUrl", value=dlq.queue_url, description="Dead-letter queue URL")
        CfnOutput(self, "BucketName", value=bucket.bucket_name, description="Output bucket")
        CfnOutput(self, "FunctionName", value=worker.function_name, description="Worker function")

    def _image_code(self, image_uri_parameter: bool) -> lambda_.DockerImageCode:
        if image_uri_parameter:
            placeholder = ecr.Repository.from_repository_name(self, "ImageRepository", "unused")
            return lambda_.DockerImageCode.from_ecr(placeholder)
        # Only staged at synth time (docker runs at deploy); .dockerignore picks the files.
        return lambda_.DockerImageCode.from_image_asset(str(REPO_ROOT))

    def _worker_role(
        self, cfg: StackConfig, bucket: s3.Bucket, log_group: logs.LogGroup
    ) -> iam.Role:
        # An own role instead of AWSLambdaBasicExecutionRole, whose log rights cover every
        # log group in the account.
        role = iam.Role(
            self,
            "WorkerRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="VM Data Wheel worker: this stack's bucket, queue and DLQ only",
        )
        log_group.grant_write(role)
        buckets = [bucket.bucket_arn] + [
            f"arn:{Aws.PARTITION}:s3:::{name}" for name in cfg.allowed_buckets
        ]
        prefixes = cfg.prefixes
        # Listing only under the allowed prefixes (the worker lists manifests and records).
        role.add_to_policy(
            iam.PolicyStatement(
                actions=["s3:ListBucket"],
                resources=buckets,
                conditions={"StringLike": {"s3:prefix": [f"{p}/*" for p in prefixes]}},
            )
        )
        role.add_to_policy(
            iam.PolicyStatement(
                # Read manifests and samples; create samples, tars, manifests and records
                # (conditional puts; multipart for large tars) under the allowed prefixes
                # only. The worker never deletes and never overwrites.
                actions=["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"],
                resources=[f"{arn}/{p}/*" for arn in buckets for p in prefixes],
            )
        )
        records = [
            f"{arn}/{p}/*_{kind}/*"
            for arn in buckets
            for p in prefixes
            for kind in ("failures", "attempts")
        ]
        # Failure and attempt records are put with the tag the lifecycle rule expires.
        role.add_to_policy(iam.PolicyStatement(actions=["s3:PutObjectTagging"], resources=records))
        return role

    def _alarms(
        self,
        cfg: StackConfig,
        queue: sqs.Queue,
        dlq: sqs.Queue,
        worker: lambda_.DockerImageFunction,
        log_group: logs.LogGroup,
    ) -> None:
        # Unencrypted on purpose: CloudWatch alarms cannot publish to a topic encrypted
        # with the AWS-managed SNS key.
        topic = sns.Topic(self, "AlarmTopic", display_name="VM Data Wheel alarms", enforce_ssl=True)
        checkov_skip(
            topic,
            ("CKV_AWS_26", "CloudWatch alarms cannot publish to a topic encrypted with the "
                           "AWS-managed key; the alarms carry no data"),
        )  # fmt: skip
        if cfg.alarm_email:
            topic.add_subscription(subscriptions.EmailSubscription(cfg.alarm_email))
        five_minutes = Duration.minutes(5)
        timeouts = logs.MetricFilter(
            self,
            "WorkerTimeoutsFilter",
            log_group=log_group,
            filter_pattern=logs.FilterPattern.literal('"Task timed out"'),
            metric_namespace=METRIC_NAMESPACE,
            metric_name=TIMEOUTS_METRIC,
            metric_value="1",
        ).metric(period=five_minutes, statistic="Sum")
        alarms = [
            ("DlqNotEmpty", "Messages reached the dead-letter queue: see `vmwheel dlq list`",
             dlq.metric_approximate_number_of_messages_visible(
                 period=Duration.minutes(1), statistic="Maximum"), 0),
            ("TaskQueueStuck",
             f"The oldest task message is over {cfg.max_message_age_hours} h old: the "
             "workers are not keeping up or not running (messages expire after 14 days)",
             queue.metric_approximate_age_of_oldest_message(
                 period=five_minutes, statistic="Maximum"), cfg.max_message_age_hours * 3600),
            ("WorkerErrors", "Worker invocations failed (killed, out of memory, crashed)",
             worker.metric_errors(period=five_minutes, statistic="Sum"), 0),
            ("WorkerThrottles", "Worker invocations were throttled: raise the account's "
             "Lambda concurrency or lower maxConcurrency",
             worker.metric_throttles(period=five_minutes, statistic="Sum"), 0),
            ("WorkerTimeouts", "Worker invocations hit the function timeout",
             timeouts, 0),
        ]  # fmt: skip
        created = []
        for name, description, metric, threshold in alarms:
            alarm = cloudwatch.Alarm(
                self,
                name,
                alarm_description=description,
                metric=metric,
                threshold=threshold,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=1,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            )
            alarm.add_alarm_action(cw_actions.SnsAction(topic))
            created.append(alarm)
        # enforce_ssl gives the topic a policy with only a Deny, which replaces the default
        # one: without this Allow, CloudWatch could not publish a single alarm.
        topic.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowThisStacksAlarms",
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["sns:Publish"],
                resources=[topic.topic_arn],
                conditions={
                    "ArnLike": {"aws:SourceArn": [a.alarm_arn for a in created]},
                    "StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID},
                },
            )
        )

    def _dashboard(
        self, queue: sqs.Queue, dlq: sqs.Queue, worker: lambda_.DockerImageFunction
    ) -> None:
        minute = Duration.minutes(1)
        samples = cloudwatch.MathExpression(
            expression=(
                f"SEARCH('{{{METRIC_NAMESPACE},{GENERATOR_DIMENSION}}} "
                f"MetricName=\"{SAMPLES_METRIC}\"', 'Sum', 300)"
            ),
            label="Samples generated",
            period=Duration.minutes(5),
        )
        dashboard = cloudwatch.Dashboard(self, "Dashboard", dashboard_name=self.stack_name)
        dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Task queue",
                left=[
                    queue.metric_approximate_number_of_messages_visible(
                        period=minute, label="Waiting"
                    ),
                    queue.metric_approximate_number_of_messages_not_visible(
                        period=minute, label="In flight"
                    ),
                ],
            ),
            cloudwatch.GraphWidget(
                title="Dead-letter queue",
                left=[
                    dlq.metric_approximate_number_of_messages_visible(
                        period=minute, label="Messages"
                    )
                ],
            ),
            cloudwatch.GraphWidget(
                title="Worker errors and throttles",
                left=[
                    worker.metric_errors(period=minute, statistic="Sum"),
                    worker.metric_throttles(period=minute, statistic="Sum"),
                ],
            ),
        )
        dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Worker duration",
                left=[
                    worker.metric_duration(period=minute, statistic="Average"),
                    worker.metric_duration(period=minute, statistic="Maximum"),
                ],
            ),
            cloudwatch.GraphWidget(title="Samples generated per generator", left=[samples]),
        )
