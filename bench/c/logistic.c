/* \file logistic.c
 * The hand-written C peer of samples/logistic_map.hx: the ten logistic-map
 * steps fused by hand into one OpenMP loop, the way a C programmer writes
 * it (-O3 -march=native -fopenmp).
 *
 *   logistic map_sum N P     sum of step^10(i) for i in 1..N, P at run time
 *   logistic sum N           the same with the constant modulus 6_700_417
 *   logistic map_list N P    the list step^10(i), i in 1..N (a new array each call)
 *
 * Prints one JSON line (bench/c/bench_common.h). rem is C's % (truncating),
 * as Elixir's rem; every value here is non-negative.
 */
#include "bench_common.h"

#include <omp.h>

#define MU 22
#define P_CONST 6700417

static inline int64_t step(int64_t x, int64_t p) { return MU * x * (x + 1) % p; }
static inline int64_t step_c(int64_t x) { return MU * x * (x + 1) % P_CONST; }

static int64_t map_sum(int64_t n, int64_t p) {
  int64_t s = 0;
#pragma omp parallel for reduction(+ : s) schedule(static)
  for (int64_t i = 1; i <= n; i++) {
    int64_t x = i;
    for (int k = 0; k < 10; k++) x = step(x, p);
    s += x;
  }
  return s;
}

static int64_t sum_const(int64_t n) {
  int64_t s = 0;
#pragma omp parallel for reduction(+ : s) schedule(static)
  for (int64_t i = 1; i <= n; i++) {
    int64_t x = i;
    for (int k = 0; k < 10; k++) x = step_c(x);
    s += x;
  }
  return s;
}

static int64_t *map_list(int64_t n, int64_t p) {
  int64_t *out = aligned_alloc(64, (size_t)((n * 8 + 63) / 64 * 64));
  if (!out) abort();
#pragma omp parallel for schedule(static)
  for (int64_t i = 1; i <= n; i++) {
    int64_t x = i;
    for (int k = 0; k < 10; k++) x = step(x, p);
    out[i - 1] = x;
  }
  return out;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: logistic map_sum|sum|map_list N [P]\n");
    return 2;
  }
  const char *mode = argv[1];
  int64_t n = strtoll(argv[2], NULL, 0);
  int64_t p = argc > 3 ? strtoll(argv[3], NULL, 0) : P_CONST;
  bench_reps r;
  bench_reps_init(&r);
  char value[128] = "null", extra[64];
  while (bench_reps_more(&r)) {
    if (!strcmp(mode, "map_sum") || !strcmp(mode, "sum")) {
      double t0 = bench_start(&r);
      int64_t s = !strcmp(mode, "sum") ? sum_const(n) : map_sum(n, p);
      bench_reps_add(&r, bench_now() - t0);
      snprintf(value, sizeof value, "%lld", (long long)s);
    } else if (!strcmp(mode, "map_list")) {
      double t0 = bench_start(&r);
      int64_t *xs = map_list(n, p);
      bench_reps_add(&r, bench_now() - t0);
      int64_t s = 0;
      for (int64_t i = 0; i < n; i++) s += xs[i];
      free(xs);
      snprintf(value, sizeof value, "{\"len\": %lld, \"sum\": %lld}", (long long)n, (long long)s);
    } else {
      fprintf(stderr, "logistic: unknown mode %s\n", mode);
      return 2;
    }
  }
  snprintf(extra, sizeof extra, "\"threads\": \"%d\"", omp_get_max_threads());
  bench_emit(mode, "c", n, value, &r, extra);
  return 0;
}
