/* \file bench_common.h
 * What every C timing program in bench/ shares: the clock, the repetition
 * policy, the benchmark input, and the one-line JSON result format that
 * bench/report.py reads.
 *
 * Repetitions: at least BENCH_MIN_REPS (default 3) and at most BENCH_REPS
 * (default 5) timed calls; after the minimum, stop early once the timed
 * calls together took BENCH_BUDGET_S seconds (default 4). Calls so slow
 * that two of them took BENCH_MAX_S (default 10) stop at two. Min and
 * median are reported.
 *
 * The input of the memory-bound chain is x[i] = (i mod 1024) / 1024: exact
 * in f32 and f64, so every implementation reads the same numbers and
 * bench/report.py can compute the exact answer from the period.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of the whole process (every thread), to tell a starved row from a slow one. */
static inline double bench_cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static inline int bench_env_int(const char *name, int dflt) {
  const char *s = getenv(name);
  return (s && *s) ? atoi(s) : dflt;
}

static inline double bench_env_double(const char *name, double dflt) {
  const char *s = getenv(name);
  return (s && *s) ? atof(s) : dflt;
}

typedef struct bench_reps {
  int min_reps, max_reps;
  double budget_s, max_s;
  int count;
  double total;
  double cpu0;   /* CPU clock at bench_start */
  double t[64];  /* wall seconds per call */
  double c[64];  /* process CPU seconds per call */
} bench_reps;

static inline void bench_reps_init(bench_reps *r) {
  memset(r, 0, sizeof *r);
  r->max_reps = bench_env_int("BENCH_REPS", 5);
  r->min_reps = bench_env_int("BENCH_MIN_REPS", 3);
  r->budget_s = bench_env_double("BENCH_BUDGET_S", 4.0);
  r->max_s = bench_env_double("BENCH_MAX_S", 10.0);
  if (r->max_reps < 1) r->max_reps = 1;
  if (r->max_reps > 64) r->max_reps = 64;
  if (r->min_reps > r->max_reps) r->min_reps = r->max_reps;
  if (r->min_reps < 1) r->min_reps = 1;
}

/* True while another timed call is wanted. */
static inline int bench_reps_more(const bench_reps *r) {
  if (r->count >= r->max_reps) return 0;
  if (r->count >= 2 && r->total >= r->max_s) return 0;
  if (r->count < r->min_reps) return 1;
  return r->total < r->budget_s;
}

/* Marks the start of a timed call; returns the wall clock. */
static inline double bench_start(bench_reps *r) {
  r->cpu0 = bench_cpu_now();
  return bench_now();
}

/* Ends the timed call begun by bench_start, seconds of wall clock later. */
static inline void bench_reps_add(bench_reps *r, double seconds) {
  r->c[r->count] = bench_cpu_now() - r->cpu0;
  r->t[r->count++] = seconds;
  r->total += seconds;
}

static int bench_cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static inline void bench_reps_stats(const bench_reps *r, double *min, double *median) {
  double s[64];
  memcpy(s, r->t, sizeof(double) * (size_t)r->count);
  qsort(s, (size_t)r->count, sizeof(double), bench_cmp_double);
  *min = s[0];
  *median = (r->count % 2) ? s[r->count / 2] : 0.5 * (s[r->count / 2 - 1] + s[r->count / 2]);
}

/* One result line: {"bench": ..., "impl": ..., "n": ..., "value": VALUE_JSON,
 * "min_s": ..., "median_s": ..., "reps": ..., "cpu_s": CPU seconds of the fastest call[, EXTRA]} */
static inline void bench_emit(const char *bench, const char *impl, int64_t n, const char *value_json,
                              const bench_reps *r, const char *extra_json) {
  double mn, md, cpu = 0;
  bench_reps_stats(r, &mn, &md);
  for (int i = 0; i < r->count; i++)
    if (r->t[i] == mn) cpu = r->c[i];
  printf("{\"bench\": \"%s\", \"impl\": \"%s\", \"n\": %lld, \"value\": %s, \"min_s\": %.9g, "
         "\"median_s\": %.9g, \"reps\": %d, \"cpu_s\": %.9g%s%s}\n",
         bench, impl, (long long)n, value_json, mn, md, r->count, cpu, extra_json ? ", " : "",
         extra_json ? extra_json : "");
  fflush(stdout);
}

/* The chain's input element i. */
static inline double bench_input(int64_t i) { return (double)(i & 1023) * (1.0 / 1024.0); }

#endif /* BENCH_COMMON_H */
