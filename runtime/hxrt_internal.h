/* \file hxrt_internal.h
 * libhxrt's private definitions, shared by hxrt.c and inspect.c only: the
 * real layouts behind the opaque hx_array and hx_context of hxrt.h.
 * Nothing here is ABI except the first two fields of struct hx_array.
 */
#ifndef HXRT_INTERNAL_H
#define HXRT_INTERNAL_H
#include "hxrt.h"
#include <setjmp.h>

/* Links of the per-invoke tracking list. Circular with a sentinel that lives
 * in hxrt_invoke's frame, so an array can unlink itself without knowing
 * which (possibly outer, nested) invoke tracks it. */
typedef struct hx_link {
  struct hx_link *prev, *next;
} hx_link;

enum {
  HX_ARRAY_TRACKED = 1u,
  HX_ARRAY_CL_MIRROR = 2u, /* has a device copy (opencl.c): tell it before freeing or changing the array */
  /* The host's elements are stale: a kernel or GEMM wrote them on the device
   * only, and the device mirror is the array's one true copy until
   * hxrt_cl_host(ctx, a) reads it back. Set only with HX_ARRAY_CL_MIRROR, on
   * arrays of the running call; everything the call returns is read back
   * before hxrt_invoke returns (hxrt_cl_host_all). */
  HX_ARRAY_CL_STALE = 4u,
};

/* The header and the elements share one 64-byte aligned block: the header
 * is padded to HX_ARRAY_HEADER bytes and the elements follow, so one
 * allocation serves both and data stays 64-byte aligned even when generated
 * code shortens len in place. A list of tuples (HX_KIND_TUPLE, ncols > 0)
 * has its column kinds (one byte each, padded to 64) between the header and
 * data, and its columns laid out from cap (hxrt.h, "lists of tuples"). */
struct hx_array {
  int64_t len;      /* ABI: offset 0 */
  void *data;       /* ABI: offset 8 */
  int64_t cap;      /* ABI for generated code: offset 16; len when allocated */
  int32_t kind;     /* enum hx_kind */
  uint32_t flags;   /* HX_ARRAY_TRACKED */
  int32_t elem_size; /* bytes per element (a tuple: the sum of its columns') */
  int32_t ncols;    /* HX_KIND_TUPLE: columns; 0 for a byte buffer (hxrt_bytes) */
  hx_link link;     /* valid while HX_ARRAY_TRACKED */
};
/* The column kinds of a list of tuples (ncols bytes, enum hx_kind). */
/* More columns than this is a corrupt layout, not a tuple. */
#define HX_MAX_COLUMNS 4096
#define HX_ARRAY_COLKINDS(a) ((uint8_t *)(a) + HX_ARRAY_HEADER)

/* Byte buffers (frames' string bytes, csv.c and frame_eval.c): arrays of
 * kind HX_KIND_TUPLE without columns, n bytes at data. Never a list value
 * of compiled code. hxrt_bytes_alloc is tracked like hxrt_alloc. */
hx_array *hxrt_bytes_alloc(hx_context *ctx, int64_t n);
hx_array *hxrt_bytes_new(hx_context *ctx, int64_t n);
#define HX_ARRAY_ALIGN 64
#define HX_ARRAY_HEADER 64

struct hx_context {
  int code;          /* enum hx_error of the last error, HX_OK when none */
  char *message;     /* heap, full "** (Kind) ..." text; NULL when none */
  jmp_buf *trap;     /* innermost hxrt_invoke's jump target; NULL outside */
  hx_link *tracked;  /* innermost hxrt_invoke's sentinel; NULL outside */
  int depth;         /* nesting of hxrt_invoke */
};

/* Element size of an array kind, 0 for an unknown kind. */
int64_t hxrt_kind_size(int kind);

/* Float.to_string/1 as Elixir 1.14 prints it (NaN, Inf, -Inf for the
 * non-finite values, as Nx and Explorer show them): the shortest round-trip
 * digits, positional or scientific, whichever is shorter (inspect.c). out
 * holds at least HXRT_FLOAT_TEXT_MAX bytes; returns the length. */
#define HXRT_FLOAT_TEXT_MAX 32
size_t hxrt_float_to_string(char *out, double v);



/* A thread running one chunk of a parallel loop (parallel.c). */
typedef struct hxrt_worker {
  jmp_buf trap;
  int code;
  char *text;
} hxrt_worker;
extern _Thread_local hxrt_worker *hxrt_tl_worker;
/* Raises with a fully formatted text (ownership passes to ctx). */
void hxrt_raise_text(hx_context *ctx, int code, char *text) __attribute__((noreturn));
/* hxrt_raise with a printf-formatted message (cut at 4 KiB). */
void hxrt_raisef(hx_context *ctx, int code, const hx_srcloc *loc, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));

/* The calling thread's floating-point mode (x86: MXCSR, whose FTZ/DAZ bits
 * --flush-denormals sets); workers of a parallel loop run chunks in their
 * caller's mode, and hxrt_invoke restores the caller's mode on return. */
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
typedef unsigned hxrt_fpmode;
static inline hxrt_fpmode hxrt_fpmode_get(void) { return _mm_getcsr(); }
static inline void hxrt_fpmode_set(hxrt_fpmode m) {
  if (_mm_getcsr() != m) _mm_setcsr(m);
}
#else
typedef int hxrt_fpmode;
static inline hxrt_fpmode hxrt_fpmode_get(void) { return 0; }
static inline void hxrt_fpmode_set(hxrt_fpmode m) { (void)m; }
#endif

#endif
