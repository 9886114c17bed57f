/* \file hxrt_frame.h
 * libhxrt data frames: typed columns with missing values, and the CSV
 * reader and writer behind Explorer.DataFrame.from_csv!/2 and to_csv!/2.
 * C ABI, C99/C++ friendly. docs/frames.md has the full story.
 *
 * Ownership follows hxrt.h: every piece of a frame (its columns, their
 * arrays and the frame's own storage) is an hx_array. A frame made inside
 * an hxrt_invoke is tracked by it like any other array (a later raise in
 * the same call frees it); a frame that comes out belongs to the caller,
 * who frees it with hx_frame_free.
 */
#ifndef HXRT_FRAME_H
#define HXRT_FRAME_H
#include "hxrt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Column dtypes, as Explorer names them. The numbering is ABI. */
enum hx_dtype {
  HX_DT_F64 = 1,      /* data: HX_KIND_F64, n_rows doubles */
  HX_DT_S64 = 2,      /* data: HX_KIND_I64, n_rows int64_t */
  HX_DT_BOOL = 3,     /* data: HX_KIND_BOOL, n_rows bytes, 0 or 1 */
  HX_DT_STRING = 4,   /* data: HX_KIND_I64 offsets, n_rows + 1; bytes: UTF-8 */
  HX_DT_CATEGORY = 5  /* data: HX_KIND_I32 codes (-1 when missing), n_rows;
                         dict: HX_KIND_I64 offsets, n_categories + 1;
                         bytes: the categories' UTF-8 text */
};

/* One column. Row i is present when valid[i] == 1; a missing row holds 0
 * (f64/s64/bool), an empty string, or category code -1.
 * Strings: row i is bytes[offsets[i] .. offsets[i+1]), not NUL-terminated.
 * Categories: code c is bytes[dict[c] .. dict[c+1]); codes number the
 * categories in order of first appearance in the file. */
typedef struct hx_column {
  const char *name;   /* NUL-terminated UTF-8, lives in the frame's storage */
  int32_t dtype;      /* enum hx_dtype */
  int32_t reserved;
  hx_array *data;     /* see enum hx_dtype */
  hx_array *valid;    /* HX_KIND_BOOL, n_rows */
  hx_array *bytes;    /* strings/categories: HX_KIND_TUPLE of 1-byte elements; else NULL */
  hx_array *dict;     /* categories only; else NULL */
} hx_column;

typedef struct hx_frame {
  int64_t n_rows;
  int64_t n_columns;
  hx_column *columns; /* n_columns, in order */
  hx_array *storage;  /* holds this struct, the columns and the names */
} hx_frame;

/* ---- frames ------------------------------------------------------------ */
/* A frame of n_rows rows and the given columns, every row present: numbers
 * and booleans zero, strings empty, categories one category "" (code 0).
 * Set string/category columns with hx_frame_set_strings. Names are copied.
 * NULL on bad arguments or out of memory. The result is not tracked. */
hx_frame *hx_frame_new(hx_context *ctx, int64_t n_rows, int64_t n_columns, const char *const *names,
                       const int *dtypes);
/* Replaces the text of string or category column col: values[i] is row i
 * as NUL-terminated UTF-8, or NULL for a missing row. Returns HX_OK, or
 * HX_ERR_ARGUMENT (wrong column, invalid UTF-8) / HX_ERR_OUT_OF_MEMORY. */
int hx_frame_set_strings(hx_context *ctx, hx_frame *f, int64_t col, const char *const *values);
/* Frees f and everything it holds; NULL is a no-op. */
void hx_frame_free(hx_context *ctx, hx_frame *f);

int64_t hx_frame_n_rows(const hx_frame *f);
int64_t hx_frame_n_columns(const hx_frame *f);
/* The index of the column named name, or -1. */
int64_t hx_frame_column_index(const hx_frame *f, const char *name);
const char *hx_frame_column_name(const hx_frame *f, int64_t col);
int hx_frame_column_dtype(const hx_frame *f, int64_t col);
/* Explorer's name of a dtype: "f64", "s64", "boolean", "string", "category". */
const char *hx_dtype_name(int dtype);
/* 1 = present, 0 = missing; n_rows bytes. */
const uint8_t *hx_frame_valid(const hx_frame *f, int64_t col);
/* The values of a column of the matching dtype, or NULL for another dtype. */
const double *hx_frame_f64(const hx_frame *f, int64_t col);
const int64_t *hx_frame_s64(const hx_frame *f, int64_t col);
const uint8_t *hx_frame_bool(const hx_frame *f, int64_t col);
/* Row row of a string or category column: its bytes and length (*len),
 * or NULL when the row is missing or the column is of another dtype. */
const char *hx_frame_string(const hx_frame *f, int64_t col, int64_t row, int64_t *len);
/* Category columns: the codes (-1 = missing), the number of categories, and
 * the text of category code (NULL when out of range). */
const int32_t *hx_frame_category_codes(const hx_frame *f, int64_t col);
int64_t hx_frame_n_categories(const hx_frame *f, int64_t col);
const char *hx_frame_category(const hx_frame *f, int64_t col, int64_t code, int64_t *len);

/* ---- CSV --------------------------------------------------------------- */
/* A dtype forced on one column (Explorer's dtypes: option): by name, or by
 * 0-based index when name is NULL. */
typedef struct hxrt_csv_dtype {
  const char *name;
  int64_t index;
  int dtype; /* enum hx_dtype */
} hxrt_csv_dtype;

typedef struct hxrt_csv_options {
  char delimiter;                 /* one byte, default ',' */
  bool header;                    /* first row names the columns (default true);
                                     else they are column_1 .. column_N */
  const char *const *nil_values;  /* fields equal to one of these are missing */
  int64_t n_nil_values;
  const hxrt_csv_dtype *dtypes;   /* forced dtypes; the others are inferred */
  int64_t n_dtypes;
  const char *const *columns;     /* keep only these columns, in this order, by name... */
  int64_t n_columns;
  const int64_t *column_indices;  /* ...or by 0-based index (not both) */
  int64_t n_column_indices;
  int64_t infer_schema_length;    /* rows read to infer dtypes (default 1000); <= 0: all rows */
  int64_t max_rows;               /* read at most this many rows; < 0: all (default) */
  int threads;                    /* 0: HX_NUM_THREADS, else all cores */
  int64_t chunk_bytes;            /* bytes per parallel chunk; 0: automatic */
} hxrt_csv_options;

/* Explorer's defaults: ',', header, no nil values, infer from 1000 rows. */
void hxrt_csv_options_init(hxrt_csv_options *o);

/* Reads a CSV file into a new frame (options NULL: defaults). Raises
 * HX_ERR_ARGUMENT with "path:LINE:COL: what" for a malformed file (wrong
 * field count, unterminated quote, a stray quote, a value that does not
 * parse as its column's dtype, invalid UTF-8), "path: ..." when the file
 * cannot be read; HX_ERR_OUT_OF_MEMORY. Call it inside hxrt_invoke (it
 * raises); hx_csv_read is the same returning an error code. */
hx_frame *hxrt_csv_read(hx_context *ctx, const char *path, const hxrt_csv_options *options);
/* Writes f as CSV (Explorer's to_csv!): a header, delimiter-separated
 * fields, "\n" line ends, missing values as empty fields, floats as
 * Polars prints them (shortest round trip: 1.0, 0.1, 1e-7, 1.5e21),
 * quotes only where needed (an empty string is written ""). Raises
 * HX_ERR_ARGUMENT when the file cannot be written. */
void hxrt_csv_write(hx_context *ctx, const hx_frame *f, const char *path, char delimiter);

/* The same without raising: HX_OK or the error code; the message is
 * hx_context_error(ctx). *out is NULL on error. */
int hx_csv_read(hx_context *ctx, const char *path, const hxrt_csv_options *options, hx_frame **out);
int hx_csv_write(hx_context *ctx, const hx_frame *f, const char *path, char delimiter);

/* Streaming: a reader maps the file, reads the header and infers the
 * dtypes on open; each hx_csv_next parses about max_bytes more of the file
 * (whole rows, in parallel) into a new frame with the same columns; *out is
 * NULL at the end. Memory stays bounded by the batch, not the file. */
typedef struct hxrt_csv_reader hxrt_csv_reader;
int hx_csv_open(hx_context *ctx, const char *path, const hxrt_csv_options *options, hxrt_csv_reader **out);
int hx_csv_next(hx_context *ctx, hxrt_csv_reader *r, int64_t max_bytes, hx_frame **out);
void hx_csv_close(hxrt_csv_reader *r);

#ifdef __cplusplus
}
#endif
#endif /* HXRT_FRAME_H */
