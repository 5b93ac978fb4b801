"""Dye diffusion: a grid of tanks joined by pipes; dye spreads one pipe per step. Show the
first N steps of the spread and which tanks hold dye after them.

A pipe is open, closed (a black bar across it: a shut valve) or one-way (an arrow). At each
step every clear tank joined to a dyed tank by a pipe the dye may pass takes the dye. The
solver runs a breadth-first search from the dyed tanks; the checker replays the rule step by
step on its own. Puzzles are kept only when dye spreads at every one of the N steps, some
reachable tank is still clear after them, some tank is never reached, and at least one shut
valve and one one-way arrow (when there are any) change the outcome.
"""

from __future__ import annotations

from collections import deque

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.rng import choose, pick

ROWS = "ABCDE"
DYES = ("blue", "red", "green", "purple", "orange")
WATER, PIPE_INSIDE = (236, 242, 246), (246, 246, 246)
KINDS = ("open", "closed", "one-way")


def name(r: int, c: int) -> str:
    return f"{ROWS[r]}{c + 1}"


def flows(puzzle: dict) -> dict[str, list[str]]:
    """For each tank, the tanks its dye can pass into through one pipe."""
    out = {name(r, c): [] for r in range(puzzle["rows"]) for c in range(puzzle["cols"])}
    for a, b, kind in puzzle["pipes"]:
        if kind != "closed":
            out[a].append(b)
        if kind == "open":
            out[b].append(a)
    return out


def dye_steps(puzzle: dict) -> dict[str, int]:
    """The step at which each reachable tank takes the dye (0 for the sources), by BFS."""
    nxt = flows(puzzle)
    step = dict.fromkeys(puzzle["sources"], 0)
    queue = deque(puzzle["sources"])
    while queue:
        a = queue.popleft()
        for b in nxt[a]:
            if b not in step:
                step[b] = step[a] + 1
                queue.append(b)
    return step


@register(
    "O-100_dye_diffusion",
    title="Dye diffusion",
    description="Dye spreads through a grid of tanks one pipe per step, stopped by shut valves "
    "and one-way pipes; show the first N steps and which tanks hold dye after them.",
    category="puzzles-logic",
    params=[
        Param("rows", "int", 4, 3, 5, help="rows of tanks"),
        Param("cols", "int", 5, 4, 6, help="columns of tanks"),
        Param("steps", "int", 3, 2, 5, help="steps of spreading to show"),
        Param("sources", "int", 1, 1, 2, help="tanks full of dye at the start"),
        Param("valves", "int", 3, 1, 5, help="pipes with a shut valve"),
        Param("one_way", "int", 2, 0, 4, help="one-way pipes"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="spatiality",
    levels={
        1: {"rows": 3, "cols": 4, "steps": 2, "sources": 1, "valves": 1, "one_way": 0},
        2: {"rows": 4, "cols": 4, "steps": 3, "sources": 1, "valves": 2, "one_way": 1},
        3: {"rows": 4, "cols": 5, "steps": 3, "sources": 1, "valves": 3, "one_way": 2},
        4: {"rows": 5, "cols": 5, "steps": 4, "sources": 2, "valves": 4, "one_way": 3},
        5: {"rows": 5, "cols": 6, "steps": 5, "sources": 2, "valves": 5, "one_way": 4},
    },
    jumps="the step counter above the tanks advances by one at the start of each step",
)  # fmt: skip
class DyeDiffusion(Task):
    def generate(self, rng, params):
        rows, cols, n = params["rows"], params["cols"], params["steps"]
        pairs = [((r, c), (r + dr, c + dc)) for r in range(rows) for c in range(cols)
                 for dr, dc in ((0, 1), (1, 0)) if r + dr < rows and c + dc < cols]  # fmt: skip
        while True:
            kept = [p for p in pairs if rng.random() < 0.7]
            extra = params["valves"] + params["one_way"]
            if len(kept) < extra + 4:
                continue
            marked = choose(rng, range(len(kept)), extra)
            kinds = ["open"] * len(kept)
            for i, j in enumerate(marked):
                kinds[j] = "closed" if i < params["valves"] else "one-way"
            pipes = []
            for (a, b), kind in zip(kept, kinds):
                if kind == "one-way" and rng.random() < 0.5:
                    a, b = b, a
                pipes.append([name(*a), name(*b), kind])
            cells = [name(r, c) for r in range(rows) for c in range(cols)]
            puzzle = {"rows": rows, "cols": cols, "steps": n, "dye": pick(rng, DYES),
                      "sources": sorted(choose(rng, cells, params["sources"])), "pipes": pipes}  # fmt: skip
            if interesting(puzzle):
                return puzzle

    def solve(self, puzzle, params):
        n, step = puzzle["steps"], dye_steps(puzzle)
        waves = [sorted(t for t, s in step.items() if s == k) for k in range(1, n + 1)]
        dyed = sorted(t for t, s in step.items() if s <= n)
        clear = sorted(t for t in flows(puzzle) if t not in dyed)
        return {"waves": waves, "dyed": dyed, "clear": clear}

    def check(self, puzzle, answer, params):
        rows, cols, n = puzzle["rows"], puzzle["cols"], puzzle["steps"]
        tanks = {name(r, c) for r in range(rows) for c in range(cols)}
        seen = set()
        for a, b, kind in puzzle["pipes"]:
            require(a in tanks and b in tanks and kind in KINDS, "a pipe names no tank or kind")
            (ra, ca), (rb, cb) = (ROWS.index(a[0]), int(a[1:])), (ROWS.index(b[0]), int(b[1:]))
            require(abs(ra - rb) + abs(ca - cb) == 1, f"pipe {a}-{b} joins no neighbours")
            require(frozenset((a, b)) not in seen, f"two pipes join {a} and {b}")
            seen.add(frozenset((a, b)))
        require(set(puzzle["sources"]) <= tanks, "a source is not a tank")
        # the rule replayed literally: each step, every clear tank with a passable pipe from
        # a tank dyed before this step takes the dye
        dyed = set(puzzle["sources"])
        waves = answer["waves"]
        require(isinstance(waves, list) and len(waves) == n, f"the spread must list {n} steps")
        for names in (*waves, answer["dyed"], answer["clear"]):
            require(isinstance(names, list) and all(isinstance(t, str) for t in names),
                    "the answer must list tanks by name")  # fmt: skip
        for k, wave in enumerate(waves, 1):
            new = {b for a, b, kind in puzzle["pipes"] if kind != "closed" and a in dyed}
            new |= {a for a, b, kind in puzzle["pipes"] if kind == "open" and b in dyed}
            new -= dyed
            require(sorted(wave) == sorted(new) and len(wave) == len(new),
                    f"step {k} dyes {', '.join(sorted(new)) or 'nothing'}, not "
                    f"{', '.join(map(str, wave)) or 'nothing'}")  # fmt: skip
            require(new, f"no tank takes the dye at step {k}")
            dyed |= new
        require(sorted(answer["dyed"]) == sorted(dyed) and len(answer["dyed"]) == len(dyed),
                f"after {n} steps the dyed tanks are {', '.join(sorted(dyed))}")  # fmt: skip
        clear = tanks - dyed
        require(sorted(answer["clear"]) == sorted(clear) and len(answer["clear"]) == len(clear),
                f"after {n} steps the clear tanks are {', '.join(sorted(clear))}")  # fmt: skip

    def prompt(self, puzzle, params):
        rows, cols, n, dye = puzzle["rows"], puzzle["cols"], puzzle["steps"], puzzle["dye"]
        src = puzzle["sources"]
        full = f"tank {src[0]} is" if len(src) == 1 else f"tanks {' and '.join(src)} are"
        return (
            f"The image shows {rows * cols} square tanks in {rows} rows (A-{ROWS[rows - 1]}, "
            f"top to bottom) and {cols} columns (1-{cols}, left to right), some joined by pipes "
            f"to their neighbours. {full[0].upper() + full[1:]} full of {dye} dye; the others "
            "hold clear water. The dye spreads in steps: at each step, every clear tank joined "
            "by a pipe to a tank that already holds dye takes the dye. A pipe with a black bar "
            "across it has a shut valve and lets nothing through; a pipe with an arrow is "
            "one-way and lets dye through only in the arrow's direction; tanks with no pipe "
            f"between them never exchange dye. Show the first {n} steps of the spread. The "
            f"counter above the tanks reads 'Step 0 of {n}' and advances by one at the start "
            "of each step; during each step the dye runs along the passable pipes out of every "
            "dyed tank, then each newly reached tank fills with dye from the bottom up. The "
            f"video ends after step {n}, showing which tanks hold dye; the tanks, pipes, "
            "valves and arrows do not change."
        )

    def rubric(self, puzzle, answer, params):
        n, dye = puzzle["steps"], puzzle["dye"]
        lines = [f"1. The counter advances from 'Step 0 of {n}' to 'Step {n} of {n}', one step "
                 "at a time."]  # fmt: skip
        for k, wave in enumerate(answer["waves"], 1):
            lines.append(f"{k + 1}. At step {k} exactly these tanks take the {dye} dye: "
                         f"{', '.join(wave)}.")  # fmt: skip
        lines += [
            f"{n + 2}. In the final frame the tanks holding {dye} dye are exactly "
            f"{', '.join(answer['dyed'])}; the tanks {', '.join(answer['clear'])} are still "
            "clear.",
            f"{n + 3}. No dye passes a shut valve or runs against a one-way arrow; the tanks "
            "and pipes do not move.",
        ]
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        layout = Layout(puzzle["rows"], puzzle["cols"])
        dye, n = NAMED[puzzle["dye"]], puzzle["steps"]
        step = dye_steps(puzzle)
        board = film.canvas()
        layout.draw_static(board, puzzle)
        for s in puzzle["sources"]:
            layout.fill_tank(board, s, dye, 1.0)

        def counter(canvas, k):
            f = canvas.copy()
            f.text(500, 58, f"Step {k} of {n}", size=52, bold=True)
            return f

        film.opening(counter(board, 0))
        for k in range(1, n + 1):
            runs = pipe_runs(puzzle, step, k)
            newly = answer["waves"][k - 1]
            for t in easing.steps(film.seconds(0.4)):
                frame = board.copy()
                for pipe, start, share in runs:
                    layout.fill_pipe(frame, pipe, dye, start, share * t)
                film.add(counter(frame, k))
            for pipe, start, share in runs:
                layout.fill_pipe(board, pipe, dye, start, share)
            for t in easing.steps(film.seconds(0.4)):
                if k == n and t == 1.0:
                    break  # the closing frame shows the filled tanks
                frame = board.copy()
                for tank in newly:
                    layout.fill_tank(frame, tank, dye, t)
                film.add(counter(frame, k))
            for tank in newly:
                layout.fill_tank(board, tank, dye, 1.0)
            if k < n:
                film.hold(counter(board, k), 0.25)
        film.closing(counter(board, n))


def interesting(puzzle: dict) -> bool:
    """Dye spreads at every shown step, N matters, some tank is never reached, and a shut
    valve and a one-way arrow (when present) each change the spread."""
    n, step = puzzle["steps"], dye_steps(puzzle)
    total = puzzle["rows"] * puzzle["cols"]
    if any(k not in step.values() for k in range(1, n + 1)) or max(step.values()) <= n:
        return False
    if len(step) == total:
        return False
    spread = {t: s for t, s in step.items() if s <= n}
    for kind in ("closed", "one-way"):
        pipes = [i for i, p in enumerate(puzzle["pipes"]) if p[2] == kind]
        if pipes and not any(changes(puzzle, i, spread) for i in pipes):
            return False
    return True


def changes(puzzle: dict, i: int, spread: dict) -> bool:
    """Would opening pipe i change which tanks are dyed at which of the N steps?"""
    pipes = [list(p) for p in puzzle["pipes"]]
    pipes[i][2] = "open"
    other = dye_steps({**puzzle, "pipes": pipes})
    return {t: s for t, s in other.items() if s <= puzzle["steps"]} != spread


def pipe_runs(puzzle: dict, step: dict, k: int) -> list[tuple[list, str, float]]:
    """The pipes dye runs along at step k: (pipe, tank it runs from, share of the length).
    Dye leaves a tank through every passable pipe the step after the tank is dyed; a pipe
    entered from both ends at once fills half from each."""
    runs = []
    for pipe in puzzle["pipes"]:
        a, b, kind = pipe
        ends = [e for e, o in ((a, b), (b, a)) if step.get(e) == k - 1
                and (kind == "open" or (kind == "one-way" and e == a))]  # fmt: skip
        for e in ends:
            other = b if e == a else a
            passable_back = kind == "open"
            if passable_back and step.get(other, k) < k - 1:
                continue  # already filled from the other end at an earlier step
            runs.append((pipe, e, 0.5 if len(ends) == 2 else 1.0))
    return runs


class Layout:
    """Where the tanks and pipes of a rows x cols grid sit on the canvas."""

    def __init__(self, rows: int, cols: int):
        self.rows, self.cols = rows, cols
        self.pitch = min(860 / cols, 760 / rows)
        self.left = 540 - cols * self.pitch / 2
        self.top = 570 - rows * self.pitch / 2
        self.side = 0.58 * self.pitch
        self.pipe = 0.2 * self.pitch

    def centre(self, tank: str) -> tuple[float, float]:
        r, c = ROWS.index(tank[0]), int(tank[1:]) - 1
        return self.left + (c + 0.5) * self.pitch, self.top + (r + 0.5) * self.pitch

    def ends(self, a: str, b: str, tuck: float = 0.0):
        """The pipe from a's wall to b's wall, its ends `tuck` units under the walls."""
        (ax, ay), (bx, by) = self.centre(a), self.centre(b)
        ux, uy = (bx - ax) / self.pitch, (by - ay) / self.pitch
        h = self.side / 2 - tuck
        return (ax + ux * h, ay + uy * h), (bx - ux * h, by - uy * h)

    def draw_static(self, canvas, puzzle) -> None:
        for c in range(self.cols):
            canvas.text(self.left + (c + 0.5) * self.pitch, self.top - 8, str(c + 1), size=40,
                        fill=MUTED, bold=True)  # fmt: skip
        for r in range(self.rows):
            canvas.text(self.left - 22, self.top + (r + 0.5) * self.pitch, ROWS[r], size=40,
                        fill=MUTED, bold=True)  # fmt: skip
        for a, b, _ in puzzle["pipes"]:
            p, q = self.ends(a, b, tuck=3)
            canvas.line([p, q], fill=INK, width=self.pipe)
            canvas.line([p, q], fill=PIPE_INSIDE, width=self.pipe - 10)
        for r in range(self.rows):
            for c in range(self.cols):
                x, y = self.centre(name(r, c))
                h = self.side / 2
                canvas.rect(x - h, y - h, x + h, y + h, fill=WATER, outline=INK, width=6,
                            radius=10)  # fmt: skip
        for pipe in puzzle["pipes"]:
            self.mark(canvas, pipe)

    def mark(self, canvas, pipe) -> None:
        """The shut valve's bar or the one-way arrow, drawn over the pipe's middle."""
        a, b, kind = pipe
        (ax, ay), (bx, by) = self.centre(a), self.centre(b)
        mx, my = (ax + bx) / 2, (ay + by) / 2
        ux, uy = (bx - ax) / self.pitch, (by - ay) / self.pitch
        if kind == "closed":
            w = self.pipe * 0.95
            canvas.line([(mx - uy * w, my - ux * w), (mx + uy * w, my + ux * w)], fill=INK,
                        width=12)  # fmt: skip
        elif kind == "one-way":
            w = self.pipe * 0.75
            tip = (mx + ux * w * 0.7, my + uy * w * 0.7)
            back = (mx - ux * w * 0.7, my - uy * w * 0.7)
            canvas.polygon([tip, (back[0] - uy * w, back[1] + ux * w),
                            (back[0] + uy * w, back[1] - ux * w)], fill=INK)  # fmt: skip

    def fill_pipe(self, canvas, pipe, dye, start: str, share: float) -> None:
        if share <= 0:
            return
        p, q = self.ends(pipe[0], pipe[1])
        if start != pipe[0]:
            p, q = q, p
        canvas.line([p, easing.lerp_point(p, q, share)], fill=dye, width=self.pipe - 10)
        self.mark(canvas, pipe)

    def fill_tank(self, canvas, tank: str, dye, level: float) -> None:
        x, y = self.centre(tank)
        h = self.side / 2 - 8  # clear of the wall's rounded corners
        canvas.rect(x - h, y + h - 2 * h * level, x + h, y + h, fill=dye)
