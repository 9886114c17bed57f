/* \file hxrt.h
 * libhxrt: the hastec runtime. What a compiled pipeline (libmodel.so) and
 * the program that loads it share: a context that carries errors, arrays,
 * and the Elixir-style printer. Never links LLVM. C ABI, C99/C++ friendly.
 *
 * Ownership, in one paragraph: arrays passed INTO an entry point are
 * borrowed (the callee never frees or keeps them); arrays that come OUT are
 * new and belong to the caller, who frees them with hx_array_free. An entry
 * point returns 0 on success or an hx_error code; the message (Elixir's
 * `** (ArithmeticError) ...` text plus the .hx location) is read with
 * hx_context_error(). docs/c-abi.md has the full story.
 */
#ifndef HXRT_H
#define HXRT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hx_context hx_context;
/* Opaque to users. Generated code reads the first two fields directly, so
 * their layout is ABI: int64_t len at offset 0, void *data at offset 8. */
typedef struct hx_array hx_array;

/* Error codes returned by entry points. The numbering is ABI. */
enum hx_error {
  HX_OK = 0,
  HX_ERR_ARITHMETIC = 1,      /* ** (ArithmeticError) */
  HX_ERR_EMPTY = 2,           /* ** (Enum.EmptyError) */
  HX_ERR_FUNCTION_CLAUSE = 3, /* ** (FunctionClauseError) */
  HX_ERR_CASE_CLAUSE = 4,     /* ** (CaseClauseError) */
  HX_ERR_COND_CLAUSE = 5,     /* ** (CondClauseError) */
  HX_ERR_MATCH = 6,           /* ** (MatchError) */
  HX_ERR_ARGUMENT = 7,        /* ** (ArgumentError): bad input from the caller */
  HX_ERR_OUT_OF_MEMORY = 8,
  HX_ERR_DEVICE = 9,          /* ** (RuntimeError): a --target=opencl library
                                 found no usable device (hxrt_cl.h) */
};

/* Element kinds of arrays. The numbering is ABI. */
enum hx_kind {
  HX_KIND_I64 = 1,
  HX_KIND_F64 = 2,
  HX_KIND_BOOL = 3, /* one byte per element, 0 or 1 */
  HX_KIND_I32 = 4,
  HX_KIND_F32 = 5,
  HX_KIND_ARRAY = 6, /* elements are hx_array* (lists of lists) */
  HX_KIND_TUPLE = 7  /* lists of tuples, stored as columns: see "lists of
                        tuples" below */
};

/* ---- contexts ---------------------------------------------------------- */
hx_context *hx_context_new(void);
void hx_context_free(hx_context *ctx);
/* The last error's code (HX_OK when none). */
int hx_context_error_code(const hx_context *ctx);
/* The last error's full text: "** (Kind) message\n    file.hx:LINE: M.f/N",
 * or "" when none. Valid until the next call on ctx. */
const char *hx_context_error(const hx_context *ctx);
void hx_context_clear_error(hx_context *ctx);

/* ---- arrays ------------------------------------------------------------ */
/* A new array of len elements of kind, zero-filled; NULL when out of memory. */
hx_array *hx_array_new(hx_context *ctx, int kind, int64_t len);
hx_array *hx_array_from_i64(hx_context *ctx, const int64_t *data, int64_t len);
hx_array *hx_array_from_f64(hx_context *ctx, const double *data, int64_t len);
hx_array *hx_array_from_bool(hx_context *ctx, const bool *data, int64_t len);
int64_t hx_array_len(const hx_array *a);
int hx_array_kind(const hx_array *a);
/* Elements, contiguous, 64-byte aligned; element size follows the kind (a
 * list of tuples: its first column, see "lists of tuples" below). */
void *hx_array_data(hx_array *a);
const void *hx_array_cdata(const hx_array *a);
/* Frees a; NULL is a no-op. A list of lists (HX_KIND_ARRAY) is freed with
 * the lists it holds, each once even if it appears several times. Arrays
 * held inside tuples (HX_KIND_TUPLE) are not freed: free them first. */
void hx_array_free(hx_context *ctx, hx_array *a);

/* ---- lists of tuples (struct-of-arrays) --------------------------------- */
/* A list of tuples is ONE array of kind HX_KIND_TUPLE stored as columns:
 * the tuple type is flattened to its leaves in order (nested tuples are
 * spliced in: [{a, {b, c}}] has the three columns a, b, c), and column j
 * holds leaf j of every element, contiguous, as an array of that leaf's
 * kind (HX_KIND_I64/F64/I32/F32, HX_KIND_BOOL one byte 0 or 1,
 * HX_KIND_ARRAY an hx_array*). Element i's leaf j is
 *     ((T_j *)hx_array_column(a, j))[i]        for 0 <= i < hx_array_len(a)
 * Columns are laid out from the array's capacity, not its length:
 *     column 0 starts at hx_array_data(a) (64-byte aligned), and
 *     column j+1 starts at column j + round_up(capacity * size_j, 64)
 * so every column is 64-byte aligned and an array that compiled code
 * shortened after allocating it (a filter's output) keeps its columns in
 * place. Generated code reads the capacity at offset 16 of the header.
 * hx_array_capacity(a) == hx_array_len(a) for arrays made here. */

/* A list of len tuples with ncols columns of the given kinds (enum hx_kind,
 * one per leaf, in order), zero-filled; NULL when out of memory or when a
 * kind is not a leaf kind. */
hx_array *hx_array_new_tuples(hx_context *ctx, int32_t ncols, const int32_t *col_kinds, int64_t len);
/* Number of columns of a list of tuples (0 for any other array). */
int32_t hx_array_columns(const hx_array *a);
/* Column j's kind (enum hx_kind), 0 when there is no column j. */
int hx_array_column_kind(const hx_array *a, int32_t j);
/* Column j's first element, 64-byte aligned; NULL when there is no column j. */
void *hx_array_column(hx_array *a, int32_t j);
const void *hx_array_ccolumn(const hx_array *a, int32_t j);
/* Elements the array has room for (>= len); columns are laid out from it. */
int64_t hx_array_capacity(const hx_array *a);

/* ---- printing ---------------------------------------------------------- */
/* Writes value as Elixir's IO.inspect(v, limit: :infinity, width: :infinity)
 * would, without the trailing newline, into buf (NUL-terminated, truncated
 * to cap). Returns the full length (like snprintf).
 * type is a type descriptor: "i" int64, "f" float64, "b" boolean, "i32",
 * "f32", "[T]" a list of T (an hx_array*; a list of tuples in columns, see
 * above), "{T,T,...}" a tuple (a tuple VALUE is laid out as a C struct of
 * the members). value points at the value's storage: int64_t*, double*,
 * bool*, hx_array**. */
size_t hx_inspect(char *buf, size_t cap, const char *type, const void *value);
/* Elixir's shortest round-trip float text: 0.1, 1.0e-5, 1.0e21, 123456789.0 */
size_t hx_format_float(char *buf, size_t cap, double v);

/* ---- used by generated code only (not for users) ----------------------- */
/* A source location baked into compiled code for error messages. */
typedef struct hx_srcloc {
  const char *file;     /* as given to hastec */
  int32_t line;
  const char *function; /* "M.f/1" */
} hx_srcloc;

/* Arrays made during a call are tracked by ctx so that an error can free
 * them; the entry wrapper untracks what it returns. */
hx_array *hxrt_alloc(hx_context *ctx, int kind, int64_t len); /* uninitialised */
/* hxrt_alloc for a list of tuples (HX_KIND_TUPLE) with ncols columns of
 * col_kinds (see hx_array_new_tuples). */
hx_array *hxrt_alloc_tuples(hx_context *ctx, int32_t ncols, const int32_t *col_kinds, int64_t len);
/* 1 when a is a list of tuples with exactly these columns (entry points
 * check their arguments with it), else 0. */
int hxrt_tuple_layout_ok(const hx_array *a, int32_t ncols, const int32_t *col_kinds);
void hxrt_release(hx_context *ctx, hx_array *a);
/* Raises an Elixir error: records code/message/location in ctx and unwinds
 * to the enclosing hxrt_invoke. Never returns. message may be NULL for the
 * kind's default text. */
void hxrt_raise(hx_context *ctx, int code, const char *message, const hx_srcloc *loc)
    __attribute__((noreturn));
/* Calls body(ctx, args, ret) with an error trap around it. Returns HX_OK, or
 * the error code after freeing every array the call allocated. On success,
 * arrays still tracked are untracked and belong to the caller. */
typedef void (*hxrt_body_fn)(hx_context *ctx, void **args, void *ret);
int hxrt_invoke(hx_context *ctx, hxrt_body_fn body, void **args, void *ret);
/* For compiled code: abort on an internal invariant (never a user error). */
void hxrt_panic(const char *what) __attribute__((noreturn));
/* For tests: arrays allocated and not yet freed, process-wide (ctx is
 * unused; the count spans every context). */
int64_t hxrt_live_arrays(const hx_context *ctx);
/* Raises with message prefix followed by value printed as hx_inspect does
 * (CaseClauseError's "no case clause matching: 3"). */
void hxrt_raise_value(hx_context *ctx, int code, const char *prefix, const char *type, const void *value,
                      const hx_srcloc *loc) __attribute__((noreturn));
/* Parallel loops. fn runs on chunks [begin, end) of [0, n) and writes its
 * partial result at partials + chunk * partial_size. The chunking depends
 * only on n and grain (at most 256 chunks), never on the thread count
 * (HX_NUM_THREADS, default: all cores). Returns the number of chunks; the
 * caller combines the partials in chunk order. Raises the error of the
 * lowest failing chunk. */
typedef void (*hxrt_chunk_fn)(hx_context *ctx, void *env, int64_t begin, int64_t end, void *partial);
int64_t hxrt_parallel_for(hx_context *ctx, int64_t n, int64_t grain, hxrt_chunk_fn fn, void *env, void *partials,
                          int64_t partial_size);
/* hxrt_parallel_for with the same chunks, for loops that can redo their
 * work another way (Enum.scan's parallel phases): a chunk that raises is
 * stopped by its own trap and its error dropped, and the call returns -1
 * once every chunk has finished (else the chunk count). Chunks that raise
 * must leave nothing the caller has to free. */
int64_t hxrt_parallel_try(hx_context *ctx, int64_t n, int64_t grain, hxrt_chunk_fn fn, void *env, void *partials,
                          int64_t partial_size);
int64_t hxrt_chunk_count(int64_t n, int64_t grain);
/* Sorts a in place (stable): ascending, or descending when desc != 0. A
 * list of tuples sorts as Elixir's term order does for same-type tuples:
 * lexicographically by leaf (numbers by value, false < true). */
void hxrt_sort(hx_context *ctx, hx_array *a, int desc);

#ifdef __cplusplus
}
#endif
#endif /* HXRT_H */
