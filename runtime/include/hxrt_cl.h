/* \file hxrt_cl.h
 * libhxrt's OpenCL half: runs kernels that codegen/OpenCLEmit.cpp wrote
 * (kernel ABI: codegen/OpenCL.h; design: docs/opencl.md). C only, links
 * libOpenCL (the ICD loader) and never LLVM.
 *
 * When the library cannot run as built -- no usable device, or a float
 * kernel on a device without fp64 -- hxrt_cl_run follows the library's
 * --fallback policy (its exported `const int32_t hx_opencl_fallback`):
 * 1 (--fallback=cpu): one "hastec: warning:" line on stderr and
 * HXRT_CL_UNAVAILABLE, so compiled code runs its CPU path; otherwise it
 * raises HX_ERR_DEVICE, a RuntimeError naming the reason, the .hx site and
 * the fix. Every other failure (a build or launch error) is soft:
 * HXRT_CL_UNAVAILABLE and the CPU path, which gives the same answer.
 *
 * Environment:
 *   HX_DEVICE     gpu | cpu | <platform>:<device> (indices as `hastec devices`
 *                 lists them). Default: the first GPU, else the first device.
 *   HX_CL_WG      work-group size (rounded down to a power of two).
 *   HX_CL_GROUPS  work-group count (at most HXRT_CL_MAX_GROUPS).
 *   HX_CACHE_DIR  kernel binaries go to $HX_CACHE_DIR/opencl/ (default
 *                 $XDG_CACHE_HOME/hastec/opencl, else ~/.cache/hastec/opencl);
 *                 HX_CL_NO_DISK_CACHE=1 turns the disk cache off.
 *   HX_CL_MIN_N   loops of fewer elements stay on the CPU (default 0: none do).
 *   HX_CL_DEBUG   1: log device choice, builds, cache hits, launches to stderr.
 *   HX_CL_MIRROR_MB  the most device memory, in MiB, that mirrors of arrays
 *                 may hold (default: a quarter of the device's; 0: none).
 *   HX_CL_RESIDENT 0: read every kernel's and GEMM's result back at once and
 *                 wait for every launch (default 1: results stay on the
 *                 device until the host reads them; see hxrt_cl_host).
 *   HX_CL_GEMM_R  1, 2 or 4: elements per work-item of the GEMM kernel, per
 *                 side (default: chosen from the product's shape).
 *   HX_CL_PROFILE 1: time every kernel and GEMM on the device (OpenCL
 *                 profiling events): hxrt_cl_stats.kernel_ns, and "device
 *                 X ms" in HX_CL_DEBUG's launch lines.
 *   HX_CL_NO_FP64 1: act as if the device had no fp64 (tests the message).
 *   OCL_ICD_VENDORS (the ICD loader's) a directory of .icd files instead of
 *                 /etc/OpenCL/vendors; an empty one simulates "no OpenCL".
 */
#ifndef HXRT_CL_H
#define HXRT_CL_H
#include "hxrt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* arg_kinds codes. arg_values[i] points at the value: int64_t, double,
 * uint8_t (0 or 1), int32_t, float, or hx_array* for a list. A tensor of
 * rank r is HXRT_CL_ARG_TENSOR | r << 8 and points at its tuple in memory,
 * {hx_array* data; int64_t dims[r];}; the kernel gets the data as a list
 * (buffer and length), then the r dimensions as longs. */
enum hxrt_cl_arg {
  HXRT_CL_ARG_I64 = 1,
  HXRT_CL_ARG_F64 = 2,
  HXRT_CL_ARG_BOOL = 3,
  HXRT_CL_ARG_I32 = 4,
  HXRT_CL_ARG_F32 = 5,
  HXRT_CL_ARG_LIST = 6,
  HXRT_CL_ARG_TENSOR = 7,
};
#define HXRT_CL_ARG_TENSOR_OF_RANK(r) (HXRT_CL_ARG_TENSOR | ((r) << 8))

/* hxrt_cl_run results. */
enum hxrt_cl_status {
  HXRT_CL_OK = 0,          /* partials / out written */
  HXRT_CL_RAISED = 1,      /* the kernel set its error flag: run the CPU path */
  HXRT_CL_UNAVAILABLE = 2, /* no device, build or launch failed: run the CPU path */
};

/* HX_ERR_DEVICE (hxrt.h's hx_error) is the RuntimeError that a
 * --target=opencl library raises when it cannot run as built and was not
 * built with --fallback=cpu. */

/* Room the caller must give `partials`: this many groups. */
#define HXRT_CL_MAX_GROUPS 1024

/* 1 when a device was found and a context made (decided once per process). */
int hxrt_cl_available(void);

/* Why no device is in use ("" when one is): "no OpenCL driver is installed:
 * /etc/OpenCL/vendors has no ICD", "the OpenCL platform \"X\" has no
 * devices", "HX_DEVICE=gpu matched nothing", "clCreateContext failed ...". */
const char *hxrt_cl_unavailable_reason(void);

/* A listing of every OpenCL device for `hastec devices`, one per line:
 * "<platform>:<device>  <platform name> | <device name> | <type> | <N> compute
 * units | fp64 yes|no | driver <version>", the chosen one marked with '*'.
 * Writes at most cap bytes (NUL-terminated); returns the full length. */
int hxrt_cl_devices(char *buf, size_t cap);

/* Builds (cached) and runs kernel_name of src over n elements.
 * Folds: out == NULL; partials has room for HXRT_CL_MAX_GROUPS partials of
 * partial_size bytes; *groups gets how many were written (0 when n <= 0).
 * Stores: out is the destination array (n elements, allocated by the
 * caller), partials may be NULL. An `out` of the running call stays on the
 * device (HX_ARRAY_CL_STALE; hxrt_cl_host reads it back); any other is
 * read back before returning.
 * Compactions (filters): out and partials both: work-group g writes its
 * block's survivors from the start of its block of out and its count (an
 * int64_t) to partials[g]; both come back, *groups gets the group count,
 * and the caller moves the runs together (out's length is still n).
 * Returns HXRT_CL_OK, HXRT_CL_RAISED or HXRT_CL_UNAVAILABLE. Kernel errors
 * are the CPU path's to raise; ctx is used only to raise HX_ERR_DEVICE
 * (see the top), checked before n, so even n <= 0 raises. With ctx NULL
 * nothing is raised: those cases warn and return HXRT_CL_UNAVAILABLE. */
int hxrt_cl_run(hx_context *ctx, const char *src, const char *kernel_name, int64_t n, int nargs,
                const int *arg_kinds, void **arg_values, void *partials, int64_t partial_size, int64_t *groups,
                hx_array *out);

/* The row-major matrix product C = A * B (A m x k, B k x n, C m x n, all
 * contiguous) on the device, for Nx.dot of matrices: kind is HX_KIND_F32,
 * F64, I32 or I64 (integers wrap). Every element of C sums its k products
 * in order (fma for floats). Operands found on the device (mirrors, below)
 * are not copied; C stays on the device as its array's mirror, read back
 * only when the host needs it (hxrt_cl_host), when c is an array of the
 * running call, else read back before returning. Returns HXRT_CL_OK (C written), or
 * HXRT_CL_UNAVAILABLE (C untouched: run hxrt_gemm_* on the CPU) for k == 0,
 * an f64 product on a device without fp64, fewer than HX_CL_MIN_N
 * elements of C, or a failed build or launch. With no device at all:
 * `site` is a constant string in the calling library that starts like a
 * kernel ("// hastec OpenCL kernel gemm for M.f/1 (model.hx:9)"); its
 * library's --fallback policy applies as for hxrt_cl_run (a RuntimeError at
 * that line, or a warning and HXRT_CL_UNAVAILABLE). site NULL: the warning. */
int hxrt_cl_gemm(hx_context *ctx, const char *site, int kind, int64_t m, int64_t n, int64_t k, const void *a,
                 const void *b, void *c);

/* Enum.sort of a list of integers, floats, Hx.i32, Hx.f32 or booleans, in
 * place (arr's elements, as the host sees them afterwards): ascending, or
 * descending when desc != 0, and stable like hxrt_sort (equal elements --
 * for numbers only 0.0 and -0.0 -- keep their order). An LSD radix sort on
 * the device (docs/opencl.md, "Sort"); arr's mirror is its input when it
 * has one, and the sorted buffer becomes its mirror. Returns HXRT_CL_OK, or
 * HXRT_CL_UNAVAILABLE with arr unchanged -- run hxrt_sort -- for lists of
 * tuples, fewer than HX_CL_MIN_N elements, a float list holding a NaN (the
 * CPU's merge sort decides where it goes), or a failed build or launch.
 * With no device at all, `site` ("// hastec OpenCL kernel sort for M.f/1
 * (model.hx:9)", a constant of the calling library) carries the library's
 * --fallback policy and .hx line, as for hxrt_cl_gemm. Lists of fewer than
 * two elements are HXRT_CL_OK at once. */
int hxrt_cl_sort(hx_context *ctx, const char *site, hx_array *arr, int desc);

/* Counters for tests and HX_CL_DEBUG, process-wide. */
typedef struct hxrt_cl_stats {
  int64_t runs;          /* kernel launches (a GEMM or a sort counts once) */
  int64_t source_builds; /* programs compiled from source */
  int64_t disk_hits;     /* programs loaded from the disk cache */
  int64_t disk_rejects;  /* disk entries found stale or corrupt, rebuilt */
  int64_t memory_hits;   /* programs found already built in this process */
  /* Device time of kernels and GEMMs (from OpenCL profiling events, only
   * while HX_CL_PROFILE=1; 0 otherwise), in nanoseconds. */
  int64_t kernel_ns;
  /* Host -> device copies of arrays (a mirror hit is no copy), their bytes;
   * device -> host copies of results, their bytes. */
  int64_t uploads, upload_bytes;
  int64_t downloads, download_bytes;
  /* Arguments found already on the device (hxrt_cl_run lists, GEMM
   * operands): the device mirror of an array a kernel or GEMM produced or
   * an earlier launch uploaded. Mirrors alive now, and their bytes. */
  int64_t mirror_hits;
  int64_t mirrors, mirror_bytes;
  /* Results left on the device and read back later by hxrt_cl_host(_all)
   * (also counted in downloads); launches the host did not wait for. */
  int64_t stale_reads;
  int64_t async_runs;
  /* Device buffers reused from the pool (a freed array's, a launch's). */
  int64_t pool_hits;
} hxrt_cl_stats;
void hxrt_cl_get_stats(hxrt_cl_stats *out);
/* Device mirrors (docs/opencl.md, "Arrays on the device"): a kernel's or
 * GEMM's result, and an array a launch uploaded, stay on the device while
 * the array lives, so a later launch reading it copies nothing. libhxrt
 * calls hxrt_cl_array_freed for an array flagged HX_ARRAY_CL_MIRROR
 * (hxrt_internal.h) before freeing or changing it in place;
 * hxrt_cl_drop_mirrors releases them all (tests). HX_CL_MIRROR_MB caps their
 * total size (default: a quarter of the device's memory; 0: no mirrors). */
void hxrt_cl_array_freed(hx_array *a);
void hxrt_cl_drop_mirrors(void);

/* Results that stay on the device (docs/opencl.md, "Results on the
 * device"): a store kernel's `out` and a GEMM's C are not read back when
 * they are launched; the array is flagged HX_ARRAY_CL_STALE and its mirror
 * holds the elements. hxrt_cl_host reads them back into the array (a no-op
 * unless flagged; compiled code calls it before the host reads an array's
 * elements); hxrt_cl_host_all reads back every such array (hxrt_invoke
 * calls it before returning, so a caller never sees a stale array; compiled
 * code calls it before a runtime call that reads arrays). Both may raise
 * in ctx: a kernel launched without waiting (one that can only fail a
 * bounds check the frontend proved) that reports a failure is a compiler
 * bug, raised as a RuntimeError there rather than ignored. */
void hxrt_cl_host(hx_context *ctx, hx_array *a);
void hxrt_cl_host_all(hx_context *ctx);
/* Forgets the programs built in this process (tests use it to exercise the
 * disk cache). */
void hxrt_cl_forget_programs(void);

#ifdef __cplusplus
}
#endif
#endif /* HXRT_CL_H */
