#!/usr/bin/env bash
# On the GPU machine: enable NVIDIA's OpenCL, list devices, run the GPU table,
# first-call latency (cold and warm kernel cache), and CPU scaling 1..16 threads.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; PRE="$here/prebuilt"; OUT="${OUT:-/tmp/out}"; mkdir -p "$OUT"
mkdir -p /etc/OpenCL/vendors && echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd
export LD_LIBRARY_PATH="$PRE" HX_DEVICE=gpu
{
echo "# GPU run, $(date -u +%FT%TZ)"; nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo; echo '```'; python3 - <<'PY'
import ctypes, os
rt = ctypes.CDLL(os.path.join(os.environ["LD_LIBRARY_PATH"], "libhxrt.so"))
n = rt.hxrt_cl_devices(None, 0); buf = ctypes.create_string_buffer(n + 1); rt.hxrt_cl_devices(buf, n + 1)
print(buf.value.decode())
PY
echo '```'
echo; echo "## First call (kernel build) latency: LogisticMap.sum(2^20), first call in a fresh process"
for kind in cold warm; do
  if [ $kind = cold ]; then rm -rf /tmp/hxcl; export CUDA_CACHE_DISABLE=1; else unset CUDA_CACHE_DISABLE; fi
  HX_CACHE_DIR=/tmp/hxcl python3 - "$kind" <<'PY'
import ctypes, os, sys, time
pre = os.environ["LD_LIBRARY_PATH"]
rt = ctypes.CDLL(os.path.join(pre, "libhxrt.so"), mode=ctypes.RTLD_GLOBAL)
lib = ctypes.CDLL(os.path.join(pre, "liblogistic_map.so"))
rt.hx_context_new.restype = ctypes.c_void_p
ctx = ctypes.c_void_p(rt.hx_context_new())
out = ctypes.c_int64()
t0 = time.perf_counter(); rc = lib.LogisticMap_sum(ctx, ctypes.byref(out), ctypes.c_int64(1 << 20)); t1 = time.perf_counter()
t2 = time.perf_counter(); lib.LogisticMap_sum(ctx, ctypes.byref(out), ctypes.c_int64(1 << 20)); t3 = time.perf_counter()
print("- %s kernel cache: first call %.1f ms, second call %.3f ms (rc %d, value %d)" % (sys.argv[1], (t1 - t0) * 1e3, (t3 - t2) * 1e3, rc, out.value))
PY
done
echo; python3 "$here/gpu_bench.py"
} 2>&1 | tee "$OUT/gpu.md"
# CPU scaling on the GPU machine's cores (prebuilt by bench/run.sh --make-prebuilt).
if [ "${SCALING:-0}" = 1 ] && [ -d "$here/../prebuilt" ]; then
  (cd "$here/../.." && bash bench/run.sh --scaling --prebuilt bench/prebuilt) 2>&1 | tail -40 | tee "$OUT/scaling.md"
fi
