"""Mirrored clock: read the real time from an analogue clock seen in a mirror.

The puzzle holds what the picture shows: the angles of the two hands in the mirror image
and which way the mirror flips it. The solver un-mirrors the angles; the checker goes the
other way, drawing the answer's hands and mirroring them. The video flips the clock back
like a turning card and writes the real time under it.
"""

from __future__ import annotations

import math

from PIL import Image

from generators.kit import INK, MUTED, NAMED, Canvas, Param, Task, easing, pick, register, require

MIRRORS = ("left-right", "top-bottom")
NUMERALS = ("arabic", "roman", "ticks")
HAND_COLORS = ("black", "blue", "red", "green", "purple")
RIM_COLORS = ("gray", "brown", "blue", "green", "purple", "orange")
FACE_TINTS = ("white", "cream", "blue", "green")
FACE_RGB = {"white": (255, 255, 255), "cream": (252, 244, 222), "blue": (232, 242, 252),
            "green": (234, 246, 234)}  # fmt: skip
ROMAN = ("XII", "I", "II", "III", "IIII", "V", "VI", "VII", "VIII", "IX", "X", "XI")
RADII = tuple(range(280, 341, 10))
CX, CY = 500.0, 500.0
GLASS = (226, 234, 240)


def rgb(name: str):
    return INK if name == "black" else NAMED[name]


def hand_angles(hour: int, minute: int) -> tuple[float, float]:
    """(hour hand, minute hand) in degrees clockwise from 12 on a real clock."""
    return (30.0 * (hour % 12) + 0.5 * minute, 6.0 * minute)


def reflect(angle: float, mirror: str) -> float:
    """Where a hand at `angle` appears in the mirror image."""
    return (360.0 - angle) % 360.0 if mirror == "left-right" else (180.0 - angle) % 360.0


def clock_time(hour_angle: float, minute_angle: float) -> tuple[int, int]:
    """The reading of a clock whose hands point at these angles."""
    minute = round(minute_angle / 6.0) % 60
    hour = round((hour_angle - 0.5 * minute) / 30.0) % 12
    return (hour or 12, minute)


def naive_reading(hour_angle: float, minute_angle: float) -> tuple[int, int]:
    """What a reader says for these hands: the hour the hour hand has passed, and the minute."""
    return (int(hour_angle // 30.0) % 12 or 12, round(minute_angle / 6.0) % 60)


def fmt(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def draw_clock(canvas: Canvas, puzzle: dict, hour: int, minute: int) -> None:
    """A real (unmirrored) clock face showing hour:minute."""
    r = puzzle["radius"]
    canvas.circle(CX, CY, r, fill=FACE_RGB[puzzle["face"]], outline=rgb(puzzle["rim"]), width=20)
    for k in range(60):
        a = math.radians(6 * k)
        major = k % 5 == 0
        r0 = r * (0.84 if major else 0.9)
        p0 = (CX + r0 * math.sin(a), CY - r0 * math.cos(a))
        p1 = (CX + 0.95 * r * math.sin(a), CY - 0.95 * r * math.cos(a))
        canvas.line([p0, p1], fill=INK if major else MUTED, width=9 if major else 3)
    if puzzle["numerals"] != "ticks":
        labels = ROMAN if puzzle["numerals"] == "roman" else ("12", *map(str, range(1, 12)))
        size = max(42.0, r * (0.15 if puzzle["numerals"] == "roman" else 0.17))
        for k, label in enumerate(labels):
            a = math.radians(30 * k)
            rr = r * 0.68
            canvas.text(CX + rr * math.sin(a), CY - rr * math.cos(a), label, size=size, bold=True)
    ha, ma = hand_angles(hour, minute)
    color = rgb(puzzle["hands"])
    for angle, length, width in ((ha, 0.5, 0.075), (ma, 0.8, 0.04)):
        a = math.radians(angle)
        tip = (CX + length * r * math.sin(a), CY - length * r * math.cos(a))
        tail = (CX - 0.08 * r * math.sin(a), CY + 0.08 * r * math.cos(a))
        canvas.line([tail, tip], fill=color, width=width * r)
    canvas.circle(CX, CY, 0.06 * r, fill=color)


@register(
    "O-59_mirrored_clock",
    title="Mirrored clock",
    description="An analogue clock seen in a mirror: tell the real time (hh:mm).",
    category="spatial-visual",
    params=[
        Param("minute_step", "int", 5, choices=(1, 5, 15),
              help="the real time is a multiple of this many minutes"),
        Param("mirror", "str", "mixed", choices=("mixed", *MIRRORS),
              help="left-right (a wall mirror) or top-bottom (a mirror below the clock)"),
    ],
    shard_size=60,
    memory="low",
    instances=2 * 720 - 4,
)  # fmt: skip
class MirroredClock(Task):
    def generate(self, rng, params):
        step = params["minute_step"]
        while True:
            hour = int(rng.integers(1, 13))
            minute = step * int(rng.integers(0, 60 // step))
            mirror = params["mirror"]
            if mirror == "mixed":
                mirror = pick(rng, MIRRORS)
            ha, ma = hand_angles(hour, minute)
            shown_h, shown_m = reflect(ha, mirror), reflect(ma, mirror)
            if clock_time(shown_h, shown_m) == (hour, minute):
                continue  # the mirror image would read the same as the clock
            return {
                "mirror": mirror,
                "shown_hour_angle": shown_h,
                "shown_minute_angle": shown_m,
                "numerals": pick(rng, NUMERALS),
                "hands": pick(rng, HAND_COLORS),
                "rim": pick(rng, RIM_COLORS),
                "face": pick(rng, FACE_TINTS),
                "radius": pick(rng, RADII),
            }

    def solve(self, puzzle, params):
        mirror = puzzle["mirror"]
        hour, minute = clock_time(reflect(puzzle["shown_hour_angle"], mirror),
                                  reflect(puzzle["shown_minute_angle"], mirror))  # fmt: skip
        naive = naive_reading(puzzle["shown_hour_angle"], puzzle["shown_minute_angle"])
        return {"time": fmt(hour, minute), "hour": hour, "minute": minute,
                "mirror_reading": fmt(*naive)}  # fmt: skip

    def check(self, puzzle, answer, params):
        text = answer["time"]
        require(len(text) == 5 and text[2] == ":" and text.replace(":", "").isdigit(),
                "time is not written hh:mm")  # fmt: skip
        hour, minute = int(text[:2]), int(text[3:])
        require(1 <= hour <= 12 and 0 <= minute < 60, "time is not a 12-hour clock time")
        require((answer["hour"], answer["minute"]) == (hour, minute), "fields disagree")
        # draw the answer's hands on a real clock, then see them in the mirror
        hour_hand = 30.0 * (hour % 12) + minute / 2.0
        minute_hand = 6.0 * minute
        if puzzle["mirror"] == "left-right":  # x -> -x: clockwise angle a becomes -a
            seen = (-hour_hand, -minute_hand)
        else:  # y -> -y: a becomes 180 - a
            seen = (180.0 - hour_hand, 180.0 - minute_hand)

        def same(a: float, b: float) -> bool:
            return abs((a - b + 180.0) % 360.0 - 180.0) < 0.01

        require(same(seen[0], puzzle["shown_hour_angle"]), "hour hand does not match the mirror")
        require(
            same(seen[1], puzzle["shown_minute_angle"]), "minute hand does not match the mirror"
        )
        require(minute % params["minute_step"] == 0, "minute is off the puzzle's step")

    def prompt(self, puzzle, params):
        if puzzle["mirror"] == "left-right":
            how = ("as seen in a wall mirror: the picture is flipped left to right, so the "
                   "numerals read backwards and the hands seem to turn anticlockwise")  # fmt: skip
        else:
            how = ("as seen in a mirror lying below it: the picture is flipped top to bottom, so "
                   "the numerals are upside down and reversed and 12 is at the bottom")  # fmt: skip
        face = {"arabic": "numbered 1 to 12", "roman": "with Roman numerals",
                "ticks": "with tick marks and no numerals"}[puzzle["numerals"]]  # fmt: skip
        return (
            f"The image shows an analogue clock {face}, {how}. Find the time the real clock "
            "shows. Un-mirror the clock: flip it back so that it looks like the real clock, with "
            "12 at the top, and then write the real time as hh:mm below it. The clock's size, "
            "colours and hands stay the same; only the mirror flip is undone. The video ends on "
            "the real clock with its time written underneath."
        )

    def rubric(self, puzzle, answer, params):
        hour, minute = answer["hour"], answer["minute"]
        flip = "left to right" if puzzle["mirror"] == "left-right" else "top to bottom"
        return "\n".join([
            f"1. The clock is flipped back {flip}, once, without turning: in the final frame 12 "
            "is at the top and the numerals and ticks read normally.",
            f"2. The final clock's minute hand points at {minute} minutes and its hour hand "
            f"{'at' if minute == 0 else 'just past'} the {hour}"
            f"{'' if minute == 0 else ' mark, toward the next hour'}.",
            f"3. The time written below the clock is {answer['time']} (not {answer['mirror_reading']}, "
            "which is the mirror image read as if it were a clock).",
            "4. The hands keep their lengths and colours; the clock's size and colours do not change.",
            "5. Apart from the written time, nothing is added to the picture.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        real = film.canvas()
        frame_border(real)  # under the clock, so the cut-out square carries its own backdrop
        draw_clock(real, puzzle, answer["hour"], answer["minute"])
        half = puzzle["radius"] + 20
        box = tuple(real.px(v) for v in (CX - half, CY - half, CX + half, CY + half))
        face = real.image.crop(box)
        flip = (Image.Transpose.FLIP_LEFT_RIGHT if puzzle["mirror"] == "left-right"
                else Image.Transpose.FLIP_TOP_BOTTOM)  # fmt: skip
        mirrored = face.transpose(flip)
        horizontal = puzzle["mirror"] == "left-right"
        before = film.canvas()
        frame_border(before)
        before.text(500, 85, "Seen in a mirror", size=52, bold=True)
        after = film.canvas()
        frame_border(after)
        after.text(500, 85, "The real clock", size=52, bold=True)
        first = before.copy()
        first.image.paste(mirrored, box[:2])
        film.hold(first, 1.5)
        n = film.seconds(1.2)
        w, h = face.size
        for t in easing.steps(n, easing.ease_in_out):
            squeeze = math.cos(math.pi * t)  # 1 -> 0 -> -1: the card turns over
            src, canvas = (mirrored, before) if squeeze > 0 else (face, after)
            frame = canvas.copy()
            k = abs(squeeze)
            nw, nh = (max(1, round(w * k)), h) if horizontal else (w, max(1, round(h * k)))
            if k > 0.01:
                part = src.resize((nw, nh), Image.Resampling.BILINEAR)
                frame.image.paste(part, (box[0] + (w - nw) // 2, box[1] + (h - nh) // 2))
            film.add(frame)
        done = after.copy()
        done.image.paste(face, box[:2])
        film.hold(done, 0.5)
        done = done.copy()
        done.text(500, 915, answer["time"], size=64, bold=True, fill=NAMED["blue"])
        film.hold(done, 1.8)


def frame_border(canvas: Canvas) -> None:
    """The mirror's frame: a rounded silver rectangle around the clock."""
    canvas.rect(112, 128, 888, 872, fill=GLASS, outline=MUTED, width=12, radius=30)
