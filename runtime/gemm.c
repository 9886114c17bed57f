/* \file gemm.c
 * The matrix product of libhxrt (hxrt_gemm.h): C = op(A) * op(B).
 *
 * Floats follow the Goto/BLIS scheme. For each panel of NC columns and each
 * slice of KC along k, op(B)'s KC x NC panel is packed into slivers NR
 * columns wide (sized for L3); then MC x KC blocks of op(A) are packed into
 * slivers MR rows tall (sized for L2) and the MR x NR micro-kernel sweeps
 * them: for each B sliver, every A sliver of the block. The micro-kernel
 * keeps an MR x NR tile of C in vector registers and does MR x (NR / lanes)
 * FMAs per step of k, reading the packed panels with unit stride.
 *
 * Threads: large products are cut into one slab of rows (or of columns, for
 * short wide ones) per thread, and each thread runs the serial scheme above
 * on its slab with its own buffers. There is no barrier inside the product,
 * which matters on a shared 2-core machine: a descheduled thread holds up
 * nobody at every block (a lock-step variant with a shared B panel and two
 * barriers per K slice fell to a few GFLOP/s under load).
 *
 * Determinism: one element of C is the sum, over the KC slices in order, of
 * one micro-kernel accumulation, added to C as c + acc. That order depends
 * on k, KC and the kernel family only, never on MC, NC or on which thread
 * ran which tile, so threads may split the work over M and N as they like
 * (they never split K) and the result is bitwise the same for any thread
 * count. Edge tiles run the same kernel into a scratch tile, so they round
 * exactly as interior tiles do.
 *
 * Kernel families, chosen once at run time (libhxrt is built for baseline
 * x86-64 and must run on CPUs without AVX-512):
 *   avx512: f32 12 x 32, f64 12 x 16 (24 zmm accumulators);
 *   avx2:   f32 6 x 16,  f64 6 x 8   (12 ymm accumulators, FMA3);
 *   generic: portable C, 4 x 8.
 *
 * Integers (wrapping, exact) use the same outer blocking with a simpler
 * inner loop: four rows of C at a time, each a vectorised axpy over a packed
 * row of op(B). Integer sums are exact, so any split is deterministic.
 */
#include "hxrt_gemm.h"
#include "hxrt.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define HX_GEMM_X86 1
#include <immintrin.h>
#endif

/* ---------------------------------------------------------------------------
 * Kernel family selection. */

enum { ISA_GENERIC = 0, ISA_AVX2 = 1, ISA_AVX512 = 2 };
static const char *const isa_names[] = {"generic", "avx2", "avx512"};
static int g_isa = -1;

static int cpu_runs(int isa) {
#ifdef HX_GEMM_X86
  __builtin_cpu_init();
  /* libgcc also checks (XGETBV) that the OS saves the wide registers. */
  if (isa == ISA_AVX512) return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
  if (isa == ISA_AVX2) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
  return isa == ISA_GENERIC;
}

static int isa_by_name(const char *name) {
  for (int i = 0; i < 3; i++)
    if (name && strcmp(name, isa_names[i]) == 0) return i;
  return -1;
}

static int current_isa(void) {
  int isa = __atomic_load_n(&g_isa, __ATOMIC_ACQUIRE);
  if (isa >= 0) return isa;
  isa = cpu_runs(ISA_AVX512) ? ISA_AVX512 : cpu_runs(ISA_AVX2) ? ISA_AVX2 : ISA_GENERIC;
  const char *env = getenv("HX_GEMM_ISA");
  if (env && *env) {
    int want = isa_by_name(env);
    if (want >= 0 && cpu_runs(want))
      isa = want;
    else
      fprintf(stderr, "hxrt: HX_GEMM_ISA=%s is not one of avx512, avx2, generic that this CPU runs; using %s\n", env,
              isa_names[isa]);
  }
  __atomic_store_n(&g_isa, isa, __ATOMIC_RELEASE);
  return isa;
}

const char *hxrt_gemm_isa(void) { return isa_names[current_isa()]; }

int hxrt_gemm_set_isa(const char *name) {
  int isa = isa_by_name(name);
  if (isa < 0 || !cpu_runs(isa)) return -1;
  __atomic_store_n(&g_isa, isa, __ATOMIC_RELEASE);
  return 0;
}

/* ---------------------------------------------------------------------------
 * Threads: HX_NUM_THREADS (as parallel.c), else OpenMP's current setting;
 * products too small to repay waking a thread stay on the caller's. */

enum { WORK_PER_THREAD = 1 << 21 }; /* multiply-adds: ~0.1 ms of one core, 128^3 */

static int gemm_threads(int64_t m, int64_t n, int64_t k) {
  static int env_threads = -1;
  if (omp_in_parallel()) return 1;
  int env = __atomic_load_n(&env_threads, __ATOMIC_RELAXED);
  if (env < 0) {
    const char *s = getenv("HX_NUM_THREADS");
    env = s ? atoi(s) : 0;
    if (env < 0) env = 0;
    __atomic_store_n(&env_threads, env, __ATOMIC_RELAXED);
  }
  int nt = env > 0 ? env : omp_get_max_threads();
  double chunks = (double)m * (double)n * (double)k / WORK_PER_THREAD;
  if (chunks < nt) nt = chunks < 1 ? 1 : (int)chunks;
  return nt < 1 ? 1 : nt;
}

/* The direct path (k <= KC, no packing) is on unless HX_GEMM_DIRECT=0 or a
 * test switched it off (hxrt_gemm_set_direct): both paths give the same bits. */
enum { DIRECT_MAX_BT = 1 << 16 }; /* elements of a transposed B worth copying for it */
static int g_direct = -1;

static int direct_enabled(void) {
  int d = __atomic_load_n(&g_direct, __ATOMIC_RELAXED);
  if (d < 0) {
    const char *s = getenv("HX_GEMM_DIRECT");
    d = !(s && s[0] == '0');
    __atomic_store_n(&g_direct, d, __ATOMIC_RELAXED);
  }
  return d;
}

int hxrt_gemm_set_direct(int on) {
  int was = direct_enabled();
  __atomic_store_n(&g_direct, on ? 1 : 0, __ATOMIC_RELAXED);
  return was;
}

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
static int64_t round_up(int64_t a, int64_t b) { return ceil_div(a, b) * b; }

/* Checks what hxrt_gemm.h promises to reject. */
static int bad_args(int64_t m, int64_t n, int64_t k, const void *a, int64_t lda, int ta, const void *b, int64_t ldb,
                    int tb, const void *c, int64_t ldc) {
  if (m < 0 || n < 0 || k < 0) return 1;
  if (m == 0 || n == 0) return 0;
  if (!c || ldc < n) return 1;
  if (k == 0) return 0;
  if (!a || !b) return 1;
  if (lda < (ta ? m : k) || ldb < (tb ? k : n)) return 1;
  return 0;
}

/* The work split shared by all drivers: each thread gets one slab of C,
 * a band of rows (a multiple of mr) or, for short and wide products, of
 * columns (a multiple of nr), and runs the serial blocked product on it
 * with its own packing buffers. No barriers: a thread that the OS
 * deschedules (a shared machine) delays only its own slab, never the
 * others at every block. Packing B (or A) once per thread instead of once
 * per product costs k*n per thread against m*n*k/threads multiply-adds. */
typedef struct {
  int by_rows;          /* 1: slabs of rows; 0: slabs of columns */
  int64_t per, count;   /* slab width (rows or columns) and number of slabs */
} split;

static split make_split(int64_t m, int64_t n, int64_t mr, int64_t nr, int nt) {
  split s;
  int64_t row_tiles = ceil_div(m, mr), col_tiles = ceil_div(n, nr);
  s.by_rows = row_tiles >= nt || row_tiles >= col_tiles;
  if (s.by_rows)
    s.per = round_up(ceil_div(m, nt), mr), s.count = ceil_div(m, s.per);
  else
    s.per = round_up(ceil_div(n, nt), nr), s.count = ceil_div(n, s.per);
  return s;
}

static void *alloc64(size_t bytes) { return aligned_alloc(64, round_up((int64_t)bytes + 64, 64)); }

/* ---------------------------------------------------------------------------
 * Float micro-kernels: c[0..MR)[0..NR) (row stride ldc) = acc, or c + acc
 * when `add`, where acc = sum over p < kc of a[p*MR + r] * b[p*NR + j].
 * a and b are packed slivers; b is 64-byte aligned. */

/* The C tile is prefetched one cache line per k step during the first
 * 2*MR steps (not all at once: a burst of 24 prefetches would fill the
 * line-fill buffers and stall the FMAs), so it is in L1 when the tile is
 * stored ~kc steps later. */
#define HX_GEMM_KERNEL(NAME, T, VT, MR, V, TGT, LOAD, LOADU, STOREU, SET1, FMA, ADD, ZERO)                            \
  TGT static void NAME(int64_t kc, const T *restrict a, const T *restrict b, T *restrict c, int64_t ldc, int add) { \
    VT c0[MR], c1[MR];                                                                                              \
    _Pragma("GCC unroll 16") for (int r = 0; r < MR; r++) c0[r] = c1[r] = ZERO();                                   \
    int64_t p = 0;                                                                                                  \
    for (; p < kc && p < 2 * MR; p++) {                                                                             \
      PREFETCH(c + (p >> 1) * ldc + (p & 1) * (2 * V - 1));                                                         \
      HX_GEMM_STEP(VT, MR, V, LOAD, SET1, FMA)                                                                      \
    }                                                                                                               \
    for (; p < kc; p++) {                                                                                           \
      HX_GEMM_STEP(VT, MR, V, LOAD, SET1, FMA)                                                                      \
    }                                                                                                               \
    _Pragma("GCC unroll 16") for (int r = 0; r < MR; r++) {                                                         \
      T *cr = c + r * ldc;                                                                                          \
      if (add) {                                                                                                    \
        c0[r] = ADD(LOADU(cr), c0[r]);                                                                              \
        c1[r] = ADD(LOADU(cr + V), c1[r]);                                                                          \
      }                                                                                                             \
      STOREU(cr, c0[r]);                                                                                            \
      STOREU(cr + V, c1[r]);                                                                                        \
    }                                                                                                               \
  }
/* One step of k: c[r] += a[r] * b[0..2V) for every row r of the tile. */
#define HX_GEMM_STEP(VT, MR, V, LOAD, SET1, FMA)                                                                    \
  {                                                                                                                 \
    VT b0 = LOAD(b), b1 = LOAD(b + V);                                                                              \
    _Pragma("GCC unroll 16") for (int r = 0; r < MR; r++) {                                                         \
      VT ar = SET1(a[r]);                                                                                           \
      c0[r] = FMA(ar, b0, c0[r]);                                                                                   \
      c1[r] = FMA(ar, b1, c1[r]);                                                                                   \
    }                                                                                                               \
    a += MR;                                                                                                        \
    b += 2 * V;                                                                                                     \
  }

#ifdef HX_GEMM_X86
#define PREFETCH(p) _mm_prefetch((const char *)(p), _MM_HINT_T0)
#define TGT_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")))
#define TGT_AVX2 __attribute__((target("avx2,fma")))
HX_GEMM_KERNEL(kern_f32_avx512, float, __m512, 12, 16, TGT_AVX512, _mm512_load_ps, _mm512_loadu_ps, _mm512_storeu_ps,
               _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps, _mm512_setzero_ps)
HX_GEMM_KERNEL(kern_f64_avx512, double, __m512d, 12, 8, TGT_AVX512, _mm512_load_pd, _mm512_loadu_pd,
               _mm512_storeu_pd, _mm512_set1_pd, _mm512_fmadd_pd, _mm512_add_pd, _mm512_setzero_pd)
HX_GEMM_KERNEL(kern_f32_avx2, float, __m256, 6, 8, TGT_AVX2, _mm256_load_ps, _mm256_loadu_ps, _mm256_storeu_ps,
               _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps, _mm256_setzero_ps)
HX_GEMM_KERNEL(kern_f64_avx2, double, __m256d, 6, 4, TGT_AVX2, _mm256_load_pd, _mm256_loadu_pd, _mm256_storeu_pd,
               _mm256_set1_pd, _mm256_fmadd_pd, _mm256_add_pd, _mm256_setzero_pd)
#endif

/* Portable kernel: 4 x 8, plain C the compiler may vectorise. */
#define HX_GEMM_GENERIC_KERNEL(NAME, T)                                                                             \
  static void NAME(int64_t kc, const T *restrict a, const T *restrict b, T *restrict c, int64_t ldc, int add) {    \
    T acc[4][8];                                                                                                    \
    memset(acc, 0, sizeof acc);                                                                                     \
    for (int64_t p = 0; p < kc; p++) {                                                                              \
      for (int r = 0; r < 4; r++)                                                                                   \
        for (int j = 0; j < 8; j++) acc[r][j] += a[r] * b[j];                                                       \
      a += 4;                                                                                                       \
      b += 8;                                                                                                       \
    }                                                                                                               \
    for (int r = 0; r < 4; r++)                                                                                     \
      for (int j = 0; j < 8; j++) c[r * ldc + j] = add ? c[r * ldc + j] + acc[r][j] : acc[r][j];                    \
  }
HX_GEMM_GENERIC_KERNEL(kern_f32_generic, float)
HX_GEMM_GENERIC_KERNEL(kern_f64_generic, double)

/* ---------------------------------------------------------------------------
 * Direct micro-kernels for products whose K fits one slice (k <= KC): the
 * same MR x NR tile and the same accumulation as the packed kernels above,
 * but reading op(A) and B where they lie instead of from packed slivers.
 * Element (r, p) of the A block is a[r * ars + p * aps] (ars = lda, aps = 1
 * for A; ars = 1, aps = lda for A transposed); row p of the B sliver starts
 * at b + p * ldb (B not transposed: the driver transposes a small B first).
 * Rows past `rows` re-read row 0 and columns past `cols` load as zeros
 * (masked loads never touch memory outside the matrix); neither is stored.
 *
 * Rounding: each element is acc = 0, acc = fma(a_rp, b_pj, acc) for p in
 * order, then stored (k <= KC: one slice, so no c + acc): exactly what the
 * packed kernel computes, so both paths give the same bits (test_gemm
 * checks). Packing costs as much as the arithmetic at the digits MLP's
 * sizes (32 x 64 x 128: a third of a training step went to pack_a/pack_b). */
#define HX_GEMM_DKERNEL(NAME, T, VT, MR, V, TGT, LOADU, STOREU, SET1, FMA, ZERO, MT, MKMASK, MLOAD)                 \
  TGT static void NAME(int64_t kc, const T *a, int64_t ars, int64_t aps, const T *b, int64_t ldb, int rows, int cols, \
                       T *c, int64_t ldc) {                                                                         \
    VT c0[MR], c1[MR];                                                                                              \
    const T *ar[MR];                                                                                                \
    _Pragma("GCC unroll 16") for (int r = 0; r < MR; r++) {                                                         \
      c0[r] = c1[r] = ZERO();                                                                                       \
      ar[r] = a + (r < rows ? r : 0) * ars;                                                                         \
    }                                                                                                               \
    if (cols == 2 * V) {                                                                                            \
      for (int64_t p = 0; p < kc; p++) {                                                                            \
        const T *bp = b + p * ldb;                                                                                  \
        const int64_t o = p * aps;                                                                                  \
        VT b0 = LOADU(bp), b1 = LOADU(bp + V);                                                                      \
        _Pragma("GCC unroll 16") for (int r = 0; r < MR; r++) {                                                     \
          VT x = SET1(ar[r][o]);                                                                                    \
          c0[r] = FMA(x, b0, c0[r]);                                                                                \
          c1[r] = FMA(x, b1, c1[r]);                                                                                \
        }                                                                                                           \
      }                                                                                                             \
    } else if (cols <= V) {                                                                                         \
      /* One vector of columns (n = 10: the digits MLP's logits): the second      \
       * half would only accumulate masked-off zeros, so it is not computed. */                                     \
      const MT m0 = MKMASK(cols);                                                                                   \
      for (int64_t p = 0; p < kc; p++) {                                                                            \
        const T *bp = b + p * ldb;                                                                                  \
        const int64_t o = p * aps;                                                                                  \
        VT b0 = MLOAD(bp, m0);                                                                                      \
        _Pragma("GCC unroll 16") for (int r = 0; r < MR; r++) c0[r] = FMA(SET1(ar[r][o]), b0, c0[r]);               \
      }                                                                                                             \
    } else {                                                                                                        \
      const MT m0 = MKMASK(cols), m1 = MKMASK(cols - V);                                                            \
      for (int64_t p = 0; p < kc; p++) {                                                                            \
        const T *bp = b + p * ldb;                                                                                  \
        const int64_t o = p * aps;                                                                                  \
        VT b0 = MLOAD(bp, m0), b1 = MLOAD(bp + V, m1);                                                              \
        _Pragma("GCC unroll 16") for (int r = 0; r < MR; r++) {                                                     \
          VT x = SET1(ar[r][o]);                                                                                    \
          c0[r] = FMA(x, b0, c0[r]);                                                                                \
          c1[r] = FMA(x, b1, c1[r]);                                                                                \
        }                                                                                                           \
      }                                                                                                             \
    }                                                                                                               \
    if (rows == MR && cols == 2 * V) {                                                                              \
      _Pragma("GCC unroll 16") for (int r = 0; r < MR; r++) {                                                       \
        STOREU(c + r * ldc, c0[r]);                                                                                 \
        STOREU(c + r * ldc + V, c1[r]);                                                                             \
      }                                                                                                             \
    } else {                                                                                                        \
      _Alignas(64) T tile[MR * 2 * V];                                                                              \
      _Pragma("GCC unroll 16") for (int r = 0; r < MR; r++) {                                                       \
        STOREU(tile + r * 2 * V, c0[r]);                                                                            \
        STOREU(tile + r * 2 * V + V, c1[r]);                                                                        \
      }                                                                                                             \
      for (int r = 0; r < rows; r++)                                                                                \
        for (int q = 0; q < cols; q++) c[r * ldc + q] = tile[r * 2 * V + q];                                        \
    }                                                                                                               \
  }

#ifdef HX_GEMM_X86
/* Lane masks for the first `cnt` lanes (cnt may be <= 0 or >= the width). */
TGT_AVX512 static inline __mmask16 mask16(int cnt) {
  return cnt <= 0 ? 0 : cnt >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cnt) - 1);
}
TGT_AVX512 static inline __mmask8 mask8(int cnt) {
  return cnt <= 0 ? 0 : cnt >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << cnt) - 1);
}
TGT_AVX2 static inline __m256i mask_ps8(int cnt) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(cnt), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
TGT_AVX2 static inline __m256i mask_pd4(int cnt) {
  return _mm256_cmpgt_epi64(_mm256_set1_epi64x(cnt), _mm256_setr_epi64x(0, 1, 2, 3));
}
#define MLOAD_PS16(p, m) _mm512_maskz_loadu_ps((m), (p))
#define MLOAD_PD8(p, m) _mm512_maskz_loadu_pd((m), (p))
#define MLOAD_PS8(p, m) _mm256_maskload_ps((p), (m))
#define MLOAD_PD4(p, m) _mm256_maskload_pd((p), (m))
HX_GEMM_DKERNEL(dkern_f32_avx512, float, __m512, 12, 16, TGT_AVX512, _mm512_loadu_ps, _mm512_storeu_ps,
                _mm512_set1_ps, _mm512_fmadd_ps, _mm512_setzero_ps, __mmask16, mask16, MLOAD_PS16)
HX_GEMM_DKERNEL(dkern_f64_avx512, double, __m512d, 12, 8, TGT_AVX512, _mm512_loadu_pd, _mm512_storeu_pd,
                _mm512_set1_pd, _mm512_fmadd_pd, _mm512_setzero_pd, __mmask8, mask8, MLOAD_PD8)
HX_GEMM_DKERNEL(dkern_f32_avx2, float, __m256, 6, 8, TGT_AVX2, _mm256_loadu_ps, _mm256_storeu_ps, _mm256_set1_ps,
                _mm256_fmadd_ps, _mm256_setzero_ps, __m256i, mask_ps8, MLOAD_PS8)
HX_GEMM_DKERNEL(dkern_f64_avx2, double, __m256d, 6, 4, TGT_AVX2, _mm256_loadu_pd, _mm256_storeu_pd, _mm256_set1_pd,
                _mm256_fmadd_pd, _mm256_setzero_pd, __m256i, mask_pd4, MLOAD_PD4)
#endif

/* Portable direct kernel: 4 x 8, the generic kernel's arithmetic. */
#define HX_GEMM_GENERIC_DKERNEL(NAME, T)                                                                            \
  static void NAME(int64_t kc, const T *a, int64_t ars, int64_t aps, const T *b, int64_t ldb, int rows, int cols,   \
                   T *c, int64_t ldc) {                                                                             \
    T acc[4][8], bv[8];                                                                                             \
    const T *ar[4];                                                                                                 \
    memset(acc, 0, sizeof acc);                                                                                     \
    for (int r = 0; r < 4; r++) ar[r] = a + (r < rows ? r : 0) * ars;                                               \
    for (int64_t p = 0; p < kc; p++) {                                                                              \
      for (int j = 0; j < 8; j++) bv[j] = j < cols ? b[p * ldb + j] : 0;                                            \
      for (int r = 0; r < 4; r++)                                                                                   \
        for (int j = 0; j < 8; j++) acc[r][j] += ar[r][p * aps] * bv[j];                                            \
    }                                                                                                               \
    for (int r = 0; r < rows; r++)                                                                                  \
      for (int j = 0; j < cols; j++) c[r * ldc + j] = acc[r][j];                                                    \
  }
HX_GEMM_GENERIC_DKERNEL(dkern_f32_generic, float)
HX_GEMM_GENERIC_DKERNEL(dkern_f64_generic, double)

/* Block sizes per family. KC x NR of B (one sliver) stays in L1 while the
 * A slivers of an MC x KC block stream from L2; the KC x NC panel of B
 * lives in L3. Only KC (and the kernel) affects rounding. */
typedef void (*kern_f32_fn)(int64_t, const float *, const float *, float *, int64_t, int);
typedef void (*kern_f64_fn)(int64_t, const double *, const double *, double *, int64_t, int);
typedef void (*dkern_f32_fn)(int64_t, const float *, int64_t, int64_t, const float *, int64_t, int, int, float *,
                             int64_t);
typedef void (*dkern_f64_fn)(int64_t, const double *, int64_t, int64_t, const double *, int64_t, int, int, double *,
                             int64_t);
typedef struct {
  int mr, nr;
  int64_t kc, mc, nc;
  kern_f32_fn kern;
  dkern_f32_fn dkern;
} cfg_f32;
typedef struct {
  int mr, nr;
  int64_t kc, mc, nc;
  kern_f64_fn kern;
  dkern_f64_fn dkern;
} cfg_f64;

static cfg_f32 config_f32(void) {
  switch (current_isa()) {
#ifdef HX_GEMM_X86
  case ISA_AVX512: return (cfg_f32){12, 32, 384, 96, 4096, kern_f32_avx512, dkern_f32_avx512};
  case ISA_AVX2: return (cfg_f32){6, 16, 256, 144, 4096, kern_f32_avx2, dkern_f32_avx2};
#endif
  default: return (cfg_f32){4, 8, 256, 128, 4096, kern_f32_generic, dkern_f32_generic};
  }
}

static cfg_f64 config_f64(void) {
  switch (current_isa()) {
#ifdef HX_GEMM_X86
  case ISA_AVX512: return (cfg_f64){12, 16, 256, 96, 4096, kern_f64_avx512, dkern_f64_avx512};
  case ISA_AVX2: return (cfg_f64){6, 8, 256, 72, 4096, kern_f64_avx2, dkern_f64_avx2};
#endif
  default: return (cfg_f64){4, 8, 256, 64, 4096, kern_f64_generic, dkern_f64_generic};
  }
}

/* ---------------------------------------------------------------------------
 * The float driver, instantiated for float and double. */

#define HX_GEMM_FLOAT_DRIVER(T, SUF)                                                                                \
  /* Packs rows [i0, i0+mc) x cols [p0, p0+kc) of op(A) into slivers of mr rows (zero-padded). */                  \
  static void pack_a_##SUF(const T *a, int64_t lda, int ta, int64_t i0, int64_t mc, int64_t p0, int64_t kc, int mr, \
                           T *restrict dst) {                                                                       \
    for (int64_t s = 0; s < mc; s += mr) {                                                                          \
      int64_t rows = min64(mr, mc - s);                                                                             \
      T *d = dst + s * kc;                                                                                          \
      if (!ta) {                                                                                                    \
        for (int64_t r = 0; r < rows; r++) {                                                                        \
          const T *src = a + (i0 + s + r) * lda + p0;                                                               \
          for (int64_t p = 0; p < kc; p++) d[p * mr + r] = src[p];                                                  \
        }                                                                                                           \
      } else {                                                                                                      \
        for (int64_t p = 0; p < kc; p++) {                                                                          \
          const T *src = a + (p0 + p) * lda + i0 + s;                                                               \
          for (int64_t r = 0; r < rows; r++) d[p * mr + r] = src[r];                                                \
        }                                                                                                           \
      }                                                                                                             \
      for (int64_t r = rows; r < mr; r++)                                                                           \
        for (int64_t p = 0; p < kc; p++) d[p * mr + r] = 0;                                                         \
    }                                                                                                               \
  }                                                                                                                 \
                                                                                                                    \
  /* Packs sliver `s` (columns [j0 + s*nr, +nr) of op(B), rows [p0, p0+kc)) of a panel nc wide. */                   \
  static void pack_b_##SUF(const T *b, int64_t ldb, int tb, int64_t p0, int64_t kc, int64_t j0, int64_t nc,         \
                           int64_t s, int nr, T *restrict panel) {                                                  \
    int64_t j = s * nr, cols = min64(nr, nc - j);                                                                   \
    T *d = panel + j * kc;                                                                                          \
    if (!tb) {                                                                                                      \
      for (int64_t p = 0; p < kc; p++) {                                                                            \
        const T *src = b + (p0 + p) * ldb + j0 + j;                                                                 \
        for (int64_t q = 0; q < cols; q++) d[p * nr + q] = src[q];                                                  \
        for (int64_t q = cols; q < nr; q++) d[p * nr + q] = 0;                                                      \
      }                                                                                                             \
    } else {                                                                                                        \
      for (int64_t q = 0; q < cols; q++) {                                                                          \
        const T *src = b + (j0 + j + q) * ldb + p0;                                                                 \
        for (int64_t p = 0; p < kc; p++) d[p * nr + q] = src[p];                                                    \
      }                                                                                                             \
      for (int64_t p = 0; p < kc; p++)                                                                              \
        for (int64_t q = cols; q < nr; q++) d[p * nr + q] = 0;                                                      \
    }                                                                                                               \
  }                                                                                                                 \
                                                                                                                    \
  /* The serial blocked product on one slab: C (m x n) = op(A) op(B), with                                        \
   * kc fixed by the caller (it sets the rounding); bpanel and apack are this thread's. */                        \
  static void serial_##SUF(const cfg_##SUF *g, int64_t kc, int64_t m, int64_t n, int64_t k, const T *a,            \
                           int64_t lda, int ta, const T *b, int64_t ldb, int tb, T *c, int64_t ldc, T *bpanel,      \
                           T *apack) {                                                                              \
    const int mr = g->mr, nr = g->nr;                                                                               \
    _Alignas(64) T tile[12 * 32];                                                                                   \
    for (int64_t jc = 0; jc < n; jc += g->nc) {                                                                     \
      const int64_t ncur = min64(g->nc, n - jc), slivers = ceil_div(ncur, nr);                                      \
      for (int64_t pc = 0; pc < k; pc += kc) {                                                                      \
        const int64_t kcur = min64(kc, k - pc);                                                                     \
        const int add = pc > 0;                                                                                     \
        for (int64_t s = 0; s < slivers; s++) pack_b_##SUF(b, ldb, tb, pc, kcur, jc, ncur, s, nr, bpanel);          \
        for (int64_t i0 = 0; i0 < m; i0 += g->mc) {                                                                 \
          const int64_t mcur = min64(g->mc, m - i0);                                                                \
          pack_a_##SUF(a, lda, ta, i0, mcur, pc, kcur, mr, apack);                                                  \
          for (int64_t s = 0; s < slivers; s++) {                                                                   \
            const int64_t j = s * nr, cols = min64(nr, ncur - j);                                                   \
            const T *bs = bpanel + j * kcur;                                                                        \
            for (int64_t ir = 0; ir < mcur; ir += mr) {                                                             \
              const int64_t rows = min64(mr, mcur - ir);                                                            \
              const T *as = apack + ir * kcur;                                                                      \
              T *cp = c + (i0 + ir) * ldc + jc + j;                                                                 \
              if (rows == mr && cols == nr) {                                                                       \
                g->kern(kcur, as, bs, cp, ldc, add);                                                                \
              } else {                                                                                              \
                g->kern(kcur, as, bs, tile, nr, 0);                                                                 \
                for (int64_t r = 0; r < rows; r++)                                                                  \
                  for (int64_t q = 0; q < cols; q++)                                                                \
                    cp[r * ldc + q] = add ? cp[r * ldc + q] + tile[r * nr + q] : tile[r * nr + q];                  \
              }                                                                                                     \
            }                                                                                                       \
          }                                                                                                         \
        }                                                                                                           \
      }                                                                                                             \
    }                                                                                                               \
  }                                                                                                                 \
                                                                                                                    \
  /* Slab t of the direct product (rows or columns, as split). */                                                   \
  static void direct_slab_##SUF(const cfg_##SUF *g, const split *sp, int64_t t, int64_t m, int64_t n, int64_t k,    \
                                const T *a, int64_t ars, int64_t aps, const T *b, int64_t ldb, T *c, int64_t ldc) { \
    const int mr = g->mr, nr = g->nr;                                                                               \
    const int64_t lo = t * sp->per, len = min64(sp->per, (sp->by_rows ? m : n) - lo);                               \
    const int64_t i_lo = sp->by_rows ? lo : 0, i_hi = sp->by_rows ? lo + len : m;                                   \
    const int64_t j_lo = sp->by_rows ? 0 : lo, j_hi = sp->by_rows ? n : lo + len;                                   \
    for (int64_t j = j_lo; j < j_hi; j += nr)                                                                       \
      for (int64_t i = i_lo; i < i_hi; i += mr)                                                                     \
        g->dkern(k, a + i * ars, ars, aps, b + j, ldb, (int)min64(mr, i_hi - i), (int)min64(nr, j_hi - j),          \
                 c + i * ldc + j, ldc);                                                                             \
  }                                                                                                                 \
                                                                                                                    \
  /* k <= KC: the direct kernels over A and B in place (B transposed first when   \
   * trans_b: k x n elements, at most DIRECT_MAX_BT). Same work split as below. */                                \
  static int direct_##SUF(const cfg_##SUF *g, const split *sp, int64_t m, int64_t n, int64_t k, const T *a,        \
                          int64_t lda, int ta, const T *b, int64_t ldb, int tb, T *c, int64_t ldc) {              \
    T *bt = NULL;                                                                                                   \
    if (tb) {                                                                                                       \
      bt = alloc64(sizeof(T) * (size_t)(k * n));                                                                    \
      if (!bt) return HX_ERR_OUT_OF_MEMORY;                                                                         \
      for (int64_t j = 0; j < n; j++)                                                                               \
        for (int64_t p = 0; p < k; p++) bt[p * n + j] = b[j * ldb + p];                                             \
      b = bt, ldb = n;                                                                                              \
    }                                                                                                               \
    const int64_t ars = ta ? 1 : lda, aps = ta ? lda : 1;                                                           \
    const int nt = (int)sp->count;                                                                                  \
    /* One slab (every small product): no OpenMP region. Even a region of one                                       \
     * thread (`if` false) ends in a futex wake syscall in libgomp's barrier: a                                     \
     * few microseconds per product on a VM, several per training step. */                                          \
    if (nt == 1) {                                                                                                  \
      direct_slab_##SUF(g, sp, 0, m, n, k, a, ars, aps, b, ldb, c, ldc);                                            \
    } else {                                                                                                        \
      _Pragma("omp parallel for num_threads(nt) schedule(static, 1)")                                               \
      for (int64_t t = 0; t < sp->count; t++) direct_slab_##SUF(g, sp, t, m, n, k, a, ars, aps, b, ldb, c, ldc);    \
    }                                                                                                               \
    free(bt);                                                                                                       \
    return HX_OK;                                                                                                   \
  }                                                                                                                 \
                                                                                                                    \
  /* Slab t of the packed product, with its own part of the buffers. */                                             \
  static void packed_slab_##SUF(const cfg_##SUF *g, const split *sp, int64_t t, int64_t kc, int64_t m, int64_t n,   \
                                int64_t k, const T *a, int64_t lda, int trans_a, const T *b, int64_t ldb,           \
                                int trans_b, T *c, int64_t ldc, T *bufs, int64_t b_size, int64_t a_size) {          \
    T *bpanel = bufs + (b_size + a_size) * t, *apack = bpanel + b_size;                                             \
    const int64_t lo = t * sp->per, len = min64(sp->per, (sp->by_rows ? m : n) - lo);                               \
    if (sp->by_rows)                                                                                                \
      serial_##SUF(g, kc, len, n, k, trans_a ? a + lo : a + lo * lda, lda, trans_a, b, ldb, trans_b, c + lo * ldc,  \
                   ldc, bpanel, apack);                                                                             \
    else                                                                                                            \
      serial_##SUF(g, kc, m, len, k, a, lda, trans_a, trans_b ? b + lo * ldb : b + lo, ldb, trans_b, c + lo, ldc,   \
                   bpanel, apack);                                                                                  \
  }                                                                                                                 \
                                                                                                                    \
  int hxrt_gemm_##SUF(int64_t m, int64_t n, int64_t k, const T *a, int64_t lda, int trans_a, const T *b,            \
                      int64_t ldb, int trans_b, T *c, int64_t ldc) {                                                \
    if (bad_args(m, n, k, a, lda, trans_a, b, ldb, trans_b, c, ldc)) return HX_ERR_ARGUMENT;                        \
    if (m == 0 || n == 0) return HX_OK;                                                                             \
    if (k == 0) {                                                                                                   \
      for (int64_t i = 0; i < m; i++)                                                                               \
        for (int64_t j = 0; j < n; j++) c[i * ldc + j] = 0;                                                         \
      return HX_OK;                                                                                                 \
    }                                                                                                               \
    const cfg_##SUF g = config_##SUF();                                                                             \
    /* Equal K slices, a function of k and KC only: this alone fixes the rounding. */                              \
    const int64_t kc = ceil_div(k, ceil_div(k, g.kc));                                                              \
    const split sp = make_split(m, n, g.mr, g.nr, gemm_threads(m, n, k));                                           \
    if (k <= g.kc && direct_enabled() && (!trans_b || (uint64_t)(k * n) <= DIRECT_MAX_BT))                          \
      return direct_##SUF(&g, &sp, m, n, k, a, lda, trans_a, b, ldb, trans_b, c, ldc);                              \
    const int64_t slab_m = sp.by_rows ? sp.per : m, slab_n = sp.by_rows ? n : sp.per;                               \
    /* Sizes in whole cache lines: every thread's panels stay 64-byte aligned. */                                 \
    const int64_t b_size = round_up(kc * round_up(min64(g.nc, slab_n), g.nr), 64 / sizeof(T));                      \
    const int64_t a_size = round_up(kc * round_up(min64(g.mc, slab_m), g.mr), 64 / sizeof(T));                      \
    T *bufs = alloc64(sizeof(T) * (size_t)((b_size + a_size) * sp.count));                                         \
    if (!bufs) return HX_ERR_OUT_OF_MEMORY;                                                                         \
    const int nt = (int)sp.count;                                                                                   \
    if (nt == 1) {  /* no OpenMP region (see direct_##SUF) */                                                       \
      packed_slab_##SUF(&g, &sp, 0, kc, m, n, k, a, lda, trans_a, b, ldb, trans_b, c, ldc, bufs, b_size, a_size);   \
    } else {                                                                                                        \
      _Pragma("omp parallel for num_threads(nt) schedule(static, 1)")                                               \
      for (int64_t t = 0; t < sp.count; t++)                                                                        \
        packed_slab_##SUF(&g, &sp, t, kc, m, n, k, a, lda, trans_a, b, ldb, trans_b, c, ldc, bufs, b_size, a_size); \
    }                                                                                                               \
    free(bufs);                                                                                                     \
    return HX_OK;                                                                                                   \
  }

HX_GEMM_FLOAT_DRIVER(float, f32)
HX_GEMM_FLOAT_DRIVER(double, f64)

/* ---------------------------------------------------------------------------
 * Integers: unsigned arithmetic is two's-complement wrapping without C's
 * signed-overflow undefined behaviour; the bits are those of the signed
 * product. C rows += a(i,p) * packed B row p, four rows of C per pass so each
 * load of B feeds four multiply-adds. */

#define HX_GEMM_INT_ROWS(NAME, U, TGT)                                                                              \
  TGT static void NAME(int64_t rows, int64_t kc, int64_t nc, const U *restrict ap, const U *restrict bp,            \
                       int64_t ldbp, U *c, int64_t ldc, int add) {                                                  \
    int64_t i = 0;                                                                                                  \
    for (; i + 4 <= rows; i += 4) {                                                                                 \
      U *restrict c0 = c + i * ldc, *restrict c1 = c0 + ldc, *restrict c2 = c1 + ldc, *restrict c3 = c2 + ldc;     \
      if (!add)                                                                                                     \
        for (int64_t j = 0; j < nc; j++) c0[j] = c1[j] = c2[j] = c3[j] = 0;                                         \
      const U *a0 = ap + i * kc;                                                                                    \
      for (int64_t p = 0; p < kc; p++) {                                                                            \
        const U x0 = a0[p], x1 = a0[kc + p], x2 = a0[2 * kc + p], x3 = a0[3 * kc + p];                              \
        const U *br = bp + p * ldbp;                                                                                \
        _Pragma("omp simd") for (int64_t j = 0; j < nc; j++) {                                                      \
          const U y = br[j];                                                                                        \
          c0[j] += x0 * y;                                                                                          \
          c1[j] += x1 * y;                                                                                          \
          c2[j] += x2 * y;                                                                                          \
          c3[j] += x3 * y;                                                                                          \
        }                                                                                                           \
      }                                                                                                             \
    }                                                                                                               \
    for (; i < rows; i++) {                                                                                         \
      U *restrict c0 = c + i * ldc;                                                                                 \
      if (!add)                                                                                                     \
        for (int64_t j = 0; j < nc; j++) c0[j] = 0;                                                                 \
      for (int64_t p = 0; p < kc; p++) {                                                                            \
        const U x0 = ap[i * kc + p];                                                                                \
        const U *br = bp + p * ldbp;                                                                                \
        _Pragma("omp simd") for (int64_t j = 0; j < nc; j++) c0[j] += x0 * br[j];                                   \
      }                                                                                                             \
    }                                                                                                               \
  }

typedef void (*rows_u64_fn)(int64_t, int64_t, int64_t, const uint64_t *, const uint64_t *, int64_t, uint64_t *,
                            int64_t, int);
typedef void (*rows_u32_fn)(int64_t, int64_t, int64_t, const uint32_t *, const uint32_t *, int64_t, uint32_t *,
                            int64_t, int);
HX_GEMM_INT_ROWS(rows_u64_generic, uint64_t, )
HX_GEMM_INT_ROWS(rows_u32_generic, uint32_t, )
#ifdef HX_GEMM_X86
HX_GEMM_INT_ROWS(rows_u64_avx512, uint64_t, TGT_AVX512)
HX_GEMM_INT_ROWS(rows_u32_avx512, uint32_t, TGT_AVX512)
HX_GEMM_INT_ROWS(rows_u64_avx2, uint64_t, TGT_AVX2)
HX_GEMM_INT_ROWS(rows_u32_avx2, uint32_t, TGT_AVX2)
static rows_u64_fn rows_u64(void) {
  int isa = current_isa();
  return isa == ISA_AVX512 ? rows_u64_avx512 : isa == ISA_AVX2 ? rows_u64_avx2 : rows_u64_generic;
}
static rows_u32_fn rows_u32(void) {
  int isa = current_isa();
  return isa == ISA_AVX512 ? rows_u32_avx512 : isa == ISA_AVX2 ? rows_u32_avx2 : rows_u32_generic;
}
#else
static rows_u64_fn rows_u64(void) { return rows_u64_generic; }
static rows_u32_fn rows_u32(void) { return rows_u32_generic; }
#endif

/* KC x NC of op(B) is packed row-major (512 KiB: L2); op(A) in row blocks of
 * at most MC rows, packed row-major. Slabs per thread as for floats. */
#define HX_GEMM_INT_DRIVER(S, U, SUF, ROWS, KC, NC, MC)                                                             \
  static void serial_##SUF(ROWS##_fn rows_fn, int64_t m, int64_t n, int64_t k, const U *a, int64_t lda, int ta,     \
                           const U *b, int64_t ldb, int tb, U *c, int64_t ldc, U *bpanel, U *apack) {               \
    for (int64_t jc = 0; jc < n; jc += NC) {                                                                        \
      const int64_t ncur = min64(NC, n - jc);                                                                       \
      for (int64_t pc = 0; pc < k; pc += KC) {                                                                      \
        const int64_t kcur = min64(KC, k - pc);                                                                     \
        for (int64_t p = 0; p < kcur; p++) {                                                                        \
          U *d = bpanel + p * ncur;                                                                                 \
          if (!tb)                                                                                                  \
            memcpy(d, b + (pc + p) * ldb + jc, sizeof(U) * (size_t)ncur);                                           \
          else                                                                                                      \
            for (int64_t j = 0; j < ncur; j++) d[j] = b[(jc + j) * ldb + pc + p];                                   \
        }                                                                                                           \
        for (int64_t i0 = 0; i0 < m; i0 += MC) {                                                                    \
          const int64_t mcur = min64(MC, m - i0);                                                                   \
          for (int64_t r = 0; r < mcur; r++)                                                                        \
            for (int64_t p = 0; p < kcur; p++)                                                                      \
              apack[r * kcur + p] = ta ? a[(pc + p) * lda + i0 + r] : a[(i0 + r) * lda + pc + p];                   \
          rows_fn(mcur, kcur, ncur, apack, bpanel, ncur, c + i0 * ldc + jc, ldc, pc > 0);                           \
        }                                                                                                           \
      }                                                                                                             \
    }                                                                                                               \
  }                                                                                                                 \
                                                                                                                    \
  int hxrt_gemm_##SUF(int64_t m, int64_t n, int64_t k, const S *sa, int64_t lda, int trans_a, const S *sb,          \
                      int64_t ldb, int trans_b, S *sc, int64_t ldc) {                                               \
    if (bad_args(m, n, k, sa, lda, trans_a, sb, ldb, trans_b, sc, ldc)) return HX_ERR_ARGUMENT;                     \
    if (m == 0 || n == 0) return HX_OK;                                                                             \
    const U *a = (const U *)sa, *b = (const U *)sb;                                                                 \
    U *c = (U *)sc;                                                                                                 \
    if (k == 0) {                                                                                                   \
      for (int64_t i = 0; i < m; i++) memset(c + i * ldc, 0, sizeof(U) * (size_t)n);                                \
      return HX_OK;                                                                                                 \
    }                                                                                                               \
    const ROWS##_fn rows_fn = ROWS();                                                                               \
    const split sp = make_split(m, n, 4, 16, gemm_threads(m, n, k));                                                \
    const int64_t slab_m = sp.by_rows ? sp.per : m, slab_n = sp.by_rows ? n : sp.per;                               \
    const int64_t b_size = round_up(min64(KC, k) * min64(NC, slab_n), 64 / sizeof(U));                             \
    const int64_t a_size = round_up(min64(MC, slab_m) * min64(KC, k), 64 / sizeof(U));                              \
    U *bufs = alloc64(sizeof(U) * (size_t)((b_size + a_size) * sp.count));                                          \
    if (!bufs) return HX_ERR_OUT_OF_MEMORY;                                                                         \
    const int nt = (int)sp.count;                                                                                   \
    _Pragma("omp parallel for num_threads(nt) schedule(static, 1) if (nt > 1)")                                     \
    for (int64_t t = 0; t < sp.count; t++) {                                                                        \
      U *bpanel = bufs + (b_size + a_size) * t, *apack = bpanel + b_size;                                           \
      const int64_t lo = t * sp.per, len = min64(sp.per, (sp.by_rows ? m : n) - lo);                                \
      if (sp.by_rows)                                                                                               \
        serial_##SUF(rows_fn, len, n, k, trans_a ? a + lo : a + lo * lda, lda, trans_a, b, ldb, trans_b,            \
                     c + lo * ldc, ldc, bpanel, apack);                                                             \
      else                                                                                                          \
        serial_##SUF(rows_fn, m, len, k, a, lda, trans_a, trans_b ? b + lo * ldb : b + lo, ldb, trans_b, c + lo,    \
                     ldc, bpanel, apack);                                                                           \
    }                                                                                                               \
    free(bufs);                                                                                                     \
    return HX_OK;                                                                                                   \
  }

HX_GEMM_INT_DRIVER(int64_t, uint64_t, s64, rows_u64, 128, 512, 64)
HX_GEMM_INT_DRIVER(int32_t, uint32_t, s32, rows_u32, 128, 1024, 64)
