"""The generator registry: declare with `register`, find with `lookup`, build with `make`.

Task modules are found by file name (`tasks/o48_sudoku.py` holds `O-48_sudoku`) and
imported only when first needed, so a worker that runs one generator imports one module.
`GENERATORS_PATH` (folders separated by os.pathsep) adds modules named the same way.
A module of that path that fails to import is left out of `all_specs()` (the rest of the
catalog works) and its one-line error is in `broken_modules()`; whatever a module prints
while it is imported goes to stderr, never to stdout (which scripts parse).
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import importlib.util
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .params import (
    COMMON_PARAMS,
    DIFFICULTY,
    LEVELS,
    Param,
    ParamError,
    level_range,
    resolve_params,
)

ID_PATTERN = re.compile(r"^[OG]-\d+_[a-z0-9_]+$")
_FILE_PATTERN = re.compile(r"^([og])(\d+)_([a-z0-9_]+)\.py$")
CATEGORIES = ("puzzles-logic", "physics-motion", "spatial-visual", "counting-math")
# What a task exercises, in the taxonomy of the reference suite.
FACULTIES = ("abstraction", "knowledge", "perception", "spatiality", "transformation")
MEMORY_CLASSES = ("low", "medium", "high")
TASKS_DIR = Path(__file__).parent / "tasks"


class UnknownGenerator(LookupError):
    """No generator, or more than one, answers to a name."""

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0])


@dataclass(frozen=True)
class GeneratorSpec:
    id: str
    title: str
    description: str
    category: str
    params: tuple[Param, ...]
    shard_size: int
    memory: str
    instances: int
    version: int
    task_class: type
    faculty: str | None = None
    levels: dict[int, dict[str, Any]] | None = None  # difficulty level -> its own params
    default_level: int = 3
    jumps: str = ""  # why things may jump between frames by design ("" = they never do)

    @property
    def family(self) -> str:
        """`O` (static/logic) or `G` (dynamic/physics)."""
        return self.id[0]

    @property
    def name(self) -> str:
        """The id without its family and number: `sudoku` for `O-48_sudoku`."""
        return self.id.split("_", 1)[1]

    @property
    def task_params(self) -> tuple[Param, ...]:
        """The generator's own params (without image_size, fps, video, video_scale)."""
        return self.params[len(COMMON_PARAMS) :]

    def resolve_params(self, given: dict[str, Any] | None) -> dict[str, Any]:
        """Every param with its value: explicit ones as given, the others from the
        difficulty level (the generator's default level unless given), then defaults.
        With a range of levels ("1-5") the generator's own params that were not given are
        left out: `sample_params` fills them in from each sample's level."""
        merged = dict(given or {})
        level = DIFFICULTY.validate(merged.get("difficulty", self.default_level))
        merged["difficulty"] = level
        if isinstance(level, str):  # a range: each sample's level fills in the rest
            full = resolve_params(self.params, merged)  # validates everything given
            own = {p.name for p in self.task_params}
            return {k: v for k, v in full.items() if k not in own or k in merged}
        if self.levels:
            for name, value in self.levels[level].items():
                merged.setdefault(name, value)
        return resolve_params(self.params, merged)

    def sample_params(self, given: dict[str, Any] | None, index: int) -> dict[str, Any]:
        """The params of sample `index`: a range of difficulty levels is spread over the
        samples round-robin by index, so every shard holds an even mix."""
        resolved = self.resolve_params(given)
        lo, hi = level_range(resolved["difficulty"])
        if lo == hi:
            return resolved
        return self.resolve_params({**(given or {}), "difficulty": lo + index % (hi - lo + 1)})

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "category": self.category,
            "family": self.family,
            "params": [p.as_dict() for p in self.params],
            "shard_size": self.shard_size,
            "memory": self.memory,
            "instances": self.instances,
            "version": self.version,
            "faculty": self.faculty,
            "default_level": self.default_level,
            "levels": {str(k): v for k, v in (self.levels or {}).items()},
            "jumps": self.jumps,
        }


_specs: dict[str, GeneratorSpec] = {}


def register(
    id: str,
    *,
    title: str,
    description: str,
    category: str,
    params: tuple[Param, ...] | list[Param] = (),
    shard_size: int = 50,
    memory: str = "low",
    instances: int,
    version: int = 1,
    faculty: str | None = None,
    levels: dict[int, dict[str, Any]] | None = None,
    default_level: int = 3,
    jumps: str = "",
):
    """Class decorator declaring a task generator (see tasks/o48_sudoku.py for the model).

    `levels` maps each difficulty 1..5 to values of the generator's own params (level
    `default_level` must be the declared defaults); `jumps` says why something may move
    more than 3% of the width between two frames (a jump by design, which the prompt
    states), empty when nothing does."""
    if not ID_PATTERN.match(id):
        raise ValueError(f"generator id {id!r} does not match {ID_PATTERN.pattern}")
    if category not in CATEGORIES:
        raise ValueError(f"{id}: category must be one of {CATEGORIES}")
    if memory not in MEMORY_CLASSES:
        raise ValueError(f"{id}: memory must be one of {MEMORY_CLASSES}")
    if not 1 <= shard_size <= 1000:
        raise ValueError(f"{id}: shard_size must be in 1..1000")
    names = [p.name for p in params]
    clash = set(names) & {p.name for p in COMMON_PARAMS}
    if clash or len(set(names)) != len(names):
        raise ValueError(f"{id}: duplicate or reserved param names {sorted(clash) or names}")

    if faculty is not None and faculty not in FACULTIES:
        raise ValueError(f"{id}: faculty must be one of {FACULTIES}")
    _check_levels(id, params, levels, default_level)

    def wrap(cls):
        spec = GeneratorSpec(id, title, description, category, (*COMMON_PARAMS, *params),
                             shard_size, memory, int(instances), version, cls, faculty,
                             levels, default_level, jumps)  # fmt: skip
        cls.spec = spec
        _specs[id] = spec
        return cls

    return wrap


def _check_levels(gid: str, params, levels, default_level: int) -> None:
    if default_level not in LEVELS:
        raise ValueError(f"{gid}: default_level must be in 1..5")
    if levels is None:
        return
    if set(levels) != set(LEVELS):
        raise ValueError(f"{gid}: levels must map each of 1..5 to params")
    own = {p.name: p for p in params}
    for level, values in levels.items():
        for name, value in values.items():
            if name not in own:
                raise ValueError(f"{gid}: level {level} sets unknown param {name!r}")
            try:
                own[name].validate(value)
            except ParamError as e:
                raise ValueError(f"{gid}: level {level}: {e}") from None
    changed = {k: v for k, v in levels[default_level].items() if own[k].default != v}
    if changed:
        raise ValueError(f"{gid}: level {default_level} (the default) must hold the declared "
                         f"defaults, but sets {changed}")  # fmt: skip


# --- discovery ----------------------------------------------------------------------


def _module_files() -> dict[str, Path]:
    """Generator id -> module file, from file names alone (nothing is imported)."""
    found: dict[str, Path] = {}
    folders = [TASKS_DIR] + [
        Path(p) for p in os.environ.get("GENERATORS_PATH", "").split(os.pathsep) if p
    ]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.py")):
            m = _FILE_PATTERN.match(path.name)
            if m:
                found.setdefault(f"{m.group(1).upper()}-{m.group(2)}_{m.group(3)}", path)
    return found


def generator_ids() -> list[str]:
    """Every known generator id, O- before G-, then by number: the modules on the current
    path, and generators registered in code (not those of an extra folder no longer on
    GENERATORS_PATH)."""
    files = _module_files()
    ids = set(files) | {g for g in _specs if g not in _imported_from or g in files}

    def order(gid: str):
        fam, rest = gid.split("-", 1)
        num, name = rest.split("_", 1)
        return (fam != "O", int(num), name)

    return sorted(ids, key=order)


_broken: dict[str, str] = {}
_imported_from: dict[str, Path] = {}  # generator id -> the module file that registered it


def _import(gid: str) -> None:
    path = _module_files().get(gid)
    if path is None:
        return
    _imported_from[gid] = path
    with contextlib.redirect_stdout(sys.stderr):
        if path.parent == TASKS_DIR:
            importlib.import_module(f"{__package__}.tasks.{path.stem}")
        else:
            name = f"vmwheel_ext_{path.stem}"
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(name, None)
                raise
    if gid not in _specs:
        raise ImportError(f"{path.name} does not register generator {gid}")


# --- lookup -------------------------------------------------------------------------

_UPSTREAM_SUFFIX = re.compile(r"[_-]data[_-]generator$")


def lookup(name: str) -> str:
    """The full id for any accepted spelling of a generator's name.

    Accepts `O-48_sudoku`, `O-sudoku`, `sudoku` (when unique) and the upstream repository
    names `O-48_sudoku_data_generator` / `O-48_sudoku_data-generator`.
    """
    if not isinstance(name, str) or not name.strip():
        raise UnknownGenerator("generator name must be a non-empty string")
    ids = generator_ids()
    wanted = _UPSTREAM_SUFFIX.sub("", name.strip()).replace("-", "_")
    wanted = wanted[0].upper() + wanted[1:] if len(wanted) > 1 and wanted[1] == "_" else wanted
    exact = {gid.replace("-", "_"): gid for gid in ids}
    if wanted in exact:
        return exact[wanted]
    fam, num, bare = re.match(r"^(?:([og])_)?(?:(\d+)_)?(.+)$", wanted.lower()).groups()

    def matches(gid: str, prefix: bool) -> bool:
        gfam, gnum, gname = re.match(r"^([og])-(\d+)_(.+)$", gid.lower()).groups()
        named = gname == bare or (prefix and gname.startswith(bare + "_"))
        return fam in (None, gfam) and num in (None, gnum) and named

    # exact name first; then a leading part of it (O-sequence for O-45_sequence_completion)
    candidates = [g for g in ids if matches(g, False)] or [g for g in ids if matches(g, True)]
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise UnknownGenerator(f"generator name {name!r} is ambiguous: {', '.join(candidates)}")
    pool = ids + [g.split("_", 1)[1] for g in ids]
    close = difflib.get_close_matches(name.strip(), pool, n=4, cutoff=0.5)
    close = [c if c in ids else next(g for g in ids if g.endswith("_" + c)) for c in close]
    hint = (
        f"; did you mean {', '.join(dict.fromkeys(close))}?"
        if close
        else "; see `vmwheel generators`"
    )
    raise UnknownGenerator(f"unknown generator {name!r}{hint}")


def get_spec(name: str) -> GeneratorSpec:
    gid = lookup(name)
    if gid not in _specs:
        _import(gid)
    return _specs[gid]


def make(name: str):
    """A ready task object for a generator name (any accepted spelling)."""
    return get_spec(name).task_class()


def all_specs() -> list[GeneratorSpec]:
    """Every generator's spec (imports every task module). A module from GENERATORS_PATH
    that fails to load is left out; `broken_modules()` says why."""
    specs = []
    for gid in generator_ids():
        try:
            specs.append(get_spec(gid))
            _broken.pop(gid, None)
        except Exception as e:
            path = _module_files().get(gid)
            if path is None or path.parent == TASKS_DIR:
                raise  # the package's own modules must load
            _broken[gid] = f"{path.name} does not load: {type(e).__name__}: {e}".splitlines()[0]
    return specs


def broken_modules() -> dict[str, str]:
    """Generator id -> one line saying why its extra module failed to load (as seen by
    the last `all_specs()`)."""
    return dict(_broken)
