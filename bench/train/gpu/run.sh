#!/usr/bin/env bash
# On the GPU machine (after make.sh here; carry bench/train/gpu/prebuilt): issue 7's
# GPU training benchmark. MLP 784-1024-1024-10, batch 256, f32:
#   1. hastec --target=opencl on the NVIDIA card: a loss check, the first call, warm
#      steps/s, and a per-kernel profile (HX_CL_DEBUG's launch log summed per step);
#   2. hastec's CPU target on the machine's cores (same .hx);
#   3. PyTorch eager CUDA on the same problem (torch_mlp_gpu.py --problem hastec: the
#      same weights, batch and gradient-descent step), eager-fused and, unless
#      TORCH_COMPILE=0, torch.compile with CUDA graphs; then PyTorch's own Adam problem
#      (eager, eager-fused) for context.
# Writes $OUT/gpu-train.md (the table, the profile, the logs), $OUT/results.jsonl, $OUT/torch.log.
# A smoke test where there is no GPU (slow, PoCL):
#   PYTHON=/usr/bin/python3 HX_DEVICE=cpu TORCH_DEVICE=cpu STEPS=1 REPS=1 PROFILE_STEPS=1 TORCH_COMPILE=0 OUT=/tmp/o bench/train/gpu/run.sh
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../../.." && pwd)"
PRE="$here/prebuilt"; OUT="${OUT:-/tmp/out}"; mkdir -p "$OUT"
[ -f "$PRE/libmlp_gpu_cl.so" ] || { echo "run.sh: no $PRE/libmlp_gpu_cl.so: run make.sh first and carry prebuilt/" >&2; exit 2; }
if command -v nvidia-smi >/dev/null; then  # NVIDIA's OpenCL platform appears once its ICD is registered
  mkdir -p /etc/OpenCL/vendors && echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd
  gpu=$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)
  gpuinfo=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | head -1)
else
  gpu="no GPU (smoke test)"; gpuinfo=$gpu
fi
DEV="${HX_DEVICE:-gpu}"; TDEV="${TORCH_DEVICE:-cuda}"; STEPS="${STEPS:-0}"; REPS="${REPS:-5}"
MSTEPS=$([ "$STEPS" = 0 ] && echo 16 || echo "$STEPS")
export LD_LIBRARY_PATH="$PRE${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" PYTHONUNBUFFERED=1
export HX_CACHE_DIR; HX_CACHE_DIR="$(mktemp -d /tmp/hx-mlp-gpu-cache.XXXXXX)"  # empty kernel cache: a cold first call
J="$OUT/results.jsonl"; : > "$J"; M="$OUT/gpu-train.md"
cpu="$(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
py="${PYTHON:-python3}"   # the GPU machine's python3 holds PyTorch with CUDA
tsteps=(); [ "$STEPS" != 0 ] && tsteps=(--steps "$STEPS" --warmup "$STEPS" --reps "$REPS")
{
echo "# hastec vs PyTorch: MLP training steps on $gpu, $(date -u +%FT%TZ)"
echo; echo "GPU: $gpuinfo; CPU: $cpu"; echo
cat "$PRE/BUILD-INFO.txt"
echo; echo '```'
"$py" - <<'PY'
import ctypes, os
rt = ctypes.CDLL(os.path.join(os.environ["LD_LIBRARY_PATH"].split(":")[0], "libhxrt.so"))
n = rt.hxrt_cl_devices(None, 0); buf = ctypes.create_string_buffer(n + 1); rt.hxrt_cl_devices(buf, n + 1)
print(buf.value.decode())
PY
echo '```'

echo; echo "## Correctness: the loss after 2 steps, hastec OpenCL (HX_DEVICE=$DEV) vs PyTorch (CPU, same weights)"; echo
v=$(HX_CACHE_DIR="$HX_CACHE_DIR/check" HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" value "$PRE/libmlp_gpu_cl.so" 2)
"$py" "$here/torch_ref.py" 2 --check "$v" | tail -1

echo; echo "## Runs (logs)"; echo; echo '```'
# The first call: an empty hastec kernel cache and no CUDA JIT cache (CUDA_CACHE_DISABLE).
CUDA_CACHE_DISABLE=1 HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" time "$PRE/libmlp_gpu_cl.so" --label hastec-opencl --steps "$STEPS" --reps "$REPS" | tee -a "$J"
HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" time "$PRE/libmlp_gpu_cl.so" --label hastec-opencl-diskcache --steps 2 --reps 1 \
  | sed 's/^JSON /second process (kernels from the disk cache): /'
# What if the small loops (under 64Ki elements: 30 of the 47 kernels, 3 small GEMMs) stayed on the CPU?
HX_CL_MIN_N=65536 HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" time "$PRE/libmlp_gpu_cl.so" --label hastec-opencl-min-n-65536 --steps "$MSTEPS" --reps 3 \
  | sed 's/^JSON /HX_CL_MIN_N=65536: /'
"$py" "$here/hx_mlp.py" time "$PRE/libmlp_gpu_cpu.so" --label hastec-cpu --steps "$STEPS" --reps "$REPS" | tee -a "$J"
# Experiment: libhxrt's mallopt(M_TRIM_THRESHOLD) turns off glibc's dynamic mmap threshold, so
# every array of 128 KiB or more is a fresh mmap, faulted in page by page (on the GPU: during
# the driver's copy, results back at ~2 GB/s). The same runs with a 256 MiB mmap threshold:
export MMAP_TUNE=glibc.malloc.mmap_threshold=268435456
GLIBC_TUNABLES=$MMAP_TUNE HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" time "$PRE/libmlp_gpu_cl.so" --label "hastec-opencl+mmap_threshold 256 MiB" --steps "$STEPS" --reps "$REPS" | tee -a "$J"
GLIBC_TUNABLES=$MMAP_TUNE "$py" "$here/hx_mlp.py" time "$PRE/libmlp_gpu_cpu.so" --label "hastec-cpu+mmap_threshold 256 MiB" --steps "$STEPS" --reps "$REPS" | tee -a "$J"
"$py" "$root/bench/train/torch_mlp_gpu.py" --device "$TDEV" --problem hastec --modes eager,eager-fused "${tsteps[@]}" 2>&1 | tee "$OUT/torch.log"
"$py" "$root/bench/train/torch_mlp_gpu.py" --device "$TDEV" --modes eager,eager-fused "${tsteps[@]}" 2>&1 | tee -a "$OUT/torch.log"
if [ "${TORCH_COMPILE:-1}" = 1 ]; then  # compilation takes a minute or more: bounded, and last
  timeout "${COMPILE_TIMEOUT:-180}" "$py" "$root/bench/train/torch_mlp_gpu.py" --device "$TDEV" --problem hastec \
    --modes compile-cudagraphs "${tsteps[@]}" 2>&1 | tee -a "$OUT/torch.log"
fi
grep '^JSON' "$OUT/torch.log" >> "$J"
echo '```'

echo; echo "## Steps per second (warm; hastec: N / (median run(N) - median run(0)), first call separate)"; echo
"$py" "$here/report.py" "$J" --gpu "$gpu" --cpu "$cpu"

echo; echo "## Where hastec OpenCL's step goes"; echo
HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" profile "$PRE/libmlp_gpu_cl.so" --steps "${PROFILE_STEPS:-20}" | tee "$OUT/profile.txt" | grep -v '^JSON'
echo; echo "### The same with GLIBC_TUNABLES=$MMAP_TUNE (no page faults in the copies)"; echo
GLIBC_TUNABLES=$MMAP_TUNE HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" profile "$PRE/libmlp_gpu_cl.so" --steps "${PROFILE_STEPS:-20}" \
  | tee "$OUT/profile-mmap.txt" | grep -v '^JSON' | head -20
echo; "$py" "$here/cl_copy.py" --device-type "$DEV"
if [ "$TDEV" = cuda ]; then
  echo; echo "For scale, cuBLAS through PyTorch (f32, TF32 off) on the step's largest products, one at a time:"; echo
  "$py" - <<'PY'
import time, torch
torch.backends.cuda.matmul.allow_tf32 = False
for m, k, n in ((256, 1024, 1024), (256, 784, 1024), (1024, 256, 1024), (784, 256, 1024)):
    a, b = torch.randn(m, k, device="cuda"), torch.randn(k, n, device="cuda")
    for _ in range(10): a @ b
    torch.cuda.synchronize(); t0 = time.perf_counter()
    for _ in range(200): a @ b
    torch.cuda.synchronize(); dt = (time.perf_counter() - t0) / 200
    print(f"- gemm {m}x{k}x{n}: {dt * 1e3:.4f} ms ({2 * m * k * n / dt / 1e12:.1f} TFLOP/s)")
PY
fi
} 2>&1 | tee "$M"
