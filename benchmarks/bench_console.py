"""The console's first paint, stack-ready, screen-switch and quit times, measured as an
operator sees them: `vmwheel` typed into a tmux pane, the pane read back until the text
appears. Prints medians (and the slowest run). Not a test: figures depend on the machine;
"first paint cpu" (the CPU the console used until then) is what the first paint takes on
an idle machine, whatever else runs meanwhile; "screen ... cpu" the same for a switch
(a first, cold visit composes the screen; a warm one only shows it again).

    uv run python benchmarks/bench_console.py --runs 5
    uv run python benchmarks/bench_console.py --runs 5 --attach   # a stack already runs

Each run starts in a fresh folder, so the console starts its own embedded stack (or, with
--attach, finds one started beforehand); after quitting, the run waits for that stack to
finish stopping before the next one starts. Python may cache bytecode (as on any installed
setup, even where the environment says otherwise), and a first run that is not counted
writes that cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = "VM Data Wheel"
READY = "vmwheel-tasks"  # the header names the queue once the stack is up
EXITED = "__console_exited__"
# key -> text only that screen shows
SCREENS = {
    "F2": "name, any form",
    "F3": "ctrl+s submits",
    "F4": "and its DLQ",
    "F6": "dead letters on",
    "F7": "here, nothing queued",
    "F8": "› generator › sample",
    "F1": "Newest jobs",
}


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, text: str, since: float, timeout: float = 120.0) -> float:
    """Seconds from `since` until `text` is on the pane."""
    while True:
        if text in screen(session):
            return time.perf_counter() - since
        if time.perf_counter() - since > timeout:
            raise TimeoutError(f"{text!r} did not appear within {timeout:g} s; the pane:\n"
                               + screen(session))  # fmt: skip
        time.sleep(0.01)


def console_cpu(session: str) -> float | None:
    """CPU seconds (user + system) the console's process has used so far: on a busy
    machine, what its wall time would be on an idle one (it works on one core)."""
    shell = tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip()
    try:
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        fields = Path(f"/proc/{children[0]}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_stack_gone(folder: Path, timeout: float = 120.0) -> None:
    state = folder / "vmwheel-data" / ".local-stack.json"
    end = time.monotonic() + timeout
    while state.exists() and time.monotonic() < end:
        time.sleep(0.2)


def one_run(vmwheel: str, size: tuple[int, int], attach: bool, run: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="vmwheel-bench-"))
    session = f"vmwheel-bench-{os.getpid()}-{run}"
    stack = None
    out: dict[str, float] = {}
    try:
        if attach:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            stack = subprocess.Popen([vmwheel, "local", "--workers", "1", "--json"], cwd=folder,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     env=env)  # fmt: skip
            stack.stdout.readline()  # it runs
        tmux("new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]),
             "-c", str(folder))  # fmt: skip
        time.sleep(0.5)  # the shell is up
        t0 = time.perf_counter()
        tmux("send-keys", "-t", session,
             f"clear; env -u PYTHONDONTWRITEBYTECODE {vmwheel}; echo {EXITED}", "Enter")  # fmt: skip
        out["first paint"] = wait_for(session, HEADER, t0)
        cpu = console_cpu(session)
        if cpu is not None:
            out["first paint cpu"] = cpu
        out["stack ready"] = wait_for(session, READY, t0)
        time.sleep(1.0)  # idle again
        for visit in ("cold", "warm"):
            for key, text in SCREENS.items():
                before = console_cpu(session)
                t = time.perf_counter()
                tmux("send-keys", "-t", session, key)
                out[f"switch {visit} {key}"] = wait_for(session, text, t, timeout=30)
                after = console_cpu(session)
                if before is not None and after is not None:
                    out[f"switch-cpu {visit} {key}"] = after - before
                time.sleep(0.3)
        t = time.perf_counter()
        tmux("send-keys", "-t", session, "C-q")
        out["quit"] = wait_for(session, EXITED, t)
    finally:
        if "quit" not in out:  # it went wrong: close the console as an operator would
            tmux("send-keys", "-t", session, "C-q")
            time.sleep(2.0)
        tmux("kill-session", "-t", session)
        if stack is not None:
            stack.terminate()
            stack.wait(timeout=120)
        wait_stack_gone(folder)
        shutil.rmtree(folder, ignore_errors=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warm-up", type=int, default=1, help="runs first, not counted")
    parser.add_argument("--size", default="120x40", help="terminal size, COLSxROWS")
    parser.add_argument("--attach", action="store_true",
                        help="a local stack runs before the console starts")  # fmt: skip
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is needed", file=sys.stderr)
        return 2
    vmwheel = str(Path(sys.executable).with_name("vmwheel"))
    size = tuple(int(x) for x in args.size.split("x"))
    for i in range(args.warm_up):
        one_run(vmwheel, size, args.attach, -1 - i)
    runs = []
    for i in range(args.runs):
        runs.append(one_run(vmwheel, size, args.attach, i))
        print(f"run {i + 1}: first paint {runs[-1]['first paint']:.2f} s, quit "
              f"{runs[-1]['quit']:.2f} s", file=sys.stderr, flush=True)  # fmt: skip
    print(
        f"{len(runs)} runs at {args.size}, "
        + ("attaching to a running stack" if args.attach else "starting the stack")
    )
    print(f"{'figure':<20} {'median s':>9} {'slowest s':>10}")
    keys = list(runs[0])
    switches: dict[str, list[float]] = {}
    for key in keys:
        values = [r[key] for r in runs if key in r]
        if key.startswith("switch"):
            kind, visit, _ = key.split()
            label = f"screen {visit}" + (" cpu" if kind == "switch-cpu" else "")
            switches.setdefault(label, []).extend(values)
            continue
        print(f"{key:<20} {statistics.median(values):>9.2f} {max(values):>10.2f}")
    for label, values in switches.items():
        print(f"{label:<20} {statistics.median(values):>9.2f} {max(values):>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
