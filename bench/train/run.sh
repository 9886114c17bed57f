#!/usr/bin/env bash
# \file run.sh
# Training benchmark (issue 7), CPU side: the digits MLP 64-128-10, batch 32,
# Adam (lr 1e-3), ms per epoch, for hastec's compiled fit loop
# (bench/train/hastec_digits.sh: samples/digits_mlp.hx, or its stand-in
# bench/train/digits_fit_synth.hx while the sample is missing), PyTorch (eager,
# CPU) and scikit-learn's MLPClassifier, on the fixed split of
# bench/train/digits_data.py. Prints one
# markdown table naming the machine and its load average (the wall clock on a
# shared machine measures the neighbours too; the CPU ms column much less so).
#
#   bench/train/run.sh [--epochs N] [--reps N] [--threads "1 2"] [--wait-quiet S] [--no-install]
#                      [--hastec PATH]
#
# --hastec PATH: the compiler (default: $HASTEC, else build/bin/hastec, else
# hastec on PATH); without one, the hastec rows say n/a and name the log.
#
# --wait-quiet S: first wait (up to S seconds) for the 1-minute load average
# to fall below the CPU count, as bench/run.sh does.
#
# Threads: each row sets HX_NUM_THREADS (which the peers turn into
# OMP/OPENBLAS/MKL_NUM_THREADS and torch.set_num_threads); default: 1 and
# HX_NUM_THREADS (or all CPUs). With more than one thread PyTorch's OpenMP
# threads spin-wait between its many tiny parallel regions, which costs a lot
# on a busy machine, so a row with OMP_WAIT_POLICY=passive is added (for
# PyTorch and for hastec, whose runtime is libgomp too).
# The GPU peer (bench/train/torch_mlp_gpu.py) runs on the GPU machine; see
# bench/train/README.md. Raw JSON lines: bench/out/train/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="${BENCH_PYTHON:-/usr/bin/python3}"
EPOCHS=20 REPS=3 INSTALL=1 THREADS="" WAIT=0 HX="${HASTEC:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) EPOCHS="$2"; shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    --wait-quiet) WAIT="$2"; shift 2 ;;
    --hastec) HX="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$THREADS" ]; then
  n="${HX_NUM_THREADS:-$(nproc)}"
  if [ "$n" = 1 ]; then THREADS="1"; else THREADS="1 $n"; fi
fi
if [ "$INSTALL" = 1 ]; then "$ROOT/bench/install.sh"; fi
for mod in torch sklearn threadpoolctl; do
  "$PY" -c "import $mod" 2>/dev/null || { echo "run.sh: $PY cannot import $mod (bench/install.sh installs python3-torch and python3-sklearn)" >&2; exit 1; }
done

if [ "$WAIT" -gt 0 ]; then
  end=$((SECONDS + WAIT))
  while [ $SECONDS -lt $end ] && awk -v n="$(nproc)" '{ exit !($1 >= n) }' /proc/loadavg; do sleep 10; done
fi
OUT="$ROOT/bench/out/train"
mkdir -p "$OUT"
JSONL="$OUT/results.jsonl"
: > "$JSONL"
LOAD0="$(cut -d' ' -f1-3 /proc/loadavg)"

row() {  # row LABEL THREADS [ENV=VAL...] -- COMMAND ARGS...  (the command prints a `JSON {...}` line)
  local label="$1" t="$2"; shift 2
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  local log="$OUT/$(echo "$label-$t" | tr -c 'A-Za-z0-9_-' _).log"
  if env "${envs[@]}" HX_NUM_THREADS="$t" "$@" > "$log" 2>&1; then
    grep '^JSON ' "$log" | sed 's/^JSON //' | "$PY" -c \
      'import json,sys; r=json.loads(sys.stdin.read()); r["label"]=sys.argv[1]; print(json.dumps(r))' "$label" >> "$JSONL"
  else
    echo "{\"label\": \"$label\", \"error\": \"exit $?, see $log\", \"machine\": {\"threads\": $t}}" >> "$JSONL"
  fi
}

for t in $THREADS; do
  # hastec: the compiled fit loop, its epochs timed from its progress lines (hastec_digits.sh --help)
  row "hastec" "$t" BENCH_PYTHON="$PY" -- "$HERE/hastec_digits.sh" --epochs "$EPOCHS" ${HX:+--hastec "$HX"}
  if [ "$t" -gt 1 ]; then
    row "hastec, OMP_WAIT_POLICY=passive" "$t" OMP_WAIT_POLICY=passive BENCH_PYTHON="$PY" -- \
      "$HERE/hastec_digits.sh" --epochs "$EPOCHS" ${HX:+--hastec "$HX"}
  fi
  row "PyTorch {v} eager (CPU)" "$t" -- "$PY" "$HERE/torch_digits.py" --epochs "$EPOCHS"
  if [ "$t" -gt 1 ]; then
    row "PyTorch {v} eager (CPU), OMP_WAIT_POLICY=passive" "$t" OMP_WAIT_POLICY=passive -- "$PY" "$HERE/torch_digits.py" --epochs "$EPOCHS"
  fi
  row "scikit-learn {v} MLPClassifier" "$t" -- "$PY" "$HERE/sklearn_digits.py" --epochs "$EPOCHS" --reps "$REPS"
done
LOAD1="$(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" "$HERE/report.py" "$JSONL" --load-start "$LOAD0" --load-end "$LOAD1" --epochs "$EPOCHS" | tee "$OUT/table.md"
