"""A test-only generator that misbehaves on request: sample `fault_index` raises, hangs,
exits its process or kills it with SIGKILL (printing to stdout and stderr first)."""

from __future__ import annotations

import os
import signal
import sys
import time

from generators.kit import INK, Param, Task, register, require

FAULTS = ("none", "raise", "hang", "exit", "sigkill")


def _sample_index() -> int | None:
    """The index of the sample being written (a task is not told; the sample writer is)."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "_write" and "index" in frame.f_locals:
            return frame.f_locals["index"]
        frame = frame.f_back
    return None


@register(
    "O-900_faulty",
    title="Faulty (test)",
    description="A tiny test task whose chosen sample fails in a chosen way.",
    category="counting-math",
    params=[
        Param("fault", "str", "none", choices=FAULTS, help="what sample fault_index does"),
        Param("fault_index", "int", 0, 0, 10**8, help="the sample that misbehaves"),
    ],
    shard_size=10,
    instances=10**6,
)
class Faulty(Task):
    def generate(self, rng, params):
        return {"value": int(rng.integers(0, 10**6))}

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
        self._misbehave(params)
        canvas.text(500, 500, str(answer["double"]), size=80, fill=INK)
        film.add(canvas, 2)

    def _misbehave(self, params):
        fault = params["fault"]
        index = _sample_index()
        if fault == "none" or index != params["fault_index"]:
            return
        print(f"stdout of sample {index} before {fault}", flush=True)
        print(f"stderr of sample {index} before {fault}", file=sys.stderr, flush=True)
        if fault == "raise":
            raise ValueError(f"sample {index} raises on purpose")
        if fault == "hang":
            time.sleep(3600)
        if fault == "exit":
            os._exit(3)
        if fault == "sigkill":
            os.kill(os.getpid(), signal.SIGKILL)
