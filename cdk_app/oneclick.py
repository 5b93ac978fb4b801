"""Regenerate the one-click CloudFormation template.

    uv run python -m cdk_app.oneclick [--output PATH] [-c key=value ...]

The template is the same stack as the CDK app, with an `ImageUri` parameter in place of the
image asset, so it deploys from the CloudFormation console or `aws cloudformation deploy`
without CDK bootstrap. The output is stable JSON (sorted keys, no asset hashes, no CDK
version), so the committed file can be checked against a fresh synthesis.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from aws_cdk import App, BootstraplessSynthesizer

from cdk_app.stack import REPO_ROOT, STACK_NAME, VmDatasetPipelineStack

TEMPLATE_PATH = REPO_ROOT / "cloudformation" / f"{STACK_NAME}.template.json"


def synthesize(context: dict | None = None) -> dict:
    """The one-click template as a dict; `context` overrides the stack's defaults."""
    with tempfile.TemporaryDirectory() as outdir:
        # Construct paths in resource metadata mean nothing outside CDK.
        app = App(outdir=outdir, context={"aws:cdk:enable-path-metadata": False, **(context or {})})
        stack = VmDatasetPipelineStack(
            app, image_uri_parameter=True, synthesizer=BootstraplessSynthesizer()
        )
        return app.synth().get_stack_by_name(stack.stack_name).template


def render(context: dict | None = None) -> str:
    return json.dumps(synthesize(context), indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=TEMPLATE_PATH, help="template file")
    parser.add_argument(
        "-c",
        "--context",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="CDK context value, as with `cdk -c` (repeatable)",
    )
    args = parser.parse_args(argv)
    context = dict(item.split("=", 1) for item in args.context)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(context))
    print(args.output)


if __name__ == "__main__":
    main()
