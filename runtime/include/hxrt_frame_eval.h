/* \file hxrt_frame_eval.h
 * The frame-recipe evaluator: Explorer's cleansing verbs (drop_nil, mutate,
 * filter, dummies, concat_columns, shuffle, slice, Series.cast and
 * fill_missing) compiled as a recipe. Tensors have static shapes, so a data
 * frame in a hastec program is a recipe known when the program is compiled;
 * hastec evaluates it then (to learn the result's columns, dtypes and row
 * count) and the compiled program evaluates it again when it runs (to make
 * the tensors). One evaluator, runtime/frame_eval.c, serves both, so they
 * cannot disagree. Its semantics are those of the reference shim
 * (stdlib/ref/explorer.exs), message texts included.
 *
 * ---- The recipe format -------------------------------------------------
 * Lines separated by '\n' (empty lines are ignored); the fields of a line
 * separated by 0x1f (US); lists inside a field separated by 0x1e (RS); an
 * empty field is an empty list. No field may contain '\n'.
 *
 * A stack machine over frames: each line is an op that pops its inputs and
 * pushes one frame; at the end exactly one frame is on the stack, the
 * result. Malformed text (unknown op, wrong field count, a bad number or
 * expression, stack underflow) is an internal error: HX_ERR_ARGUMENT with
 * a message starting "internal error: malformed frame recipe".
 *
 *   csv PATH HEADER DELIM NILS [COLUMNS DTYPES]
 *                       pushes the file read by hx_csv_read with
 *                       header 1|0, the one-byte delimiter, the nil values
 *                       (a list, may be empty) and Explorer's defaults
 *                       otherwise. Identical csv lines share one read.
 *                       COLUMNS: the columns: option, items "s:NAME" or
 *                       "i:INDEX" (0-based; not both); DTYPES: the dtypes:
 *                       option, items NAME 0x1d DTYPE (f64 s64 boolean
 *                       string category); empty lists when absent.
 *   select NAMES        keeps these columns, in this order (repeats once).
 *   discard NAMES       drops these columns.
 *   drop_nil NAMES      drops the rows with a nil in any of these columns
 *                       (an empty list: in any column).
 *   filter EXPR         keeps the rows where EXPR is true (nil is false; a
 *                       scalar boolean keeps all rows or none).
 *   mutate N1 E1 N2 E2 ...  evaluates every Ei against the input frame,
 *                       then puts each column in order: replaced in place
 *                       when the name exists, else appended. A scalar is
 *                       repeated to n_rows.
 *   dummies NAMES       pushes ONLY the one-hot columns: per column, per
 *                       distinct value in order of first appearance, an s64
 *                       0/1 column COL_VALUE (strings as they are, s64 as
 *                       digits, booleans true/false). Nils and f64 columns
 *                       are errors.
 *   concat N            pops N frames (the first pushed comes first) and
 *                       puts their columns side by side; a name of frame i
 *                       (i >= 1) that clashes becomes NAME_i.
 *   shuffle SEED        row i of the result is row p[i] of the input, p =
 *                       hxrt_loop_permutation(n, SEED, epoch 0) (splitmix64
 *                       Fisher-Yates), the same as the shim's DF.shuffle/2;
 *                       SEED "random": a seed from the clock, another order
 *                       on every evaluation (shuffle without seed:).
 *   slice OFFSET LENGTH Polars' clamped slice (a negative offset counts
 *                       from the end; LENGTH >= 0).
 *   describe            Explorer.DataFrame.describe/1 of the frame
 *                       (hx_frame_describe, hxrt_frame_inspect.h).
 *   cast NAME DTYPE     Series.cast of one column to category, string, f64,
 *                       s64 (or boolean, which only keeps a boolean column).
 *   rows N              asserts that the frame on top has N rows, and
 *   columns NAMES       that it has exactly these columns, in this order
 *                       (both leave it there): what the compiler saw, so a
 *                       file that changed since raises ArgumentError ("...
 *                       had N when the program was compiled ...").
 *
 * EXPR: prefix (Polish) notation, tokens separated by 0x1e, each "K:payload":
 *   leaves   c:NAME (a column), i:INT, f:DOUBLE (strtod text, also nan, inf,
 *            -inf), s:TEXT, b:1 / b:0, n: (nil), a:ATOM (only as
 *            fill_missing's strategy: forward backward mean min max);
 *   o:OP     operators of fixed arity, their operands follow:
 *            binary  + - * / ** == != < <= > >= and or fill_missing
 *            unary   neg not is_nil is_not_nil abs sqrt exp log
 *            unary aggregations, giving a scalar: mean standard_deviation
 *            variance min max sum count nil_count median
 * Semantics follow Explorer.Series in the shim: dtype promotion (/ always
 * f64), nil propagation, Kleene and/or, IEEE floats (NaN and infinities
 * where Elixir would raise), wrapping integers, NaN above every number and
 * equal to itself, sums and means added left to right. Where the shim
 * raises ArgumentError, the evaluator fails with the same message.
 * Where it does not (on purpose):
 *   - an unknown column is `the data frame has no column "x"` (with
 *     ` (did you mean "y"?)` when a name is close), not Explorer's text;
 *   - dummies of an f64 column, and a result column of dtype null (every
 *     value nil, `mutate x: nil`), are errors (hx_frame has no null dtype);
 *     a null column may live between ops;
 *   - filter of a scalar boolean keeps every row or none (the shim raises);
 *   - not/1, is_nil/1, abs/1 ... and aggregations of a scalar (the shim
 *     raises FunctionClauseError) are ArgumentErrors;
 *   - integers wrap (sum, abs, **), where Elixir's grow; a cast of a float
 *     out of the s64 range is an error.
 * Every intermediate frame lives until the evaluation ends (columns are
 * shared between frames, not copied), so memory peaks at the sum of them.
 */
#ifndef HXRT_FRAME_EVAL_H
#define HXRT_FRAME_EVAL_H
#include "hxrt_frame.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Evaluates a recipe. HX_OK and *out (not tracked: the caller frees it with
 * hx_frame_free), or an error code with the message in hx_context_error
 * (HX_ERR_ARGUMENT for user errors: an unknown column, a bad dtype, a file
 * that cannot be read or a malformed CSV with its line:col, dummies of a
 * column with nils...). Never raises. */
int hx_frame_eval(hx_context *ctx, const char *recipe, hx_frame **out);

/* For compiled code (Extern calls inside hxrt_invoke; errors are raised as
 * ArgumentError at loc, and everything allocated is freed by the raise).
 *
 * hxrt_frame_recipe_tensor: the result frame of recipe `text` as one
 * tensor's elements, rows x k (axis_last != 0: element [r][j] at r*k + j)
 * or k x rows ([j][r] at j*rows + r), k the result's column count, of kind
 * HX_KIND_I64 (1) or HX_KIND_F64 (2; values converted). Every column must
 * be s64, f64, boolean (0/1) or category (its codes) without a nil, and the
 * frame must have `rows` rows, the count when the program was compiled. */
hx_array *hxrt_frame_recipe_tensor(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t rows,
                                   int64_t kind, int64_t axis_last);
/* The result frame's row count. */
int64_t hxrt_frame_recipe_rows(hx_context *ctx, const hx_srcloc *loc, const char *text);
/* IO.inspect of the result: printed to stdout as Explorer prints a frame
 * (series != 0: its one column as an Explorer.Series), then a newline.
 * Returns 0. */
int64_t hxrt_frame_recipe_inspect(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t series);
/* The result's first column, first row, as a number: Explorer.Series
 * aggregations (Series.mean(df["x"])) outside queries. ArgumentError when
 * the value is nil (an empty or all-nil series). */
double hxrt_frame_recipe_f64(hx_context *ctx, const hx_srcloc *loc, const char *text);
int64_t hxrt_frame_recipe_s64(hx_context *ctx, const hx_srcloc *loc, const char *text);
/* DF.to_csv!: text is "PATH<US>DELIMITER\n" followed by the recipe; writes
 * its result with hxrt_csv_write (hxrt_frame.h). Returns 0. */
int64_t hxrt_frame_recipe_to_csv(hx_context *ctx, const hx_srcloc *loc, const char *text);

#ifdef __cplusplus
}
#endif
#endif /* HXRT_FRAME_EVAL_H */
