#!/usr/bin/python3
"""NumPy and Numba peers of the hastec benchmarks (run with /usr/bin/python3).

    bench_py.py numpy|numba BENCH N [ARG...]

BENCH is one of map_sum N P, sum N, map_list N P (the logistic map of
samples/logistic_map.hx) or f64_sqrt|f32_sqrt|f64_affine N A B T (the chain of
bench/programs/chain*.hx). One benchmark per process, so that Numba's first
call (compilation included) is what a user meets in a fresh program.

NumPy is written the way a NumPy user writes it: whole-array operations, one
temporary array per step (nothing fused). Numba is one fused loop under
@njit(parallel=True) with prange, no fastmath.

Prints one JSON line per timing, the same format as bench/c/bench_common.h.
For Numba: impl "numba-first" (the first call: JIT compilation + run, one
sample; "import_s" is the time `import numba` took) and impl "numba" (warm calls).
Repetitions follow BENCH_REPS / BENCH_MIN_REPS / BENCH_BUDGET_S / BENCH_MAX_S as the C side.
"""
import json
import os
import statistics
import sys
import time

P_CONST = 6_700_417


def reps_policy():
    mx = max(1, int(os.environ.get("BENCH_REPS", "5")))
    mn = min(mx, max(1, int(os.environ.get("BENCH_MIN_REPS", "3"))))
    budget = float(os.environ.get("BENCH_BUDGET_S", "4"))
    max_s = float(os.environ.get("BENCH_MAX_S", "10"))
    return mn, mx, budget, max_s


def timed(fn, *args):
    mn, mx, budget, max_s = reps_policy()
    times, cpus, total, value = [], [], 0.0, None
    while len(times) < mx and not (len(times) >= 2 and total >= max_s) and (len(times) < mn or total < budget):
        c0 = time.process_time()
        t0 = time.perf_counter()
        value = fn(*args)
        dt = time.perf_counter() - t0
        cpus.append(time.process_time() - c0)
        times.append(dt)
        total += dt
        if len(times) < mx:
            value = summarize(value)  # frees a list result outside the timed region
    return summarize(value), times, cpus[times.index(min(times))]


def summarize(v):
    """The JSON value of a result: lists become {len, sum}."""
    import numpy as np

    if isinstance(v, np.ndarray):
        return {"len": int(v.shape[0]), "sum": int(v.sum()) if v.dtype.kind == "i" else float(v.sum())}
    if isinstance(v, dict):
        return v
    if isinstance(v, (np.integer, int)):
        return int(v)
    return float(v)


def emit(bench, impl, n, value, times, cpu_s, **extra):
    rec = {"bench": bench, "impl": impl, "n": n, "value": value, "min_s": min(times),
           "median_s": statistics.median(times), "reps": len(times), "cpu_s": cpu_s}
    rec.update(extra)
    print(json.dumps(rec), flush=True)


def chain_input(n, f32):
    import numpy as np

    x = (np.arange(n, dtype=np.int64) & 1023) / 1024.0
    return x.astype(np.float32) if f32 else x


# ---- NumPy ------------------------------------------------------------------

def numpy_impls():
    import numpy as np

    def lm_map_list(n, p):
        x = np.arange(1, n + 1, dtype=np.int64)
        for _ in range(10):
            x = 22 * x * (x + 1) % p
        return x

    def lm_map_sum(n, p):
        return int(lm_map_list(n, p).sum())

    def lm_sum(n):
        x = np.arange(1, n + 1, dtype=np.int64)
        for _ in range(10):
            x = 22 * x * (x + 1) % P_CONST
        return int(x.sum())

    def chain_sqrt(xs, a, b, t):
        y = np.sqrt(a * xs + b)
        return y[y > t].sum()

    def chain_affine(xs, a, b, t):
        y = a * xs + b
        return y[y > t].sum()

    return lm_map_sum, lm_sum, lm_map_list, chain_sqrt, chain_affine


# ---- Numba ------------------------------------------------------------------

def numba_impls():
    import numpy as np
    from numba import njit, prange

    @njit(parallel=True)
    def lm_map_sum(n, p):
        s = 0
        for i in prange(1, n + 1):
            x = i
            for _ in range(10):
                x = 22 * x * (x + 1) % p
            s += x
        return s

    @njit(parallel=True)
    def lm_sum(n):
        s = 0
        for i in prange(1, n + 1):
            x = i
            for _ in range(10):
                x = 22 * x * (x + 1) % P_CONST
            s += x
        return s

    @njit(parallel=True)
    def lm_map_list(n, p):
        out = np.empty(n, np.int64)
        for i in prange(n):
            x = i + 1
            for _ in range(10):
                x = 22 * x * (x + 1) % p
            out[i] = x
        return out

    @njit(parallel=True)
    def chain_sqrt(xs, a, b, t):
        s = 0.0
        for i in prange(xs.shape[0]):
            y = np.sqrt(a * xs[i] + b)
            if y > t:
                s += y
        return s

    @njit(parallel=True)
    def chain_affine(xs, a, b, t):
        s = 0.0
        for i in prange(xs.shape[0]):
            y = a * xs[i] + b
            if y > t:
                s += y
        return s

    return lm_map_sum, lm_sum, lm_map_list, chain_sqrt, chain_affine


def main():
    impl, bench, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rest = sys.argv[4:]
    t0 = time.perf_counter()
    import numpy as np

    extra = {}
    if impl == "numpy":
        fns = numpy_impls()
        extra["numpy"] = np.__version__
    elif impl == "numba":
        t1 = time.perf_counter()
        import numba

        extra["import_s"] = time.perf_counter() - t1
        fns = numba_impls()
        extra["numba"] = numba.__version__
    else:
        sys.exit(f"bench_py: unknown implementation {impl}")
    lm_map_sum, lm_sum, lm_map_list, chain_sqrt, chain_affine = fns

    if bench == "map_sum":
        fn, args = lm_map_sum, (n, int(rest[0]))
    elif bench == "sum":
        fn, args = lm_sum, (n,)
    elif bench == "map_list":
        fn, args = lm_map_list, (n, int(rest[0]))
    elif bench in ("f64_sqrt", "f32_sqrt", "f64_affine"):
        f32 = bench == "f32_sqrt"
        xs = chain_input(n, f32)
        conv = np.float32 if f32 else float
        a, b, t = (conv(float(v)) for v in rest[:3])
        fn = chain_affine if bench == "f64_affine" else chain_sqrt
        args = (xs, a, b, t)
        extra["bytes"] = int(xs.nbytes)
    else:
        sys.exit(f"bench_py: unknown benchmark {bench}")

    if impl == "numba":
        from numba import config, threading_layer

        c1 = time.process_time()
        t1 = time.perf_counter()
        first = summarize(fn(*args))
        dt = time.perf_counter() - t1
        cpu_first = time.process_time() - c1
        extra["threads"] = str(config.NUMBA_NUM_THREADS)
        extra["threading_layer"] = threading_layer()
        emit(bench, "numba-first", n, first, [dt], cpu_first, **extra)
    else:
        extra["threads"] = "1"
    value, times, cpu_s = timed(fn, *args)
    emit(bench, impl, n, value, times, cpu_s, **extra)


if __name__ == "__main__":
    main()
