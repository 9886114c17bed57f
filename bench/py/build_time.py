#!/usr/bin/env python3
"""Wall-clock time of `hastec build FILE -o TMP/libX.so`, whole process, per file.

    build_time.py HASTEC OUTDIR RUNS FILE...

Prints one JSON line per file: {"bench": "build", "impl": "<file name>",
"n": 0, "min_s", "median_s", "reps"} or {"bench": "build", "impl", "error"}
with the compiler's first error line. Runs each build once untimed first
(file cache, dynamic loader), then RUNS timed builds.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def main():
    hastec, outdir, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(outdir, exist_ok=True)
    for path in sys.argv[4:]:
        name = os.path.basename(path)
        stem = name[:-3] if name.endswith(".hx") else name
        cmd = [hastec, "build", path, "-o", os.path.join(outdir, f"lib{stem}.so")]
        times, err = [], None
        for i in range(runs + 1):
            t0 = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
            dt = time.perf_counter() - t0
            if p.returncode != 0:
                lines = [l for l in p.stderr.splitlines() if "error" in l] or p.stderr.splitlines() or ["?"]
                err = f"n/a (build failed: {lines[0].strip()})"
                break
            if i:
                times.append(dt)
        rec = {"bench": "build", "impl": name, "n": 0}
        if err:
            rec["error"] = err
        else:
            rec.update(min_s=min(times), median_s=statistics.median(times), reps=len(times))
        print(json.dumps(rec), flush=True)


if __name__ == "__main__":
    main()
