import textwrap

import pytest

from generators import ParamError, UnknownGenerator, get_spec, lookup, parse_assignments
from generators.params import Param, resolve_params
from generators.registry import ID_PATTERN, generator_ids


@pytest.mark.parametrize(
    "name",
    ["O-48_sudoku", "O-sudoku", "sudoku", "O-48_sudoku_data_generator",
     "O-48_sudoku_data-generator", "o-48_sudoku", " O-48_sudoku "],
)  # fmt: skip
def test_every_lookup_form_resolves(name):
    assert lookup(name) == "O-48_sudoku"


def test_family_prefix_and_number_forms():
    assert lookup("G-bounce") == "G-3_bounce"
    assert lookup("G-3_bounce_data-generator") == "G-3_bounce"
    with pytest.raises(UnknownGenerator):
        lookup("O-bounce")  # bounce is a G- task


def test_unknown_name_suggests_close_matches():
    with pytest.raises(
        UnknownGenerator, match=r"unknown generator 'sudok'; did you mean O-48_sudoku"
    ):
        lookup("sudok")
    with pytest.raises(UnknownGenerator, match="non-empty"):
        lookup("")


def test_ids_follow_the_pattern():
    ids = generator_ids()
    assert ids and all(ID_PATTERN.match(g) for g in ids)
    assert ids.index("O-48_sudoku") < ids.index("G-3_bounce")  # O- before G-


def test_generators_path_adds_modules(tmp_path, monkeypatch):
    (tmp_path / "o977_extra_task.py").write_text(textwrap.dedent('''
        from generators.kit import Task, register

        @register("O-977_extra_task", title="Extra", description="d", category="counting-math",
                  instances=5)
        class Extra(Task):
            pass
    '''))  # fmt: skip
    (tmp_path / "g978_wrong_id.py").write_text("")
    monkeypatch.setenv("GENERATORS_PATH", str(tmp_path))
    assert lookup("extra_task") == "O-977_extra_task"
    assert get_spec("O-977_extra_task").instances == 5
    with pytest.raises(ImportError, match="does not register generator G-978_wrong_id"):
        get_spec("wrong_id")


def test_spec_declares_everything():
    spec = get_spec("sudoku")
    d = spec.as_dict()
    assert d["category"] == "puzzles-logic" and d["family"] == "O"
    assert {p["name"] for p in d["params"]} >= {"image_size", "fps", "video", "givens"}
    assert [p.name for p in spec.task_params] == ["givens"]


def test_params_validate_types_and_bounds():
    declared = (
        Param("n", "int", 3, 1, 9),
        Param("ratio", "float", 0.5, 0.0, 1.0),
        Param("on", "bool", True),
    )
    assert resolve_params(declared, {"ratio": 1}) == {"n": 3, "ratio": 1.0, "on": True}
    for bad in ({"n": 10}, {"n": "3"}, {"n": True}, {"on": 1}, {"ratio": float("nan")}, {"m": 1}):
        with pytest.raises(ParamError):
            resolve_params(declared, bad)
    assert parse_assignments(declared, ["n=4", "on=no", "ratio=0.25"]) == {
        "n": 4,
        "on": False,
        "ratio": 0.25,
    }
    with pytest.raises(ParamError, match="name=value"):
        parse_assignments(declared, ["n"])
    with pytest.raises(ParamError, match=r"must be int in 1\.\.9, got 'x'"):
        parse_assignments(declared, ["n=x"])
