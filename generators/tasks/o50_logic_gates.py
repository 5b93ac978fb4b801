"""Logic gates: evaluate a layered circuit of AND/OR/NOT/XOR/NAND gates from its input bits.

The circuit is drawn left to right: input bits in circles, gates as labelled boxes in
layers, one output circle. The video propagates the signals gate by gate: a wire turns
green when it carries 1 and grey when it carries 0, and each gate shows its value.
"""

from __future__ import annotations

import itertools
import math
from functools import cache

from generators.kit import (
    HIGHLIGHT,
    INK,
    MUTED,
    NAMED,
    Canvas,
    Param,
    Task,
    distinct,
    register,
    require,
)
from generators.kit.palette import lighten

GATES = {
    "AND": lambda a: int(all(a)),
    "OR": lambda a: int(any(a)),
    "XOR": lambda a: a[0] ^ a[1],
    "NAND": lambda a: 1 - int(all(a)),
    "NOT": lambda a: 1 - a[0],
}
BINARY = ("AND", "OR", "XOR", "NAND")
TYPES = (*BINARY, "NOT")
ONE, ZERO = NAMED["green"], MUTED
MAX_PER_LAYER = 4
TOP, BOTTOM = 110, 930
IN_X, IN_R = 112, 36  # input circles
OUT_X, OUT_R = 912, 40  # output circle


def layer_sizes(rng, inputs: int, depth: int) -> list[int]:
    """Nodes per column: inputs, then gate layers narrowing to one gate."""
    sizes = [inputs]
    for k in range(1, depth):
        # every node of the layer before feeds some gate; two or more keep gates binary
        low = max(2, -(-sizes[-1] // 2))
        high = min(sizes[-1], 2 ** (depth - k), MAX_PER_LAYER)
        # wider layers more often: they allow more circuits
        options = list(range(low, high + 1))
        weights = [i + 1 for i in range(len(options))]
        sizes.append(options[int(rng.choice(len(options), p=[w / sum(weights) for w in weights]))])
    return [*sizes, 1]


@cache
def layer_types(size: int, sources: int) -> tuple[tuple[str, ...], ...]:
    """Every top-to-bottom sequence of gate types a layer of `size` gates reading `sources`
    nodes can have: enough input pins to take every node, and (with only two nodes to read)
    no binary type twice, since both such gates would read the same pair."""
    out = []
    for kinds in itertools.product(TYPES, repeat=size):
        pins = sum(1 if t == "NOT" else 2 for t in kinds)
        binary = [t for t in kinds if t != "NOT"]
        if pins >= sources and (sources > 2 or len(set(binary)) == len(binary)):
            out.append(kinds)
    return tuple(out)


def build_circuit(rng, bits: list[int], kinds: list[tuple[str, ...]], want: int) -> dict:
    """A circuit with these input bits and these gate types in the layers before the output
    gate (top to bottom); the wiring is drawn at random, and the output gate's type among
    those that make the circuit's output `want`."""
    names = [chr(ord("A") + i) for i in range(len(bits))]
    nodes = [{"name": n, "value": v} for n, v in zip(names, bits)]
    prev = names
    gates = []
    for k, types in enumerate(kinds, start=1):
        slots = [(g, pin) for g, t in enumerate(types) for pin in range(1 if t == "NOT" else 2)]
        # top-to-bottom assignment covers every source and keeps wires mostly uncrossed;
        # then some pins are rewired at random (never orphaning a source or doubling a pin)
        # (sometimes in a shuffled order, so wires cross)
        order = [int(i) for i in rng.permutation(len(prev))] if rng.random() < 0.4 else None
        src = [j * len(prev) // len(slots) for j in range(len(slots))]
        src = [order[v] for v in src] if order else src
        for j, (g, _) in enumerate(slots):
            others = [src[i] for i, (h, _) in enumerate(slots) if h == g and i != j]
            if src.count(src[j]) > 1 and (src[j] in others or rng.random() < 0.5):
                options = [s for s in range(len(prev)) if s not in others]
                src[j] = options[int(rng.integers(len(options)))]
        pins = [sorted(src[j] for j, (h, _) in enumerate(slots) if h == g)
                for g in range(len(types))]  # fmt: skip
        # gates of one arity take their inputs in top-to-bottom order, which untangles
        # wires and leaves the type sequence as given
        for arity in (1, 2):
            at = [g for g in range(len(types)) if len(pins[g]) == arity]
            ranked = sorted((pins[g] for g in at), key=lambda p: sum(p) / len(p))
            for g, p in zip(at, ranked):
                pins[g] = p
        layer = [{"id": f"G{len(gates) + g + 1}", "type": t, "inputs": [prev[i] for i in pins[g]],
                  "layer": k} for g, t in enumerate(types)]  # fmt: skip
        gates += layer
        prev = [g["id"] for g in layer]
    # the output gate reads the last two signals: whatever their values, some binary type
    # gives 0 and some gives 1
    values = evaluate({"inputs": nodes, "gates": gates})
    fits = [t for t in BINARY if GATES[t]([values[i] for i in prev]) == want]
    gates.append({"id": f"G{len(gates) + 1}", "type": fits[int(rng.integers(len(fits)))],
                  "inputs": prev, "layer": len(kinds) + 1})  # fmt: skip
    return {"inputs": nodes, "gates": gates, "output": gates[-1]["id"]}


def evaluate(puzzle: dict) -> dict[str, int]:
    values = {n["name"]: n["value"] for n in puzzle["inputs"]}
    for g in puzzle["gates"]:
        values[g["id"]] = GATES[g["type"]]([values[i] for i in g["inputs"]])
    return values


@register(
    "O-50_logic_gates",
    title="Logic gates",
    description="Evaluate a layered circuit of AND, OR, NOT, XOR and NAND gates from its input bits.",
    category="puzzles-logic",
    params=[
        Param("inputs", "int", 4, 2, 6, help="input bits"),
        Param("depth", "int", 3, 1, 3, help="gate layers (raised to fit the inputs if needed)"),
    ],
    shard_size=60,
    version=2,  # level 1 draws from a larger space
    memory="low",
    instances=1_500_000,  # measured (birthday estimate, 4,000 draws): ~1.6 million
    faculty="abstraction",
    levels={
        1: {"inputs": 3, "depth": 2},  # one 2-input gate alone makes only 16 puzzles
        2: {"inputs": 4, "depth": 2},
        3: {"inputs": 4, "depth": 3},
        4: {"inputs": 5, "depth": 3},
        5: {"inputs": 6, "depth": 3},
    },
)
class LogicGates(Task):
    def generate(self, rng, params):
        """The input bits and the gate types of every layer before the output gate come from
        the instance number (`distinct`, read in mixed radix over the type sequences that fit
        the layer sizes), so samples with the same layer sizes are different circuits; the
        wiring is drawn, and the output gate's type so that the output is `want`."""
        inputs = params["inputs"]
        depth = max(params["depth"], (inputs - 1).bit_length())
        want = int(rng.integers(2))  # outputs 0 and 1 equally often
        while True:
            sizes = layer_sizes(rng, inputs, depth)
            options = [layer_types(s, p) for p, s in itertools.pairwise(sizes[:-1])]
            x = distinct(rng, 2**inputs * math.prod(len(o) for o in options))
            x, bits = divmod(x, 2**inputs)
            kinds = []
            for o in options:
                x, i = divmod(x, len(o))
                kinds.append(o[i])
            bits = [bits >> (inputs - 1 - i) & 1 for i in range(inputs)]
            puzzle = build_circuit(rng, bits, kinds, want)
            # no two gates of a layer computing the same thing from the same signals
            same = {(g["layer"], g["type"], tuple(sorted(g["inputs"]))) for g in puzzle["gates"]}
            if len(same) == len(puzzle["gates"]) and CircuitLayout(puzzle).routed:
                return puzzle

    def solve(self, puzzle, params):
        values = evaluate(puzzle)
        return {"output": values[puzzle["output"]], "values": values,
                "order": [g["id"] for g in puzzle["gates"]]}  # fmt: skip

    def check(self, puzzle, answer, params):
        values = {n["name"]: n["value"] for n in puzzle["inputs"]}
        require(all(v in (0, 1) for v in values.values()), "an input is not a bit")
        for g in puzzle["gates"]:
            require(g["type"] in GATES, f"unknown gate type {g['type']}")
            require(len(g["inputs"]) == (1 if g["type"] == "NOT" else 2),
                    f"{g['id']} has the wrong number of inputs")  # fmt: skip
            require(all(i in values for i in g["inputs"]), f"{g['id']} reads an unknown signal")
            a = [values[i] for i in g["inputs"]]
            if g["type"] == "NOT":
                v = 1 - a[0]
            elif g["type"] == "AND":
                v = a[0] & a[1]
            elif g["type"] == "OR":
                v = a[0] | a[1]
            elif g["type"] == "XOR":
                v = a[0] ^ a[1]
            else:  # NAND
                v = 1 - (a[0] & a[1])
            values[g["id"]] = v
        require(answer["values"] == values, "a signal value is wrong")
        require(answer["output"] == values[puzzle["output"]], "the output value is wrong")
        require(sorted(answer["order"]) == sorted(g["id"] for g in puzzle["gates"]),
                "the propagation order does not visit every gate once")  # fmt: skip
        seen = {n["name"] for n in puzzle["inputs"]}
        by_id = {g["id"]: g for g in puzzle["gates"]}
        for gid in answer["order"]:
            require(all(i in seen for i in by_id[gid]["inputs"]),
                    f"{gid} is evaluated before its inputs")  # fmt: skip
            seen.add(gid)

    def prompt(self, puzzle, params):
        n, g = len(puzzle["inputs"]), len(puzzle["gates"])
        names = ", ".join(x["name"] for x in puzzle["inputs"])
        used = [t for t in TYPES if any(x["type"] == t for x in puzzle["gates"])]
        kinds = used[0] if len(used) == 1 else ", ".join(used[:-1]) + " or " + used[-1]
        return (
            f"The image shows a logic circuit drawn left to right: {n} input bits ({names}) in "
            f"circles on the left, {g} gate{'s' if g > 1 else ''} drawn as boxes labelled "
            f"{kinds}, and an output circle marked '?' on the right. Signals flow along the "
            "black wires from left to right; a dot marks where a wire branches, and wires that "
            "cross without a dot are not connected. Each gate's value is shown under its label "
            "once it is known. "
            "Evaluate the circuit gate by gate: as each gate is computed, show its value (1 or 0) "
            "in the box and colour its wires green for 1 and grey for 0, starting with the "
            "input wires. The circuit layout, labels and input values stay unchanged. The video "
            "ends when the output circle shows the circuit's output value."
        )

    def rubric(self, puzzle, answer, params):
        values = answer["values"]
        shown = ", ".join(f"{x['name']}={x['value']}" for x in puzzle["inputs"])
        ones = sum(values[g["id"]] for g in puzzle["gates"])
        return "\n".join([
            f"1. The inputs stay {shown}; gates, labels and wiring do not change.",
            "2. Signals are propagated left to right, one gate at a time; a gate's value "
            "appears only after the values on its input wires are shown.",
            "3. Every wire ends green if it carries 1 and grey if it carries 0.",
            f"4. In the final frame {ones} of the {len(puzzle['gates'])} gates show 1 and the "
            "rest show 0.",
            f"5. The output circle ends showing {answer['output']}.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        layout = CircuitLayout(puzzle)
        values = answer["values"]
        board = film.canvas()
        layout.draw_all(board, {})
        film.opening(board)
        known = {n["name"]: n["value"] for n in puzzle["inputs"]}
        for name in known:
            layout.light_wires_from(board, name, known[name])
        layout.redraw_nodes(board, known)
        film.hold(board, 0.6)
        by_id = {g["id"]: g for g in puzzle["gates"]}
        per_gate = min(0.7, 4.0 / len(answer["order"]))
        for gid in answer["order"]:
            frame = board.copy()
            layout.gate_box(frame, by_id[gid], None, highlight=True)
            film.add(frame, film.seconds(per_gate * 0.5))
            known[gid] = values[gid]
            layout.light_wires_from(board, gid, values[gid])
            layout.redraw_nodes(board, known)
            if gid != answer["order"][-1]:  # the last result is held by the closing hold
                film.add(board, film.seconds(per_gate * 0.5))
        film.closing(board)


M = 16.0  # nearest a wire may pass a corner or junction of another signal's wire
NO_ROUTE = 10**6


class Net:
    """One signal's wires across one gap: a horizontal from its source to a vertical trunk,
    and a horizontal from the trunk to each pin it feeds (ys: every y on the trunk)."""

    def __init__(self, name: str, src: tuple[float, float], pins: list[tuple[float, float]]):
        self.name, self.src, self.pins = name, src, pins
        self.ys = sorted({src[1], *(p[1] for p in pins)})
        self.lo, self.hi = self.ys[0], self.ys[-1]
        self.x = 0.0

    def crossings_left_of(self, other: Net) -> int:
        """Wire crossings when this trunk is left of `other`'s, or NO_ROUTE when a wire would
        run along the other's or touch one of its corners or junctions."""
        count = 0
        # this net's pin wires run right past the other's trunk; its source wire runs left
        for y, trunk in [*((p[1], other) for p in self.pins), (other.src[1], self)]:
            if any(abs(y - v) < M for v in trunk.ys):
                return NO_ROUTE
            count += trunk.lo < y < trunk.hi
        return count

    def junctions(self) -> list[tuple[float, float]]:
        """Points where three or more of this net's wires meet: drawn as dots."""
        out = []
        for y in self.ys:
            meet = (y == self.src[1]) + any(p[1] == y for p in self.pins)
            meet += (y > self.lo) + (y < self.hi)
            if meet >= 3:
                out.append((self.x, y))
        return out

    def polylines(self) -> list[list[tuple[float, float]]]:
        lines = []
        for p in self.pins:
            pts = [self.src, (self.x, self.src[1]), (self.x, p[1]), p]
            lines.append([q for i, q in enumerate(pts) if i == 0 or q != pts[i - 1]])
        return lines


def order_trunks(nets: list[Net], left: float, right: float) -> bool:
    """Place the trunks on evenly spaced verticals between `left` and `right`, in the order
    with the fewest crossings and no wire touching another signal's; False if none exists."""
    cost = {(a, b): nets[a].crossings_left_of(nets[b])
            for a in range(len(nets)) for b in range(len(nets)) if a != b}  # fmt: skip
    best, order = NO_ROUTE, None
    for perm in itertools.permutations(range(len(nets))):
        total = sum(
            cost[perm[i], perm[j]] for i in range(len(perm)) for j in range(i + 1, len(perm))
        )
        if total < best:
            best, order = total, perm
    if order is None:
        return False
    step = (right - left) / max(1, len(nets) - 1)
    for i, k in enumerate(order):
        nets[k].x = (left + right) / 2 if len(nets) == 1 else left + i * step
    return True


class CircuitLayout:
    """Positions of every node, pin and wire, and how to draw them. Wires run horizontally
    and vertically only; each signal has one vertical trunk per gap, and a dot marks each
    branch point, so no drawn junction is ambiguous."""

    def __init__(self, puzzle: dict):
        self.puzzle = puzzle
        self.gates = puzzle["gates"]
        depth = max(g["layer"] for g in self.gates)
        self.w, self.h = 128.0, 104.0
        ins = puzzle["inputs"]
        columns = [[n["name"] for n in ins]]
        columns += [[g["id"] for g in self.gates if g["layer"] == k] for k in range(1, depth + 1)]
        # gaps between columns get room by the number of signals crossing them
        weights = [len(c) + 1.2 for c in columns[:-1]] + [2.2]
        free = (OUT_X - OUT_R) - (IN_X + IN_R) - depth * self.w
        gaps = [free * w / sum(weights) for w in weights]
        self.pos: dict[str, tuple[float, float]] = {}
        for i, name in enumerate(columns[0]):
            self.pos[name] = (IN_X, column_y(i, len(ins)))
        x = IN_X + IN_R
        for k, column in enumerate(columns[1:]):
            x += gaps[k] + self.w / 2
            for i, gid in enumerate(column):
                self.pos[gid] = (x, column_y(i, len(column)))
            x += self.w / 2
        self.out_y = self.pos[puzzle["output"]][1]
        self.routed = True
        self.nets: list[Net] = []
        for k, column in enumerate(columns[:-1]):
            readers = [g for g in self.gates if g["layer"] == k + 1]
            nets = [Net(name, self.out_point(name),
                        [self.pin(g, pin) for g in readers for pin, s in enumerate(g["inputs"])
                         if s == name]) for name in column]  # fmt: skip
            left, right = nets[0].src[0], nets[0].pins[0][0]
            self.routed &= order_trunks(nets, left + 22, right - 22)
            self.nets += nets
        out = Net(puzzle["output"], self.out_point(puzzle["output"]), [(OUT_X - OUT_R, self.out_y)])
        out.x = out.src[0]  # a straight wire to the output circle
        self.nets.append(out)

    def out_point(self, name: str) -> tuple[float, float]:
        x, y = self.pos[name]
        return (x + (IN_R if name.isalpha() and len(name) == 1 else self.w / 2), y)

    def pin(self, gate: dict, pin: int) -> tuple[float, float]:
        gx, gy = self.pos[gate["id"]]
        return (gx - self.w / 2, gy if gate["type"] == "NOT" else gy + (pin - 0.5) * 44)

    def draw_all(self, canvas: Canvas, known: dict) -> None:
        for net in self.nets:
            self.draw_net(canvas, net, INK, 5)
        self.redraw_nodes(canvas, known)

    def light_wires_from(self, canvas: Canvas, name: str, value: int) -> None:
        for net in self.nets:
            if net.name == name:
                self.draw_net(canvas, net, ONE if value else ZERO, 8)

    def draw_net(self, canvas: Canvas, net: Net, color, width: float) -> None:
        for pts in net.polylines():
            canvas.line(pts, fill=color, width=width)
        for p in net.junctions():
            canvas.dot(p, 9.0 if width < 8 else 11.0, fill=color)

    def redraw_nodes(self, canvas: Canvas, known: dict) -> None:
        for n in self.puzzle["inputs"]:
            x, y = self.pos[n["name"]]
            canvas.text(x - IN_R - 14, y, n["name"], size=44, anchor="rm", bold=True)
            canvas.circle(x, y, IN_R, fill=lighten(ONE if n["value"] else ZERO, 0.7),
                          outline=INK, width=5)  # fmt: skip
            canvas.text(x, y, str(n["value"]), size=44, bold=True)
        for g in self.gates:
            self.gate_box(canvas, g, known.get(g["id"]))
        out = known.get(self.puzzle["output"])
        fill = (255, 255, 255) if out is None else lighten(ONE if out else ZERO, 0.7)
        canvas.circle(OUT_X, self.out_y, OUT_R, fill=fill, outline=INK, width=5)
        canvas.text(OUT_X, self.out_y, "?" if out is None else str(out), size=48, bold=True)
        canvas.text(OUT_X, self.out_y - OUT_R - 30, "OUT", size=40, bold=True)

    def gate_box(self, canvas: Canvas, gate: dict, value, highlight: bool = False) -> None:
        x, y = self.pos[gate["id"]]
        if highlight:
            fill = lighten(HIGHLIGHT, 0.3)
        elif value is None:
            fill = (255, 255, 255)
        else:
            fill = lighten(ONE if value else ZERO, 0.75)
        canvas.rect(x - self.w / 2, y - self.h / 2, x + self.w / 2, y + self.h / 2, fill=fill,
                    outline=HIGHLIGHT if highlight else INK, width=8 if highlight else 5,
                    radius=14)  # fmt: skip
        canvas.text(x, y - 22, gate["type"], size=36, bold=True)
        canvas.text(x, y + 25, "?" if value is None else str(value), size=40,
                    fill=MUTED if value is None else INK, bold=value is not None)  # fmt: skip


def column_y(i: int, count: int) -> float:
    """Centre of node i of a column of `count` nodes, spread over the drawing height."""
    step = min((BOTTOM - TOP) / count, 210)
    top = (TOP + BOTTOM) / 2 - step * count / 2
    return top + (i + 0.5) * step
