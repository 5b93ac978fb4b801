"""The CDK app: `cdk synth` / `cdk deploy` run this (see cdk.json)."""

from aws_cdk import App

from cdk_app.stack import VmDatasetPipelineStack


def main() -> None:
    app = App()
    VmDatasetPipelineStack(app)
    app.synth()


if __name__ == "__main__":
    main()
