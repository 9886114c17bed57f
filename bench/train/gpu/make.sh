#!/usr/bin/env bash
# Builds, here, what bench/train/gpu/run.sh needs on the GPU machine (which has no
# compiler toolchain of ours): bench/train/mlp_gpu.hx twice, --target=opencl and the
# plain CPU target, both for portable x86-64-v3, with their headers and the kernels'
# text, plus libhxrt and libgomp. Output: bench/train/gpu/prebuilt/ (ignored by git;
# carry it to the device: run(..., carry=["bench/train/gpu/prebuilt"])).
#
# Unless --no-check: first checks the program here, on the CPU and (slowly) through
# --target=opencl on PoCL, against the PyTorch reference on the same weights
# (torch_ref.py; /usr/bin/python3 has torch): the loss after 1 and 2 steps must agree
# to 1e-4 relative. HASTEC overrides the compiler (default build/bin/hastec).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../../.." && pwd)"
hastec="${HASTEC:-$root/build/bin/hastec}"
src="$root/bench/train/mlp_gpu.hx"
check=1
for a in "$@"; do
  case "$a" in
    --no-check) check=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "make.sh: unknown argument '$a' (--no-check, --help)" >&2; exit 2 ;;
  esac
done
[ -x "$hastec" ] || { echo "make.sh: no compiler at $hastec (set HASTEC)" >&2; exit 2; }

if [ "$check" = 1 ]; then
  export HX_CACHE_DIR="${HX_CACHE_DIR:-$(mktemp -d /tmp/hx-mlp-gpu-check.XXXXXX)}"
  for n in 1 2; do
    cpu=$("$hastec" run "$src" -e "MlpGpu.run($n)")
    /usr/bin/python3 "$here/torch_ref.py" "$n" --check "$cpu" | tail -1 | sed 's/^/CPU target:    /'
  done
  # PoCL (the CPU's OpenCL) runs every kernel and GEMM of a step: ~15 s for 2 steps
  # on 2 cores, most of it building the 60-odd kernels once.
  cl=$(HX_DEVICE="${HX_CHECK_DEVICE:-cpu}" "$hastec" run --target=opencl "$src" -e "MlpGpu.run(2)")
  /usr/bin/python3 "$here/torch_ref.py" 2 --check "$cl" | tail -1 | sed 's/^/OpenCL target: /'
fi

out="$here/prebuilt"; rm -rf "$out"; mkdir -p "$out"
"$hastec" build --target=opencl --cpu=x86-64-v3 "$src" -o "$out/libmlp_gpu_cl.so"
"$hastec" build --cpu=x86-64-v3 "$src" -o "$out/libmlp_gpu_cpu.so"
"$hastec" build --emit=header "$src" > "$out/mlp_gpu.h"
"$hastec" build --emit=opencl "$src" > "$out/mlp_gpu.cl"
HX_CL_REMARKS=1 "$hastec" build --target=opencl --cpu=x86-64-v3 "$src" -o "$out/remarks.so" 2> "$out/cpu-loops.txt" || true
rm -f "$out/remarks.so"
cp "$(dirname "$hastec")/../lib/libhxrt.so" "$out/"
cp /usr/lib/x86_64-linux-gnu/libgomp.so.1 "$out/"
# base/: the same library beside the runtime of git revision BASE (default HEAD),
# for before/after runs of runtime changes in one session (ab.sh).
mkdir -p "$out/base"; cp "$out/libmlp_gpu_cl.so" "$out/base/"
tmp=$(mktemp -d); git -C "$root" archive "${BASE:-HEAD}" runtime | tar -x -C "$tmp"
cc -shared -fPIC -O2 -fopenmp -DCL_TARGET_OPENCL_VERSION=120 -I"$tmp/runtime/include" -I"$tmp/runtime" \
  -o "$out/base/libhxrt.so" "$tmp"/runtime/*.c -lOpenCL -lz -lm
rm -rf "$tmp"
echo "built from $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . 2>/dev/null || echo '+dirty') (base/: runtime of $(git -C "$root" rev-parse --short "${BASE:-HEAD}")) by $hastec on $(date -u +%FT%TZ)" > "$out/BUILD-INFO.txt"
echo "kernels: $(grep -c '^__kernel' "$out/mlp_gpu.cl"); loops left on the CPU (HX_CL_REMARKS): $(grep -c remark "$out/cpu-loops.txt")" >> "$out/BUILD-INFO.txt"
cat "$out/BUILD-INFO.txt"
du -sh "$out"
