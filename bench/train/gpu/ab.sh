#!/usr/bin/env bash
# On the GPU machine (after make.sh here; carry bench/train/gpu/prebuilt): the MLP step
# with the runtime of base/ (before a runtime change) and this checkout's, in one
# run: warm steps/s and OpenCL counters per step (copies, mirror hits), the new
# runtime's per-launch profile, and PyTorch eager on the same problem for the ratio.
# Shorter than run.sh (~1-2 min). Writes $OUT/ab.md and $OUT/ab.jsonl.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../../.." && pwd)"
PRE="$here/prebuilt"; OUT="${OUT:-/tmp/out}"; mkdir -p "$OUT"
[ -f "$PRE/base/libhxrt.so" ] || { echo "ab.sh: no $PRE/base: run make.sh first" >&2; exit 2; }
if command -v nvidia-smi >/dev/null; then
  mkdir -p /etc/OpenCL/vendors && echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd
  gpu=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | head -1)
else
  gpu="no GPU (smoke test)"
fi
DEV="${HX_DEVICE:-gpu}"; TDEV="${TORCH_DEVICE:-cuda}"; STEPS="${STEPS:-40}"; REPS="${REPS:-5}"
py="${PYTHON:-python3}"; J="$OUT/ab.jsonl"; : > "$J"
export PYTHONUNBUFFERED=1 HX_CACHE_DIR; HX_CACHE_DIR="$(mktemp -d)"
{
echo "# MLP step, runtime before/after, $gpu, $(date -u +%FT%TZ)"; echo; cat "$PRE/BUILD-INFO.txt"; echo; echo '```'
# VARIANTS: base (prebuilt/base's runtime) or new, with suffixes: -nomirror HX_CL_MIRROR_MB=0,
# -profile HX_CL_PROFILE=1 (device time per step in the counters),
# -passive OMP_WAIT_POLICY=passive (no OpenMP workers spinning after CPU loops),
# -noresident HX_CL_RESIDENT=0 (every result read back at once, every launch waited for).
# A library built by a newer compiler may need the new runtime: then VARIANTS without base.
for v in ${VARIANTS:-base new new-nomirror base new new-profile new-passive}; do
  lib="$PRE/libmlp_gpu_cl.so"; [ "${v%%-*}" = base ] && lib="$PRE/base/libmlp_gpu_cl.so"
  mb=""; [[ "$v" == *-nomirror* ]] && mb=0
  prof=""; [[ "$v" == *-profile* ]] && prof=1
  wait="${OMP_WAIT_POLICY:-}"; [[ "$v" == *-passive* ]] && wait=passive
  res=""; [[ "$v" == *-noresident* ]] && res=0
  env ${wait:+OMP_WAIT_POLICY=$wait} ${res:+HX_CL_RESIDENT=$res} HX_CL_PROFILE=$prof HX_CL_MIRROR_MB=$mb LD_LIBRARY_PATH="$(dirname "$lib"):$PRE" HX_DEVICE=$DEV \
    "$py" "$here/hx_mlp.py" time "$lib" --label "hastec-opencl+$v runtime" --steps "$STEPS" --reps "$REPS" | tee -a "$J"
done
v=$(LD_LIBRARY_PATH="$PRE" HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" value "$PRE/libmlp_gpu_cl.so" 2)
"$py" "$here/torch_ref.py" 2 --check "$v" | tail -1
"$py" "$root/bench/train/torch_mlp_gpu.py" --device "$TDEV" --problem hastec --modes eager --steps 200 --warmup 30 --reps 5 2>&1 | grep '^JSON' | tee -a "$J"
echo '```'; echo
"$py" "$here/report.py" "$J" --gpu "$gpu" --cpu "$(nproc) cores" || true
echo; echo "OpenCL counters per step (hxrt_cl_get_stats; the base runtime has only the first ones):"; echo
"$py" - "$J" <<'PY'
import json, sys
print("| run | launches | uploads | MiB up | MiB down | arguments found on the device | device ms (HX_CL_PROFILE) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for l in open(sys.argv[1]):
    r = json.loads(l[5:] if l.startswith("JSON ") else l)
    c = r.get("cl_per_step")
    if c:
        print("| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %s |" % (r["label"], c["runs"], c["uploads"], c["upload_bytes"] / 2**20,
              c["download_bytes"] / 2**20, c["mirror_hits"], "%.3f" % (c["kernel_ns"] * 1e-6) if c["kernel_ns"] else ""))
PY
echo; echo "## Per-launch profile, new runtime"; echo
LD_LIBRARY_PATH="$PRE" HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" profile "$PRE/libmlp_gpu_cl.so" --steps 20 | grep -v '^JSON' | head -40
echo; echo "## Per-launch profile, base runtime"; echo
LD_LIBRARY_PATH="$PRE/base:$PRE" HX_DEVICE=$DEV "$py" "$here/hx_mlp.py" profile "$PRE/base/libmlp_gpu_cl.so" --steps 20 | grep -v '^JSON' | head -12
} 2>&1 | tee "$OUT/ab.md"
