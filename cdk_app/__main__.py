"""The CDK app: `cdk synth` / `cdk deploy` run this (see cdk.json)."""

import sys

from aws_cdk import App

from cdk_app.config import ConfigError
from cdk_app.stack import VmDatasetPipelineStack


def main(app: App | None = None) -> None:
    app = app or App()
    try:
        VmDatasetPipelineStack(app)
    except ConfigError as error:
        sys.exit(f"error: {error}")
    app.synth()


if __name__ == "__main__":
    main()
