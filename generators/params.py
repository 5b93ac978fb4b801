"""Declared generator parameters: type, default, bounds, and validation with clear errors."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class ParamError(ValueError):
    """A parameter value that the generator does not accept."""


_KINDS = {"int": int, "float": float, "bool": bool, "str": str, "level": (int, str)}
LEVELS = range(1, 6)
_LEVEL_RANGE = re.compile(r"^([1-5])-([1-5])$")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # int, float, bool or str
    default: Any
    low: float | None = None
    high: float | None = None
    choices: tuple = field(default=())
    help: str = ""
    even: bool = False

    def __post_init__(self):
        if self.kind not in _KINDS:
            raise ValueError(f"param {self.name}: unknown kind {self.kind!r}")
        self.validate(self.default)

    def describe(self) -> str:
        if self.kind == "level":
            return "a level 1..5 or a range such as 1-5"
        if self.choices:
            return "one of " + ", ".join(map(str, self.choices))
        if self.low is not None and self.high is not None:
            return f"{self.kind} in {self.low}..{self.high}"
        return self.kind

    def parse(self, text: str) -> Any:
        """A value from its command-line spelling (`--param k=v`)."""
        try:
            if self.kind == "bool":
                lowered = text.strip().lower()
                if lowered not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                    raise ValueError
                return lowered in ("true", "1", "yes", "on")
            if self.kind == "int":
                return int(text)
            if self.kind == "float":
                return float(text)
            if self.kind == "level":
                return self.validate(int(text) if text.strip().isdigit() else text.strip())
            return text
        except ValueError:
            raise ParamError(
                f"param {self.name!r} must be {self.describe()}, got {text!r}"
            ) from None

    def validate(self, value: Any) -> Any:
        """The value if acceptable (ints widen to float), else a ParamError saying why."""
        bad = ParamError(f"param {self.name!r} must be {self.describe()}, got {value!r}")
        if self.kind == "level":
            return _level(value, bad)
        if self.kind == "float" and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        expected = _KINDS[self.kind]
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise bad
        if self.choices and value not in self.choices:
            raise bad
        if self.low is not None and value < self.low:
            raise bad
        if self.high is not None and value > self.high:
            raise bad
        if self.kind == "float" and value != value:  # NaN
            raise bad
        if self.even and value % 2:
            raise ParamError(f"param {self.name!r} must be even, got {value!r}")
        return value

    def as_dict(self) -> dict:
        d = {"name": self.name, "type": self.kind, "default": self.default, "help": self.help}
        if self.low is not None:
            d["min"] = self.low
        if self.high is not None:
            d["max"] = self.high
        if self.choices:
            d["choices"] = list(self.choices)
        return d


def _level(value: Any, bad: ParamError) -> int | str:
    """A difficulty: a level 1..5, or a range "a-b" (a <= b) spread over the samples."""
    if isinstance(value, int) and not isinstance(value, bool) and value in LEVELS:
        return value
    if isinstance(value, str):
        if value.strip().isdigit() and int(value) in LEVELS:
            return int(value)
        m = _LEVEL_RANGE.match(value.strip())
        if m and int(m.group(1)) <= int(m.group(2)):
            lo, hi = int(m.group(1)), int(m.group(2))
            return lo if lo == hi else f"{lo}-{hi}"
    raise bad


def level_range(value: int | str) -> tuple[int, int]:
    """The (lowest, highest) level a difficulty value covers."""
    if isinstance(value, int):
        return value, value
    lo, hi = value.split("-")
    return int(lo), int(hi)


# The default is the generator's own default level (GeneratorSpec.default_level).
DIFFICULTY = Param(
    "difficulty", "level", 3, help="level 1-5, or a range such as 1-5 spread over samples"
)
# Every generator honours these.
COMMON_PARAMS: tuple[Param, ...] = (
    Param("image_size", "int", 1024, 64, 2048, help="width and height in pixels", even=True),
    Param("fps", "int", 16, 1, 60, help="frames per second of the solution video"),
    Param("video", "bool", True, help="write ground_truth.mp4"),
    Param("video_scale", "float", 1.0, 0.25, 20.0, help="stretch the solution video in time"),
    DIFFICULTY,
)
# Params that change how a sample is drawn, not which puzzle it is: outside param_hash.
RENDER_PARAMS = frozenset(("image_size", "fps", "video", "video_scale"))


def resolve_params(declared: Sequence[Param], given: Mapping[str, Any] | None) -> dict[str, Any]:
    """All declared params with defaults filled in; an unknown name or bad value is a ParamError."""
    given = dict(given or {})
    by_name = {p.name: p for p in declared}
    unknown = sorted(set(given) - set(by_name))
    if unknown:
        raise ParamError(
            f"unknown param {unknown[0]!r}; this generator takes: {', '.join(sorted(by_name))}"
        )
    return {p.name: p.validate(given.get(p.name, p.default)) for p in declared}


def parse_assignments(declared: Sequence[Param], items: Sequence[str]) -> dict[str, Any]:
    """`k=v` strings (from the command line) typed by the declarations."""
    by_name = {p.name: p for p in declared}
    out: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParamError(f"param must be written name=value, got {item!r}")
        if name not in by_name:
            raise ParamError(
                f"unknown param {name!r}; this generator takes: {', '.join(sorted(by_name))}"
            )
        out[name] = by_name[name].parse(text)
    return out
