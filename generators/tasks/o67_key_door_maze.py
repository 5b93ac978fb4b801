"""Key-and-door maze: collect each coloured key before passing its door; shortest walk."""

from __future__ import annotations

import itertools
import math
from collections import deque

from generators.kit import (
    HIGHLIGHT,
    INK,
    MUTED,
    NAMED,
    Canvas,
    CheckFailed,
    Param,
    Task,
    easing,
    register,
    require,
)
from generators.kit.palette import lighten

DR = (-1, 0, 1, 0)  # sides: 0 north, 1 east, 2 south, 3 west
DC = (0, 1, 0, -1)
DOOR_COLORS = ("red", "blue", "purple", "orange")
AREA, X0, Y0 = 760, 120, 150
TRAIL = MUTED
# The trail runs LANE of a room off the passage's centre line, clear of the walker (radius
# WALKER), so the walker never hides a stretch of it.
LANE, WALKER = 0.28, 0.19
ROW_KEY = 64  # size of a key in the keys row
KEYS_LABEL = 120  # width of the "keys:" label (48-unit bold text)
DOOR_OPENS = 0.1  # a door vanishes as the walker sets off toward it (share of a step)


def passage_key(a, b) -> tuple:
    a, b = tuple(a), tuple(b)
    return (a, b) if a <= b else (b, a)


def maze_tree(rng, n: int) -> dict:
    """A perfect maze by randomised depth-first search: room -> list of open neighbours."""
    links = {(r, c): [] for r in range(n) for c in range(n)}
    start = (int(rng.integers(n)), int(rng.integers(n)))
    stack, seen = [start], {start}
    while stack:
        r, c = stack[-1]
        options = [(r + DR[s], c + DC[s]) for s in range(4)]
        options = [p for p in options if p in links and p not in seen]
        if not options:
            stack.pop()
            continue
        nxt = options[int(rng.integers(len(options)))]
        links[(r, c)].append(nxt)
        links[nxt].append((r, c))
        seen.add(nxt)
        stack.append(nxt)
    return links


def tree_path(links: dict, a: tuple, b: tuple) -> list[tuple]:
    back, todo = {a: None}, deque([a])
    while todo:
        node = todo.popleft()
        for nxt in links[node]:
            if nxt not in back:
                back[nxt] = node
                todo.append(nxt)
    path, node = [], b
    while node is not None:
        path.append(node)
        node = back[node]
    return path[::-1]


class Maze:
    """The rules of a puzzle dict: open passages, doors, keys."""

    def __init__(self, puzzle: dict):
        self.n = puzzle["size"]
        self.open = {passage_key(a, b) for a, b in puzzle["passages"]}
        self.colors = [d["color"] for d in puzzle["doors"]]
        self.door_at = {passage_key(*d["between"]): i for i, d in enumerate(puzzle["doors"])}
        self.key_at = {}
        for k in puzzle["keys"]:
            self.key_at[tuple(k["room"])] = self.colors.index(k["color"])
        self.start, self.goal = tuple(puzzle["start"]), tuple(puzzle["goal"])

    def pick(self, room, held: int) -> int:
        i = self.key_at.get(room)
        return held | (1 << i) if i is not None else held

    def moves(self, room, held: int):
        """(next room, keys held after entering it) for every legal move."""
        for s in range(4):
            nxt = (room[0] + DR[s], room[1] + DC[s])
            edge = passage_key(room, nxt)
            if edge not in self.open:
                continue
            door = self.door_at.get(edge)
            if door is not None and not held >> door & 1:
                continue
            yield nxt, self.pick(nxt, held)

    def shortest(self) -> tuple[int, int]:
        """(length of the shortest walk to the goal, number of shortest walks capped at 2)."""
        first = (self.start, self.pick(self.start, 0))
        dist, ways, todo = {first: 0}, {first: 1}, deque([first])
        best = None
        while todo:
            state = todo.popleft()
            if best is not None and dist[state] >= best:
                continue
            for nxt in self.moves(*state):
                if nxt not in dist:
                    dist[nxt], ways[nxt] = dist[state] + 1, ways[state]
                    todo.append(nxt)
                elif dist[nxt] == dist[state] + 1:
                    ways[nxt] = min(2, ways[nxt] + ways[state])
                if nxt[0] == self.goal and best is None:
                    best = dist[nxt]
        if best is None:
            return -1, 0
        total = sum(w for (room, _), w in ways.items() if room == self.goal
                    and dist[(room, _)] == best)  # fmt: skip
        return best, min(2, total)


@register(
    "O-67_key_door_maze",
    title="Keys and doors maze",
    description="Walk a maze from start to the star, fetching each coloured key before its door.",
    category="puzzles-logic",
    params=[
        Param("size", "int", 6, 4, 8, help="the maze has size x size rooms"),
        Param("doors", "int", 2, 1, 4, help="coloured doors on the way to the goal"),
    ],
    shard_size=40,
    memory="low",
    instances=2_600_000,  # measured lower bound (4000 draws, no repeat); far more exist
    faculty="spatiality",
    levels={
        1: {"size": 4, "doors": 1},
        2: {"size": 5, "doors": 1},
        3: {"size": 6, "doors": 2},
        4: {"size": 7, "doors": 3},
        5: {"size": 8, "doors": 4},
    },
)
class KeyDoorMaze(Task):
    def generate(self, rng, params):
        n, k = params["size"], params["doors"]
        while True:
            puzzle = self._attempt(rng, n, k)
            if puzzle is None:
                continue
            length, ways = Maze(puzzle).shortest()
            plain = {**puzzle, "doors": [], "keys": []}
            direct, _ = Maze(plain).shortest()
            if ways == 1 and length > direct:  # the keys force a detour
                return puzzle

    @staticmethod
    def _attempt(rng, n, k):
        links = maze_tree(rng, n)
        rooms = sorted(links)
        a, b = (rooms[int(i)] for i in rng.choice(len(rooms), 2, replace=False))
        path = tree_path(links, a, b)
        if len(path) < max(2 * k + 2, int(1.4 * n)):
            return None
        on_path = {p: i for i, p in enumerate(path)}
        # where each off-path room hangs on the main path (its attachment index)
        attach = {}
        for room in rooms:
            if room not in on_path:
                attach[room] = max(on_path[p] for p in tree_path(links, a, room) if p in on_path)
        # door edges: k distinct edges of the path, spread out, none at the very start
        slots = sorted(int(i) + 1 for i in rng.choice(len(path) - 2, k, replace=False))
        colors = [DOOR_COLORS[int(i)] for i in rng.permutation(len(DOOR_COLORS))[:k]]
        doors, keys, used = [], [], {a, b}
        for slot, color in zip(slots, colors):
            # the door sits between path[slot] and path[slot + 1]
            doors.append({"color": color, "between": [list(path[slot]), list(path[slot + 1])]})
            options = [r for r in sorted(attach) if attach[r] <= slot and r not in used]
            if not options:
                return None
            room = options[int(rng.integers(len(options)))]
            used.add(room)
            keys.append({"color": color, "room": list(room)})
        passages = sorted({passage_key(x, y) for x in links for y in links[x]})
        return {
            "size": n,
            "passages": [[list(x), list(y)] for x, y in passages],
            "start": list(a),
            "goal": list(b),
            "doors": doors,
            "keys": keys,
        }

    def solve(self, puzzle, params):
        maze = Maze(puzzle)
        first = (maze.start, maze.pick(maze.start, 0))
        back, todo = {first: None}, deque([first])
        end = None
        while todo and end is None:
            state = todo.popleft()
            for nxt in maze.moves(*state):
                if nxt not in back:
                    back[nxt] = state
                    if nxt[0] == maze.goal:
                        end = nxt
                        break
                    todo.append(nxt)
        walk = []
        while end is not None:
            walk.append(list(end[0]))
            end = back[end]
        return {"walk": walk[::-1], "steps": len(walk) - 1}

    def check(self, puzzle, answer, params):
        maze = Maze(puzzle)
        try:
            walk = [(int(r), int(c)) for r, c in answer["walk"]]
            steps = int(answer["steps"])
        except (TypeError, ValueError, KeyError):
            raise CheckFailed("answer is not a walk of [row, col] rooms") from None
        require(walk and walk[0] == maze.start, "the walk does not begin at the start")
        held = maze.pick(maze.start, 0)
        for here, there in itertools.pairwise(walk):
            require(abs(here[0] - there[0]) + abs(here[1] - there[1]) == 1, "the walk jumps")
            edge = passage_key(here, there)
            require(edge in maze.open, f"the walk goes through a wall between {here} and {there}")
            door = maze.door_at.get(edge)
            if door is not None:
                require(held >> door & 1, f"the {maze.colors[door]} door is passed without its key")
            held = maze.pick(there, held)
        require(walk[-1] == maze.goal, "the walk does not end at the goal")
        require(steps == len(walk) - 1, "step count disagrees with the walk")
        best, ways = maze.shortest()
        require(steps == best, f"the walk takes {steps} steps, the shortest takes {best}")
        require(ways == 1, "more than one shortest walk")

    def prompt(self, puzzle, params):
        n, doors = puzzle["size"], puzzle["doors"]
        colors = ", ".join(d["color"] for d in doors)
        return (
            f"The image shows a maze of {n}x{n} square rooms with black walls. A black circle "
            "is the walker and a yellow star marks the goal room. Some passages are closed by "
            f"coloured doors ({colors}); a door can be passed only after the walker has picked "
            "up the key of the same colour, which happens by entering the key's room. Keys stay "
            "with the walker and doors stay open once unlocked. Move the walker room by room "
            "through open passages, never through a wall, along the shortest possible walk "
            "that reaches the star; there is exactly one. The walker glides at a steady pace "
            "through the centres of the rooms. A key is picked up as the walker enters its "
            "room: it leaves the room and appears in the 'keys' row above the maze. Each door "
            "vanishes as the walker sets off through it, while the walls, the star and the "
            "untouched keys stay where they are. A gray trail shows where the "
            "walker has been, keeping to the right-hand side of each passage, so a passage "
            "walked there and back shows two parallel lines. The video ends when the walker "
            "stands on the star."
        )

    def rubric(self, puzzle, answer, params):
        order = []
        walk = [tuple(p) for p in answer["walk"]]
        keys = {tuple(k["room"]): k["color"] for k in puzzle["keys"]}
        for room in walk:
            if room in keys and f"{keys[room]} key" not in order:
                order.append(f"{keys[room]} key")
        rooms = " -> ".join(f"r{r + 1}c{c + 1}" for r, c in walk)
        return "\n".join([
            "1. The walker moves one room at a time through open passages; it never crosses a "
            "black wall.",
            "2. Every door is passed only after the key of its colour was collected; keys are "
            f"collected in this order: {', '.join(order)}.",
            f"3. The walk is the unique shortest one, {answer['steps']} steps (row, column from "
            f"the top left): {rooms}.",
            "4. In the final frame the walker stands on the yellow star, every collected key is "
            "shown in the keys row, the doors it passed are gone, and the gray trail covers the "
            "whole walk.",
            "5. The walls and the star never change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        scene = Scene(puzzle)
        walk = [tuple(p) for p in answer["walk"]]
        maze = Maze(puzzle)
        centres = [scene.centre(room) for room in walk]
        trail = Trail(scene.lanes(walk), scene.cell)
        boards: dict = {}

        def frame_at(distance: float) -> Canvas:
            """The scene once `distance` of the animation has passed (see Trail)."""
            points, progress = trail.at(distance)
            held, opened = maze.pick(walk[0], 0), set()
            for k in range(1, int(progress + 0.5) + 1):  # keys of the rooms entered so far
                held = maze.pick(walk[k], held)
            for k, (here, there) in enumerate(itertools.pairwise(walk)):
                door = maze.door_at.get(passage_key(here, there))
                if door is not None and progress >= k + DOOR_OPENS:
                    opened.add(door)
            key = (held, frozenset(opened))
            if key not in boards:
                boards[key] = scene.board(film, held, opened)
            frame = boards[key].copy()
            scene.walker(frame, easing.along_polyline(centres, progress / (len(walk) - 1)))
            scene.trail(frame, points)  # over the walker: a crossed older stretch stays whole
            return frame

        film.opening(frame_at(0))
        # neither the walker nor the trail's tip moves faster than GLIDE_SPEED (see Trail)
        for t in easing.steps(film.seconds(easing.glide_seconds(trail.length)), easing.cruise):
            frame = frame_at(trail.length * t)
            film.add(frame)
        film.closing(frame)


class Trail:
    """The trail's corners with the walk progress (rooms walked) at each. Between two
    corners the trail's tip and the walker move together, each covering its own distance
    (the trail's stretch, the walker's share of the walk); the stretch lasts as long as the
    longer of the two, so neither ever moves faster than the animation's pace. At a dead end
    the walker waits at the room's centre while the trail rounds its hairpin."""

    def __init__(self, lanes: list, cell: float):
        self.lanes = lanes
        self.spans = [max(math.dist(p0, p1), abs(a1 - a0) * cell)
                      for (a0, p0), (a1, p1) in itertools.pairwise(lanes)]  # fmt: skip
        self.length = sum(self.spans)

    def at(self, distance: float) -> tuple[list, float]:
        """The trail's points and the walker's progress, `distance` into the animation."""
        for k, span in enumerate(self.spans):
            if distance <= span or k == len(self.spans) - 1:
                f = min(1.0, distance / span) if span else 1.0
                (a0, p0), (a1, p1) = self.lanes[k], self.lanes[k + 1]
                points = [p for _, p in self.lanes[: k + 1]] + [easing.lerp_point(p0, p1, f)]
                return points, easing.lerp(a0, a1, f)
            distance -= span
        raise AssertionError("unreachable")


class Scene:
    def __init__(self, puzzle: dict):
        self.p = puzzle
        self.n = puzzle["size"]
        self.cell = AREA / self.n
        # keys in the rooms are smaller than in the keys row (a third less in area at most):
        # a key picked up reads as leaving its room, not as one key jumping across the frame
        self.key_size = self.cell * 0.26

    def centre(self, room) -> tuple[float, float]:
        return (X0 + (room[1] + 0.5) * self.cell, Y0 + (room[0] + 0.5) * self.cell)

    def lanes(self, walk: list) -> list[tuple[float, tuple[float, float]]]:
        """The trail as (walk progress, point) corners. It keeps to the right-hand side of
        each passage, so a passage walked both ways shows two parallel lines, and a dead end
        shows a hairpin around the room's centre."""
        lane = self.cell * LANE
        heading = [(b[1] - a[1], b[0] - a[0]) for a, b in itertools.pairwise(walk)]  # (dx, dy)

        def right(d):  # screen y points down: the right of (dx, dy) is (-dy, dx)
            return (-d[1], d[0])

        def at(room, *offsets):
            x, y = self.centre(room)
            return (x + sum(o[0] for o in offsets) * lane, y + sum(o[1] for o in offsets) * lane)

        out = [(0.0, at(walk[0], right(heading[0])))]
        for i in range(1, len(walk) - 1):
            d_in, d_out = heading[i - 1], heading[i]
            if d_out == (-d_in[0], -d_in[1]):  # a U-turn: round the centre, beyond it
                out += [(i, at(walk[i], right(d_in), d_in)), (i, at(walk[i], right(d_out), d_in))]
            else:  # straight on, or the corner where the two right-hand lanes meet
                out.append((i, at(walk[i], right(d_in), right(d_out) if d_in != d_out else (0, 0))))
        out.append((len(walk) - 1.0, at(walk[-1], right(heading[-1]))))
        return out

    def walker(self, cv: Canvas, pos) -> None:
        cv.circle(pos[0], pos[1], self.cell * WALKER, fill=INK, outline=(255, 255, 255), width=5)

    def trail(self, cv: Canvas, points: list) -> None:
        """The trail: axis-aligned stretches drawn crisp (snapped to pixels, no blended
        edges), overlapping at the corners."""
        w = self.cell * 0.06
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if (x0, y0) == (x1, y1):
                continue
            if abs(y1 - y0) < 1e-6:
                cv.crisp_line(min(x0, x1), y0, max(x0, x1), y0, color=TRAIL, width=w)
            else:
                cv.crisp_line(x0, min(y0, y1), x0, max(y0, y1), color=TRAIL, width=w)

    def board(self, film, held: int, opened: set) -> Canvas:
        """The maze with the keys not yet picked up in their rooms and the others in the
        keys row, each colour in its own place."""
        p, n, cell = self.p, self.n, self.cell
        cv = film.canvas()
        cv.rect(X0, Y0, X0 + AREA, Y0 + AREA, fill=(255, 255, 255))
        gx, gy = self.centre(p["goal"])
        cv.shape("star", gx, gy, cell * 0.36, fill=HIGHLIGHT, outline=INK, width=4)
        colors = [d["color"] for d in p["doors"]]
        for k in p["keys"]:
            if not held >> colors.index(k["color"]) & 1:
                draw_key(cv, *self.centre(k["room"]), self.key_size, NAMED[k["color"]])
        open_edges = {passage_key(a, b) for a, b in p["passages"]}
        wall = 9
        for r in range(n):
            for c in range(n):
                x, y = X0 + c * cell, Y0 + r * cell
                if c + 1 < n and passage_key((r, c), (r, c + 1)) not in open_edges:
                    cv.line([(x + cell, max(Y0, y - wall / 2)),
                             (x + cell, min(Y0 + AREA, y + cell + wall / 2))],
                            fill=INK, width=wall)  # fmt: skip
                if r + 1 < n and passage_key((r, c), (r + 1, c)) not in open_edges:
                    cv.line([(max(X0, x - wall / 2), y + cell),
                             (min(X0 + AREA, x + cell + wall / 2), y + cell)],
                            fill=INK, width=wall)  # fmt: skip
        for i, d in enumerate(p["doors"]):
            if i not in opened:
                draw_door(cv, self, d)
        cv.rect(X0, Y0, X0 + AREA, Y0 + AREA, outline=INK, width=12)
        cv.text(X0, 88, "keys:", size=48, anchor="lm", bold=True)
        for i, color in enumerate(colors):
            if held >> i & 1:
                draw_key(cv, X0 + KEYS_LABEL + 60 + 140 * i, 88, ROW_KEY, NAMED[color])
        return cv


def draw_key(cv: Canvas, x: float, y: float, size: float, color) -> None:
    """A key lying horizontally: a ring on the left, a shaft with two teeth to the right."""
    ring = size * 0.42
    cx = x - size * 0.5
    cv.circle(cx, y, ring, fill=color)
    cv.circle(cx, y, ring * 0.42, fill=lighten(color, 0.7))
    shaft = size * 0.16
    x1 = x + size
    cv.rect(cx + ring * 0.8, y - shaft, x1, y + shaft, fill=color)
    for tx in (x1 - size * 0.1, x1 - size * 0.45):
        cv.rect(tx - size * 0.12, y, tx + size * 0.06, y + size * 0.42, fill=color)


def draw_door(cv: Canvas, scene: Scene, door: dict) -> None:
    (r0, c0), (r1, c1) = door["between"]
    cell = scene.cell
    color = NAMED[door["color"]]
    if r0 == r1:  # rooms side by side: a vertical door on the edge between them
        x = X0 + max(c0, c1) * cell
        y = Y0 + r0 * cell
        box = (x - cell * 0.12, y + 6, x + cell * 0.12, y + cell - 6)
    else:
        x = X0 + c0 * cell
        y = Y0 + max(r0, r1) * cell
        box = (x + 6, y - cell * 0.12, x + cell - 6, y + cell * 0.12)
    cv.rect(*box, fill=color, outline=INK, width=4)
    mx, my = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    cv.circle(mx, my, cell * 0.05, fill=INK)
    cv.rect(mx - cell * 0.02, my, mx + cell * 0.02, my + cell * 0.08, fill=INK)
