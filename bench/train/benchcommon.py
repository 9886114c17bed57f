"""Thread settings and machine description shared by bench/train's peers.

Import this module (and call set_threads()) before NumPy, PyTorch or scikit-learn:
the BLAS and OpenMP libraries read their thread counts when they load.
HX_NUM_THREADS, the variable hastec's runtime reads, sets every peer's thread
count; unset means all the CPUs this process may run on, as for hastec.
"""
import json
import os
import platform
import statistics


def set_threads():
    """Reads HX_NUM_THREADS (default: usable CPUs), exports it to OpenMP/BLAS, returns it."""
    raw = os.environ.get("HX_NUM_THREADS", "").strip()
    if raw:
        try:
            n = int(raw)
        except ValueError:
            raise SystemExit(f"HX_NUM_THREADS={raw!r} is not an integer")
        if n < 1:
            raise SystemExit(f"HX_NUM_THREADS={raw!r} must be at least 1")
    else:
        n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(n)
    return n


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(threads):
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "threads": threads,
        "threads_from": "HX_NUM_THREADS" if os.environ.get("HX_NUM_THREADS") else "default (all CPUs)",
        "python": platform.python_version(),
        "loadavg": [round(x, 2) for x in load],
    }


def summary(times_s):
    """min / median / max of a list of seconds, in milliseconds."""
    ms = [1e3 * t for t in times_s]
    return {"min_ms": min(ms), "median_ms": statistics.median(ms), "max_ms": max(ms), "n": len(ms)}


def emit(result):
    """The one machine-readable line bench/train/run.sh reads."""
    print("JSON " + json.dumps(result, sort_keys=True), flush=True)
