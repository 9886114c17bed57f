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

void hxrt_sort(hx_context *ctx, hx_array *a, int desc) {
  /* In place: a device copy of the old order would be stale (opencl.c). */
  if (a->flags & HX_ARRAY_CL_MIRROR) hxrt_cl_array_freed(a);
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
