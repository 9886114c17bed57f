"""bench/train/run.sh's JSON lines to one markdown table (digits MLP, ms per epoch)."""
import argparse
import json
import subprocess

# hastec's row: bench/train/hastec_digits.sh's JSON line with "label": "hastec" (run.sh sets it):
# "ms_per_epoch", "ms_per_epoch_min", "cpu_ms_per_epoch", "test_accuracy" (null: none printed),
# "machine": {"threads": N}, and "program", "synthetic" (the stand-in ran), "epochs", "version", "git".
# Without such a line for a thread count, the slot below says why (not run, or the error and its log).
HASTEC_SLOT = "**hastec** (`samples/digits_mlp.hx`)"


def fmt(v, nd=2):
    return "—" if v is None else f"{v:.{nd}f}"


def accuracy(r):
    if r.get("test_accuracy") is None:
        return "—"
    if r.get("synthetic"):
        return "— (synthetic data)"
    return f"{100 * r['test_accuracy']:.2f} %"


def hastec_label(h, epochs):
    if h.get("synthetic"):
        name = f"**hastec** (stand-in `{h.get('program', 'bench/train/digits_fit_synth.hx')}`, synthetic data)"
    else:
        name = f"**hastec** (`{h.get('program', 'samples/digits_mlp.hx')}`)"
    if str(h.get("epochs", epochs)) != str(epochs):
        name += f", {h['epochs']} epochs"
    return name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jsonl")
    ap.add_argument("--load-start", default="?")
    ap.add_argument("--load-end", default="?")
    ap.add_argument("--epochs", default="?")
    a = ap.parse_args()
    rows = [json.loads(line) for line in open(a.jsonl) if line.strip()]
    ok = [r for r in rows if "error" not in r]
    m = ok[0]["machine"] if ok else {}
    try:
        cpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = next((l.split(":", 1)[1].strip() for l in cpu.splitlines() if l.startswith("Model name")), m.get("cpu"))
    except OSError:
        model = m.get("cpu", "?")
    vers = sorted({f"{r['impl']} {r['version']}" for r in ok if r.get("impl") != "hastec"})
    hx = next((r for r in ok if r.get("label") == "hastec"), None)
    print("## Training: digits MLP 64-128-10, batch 32, Adam lr 1e-3 (bench/train/run.sh)\n")
    print(f"- machine: {model}, {m.get('cpus', '?')} CPUs; load average {a.load_start} at the start, "
          f"{a.load_end} at the end (above the CPU count = other work shared the cores)")
    if hx:
        print(f"- hastec {hx.get('version', '?')} (git {hx.get('git', '?')}): {hx.get('note', '')}")
    print(f"- peers: {', '.join(vers) or 'none ran'}; Python {m.get('python', '?')}")
    print(f"- data: samples/data/digits.csv.gz, MINSTD-seed-42 split, 1437 train / 360 test rows, pixels / 16; "
          f"{a.epochs} epochs of 45 batches (44 × 32 + 29)")
    print("- ms/epoch: hastec = median of epochs 2..N, each the time between two of the fit loop's progress "
          "lines on stderr (HX_PROGRESS=plain), kept within the ±5 ms of the epoch seconds the loop prints "
          "(min beside it); PyTorch = median of epochs 2..N (min beside it); scikit-learn = fit time / n_iter_, "
          "median of the fits (min beside it); CPU ms = process CPU time (all threads) per epoch: median "
          "(PyTorch), mean over epochs 2..N (hastec), fit CPU / n_iter_ (scikit-learn); "
          "time vs hastec = this row's min ÷ hastec's min at the same thread count")
    if hx:
        print("- hastec's epoch (Hx.Loop.run, docs/training.md) is div(1437, 32) = 44 steps (the last, partial "
              "batch of each shuffle is left out; the peers run 45 batches) plus the accuracy pass over the "
              "training rows it reports; compiled before the timed run (the compile cache serves it)")
    print()
    hastec = {r["machine"]["threads"]: r for r in ok if r.get("label") == "hastec"}
    hastec_err = {r["machine"]["threads"]: r for r in rows if r.get("label") == "hastec" and "error" in r}
    print("| implementation | threads | ms/epoch (median) | min | CPU ms/epoch | test accuracy | time vs hastec |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    threads = []
    for r in rows:
        t = r["machine"]["threads"]
        if t not in threads:
            threads.append(t)
    for t in threads:
        h = hastec.get(t)
        if h:
            print(f"| {hastec_label(h, a.epochs)} | {t} | {fmt(h['ms_per_epoch'])} | {fmt(h.get('ms_per_epoch_min'))} | "
                  f"{fmt(h.get('cpu_ms_per_epoch'))} | {accuracy(h)} | 1× |")
        elif t in hastec_err:
            print(f"| {HASTEC_SLOT} | {t} | n/a ({hastec_err[t]['error']}) | | | | |")
        else:
            print(f"| {HASTEC_SLOT} | {t} | n/a (not run) | | | | |")
        for r in rows:
            if r["machine"]["threads"] != t or r.get("label") == "hastec":
                continue
            if "error" in r:
                print(f"| {r['label'].replace(' {v}', '')} | {t} | n/a ({r['error']}) | | | | |")
                continue
            ratio = f"{r['ms_per_epoch_min'] / h['ms_per_epoch_min']:.2f}×" if h and h.get("ms_per_epoch_min") else "—"
            print(f"| {r['label'].replace('{v}', r['version'])} | {t} | {fmt(r['ms_per_epoch'])} | {fmt(r['ms_per_epoch_min'])} | "
                  f"{fmt(r['cpu_ms_per_epoch'])} | {accuracy(r)} | {ratio} |")


if __name__ == "__main__":
    main()
