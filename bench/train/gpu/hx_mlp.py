#!/usr/bin/env python3
"""Times hastec's MlpGpu.run/1 (bench/train/mlp_gpu.hx) from a prebuilt library
through ctypes (the GPU machine has no compiler of ours), and profiles it.

    hx_mlp.py time LIB.so [--steps N] [--reps R] [--label TEXT]
    hx_mlp.py profile LIB.so [--steps N]
    hx_mlp.py value LIB.so N          # prints MlpGpu.run(N) (the loss after N steps)

`time`, in a fresh process: the first call MlpGpu.run(1) (OpenCL start-up, kernel
builds, first launches) is timed alone; then R calls of run(0) (init and batch only)
and R calls of run(N), interleaved; warm steps/s = N / (median run(N) - median run(0)).
N defaults to what makes one run(N) take about 1 s (10..400). Prints one JSON line.

`profile` runs `time` once more in a child process with HX_CL_DEBUG=1 (the runtime
logs every kernel launch and GEMM with its times: host set-up and copies in, kernel
plus the wait, results back; since the runtime reads results in the launch's one wait,
"results back" is 0 and counted in the wait) and sums the log over the timed run(N) calls: per
step, per kernel, and the host time outside OpenCL calls (CPU loops, allocation).
Prints a markdown breakdown and one JSON line.

Environment: LD_LIBRARY_PATH must hold libhxrt.so (and libgomp); HX_DEVICE and
HX_NUM_THREADS as for any hastec library.
"""
import argparse
import ctypes
import json
import os
import re
import statistics
import subprocess
import sys
import time


def load(lib_path):
    pre = os.path.dirname(os.path.abspath(lib_path))
    rt = ctypes.CDLL(os.path.join(pre, "libhxrt.so"), mode=ctypes.RTLD_GLOBAL)
    lib = ctypes.CDLL(os.path.abspath(lib_path))
    rt.hx_context_new.restype = ctypes.c_void_p
    rt.hx_context_error.restype = ctypes.c_char_p
    rt.hx_context_error.argtypes = [ctypes.c_void_p]
    ctx = ctypes.c_void_p(rt.hx_context_new())
    fn = lib.MlpGpu_run  # int MlpGpu_run(hx_context *ctx, double *out, int64_t n)
    fn.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_double), ctypes.c_int64]
    fn.restype = ctypes.c_int
    out = ctypes.c_double()
    global cl_stats
    cl_stats = lambda: read_stats(rt)

    def call(n):
        t0 = time.perf_counter()
        rc = fn(ctx, ctypes.byref(out), n)
        dt = time.perf_counter() - t0
        if rc != 0:
            msg = rt.hx_context_error(ctx)
            raise SystemExit(f"MlpGpu.run({n}) failed with {rc}: {msg.decode() if msg else '?'}")
        return dt, out.value

    return call


STAT_FIELDS = ("runs", "source_builds", "disk_hits", "disk_rejects", "memory_hits", "kernel_ns", "uploads",
               "upload_bytes", "downloads", "download_bytes", "mirror_hits", "mirrors", "mirror_bytes", "stale_reads",
               "async_runs", "pool_hits")


class ClStats(ctypes.Structure):
    # _spare: room for counters a newer runtime adds (hxrt_cl_get_stats writes all of its struct)
    _fields_ = [(f, ctypes.c_int64) for f in STAT_FIELDS] + [("_spare", ctypes.c_int64 * 32)]


def read_stats(rt):
    """libhxrt's OpenCL counters (hxrt_cl_get_stats; a runtime from before device mirrors
    fills the first five only, the rest stay 0)."""
    st = ClStats()
    rt.hxrt_cl_get_stats(ctypes.byref(st))
    return {f: getattr(st, f) for f in STAT_FIELDS}


cl_stats = None


def mark(text):
    """A line in the runtime's stderr log (HX_CL_DEBUG), so `profile` can find the timed calls."""
    if os.environ.get("HX_CL_DEBUG"):
        sys.stderr.flush()
        os.write(2, f"hx_mlp: {text}\n".encode())


def cmd_time(a):
    call = load(a.lib)
    first_s, first_loss = call(1)
    mark("first call done")
    n = a.steps
    if n <= 0:  # about 1 s a call
        t5, _ = call(5)
        t0, _ = call(0)
        per = max((t5 - t0) / 5, 1e-5)
        n = int(min(400, max(10, 1.0 / per)))
    zeros, fulls, loss = [], [], None
    for r in range(a.reps):
        mark(f"run(0) rep {r} begin")
        s0 = cl_stats()
        zeros.append(call(0)[0])
        s1 = cl_stats()
        mark(f"run(0) rep {r} end")
        mark(f"run({n}) rep {r} begin")
        dt, loss = call(n)
        s2 = cl_stats()
        mark(f"run({n}) rep {r} end")
        # OpenCL counters per step: run(N)'s minus run(0)'s, over N
        per_step = {f: ((s2[f] - s1[f]) - (s1[f] - s0[f])) / n for f in STAT_FIELDS if f not in ("mirrors", "mirror_bytes")}
        fulls.append(dt)
    z, f = statistics.median(zeros), statistics.median(fulls)
    step_s = (f - z) / n
    res = {
        "label": a.label, "lib": os.path.basename(a.lib), "steps": n, "reps": a.reps,
        "first_call_s": first_s, "first_loss": first_loss,
        "run0_ms": z * 1e3, "runN_ms": f * 1e3, "runN_min_ms": min(fulls) * 1e3,
        "ms_per_step": step_s * 1e3, "steps_per_s": 1.0 / step_s if step_s > 0 else None,
        "steps_per_s_best": n / (min(fulls) - min(zeros)) if min(fulls) > min(zeros) else None,
        "loss_last": loss, "cl_per_step": per_step if a.reps else None, "device_env": os.environ.get("HX_DEVICE"), "threads_env": os.environ.get("HX_NUM_THREADS"),
    }
    print("JSON " + json.dumps(res), flush=True)


# HX_CL_DEBUG's launch lines (runtime/opencl.c). A launch the host waits for gives "kernel+wait X ms"
# (its results stay on the device or come back in that time); one it does not wait for (an async store,
# a GEMM whose product stays on the device) gives only its set-up and enqueue time. Older runtimes wrote
# "kernel X ms, results Y ms".
LAUNCH = re.compile(r"kernel (\S+): n=(\d+), .*build\+arguments ([\d.]+) ms, "
                    r"(?:kernel\+wait ([\d.]+) ms|not waited for|kernel ([\d.]+) ms, results ([\d.]+) ms)")
GEMM = re.compile(r"gemm (\w+) (\d+)x(\d+)x(\d+): build\+copies in ([\d.]+) ms, "
                  r"(?:product left on the device, enqueued in|kernel and result|kernel) ([\d.]+) ms(?:, result ([\d.]+) ms)?")


def kernel_sites(cl_path):
    """{kernel name: "line N: shape"} from the --emit=opencl text make.sh saved (headers like
    `// hastec OpenCL kernel hx_k17 for MlpGpu.loop/5 (.../mlp_gpu.hx:32)` then `// out[i] = map(list)[i]`)."""
    out = {}
    try:
        with open(cl_path) as f:
            text = f.read().splitlines()
    except OSError:
        return out
    for i, ln in enumerate(text):
        m = re.match(r"// hastec OpenCL kernel (\S+) for \S+ \(.*:(\d+)\)", ln)
        if m:
            shape = text[i + 1][3:].strip() if i + 1 < len(text) and text[i + 1].startswith("// ") else ""
            out[m.group(1)] = f"{m.group(2)}: `{shape}`"
    return out


def cmd_profile(a):
    env = dict(os.environ, HX_CL_DEBUG="1")
    p = subprocess.run([sys.executable, os.path.abspath(__file__), "time", a.lib, "--steps", str(a.steps),
                        "--reps", "1", "--label", "profile"], env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-4000:])
        raise SystemExit(f"profile run failed ({p.returncode})")
    res = json.loads([ln for ln in p.stdout.splitlines() if ln.startswith("JSON ")][-1][5:])
    n = res["steps"]
    lines = p.stderr.splitlines()

    def window(call):
        """Per-site sums of the log lines between the markers of one call: {name: [launches, set-up ms,
        kernel ms, results ms, elements]} and the number of launches that raised."""
        try:
            lo = next(i for i, ln in enumerate(lines) if f"hx_mlp: run({call}) rep 0 begin" in ln)
            hi = next(i for i, ln in enumerate(lines) if f"hx_mlp: run({call}) rep 0 end" in ln)
        except StopIteration:
            raise SystemExit(f"profile: the markers of run({call}) are not in the runtime's log")
        sites, raised = {}, 0
        for ln in lines[lo:hi]:
            m = GEMM.search(ln)
            if m:
                name = f"gemm {m.group(2)}x{m.group(3)}x{m.group(4)}"
                s = sites.setdefault(name, [0, 0.0, 0.0, 0.0, 0])
                s[0] += 1; s[1] += float(m.group(5)); s[2] += float(m.group(6)); s[3] += float(m.group(7) or 0)
                continue
            m = LAUNCH.search(ln)
            if m:
                s = sites.setdefault(m.group(1), [0, 0.0, 0.0, 0.0, int(m.group(2))])
                s[0] += 1; s[1] += float(m.group(3)); s[2] += float(m.group(4) or m.group(5) or 0)
                s[3] += float(m.group(6) or 0)
            elif "raised" in ln:
                raised += 1
        return sites, raised

    # run(N) less run(0): init/0 and batch/0 (their kernels and the batch's GEMM) are not steps.
    sites, raised = window(n)
    setup, _ = window(0)
    for k, v in setup.items():
        s = sites.get(k)
        if s:
            for i in range(4):
                s[i] -= v[i]
            if s[0] <= 0:
                del sites[k]
    total_ms = res["runN_ms"] - res["run0_ms"]
    in_cl = sum(s[1] + s[2] + s[3] for s in sites.values())
    gemm = {k: v for k, v in sites.items() if k.startswith("gemm")}
    kern = {k: v for k, v in sites.items() if not k.startswith("gemm")}

    def part(d, i):
        return sum(v[i] for v in d.values()) / n

    print(f"Profile of run({n}) less run(0) with HX_CL_DEBUG=1 ({total_ms:.1f} ms, {total_ms / n:.3f} ms/step; "
          f"the logging adds a little). Per step:\n")
    print("| part | launches/step | host set-up + copies in, ms | kernel (+ wait), ms | results back, ms | total ms | share |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, d in (("GEMMs (hxrt_cl_gemm)", gemm), ("elementwise/reduction kernels (hxrt_cl_run)", kern)):
        t = part(d, 1) + part(d, 2) + part(d, 3)
        print(f"| {label} | {sum(v[0] for v in d.values()) / n:.1f} | {part(d, 1):.3f} | {part(d, 2):.3f} | "
              f"{part(d, 3):.3f} | {t:.3f} | {100 * t / (total_ms / n):.0f}% |")
    host = (total_ms - in_cl) / n
    print(f"| host outside OpenCL calls (CPU loops, allocation, frees) | | | | | {host:.3f} | {100 * host / (total_ms / n):.0f}% |")
    where = kernel_sites(os.path.join(os.path.dirname(os.path.abspath(a.lib)), "mlp_gpu.cl"))
    print(f"\nPer site, per step, slowest first (kernel launches that raised and reran on the CPU: {raised}):\n")
    print("| site | .hx line: shape | elements | launches/step | set-up + in ms | kernel ms | back ms | total ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for k, v in sorted(sites.items(), key=lambda kv: -(kv[1][1] + kv[1][2] + kv[1][3])):
        print(f"| {k} | {where.get(k, 'GEMM (m x k x n)' if k.startswith('gemm') else '')} | {v[4] or ''} | {v[0] / n:.0f} | {v[1] / n:.3f} | {v[2] / n:.3f} | {v[3] / n:.3f} | "
              f"{(v[1] + v[2] + v[3]) / n:.3f} |")
    print("JSON " + json.dumps({"profile": {k: v for k, v in sites.items()}, "steps": n, "wall_ms": total_ms,
                                "host_ms_per_step": host, "raised": raised}), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("time")
    t.add_argument("lib")
    t.add_argument("--steps", type=int, default=0, help="steps per timed call (0: about 1 s a call)")
    t.add_argument("--reps", type=int, default=5)
    t.add_argument("--label", default="")
    p = sub.add_parser("profile")
    p.add_argument("lib")
    p.add_argument("--steps", type=int, default=20)
    v = sub.add_parser("value")
    v.add_argument("lib")
    v.add_argument("n", type=int)
    a = ap.parse_args()
    if a.cmd == "value":
        print(repr(load(a.lib)(a.n)[1]))
    else:
        (cmd_time if a.cmd == "time" else cmd_profile)(a)


if __name__ == "__main__":
    main()
