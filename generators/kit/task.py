"""The shape every task module fills in."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from .video import Film


class CheckFailed(AssertionError):
    """A sample's answer does not solve its puzzle."""


def require(condition: bool, reason: str) -> None:
    """Checker helper: fail with `reason` unless `condition` holds."""
    if not condition:
        raise CheckFailed(reason)


class Task:
    """One task generator. Subclasses are declared with `@register(...)`.

    `generate` draws a puzzle from the sample's RNG; `solve` answers it; `check` verifies
    an answer from the puzzle alone, without calling `solve` (it is what proves a stored
    sample right); `prompt` and `rubric` say what to do and how to grade it; `render`
    draws the solution video into a Film, whose first and last frames become the two PNGs.
    Puzzles and answers are JSON data (dicts, lists, numbers, strings): they go into
    metadata.json as they are.
    """

    spec: ClassVar[Any]

    def generate(self, rng: np.random.Generator, params: dict) -> dict:
        raise NotImplementedError

    def solve(self, puzzle: dict, params: dict) -> Any:
        raise NotImplementedError

    def check(self, puzzle: dict, answer: Any, params: dict) -> None:
        raise NotImplementedError

    def prompt(self, puzzle: dict, params: dict) -> str:
        raise NotImplementedError

    def rubric(self, puzzle: dict, answer: Any, params: dict) -> str:
        raise NotImplementedError

    def render(self, puzzle: dict, answer: Any, params: dict, film: Film) -> None:
        raise NotImplementedError
