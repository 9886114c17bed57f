#!/usr/bin/env python3
"""The table of bench/train/gpu/run.sh: its JSON lines (hx_mlp.py time, torch_mlp_gpu.py)
to one markdown table of steps per second, with the ratio to PyTorch eager on the
same problem (issue 7's target: hastec OpenCL >= 1.0x).

    report.py RESULTS.jsonl --gpu "NVIDIA H100 80GB HBM3" --cpu "16 x Xeon ..."
"""
import argparse
import json


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jsonl")
    ap.add_argument("--gpu", default="?")
    ap.add_argument("--cpu", default="?")
    a = ap.parse_args()
    hx, torch_runs = [], []
    with open(a.jsonl) as f:
        for ln in f:
            ln = ln.strip()
            if not ln:
                continue
            r = json.loads(ln[5:] if ln.startswith("JSON ") else ln)
            (torch_runs if r.get("impl") == "pytorch" else hx).append(r)

    rows = []  # (problem, implementation, where, steps/s, best, ms/step, first call, loss)
    for r in hx:  # labels: hastec-opencl, hastec-cpu, and experiments: hastec-opencl+WHAT
        kind, _, what = r["label"].partition("+")
        where = a.gpu + " (OpenCL)" if kind == "hastec-opencl" else f"CPU, {a.cpu}"
        first = f"{r['first_call_s'] * 1e3:.0f} ms"
        impl = f"hastec {kind.split('-')[1]}" + (f", {what}" if what else "")
        rows.append(("hastec", impl, where, r["steps_per_s"], r["steps_per_s_best"],
                     r["ms_per_step"], first, f"{r['first_loss']:.4f} -> {r['loss_last']:.4f} ({r['steps']} steps)"))
    for t in torch_runs:
        prob = t.get("problem", "teacher")
        for m in t["results"]:
            impl = f"PyTorch {t['version']} {m['mode']} ({'SGD' if t.get('optim') == 'sgd' else 'Adam'})"
            if "error" in m:
                rows.append((prob, impl, t["gpu"], None, None, None, "", "n/a: " + m["error"][:100]))
                continue
            rows.append((prob, impl, t["gpu"], m["steps_per_s"], m["steps_per_s_best"], m["ms_per_step"],
                         f"{m['warmup_s']:.1f} s warm-up",
                         f"{m['loss_first']:.4f} -> {m['loss_last']:.4f}"))

    def eager_rate(prob):
        for r in rows:
            if r[0] == prob and r[1].startswith("PyTorch") and " eager (" in r[1] and r[3]:
                return r[3]
        return None

    print("| problem | implementation | where | steps/s (median) | best | ms/step | vs PyTorch eager | "
          "first call / warm-up | loss |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |")
    for r in rows:
        base = eager_rate(r[0])
        ratio = f"{r[3] / base:.3f}x" if base and r[3] else "—"
        fmt = (lambda v, d: f"{v:.{d}f}" if v else "—")
        print(f"| {'mlp_gpu.hx (GD)' if r[0] == 'hastec' else 'teacher data (Adam)'} | {r[1]} | {r[2]} | "
              f"{fmt(r[3], 1)} | {fmt(r[4], 1)} | {fmt(r[5], 3)} | {ratio} | {r[6]} | {r[7]} |")


if __name__ == "__main__":
    main()
