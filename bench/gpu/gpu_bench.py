"""GPU peers for the logistic map, side by side with hastec --target=opencl.

Runs on the GPU machine (python3 there has CuPy and JAX). For each n:
  - hastec OpenCL (LogisticMap.map_sum / sum / map_list through hx_time, end to end:
    launch, device work, partials or the list read back),
  - CuPy as the seed's authors wrote it (one kernel per operation, synchronised),
  - cupy.fuse (the ten steps and the sum fused by CuPy),
  - a hand-written fused CUDA kernel (cupy.ReductionKernel over the index),
  - JAX jit with 64-bit integers (XLA).
Prints a markdown table; times are min of several calls after a warm-up.
"""
import json, os, subprocess, sys, time

P = 6_700_417
HERE = os.path.dirname(os.path.abspath(__file__))
PRE = os.environ.get("PRE", os.path.join(HERE, "prebuilt"))


def best(f, reps=5):
    f()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); v = f(); ts.append(time.perf_counter() - t0)
    return min(ts), v


def hastec(symbol, *args):
    env = dict(os.environ, LD_LIBRARY_PATH=PRE, HX_CL_DEBUG="1")
    p = subprocess.run([os.path.join(PRE, "hx_time"), os.path.join(PRE, "liblogistic_map.so"), symbol] +
                       [str(a) for a in args], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        return None, p.stderr.strip()[-300:]
    j = json.loads(p.stdout.strip().splitlines()[-1])
    import re
    # HX_CL_DEBUG's launch line: "kernel+wait X ms" (launch to results, incl. any upload); older runtimes "kernel X ms"
    ks = [float(m) for m in re.findall(r"kernel(?:\+wait)? ([0-9.]+) ms", p.stderr)]
    kern = (" (kernel alone %.3f ms)" % min(ks)) if ks else " (ran on the CPU fallback!)"
    return j["min_s"], str(j.get("value")) + kern


def chain_rows(cp):
    """The memory-bound chain (bench/programs/chain.hx) on the device, in GB/s
    of xs read, against the card's device-to-device copy bandwidth."""
    n = 1 << 26
    a = cp.ones(n, dtype=cp.float64); b = cp.empty_like(a)

    def copy():
        cp.copyto(b, a); cp.cuda.Device().synchronize()
    t, _ = best(copy)
    copy_gbs = 2 * 8 * n / t / 1e9
    # HX_CL_PROFILE: the launch lines give the kernel's device time ("device X ms"), without the upload
    env = dict(os.environ, LD_LIBRARY_PATH=PRE, HX_CL_DEBUG="1", HX_CL_PROFILE="1")
    p = subprocess.run([os.path.join(PRE, "hx_time"), os.path.join(PRE, "libchain.so"), "Chain_sqrt_sum",
                        "ramp:%d" % n, "2.0", "0.5", "1.2"], capture_output=True, text=True, env=env)
    import re
    ks = [float(m) for m in re.findall(r"device ([0-9.]+) ms", p.stderr) if float(m) > 0]
    rows = ["| copy (CuPy `copyto`, device to device) | 2^26 | %.3f ms | %.0f GB/s | 100%% |" % (t * 1e3, copy_gbs)]
    if ks and p.returncode == 0:
        k = min(ks) / 1e3
        gbs = 8 * n / k / 1e9
        j = json.loads(p.stdout.strip().splitlines()[-1])
        rows.append("| hastec OpenCL chain, kernel alone (device time) | 2^26 | %.3f ms | %.0f GB/s | %.0f%% |" % (k * 1e3, gbs, 100 * gbs / copy_gbs))
        rows.append("| hastec OpenCL chain, end to end (list copied to the device per call) | 2^26 | %.3f ms | %.1f GB/s | — |" %
                    (j["min_s"] * 1e3, 8 * n / j["min_s"] / 1e9))
    else:
        rows.append("| hastec OpenCL chain | 2^26 | n/a | %s | — |" % p.stderr.strip()[-200:].replace("\n", " "))
    xs = cp.asarray((cp.arange(n) % 1024) / 1024.0)

    def cupy_chain():
        y = cp.sqrt(2.0 * xs + 0.5); s = float(y[y > 1.2].sum()); cp.cuda.Device().synchronize(); return s
    t2, _ = best(cupy_chain)
    rows.append("| CuPy chain (unfused) | 2^26 | %.3f ms | %.0f GB/s | %.0f%% |" % (t2 * 1e3, 8 * n / t2 / 1e9, 100 * 8 * n / t2 / 1e9 / copy_gbs))
    return rows


def main():
    import cupy as cp
    rows = []
    dev = cp.cuda.runtime.getDeviceProperties(0)["name"].decode()
    for e in (25, 28):
        n = 1 << e

        def seed():
            x = cp.arange(1, n + 1, dtype=cp.int64)
            for _ in range(10):
                x = (22 * x * (x + 1)) % P
            s = int(x.sum()); cp.cuda.Device().synchronize(); return s

        @cp.fuse()
        def fused10(x):
            for _ in range(10):
                x = (22 * x * (x + 1)) % 6_700_417
            return cp.sum(x)
        xs = cp.arange(1, n + 1, dtype=cp.int64)

        def fuse():
            s = int(fused10(xs)); cp.cuda.Device().synchronize(); return s
        body = "long long x = i + 1;" + "x = (22 * x * (x + 1)) % 6700417LL;" * 10
        rk = cp.ReductionKernel("int64 i, int64 p", "int64 y", "_map(i, p)", "a + b", "y = a", "0", "logistic",
                                preamble="__device__ long long _map(long long i, long long p) {" + body + " return x; }")
        idx = cp.arange(0, n, dtype=cp.int64)

        def hand():
            s = int(rk(idx, P)); cp.cuda.Device().synchronize(); return s
        res = {}
        for name, f in (("CuPy, seed style (unfused)", seed), ("cupy.fuse", fuse), ("hand-written fused kernel (CuPy ReductionKernel)", hand)):
            try:
                res[name] = best(f)
            except Exception as ex:
                res[name] = (None, str(ex)[:200])
        try:
            import jax, jax.numpy as jnp
            jax.config.update("jax_enable_x64", True)

            @jax.jit
            def jf(x):
                for _ in range(10):
                    x = (22 * x * (x + 1)) % P
                return jnp.sum(x)
            jx = jnp.arange(1, n + 1, dtype=jnp.int64)
            res["JAX jit (x64)"] = best(lambda: int(jf(jx).block_until_ready()))
        except Exception as ex:
            res["JAX jit (x64)"] = (None, str(ex)[:200])
        res["hastec OpenCL: map_sum(n, p) (p at run time)"] = hastec("LogisticMap_map_sum", n, P)
        res["hastec OpenCL: sum(n) (constant p)"] = hastec("LogisticMap_sum", n)
        res["hastec OpenCL: map_list(n, p) (list read back)"] = hastec("LogisticMap_map_list", n, P)
        ref = res["hastec OpenCL: map_sum(n, p) (p at run time)"][0]
        for name, (t, v) in res.items():
            rows.append((e, name, t, v, (t / ref) if (t and ref) else None))
    print("## Logistic map on %s (end-to-end per call, min of 5 after warm-up)\n" % dev)
    print("| n | implementation | time | result | time vs hastec map_sum |")
    print("|---|---|---|---|---|")
    for e, name, t, v, r in rows:
        ts = "%.3f ms" % (t * 1e3) if t else "n/a"
        print("| 2^%d | %s | %s | %s | %s |" % (e, name, ts, v, ("%.2f×" % r) if r else "—"))
    print("\n## Memory-bound chain (a*x+b, sqrt, filter, sum; f64) on %s\n" % dev)
    print("| what | n | time | GB/s of xs | % of copy |")
    print("|---|---|---|---|---|")
    for line in chain_rows(cp):
        print(line)


if __name__ == "__main__":
    main()
