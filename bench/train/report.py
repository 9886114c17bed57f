"""bench/train/run.sh's JSON lines to one markdown table (digits MLP, ms per epoch)."""
import argparse
import json
import subprocess

# TODO(issue 7, lead): hastec's row. Once `grad` compiles, samples/digits_mlp.hx trains the same
# model on the same split (bench/train/digits_data.py); time its epochs the way torch_digits.py
# does (median over epochs 2..N, wall) and append a JSON line with "label": "hastec",
# "ms_per_epoch", "ms_per_epoch_min", "cpu_ms_per_epoch", "test_accuracy" and
# "machine": {"threads": N} to bench/out/train/results.jsonl from run.sh. Until then the table
# shows the slot below and no number.
HASTEC_SLOT = "**hastec** (`samples/digits_mlp.hx`)"


def fmt(v, nd=2):
    return "—" if v is None else f"{v:.{nd}f}"


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
    vers = sorted({f"{r['impl']} {r['version']}" for r in ok})
    print("## Training: digits MLP 64-128-10, batch 32, Adam lr 1e-3 (bench/train/run.sh)\n")
    print(f"- machine: {model}, {m.get('cpus', '?')} CPUs; load average {a.load_start} at the start, "
          f"{a.load_end} at the end (above the CPU count = other work shared the cores)")
    print(f"- peers: {', '.join(vers) or 'none ran'}; Python {m.get('python', '?')}")
    print(f"- data: samples/data/digits.csv.gz, MINSTD-seed-42 split, 1437 train / 360 test rows, pixels / 16; "
          f"{a.epochs} epochs of 45 batches (44 × 32 + 29)")
    print("- ms/epoch: PyTorch = median of epochs 2..N (min beside it); scikit-learn = fit time / n_iter_, "
          "median of the fits (min beside it); CPU ms = process CPU time (all threads) per epoch, median; "
          "time vs hastec = this row's min ÷ hastec's min at the same thread count\n")
    hastec = {r["machine"]["threads"]: r for r in ok if r.get("label") == "hastec"}
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
            print(f"| **hastec** | {t} | {fmt(h['ms_per_epoch'])} | {fmt(h.get('ms_per_epoch_min'))} | "
                  f"{fmt(h.get('cpu_ms_per_epoch'))} | {100 * h['test_accuracy']:.2f} % | 1× |")
        else:
            print(f"| {HASTEC_SLOT} | {t} | TODO: n/a until `grad` compiles (issue 7) | | | | |")
        for r in rows:
            if r["machine"]["threads"] != t or r.get("label") == "hastec":
                continue
            if "error" in r:
                print(f"| {r['label'].replace(' {v}', '')} | {t} | n/a ({r['error']}) | | | | |")
                continue
            ratio = f"{r['ms_per_epoch_min'] / h['ms_per_epoch_min']:.2f}×" if h else "—"
            print(f"| {r['label'].replace('{v}', r['version'])} | {t} | {fmt(r['ms_per_epoch'])} | {fmt(r['ms_per_epoch_min'])} | "
                  f"{fmt(r['cpu_ms_per_epoch'])} | {100 * r['test_accuracy']:.2f} % | {ratio} |")


if __name__ == "__main__":
    main()
