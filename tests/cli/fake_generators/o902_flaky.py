"""A test generator whose first sample of every shard of 10 fails transiently (an OSError,
which the worker classifies as transient) on its first two attempts, then succeeds.

Attempts are counted in files under `VMWHEEL_TEST_FLAKY_DIR`; without it, it never fails."""

import os
import sys
from pathlib import Path

from generators.kit import INK, Task, register, require

EVERY = 10


def sample_index() -> int | None:
    """The index of the sample being written (the sample writer knows it, the task not)."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "_write" and "index" in frame.f_locals:
            return frame.f_locals["index"]
        frame = frame.f_back
    return None


@register("O-902_flaky", title="Flaky (test)",
          description="Fails transiently twice on the first sample of each shard of 10.",
          category="counting-math", shard_size=10, instances=10**6)  # fmt: skip
class Flaky(Task):
    def generate(self, rng, params):
        folder = os.environ.get("VMWHEEL_TEST_FLAKY_DIR")
        index = sample_index()
        if folder and index is not None and index % EVERY == 0:
            counter = Path(folder) / f"{index}.attempts"
            n = int(counter.read_text()) + 1 if counter.exists() else 1
            counter.write_text(str(n))
            if n <= 2:
                raise ConnectionError(f"simulated network failure, attempt {n} of sample {index}")
        return {"value": int(rng.integers(0, 10**9))}

    def solve(self, puzzle, params):
        return {"double": 2 * puzzle["value"]}

    def check(self, puzzle, answer, params):
        require(answer["double"] == 2 * puzzle["value"], "wrong double")

    def prompt(self, puzzle, params):
        return f"Double {puzzle['value']}."

    def rubric(self, puzzle, answer, params):
        return f"1. The answer is {answer['double']}."

    def render(self, puzzle, answer, params, film):
        canvas = film.canvas()
        film.add(canvas)
        canvas.text(500, 500, str(answer["double"]), size=80, fill=INK)
        film.add(canvas, 2)
