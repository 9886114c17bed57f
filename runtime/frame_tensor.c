/* \file frame_tensor.c
 * Explorer data frames compiled as static recipes (frontend/Sema.cpp,
 * "Explorer"): hastec reads a CSV's schema and row count when it compiles
 * `DF.from_csv!`, and the program reads the file again when it runs. This
 * is that read: the columns a recipe kept, as one tensor's elements. */
#include "hxrt_frame.h"
#include "hxrt_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits s at sep into at most cap pieces, in place; returns the count. */
static int split(char *s, char sep, char **out, int cap) {
  int n = 0;
  if (!*s) return 0;
  for (;;) {
    if (n == cap) return n;
    out[n++] = s;
    char *p = strchr(s, sep);
    if (!p) return n;
    *p = 0;
    s = p + 1;
  }
}

/* text, one field per line: the path; "1" with a header row, else "0"; the
 * delimiter; the nil values separated by 0x1f; the kept columns' 0-based
 * indices separated by ','; their names separated by 0x1f. Returns
 * `rows` x k elements (axis_last: row-major, else k x rows) of kind (1 s64,
 * 2 f64). Raises ArgumentError when the file no longer matches what the
 * program was compiled against: another row count, a column that is not a
 * number any more, a missing value. */
hx_array *hxrt_frame_tensor(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t rows, int64_t kind,
                            int64_t axis_last) {
  /* Scratch space from hxrt_alloc: tracked by the call, so an error raised
   * by the reader frees it too. */
  enum { kMax = 4096 };
  size_t len = strlen(text);
  hx_array *scratch_text = hxrt_alloc(ctx, HX_KIND_I64, (int64_t)(len / 8 + 1));
  hx_array *scratch_ptrs = hxrt_alloc(ctx, HX_KIND_I64, 3 * kMax);
  hx_array *scratch_cols = hxrt_alloc(ctx, HX_KIND_I64, kMax);
  char *buf = hx_array_data(scratch_text);
  memcpy(buf, text, len + 1);
  char *line[6];
  if (split(buf, '\n', line, 6) != 6) hxrt_panic("hxrt_frame_tensor: malformed recipe");
  char **nils = hx_array_data(scratch_ptrs), **idx = nils + kMax, **names = idx + kMax;
  int64_t *cols = hx_array_data(scratch_cols);
  int n_nil = split(line[3], 0x1f, nils, kMax);
  int k = split(line[4], ',', idx, kMax);
  split(line[5], 0x1f, names, kMax);
  for (int j = 0; j < k; j++) cols[j] = strtoll(idx[j], NULL, 10);

  hxrt_csv_options o;
  hxrt_csv_options_init(&o);
  o.header = line[1][0] == '1';
  o.delimiter = line[2][0];
  o.nil_values = (const char *const *)nils;
  o.n_nil_values = n_nil;
  o.column_indices = cols;
  o.n_column_indices = k;
  o.infer_schema_length = 0; /* every row, as the compiler inferred them */
  char path[4096];
  snprintf(path, sizeof path, "%s", line[0]);
  char colname[256] = "";
  const char *why = NULL;
  int64_t bad_row = -1, bad_col = -1, got_rows = 0;
  hx_frame *f = hxrt_csv_read(ctx, path, &o);
  got_rows = hx_frame_n_rows(f);
  hx_array *out = NULL;
  if (got_rows != rows) {
    why = "rows";
  } else {
    for (int j = 0; j < k && !why; j++) {
      int dt = hx_frame_column_dtype(f, j);
      if (dt != HX_DT_S64 && dt != HX_DT_F64) why = "dtype", bad_col = j;
      const uint8_t *v = hx_frame_valid(f, j);
      for (int64_t i = 0; i < rows && !why; i++)
        if (!v[i]) why = "missing", bad_col = j, bad_row = i;
    }
  }
  if (!why) {
    out = hxrt_alloc(ctx, (int)kind, rows * k);
    for (int j = 0; j < k; j++) {
      const double *fd = hx_frame_f64(f, j);
      const int64_t *sd = hx_frame_s64(f, j);
      for (int64_t i = 0; i < rows; i++) {
        int64_t at = axis_last ? i * k + j : (int64_t)j * rows + i;
        if (kind == HX_KIND_F64) ((double *)hx_array_data(out))[at] = fd ? fd[i] : (double)sd[i];
        else ((int64_t *)hx_array_data(out))[at] = sd ? sd[i] : (int64_t)fd[i];
      }
    }
  }
  if (bad_col >= 0) snprintf(colname, sizeof colname, "%s", names[bad_col]);
  int dt = bad_col >= 0 ? hx_frame_column_dtype(f, (int64_t)bad_col) : 0;
  hx_frame_free(ctx, f);
  hxrt_release(ctx, scratch_text);
  hxrt_release(ctx, scratch_ptrs);
  hxrt_release(ctx, scratch_cols);
  if (why && why[0] == 'r')
    hxrt_raisef(ctx, HX_ERR_ARGUMENT, loc,
                "%s has %" PRId64 " rows, but it had %" PRId64 " when the program was compiled "
                "(hastec's tensors have static shapes: compile the program again)", path, got_rows, rows);
  if (why && why[0] == 'd')
    hxrt_raisef(ctx, HX_ERR_ARGUMENT, loc,
                "%s: column %s is %s now, but it held numbers when the program was compiled", path, colname,
                hx_dtype_name(dt));
  if (why)
    hxrt_raisef(ctx, HX_ERR_ARGUMENT, loc, "%s: column %s has a missing value in row %" PRId64
                " (Nx tensors hold no missing values: drop or fill them first)", path, colname, bad_row + 1);
  return out;
}
