/* \file ops.c
 * Runtime operations that generated code calls instead of inlining:
 * raising with a printed value, and sorting.
 */
#include "hxrt.h"
#include "hxrt_internal.h"
#include "hxrt_cl.h"

#include <stdlib.h>
#include <string.h>

void hxrt_raise_value(hx_context *ctx, int code, const char *prefix, const char *type, const void *value,
                      const hx_srcloc *loc) {
  size_t n = hx_inspect(NULL, 0, type, value);
  size_t plen = prefix ? strlen(prefix) : 0;
  /* Elixir prints huge values too; cap what we format to keep errors readable. */
  if (n > 4096) n = 4096;
  char *msg = malloc(plen + n + 1);
  if (!msg) hxrt_raise(ctx, code, prefix, loc);
  memcpy(msg, prefix, plen);
  hx_inspect(msg + plen, n + 1, type, value);
  msg[plen + n] = 0;
  /* hxrt_raise copies the message into the context before unwinding. */
  char stackbuf[8192];
  size_t total = plen + n;
  if (total >= sizeof stackbuf) total = sizeof stackbuf - 1;
  memcpy(stackbuf, msg, total);
  stackbuf[total] = 0;
  free(msg);
  hxrt_raise(ctx, code, stackbuf, loc);
}

/* Stable merge sort of n elements of size sz with cmp; tmp has room for n. */
typedef int (*cmp_fn)(const void *, const void *);

static void merge_sort(char *a, char *tmp, size_t n, size_t sz, cmp_fn cmp) {
  if (n < 2) return;
  if (n <= 16) { /* insertion sort: stable */
    char t[64];
    for (size_t i = 1; i < n; i++) {
      memcpy(t, a + i * sz, sz);
      size_t j = i;
      while (j > 0 && cmp(a + (j - 1) * sz, t) > 0) {
        memcpy(a + j * sz, a + (j - 1) * sz, sz);
        j--;
      }
      memcpy(a + j * sz, t, sz);
    }
    return;
  }
  size_t h = n / 2;
  merge_sort(a, tmp, h, sz, cmp);
  merge_sort(a + h * sz, tmp, n - h, sz, cmp);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) {
    if (cmp(a + j * sz, a + i * sz) < 0) memcpy(tmp + (k++) * sz, a + (j++) * sz, sz);
    else memcpy(tmp + (k++) * sz, a + (i++) * sz, sz);
  }
  while (i < h) memcpy(tmp + (k++) * sz, a + (i++) * sz, sz);
  while (j < n) memcpy(tmp + (k++) * sz, a + (j++) * sz, sz);
  memcpy(a, tmp, n * sz);
}

#define CMP(name, T)                                   \
  static int name##_asc(const void *x, const void *y) { \
    T a = *(const T *)x, b = *(const T *)y;            \
    return (a > b) - (a < b);                          \
  }                                                    \
  static int name##_desc(const void *x, const void *y) { return name##_asc(y, x); }
CMP(i64, int64_t)
CMP(f64, double)
CMP(i32, int32_t)
CMP(f32, float)
CMP(u8, uint8_t)

/* ---- lists of tuples: sorted through a permutation ----------------------
 * The columns stay columns: a stable merge sort orders row indices by the
 * leaves in column order (for tuples of one type that is Elixir's term
 * order), then each column is permuted once. */
typedef struct {
  int32_t ncols;
  const char **col;
  const uint8_t *kind;
  int desc;
} rows_cmp;

static int cmp_leaf(int kind, const char *col, int64_t x, int64_t y) {
  switch (kind) {
#define LEAF(K, T)                                                  \
  case K: {                                                         \
    T a = ((const T *)col)[x], b = ((const T *)col)[y];             \
    return (a > b) - (a < b);                                       \
  }
    LEAF(HX_KIND_I64, int64_t)
    LEAF(HX_KIND_F64, double)
    LEAF(HX_KIND_I32, int32_t)
    LEAF(HX_KIND_F32, float)
    LEAF(HX_KIND_BOOL, uint8_t)
#undef LEAF
  default: return 0;
  }
}

static int cmp_rows(const rows_cmp *c, int64_t x, int64_t y) {
  if (c->desc) {
    int64_t t = x;
    x = y;
    y = t;
  }
  for (int32_t j = 0; j < c->ncols; j++) {
    int r = cmp_leaf(c->kind[j], c->col[j], x, y);
    if (r) return r;
  }
  return 0;
}

static void merge_sort_rows(int64_t *ix, int64_t *tmp, size_t n, const rows_cmp *c) {
  if (n < 2) return;
  if (n <= 16) { /* insertion sort: stable */
    for (size_t i = 1; i < n; i++) {
      int64_t t = ix[i];
      size_t j = i;
      while (j > 0 && cmp_rows(c, ix[j - 1], t) > 0) {
        ix[j] = ix[j - 1];
        j--;
      }
      ix[j] = t;
    }
    return;
  }
  size_t h = n / 2;
  merge_sort_rows(ix, tmp, h, c);
  merge_sort_rows(ix + h, tmp, n - h, c);
  if (cmp_rows(c, ix[h - 1], ix[h]) <= 0) return; /* already in order (sorted input) */
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = cmp_rows(c, ix[j], ix[i]) < 0 ? ix[j++] : ix[i++];
  while (i < h) tmp[k++] = ix[i++];
  while (j < n) tmp[k++] = ix[j++];
  memcpy(ix, tmp, n * sizeof *ix);
}

static void sort_tuples(hx_context *ctx, hx_array *a, int desc) {
  int32_t nc = a->ncols;
  if (nc <= 0) hxrt_panic("hxrt_sort: a byte buffer is not a list");
  const uint8_t *kinds = HX_ARRAY_COLKINDS(a);
  for (int32_t j = 0; j < nc; j++)
    if (kinds[j] == HX_KIND_ARRAY) hxrt_panic("hxrt_sort: tuples holding lists do not sort");
  if (a->len < 2) return;
  size_t n = (size_t)a->len;
  const char **cols = malloc((size_t)nc * sizeof *cols);
  int64_t *ix = malloc(n * sizeof *ix), *tmp = malloc(n * sizeof *tmp);
  if (!cols || !ix || !tmp) {
    free(cols), free(ix), free(tmp);
    hxrt_raise(ctx, HX_ERR_OUT_OF_MEMORY, NULL, NULL);
  }
  for (int32_t j = 0; j < nc; j++) cols[j] = hx_array_ccolumn(a, j);
  for (size_t i = 0; i < n; i++) ix[i] = (int64_t)i;
  rows_cmp c = {nc, cols, kinds, desc};
  merge_sort_rows(ix, tmp, n, &c);
  /* Permute each column through tmp (n * 8 bytes fits every leaf size). */
  for (int32_t j = 0; j < nc; j++) {
    char *col = (char *)cols[j];
    switch (hxrt_kind_size(kinds[j])) {
#define PERMUTE(T)                                                     \
  for (size_t i = 0; i < n; i++) ((T *)tmp)[i] = ((const T *)col)[ix[i]]; \
  memcpy(col, tmp, n * sizeof(T));                                     \
  break;
    case 8: PERMUTE(int64_t)
    case 4: PERMUTE(int32_t)
    case 1: PERMUTE(uint8_t)
#undef PERMUTE
    default: hxrt_panic("hxrt_sort: bad column kind");
    }
  }
  free(cols), free(ix), free(tmp);
}

void hxrt_sort(hx_context *ctx, hx_array *a, int desc) {
  /* In place: a device copy of the old order would be stale (opencl.c). */
  if (a->flags & HX_ARRAY_CL_MIRROR) hxrt_cl_array_freed(a);
  if (a->kind == HX_KIND_TUPLE) {
    sort_tuples(ctx, a, desc);
    return;
  }
  cmp_fn cmp;
  size_t sz;
  switch (a->kind) {
    case HX_KIND_I64: cmp = desc ? i64_desc : i64_asc; sz = 8; break;
    case HX_KIND_F64: cmp = desc ? f64_desc : f64_asc; sz = 8; break;
    case HX_KIND_I32: cmp = desc ? i32_desc : i32_asc; sz = 4; break;
    case HX_KIND_F32: cmp = desc ? f32_desc : f32_asc; sz = 4; break;
    case HX_KIND_BOOL: cmp = desc ? u8_desc : u8_asc; sz = 1; break;
    default: hxrt_panic("hxrt_sort: unsupported element kind");
  }
  if (a->len < 2) return;
  char *tmp = malloc((size_t)a->len * sz);
  if (!tmp) hxrt_raise(ctx, HX_ERR_OUT_OF_MEMORY, NULL, NULL);
  merge_sort(a->data, tmp, (size_t)a->len, sz, cmp);
  free(tmp);
}
