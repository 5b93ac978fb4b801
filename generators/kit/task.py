"""The shape every task module fills in."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np

from .video import Film


class CheckFailed(AssertionError):
    """A sample's answer does not solve its puzzle."""


def require(condition: bool, reason: str) -> None:
    """Checker helper: fail with `reason` unless `condition` holds."""
    if not condition:
        raise CheckFailed(reason)


def redraw[T](draw: Callable[[], T | None]) -> T:
    """Call `draw` until it returns a puzzle: None means the draw was rejected (a scene that
    is ambiguous, too close to a boundary, ...), so the RNG moves on and draws again."""
    while (puzzle := draw()) is None:
        pass
    return puzzle


class Task(ABC):
    """One task generator. Subclasses are declared with `@register(...)`.

    `generate` draws a puzzle from the sample's RNG; `solve` answers it; `check` verifies
    an answer from the puzzle alone, without calling `solve` (it is what proves a stored
    sample right); `prompt` and `rubric` say what to do and how to grade it; `render`
    draws the solution video into a Film, whose first and last frames become the two PNGs.
    Puzzles and answers are JSON data (dicts, lists, numbers, strings): they go into
    metadata.json as they are.
    """

    spec: ClassVar[Any]

    @abstractmethod
    def generate(self, rng: np.random.Generator, params: dict) -> dict: ...

    @abstractmethod
    def solve(self, puzzle: dict, params: dict) -> Any: ...

    @abstractmethod
    def check(self, puzzle: dict, answer: Any, params: dict) -> None: ...

    @abstractmethod
    def prompt(self, puzzle: dict, params: dict) -> str: ...

    @abstractmethod
    def rubric(self, puzzle: dict, answer: Any, params: dict) -> str: ...

    @abstractmethod
    def render(self, puzzle: dict, answer: Any, params: dict, film: Film) -> None: ...
