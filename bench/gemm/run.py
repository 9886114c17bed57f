#!/usr/bin/env python3
"""\\file run.py
Square n x n matrix products, f32 and f64: libhxrt's hxrt_gemm vs OpenBLAS
(cblas_sgemm/dgemm, loaded with dlopen by the C driver) vs NumPy (`a @ b`,
/usr/bin/python3). Prints a markdown table in GFLOP/s (2 n^3 flops over the
best wall time) with ratios, the machine, the load average and the BLAS that
NumPy really loaded; writes the same to bench/out/gemm-latest.md.

    bench/gemm/run.py [--build build] [--sizes 256,512,1024,2048] [--threads N]
                      [--min-time 1.0] [--wait-quiet SECONDS]

--threads N runs every peer with N threads (OMP_NUM_THREADS and
OPENBLAS_NUM_THREADS); default: all cores. OpenBLAS comes from Debian's
libopenblas0 (`apt-get install libopenblas-dev`); without it its column
says n/a. NumPy uses whatever libblas.so.3 the Debian alternatives select
(OpenBLAS once it is installed, the slow reference BLAS before): the table
says which.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = "/usr/bin/python3"  # Debian's python with python3-numpy (not a pyenv shim)

NUMPY_SNIPPET = r"""
import io, sys, time, contextlib
import numpy as np
sizes = [int(s) for s in sys.argv[1].split(",")]
min_time = float(sys.argv[2])
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    np.show_config()
cfg = buf.getvalue()
blas_section = cfg.split("blas_opt_info:")[1].split("lapack")[0] if "blas_opt_info:" in cfg else cfg[:300]
libs = [l.strip() for l in blas_section.splitlines() if "libraries" in l]
rng = np.random.default_rng(1)
(rng.random((64, 64)) @ rng.random((64, 64)))  # load the BLAS before reading the maps
loaded = sorted({line.split()[-1] for line in open("/proc/self/maps")
                 if ("blas" in line or "lapack" in line) and "/" in line})
print("#numpy", np.__version__, "|", "show_config blas_opt_info:", "; ".join(libs) or "?", "|",
      "loaded:", ", ".join(p for p in loaded if "blas" in p) or "none")
for n in sizes:
    for dt, name in ((np.float32, "f32"), (np.float64, "f64")):
        a = rng.uniform(-1, 1, (n, n)).astype(dt)
        b = rng.uniform(-1, 1, (n, n)).astype(dt)
        a @ b
        times, cpus = [], []
        start = time.perf_counter()
        while len(times) < 3 or (time.perf_counter() - start < min_time and len(times) < 20):
            t0, c0 = time.perf_counter(), time.process_time()
            c = a @ b
            cpus.append(time.process_time() - c0)
            times.append(time.perf_counter() - t0)
        times.sort()
        print("numpy", name, n, 0, times[0], times[len(times) // 2], 2.0 * n ** 3 / times[0] * 1e-9, 0, min(cpus),
              sep="\t", flush=True)
"""


def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()


def find_openblas():
    for line in sh("ldconfig -p").splitlines():
        if "libopenblas.so.0 " in line and "x86-64" in line:
            return line.split("=>")[-1].strip()
    for p in ("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
              "/usr/lib/x86_64-linux-gnu/libopenblas.so.0"):
        if os.path.exists(p):
            return p
    return None


def parse(lines):
    """impl type n threads best median gflops err cpu -> {(impl, type, n): row}."""
    rows = {}
    for line in lines.splitlines():
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        rows[(f[0], f[1], int(f[2]))] = {"best": float(f[4]), "gflops": float(f[6]), "err": float(f[7]),
                                         "cpu": float(f[8])}
    return rows


def wait_quiet(limit):
    ncpu = os.cpu_count() or 1
    start = time.time()
    while os.getloadavg()[0] >= ncpu and time.time() - start < limit:
        time.sleep(10)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="CMake build dir with lib/libhxrt.so")
    ap.add_argument("--sizes", default="256,512,1024,2048")
    ap.add_argument("--threads", type=int, default=0, help="threads for every peer (default: all cores)")
    ap.add_argument("--min-time", type=float, default=1.0, help="seconds of repeated calls per row (at least 3)")
    ap.add_argument("--wait-quiet", type=float, default=0, help="first wait up to this long for load < cores")
    args = ap.parse_args()

    lib = os.path.join(args.build, "lib", "libhxrt.so")
    if not os.path.exists(lib):
        sys.exit(f"run.py: {lib} not found: build it first (ninja -C {args.build} hxrt)")
    out = os.path.join(ROOT, "bench", "out", "gemm")
    os.makedirs(out, exist_ok=True)
    exe = os.path.join(out, "bench_gemm")
    cc = subprocess.run(["cc", "-O2", "-fopenmp", "-I", os.path.join(ROOT, "runtime", "include"),
                         os.path.join(ROOT, "bench", "gemm", "bench_gemm.c"), "-o", exe, "-L",
                         os.path.dirname(lib), "-lhxrt", "-Wl,-rpath," + os.path.dirname(lib), "-ldl", "-lm"],
                        capture_output=True, text=True)
    if cc.returncode != 0:
        sys.exit("run.py: compiling bench_gemm.c failed:\n" + cc.stderr)

    if args.wait_quiet:
        wait_quiet(args.wait_quiet)
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)  # a forced core type slows OpenBLAS here (bench/run.sh does the same)
    if args.threads:
        for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "HX_NUM_THREADS"):
            env[v] = str(args.threads)
    load0 = os.getloadavg()
    openblas = find_openblas()
    cmd = [exe, "--sizes", args.sizes, "--min-time", str(args.min_time)]
    if openblas:
        cmd += ["--cblas", openblas]
    drv = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if drv.returncode != 0:
        sys.exit("run.py: bench_gemm failed:\n" + drv.stderr)
    npy = subprocess.run([PY, "-c", NUMPY_SNIPPET, args.sizes, str(args.min_time)], capture_output=True, text=True,
                         env=env)
    if npy.returncode != 0:
        sys.exit("run.py: the NumPy peer failed:\n" + npy.stderr)
    load1 = os.getloadavg()
    rows = parse(drv.stdout)
    rows.update(parse(npy.stdout))
    np_line = next((l[len("#numpy "):] for l in npy.stdout.splitlines() if l.startswith("#numpy")), "?")

    model = next((l.split(":", 1)[1].strip() for l in sh("lscpu").splitlines() if l.startswith("Model name")), "?")
    threads = args.threads or os.cpu_count()
    isa = drv.stderr.strip().replace("bench_gemm: ", "")
    md = []
    md.append(f"## GEMM: hastec (libhxrt) vs OpenBLAS vs NumPy, {time.strftime('%Y-%m-%d %H:%M')}\n")
    md.append(f"- machine: {model}, {os.cpu_count()} cores; threads per peer: {threads}; hastec {isa}")
    md.append(f"- OpenBLAS: {openblas or 'not installed (apt-get install libopenblas-dev)'}")
    md.append(f"- NumPy {np_line}")
    md.append(f"- load average (1 min) at start {load0[0]:.2f}, at end {load1[0]:.2f}; GFLOP/s = 2n^3 / best wall "
              "time; `cpu` = 2n^3 / (least process CPU time / threads): the speed with the cores to itself")
    md.append("")
    md.append("| n | type | hastec GFLOP/s | OpenBLAS GFLOP/s | NumPy GFLOP/s | hastec / NumPy | hastec / OpenBLAS "
              "| hastec cpu | OpenBLAS cpu | max rel. err hastec |")
    md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in [int(s) for s in args.sizes.split(",")]:
        for t in ("f32", "f64"):
            h, o, p = rows.get(("hastec", t, n)), rows.get(("openblas", t, n)), rows.get(("numpy", t, n))

            def g(r):
                return f"{r['gflops']:.1f}" if r else "n/a"

            def ratio(x, y):
                return f"{x['gflops'] / y['gflops']:.2f}x" if x and y else "n/a"

            def cpu(r):
                return f"{2.0 * n ** 3 / (r['cpu'] / threads) * 1e-9:.1f}" if r and r["cpu"] > 0 else "n/a"

            md.append(f"| {n} | {t} | {g(h)} | {g(o)} | {g(p)} | {ratio(h, p)} | {ratio(h, o)} | {cpu(h)} | {cpu(o)} "
                      f"| {h['err']:.2g} |" if h else f"| {n} | {t} | n/a | | | | | | | |")
    text = "\n".join(md) + "\n"
    print(text)
    with open(os.path.join(ROOT, "bench", "out", "gemm-latest.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
