/* \file hxrt.c
 * libhxrt core: contexts, arrays, and the error trap that compiled entry
 * points run under (hxrt_invoke / hxrt_raise). Printing is in inspect.c.
 *
 * Error model: generated code never unwinds by hand. hxrt_raise records the
 * Elixir-style text in the context and longjmps to the innermost
 * hxrt_invoke, which frees every array the failed call allocated. That is
 * why hxrt_alloc tracks arrays: after a longjmp nobody else knows them.
 */
#include "hxrt_internal.h"
#include "hxrt_cl.h" /* hxrt_cl_array_freed: the free hook of device mirrors */

#include <inttypes.h>
#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HX_HIDDEN __attribute__((visibility("hidden")))

_Static_assert(offsetof(struct hx_array, len) == 0, "ABI: len at offset 0");
_Static_assert(offsetof(struct hx_array, data) == 8, "ABI: data at offset 8");
_Static_assert(offsetof(struct hx_array, cap) == 16, "ABI (generated code): cap at offset 16");
_Static_assert(sizeof(struct hx_array) <= HX_ARRAY_HEADER, "header fits");

/* Beyond this many bytes a request is a runaway length (an unchecked
 * subtraction, say), not a real list: refuse before asking malloc, which on
 * overcommitting systems might say yes and crash later. 2^46 = 64 TiB. */
#define HX_MAX_ARRAY_BYTES ((int64_t)1 << 46)

/* Process-wide, so that leak tests see arrays whichever context freed them. */
static atomic_llong live_arrays;

HX_HIDDEN int64_t hxrt_kind_size(int kind) {
  switch (kind) {
  case HX_KIND_I64: return 8;
  case HX_KIND_F64: return 8;
  case HX_KIND_BOOL: return 1;
  case HX_KIND_I32: return 4;
  case HX_KIND_F32: return 4;
  case HX_KIND_ARRAY: return (int64_t)sizeof(hx_array *);
  default: return 0;
  }
}

/* ---- allocation -------------------------------------------------------- */

/* Compiled code allocates and frees arrays of the same sizes call after call
 * (a training loop: every step). glibc trims the top of the heap whenever the
 * last chunk is freed and grows it again on the next allocation: two brk
 * system calls per array (measured: 2 per step of bench/train/mlp_step.hx,
 * a third of its time). Keep up to 64 MiB of freed memory instead. Setting
 * the trim threshold also freezes glibc's mmap threshold at 128 KiB, so every
 * larger array would be a fresh mmap, page-faulted in on first touch and
 * unmapped on free (measured: the 784-1024-1024-10 step of
 * bench/train/mlp_gpu.hx ran 2.7x slower on 16 cores); arrays up to 32 MiB
 * (glibc's largest setting) come from the heap and are reused instead. Set
 * HX_MALLOC_TUNE=0 to leave glibc's defaults alone (docs/c-abi.md). */
__attribute__((constructor)) static void hxrt_tune_malloc(void) {
  const char *e = getenv("HX_MALLOC_TUNE");
  if (e && e[0] == '0') return;
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 1 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

/* ---- contexts ---------------------------------------------------------- */

hx_context *hx_context_new(void) {
  return calloc(1, sizeof(hx_context));
}

void hx_context_free(hx_context *ctx) {
  if (!ctx) return;
  free(ctx->message);
  free(ctx);
}

int hx_context_error_code(const hx_context *ctx) {
  return ctx ? ctx->code : HX_OK;
}

const char *hx_context_error(const hx_context *ctx) {
  return ctx && ctx->message ? ctx->message : "";
}

void hx_context_clear_error(hx_context *ctx) {
  if (!ctx) return;
  ctx->code = HX_OK;
  free(ctx->message);
  ctx->message = NULL;
}

/* ---- arrays ------------------------------------------------------------ */

/* The tracked list is shared by the chunks of a parallel loop (a lambda
 * that builds a list allocates on every worker thread), so links are made
 * and unmade under a lock. Allocation already pays for malloc; the lock is
 * not what limits such loops. (test/lit/regress/fuzz_parallel_alloc_race.hx) */
static pthread_mutex_t track_lock = PTHREAD_MUTEX_INITIALIZER;

static void track(hx_context *ctx, hx_array *a) {
  pthread_mutex_lock(&track_lock);
  hx_link *head = ctx->tracked;
  a->link.prev = head->prev;
  a->link.next = head;
  head->prev->next = &a->link;
  head->prev = &a->link;
  a->flags |= HX_ARRAY_TRACKED;
  pthread_mutex_unlock(&track_lock);
}

static void untrack(hx_array *a) {
  if (!(a->flags & HX_ARRAY_TRACKED)) return;
  pthread_mutex_lock(&track_lock);
  a->link.prev->next = a->link.next;
  a->link.next->prev = a->link.prev;
  a->link.prev = a->link.next = NULL;
  a->flags &= ~HX_ARRAY_TRACKED;
  pthread_mutex_unlock(&track_lock);
}

static hx_array *array_of_link(hx_link *l) {
  return (hx_array *)((char *)l - offsetof(struct hx_array, link));
}

/* ---- a cache of freed array blocks ----------------------------------------
 * A training step allocates and frees the same few dozen arrays (activations,
 * gradients, Adam's moments) every step; glibc's malloc/free of blocks of
 * 1 to 400 KiB, with the consolidation that large frees trigger, was ~15 % of
 * the digits MLP's epoch (perf, bench/train/hastec_digits.sh). Freed blocks
 * wait here, keyed by their exact size, and the next request of that size
 * takes the most recently freed one (still in cache). Bounded: at most
 * BLOCK_CACHE_SLOTS blocks and BLOCK_CACHE_BYTES in all, none larger than
 * BLOCK_CACHE_MAX; beyond that the oldest goes back to malloc. Blocks stay
 * reachable (valgrind: "still reachable", never a leak); hxrt_live_arrays
 * counts arrays, not cached blocks. HX_MALLOC_TUNE=0 turns it off with the
 * rest of the allocator tuning. The block size lives in the header's padding
 * (the header is 64 bytes, struct hx_array fewer). */
#define BLOCK_CACHE_SLOTS 64
#define BLOCK_CACHE_BYTES ((size_t)64 << 20)
#define BLOCK_CACHE_MAX ((size_t)16 << 20)
#define BLOCK_BYTES(a) (*(size_t *)((char *)(a) + HX_ARRAY_HEADER - sizeof(size_t)))
_Static_assert(sizeof(struct hx_array) + sizeof(size_t) <= HX_ARRAY_HEADER, "room for the block size");

static pthread_mutex_t block_lock = PTHREAD_MUTEX_INITIALIZER;
static void *block_slot[BLOCK_CACHE_SLOTS]; /* oldest first */
static size_t block_size[BLOCK_CACHE_SLOTS];
static int block_count;
static size_t block_total;
static int block_cache_on = -1; /* -1: not decided yet */

static int block_cache_enabled(void) {
  int on = __atomic_load_n(&block_cache_on, __ATOMIC_RELAXED);
  if (on < 0) {
    const char *e = getenv("HX_MALLOC_TUNE");
    on = !(e && e[0] == '0');
    __atomic_store_n(&block_cache_on, on, __ATOMIC_RELAXED);
  }
  return on;
}

/* A cached block of exactly `bytes` (the newest), or NULL. */
static void *block_cache_take(size_t bytes) {
  if (!block_cache_enabled()) return NULL;
  void *b = NULL;
  pthread_mutex_lock(&block_lock);
  for (int i = block_count - 1; i >= 0; i--) {
    if (block_size[i] == bytes) {
      b = block_slot[i];
      memmove(block_slot + i, block_slot + i + 1, (size_t)(block_count - i - 1) * sizeof block_slot[0]);
      memmove(block_size + i, block_size + i + 1, (size_t)(block_count - i - 1) * sizeof block_size[0]);
      block_count--;
      block_total -= bytes;
      break;
    }
  }
  pthread_mutex_unlock(&block_lock);
  return b;
}

/* Keeps a freed array's block for reuse, or frees it (and whatever the
 * bounds push out). */
static void block_cache_put(hx_array *a) {
  size_t bytes = BLOCK_BYTES(a);
  if (!block_cache_enabled() || bytes == 0 || bytes > BLOCK_CACHE_MAX) {
    free(a);
    return;
  }
  void *evicted[BLOCK_CACHE_SLOTS];
  int n_evicted = 0;
  pthread_mutex_lock(&block_lock);
  while (block_count > 0 && (block_count == BLOCK_CACHE_SLOTS || block_total + bytes > BLOCK_CACHE_BYTES)) {
    evicted[n_evicted++] = block_slot[0];
    block_total -= block_size[0];
    memmove(block_slot, block_slot + 1, (size_t)(block_count - 1) * sizeof block_slot[0]);
    memmove(block_size, block_size + 1, (size_t)(block_count - 1) * sizeof block_size[0]);
    block_count--;
  }
  block_slot[block_count] = a;
  block_size[block_count] = bytes;
  block_count++;
  block_total += bytes;
  pthread_mutex_unlock(&block_lock);
  for (int i = 0; i < n_evicted; i++) free(evicted[i]);
}

/* Round up to the 64-byte column alignment. */
static size_t align64(size_t n) { return (n + HX_ARRAY_ALIGN - 1) & ~(size_t)(HX_ARRAY_ALIGN - 1); }

/* Allocates header + elements in one block; NULL on a bad size or when
 * malloc fails. The elements are left uninitialised. A list of tuples
 * (ncols > 0, col_kinds given) gets its column-kind table after the header
 * and one 64-byte aligned column per kind, sized from len (its capacity). */
static hx_array *raw_alloc_cols(int kind, int64_t elem_size, int64_t len, int32_t ncols, const int32_t *col_kinds) {
  if (len < 0 || elem_size <= 0 || len > HX_MAX_ARRAY_BYTES / elem_size)
    return NULL;
  size_t table = 0, body = (size_t)(len * elem_size);
  if (ncols > 0) {
    table = align64((size_t)ncols);
    body = 0;
    for (int32_t j = 0; j < ncols; j++) body += align64((size_t)len * (size_t)hxrt_kind_size(col_kinds[j]));
  }
  size_t bytes = HX_ARRAY_HEADER + table + body;
  /* C11 aligned_alloc wants a multiple of the alignment. */
  bytes = align64(bytes);
  hx_array *a = block_cache_take(bytes);
  if (!a) a = aligned_alloc(HX_ARRAY_ALIGN, bytes);
  if (!a) return NULL;
  memset(a, 0, sizeof *a);
  BLOCK_BYTES(a) = bytes;
  a->len = len;
  a->cap = len;
  a->data = (char *)a + HX_ARRAY_HEADER + table;
  a->kind = kind;
  a->elem_size = (int32_t)elem_size;
  a->ncols = ncols > 0 ? ncols : 0;
  for (int32_t j = 0; j < a->ncols; j++) HX_ARRAY_COLKINDS(a)[j] = (uint8_t)col_kinds[j];
  atomic_fetch_add_explicit(&live_arrays, 1, memory_order_relaxed);
  return a;
}

static hx_array *raw_alloc(int kind, int64_t elem_size, int64_t len) {
  return raw_alloc_cols(kind, elem_size, len, 0, NULL);
}

/* The bytes a list of tuples' row takes (the sum of its columns' sizes), or
 * 0 when the layout is not one of columns of known kinds. */
static int64_t tuple_row_size(int32_t ncols, const int32_t *col_kinds) {
  if (ncols <= 0 || ncols > HX_MAX_COLUMNS || !col_kinds) return 0;
  int64_t row = 0;
  for (int32_t j = 0; j < ncols; j++) {
    int64_t s = hxrt_kind_size(col_kinds[j]);
    if (s == 0) return 0;
    row += s;
  }
  return row;
}

static void raw_free(hx_array *a) {
  if (a->flags & HX_ARRAY_CL_MIRROR) hxrt_cl_array_freed(a);
  untrack(a);
  atomic_fetch_sub_explicit(&live_arrays, 1, memory_order_relaxed);
  block_cache_put(a);
}

hx_array *hx_array_new(hx_context *ctx, int kind, int64_t len) {
  (void)ctx;
  int64_t size = hxrt_kind_size(kind);
  hx_array *a = raw_alloc(kind, size, len);
  if (a) memset(a->data, 0, (size_t)(len * size));
  return a;
}

hx_array *hx_array_new_tuples(hx_context *ctx, int32_t ncols, const int32_t *col_kinds, int64_t len) {
  (void)ctx;
  int64_t row = tuple_row_size(ncols, col_kinds);
  if (row == 0) return NULL;
  hx_array *a = raw_alloc_cols(HX_KIND_TUPLE, row, len, ncols, col_kinds);
  if (a) memset(a->data, 0, (size_t)BLOCK_BYTES(a) - (size_t)((char *)a->data - (char *)a));
  return a;
}

HX_HIDDEN hx_array *hxrt_bytes_new(hx_context *ctx, int64_t n) {
  (void)ctx;
  hx_array *a = raw_alloc(HX_KIND_TUPLE, 1, n);
  if (a) memset(a->data, 0, (size_t)n);
  return a;
}

/* Elements a kernel left on an OpenCL device come back first (opencl.c;
 * outside an invoke nothing is stale: hxrt_invoke reads them all back). */
static void host_elements(const hx_array *a) {
  if (a && (a->flags & HX_ARRAY_CL_STALE)) hxrt_cl_host(NULL, (hx_array *)a);
}

int32_t hx_array_columns(const hx_array *a) { return a && a->kind == HX_KIND_TUPLE ? a->ncols : 0; }

int hx_array_column_kind(const hx_array *a, int32_t j) {
  if (!a || a->kind != HX_KIND_TUPLE || j < 0 || j >= a->ncols) return 0;
  return HX_ARRAY_COLKINDS(a)[j];
}

int64_t hx_array_capacity(const hx_array *a) { return a ? a->cap : 0; }

const void *hx_array_ccolumn(const hx_array *a, int32_t j) {
  if (!a || a->kind != HX_KIND_TUPLE || j < 0 || j >= a->ncols) return NULL;
  host_elements(a);
  const char *p = a->data;
  for (int32_t k = 0; k < j; k++) p += align64((size_t)a->cap * (size_t)hxrt_kind_size(HX_ARRAY_COLKINDS(a)[k]));
  return p;
}

void *hx_array_column(hx_array *a, int32_t j) { return (void *)hx_array_ccolumn(a, j); }

static hx_array *array_copy(int kind, const void *data, int64_t len) {
  int64_t size = hxrt_kind_size(kind);
  hx_array *a = raw_alloc(kind, size, len);
  if (a && len > 0) memcpy(a->data, data, (size_t)(len * size));
  return a;
}

hx_array *hx_array_from_i64(hx_context *ctx, const int64_t *data, int64_t len) {
  (void)ctx;
  return array_copy(HX_KIND_I64, data, len);
}

hx_array *hx_array_from_f64(hx_context *ctx, const double *data, int64_t len) {
  (void)ctx;
  return array_copy(HX_KIND_F64, data, len);
}

hx_array *hx_array_from_bool(hx_context *ctx, const bool *data, int64_t len) {
  (void)ctx;
  hx_array *a = raw_alloc(HX_KIND_BOOL, 1, len);
  if (!a) return NULL;
  /* Normalise: the ABI promises 0 or 1 per element whatever bool held. */
  uint8_t *out = a->data;
  for (int64_t i = 0; i < len; i++) out[i] = data[i] ? 1 : 0;
  return a;
}

int64_t hx_array_len(const hx_array *a) { return a ? a->len : 0; }
int hx_array_kind(const hx_array *a) { return a ? a->kind : 0; }
void *hx_array_data(hx_array *a) {
  host_elements(a);
  return a ? a->data : NULL;
}
const void *hx_array_cdata(const hx_array *a) {
  host_elements(a);
  return a ? a->data : NULL;
}

/* An open-addressing pointer set, so that a list of lists holding the same
 * inner list twice frees it once. */
typedef struct {
  hx_array **slots;
  size_t cap, count; /* cap is a power of two */
} ptr_set;

static bool ptr_set_insert(ptr_set *s, hx_array *p) {
  if ((s->count + 1) * 2 > s->cap) {
    size_t ncap = s->cap ? s->cap * 2 : 64;
    hx_array **n = calloc(ncap, sizeof *n);
    if (!n) hxrt_panic("out of memory while freeing a list of lists");
    for (size_t i = 0; i < s->cap; i++) {
      if (!s->slots[i]) continue;
      size_t h = ((uintptr_t)s->slots[i] >> 6) * 0x9E3779B97F4A7C15ull;
      for (h &= ncap - 1; n[h]; h = (h + 1) & (ncap - 1)) {}
      n[h] = s->slots[i];
    }
    free(s->slots);
    s->slots = n;
    s->cap = ncap;
  }
  size_t h = (((uintptr_t)p >> 6) * 0x9E3779B97F4A7C15ull) & (s->cap - 1);
  for (; s->slots[h]; h = (h + 1) & (s->cap - 1))
    if (s->slots[h] == p) return false;
  s->slots[h] = p;
  s->count++;
  return true;
}

/* Collects a and, through HX_KIND_ARRAY elements, every list it reaches.
 * An explicit stack, not recursion: nesting depth is data-controlled. */
static void collect_lists(ptr_set *seen, hx_array *root) {
  hx_array **stack = NULL;
  size_t n = 0, cap = 0;
  if (!ptr_set_insert(seen, root)) return;
  for (hx_array *a = root;;) {
    if (a->kind == HX_KIND_ARRAY) {
      hx_array **elems = a->data;
      for (int64_t i = 0; i < a->len; i++) {
        if (!elems[i] || !ptr_set_insert(seen, elems[i])) continue;
        if (n == cap) {
          cap = cap ? cap * 2 : 16;
          stack = realloc(stack, cap * sizeof *stack);
          if (!stack) hxrt_panic("out of memory while freeing a list of lists");
        }
        stack[n++] = elems[i];
      }
    }
    if (n == 0) break;
    a = stack[--n];
  }
  free(stack);
}

void hx_array_free(hx_context *ctx, hx_array *a) {
  (void)ctx;
  if (!a) return;
  if (a->kind != HX_KIND_ARRAY) {
    raw_free(a);
    return;
  }
  ptr_set seen = {0};
  collect_lists(&seen, a);
  for (size_t i = 0; i < seen.cap; i++)
    if (seen.slots[i]) raw_free(seen.slots[i]);
  free(seen.slots);
}

/* ---- generated-code support -------------------------------------------- */

int64_t hxrt_live_arrays(const hx_context *ctx) {
  (void)ctx;
  return atomic_load_explicit(&live_arrays, memory_order_relaxed);
}

static const char *kind_name(int code) {
  switch (code) {
  case HX_ERR_ARITHMETIC: return "ArithmeticError";
  case HX_ERR_EMPTY: return "Enum.EmptyError";
  case HX_ERR_FUNCTION_CLAUSE: return "FunctionClauseError";
  case HX_ERR_CASE_CLAUSE: return "CaseClauseError";
  case HX_ERR_COND_CLAUSE: return "CondClauseError";
  case HX_ERR_MATCH: return "MatchError";
  case HX_ERR_ARGUMENT: return "ArgumentError";
  case HX_ERR_OUT_OF_MEMORY: return "SystemLimitError";
  default: return "RuntimeError";
  }
}

static const char *default_message(int code) {
  switch (code) {
  case HX_ERR_ARITHMETIC: return "bad argument in arithmetic expression";
  case HX_ERR_EMPTY: return "empty error";
  case HX_ERR_FUNCTION_CLAUSE: return "no function clause matching";
  case HX_ERR_CASE_CLAUSE: return "no case clause matching";
  case HX_ERR_COND_CLAUSE: return "no cond clause evaluated to a truthy value";
  case HX_ERR_MATCH: return "no match of right hand side value";
  case HX_ERR_ARGUMENT: return "argument error";
  case HX_ERR_OUT_OF_MEMORY: return "out of memory";
  default: return "unknown error";
  }
}

/* Formats the full error text on the heap; NULL only when malloc fails. */
static char *format_error(int code, const char *message, const hx_srcloc *loc) {
  const char *name = kind_name(code);
  const char *msg = message ? message : default_message(code);
  const char *file = loc && loc->file ? loc->file : "nofile";
  const char *fn = loc && loc->function ? loc->function : "";
  int n = loc ? snprintf(NULL, 0, "** (%s) %s\n    %s:%" PRId32 ": %s", name,
                         msg, file, loc->line, fn)
              : snprintf(NULL, 0, "** (%s) %s", name, msg);
  if (n < 0) return NULL;
  char *text = malloc((size_t)n + 1);
  if (!text) return NULL;
  if (loc)
    snprintf(text, (size_t)n + 1, "** (%s) %s\n    %s:%" PRId32 ": %s", name,
             msg, file, loc->line, fn);
  else
    snprintf(text, (size_t)n + 1, "** (%s) %s", name, msg);
  return text;
}

/* Set while this thread runs a chunk of hxrt_parallel_for (parallel.c). */
HX_HIDDEN _Thread_local hxrt_worker *hxrt_tl_worker;

HX_HIDDEN void hxrt_raise_text(hx_context *ctx, int code, char *text) {
  if (!ctx || !ctx->trap) {
    fprintf(stderr, "%s\n", text ? text : kind_name(code));
    fflush(stderr);
    abort();
  }
  hx_context_clear_error(ctx);
  ctx->code = code;
  ctx->message = text;
  longjmp(*ctx->trap, 1);
}

HX_HIDDEN void hxrt_raisef(hx_context *ctx, int code, const hx_srcloc *loc, const char *fmt, ...) {
  char text[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  hxrt_raise(ctx, code, text, loc);
}

void hxrt_raise(hx_context *ctx, int code, const char *message,
                const hx_srcloc *loc) {
  if (code == HX_OK) code = HX_ERR_ARGUMENT; /* an error must be an error */
  char *text = format_error(code, message, loc);
  if (hxrt_tl_worker) {
    /* Inside a parallel chunk: the chunk's own trap records it; the
     * calling thread raises it after the loop (parallel.c). */
    hxrt_tl_worker->code = code;
    hxrt_tl_worker->text = text;
    longjmp(hxrt_tl_worker->trap, 1);
  }
  if (!ctx || !ctx->trap) {
    /* No invoke to return to: nobody could ever see the error otherwise. */
    fprintf(stderr, "%s\n", text ? text : kind_name(code));
    fflush(stderr);
    abort();
  }
  hx_context_clear_error(ctx);
  ctx->code = code;
  ctx->message = text; /* NULL on OOM: hx_context_error then reports "" */
  longjmp(*ctx->trap, 1);
}

static hx_array *tracked_alloc_cols(hx_context *ctx, int kind, int64_t elem_size, int64_t len, int32_t ncols,
                                    const int32_t *col_kinds) {
  hx_array *a = raw_alloc_cols(kind, elem_size, len, ncols, col_kinds);
  if (!a) {
    char msg[96];
    snprintf(msg, sizeof msg, "cannot allocate a list of %" PRId64 " elements",
             len);
    hxrt_raise(ctx, HX_ERR_OUT_OF_MEMORY, msg, NULL);
  }
  if (ctx && ctx->tracked) track(ctx, a);
  return a;
}

static hx_array *tracked_alloc(hx_context *ctx, int kind, int64_t elem_size, int64_t len) {
  return tracked_alloc_cols(ctx, kind, elem_size, len, 0, NULL);
}

hx_array *hxrt_alloc(hx_context *ctx, int kind, int64_t len) {
  int64_t size = hxrt_kind_size(kind);
  if (size == 0) hxrt_panic("hxrt_alloc: unknown array kind");
  return tracked_alloc(ctx, kind, size, len);
}

hx_array *hxrt_alloc_tuples(hx_context *ctx, int32_t ncols, const int32_t *col_kinds, int64_t len) {
  int64_t row = tuple_row_size(ncols, col_kinds);
  if (row == 0) hxrt_panic("hxrt_alloc_tuples: bad column layout");
  return tracked_alloc_cols(ctx, HX_KIND_TUPLE, row, len, ncols, col_kinds);
}

HX_HIDDEN hx_array *hxrt_bytes_alloc(hx_context *ctx, int64_t n) { return tracked_alloc(ctx, HX_KIND_TUPLE, 1, n); }

int hxrt_tuple_layout_ok(const hx_array *a, int32_t ncols, const int32_t *col_kinds) {
  if (!a || a->kind != HX_KIND_TUPLE || a->ncols != ncols || a->cap < a->len) return 0;
  for (int32_t j = 0; j < ncols; j++)
    if (HX_ARRAY_COLKINDS(a)[j] != col_kinds[j]) return 0;
  return 1;
}

void hxrt_release(hx_context *ctx, hx_array *a) {
  (void)ctx;
  if (a) raw_free(a);
}

int hxrt_invoke(hx_context *ctx, hxrt_body_fn body, void **args, void *ret) {
  if (!ctx || !body) return HX_ERR_ARGUMENT;
  hx_context_clear_error(ctx);
  /* The caller's floating-point mode comes back whatever the body did
   * (code built with --flush-denormals switches it on for the call). */
  const hxrt_fpmode volatile fpmode = hxrt_fpmode_get();

  /* Each invoke tracks its own arrays behind a sentinel of its own; the
   * outer invoke's trap and list are saved here and restored on the way
   * out, so nested invokes unwind only their own work. volatile: these are
   * read after longjmp, and setjmp only preserves volatile locals. */
  jmp_buf trap;
  hx_link sentinel;
  sentinel.prev = sentinel.next = &sentinel;
  jmp_buf *volatile saved_trap = ctx->trap;
  hx_link *volatile saved_tracked = ctx->tracked;
  ctx->trap = &trap;
  ctx->tracked = &sentinel;
  ctx->depth++;

  if (setjmp(trap) == 0) {
    body(ctx, args, ret);
    /* Results left on an OpenCL device come back before the caller can
     * see them (still under this call's trap: that may raise). */
    if (!saved_tracked) hxrt_cl_host_all(ctx);
    ctx->trap = saved_trap;
    ctx->tracked = saved_tracked;
    ctx->depth--;
    if (sentinel.next != &sentinel) {
      if (saved_tracked) {
        /* Results of a nested call belong to the outer call, which must
         * still free them if it fails later: splice them into its list. */
        hx_link *first = sentinel.next, *last = sentinel.prev;
        first->prev = saved_tracked->prev;
        saved_tracked->prev->next = first;
        last->next = saved_tracked;
        saved_tracked->prev = last;
      } else {
        /* Outermost: everything left is the caller's now. */
        for (hx_link *l = sentinel.next, *next; l != &sentinel; l = next) {
          next = l->next;
          hx_array *a = array_of_link(l);
          a->flags &= ~HX_ARRAY_TRACKED;
          a->link.prev = a->link.next = NULL;
        }
      }
    }
    hxrt_fpmode_set(fpmode);
    return HX_OK;
  }

  hxrt_fpmode_set(fpmode);
  /* Raised: free what this call made, then hand the code back. The list is
   * reached through ctx (memory), not the local sentinel, whose fields
   * changed after setjmp. Inner invokes have restored ctx->tracked. */
  hx_link *head = ctx->tracked;
  for (hx_link *l = head->next, *next; l != head; l = next) {
    next = l->next;
    hx_array *a = array_of_link(l);
    a->flags &= ~HX_ARRAY_TRACKED;
    if (a->flags & HX_ARRAY_CL_MIRROR) hxrt_cl_array_freed(a);
    atomic_fetch_sub_explicit(&live_arrays, 1, memory_order_relaxed);
    free(a);
  }
  ctx->trap = saved_trap;
  ctx->tracked = saved_tracked;
  ctx->depth--;
  return ctx->code != HX_OK ? ctx->code : HX_ERR_ARGUMENT;
}

void hxrt_panic(const char *what) {
  fprintf(stderr, "hastec internal error: %s\n", what ? what : "(no detail)");
  fflush(stderr);
  abort();
}
