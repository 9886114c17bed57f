#!/usr/bin/env bash
# On the GPU machine (after gpu_make.sh here; carry bench/tensors/prebuilt): Enum.sort's
# device radix sort (hxrt_cl_sort in prebuilt/gpu/new/libhxrt.so) on 2^25 int64 and
# float64, beside CuPy's cupy.sort, one run. Writes $OUT/sort-gpu.md and $OUT/sort-gpu.jsonl.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
P="$here/prebuilt/gpu"; OUT="${OUT:-/tmp/out}"; mkdir -p "$OUT"
[ -f "$P/new/libhxrt.so" ] || { echo "sort_gpu.sh: no $P/new/libhxrt.so: run gpu_make.sh first" >&2; exit 2; }
if command -v nvidia-smi >/dev/null; then
  mkdir -p /etc/OpenCL/vendors && echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd
  gpu=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | head -1)
else
  gpu="no GPU"
fi
py="${PYTHON:-python3}"; J="$OUT/sort-gpu.jsonl"; : > "$J"
export HX_CACHE_DIR; HX_CACHE_DIR="$(mktemp -d)"; export HX_DEVICE="${HX_DEVICE:-gpu}" PYTHONUNBUFFERED=1
N="${N:-33554432}"; K="${K:-7}"
{
echo "# Sort of $N elements on $gpu, $(date -u +%FT%TZ)"; echo
cat "$P/BUILD-INFO.txt" 2>/dev/null; echo; echo '```'
HX_CL_PROFILE=1 LD_LIBRARY_PATH="$P/new:$P" "$py" "$here/sort_bench.py" hastec "$P/new" --n "$N" --k "$K" | tee -a "$J"
LD_LIBRARY_PATH="$P/new:$P" HX_CL_DEBUG=1 "$py" "$here/sort_bench.py" hastec "$P/new" --n "$N" --k 1 2>&1 \
  | grep -E 'sort (ulong|uint)' | tail -2
"$py" "$here/sort_bench.py" cupy --n "$N" --k "$K" 2>&1 | tee -a "$J"
echo '```'
} 2>&1 | tee "$OUT/sort-gpu.md"
