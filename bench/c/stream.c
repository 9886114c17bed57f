/* \file stream.c
 * The machine's memory bandwidth, measured by the harness itself so the
 * chain's GB/s can be given as a fraction of it (-O3 -march=native -fopenmp).
 *
 *   stream copy N     b[i] = a[i] over N doubles, OpenMP static split
 *                     (STREAM "Copy": counts 16 bytes per element, read + write)
 *   stream memcpy N   each thread memcpy()s its contiguous share (same count)
 *   stream read N     sum of a[i] over N doubles (8 bytes per element)
 *
 * Arrays are first touched in parallel with the same split, outside the
 * timed calls. Prints one JSON line per mode with "bytes" (bench_common.h).
 */
#include "bench_common.h"

#include <omp.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: stream copy|memcpy|read N\n");
    return 2;
  }
  const char *mode = argv[1];
  int64_t n = strtoll(argv[2], NULL, 0);
  size_t bytes = (size_t)n * 8;
  double *a = aligned_alloc(64, (bytes + 63) / 64 * 64), *b = aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!a || !b) abort();
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; i++) {
    a[i] = bench_input(i);
    b[i] = 0;
  }
  bench_reps r;
  bench_reps_init(&r);
  double check = 0;
  int64_t counted = 0;
  while (bench_reps_more(&r)) {
    double t0 = bench_start(&r);
    if (!strcmp(mode, "copy")) {
#pragma omp parallel for simd schedule(static)
      for (int64_t i = 0; i < n; i++) b[i] = a[i];
      counted = 16 * n;
    } else if (!strcmp(mode, "memcpy")) {
#pragma omp parallel
      {
        int nt = omp_get_num_threads(), t = omp_get_thread_num();
        int64_t lo = n * t / nt, hi = n * (t + 1) / nt;
        memcpy(b + lo, a + lo, (size_t)(hi - lo) * 8);
      }
      counted = 16 * n;
    } else if (!strcmp(mode, "read")) {
      double s = 0;
#pragma omp parallel for simd reduction(+ : s) schedule(static)
      for (int64_t i = 0; i < n; i++) s += a[i];
      check = s;
      counted = 8 * n;
    } else {
      fprintf(stderr, "stream: unknown mode %s\n", mode);
      return 2;
    }
    bench_reps_add(&r, bench_now() - t0);
  }
  if (strcmp(mode, "read")) check = b[n / 3];
  char value[64], extra[96];
  snprintf(value, sizeof value, "%.17g", check);
  snprintf(extra, sizeof extra, "\"bytes\": %lld, \"threads\": \"%d\"", (long long)counted, omp_get_max_threads());
  bench_emit(mode, "c", n, value, &r, extra);
  free(a);
  free(b);
  return 0;
}
