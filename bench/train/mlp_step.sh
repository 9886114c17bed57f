#!/usr/bin/env bash
# \file mlp_step.sh
# One training step of the digits MLP (64-128-10, batch 32) on a fixed
# synthetic batch, gradient descent and Adam (also with subnormals flushed): hastec (bench/train/mlp_step.hx)
# beside PyTorch eager (bench/train/torch_mlp_step.py), one thread, side by
# side in one run. Prints a markdown table: ms per step (wall and CPU) and per
# 45-step epoch (the digits training split at batch 32).
#
#   bench/train/mlp_step.sh [STEPS] [HASTEC]
#
# hastec's time per step is (t(STEPS + 50) - t(50)) / STEPS of whole
# `hastec run` processes (served from the compile cache), so start-up,
# loading and the first 50 steps cancel out; PyTorch times its own loop after
# 50 warm-up steps. Both print the final loss (same weights, batch and
# update rule): equal to 1e-6 for the first ~500 steps, then f32 rounding
# (summation order) drifts apart slowly (3e-5 at 1,050 steps, ~1% at 2,050).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
N="${1:-2000}"
HASTEC="${2:-$ROOT/build/bin/hastec}"
PY="${BENCH_PYTHON:-/usr/bin/python3}"
NCPU=$(nproc)
export HX_NUM_THREADS=1 OMP_NUM_THREADS=1
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

hx_time() {  # fn steps [hastec flag] -> "wall cpu loss"
  /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$HASTEC" run ${3:-} "$HERE/mlp_step.hx" -e "MlpStep.$1($2)" > "$tmp/out"
  read -r w u s < "$tmp/t"
  echo "$w $(echo "$u + $s" | bc -l) $(cat "$tmp/out")"
}

echo "## digits MLP step, one thread: hastec vs PyTorch eager"
echo
echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $NCPU CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- date: $(date -u +%FT%TZ); hastec: $(git -C "$ROOT" rev-parse --short HEAD); $($PY -c 'import torch; print("torch", torch.__version__)')"
echo "- $N steps (after 50 warm-up steps)"
echo
echo "| update | who | ms/step wall | ms/step CPU | ms/epoch (45 steps) CPU | final loss | CPU ratio |"
echo "| --- | --- | ---: | ---: | ---: | --- | ---: |"
# adam-ftz: subnormals flushed to zero on both sides (hastec --flush-denormals,
# torch.set_flush_denormal(True)): Adam's second moments underflow on this
# fixed batch, and subnormal arithmetic is slow on x86.
for upd in gd adam adam-ftz; do
  fn=run; hflag=""; flag=""
  case $upd in adam) fn=run_adam; flag="--adam" ;; adam-ftz) fn=run_adam; flag="--adam --ftz"; hflag="--flush-denormals" ;; esac
  hx_time "$fn" 1 "$hflag" > /dev/null   # compile into the cache
  read -r w0 c0 _ < <(hx_time "$fn" 50 "$hflag")
  read -r w1 c1 l1 < <(hx_time "$fn" $((N + 50)) "$hflag")
  hw=$(echo "($w1 - $w0) * 1000 / $N" | bc -l); hc=$(echo "($c1 - $c0) * 1000 / $N" | bc -l)
  out=$("$PY" "$HERE/torch_mlp_step.py" "$N" $flag)
  tw=$(echo "$out" | sed -n 's/.*ms\/step wall=\([0-9.]*\) cpu=.*/\1/p')
  tc=$(echo "$out" | sed -n 's/.*ms\/step wall=[0-9.]* cpu=\([0-9.]*\) .*/\1/p')
  tl=$(echo "$out" | sed -n 's/.*loss=\([0-9.]*\) .*/\1/p')
  printf "| %s | hastec | %.3f | %.3f | %.2f | %.6f | 1.0 |\n" $upd "$hw" "$hc" "$(echo "$hc * 45" | bc -l)" "$l1"
  printf "| %s | PyTorch eager | %.3f | %.3f | %.2f | %s | %.1f× |\n" $upd "$tw" "$tc" "$(echo "$tc * 45" | bc -l)" "$tl" "$(echo "$tc / $hc" | bc -l)"
done
