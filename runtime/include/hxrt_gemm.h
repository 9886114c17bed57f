/* \file hxrt_gemm.h
 * libhxrt's matrix product: C = op(A) * op(B) for the tensor operations of
 * compiled pipelines (Nx's dot on rank-2 tensors). docs/gemm.md has the
 * design and the measured numbers.
 *
 * Layout: every matrix is row-major with a leading dimension (the distance,
 * in elements, between the starts of two consecutive rows). op(X) is X when
 * trans_x is 0 and X's transpose otherwise, so
 *   op(A) is m x k: A is m x k (lda >= k), or k x m when trans_a (lda >= m);
 *   op(B) is k x n: B is k x n (ldb >= n), or n x k when trans_b (ldb >= k);
 *   C is m x n (ldc >= n) and is overwritten, never read; k == 0 gives zeros.
 * C must not overlap A or B. A and B may be the same matrix.
 *
 * Floats: a cache-blocked product (packed panels of A and B) with a
 * register-tiled SIMD micro-kernel, chosen at run time for the CPU
 * (AVX-512, AVX2+FMA, or portable C), multithreaded with OpenMP for large
 * products only. Each element of C is summed in an order fixed by the
 * kernel and the block sizes, never by the thread count: the result is
 * bitwise the same on 1 thread or 16 (split over M/N blocks, never over K).
 * Integers: exact, wrapping two's-complement arithmetic (Nx's integer dot).
 *
 * Threads: HX_NUM_THREADS if set, else omp_get_max_threads() at the time of
 * the call; one thread when called inside an OpenMP parallel region.
 *
 * Returns HX_OK (0); HX_ERR_ARGUMENT for a negative size, a leading
 * dimension too small, or a NULL matrix with a non-empty size (C is left
 * untouched); HX_ERR_OUT_OF_MEMORY when the packing buffers cannot be
 * allocated (C left untouched). Callers that have checked their arguments
 * may ignore the result.
 */
#ifndef HXRT_GEMM_H
#define HXRT_GEMM_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

int hxrt_gemm_f32(int64_t m, int64_t n, int64_t k, const float *a, int64_t lda, int trans_a, const float *b,
                  int64_t ldb, int trans_b, float *c, int64_t ldc);
int hxrt_gemm_f64(int64_t m, int64_t n, int64_t k, const double *a, int64_t lda, int trans_a, const double *b,
                  int64_t ldb, int trans_b, double *c, int64_t ldc);
int hxrt_gemm_s64(int64_t m, int64_t n, int64_t k, const int64_t *a, int64_t lda, int trans_a, const int64_t *b,
                  int64_t ldb, int trans_b, int64_t *c, int64_t ldc);
int hxrt_gemm_s32(int64_t m, int64_t n, int64_t k, const int32_t *a, int64_t lda, int trans_a, const int32_t *b,
                  int64_t ldb, int trans_b, int32_t *c, int64_t ldc);

/* The kernel family in use: "avx512", "avx2" or "generic". Chosen once from
 * the CPU, or from HX_GEMM_ISA (same names) when that is set and the CPU
 * supports it. */
const char *hxrt_gemm_isa(void);

/* For tests and benchmarks: switch the kernel family. Returns 0, or -1 (and
 * changes nothing) for an unknown name or one this CPU cannot run. Not
 * thread-safe against products running at the same time. */
int hxrt_gemm_set_isa(const char *name);

/* For tests and benchmarks: products with k <= KC (the kernel family's K
 * slice, 256 to 384) run "direct" kernels that read A and B in place instead
 * of packing them (cheaper for small matrices; the same bits either way).
 * Switches that path on (1) or off (0, every product packs); returns the
 * previous setting. HX_GEMM_DIRECT=0 in the environment starts with it off.
 * Not thread-safe against products running at the same time. */
int hxrt_gemm_set_direct(int on);

#ifdef __cplusplus
}
#endif
#endif
