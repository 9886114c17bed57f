/* \file hxrt_frame_inspect.h
 * Explorer.DataFrame.describe/1 and IO.inspect of frames and series, byte
 * for byte as the reference shim (stdlib/ref/explorer.exs) prints them under
 * Elixir 1.14: the shim's `defimpl Inspect` blocks laid out by a port of
 * Inspect.Algebra (container_doc, nest, line, force_unfit, flex and strict
 * breaks, width 80). runtime/frame_inspect.c has the details.
 * C ABI, C99/C++ friendly.
 */
#ifndef HXRT_FRAME_INSPECT_H
#define HXRT_FRAME_INSPECT_H
#include "hxrt_frame.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Explorer.DataFrame.describe/1 (the shim's "def describe"): a new untracked
 * frame (the caller frees it with hx_frame_free) of 9 rows: the string
 * column "describe" (count, nil_count, mean, std, min, 25%, 50%, 75%, max),
 * then one column per input column, named after it. A numeric (f64/s64)
 * column gives an f64 column of the nine statistics (quantiles with Polars'
 * nearest interpolation; nil where undefined), or, when it has no present
 * value at all, an s64 column [count, nil_count, nil...] (the shim infers
 * the dtype from the values); any other column gives a string column with
 * only the two counts. Returns HX_OK with *out set, or HX_ERR_ARGUMENT
 * (NULL arguments; a frame without columns: "cannot describe a DataFrame
 * without any columns") / HX_ERR_OUT_OF_MEMORY, with the message in
 * hx_context_error(ctx) and *out NULL. */
int hx_frame_describe(hx_context *ctx, const hx_frame *f, hx_frame **out);

/* The text IO.inspect(df) prints for a frame (the shim's Inspect for
 * Explorer.DataFrame: 5 values per column, width 80), without the trailing
 * newline: a malloc'ed NUL-terminated string the caller frees with free().
 * NULL when f is NULL or on out of memory. */
char *hx_frame_inspect(const hx_frame *f);

/* The same for column col of f shown as an Explorer.Series (the shim's
 * Inspect for Explorer.Series with Elixir's default limit, 50 values).
 * NULL when f is NULL, col is out of range, or on out of memory. */
char *hx_series_inspect(const hx_frame *f, int64_t col);

#ifdef __cplusplus
}
#endif
#endif /* HXRT_FRAME_INSPECT_H */
