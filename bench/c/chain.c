/* \file chain.c
 * The hand-written C peer of bench/programs/chain*.hx: the memory-bound
 * chain fused by hand into one OpenMP loop (-O3 -march=native -fopenmp).
 *
 *   chain f64_sqrt   N A B T   sum of sqrt(A*x+B) over those > T, doubles
 *   chain f32_sqrt   N A B T   the same in floats (input half the bytes)
 *   chain f64_affine N A B T   sum of A*x+B over those > T (no sqrt), doubles
 *
 * The input x[i] = (i mod 1024) / 1024 is written once, in parallel with
 * the same static split, before the timed calls. The f32 form adds floats
 * in blocks of 4096 and the blocks' sums in double, so its result stays
 * close to the exact one (a plain float accumulator over 2^26 elements
 * would lose most of its digits); the cost is the same.
 * Prints one JSON line (bench/c/bench_common.h) with the bytes of x read.
 */
#include "bench_common.h"

#include <math.h>
#include <omp.h>

static double f64_sqrt(const double *restrict x, int64_t n, double a, double b, double t) {
  double s = 0;
#pragma omp parallel for simd reduction(+ : s) schedule(static)
  for (int64_t i = 0; i < n; i++) {
    double y = sqrt(a * x[i] + b);
    s += y > t ? y : 0.0;
  }
  return s;
}

static double f64_affine(const double *restrict x, int64_t n, double a, double b, double t) {
  double s = 0;
#pragma omp parallel for simd reduction(+ : s) schedule(static)
  for (int64_t i = 0; i < n; i++) {
    double y = a * x[i] + b;
    s += y > t ? y : 0.0;
  }
  return s;
}

#define BLOCK 4096
static double f32_sqrt(const float *restrict x, int64_t n, float a, float b, float t) {
  double s = 0;
  int64_t nb = (n + BLOCK - 1) / BLOCK;
#pragma omp parallel for reduction(+ : s) schedule(static)
  for (int64_t blk = 0; blk < nb; blk++) {
    int64_t lo = blk * BLOCK, hi = lo + BLOCK < n ? lo + BLOCK : n;
    float bs = 0;
#pragma omp simd reduction(+ : bs)
    for (int64_t i = lo; i < hi; i++) {
      float y = sqrtf(a * x[i] + b);
      bs += y > t ? y : 0.0f;
    }
    s += bs;
  }
  return s;
}

int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: chain f64_sqrt|f32_sqrt|f64_affine N A B T\n");
    return 2;
  }
  const char *mode = argv[1];
  int64_t n = strtoll(argv[2], NULL, 0);
  double a = atof(argv[3]), b = atof(argv[4]), t = atof(argv[5]);
  int f32 = !strcmp(mode, "f32_sqrt");
  size_t esz = f32 ? 4 : 8;
  void *x = aligned_alloc(64, (n * esz + 63) / 64 * 64);
  if (!x) abort();
  if (f32) {
    float *xf = x;
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; i++) xf[i] = (float)bench_input(i);
  } else {
    double *xd = x;
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; i++) xd[i] = bench_input(i);
  }
  bench_reps r;
  bench_reps_init(&r);
  double v = 0;
  while (bench_reps_more(&r)) {
    double t0 = bench_start(&r);
    if (!strcmp(mode, "f64_sqrt")) v = f64_sqrt(x, n, a, b, t);
    else if (!strcmp(mode, "f64_affine")) v = f64_affine(x, n, a, b, t);
    else if (f32) v = f32_sqrt(x, n, (float)a, (float)b, (float)t);
    else {
      fprintf(stderr, "chain: unknown mode %s\n", mode);
      return 2;
    }
    bench_reps_add(&r, bench_now() - t0);
  }
  char value[64], extra[96];
  snprintf(value, sizeof value, "%.17g", v);
  snprintf(extra, sizeof extra, "\"bytes\": %lld, \"threads\": \"%d\"", (long long)(n * (int64_t)esz),
           omp_get_max_threads());
  bench_emit(mode, "c", n, value, &r, extra);
  free(x);
  return 0;
}
