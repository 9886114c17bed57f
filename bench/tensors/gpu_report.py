#!/usr/bin/env python3
"""gpu_run.sh's JSON lines to a markdown table: per kernel, hastec OpenCL (the
runtime before device mirrors, and with them) beside CuPy and PyTorch.

    gpu_report.py tensors-gpu.jsonl [--gpu NAME]
"""
import json
import sys

FLOPS = {"chain": 4 * (1 << 24), "gemm": 2 * 1024 ** 3 + 1024 ** 2, "softmax": 5 * 4096 * 1024}
WHAT = {"chain": "chain `sum(sqrt((x + k) * 2 + 1))`, 2^24 f32",
        "gemm": "1024x1024 f32 `dot` + `sum`", "softmax": "row softmax, 4096x1024 f32"}


def main():
    rows = [json.loads(l[5:]) for l in open(sys.argv[1]) if l.startswith("JSON ")]
    gpu = sys.argv[sys.argv.index("--gpu") + 1] if "--gpu" in sys.argv else "?"
    get = lambda **kv: next((r for r in rows if all(r.get(k) == v for k, v in kv.items())), None)
    peers = {r["impl"]: r for r in rows if r["impl"] in ("cupy", "torch")}
    ver = ", ".join("%s %s" % ({"cupy": "CuPy", "torch": "PyTorch"}[k], v["version"]) for k, v in peers.items())
    print("GPU: %s; %s; TF32 off.\n" % (gpu, ver))
    print("| kernel | implementation | device ms | end-to-end ms | GFLOP/s (device) | GFLOP/s (end-to-end) | copied per iteration |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    f = lambda v: "%.3f" % v if v is not None else "n/a"
    g = lambda kern, v: "%.1f" % (FLOPS[kern] / v * 1e-6) if v else "n/a"
    for kern in ("chain", "gemm", "softmax"):
        base, new = get(label="base", kernel=kern), get(label="new", kernel=kern)
        prof, nom = get(label="new-profile", kernel=kern), get(label="new-nomirror-profile", kernel=kern)
        out = []
        if base:
            up = nom and "%.0f MiB up, %.2f MiB down" % (nom["up_mb"], nom["down_mb"])
            out.append(("hastec OpenCL, runtime before device mirrors", nom and nom["kernel_ms"], base["e2e_ms"], up))
        if new:
            up = prof and "%.0f MiB up, %.2f MiB down" % (prof["up_mb"], prof["down_mb"])
            out.append(("hastec OpenCL, device mirrors", prof and prof["kernel_ms"], new["e2e_ms"], up))
        for k, name in (("cupy", "CuPy"), ("torch", "PyTorch eager")):
            r = get(impl=k, kernel=kern)
            if r:
                out.append((name, r["dev_ms"], r["e2e_ms"], "inputs once (device); every call (end-to-end)"))
        for i, (name, dev, e2e, cp) in enumerate(out):
            print("| %s | %s | %s | %s | %s | %s | %s |" % (WHAT[kern] if i == 0 else "", name, f(dev), f(e2e),
                                                          g(kern, dev), g(kern, e2e), cp or ""))
    scan = [r for r in rows if r["impl"] in ("hastec-gemm", "torch-gemm")]
    if scan:
        print("\nf32 GEMM alone (hxrt_cl_gemm, device time from profiling events; R x R elements per work-item, "
              "auto: the runtime's choice) beside cuBLAS through PyTorch (TF32 off), TFLOP/s:\n")
        shapes = []
        for r in scan:
            if (r["m"], r["k"], r["n"]) not in shapes:
                shapes.append((r["m"], r["k"], r["n"]))
        print("| m x k x n | R = 1 | R = 2 | R = 4 | auto | cuBLAS | max rel. error (auto) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for m, k, n in shapes:
            cell = lambda **kv: next(("%.2f" % r["tflops"] for r in scan if (r["m"], r["k"], r["n"]) == (m, k, n)
                                      and all(r.get(a) == b for a, b in kv.items())), "")
            err = next((r["max_rel_err"] for r in scan if (r["m"], r["k"], r["n"]) == (m, k, n) and r.get("R") == "auto"), None)
            print("| %dx%dx%d | %s | %s | %s | %s | %s | %s |" % (m, k, n, cell(R="1"), cell(R="2"), cell(R="4"),
                  cell(R="auto"), cell(impl="torch-gemm"), "%.1e" % err if err is not None else ""))
    print("\nhastec: per iteration of the entry point's loop, (median t(K) - median t(1)) / (K - 1); device ms: its "
          "kernels' and GEMMs' OpenCL profiling-event time (HX_CL_PROFILE=1, a separate process; for the 'before' row "
          "the new runtime with HX_CL_MIRROR_MB=0, so its GEMM is the new kernel: R = 1 in the GEMM table is the "
          "earlier kernel's shape). CuPy/PyTorch: device ms with the inputs on the GPU, end-to-end "
          "with them copied from host NumPy arrays in each call; median of 20 / 10, synchronised.")


if __name__ == "__main__":
    main()
