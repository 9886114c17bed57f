/* \file csv_bench.c
 * Times hxrt_csv_read on the benchmark CSV (gen_csv.c): nil_values ["NA"],
 * region as a category, the other dtypes inferred, as Explorer would read
 * it. Prints one line: best seconds, MB/s, rows, and a checksum of the
 * columns (so the work cannot be skipped, and runs can be compared).
 *
 *   csv_bench FILE.csv [REPS]      (HX_NUM_THREADS picks the thread count, printed
 *                                   first; "all" when unset: one per core)
 */
#include "hxrt_frame.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: csv_bench FILE.csv [REPS]\n");
    return 2;
  }
  int reps = argc > 2 ? atoi(argv[2]) : 3;
  struct stat st;
  if (stat(argv[1], &st) != 0) {
    perror(argv[1]);
    return 1;
  }
  hx_context *ctx = hx_context_new();
  hxrt_csv_options o;
  hxrt_csv_options_init(&o);
  const char *nils[] = {"NA"};
  o.nil_values = nils;
  o.n_nil_values = 1;
  hxrt_csv_dtype dt[] = {{"region", 0, HX_DT_CATEGORY}};
  o.dtypes = dt;
  o.n_dtypes = 1;
  double best = 1e30, best_cpu = 0, sum = 0;
  int64_t rows = 0, missing = 0;
  for (int r = 0; r < reps; r++) {
    hx_frame *f = NULL;
    double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    int rc = hx_csv_read(ctx, argv[1], &o, &f);
    double t = clock_s(CLOCK_MONOTONIC) - t0, cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (rc != HX_OK) {
      fprintf(stderr, "%s\n", hx_context_error(ctx));
      return 1;
    }
    if (t < best) best = t, best_cpu = cpu;
    rows = hx_frame_n_rows(f);
    sum = 0, missing = 0;
    for (int64_t c = 0; c < hx_frame_n_columns(f); c++) {
      const uint8_t *valid = hx_frame_valid(f, c);
      const double *d = hx_frame_f64(f, c);
      const int64_t *i = hx_frame_s64(f, c);
      const int32_t *k = hx_frame_category_codes(f, c);
      for (int64_t j = 0; j < rows; j++) {
        missing += !valid[j];
        if (!valid[j]) continue;
        sum += d ? d[j] : i ? (double)i[j] : k ? k[j] : 0;
      }
    }
    hx_frame_free(ctx, f);
  }
  double mb = (double)st.st_size / 1e6;
  const char *threads = getenv("HX_NUM_THREADS");
  printf("threads %s seconds %.4f MB/s %.1f cpu_seconds %.4f MB/cpu_s %.1f rows %" PRId64 " missing %" PRId64
         " checksum %.6e\n",
         threads && *threads ? threads : "all", best, mb / best, best_cpu, mb / best_cpu, rows, missing, sum);
  hx_context_free(ctx);
  return 0;
}
