"""`vmwheel generators` and `vmwheel generate`, run as the operator runs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FAKES = Path(__file__).parent / "fake_generators"


def vmwheel(*args, env=None):
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False)  # fmt: skip


def test_generators_json_lists_the_catalog():
    out = vmwheel("generators", "--json")
    assert out.returncode == 0
    catalog = json.loads(out.stdout)
    ids = {g["id"] for g in catalog}
    assert {"O-48_sudoku", "O-39_maze", "G-3_bounce", "O-33_counting"} <= ids
    assert all(g["category"] and g["description"] and g["params"] for g in catalog)


def test_generate_writes_and_validates(tmp_path):
    out = vmwheel("generate", "sudoku", "G-bounce", "--samples", "2", "--seed", "3", "--out",
                  str(tmp_path), "--param", "image_size=128", "--workers", "2", "--json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert [g["valid"] for g in report["generators"]] == [2, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "G-3_bounce_00000000", "G-3_bounce_00000001", "O-48_sudoku_00000000", "O-48_sudoku_00000001",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--samples", "1"], "unknown generator 'nope'"),
        (["sudoku", "--samples", "0"], "--samples must be at least 1"),
        (
            ["sudoku", "--samples", "1", "--param", "givens=99"],
            "param 'givens' must be int in 26..60",
        ),
        (["sudoku", "--samples", "1", "--param", "givens=many"], "param 'givens' must be int"),
        (
            ["sudoku", "--samples", "1", "--param", "colour=red"],
            "not declared by any chosen generator",
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, args, message):
    out = vmwheel("generate", *args, "--out", str(tmp_path / "out"))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and message in out.stderr
    assert not (tmp_path / "out").exists()


def test_unwritable_output_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    out = vmwheel("generate", "sudoku", "--samples", "1", "--out", str(blocker / "sub"))
    assert out.returncode == 2 and out.stderr.startswith("vmwheel: error: cannot write to")


def test_one_failing_generator_does_not_stop_the_others(tmp_path):
    out = vmwheel("generate", "always_raises", "maze", "--samples", "2", "--out", str(tmp_path),
                  "--param", "image_size=128", "--no-video", "--json",
                  env={"GENERATORS_PATH": str(FAKES)})  # fmt: skip
    assert out.returncode == 1
    report = {g["generator"]: g for g in json.loads(out.stdout)["generators"]}
    assert report["O-39_maze"]["valid"] == 2 and report["O-39_maze"]["ok"]
    assert not report["O-990_always_raises"]["ok"]
    assert "broken on purpose" in report["O-990_always_raises"]["errors"][0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "O-39_maze_00000000",
        "O-39_maze_00000001",
    ]
