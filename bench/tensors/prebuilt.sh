#!/usr/bin/env bash
# bench/tensors on a machine without a hastec build (the 16-core GPU host):
# the kernels' .so files, hx-run and libhxrt are built here first with
#   bench/tensors/prebuilt.sh --make          (into bench/tensors/prebuilt/)
# and the timing half runs there with
#   bench/tensors/prebuilt.sh [K]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
P="$root/bench/tensors/prebuilt"
if [ "${1:-}" = "--make" ]; then
  hastec="${HASTEC:-$root/build/bin/hastec}"
  cache=$(mktemp -d)
  rm -rf "$P" && mkdir -p "$P"
  for k in chain gemm softmax; do
    HX_CACHE_DIR="$cache" "$hastec" run "$root/bench/tensors/tensors.hx" -e "TBench.${k}_k(1)" > /dev/null
  done
  for d in "$cache"/*/; do
    e=$(grep -o "entry TBench\.[a-z_]*" "$d/key.txt" | sed 's/entry TBench\.//')
    cp "$d/lib.so" "$P/$e.so"
  done
  cp "$(dirname "$hastec")/hx-run" "$(dirname "$hastec")/../lib/libhxrt.so" "$P/"
  rm -rf "$cache"
  exit 0
fi
K="${1:-21}"
export LD_LIBRARY_PATH="$P${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
run() { "$P/hx-run" "$P/$1_k.so" "hxe_hx_run_TBench_$1_k" f i "$2" > /dev/null; }
best() {  # best of 3 wall seconds
  local b=""
  for _ in 1 2 3; do
    local s e; s=$(date +%s.%N); run "$1" "$2"; e=$(date +%s.%N)
    b=$(awk -v a="$b" -v c="$(echo "$e - $s" | bc -l)" 'BEGIN { if (a == "" || c < a) print c; else print a }')
  done
  echo "$b"
}
declare -A np
while read -r name ms; do np[$name]=$ms; done < <("${PYTHON:-python3}" "$root/bench/tensors/numpy_bench.py")
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, HX_NUM_THREADS=${HX_NUM_THREADS:-all}"
echo "numpy: $("${PYTHON:-python3}" -c 'import numpy; print(numpy.__version__)')"
printf "| kernel | hastec ms | NumPy ms | NumPy / hastec |\n| --- | ---: | ---: | ---: |\n"
for k in chain gemm softmax; do
  t1=$(best "$k" 1); tk=$(best "$k" "$K")
  ms=$(echo "($tk - $t1) * 1000 / ($K - 1)" | bc -l)
  printf "| %s | %.2f | %.2f | %.2fx |\n" "$k" "$ms" "${np[$k]}" "$(echo "${np[$k]} / $ms" | bc -l)"
done
