#!/usr/bin/env python3
"""Turns bench/run.sh's JSON lines into the markdown results table.

    report.py full|scaling RESULTS.jsonl META.json

RESULTS.jsonl: one object per timing, {"bench", "impl", "n", "value",
"min_s", "median_s", "reps", ...} (bench/c/bench_common.h), or
{"bench", "impl", "n", "error"} for a row that could not run.
META.json: machine and run facts gathered by run.sh.
Prints markdown on stdout. Pure Python (no numpy), so it runs anywhere.

Checks: the logistic map against 112374114484872 for n = 2^25 (the issue's
number) or a pure-Python reference for small n; the chain against its exact
value, computed from the input's period of 1024 (x[i] = (i mod 1024)/1024).
"""
import json
import math
import struct
import sys
from fractions import Fraction

LM_SUM_2_25 = 112374114484872
CPU_MIN_S = 0.05  # CPU-time columns only for calls at least this long
P_CONST = 6_700_417

# Benchmarks in table order: id -> (title, kind)
LOGISTIC = [
    ("map_sum", "`LogisticMap.map_sum(n, 6_700_417)`: ten fused steps, modulus a run-time parameter, then `Enum.sum`"),
    ("sum", "`LogisticMap.sum(n)`: the same with the constant modulus `@p` (known at compile time)"),
    ("map_list", "`LogisticMap.map_list(n, p)`: the ten steps returning the list (a new n-element array each call)"),
]
CHAIN = [
    ("f64_sqrt", "f64: `xs |> map(a*x+b) |> map(&:math.sqrt/1) |> filter(&(&1 > t)) |> sum` (bench/programs/chain.hx)"),
    ("f32_sqrt", "f32: the same over `[Hx.f32()]` (bench/programs/chain_f32.hx); half the bytes per element"),
    ("f64_affine", "f64 without sqrt: `xs |> map(a*x+b) |> filter(&(&1 > t)) |> sum` (bench/programs/chain_nosqrt.hx)"),
]
IMPL_ORDER = ["hastec", "c", "numpy", "numba-first", "numba", "elixir"]


def impl_label(r, meta):
    impl = r["impl"]
    pre = meta.get("prebuilt")
    if impl == "hastec":
        return "**hastec**" + (f" (prebuilt, --cpu={pre})" if pre else "")
    if impl == "c":
        flags = f"-O3 -march={pre if pre else 'native'} -fopenmp"
        if r["bench"].endswith("_sqrt") or r["bench"] == "f64_affine":
            flags += " -fno-math-errno"
        return f"C, fused by hand ({flags}{', prebuilt' if pre else ''})"
    if impl == "numpy":
        return "NumPy (vectorised, unfused)"
    if impl == "numba-first":
        return "Numba, first call (JIT + run)"
    if impl == "numba":
        return "Numba, warm (`parallel=True`, prange)"
    if impl == "elixir":
        return "Elixir (same .hx file)"
    return impl


def md_escape(s):
    return s.replace("|", "\\|")


def pow2(n):
    if n > 0 and n & (n - 1) == 0:
        return f"2^{n.bit_length() - 1}"
    return str(n)


def fmt_time(s):
    if s is None:
        return "—"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.3g} ms"
    return f"{s * 1e6:.3g} µs"


def fmt_ratio(x):
    if x is None:
        return "—"
    return f"{x:.3g}×"


# ---- references --------------------------------------------------------------

def logistic_ref(n, p=P_CONST):
    if n == 2**25 and p == P_CONST:
        return LM_SUM_2_25
    if n > 2**20:
        return None
    s = 0
    for i in range(1, n + 1):
        x = i
        for _ in range(10):
            x = 22 * x * (x + 1) % p
        s += x
    return s


def f32(v):
    return struct.unpack("f", struct.pack("f", v))[0]


def chain_ref(bench, n, a, b, t):
    """Exact sum of the kept elements, as a Fraction (elements computed in
    the bench's precision: IEEE f64, or f32 for the f32 form)."""
    per = {}
    for k in range(1024):
        x = k / 1024.0
        if bench == "f32_sqrt":
            y = f32(math.sqrt(f32(f32(f32(a) * x) + f32(b))))
            keep = y > f32(t)
        elif bench == "f64_sqrt":
            y = math.sqrt(a * x + b)
            keep = y > t
        else:
            y = a * x + b
            keep = y > t
        per[k] = Fraction(y) if keep else Fraction(0)
    full, rest = divmod(n, 1024)
    total = sum(per.values()) * full + sum(per[k] for k in range(rest))
    return total


def check(r, meta):
    """(ok, text) for a result row."""
    if "value" not in r:
        return None, ""
    v, n, bench = r["value"], r["n"], r["bench"]
    if bench in ("map_sum", "sum", "map_list"):
        if isinstance(v, dict):
            if v.get("len") != n:
                return False, f"✗ len {v.get('len')}"
            v = v.get("sum")
        ref = meta.setdefault("_lm_ref", {}).get(str(n))
        if ref is None:
            ref = logistic_ref(n)
            meta["_lm_ref"][str(n)] = ref
        if ref is None:
            return None, f"{v} (no reference)"
        return (v == ref), ("✓" if v == ref else f"✗ {v} ≠ {ref}")
    a, b, t = meta["chain_abt"]
    key = f"{bench}:{n}"
    refs = meta.setdefault("_chain_ref", {})
    if key not in refs:
        refs[key] = chain_ref(bench, n, a, b, t)
        refs[key.replace("f32_sqrt", "f64_sqrt") + ":f64"] = chain_ref("f64_sqrt", n, a, b, t)
    ref = refs[key]
    if bench == "f32_sqrt" and r["impl"] == "elixir":  # Elixir's floats are 64-bit
        ref = refs[key.replace("f32_sqrt", "f64_sqrt") + ":f64"]
    if isinstance(v, dict):
        v = v.get("sum")
    if v is None:
        return None, "no value"
    err = abs(Fraction(v) - ref) / ref if ref else abs(Fraction(v))
    tol = {"f64_affine": 0, "f64_sqrt": 1e-9, "f32_sqrt": 1e-4}[bench]
    ok = err <= tol
    text = "✓" if err == 0 else f"{'✓' if ok else '✗'} rel. err {float(err):.1g}"
    return ok, text


# ---- tables ------------------------------------------------------------------

def is_small(r, meta):
    """hastec's extra row at Elixir's n (the reference for Elixir's ratio)."""
    return r["impl"] == "hastec" and r["n"] == meta.get("n_small") and r["n"] not in meta.get("n_big", [])


def sort_rows(rows, meta):
    def key(r):
        i = IMPL_ORDER.index(r["impl"]) if r["impl"] in IMPL_ORDER else 99
        return (-r["n"], i)
    rows = sorted(rows, key=key)
    # The small-n hastec row goes right after Elixir's, as its reference.
    big = [r for r in rows if r["impl"] != "elixir" and not is_small(r, meta)]
    small = [r for r in rows if r["impl"] == "elixir"] + [r for r in rows if is_small(r, meta)]
    return big + small


def hastec_time(rows, bench, n, key="min_s"):
    for r in rows:
        if r["impl"] == "hastec" and r["bench"] == bench and r["n"] == n and r.get(key):
            return r[key]
    return None


def table(rows, bench, meta, memory):
    out = []
    if memory:
        out.append("| implementation | n | threads | min | median | cores busy | GB/s (of xs) | % of copy BW | time vs hastec | CPU time vs hastec | result |")
        out.append("|---|---|---|---|---|---|---|---|---|---|---|")
    else:
        out.append("| implementation | n | threads | min | median | cores busy | ns / element | time vs hastec | CPU time vs hastec | result |")
        out.append("|---|---|---|---|---|---|---|---|---|---|")
    copy_bw = meta.get("copy_gbs")
    for r in sort_rows([r for r in rows if r["bench"] == bench], meta):
        label = impl_label(r, meta)
        if is_small(r, meta):
            label += " (at Elixir's n)"
        n = r["n"]
        thr = r.get("threads", "")
        if "error" in r:
            cells = [label, pow2(n), "", md_escape(r["error"]), "—", "—"] + (["—", "—"] if memory else ["—"]) + ["—", "—", ""]
            out.append("| " + " | ".join(cells) + " |")
            continue
        mn, md = r["min_s"], r["median_s"]
        if r["impl"] == "numba-first":
            md_text = "(one call)"
        else:
            md_text = fmt_time(md)
        # Other threads' CPU time reaches the process clock at scheduler ticks: too coarse below ~50 ms.
        cpu_ok = r.get("cpu_s") and mn >= CPU_MIN_S
        ht = hastec_time(rows, bench, n)
        ratio = mn / ht if ht else None
        hc = hastec_time(rows, bench, n, key="cpu_s")
        ht_ok = ht is not None and ht >= CPU_MIN_S
        cpu_ratio = r["cpu_s"] / hc if hc and cpu_ok and ht_ok else None
        _, chk = check(r, meta)
        if r["impl"] == "numba-first" and "import_s" in r:
            chk += f" (+{r['import_s']:.2f} s `import numba`)"
        if r["impl"] == "elixir" and bench == "f32_sqrt":
            chk += " (64-bit floats)"
        busy = f"{r['cpu_s'] / mn:.2f}" if cpu_ok else "—"
        cells = [label, pow2(n), str(thr), fmt_time(mn), md_text, busy]
        # GB/s only where it means memory bandwidth: the big n, warm calls.
        streaming = r["impl"] != "numba-first" and n in meta.get("n_big", [n])
        if memory:
            gbs = r.get("bytes", 0) / mn / 1e9 if r.get("bytes") and streaming else None
            cells.append(f"{gbs:.2f}" if gbs else "—")
            cells.append(f"{100 * gbs / copy_bw:.0f} %" if gbs and copy_bw else "—")
        else:
            cells.append(f"{mn / n * 1e9:.3g}" if r["impl"] != "numba-first" else "—")
        cells += [fmt_ratio(ratio), fmt_ratio(cpu_ratio), chk]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def header(meta, title):
    lines = [f"# {title}", ""]
    lines.append(f"- date: {meta.get('date', '?')}")
    lines.append(f"- machine: {meta.get('cpu', '?')}, {meta.get('cores', '?')}; {meta.get('mem', '?')}"
                 f"; load average {meta.get('load', '?')} (above the CPU count = other work shared the cores)")
    lines.append(f"- hastec: {meta.get('hastec', '?')}")
    if meta.get("warnings"):
        for w in meta["warnings"]:
            lines.append(f"- **warning**: {w}")
    lines.append(f"- peers: {meta.get('peers', '?')}")
    lines.append(f"- command: `{meta.get('command', 'bench/run.sh')}`; times are wall-clock, min and median of "
                 f"{meta.get('reps_policy', '3 to 5 calls')}; \"time vs hastec\" = this row's min ÷ hastec's min "
                 "at the same n (above 1× = slower than hastec); threads \"(default)\" = HX_NUM_THREADS unset; "
                 "\"cores busy\" = the process's CPU time ÷ wall time in the fastest call (well below the thread "
                 "count = the row was starved by other work on the machine, or its threads waited); \"CPU time vs hastec\" "
                 "compares the CPU seconds of those calls (the work done, all threads together: steadier than wall "
                 "time on a loaded machine, blind to how well the work is spread over cores); both only for calls "
                 "of 50 ms or more, as other threads' CPU time is counted in scheduler ticks.")
    return lines


def full(rows, meta):
    lines = header(meta, "hastec benchmarks")
    # machine bandwidth
    # Each kernel's fastest probe (run.sh probes copy at the start, before the chain and at the end).
    bw, probes = {}, {}
    for r in rows:
        if r["bench"] in ("copy", "memcpy", "read") and "min_s" in r:
            probes.setdefault(r["bench"], []).append(r["min_s"])
            if r["bench"] not in bw or r["min_s"] < bw[r["bench"]]["min_s"]:
                bw[r["bench"]] = r
    if "copy" in bw:
        meta["copy_gbs"] = bw["copy"]["bytes"] / bw["copy"]["min_s"] / 1e9
    lines += ["", "## 0. Memory bandwidth of this machine (bench/c/stream.c, OpenMP, same harness)", ""]
    lines.append("| kernel | n (doubles) | threads | min | GB/s | probes (GB/s each) |")
    lines.append("|---|---|---|---|---|---|")
    names = {"copy": "STREAM copy `b[i] = a[i]` (16 B/element) — **the reference for % of copy BW**",
             "memcpy": "memcpy, one slice per thread (16 B/element)",
             "read": "read-only sum (8 B/element)"}
    for k in ("copy", "memcpy", "read"):
        if k in bw:
            r = bw[k]
            each = ", ".join(f"{r['bytes'] / t / 1e9:.2f}" for t in probes[k])
            lines.append(f"| {names[k]} | {pow2(r['n'])} | {r.get('threads', '')} | {fmt_time(r['min_s'])} | "
                         f"{r['bytes'] / r['min_s'] / 1e9:.2f} | {each} |")
    lines += ["", "## 1. Logistic map (samples/logistic_map.hx)", ""]
    for bench, title in LOGISTIC:
        lines += [f"### {title}", "", table(rows, bench, meta, memory=False), ""]
    lines += ["## 2. Memory-bound chain, GB/s of the input read once", "",
              f"a = {meta['chain_abt'][0]}, b = {meta['chain_abt'][1]}, t = {meta['chain_abt'][2]}, "
              "x[i] = (i mod 1024)/1024; GB/s = bytes of xs ÷ min time; % of copy BW = that ÷ the STREAM copy "
              "figure of section 0.", ""]
    for bench, title in CHAIN:
        lines += [f"### {title}", "", table(rows, bench, meta, memory=True), ""]
    builds = [r for r in rows if r["bench"] == "build"]
    lines += ["## 3. `hastec build` time per sample (wall clock, whole process)", ""]
    if builds:
        lines.append("| sample | runs | median | min |")
        lines.append("|---|---|---|---|")
        for r in builds:
            if "error" in r:
                lines.append(f"| {r['impl']} | — | {md_escape(r['error'])} | — |")
            else:
                lines.append(f"| {r['impl']} | {r['reps']} | {fmt_time(r['median_s'])} | {fmt_time(r['min_s'])} |")
    else:
        lines.append(meta.get("build_note", "not measured"))
    lines.append("")
    return "\n".join(lines)


def scaling(rows, meta):
    lines = header(meta, "hastec scaling: logistic map vs threads")
    lines.append("- threads: HX_NUM_THREADS and OMP_NUM_THREADS set together for every row")
    lines.append("")
    threads = sorted({int(r["threads"]) for r in rows if str(r.get("threads", "")).isdigit()})
    cols = [(b, impl) for b, _ in LOGISTIC for impl in ("hastec", "c")]
    lines.append("| threads | " + " | ".join(f"{'hastec' if i == 'hastec' else 'C'} {b}" for b, i in cols) + " |")
    lines.append("|---" * (len(cols) + 1) + "|")
    base = {}
    for th in threads:
        cells = [str(th)]
        for b, impl in cols:
            r = next((r for r in rows if r["bench"] == b and r["impl"] == impl and r.get("threads") == str(th)), None)
            if r is None:
                cells.append("—")
            elif "error" in r:
                cells.append(md_escape(r["error"]))
            else:
                base.setdefault((b, impl), r["min_s"])
                ok, chk = check(r, meta)
                mark = "" if ok else f" {chk}"
                cells.append(f"{fmt_time(r['min_s'])} ({base[(b, impl)] / r['min_s']:.2f}×){mark}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Each cell: min time, and in brackets the speed-up over the first (fewest threads) row. "
              f"n = {pow2(meta.get('n_lm', 0))}.", ""]
    return "\n".join(lines)


def main():
    mode, res, metaf = sys.argv[1:4]
    rows = []
    with open(res) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                r = json.loads(line)
                if r["bench"] == "all":  # one process for every benchmark failed (Elixir)
                    rows += [dict(r, bench=b) for b, _ in LOGISTIC + CHAIN]
                else:
                    rows.append(r)
    with open(metaf) as f:
        meta = json.load(f)
    print(full(rows, meta) if mode == "full" else scaling(rows, meta))


if __name__ == "__main__":
    main()
