#!/usr/bin/env bash
# Tensor benchmarks (issue 6): hastec's compiled Nx vs NumPy, side by side, one run.
#   bench/tensors/run.sh [K]     (K kernel repetitions per hastec timing, default 21)
# hastec's time per kernel is (t(K) - t(1)) / (K - 1), best of 3, so process
# start and input creation cancel out. NumPy: best of 5 calls in one process.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
hastec="${HASTEC:-$root/build/bin/hastec}"
K="${1:-21}"
src="$root/bench/tensors/tensors.hx"
py=/usr/bin/python3
export HX_CACHE_DIR="${HX_CACHE_DIR:-/tmp/hx-bench-cache}"

wall() {  # best of 3 wall seconds of `hastec run -e CALL`
  local best=""
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$hastec" run "$src" -e "$1" > /dev/null; e=$(date +%s.%N)
    best=$(awk -v a="$best" -v b="$(echo "$e - $s" | bc -l)" 'BEGIN { if (a == "" || b < a) print b; else print a }')
  done
  echo "$best"
}

for k in chain gemm softmax; do "$hastec" run "$src" -e "TBench.${k}_k(1)" > /dev/null; done  # compile once
declare -A np
while read -r name ms; do np[$name]=$ms; done < <("$py" "$root/bench/tensors/numpy_bench.py")

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, HX_NUM_THREADS=${HX_NUM_THREADS:-all}"
echo "numpy: $("$py" -c 'import numpy; print(numpy.__version__)')"
printf "| kernel | hastec ms | NumPy ms | NumPy / hastec |\n| --- | ---: | ---: | ---: |\n"
for k in chain gemm softmax; do
  t1=$(wall "TBench.${k}_k(1)")
  tk=$(wall "TBench.${k}_k($K)")
  ms=$(echo "($tk - $t1) * 1000 / ($K - 1)" | bc -l)
  printf "| %s | %.2f | %.2f | %.2fx |\n" "$k" "$ms" "${np[$k]}" "$(echo "${np[$k]} / $ms" | bc -l)"
done
echo
echo "chain: Nx.sum(Nx.sqrt((x + k) * 2.0 + 1.0)), 2^24 f32; gemm: 1024x1024 f32 dot + sum;"
echo "softmax: rows of x + k, a 4096x1024 f32 matrix (reduce_max/sum over axis 1, broadcasting)."
