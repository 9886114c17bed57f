#!/usr/bin/env python3
"""Sort of 2^25 int64 / float64 on the GPU: hastec's device radix sort
(hxrt_cl_sort, called through libhxrt with ctypes, as compiled code calls it
for Enum.sort with --target=opencl) beside CuPy's cupy.sort. One JSON line a row.

  sort_bench.py hastec DIR_WITH_LIBHXRT [--n N] [--k K]   (set HX_CL_PROFILE=1 for device time)
  sort_bench.py cupy [--n N] [--k K]

hastec rows: end-to-end ms (host list in, sorted host list out: upload, sort,
read back) and, with HX_CL_PROFILE=1, the summed device time of the sort's
kernels. A C caller's array is never found on the device (mirrors are for the
arrays of a running call), so "device_ms" is the number to set beside CuPy's
device time. CuPy rows: device ms (cupy.sort of a device array, CUDA events)
and end-to-end (cupy.asarray + sort + asnumpy). Results are checked against
numpy's sort. Random keys over the whole range: all 16 passes run.
"""
import argparse
import ctypes
import json
import sys
import time

import numpy as np

KIND = {"i64": 1, "f64": 2}  # HX_KIND_I64, HX_KIND_F64 (hxrt.h)


def data(kind, n, seed):
    rng = np.random.default_rng(seed)
    if kind == "i64":
        return rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, n, dtype=np.int64)
    return rng.standard_normal(n) * 1e3


class Stats(ctypes.Structure):
    _fields_ = [(f, ctypes.c_int64) for f in ("runs", "source_builds", "disk_hits", "disk_rejects", "memory_hits",
                                                "kernel_ns", "uploads", "upload_bytes", "downloads",
                                                "download_bytes", "mirror_hits", "mirrors", "mirror_bytes",
                                                "stale_reads", "async_runs", "pool_hits")] + [("_spare", ctypes.c_int64 * 32)]
    # _spare: room for counters a newer runtime adds (hxrt_cl_get_stats writes all of its struct)


def hastec(libdir, n, k):
    rt = ctypes.CDLL(libdir.rstrip("/") + "/libhxrt.so")
    rt.hx_context_new.restype = ctypes.c_void_p
    rt.hx_array_new.restype = ctypes.c_void_p
    rt.hx_array_new.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int64]
    rt.hx_array_data.restype = ctypes.c_void_p
    rt.hx_array_data.argtypes = [ctypes.c_void_p]
    rt.hx_array_free.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    rt.hxrt_cl_sort.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int]
    rt.hxrt_cl_get_stats.argtypes = [ctypes.POINTER(Stats)]
    ctx = rt.hx_context_new()
    for kind in ("i64", "f64"):
        x = data(kind, n, 1)
        want = np.sort(x, kind="stable")
        arr = rt.hx_array_new(ctx, KIND[kind], n)
        view = np.ctypeslib.as_array(ctypes.cast(rt.hx_array_data(arr), ctypes.POINTER(ctypes.c_int64)), (n,))
        if kind == "f64":
            view = view.view(np.float64)
        times, dev = [], []
        for rep in range(k + 1):  # the first builds (or loads) the kernels
            view[:] = x
            s0 = Stats()
            rt.hxrt_cl_get_stats(ctypes.byref(s0))
            t0 = time.perf_counter()
            rc = rt.hxrt_cl_sort(ctx, None, arr, 0)
            t1 = time.perf_counter()
            s1 = Stats()
            rt.hxrt_cl_get_stats(ctypes.byref(s1))
            if rc != 0:
                sys.exit(f"hxrt_cl_sort returned {rc}")
            if rep == 0:
                first = (t1 - t0) * 1e3
                if not np.array_equal(view, want):
                    sys.exit(f"hastec {kind}: wrong order")
                continue
            times.append((t1 - t0) * 1e3)
            dev.append((s1.kernel_ns - s0.kernel_ns) * 1e-6)
        rt.hx_array_free(ctx, arr)
        print(json.dumps({"impl": "hastec", "kind": kind, "n": n, "end_to_end_ms": float(np.median(times)),
                          "device_ms": float(np.median(dev)) if any(dev) else None, "first_call_ms": first}),
              flush=True)


def cupy_rows(n, k):
    import cupy as cp
    for kind in ("i64", "f64"):
        x = data(kind, n, 1)
        want = np.sort(x, kind="stable")
        d = cp.asarray(x)
        if not np.array_equal(cp.asnumpy(cp.sort(d)), want):
            sys.exit(f"cupy {kind}: wrong order")
        dev, e2e = [], []
        start, stop = cp.cuda.Event(), cp.cuda.Event()
        for _ in range(k):
            start.record()
            cp.sort(d)
            stop.record()
            stop.synchronize()
            dev.append(cp.cuda.get_elapsed_time(start, stop))
            t0 = time.perf_counter()
            cp.asnumpy(cp.sort(cp.asarray(x)))
            e2e.append((time.perf_counter() - t0) * 1e3)
        print(json.dumps({"impl": "cupy.sort", "kind": kind, "n": n, "end_to_end_ms": float(np.median(e2e)),
                          "device_ms": float(np.median(dev))}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("impl", choices=["hastec", "cupy"])
    ap.add_argument("libdir", nargs="?")
    ap.add_argument("--n", type=int, default=1 << 25)
    ap.add_argument("--k", type=int, default=7)
    a = ap.parse_args()
    if a.impl == "hastec":
        hastec(a.libdir, a.n, a.k)
    else:
        cupy_rows(a.n, a.k)


if __name__ == "__main__":
    main()
