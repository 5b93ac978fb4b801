"""cfn-lint on both templates, hadolint on the Dockerfile."""

import json
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
