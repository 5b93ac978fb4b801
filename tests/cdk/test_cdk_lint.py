"""cfn-lint on both templates, hadolint on the Dockerfile, checkov on the one-click
template."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from cfnlint.api import lint
from cfnlint.helpers import REGIONS

from cdk_app.oneclick import TEMPLATE_PATH
from cdk_app.stack import REPO_ROOT


def findings(template_text: str) -> list[str]:
    # Errors and warnings in every region: the one-click template may be deployed anywhere.
    return [str(match) for match in lint(template_text, regions=REGIONS)]


def test_cfn_lint_passes_on_the_cdk_app_template(template):
    assert findings(json.dumps(template.to_json())) == []


def test_cfn_lint_passes_on_the_one_click_template():
    assert findings(TEMPLATE_PATH.read_text()) == []


def test_hadolint_passes_on_the_dockerfile():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or "hadolint"
    result = subprocess.run(
        [hadolint, "Dockerfile"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# checkov pins its own boto3 exactly, so it runs in an environment of its own (uv's tool
# runner, cached after the first run) instead of the project's. --skip-download: no
# network beyond the package registry; only the checks shipped in the package.
CHECKOV = "checkov==3.3.30"


def test_checkov_passes_on_the_one_click_template():
    uv = os.environ.get("UV") or shutil.which("uv")
    assert uv, "uv runs checkov in its own environment"
    result = subprocess.run(
        [uv, "tool", "run", "--from", CHECKOV, "checkov", "--file",
         str(TEMPLATE_PATH.relative_to(REPO_ROOT)), "--framework", "cloudformation",
         "--skip-download", "--output", "json"],
        capture_output=True, text=True, check=False, cwd=REPO_ROOT,
    )  # fmt: skip
    report = json.loads(result.stdout)
    failed = [(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]]
    assert failed == [], failed
    assert result.returncode == 0, result.stderr[-2000:]
    # every skip says why, in the template's own resource metadata
    skipped = report["results"]["skipped_checks"]
    assert skipped and all(len(c["check_result"]["suppress_comment"]) > 20 for c in skipped)
