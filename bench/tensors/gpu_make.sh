#!/usr/bin/env bash
# Builds, here, what bench/tensors/gpu_run.sh needs on the GPU machine (no compiler
# of ours there): tensors.hx with --target=opencl for portable x86-64-v3, its header
# and kernels' text, libgomp, and two libhxrt: new/ (this checkout's runtime) and
# base/ (the runtime of git revision BASE, default HEAD: "before" in the same run).
# Output: bench/tensors/prebuilt/gpu/ (ignored by git; carry bench/tensors/prebuilt).
# HASTEC overrides the compiler (default build/bin/hastec), BASE the base revision.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../.." && pwd)"
hastec="${HASTEC:-$root/build/bin/hastec}"
[ -x "$hastec" ] || { echo "gpu_make.sh: no compiler at $hastec (set HASTEC)" >&2; exit 2; }
out="$here/prebuilt/gpu"; rm -rf "$out"; mkdir -p "$out/new" "$out/base"
src="$here/tensors.hx"
"$hastec" build --target=opencl --cpu=x86-64-v3 "$src" -o "$out/libtensors_cl.so"
"$hastec" build --emit=header "$src" > "$out/tensors.h"
"$hastec" build --emit=opencl "$src" > "$out/tensors.cl"
cp "$(dirname "$hastec")/../lib/libhxrt.so" "$out/new/"
cp /usr/lib/x86_64-linux-gnu/libgomp.so.1 "$out/"
base="${BASE:-HEAD}"; tmp=$(mktemp -d)
git -C "$root" archive "$base" runtime | tar -x -C "$tmp"
cc -shared -fPIC -O2 -fopenmp -DCL_TARGET_OPENCL_VERSION=120 -I"$tmp/runtime/include" -I"$tmp/runtime" \
  -o "$out/base/libhxrt.so" "$tmp"/runtime/*.c -lOpenCL -lz -lm
rm -rf "$tmp"
echo "built from $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- runtime 2>/dev/null || echo '+runtime changes') (base: $(git -C "$root" rev-parse --short "$base")) by $hastec on $(date -u +%FT%TZ)" > "$out/BUILD-INFO.txt"
echo "kernels: $(grep -c '^__kernel' "$out/tensors.cl")" >> "$out/BUILD-INFO.txt"
cat "$out/BUILD-INFO.txt"; du -sh "$out"
