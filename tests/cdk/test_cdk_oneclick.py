"""The committed one-click template: current, self-contained, the same stack as the CDK app."""

import copy
import json

import pytest

from cdk_app import oneclick


@pytest.fixture(scope="module")
def rendered() -> str:
    return oneclick.render()


@pytest.fixture(scope="module")
def oneclick_template(rendered) -> dict:
    return json.loads(rendered)


def test_committed_template_matches_a_fresh_synthesis(rendered):
    committed = oneclick.TEMPLATE_PATH.read_text()
    assert committed == rendered, (
        "cloudformation/VmDatasetPipelineStack.template.json is stale: "
        "run `uv run python -m cdk_app.oneclick` and commit the result"
    )


def test_image_uri_is_the_only_parameter_and_the_worker_uses_it(oneclick_template):
    assert list(oneclick_template["Parameters"]) == ["ImageUri"]
    assert oneclick_template["Parameters"]["ImageUri"]["Type"] == "String"
    workers = [
        r for r in oneclick_template["Resources"].values() if r["Type"] == "AWS::Lambda::Function"
    ]
    assert [w["Properties"]["Code"] for w in workers] == [{"ImageUri": {"Ref": "ImageUri"}}]


def test_needs_no_cdk_bootstrap_assets_or_metadata(rendered, oneclick_template):
    assert "Rules" not in oneclick_template  # no CheckBootstrapVersion rule
    assert "BootstrapVersion" not in rendered
    assert "cdk-hnb659fds" not in rendered  # the bootstrap asset repository and roles
    assert "aws:asset" not in rendered and "aws:cdk:path" not in rendered
    assert "AWS::CDK::Metadata" not in rendered


def test_is_the_cdk_app_stack_with_the_image_parameter_in_place_of_the_asset(
    template, oneclick_template
):
    def comparable(t: dict) -> dict:
        t = copy.deepcopy(t)
        for resource in t["Resources"].values():
            resource.pop("Metadata", None)  # CDK construct paths and asset notes
            if resource["Type"] == "AWS::Lambda::Function":
                resource["Properties"].pop("Code")
        return {key: t[key] for key in ("Resources", "Outputs")}

    assert comparable(oneclick_template) == comparable(template.to_json())


def test_context_values_reach_the_one_click_template():
    template = oneclick.synthesize({"maxConcurrency": "25"})
    mappings = [
        r for r in template["Resources"].values() if r["Type"] == "AWS::Lambda::EventSourceMapping"
    ]
    assert [m["Properties"]["ScalingConfig"] for m in mappings] == [{"MaximumConcurrency": 25}]
