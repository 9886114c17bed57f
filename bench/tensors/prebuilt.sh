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
exec "${PYTHON:-python3}" "$root/bench/tensors/time_prebuilt.py" "${1:-21}"
