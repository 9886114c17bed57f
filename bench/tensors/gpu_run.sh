#!/usr/bin/env bash
# On the GPU machine (after gpu_make.sh here; carry bench/tensors/prebuilt): issue 6's
# tensor kernels (chain, 1024x1024 GEMM + sum, row softmax), hastec --target=opencl
# (the runtime before device mirrors, base/, and this checkout's, new/) beside CuPy
# and PyTorch, one run, side by side. Writes $OUT/tensors-gpu.md and $OUT/tensors-gpu.jsonl.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
P="$here/prebuilt/gpu"; OUT="${OUT:-/tmp/out}"; mkdir -p "$OUT"
[ -f "$P/libtensors_cl.so" ] || { echo "gpu_run.sh: no $P/libtensors_cl.so: run gpu_make.sh first" >&2; exit 2; }
if command -v nvidia-smi >/dev/null; then
  mkdir -p /etc/OpenCL/vendors && echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd
  gpu=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | head -1)
else
  gpu="no GPU"
fi
py="${PYTHON:-python3}"; J="$OUT/tensors-gpu.jsonl"; : > "$J"
export HX_CACHE_DIR; HX_CACHE_DIR="$(mktemp -d)"; export HX_DEVICE="${HX_DEVICE:-gpu}" PYTHONUNBUFFERED=1
K="${K:-11}"
{
echo "# Tensor kernels on $gpu, $(date -u +%FT%TZ)"; echo
cat "$P/BUILD-INFO.txt"; echo; echo '```'
for v in base new; do
  LD_LIBRARY_PATH="$P/$v:$P" "$py" "$here/gpu_bench.py" hastec "$P/$v" --label "$v" --k "$K" | tee -a "$J"
done
HX_CL_PROFILE=1 LD_LIBRARY_PATH="$P/new:$P" "$py" "$here/gpu_bench.py" hastec "$P/new" --label new-profile --k "$K" | tee -a "$J"
HX_CL_MIRROR_MB=0 HX_CL_PROFILE=1 LD_LIBRARY_PATH="$P/new:$P" "$py" "$here/gpu_bench.py" hastec "$P/new" --label new-nomirror-profile --k "$K" | tee -a "$J"
HX_CL_PROFILE=1 LD_LIBRARY_PATH="$P/new:$P" "$py" "$here/gpu_bench.py" gemm "$P/new" | tee -a "$J"
"$py" "$here/gpu_bench.py" cupy 2>&1 | tee -a "$J"
"$py" "$here/gpu_bench.py" torch 2>&1 | tee -a "$J"
echo '```'; echo
"$py" "$here/gpu_report.py" "$J" --gpu "$gpu"
} 2>&1 | tee "$OUT/tensors-gpu.md"
