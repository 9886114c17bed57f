#!/usr/bin/env bash
# Builds what the GPU machine needs (it has no compiler toolchain for us):
# the logistic map and the memory-bound chain with --target=opencl, portable
# x86-64-v3 code, libhxrt, the hx_time driver. Output: bench/gpu/prebuilt/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../.." && pwd)"
hastec="${HASTEC:-$root/build/bin/hastec}"
out="$here/prebuilt"; rm -rf "$out"; mkdir -p "$out"
for prog in "$root/samples/logistic_map.hx" "$root/bench/programs/chain.hx"; do
  stem=$(basename "$prog" .hx)
  "$hastec" build --target=opencl --cpu=x86-64-v3 "$prog" -o "$out/lib${stem}.so"
  "$hastec" build --emit=opencl "$prog" > "$out/${stem}.cl"
done
cp "$(dirname "$hastec")/../lib/libhxrt.so" "$out/"
cp /usr/lib/x86_64-linux-gnu/libgomp.so.1 "$out/"
cc -O2 -o "$out/hx_time" "$root/bench/hx_time.c" -I"$root/runtime/include" -I"$root/bench/c" -ldl -lm
echo "built $(git -C "$root" rev-parse --short HEAD) on $(date -u +%FT%TZ)" > "$out/BUILD-INFO.txt"
ls -la "$out"
