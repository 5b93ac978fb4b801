"""Shared synthesis for the CDK tests: each distinct stack is synthesized once per session."""

import os

# The jsii runtime prints a banner about Node 20 on every start; it says nothing about the
# stack under test.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import pytest
from aws_cdk import App
from aws_cdk.assertions import Template

from cdk_app.stack import VmDatasetPipelineStack


@pytest.fixture(scope="session")
def synth(tmp_path_factory):
    """Synthesize the stack (image asset version) with the given context values."""

    def _synth(context: dict | None = None, **stack_kwargs) -> Template:
        app = App(outdir=str(tmp_path_factory.mktemp("cdk.out")), context=context or {})
        return Template.from_stack(VmDatasetPipelineStack(app, **stack_kwargs))

    return _synth


@pytest.fixture(scope="session")
def template(synth) -> Template:
    """The stack with every default."""
    return synth()
