"""Ball eater: a numbered ball rolls right along a line and eats every ball it touches whose
number is smaller than its own, adding that number to its own; it stops at the first ball
whose number is not smaller (or at the wall).

Numbers are chosen along the way: eaten balls below the eater's running number (at higher
levels just below it), the blocker at or just above it, balls past the blocker anything (some
smaller: it never reaches them). The checker replays the rule from the numbers alone.
"""

from __future__ import annotations

import math

from generators.kit import BACKGROUND, INK, NAMED, Param, Task, easing, register, require

LINE_Y, LEFT, WALL = 600.0, 40.0, 955.0  # the line the balls sit on; its ends
EATER, FOOD = NAMED["orange"], NAMED["blue"]


def radius(n: int) -> float:
    return 30.0 + 4.2 * math.sqrt(n)


def run(start: int, numbers: list[int]) -> tuple[list[int], int, int | None]:
    """Indices eaten, the final number, the index of the ball it stops at (None: the wall)."""
    n, eaten = start, []
    for i, k in enumerate(numbers):
        if k >= n:
            return eaten, n, i
        eaten.append(i)
        n += k
    return eaten, n, None


@register(
    "O-90_ball_eater",
    title="Ball eater",
    description="A numbered ball rolls along a line eating smaller-numbered balls and adding their numbers; where does it stop and with what number?",
    category="puzzles-logic",
    params=[
        Param("balls", "int", 5, 3, 6, help="numbered balls on the line"),
        Param("tight", "int", 1, 0, 2, help="how close the numbers come to the eater's (0 loose, 2 within a few)"),
    ],
    shard_size=60,
    memory="low",
    instances=1_000_000,
    faculty="abstraction",
    levels={
        1: {"balls": 3, "tight": 0},
        2: {"balls": 4, "tight": 1},
        3: {"balls": 5, "tight": 1},
        4: {"balls": 5, "tight": 2},
        5: {"balls": 6, "tight": 2},
    },
)  # fmt: skip
class BallEater(Task):
    def generate(self, rng, params):
        m, tight = params["balls"], params["tight"]
        while True:
            start = int(rng.integers(3, 13))
            stop = int(rng.integers(1, m + 1))  # eats `stop` balls; m: reaches the wall
            numbers, n = [], start
            for i in range(m):
                if i < stop or stop == m:  # eaten: smaller, at higher levels just smaller
                    low = max(1, n - (2, 4, 99)[2 - tight]) if tight else 1
                    k = int(rng.integers(low, n)) if n > 1 else 0
                elif i == stop:  # the blocker: not smaller, at higher levels equal or just above
                    k = int(rng.integers(n, n + (40, 6, 2)[tight]))
                else:
                    k = int(rng.integers(1, 60))
                numbers.append(k)
                n += k if i < stop else 0
            if 0 in numbers or n > 150:
                continue
            gaps = [int(rng.integers(16, 70)) for _ in range(m + 1)]
            if width(start, numbers, gaps) <= WALL - LEFT:
                return {"start": start, "numbers": numbers, "gaps": gaps}

    def solve(self, puzzle, params):
        eaten, final, stop = run(puzzle["start"], puzzle["numbers"])
        return {"eaten": eaten, "final": final, "stops_at": "wall" if stop is None else stop}

    def check(self, puzzle, answer, params):
        start, numbers = puzzle["start"], puzzle["numbers"]
        require(
            all(isinstance(k, int) and k >= 1 for k in [start, *numbers]),
            "a number is not a whole number from 1",
        )
        require(
            width(start, numbers, puzzle["gaps"]) <= WALL - LEFT, "the balls do not fit on the line"
        )
        n, eaten = start, answer["eaten"]
        require(
            eaten == list(range(len(eaten))),
            "the eater does not eat balls in the order it meets them",
        )
        for i in eaten:
            require(
                numbers[i] < n, f"ball {i + 1} ({numbers[i]}) is not smaller than the eater ({n})"
            )
            n += numbers[i]
        require(answer["final"] == n, f"the eater ends at {n}, not {answer['final']}")
        nxt = len(eaten)
        if nxt < len(numbers):
            require(
                numbers[nxt] >= n, f"ball {nxt + 1} is smaller than the eater, so it is eaten too"
            )
            require(answer["stops_at"] == nxt, f"the eater stops at ball {nxt + 1}")
        else:
            require(answer["stops_at"] == "wall", "the eater eats every ball and stops at the wall")

    def prompt(self, puzzle, params):
        m = len(puzzle["numbers"])
        return (
            f"The image shows an orange ball numbered {puzzle['start']} at the left end of a "
            f"line and {m} blue numbered balls on the line to its right, with a wall at the "
            "right end. The orange ball rolls right along the line. When it touches a ball "
            "whose number is smaller than its own, it eats it: the ball disappears into it and "
            "its number becomes the sum of the two numbers (it grows a little). When it touches "
            "a ball whose number is not smaller than its own, or the wall, it stops there. "
            "Balls it does not reach stay where they are. The video ends when the orange ball "
            "stops."
        )

    def rubric(self, puzzle, answer, params):
        numbers, eaten = puzzle["numbers"], answer["eaten"]
        food = ", ".join(str(numbers[i]) for i in eaten)
        stop = answer["stops_at"]
        where = ("the wall at the right end" if stop == "wall" else
                 f"the blue ball numbered {numbers[stop]} (ball {stop + 1} from the left), which is "
                 f"not smaller than {answer['final']}")  # fmt: skip
        left = len(numbers) - len(eaten)
        return "\n".join([
            f"1. The orange ball eats {len(eaten)} ball{'s' if len(eaten) != 1 else ''}"
            + (f", in this order: {food}." if len(eaten) > 1 else f", numbered {food}." if eaten else "."),
            f"2. Its number becomes {answer['final']}, and it grows with each ball it eats.",
            f"3. It stops touching {where}.",
            f"4. {left} blue ball{'s stay' if left != 1 else ' stays'} where {'they were' if left != 1 else 'it was'}; "
            "nothing else moves, and the orange ball rolls smoothly along the line.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        start, numbers = puzzle["start"], puzzle["numbers"]
        xs = places(start, numbers, puzzle["gaps"])
        base = film.canvas()
        base.line([(LEFT - 10, LINE_Y + 4), (WALL, LINE_Y + 4)], fill=INK, width=8)
        base.rect(WALL, LINE_Y - 220, WALL + 20, LINE_Y + 8, fill=INK)
        foods = list(range(len(numbers)))

        def scene(skip=()):
            frame = base.copy()
            for i in foods:
                if i not in skip:
                    disc(frame, xs[i], numbers[i], FOOD, BACKGROUND)
            return frame

        x, n = LEFT + radius(start), start
        film.opening(eater(scene(), x, n))
        for i in [*answer["eaten"], answer["stops_at"]]:
            end = (WALL if i == "wall" else xs[i] - radius(numbers[i])) - radius(n)
            rest = scene()
            steps = film.seconds(max(0.3, easing.glide_seconds(end - x)))
            for t in easing.steps(steps, easing.cruise):
                film.add(eater(rest.copy(), easing.lerp(x, end, t), n))
            x = end
            if i == "wall" or i == answer["stops_at"]:
                break
            rest = scene(skip=(i,))
            k, r0, r1 = numbers[i], radius(n), radius(n + numbers[i])
            for t in easing.steps(film.seconds(0.5), easing.ease_in_out):  # swallowed
                frame = rest.copy()
                rk = radius(k) * (1 - t)
                disc(frame, easing.lerp(xs[i], x + r0, t), k, FOOD, BACKGROUND, rk)
                eater(frame, x, n + k if t >= 0.5 else n, easing.lerp(r0, r1, t))
                film.add(frame)
            foods.remove(i)
            n += k
        film.closing(eater(scene(), x, n))


def eater(frame, x: float, n: int, r: float | None = None):
    disc(frame, x, n, EATER, INK, r)
    return frame


def disc(canvas, x: float, n: int, fill, ink, r: float | None = None) -> None:
    """A ball sitting on the line, its number in the middle (shrinking with the ball)."""
    r = radius(n) if r is None else r
    if r < 2:
        return
    canvas.circle(x, LINE_Y - r, r, fill=fill, outline=INK, width=4)
    size = min(38.0, 0.8 * r) if n < 100 else min(34.0, 0.62 * r)
    if size >= 8:
        canvas.text(x, LINE_Y - r, str(n), size=size, fill=ink, bold=True)


def places(start: int, numbers: list[int], gaps: list[int]) -> list[float]:
    """Centres of the numbered balls: after the eater, each a gap past the previous one."""
    x, out = LEFT + 2 * radius(start) + gaps[0], []
    for k, g in zip(numbers, gaps[1:], strict=True):
        out.append(x + radius(k))
        x += 2 * radius(k) + g
    return out


def width(start: int, numbers: list[int], gaps: list[int]) -> float:
    """Length of line the balls need, with room for the grown eater at the wall."""
    _, final, _ = run(start, numbers)
    return (
        2 * radius(start)
        + sum(2 * radius(k) for k in numbers)
        + sum(gaps)
        + 2 * (radius(final) - radius(start))
    )
