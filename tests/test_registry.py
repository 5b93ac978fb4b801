import textwrap

import pytest

from generators import ParamError, UnknownGenerator, get_spec, lookup, parse_assignments, register
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


@pytest.fixture
def scratch_registry(monkeypatch):
    """Generators registered in a test stay out of the catalog other tests see."""
    from generators import registry

    monkeypatch.setattr(registry, "_specs", dict(registry._specs))


def _levelled(gid: str, **kw):
    """Register a throwaway generator with difficulty levels (or fail trying)."""
    from generators.kit import Task

    declared = [Param("n", "int", 3, 1, 9)]
    levels = kw.pop("levels", {k: {"n": k} for k in range(1, 6)})
    return register(gid, title="t", description="d", category="puzzles-logic",
                    params=declared, instances=10, levels=levels, **kw)(type("T", (Task,), {}))  # fmt: skip


def test_difficulty_levels_set_params_and_explicit_params_win(scratch_registry):
    spec = _levelled("O-991_levels").spec
    assert spec.resolve_params({})["n"] == 3  # the default level holds the defaults
    assert spec.resolve_params({"difficulty": 5})["n"] == 5
    assert spec.resolve_params({"difficulty": "5", "n": 1})["n"] == 1
    ranged = spec.resolve_params({"difficulty": "2-4"})
    assert ranged["difficulty"] == "2-4" and "n" not in ranged  # filled in per sample
    assert [spec.sample_params(ranged, i)["n"] for i in range(6)] == [2, 3, 4, 2, 3, 4]
    assert [spec.sample_params({"difficulty": "1-5", "n": 7}, i)["n"] for i in range(3)] == [7] * 3
    for bad in (0, 6, "5-1", "1-6", "x", True, 2.0):
        with pytest.raises(ParamError):
            spec.resolve_params({"difficulty": bad})


def test_levels_are_checked_when_declared(scratch_registry):
    with pytest.raises(ValueError, match=r"each of 1\.\.5"):
        _levelled("O-992_levels", levels={1: {"n": 1}})
    with pytest.raises(ValueError, match="must hold the declared defaults"):
        _levelled("O-993_levels", levels={k: {"n": k + 1} for k in range(1, 6)})
    with pytest.raises(ValueError, match="unknown param"):
        _levelled("O-994_levels", levels={k: {"m": k} for k in range(1, 6)})
    with pytest.raises(ValueError, match="faculty"):
        _levelled("O-995_levels", faculty="smell")
