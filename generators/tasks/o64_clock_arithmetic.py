"""Clock arithmetic: an analogue clock and "N hours M minutes later"; the hands sweep forward."""

from __future__ import annotations

import math

from generators.kit import (
    FAINT,
    INK,
    MUTED,
    NAMED,
    Canvas,
    CheckFailed,
    Param,
    Task,
    distinct,
    easing,
    register,
    require,
)

CX, CY, RADIUS = 500, 520, 320
MINUTE_HAND = NAMED["blue"]
ANSWER = NAMED["blue"]
DAY = 12 * 60  # an analogue clock repeats every 12 hours
HOUR_LENGTH, MINUTE_LENGTH = RADIUS * 0.42, RADIUS * 0.64


def clock_text(total: int) -> str:
    """hh:mm on a 12-hour dial (hours 01..12) for minutes after 12:00."""
    total %= DAY
    hour = total // 60 or 12
    return f"{hour:02d}:{total % 60:02d}"


def parse_clock(text: str) -> int:
    """Minutes after 12:00 for an hh:mm reading with hours 1..12; ValueError otherwise."""
    hh, sep, mm = text.partition(":")
    if not sep or len(mm) != 2 or not hh.isdigit() or not mm.isdigit():
        raise ValueError(text)
    h, m = int(hh), int(mm)
    if not (1 <= h <= 12 and 0 <= m <= 59):
        raise ValueError(text)
    return (h % 12) * 60 + m


def scramble(v: int) -> int:
    """A fixed non-linear integer hash (for mixing instance numbers)."""
    return (v * v * 1103515245 + v * 12345 + 2654435761) % 2**31


def duration_words(hours: int, minutes: int) -> str:
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours != 1 else ""))
    if minutes:
        parts.append(f"{minutes} minute" + ("s" if minutes != 1 else ""))
    return " ".join(parts)


@register(
    "O-64_clock_arithmetic",
    title="Clock arithmetic",
    description="Read an analogue clock, turn it N hours M minutes later or earlier; give hh:mm.",
    category="counting-math",
    params=[
        Param("minute_step", "int", 1, choices=(1, 5, 15),
              help="start time and added minutes are multiples of this"),
        Param("max_hours", "int", 2, 0, 12, help="largest number of whole hours moved"),
        Param("direction", "str", "both", choices=("later", "earlier", "both"),
              help="move the clock forward, backward, or either"),
        Param("numerals", "str", "both", choices=("arabic", "roman", "both"),
              help="dial numbers 1-12 or I-XII"),
    ],
    shard_size=50,
    memory="low",
    # default params: 720 start times x 179 non-zero durations x 2 directions x 2 dials
    instances=720 * 179 * 2 * 2,
    faculty="knowledge",
    levels={
        1: {"minute_step": 15, "max_hours": 1, "direction": "later", "numerals": "arabic"},
        2: {"minute_step": 5, "max_hours": 1, "direction": "both", "numerals": "arabic"},
        3: {"minute_step": 1, "max_hours": 2, "direction": "both", "numerals": "both"},
        4: {"minute_step": 1, "max_hours": 3, "direction": "both", "numerals": "roman"},
        5: {"minute_step": 1, "max_hours": 4, "direction": "both", "numerals": "roman"},
    },
)  # fmt: skip
class ClockArithmetic(Task):
    def generate(self, rng, params):
        """Instance number -> (start, duration, direction, dial); `distinct` keeps the first
        samples of a seed all different."""
        step, max_h = params["minute_step"], params["max_hours"]
        directions = (
            ("later", "earlier") if params["direction"] == "both" else (params["direction"],)
        )
        dials = ("arabic", "roman") if params["numerals"] == "both" else (params["numerals"],)
        starts = DAY // step
        durations = (max_h + 1) * (60 // step) - 1  # every (hours, minutes) but 0 h 0 min
        x = distinct(rng, starts * durations * len(directions) * len(dials))
        x, start = divmod(x, starts)
        x, duration = divmod(x, durations)
        x, d = divmod(x, len(directions))
        # two Feistel-style rounds keep the map one-to-one but break the arithmetic
        # progression that consecutive indices would otherwise show
        start = (start + scramble(duration * 4 + d * 2 + x)) % starts
        duration = (duration + scramble(start)) % durations
        hours, minutes = divmod((duration + 1) * step, 60)
        return {
            "start": clock_text(start * step),
            "hours": hours,
            "minutes": minutes,
            "direction": directions[d],
            "numerals": dials[x],
        }

    def solve(self, puzzle, params):
        start = parse_clock(puzzle["start"])
        moved = puzzle["hours"] * 60 + puzzle["minutes"]
        sign = 1 if puzzle["direction"] == "later" else -1
        return {"time": clock_text(start + sign * moved), "moved_minutes": sign * moved}

    def check(self, puzzle, answer, params):
        try:
            start = parse_clock(puzzle["start"])
            end = parse_clock(answer["time"])
        except (ValueError, TypeError, AttributeError, KeyError):
            raise CheckFailed("time is not an hh:mm reading with hours 01..12") from None
        h, m = puzzle["hours"], puzzle["minutes"]
        require(0 <= m < 60 and h >= 0 and h * 60 + m > 0, "the duration is not positive")
        require(puzzle["direction"] in ("later", "earlier"), "unknown direction")
        step = 1 if puzzle["direction"] == "later" else -1
        require(answer["moved_minutes"] == step * (h * 60 + m), "moved minutes disagree")
        # turn the hands minute by minute: independent of the modular shortcut in solve
        hour, minute = divmod(start, 60)
        for _ in range(h * 60 + m):
            minute += step
            if minute in (60, -1):
                minute %= 60
                hour = (hour + step) % 12
        require(
            end == hour * 60 + minute, f"the clock should read {clock_text(hour * 60 + minute)}"
        )

    def prompt(self, puzzle, params):
        span = duration_words(puzzle["hours"], puzzle["minutes"])
        later = puzzle["direction"] == "later"
        numbers = "1 to 12" if puzzle["numerals"] == "arabic" else "I to XII in Roman numerals"
        return (
            f"The image shows an analogue clock with the numbers {numbers} around the dial, a "
            "short black hour hand and a long blue minute hand; the text above the clock reads "
            f"'{span} {puzzle['direction']}'. Read the time shown, then turn the clock "
            f"{'forward' if later else 'back'} by {span}: both hands turn "
            f"{'clockwise' if later else 'counter-clockwise'} together as on a real clock, the "
            "minute hand making one full turn per hour and the hour hand one twelfth of a turn "
            "per hour, turning smoothly at a steady pace; the dial, its numbers and the text "
            "stay unchanged. The video ends "
            "when the hands show the new time and the new time is written below the clock in "
            "blue as hh:mm (12-hour clock, hours 01 to 12)."
        )

    def rubric(self, puzzle, answer, params):
        span = duration_words(puzzle["hours"], puzzle["minutes"])
        minutes = abs(answer["moved_minutes"])
        way = "clockwise" if puzzle["direction"] == "later" else "counter-clockwise"
        return "\n".join([
            f"1. The first frame shows the clock at {puzzle['start']} and the text "
            f"'{span} {puzzle['direction']}'.",
            f"2. Both hands turn {way} only; the minute hand sweeps {minutes} minutes of the "
            f"dial in total ({minutes * 6} degrees).",
            "3. The hour hand moves together with the minute hand (it never jumps).",
            f"4. The final frame shows the hands at {answer['time']} and the text "
            f"{answer['time']} below the clock.",
            "5. The dial, its numbers and the question text do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        span = duration_words(puzzle["hours"], puzzle["minutes"])
        base.text(500, 105, f"{span} {puzzle['direction']}", size=60, bold=True)
        draw_dial(base, puzzle["numerals"])
        start, moved = parse_clock(puzzle["start"]), answer["moved_minutes"]

        first = base.copy()
        draw_hands(first, start)
        film.opening(first)
        # the minute hand's tip glides: never more than GLIDE_SPEED / fps units in one frame
        sweep = math.radians(abs(moved) * 6) * MINUTE_LENGTH
        n = film.seconds(easing.glide_seconds(sweep))
        for t in easing.steps(n, easing.cruise):
            frame = base.copy()
            draw_hands(frame, start + moved * t)
            film.add(frame)
        final = base.copy()
        draw_hands(final, start + moved)
        final.text(500, 920, answer["time"], size=64, fill=ANSWER, bold=True)
        film.closing(final)


ROMAN = ("XII", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")


def draw_dial(canvas: Canvas, numerals: str) -> None:
    canvas.circle(CX, CY, RADIUS, fill=(255, 255, 255), outline=INK, width=10)
    for i in range(60):
        a = math.radians(i * 6)
        outer = RADIUS - 18
        inner = outer - (34 if i % 5 == 0 else 14)
        canvas.line(
            [(CX + inner * math.sin(a), CY - inner * math.cos(a)),
             (CX + outer * math.sin(a), CY - outer * math.cos(a))],
            fill=INK if i % 5 == 0 else MUTED, width=7 if i % 5 == 0 else 3,
        )  # fmt: skip
    for n in range(1, 13):
        a = math.radians(n * 30)
        if numerals == "roman":
            r = RADIUS - 92
            label, size = ROMAN[n % 12], 50
        else:
            r = RADIUS - 82
            label, size = str(n), 58
        canvas.text(CX + r * math.sin(a), CY - r * math.cos(a), label, size=size, bold=True)
    canvas.circle(CX, CY, RADIUS - 4, outline=FAINT, width=3)


def hand(canvas: Canvas, angle_deg: float, length: float, width: float, color) -> None:
    a = math.radians(angle_deg)
    dx, dy = math.sin(a), -math.cos(a)
    px, py = -dy * width / 2, dx * width / 2
    tail = 40
    tip = (CX + dx * length, CY + dy * length)
    pts = [
        (CX - dx * tail + px, CY - dy * tail + py),
        (CX + dx * length * 0.86 + px * 0.8, CY + dy * length * 0.86 + py * 0.8),
        tip,
        (CX + dx * length * 0.86 - px * 0.8, CY + dy * length * 0.86 - py * 0.8),
        (CX - dx * tail - px, CY - dy * tail - py),
    ]
    canvas.polygon(pts, fill=color)


def draw_hands(canvas: Canvas, minutes: float) -> None:
    """Both hands for a (possibly fractional) number of minutes after 12:00."""
    hand(canvas, (minutes % DAY) * 0.5, HOUR_LENGTH, 30, INK)
    hand(canvas, (minutes % 60) * 6, MINUTE_LENGTH, 18, MINUTE_HAND)
    canvas.circle(CX, CY, 24, fill=INK)
