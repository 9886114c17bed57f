/* \file tensor.c
 * Nx tensors across the C ABI (hxrt_tensor.h): the opaque hx_tensor handle,
 * and hxrt_tensor_invoke, which the typed entry point of a compiled
 * function with tensors calls (codegen/LLVMCodegen.cpp, define_entry).
 *
 * Inside compiled code a tensor is the tuple {hx_array *data, int64_t d0,
 * ..., d(r-1)} (ir/IR.h, tensor_type), laid out as a C struct: 8 bytes per
 * member, no padding. An hx_tensor holds the same hx_array, so an argument
 * is handed to the compiled code without a copy (borrowed, as lists are),
 * and a result's array becomes the new handle's.
 */
#include "hxrt_tensor.h"
#include "hxrt_internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hx_tensor {
  hx_array *data; /* kind == type (enum hx_tensor_type numbers are hx_kind's) */
  int32_t type;
  int32_t rank;
  int64_t shape[HX_TENSOR_MAX_RANK];
};

_Static_assert((int)HX_TENSOR_S64 == (int)HX_KIND_I64 && (int)HX_TENSOR_F64 == (int)HX_KIND_F64 &&
                   (int)HX_TENSOR_U8 == (int)HX_KIND_BOOL && (int)HX_TENSOR_S32 == (int)HX_KIND_I32 &&
                   (int)HX_TENSOR_F32 == (int)HX_KIND_F32,
               "ABI: tensor type numbers are the array kinds");

/* Records an error in ctx outside any hxrt_invoke (nothing to unwind):
 * "** (Kind) message", as hxrt_raise formats one without a location. */
static void set_error(hx_context *ctx, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_error(hx_context *ctx, int code, const char *fmt, ...) {
  if (!ctx) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  const char *kind = code == HX_ERR_OUT_OF_MEMORY ? "SystemLimitError" : "ArgumentError";
  size_t n = strlen(kind) + strlen(msg) + 8;
  char *text = malloc(n);
  if (text) snprintf(text, n, "** (%s) %s", kind, msg);
  hx_context_clear_error(ctx);
  ctx->code = code;
  ctx->message = text; /* NULL on OOM: hx_context_error then reports "" */
}

const char *hx_tensor_type_name(int type) {
  switch (type) {
  case HX_TENSOR_S64: return "s64";
  case HX_TENSOR_F64: return "f64";
  case HX_TENSOR_U8: return "u8";
  case HX_TENSOR_S32: return "s32";
  case HX_TENSOR_F32: return "f32";
  default: return "?";
  }
}

int hx_tensor_type_size(int type) {
  return type >= HX_TENSOR_S64 && type <= HX_TENSOR_F32 ? (int)hxrt_kind_size(type) : 0;
}

/* "f32[2][3]" into buf. */
static void shape_text(char *buf, size_t cap, int type, int rank, const int64_t *shape) {
  size_t n = (size_t)snprintf(buf, cap, "%s", hx_tensor_type_name(type));
  for (int i = 0; i < rank && n < cap; i++) n += (size_t)snprintf(buf + n, cap - n, "[%" PRId64 "]", shape[i]);
}

/* A handle around a (not tracked) array; frees the array when the handle
 * cannot be made. */
static hx_tensor *wrap(hx_context *ctx, hx_array *a, int type, int rank, const int64_t *shape) {
  hx_tensor *t = malloc(sizeof *t);
  if (!t) {
    hx_array_free(ctx, a);
    set_error(ctx, HX_ERR_OUT_OF_MEMORY, "cannot allocate a tensor handle");
    return NULL;
  }
  memset(t, 0, sizeof *t);
  t->data = a;
  t->type = type;
  t->rank = rank;
  for (int i = 0; i < rank; i++) t->shape[i] = shape[i];
  return t;
}

hx_tensor *hx_tensor_new(hx_context *ctx, int type, int rank, const int64_t *shape, const void *data) {
  int width = hx_tensor_type_size(type);
  if (!width) {
    set_error(ctx, HX_ERR_ARGUMENT, "hx_tensor_new: unknown tensor type %d (HX_TENSOR_F32 ...)", type);
    return NULL;
  }
  if (rank < 0 || rank > HX_TENSOR_MAX_RANK) {
    set_error(ctx, HX_ERR_ARGUMENT, "hx_tensor_new: rank %d is outside 0..%d", rank, HX_TENSOR_MAX_RANK);
    return NULL;
  }
  if (rank > 0 && !shape) {
    set_error(ctx, HX_ERR_ARGUMENT, "hx_tensor_new: a tensor of rank %d needs a shape", rank);
    return NULL;
  }
  int64_t size = 1;
  for (int i = 0; i < rank; i++) {
    if (shape[i] < 0) {
      set_error(ctx, HX_ERR_ARGUMENT, "hx_tensor_new: dimension %d is negative (%" PRId64 ")", i, shape[i]);
      return NULL;
    }
    if (shape[i] > 0 && size > INT64_MAX / width / shape[i]) {
      set_error(ctx, HX_ERR_OUT_OF_MEMORY, "hx_tensor_new: the shape's size overflows");
      return NULL;
    }
    size *= shape[i];
  }
  hx_array *a = hx_array_new(ctx, type, size); /* zero-filled */
  if (!a) {
    set_error(ctx, HX_ERR_OUT_OF_MEMORY, "cannot allocate a tensor of %" PRId64 " elements", size);
    return NULL;
  }
  if (data && size > 0) memcpy(hx_array_data(a), data, (size_t)(size * width));
  return wrap(ctx, a, type, rank, shape);
}

hx_tensor *hx_tensor_from_f32(hx_context *ctx, const float *data, int rank, const int64_t *shape) {
  return hx_tensor_new(ctx, HX_TENSOR_F32, rank, shape, data);
}
hx_tensor *hx_tensor_from_f64(hx_context *ctx, const double *data, int rank, const int64_t *shape) {
  return hx_tensor_new(ctx, HX_TENSOR_F64, rank, shape, data);
}
hx_tensor *hx_tensor_from_s32(hx_context *ctx, const int32_t *data, int rank, const int64_t *shape) {
  return hx_tensor_new(ctx, HX_TENSOR_S32, rank, shape, data);
}
hx_tensor *hx_tensor_from_s64(hx_context *ctx, const int64_t *data, int rank, const int64_t *shape) {
  return hx_tensor_new(ctx, HX_TENSOR_S64, rank, shape, data);
}
hx_tensor *hx_tensor_from_u8(hx_context *ctx, const uint8_t *data, int rank, const int64_t *shape) {
  return hx_tensor_new(ctx, HX_TENSOR_U8, rank, shape, data);
}

int hx_tensor_type(const hx_tensor *t) { return t->type; }
int hx_tensor_rank(const hx_tensor *t) { return t->rank; }
const int64_t *hx_tensor_shape(const hx_tensor *t) { return t->shape; }
int64_t hx_tensor_dim(const hx_tensor *t, int axis) { return axis >= 0 && axis < t->rank ? t->shape[axis] : -1; }
int64_t hx_tensor_size(const hx_tensor *t) { return t->data->len; }
int64_t hx_tensor_nbytes(const hx_tensor *t) { return t->data->len * hxrt_kind_size(t->type); }
void *hx_tensor_data(hx_tensor *t) { return t->data->data; }
const void *hx_tensor_cdata(const hx_tensor *t) { return t->data->data; }

void hx_tensor_free(hx_context *ctx, hx_tensor *t) {
  if (!t) return;
  hx_array_free(ctx, t->data);
  free(t);
}

/* The compiled code's tuple {data, d0, ...}: 8-byte members, no padding. */
typedef struct {
  hx_array *data;
  int64_t dims[HX_TENSOR_MAX_RANK];
} tensor_tuple;

static hx_array *u8_to_i64(hx_context *ctx, const hx_array *a);

size_t hx_tensor_inspect(char *buf, size_t cap, const hx_tensor *t) {
  /* hx_inspect's descriptor of the tuple: "#{[f32],i,i}"; u8 is printed
   * from a 64-bit copy as the compiled code holds it: "#u8{[i],i}" */
  char desc[16 + 2 * HX_TENSOR_MAX_RANK];
  int u8 = t->type == HX_TENSOR_U8;
  const char *elem = t->type == HX_TENSOR_F32 ? "f32"
                     : t->type == HX_TENSOR_F64 ? "f"
                     : t->type == HX_TENSOR_S32 ? "i32"
                                                : "i";
  size_t n = (size_t)snprintf(desc, sizeof desc, "#%s{[%s]", u8 ? "u8" : "", elem);
  for (int i = 0; i < t->rank; i++) n += (size_t)snprintf(desc + n, sizeof desc - n, ",i");
  snprintf(desc + n, sizeof desc - n, "}");
  tensor_tuple tt;
  tt.data = u8 ? u8_to_i64(NULL, t->data) : t->data;
  if (!tt.data) return (size_t)snprintf(buf, cap, "#Nx.Tensor<out of memory>");
  for (int i = 0; i < t->rank; i++) tt.dims[i] = t->shape[i];
  size_t len = hx_inspect(buf, cap, desc, &tt);
  if (u8) hx_array_free(NULL, tt.data);
  return len;
}

/* ---- entry points -------------------------------------------------------- */

/* u8 tensors: a C caller's bytes; the compiled code holds Nx's narrow
 * integer types as 64-bit integers (values 0..255 for u8). These convert
 * between the two; NULL when memory runs out. */
static hx_array *u8_to_i64(hx_context *ctx, const hx_array *a) {
  hx_array *c = hx_array_new(ctx, HX_KIND_I64, a->len);
  if (!c) return NULL;
  const uint8_t *src = (const uint8_t *)a->data;
  int64_t *dst = (int64_t *)c->data;
  for (int64_t i = 0; i < a->len; i++) dst[i] = src[i];
  return c;
}
static hx_array *i64_to_u8(hx_context *ctx, const hx_array *a) {
  hx_array *c = hx_array_new(ctx, HX_TENSOR_U8, a->len);
  if (!c) return NULL;
  const int64_t *src = (const int64_t *)a->data;
  uint8_t *dst = (uint8_t *)c->data;
  for (int64_t i = 0; i < a->len; i++) dst[i] = (uint8_t)src[i];
  return c;
}

/* One item of an entry's signature (see hxrt_tensor_invoke). */
typedef struct {
  char what; /* '#' tensor, 'L' list, '-' other */
  int type, rank;
  int64_t dims[HX_TENSOR_MAX_RANK]; /* -1: any (known at run time) */
} sig_item;

/* Parses one item at *sp; advances past it. 0 on a malformed signature
 * (a bug in hastec, not the caller's). */
static int parse_item(const char **sp, sig_item *it) {
  const char *s = *sp;
  memset(it, 0, sizeof *it);
  it->what = *s;
  if (*s == '-' || *s == 'L') {
    *sp = s + 1;
    return 1;
  }
  if (*s != '#') return 0;
  s++;
  static const int types[] = {HX_TENSOR_F32, HX_TENSOR_F64, HX_TENSOR_S32, HX_TENSOR_S64, HX_TENSOR_U8};
  it->type = 0;
  for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
    const char *name = hx_tensor_type_name(types[i]);
    if (!strncmp(s, name, strlen(name))) {
      it->type = types[i];
      s += strlen(name);
      break;
    }
  }
  if (!it->type) return 0;
  while (*s == '[') {
    if (it->rank == HX_TENSOR_MAX_RANK) return 0;
    char *end;
    if (s[1] == '?') {
      it->dims[it->rank++] = -1;
      end = (char *)s + 2;
    } else {
      it->dims[it->rank++] = strtoll(s + 1, &end, 10);
    }
    if (*end != ']') return 0;
    s = end + 1;
  }
  *sp = s;
  return 1;
}

/* Checks a tensor argument against what the entry was compiled for. */
static int check_arg(hx_context *ctx, const char *function, int argno, const hx_tensor *t, const sig_item *want) {
  int ok = t && t->type == want->type && t->rank == want->rank;
  for (int i = 0; ok && i < want->rank; i++) ok = want->dims[i] < 0 || want->dims[i] == t->shape[i];
  if (ok && t->data && t->data->kind == t->type) {
    int64_t size = 1;
    for (int i = 0; i < t->rank; i++) size *= t->shape[i];
    if (t->data->len == size) return 1;
  }
  char w[128], g[128];
  shape_text(w, sizeof w, want->type, want->rank, want->dims);
  if (!t) {
    set_error(ctx, HX_ERR_ARGUMENT, "argument %d of %s must be a %s tensor, got NULL", argno, function, w);
    return 0;
  }
  if (!ok) {
    int known = t->rank >= 0 && t->rank <= HX_TENSOR_MAX_RANK;
    shape_text(g, sizeof g, t->type, known ? t->rank : 0, t->shape);
    set_error(ctx, HX_ERR_ARGUMENT, "argument %d of %s must be a %s tensor, got a %s tensor", argno, function, w,
              g);
    return 0;
  }
  set_error(ctx, HX_ERR_ARGUMENT, "argument %d of %s is not a valid hx_tensor (freed?)", argno, function);
  return 0;
}

int hxrt_tensor_invoke(hx_context *ctx, hxrt_body_fn body, const char *function, const char *sig, void **args,
                       void *out) {
  if (!ctx || !body || !sig) return HX_ERR_ARGUMENT;
  hx_context_clear_error(ctx);
  size_t nargs = 0;
  const char *arrow = strstr(sig, "->");
  if (!arrow) hxrt_panic("hxrt_tensor_invoke: malformed signature");
  if (arrow != sig)
    for (const char *p = sig; p <= arrow; p++) nargs += p == arrow || *p == ',';
  /* On the stack for up to 8 arguments (the common case: no malloc). */
  enum { SMALL = 8 };
  sig_item small_items[SMALL + 1];
  tensor_tuple small_cells[SMALL + 1];
  void *small_inner[SMALL + 1];
  int heap = nargs > SMALL;
  sig_item *items = heap ? calloc(nargs + 1, sizeof *items) : small_items;
  tensor_tuple *cells = heap ? calloc(nargs + 1, sizeof *cells) : small_cells; /* the last: the result */
  void **inner = heap ? calloc(nargs + 1, sizeof *inner) : small_inner;
  if (!items || !cells || !inner) {
    free(items), free(cells), free(inner);
    set_error(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory calling %s", function);
    return HX_ERR_OUT_OF_MEMORY;
  }
  memset(cells, 0, (nargs + 1) * sizeof *cells);
  const char *s = sig;
  for (size_t i = 0; i < nargs; i++) {
    if (!parse_item(&s, &items[i]) || (*s != ',' && s != arrow))
      hxrt_panic("hxrt_tensor_invoke: malformed signature");
    if (*s == ',') s++;
  }
  s = arrow + 2;
  sig_item *res = &items[nargs];
  if (!parse_item(&s, res) || *s) hxrt_panic("hxrt_tensor_invoke: malformed signature");

  int rc = HX_OK;
  for (size_t i = 0; i < nargs; i++) {
    if (items[i].what != '#') {
      inner[i] = args[i];
      continue;
    }
    const hx_tensor *t = args[i];
    if (!check_arg(ctx, function, (int)i + 1, t, &items[i])) {
      rc = HX_ERR_ARGUMENT;
      goto done;
    }
    cells[i].data = t->data;
    if (items[i].type == HX_TENSOR_U8 && !(cells[i].data = u8_to_i64(ctx, t->data))) {
      set_error(ctx, HX_ERR_OUT_OF_MEMORY, "cannot allocate a tensor of %" PRId64 " elements", t->data->len);
      rc = HX_ERR_OUT_OF_MEMORY;
      goto done;
    }
    for (int d = 0; d < t->rank; d++) cells[i].dims[d] = t->shape[d];
    inner[i] = &cells[i];
  }

  rc = hxrt_invoke(ctx, body, inner, res->what == '#' ? (void *)&cells[nargs] : out);
  if (rc != HX_OK || res->what != '#') goto done;

  /* The result: its own array, or an argument's (a defn that returns its
   * input, or reshapes it), which must be copied: arguments are borrowed. */
  hx_array *a = cells[nargs].data;
  int64_t size = 1;
  for (int d = 0; d < res->rank; d++) size *= cells[nargs].dims[d];
  int kind = res->type == HX_TENSOR_U8 ? HX_KIND_I64 : res->type; /* u8: held as 64-bit integers */
  if (!a || a->kind != kind || a->len != size)
    hxrt_panic("hxrt_tensor_invoke: a result tensor's data does not match its shape");
  int borrowed = 0;
  for (size_t i = 0; i < nargs; i++) {
    if (items[i].what == '#') borrowed |= cells[i].data == a;
    if (items[i].what == 'L') borrowed |= *(hx_array **)args[i] == a;
  }
  if (res->type == HX_TENSOR_U8) {
    /* the bytes are a new array; the 64-bit one is the body's (freed here)
     * or a converted argument's (freed below) */
    hx_array *c = i64_to_u8(ctx, a);
    if (!borrowed) hx_array_free(ctx, a);
    if (!c) {
      set_error(ctx, HX_ERR_OUT_OF_MEMORY, "cannot allocate a tensor of %" PRId64 " elements", size);
      rc = HX_ERR_OUT_OF_MEMORY;
      goto done;
    }
    a = c;
  } else if (borrowed) {
    hx_array *c = hx_array_new(ctx, res->type, a->len);
    if (!c) {
      set_error(ctx, HX_ERR_OUT_OF_MEMORY, "cannot allocate a tensor of %" PRId64 " elements", a->len);
      rc = HX_ERR_OUT_OF_MEMORY;
      goto done;
    }
    if (a->len) memcpy(c->data, a->data, (size_t)(a->len * hxrt_kind_size(res->type)));
    a = c;
  }
  hx_tensor *t = wrap(ctx, a, res->type, res->rank, cells[nargs].dims);
  if (!t) {
    rc = HX_ERR_OUT_OF_MEMORY;
    goto done;
  }
  *(hx_tensor **)out = t;
done:
  for (size_t i = 0; i < nargs; i++) /* u8 arguments' 64-bit copies */
    if (items[i].what == '#' && items[i].type == HX_TENSOR_U8 && cells[i].data && cells[i].data != ((const hx_tensor *)args[i])->data)
      hx_array_free(ctx, cells[i].data);
  if (heap) {
    free(items);
    free(cells);
    free(inner);
  }
  return rc;
}
