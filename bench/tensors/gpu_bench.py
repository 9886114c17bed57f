#!/usr/bin/env python3
"""GPU rows of issue 6's tensor benchmark (bench/tensors/gpu_run.sh runs this on
the GPU machine): hastec --target=opencl beside CuPy and PyTorch, one process per
implementation, side by side.

    gpu_bench.py hastec PREBUILT_DIR [--label L] [--k K]   # one JSON line per kernel
    gpu_bench.py cupy|torch                                 # one JSON line per kernel

hastec: TBench.<kernel>_k(K) runs the kernel K times on inputs it builds once
(bench/tensors/tensors.hx); per kernel ms = (median t(K) - median t(1)) / (K - 1)
over 5 calls each, in one process, after a warm-up call (kernel builds, OpenCL
start-up): the end-to-end time of one iteration of the entry point's loop,
host<->device copies included. `kernel_ms` is the device time of its kernels and
GEMMs alone (OpenCL profiling events, HX_CL_PROFILE=1, in a second process), and
`up_mb`/`down_mb` the bytes the runtime copied per iteration
(hxrt_cl_get_stats).

CuPy / PyTorch: the same expressions; `dev_ms`: inputs already on the GPU, median
of 20 after 5 warm-up calls, the device synchronised around each (the result's
.item() syncs); `e2e_ms`: the same with the inputs copied from host NumPy arrays
first (cupy.asarray / torch.from_numpy().cuda()) in each call. TF32 off.
"""
import ctypes
import json
import os
import statistics
import subprocess
import sys
import time

N_CHAIN = 1 << 24
KERNELS = ("chain", "gemm", "softmax")
FLOPS = {"chain": 4 * N_CHAIN, "gemm": 2 * 1024 ** 3 + 1024 ** 2, "softmax": 5 * 4096 * 1024}


class Stats(ctypes.Structure):
    _fields_ = [(n, ctypes.c_int64) for n in (
        "runs", "source_builds", "disk_hits", "disk_rejects", "memory_hits", "kernel_ns", "uploads",
        "upload_bytes", "downloads", "download_bytes", "mirror_hits", "mirrors", "mirror_bytes",
        "stale_reads", "async_runs", "pool_hits")] + [("_spare", ctypes.c_int64 * 32)]
    # hxrt_cl_stats, and room for counters a newer runtime adds (it writes all of its struct)


def hastec(pre, k_reps, label):
    rt = ctypes.CDLL(os.path.join(pre, "libhxrt.so"), mode=ctypes.RTLD_GLOBAL)
    lib = ctypes.CDLL(os.path.join(os.path.dirname(os.path.abspath(pre)), "libtensors_cl.so"))
    rt.hx_context_new.restype = ctypes.c_void_p
    rt.hx_context_error.restype = ctypes.c_char_p
    rt.hx_context_error.argtypes = [ctypes.c_void_p]
    has_stats = label != "base"  # the runtime before device mirrors has the first 5 counters only
    ctx = ctypes.c_void_p(rt.hx_context_new())
    out = ctypes.c_double()
    st = Stats()

    def stats():
        if has_stats:
            rt.hxrt_cl_get_stats(ctypes.byref(st))
            return st.kernel_ns, st.upload_bytes, st.download_bytes
        return 0, 0, 0

    for kern in KERNELS:
        fn = getattr(lib, "TBench_%s_k" % kern)
        fn.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_double), ctypes.c_int64]
        fn.restype = ctypes.c_int

        def call(k):
            s0 = stats()
            t0 = time.perf_counter()
            rc = fn(ctx, ctypes.byref(out), k)
            dt = time.perf_counter() - t0
            if rc != 0:
                raise SystemExit("TBench.%s_k(%d) failed (%d): %s" % (kern, k, rc, rt.hx_context_error(ctx)))
            s1 = stats()
            return dt, [b - a for a, b in zip(s0, s1)], out.value

        call(1)  # kernel builds, first launches
        ones, ks = [], []
        for _ in range(5):
            ones.append(call(1))
            ks.append(call(k_reps))
        per_s = (statistics.median(t for t, _, _ in ks) - statistics.median(t for t, _, _ in ones)) / (k_reps - 1)
        d = [(a - b) / (k_reps - 1) for a, b in zip(ks[0][1], ones[0][1])]
        print("JSON " + json.dumps({
            "impl": "hastec-opencl", "label": label, "kernel": kern, "e2e_ms": per_s * 1e3,
            "kernel_ms": d[0] * 1e-6 if os.environ.get("HX_CL_PROFILE") == "1" else None,
            "up_mb": d[1] / 2 ** 20, "down_mb": d[2] / 2 ** 20, "value": ks[0][2], "k": k_reps}), flush=True)


def peers(which):
    import numpy as np
    if which == "cupy":
        import cupy as xp
        sync = lambda: xp.cuda.Stream.null.synchronize()
        to_dev = xp.asarray
        version = xp.__version__
        name = xp.cuda.runtime.getDeviceProperties(0)["name"].decode()
    else:
        import torch
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        tdev = os.environ.get("TORCH_DEVICE", "cuda")  # cpu: a smoke test without a GPU
        sync = torch.cuda.synchronize if tdev == "cuda" else (lambda: None)
        to_dev = lambda a: torch.from_numpy(a).to(tdev)
        version = torch.__version__
        name = torch.cuda.get_device_name(0) if tdev == "cuda" else "cpu"
    n = N_CHAIN
    x = np.arange(n, dtype=np.float32) / np.float32(n)
    a = np.arange(1 << 20, dtype=np.float32).reshape(1024, 1024) / np.float32(1 << 20)
    b = np.ascontiguousarray(a.T)
    m = np.arange(4096 * 1024, dtype=np.float32).reshape(4096, 1024) / np.float32(4096 * 1024)
    if which == "cupy":
        mx = lambda t: t.max(axis=1, keepdims=True)
        sm = lambda t: t.sum(axis=1, keepdims=True)
    else:
        mx = lambda t: t.amax(dim=1, keepdim=True)
        sm = lambda t: t.sum(dim=1, keepdim=True)
    sqrt = (lambda t: xp.sqrt(t)) if which == "cupy" else (lambda t: t.sqrt())
    exp = (lambda t: xp.exp(t)) if which == "cupy" else (lambda t: t.exp())
    def softmax(m, k):
        y = m + k
        e = exp(y - mx(y))
        return float((e / sm(e)).sum())

    fns = {
        "chain": ((x,), lambda x, k: float(sqrt((x + k) * 2.0 + 1.0).sum())),
        "gemm": ((a, b), lambda a, b, k: float((a @ b).sum())),
        "softmax": ((m,), softmax),
    }
    for kern in KERNELS:
        host, f = fns[kern]
        dev = [to_dev(h) for h in host]
        sync()
        for i in range(5):
            f(*dev, 3.0 + i)
        ts = []
        for i in range(20):
            sync(); t0 = time.perf_counter(); f(*dev, 3.0 + i); sync(); ts.append(time.perf_counter() - t0)
        e2e = []
        for i in range(10):
            sync(); t0 = time.perf_counter(); f(*[to_dev(h) for h in host], 3.0 + i); sync()
            e2e.append(time.perf_counter() - t0)
        print("JSON " + json.dumps({"impl": which, "version": version, "gpu": name, "kernel": kern,
                                    "dev_ms": statistics.median(ts) * 1e3, "e2e_ms": statistics.median(e2e) * 1e3}),
              flush=True)


def gemm_scan(pre):
    """hxrt_cl_gemm alone (f32, operands from the host each call, no mirrors: ctx NULL) at
    the MLP's and issue 6's shapes, for each register tile R (HX_CL_GEMM_R, read per
    call): device time from profiling events (HX_CL_PROFILE=1 must be set)."""
    import numpy as np
    rt = ctypes.CDLL(os.path.join(pre, "libhxrt.so"))
    rt.hxrt_cl_gemm.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int] + [ctypes.c_int64] * 3 + [ctypes.c_void_p] * 3
    st = Stats()
    for m, k, n in ((1024, 1024, 1024), (256, 1024, 1024), (1024, 256, 1024), (256, 784, 1024), (4096, 4096, 4096)):
        a = np.random.rand(m, k).astype(np.float32)
        b = np.random.rand(k, n).astype(np.float32)
        c = np.empty((m, n), np.float32)
        want = a.astype(np.float64) @ b.astype(np.float64)
        for r in ("1", "2", "4", ""):
            os.environ["HX_CL_GEMM_R"] = r
            call = lambda: rt.hxrt_cl_gemm(None, None, 5, m, n, k, a.ctypes.data, b.ctypes.data, c.ctypes.data)
            if call() != 0:
                raise SystemExit("hxrt_cl_gemm failed")
            err = float(np.max(np.abs(c - want)) / np.max(np.abs(want)))
            reps = 3 if m == 4096 else 20
            rt.hxrt_cl_get_stats(ctypes.byref(st)); k0 = st.kernel_ns
            for _ in range(reps):
                call()
            rt.hxrt_cl_get_stats(ctypes.byref(st))
            ms = (st.kernel_ns - k0) / reps * 1e-6
            print("JSON " + json.dumps({"impl": "hastec-gemm", "m": m, "k": k, "n": n, "R": r or "auto", "kernel_ms": ms,
                                        "tflops": 2 * m * n * k / ms * 1e-9, "max_rel_err": err}), flush=True)
        try:
            import torch
        except ImportError:
            continue
        if not torch.cuda.is_available():
            continue
        torch.backends.cuda.matmul.allow_tf32 = False
        ta, tb = torch.from_numpy(a).cuda(), torch.from_numpy(b).cuda()
        for _ in range(3):
            ta @ tb
        reps = 3 if m == 4096 else 20
        torch.cuda.synchronize(); t0 = time.perf_counter()
        for _ in range(reps):
            ta @ tb
        torch.cuda.synchronize()
        ms = (time.perf_counter() - t0) / reps * 1e3
        print("JSON " + json.dumps({"impl": "torch-gemm", "m": m, "k": k, "n": n, "kernel_ms": ms,
                                    "tflops": 2 * m * n * k / ms * 1e-9}), flush=True)


def main():
    if sys.argv[1] == "gemm":
        gemm_scan(sys.argv[2])
        return
    if sys.argv[1] == "hastec":
        label = sys.argv[sys.argv.index("--label") + 1] if "--label" in sys.argv else "new"
        k = int(sys.argv[sys.argv.index("--k") + 1]) if "--k" in sys.argv else 11
        hastec(sys.argv[2], k, label)
    else:
        peers(sys.argv[1])


if __name__ == "__main__":
    main()
