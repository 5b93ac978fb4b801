"""A test generator that takes `sleep_s` seconds per sample and, when
`VMWHEEL_TEST_MARKERS` names a folder, leaves a marker per sample with the pids of its
process and their ancestors (so a test can find, and kill, the worker running it)."""

import json
import os
import sys
import time
from pathlib import Path

from generators.kit import INK, Param, Task, register, require


def sample_index() -> int | None:
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "_write" and "index" in frame.f_locals:
            return frame.f_locals["index"]
        frame = frame.f_back
    return None


@register("O-903_slow", title="Slow (test)", description="Sleeps, then doubles a number.",
          category="counting-math", shard_size=10, instances=10**6,
          params=[Param("sleep_s", "float", 0.0, 0.0, 60.0, help="seconds per sample")])  # fmt: skip
class Slow(Task):
    def generate(self, rng, params):
        folder = os.environ.get("VMWHEEL_TEST_MARKERS")
        if folder:
            import psutil

            me = psutil.Process()
            pids = [me.pid] + [p.pid for p in me.parents()]
            marker = Path(folder) / f"{sample_index()}-{me.pid}.json"
            marker.write_text(json.dumps({"pids": pids}))
        time.sleep(params["sleep_s"])
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
