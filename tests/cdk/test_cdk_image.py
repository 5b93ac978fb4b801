"""The worker image: synthesized without Docker, built from a minimal context.

The CDK CLI runs the app (cdk.json: `python -m cdk_app`) with CDK_OUTDIR and
CDK_CONTEXT_JSON set; these tests run it the same way, with a `docker` on PATH that records
any call and fails, to show that synthesis only stages the Docker build context.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from aws_cdk import App

from cdk_app.__main__ import main
from cdk_app.stack import REPO_ROOT

DOCKERFILE = (REPO_ROOT / "Dockerfile").read_text()


def run_app(tmp_path: Path) -> tuple[subprocess.CompletedProcess, Path]:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    calls = tmp_path / "docker-calls"
    docker = fake_bin / "docker"
    docker.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexit 1\n')
    docker.chmod(0o755)
    outdir = tmp_path / "cdk.out"
    env = {
        **os.environ,
        "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}",
        "CDK_OUTDIR": str(outdir),
        "CDK_CONTEXT_JSON": "{}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "cdk_app"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert not calls.exists(), f"synthesis called docker: {calls.read_text()}"
    return result, outdir


@pytest.fixture(scope="module")
def cloud_assembly(tmp_path_factory) -> Path:
    result, outdir = run_app(tmp_path_factory.mktemp("app"))
    assert result.returncode == 0, result.stderr
    return outdir


@pytest.fixture(scope="module")
def build_context(cloud_assembly) -> Path:
    """The staged Docker build context of the worker image asset."""
    assets = json.loads((cloud_assembly / "VmDatasetPipelineStack.assets.json").read_text())
    (image,) = assets["dockerImages"].values()
    assert image["source"]["platform"] == "linux/amd64"
    return cloud_assembly / image["source"]["directory"]


def test_synthesis_without_docker_stages_the_image_asset(cloud_assembly):
    template = json.loads((cloud_assembly / "VmDatasetPipelineStack.template.json").read_text())
    (worker,) = [r for r in template["Resources"].values() if r["Type"] == "AWS::Lambda::Function"]
    assert "container-assets" in json.dumps(worker["Properties"]["Code"])


def test_build_context_holds_only_what_the_worker_needs(build_context):
    top = sorted(p.name for p in build_context.iterdir())
    assert top == [
        ".dockerignore",
        "Dockerfile",
        "README.md",
        "generators",
        "lambda_src",
        "pyproject.toml",
    ]
    assert not list(build_context.rglob("__pycache__"))
    assert (build_context / "lambda_src" / "__init__.py").exists()
    assert (build_context / "generators" / "__init__.py").exists()


def test_every_copy_source_is_in_the_build_context(build_context):
    sources = [
        src
        for line in DOCKERFILE.splitlines()
        if line.startswith("COPY ")
        for src in line.split()[1:-1]
    ]
    assert sources
    for src in sources:
        assert (build_context / src).exists(), src


def test_dockerfile_base_image_install_and_handler():
    instructions = [line for line in DOCKERFILE.splitlines() if line and not line.startswith("#")]
    assert instructions[0] == "FROM public.ecr.aws/lambda/python:3.11"
    assert instructions[-1] == 'CMD ["lambda_src.handler.handler"]'
    assert "pip install --no-cache-dir" in DOCKERFILE
    # Everything comes from the package registry: no other downloads, no OS packages.
    assert not re.search(
        r"\b(curl|wget|apt-get|apt|yum|dnf|microdnf|ADD)\b", "\n".join(instructions)
    )


def test_invalid_context_makes_the_app_exit_with_one_clear_line():
    with pytest.raises(SystemExit) as exited:
        main(App(context={"visibilityTimeoutSeconds": "600"}))
    assert str(exited.value) == (
        "error: context visibilityTimeoutSeconds=600 must be greater than the function "
        "timeout (timeoutSeconds=900)"
    )
