"""Timing half of bench/tensors/prebuilt.sh: hastec's kernels (prebuilt .so run
by hx-run) beside NumPy, on a machine without a hastec build. hastec's time per
kernel is (t(K) - t(1)) / (K - 1), best of 3, so process start and input
creation cancel out."""
import os, subprocess, sys, time
import numpy as np

K = int(sys.argv[1]) if len(sys.argv) > 1 else 21
P = os.path.join(os.path.dirname(os.path.abspath(__file__)), "prebuilt")
env = dict(os.environ, LD_LIBRARY_PATH=P + ":" + os.environ.get("LD_LIBRARY_PATH", ""))

def wall(kernel, k):
    best = None
    for _ in range(3):
        s = time.perf_counter()
        subprocess.run([os.path.join(P, "hx-run"), os.path.join(P, kernel + "_k.so"),
                        "hxe_hx_run_TBench_%s_k" % kernel, "f", "i", str(k)],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        t = time.perf_counter() - s
        best = t if best is None or t < best else best
    return best

np_ms = dict(l.split() for l in subprocess.run(
    [sys.executable, os.path.join(os.path.dirname(P), "numpy_bench.py")],
    capture_output=True, text=True, check=True).stdout.splitlines())
cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")]
print("machine: %s, %d cores, HX_NUM_THREADS=%s; numpy %s" %
      (cpu[0] if cpu else "?", os.cpu_count(), os.environ.get("HX_NUM_THREADS", "all"), np.__version__))
print("| kernel | hastec ms | NumPy ms | NumPy / hastec |\n| --- | ---: | ---: | ---: |")
for k in ("chain", "gemm", "softmax"):
    ms = (wall(k, K) - wall(k, 1)) * 1e3 / (K - 1)
    n = float(np_ms[k])
    print("| %s | %.2f | %.2f | %.2fx |" % (k, ms, n, n / ms))
