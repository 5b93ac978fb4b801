"""Key-and-door maze: collect each coloured key before passing its door; shortest walk."""

from __future__ import annotations

import itertools
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

DR = (-1, 0, 1, 0)  # sides: 0 north, 1 east, 2 south, 3 west
DC = (0, 1, 0, -1)
DOOR_COLORS = ("red", "blue", "purple", "orange")
AREA, X0, Y0 = 760, 120, 150
TRAIL = MUTED


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
    instances=10**15,
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
            "that reaches the star; there is exactly one. Each collected key moves to the "
            "'keys' row above the maze and each door vanishes when the walker passes it, while "
            "the walls, the star and the untouched keys stay where they are; a gray trail shows "
            "where the walker has been. The video ends when the walker stands on the star."
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
            "shown in the keys row, and the doors it passed are gone.",
            "5. The walls and the star never change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        scene = Scene(puzzle)
        walk = [tuple(p) for p in answer["walk"]]
        maze = Maze(puzzle)
        held = maze.pick(maze.start, 0)
        opened: set[int] = set()
        base = scene.board(film, held, opened)
        first = base.copy()
        scene.walker(first, scene.centre(walk[0]))
        film.hold(first, 1.0)
        per = film.seconds(min(0.3, 4.0 / max(1, len(walk) - 1)))
        trail = [scene.centre(walk[0])]
        for here, there in itertools.pairwise(walk):
            door = maze.door_at.get(passage_key(here, there))
            a, b = scene.centre(here), scene.centre(there)
            for t in easing.steps(per):
                frame = base.copy()
                pos = easing.lerp_point(a, b, t)
                frame.line([*trail, pos], fill=TRAIL, width=10)
                scene.walker(frame, pos)
                film.add(frame)
            trail.append(b)
            now = maze.pick(there, held)
            if (door is not None and door not in opened) or now != held:
                if door is not None:
                    opened.add(door)
                held = now
                base = scene.board(film, held, opened)
        final = base.copy()
        final.line(trail, fill=TRAIL, width=10)
        scene.walker(final, trail[-1])
        film.hold(final, 1.5)


class Scene:
    def __init__(self, puzzle: dict):
        self.p = puzzle
        self.n = puzzle["size"]
        self.cell = AREA / self.n

    def centre(self, room) -> tuple[float, float]:
        return (X0 + (room[1] + 0.5) * self.cell, Y0 + (room[0] + 0.5) * self.cell)

    def walker(self, cv: Canvas, pos) -> None:
        cv.circle(pos[0], pos[1], self.cell * 0.24, fill=INK, outline=(255, 255, 255), width=5)

    def board(self, film, held: int, opened: set) -> Canvas:
        p, n, cell = self.p, self.n, self.cell
        cv = film.canvas()
        cv.rect(X0, Y0, X0 + AREA, Y0 + AREA, fill=(255, 255, 255))
        gx, gy = self.centre(p["goal"])
        cv.shape("star", gx, gy, cell * 0.36, fill=HIGHLIGHT, outline=INK, width=4)
        colors = [d["color"] for d in p["doors"]]
        for k in p["keys"]:
            if not held >> colors.index(k["color"]) & 1:
                draw_key(cv, *self.centre(k["room"]), cell * 0.34, NAMED[k["color"]])
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
        x = X0 + cv.text_width("keys:", 48) + 60
        for i, color in enumerate(colors):
            if held >> i & 1:
                draw_key(cv, x, 88, 46, NAMED[color])
                x += 120
        return cv


def draw_key(cv: Canvas, x: float, y: float, size: float, color) -> None:
    """A key lying horizontally: a ring on the left, a shaft with two teeth to the right."""
    ring = size * 0.42
    cx = x - size * 0.5
    cv.circle(cx, y, ring, fill=color, outline=INK, width=3)
    cv.circle(cx, y, ring * 0.42, fill=(255, 255, 255))
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
