"""A sample process: builds samples on request, speaking JSON lines over stdin/stdout.

    python -m lambda_src.sample_child GENERATOR

The parent (lambda_src.runner) starts one per CPU. The protocol runs on the process's
original stdout; before any generator code runs, fd 1 is pointed at fd 2 so whatever the
generator (or its ffmpeg) prints lands in the captured log the parent reads for failure
records, never in the protocol.

    child -> {"ready": true, "pid": N}
    parent -> {"index": i, "seed": s, "params": {...}, "out_dir": "..."}
    child -> {"index": i, "ok": true, "sample_id", "files", "frame_count", "param_hash",
              "elapsed_s"}
           | {"index": i, "ok": false, "permanent": bool, "error_type", "error",
              "traceback", "elapsed_s"}

EOF on stdin ends the process. A sample that raises is reported; a sample that kills or
hangs the process is the parent's to notice.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback

# environmental failures (disk full, out of memory, broken pipe to a killed encoder)
# can pass on retry; anything else a generator raises is its bug and repeats
TRANSIENT = (OSError, MemoryError)


def main(argv: list[str]) -> int:
    proto = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = os.fdopen(1, "w", buffering=1, encoding="utf-8", closefd=False)

    def send(msg: dict) -> None:
        proto.write(json.dumps(msg) + "\n")
        proto.flush()

    from generators.registry import get_spec
    from generators.sample import build_sample

    generator = argv[0]
    get_spec(generator)  # import the generator's module before saying ready
    send({"ready": True, "pid": os.getpid()})
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        index = req["index"]
        t0 = time.monotonic()
        try:
            res = build_sample(generator, req["seed"], index, req["params"], req["out_dir"])
        except Exception as e:
            sys.stdout.flush()
            sys.stderr.flush()
            send({"index": index, "ok": False, "permanent": not isinstance(e, TRANSIENT),
                  "error_type": type(e).__name__, "error": str(e) or repr(e),
                  "traceback": traceback.format_exc(), "elapsed_s": time.monotonic() - t0})  # fmt: skip
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        send({"index": index, "ok": True, "sample_id": res.sample_id, "files": list(res.files),
              "frame_count": res.frame_count, "param_hash": res.param_hash,
              "folder": str(res.folder), "elapsed_s": time.monotonic() - t0})  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
