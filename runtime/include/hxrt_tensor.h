/* \file hxrt_tensor.h
 * Nx tensors across the C ABI (docs/c-abi.md, "Tensors"). Futhark's C API
 * is the model: a tensor is an opaque handle owning a row-major copy of its
 * elements, with its type and shape; entry points whose @spec names
 * Hx.tensor(type, shape) take `const hx_tensor *` and return `hx_tensor *`.
 *
 * Ownership follows the arrays' rule: tensors passed INTO an entry point are
 * borrowed (never freed or kept by the callee); tensors that come OUT are new
 * and belong to the caller, who frees them with hx_tensor_free. Constructors
 * copy the caller's buffer.
 *
 * An entry point checks every tensor argument against the type and static
 * shape it was compiled for before running anything: a NULL tensor or a
 * wrong type, rank or dimension returns HX_ERR_ARGUMENT with a message such
 * as "** (ArgumentError) argument 1 of M.f/1 must be a f32[2][3] tensor,
 * got a f32[3][2] tensor" (hx_context_error).
 */
#ifndef HXRT_TENSOR_H
#define HXRT_TENSOR_H
#include "hxrt.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hx_tensor hx_tensor;

/* Element types, Nx's names. The numbering is ABI and equals enum hx_kind's
 * number of the same element (HX_TENSOR_U8 is HX_KIND_BOOL: one byte). */
enum hx_tensor_type {
  HX_TENSOR_S64 = 1, /* int64_t */
  HX_TENSOR_F64 = 2, /* double */
  HX_TENSOR_U8 = 3,  /* uint8_t */
  HX_TENSOR_S32 = 4, /* int32_t */
  HX_TENSOR_F32 = 5, /* float */
};

/* The largest rank a tensor handle holds (hastec's Nx subset uses 0 to 4). */
#define HX_TENSOR_MAX_RANK 8

/* A new tensor of type and shape (rank dimensions, each >= 0; shape may be
 * NULL for rank 0) holding a copy of data, row-major, size elements of the
 * type's width; data NULL gives zeros. Returns NULL on a bad type, rank or
 * dimension, or when memory runs out; then, when ctx is not NULL, the
 * reason is hx_context_error(ctx) (code HX_ERR_ARGUMENT or
 * HX_ERR_OUT_OF_MEMORY). */
hx_tensor *hx_tensor_new(hx_context *ctx, int type, int rank, const int64_t *shape, const void *data);
/* hx_tensor_new with the element type in the name (and checked by the C
 * compiler). */
hx_tensor *hx_tensor_from_f32(hx_context *ctx, const float *data, int rank, const int64_t *shape);
hx_tensor *hx_tensor_from_f64(hx_context *ctx, const double *data, int rank, const int64_t *shape);
hx_tensor *hx_tensor_from_s32(hx_context *ctx, const int32_t *data, int rank, const int64_t *shape);
hx_tensor *hx_tensor_from_s64(hx_context *ctx, const int64_t *data, int rank, const int64_t *shape);
hx_tensor *hx_tensor_from_u8(hx_context *ctx, const uint8_t *data, int rank, const int64_t *shape);

/* Accessors; t must not be NULL. */
int hx_tensor_type(const hx_tensor *t);            /* enum hx_tensor_type */
int hx_tensor_rank(const hx_tensor *t);
const int64_t *hx_tensor_shape(const hx_tensor *t); /* rank entries, valid while t lives */
int64_t hx_tensor_dim(const hx_tensor *t, int axis); /* -1 when axis is out of range */
int64_t hx_tensor_size(const hx_tensor *t);        /* elements: the product of the shape */
int64_t hx_tensor_nbytes(const hx_tensor *t);      /* size times the element width */
/* The elements, row-major, contiguous, 64-byte aligned; writable. */
void *hx_tensor_data(hx_tensor *t);
const void *hx_tensor_cdata(const hx_tensor *t);
/* Frees t and its elements; NULL is a no-op. */
void hx_tensor_free(hx_context *ctx, hx_tensor *t);

/* "f32", "f64", "s32", "s64", "u8"; "?" for anything else. */
const char *hx_tensor_type_name(int type);
/* Bytes per element of a type, 0 for an unknown type. */
int hx_tensor_type_size(int type);
/* Writes t as Nx's inspect prints it ("#Nx.Tensor<\n  f32[2]\n  [1.0, 2.0]\n>"),
 * exactly as `hastec run` does, into buf (NUL-terminated, truncated to
 * cap). Returns the full length, like snprintf. */
size_t hx_tensor_inspect(char *buf, size_t cap, const hx_tensor *t);

/* ---- used by generated code only (not for users) ----------------------- */
/* The typed C entry point of a function with tensor arguments or a tensor
 * result. sig describes the arguments, then the result:
 * "D,D,...->D", where D is `#TYPE[d0][d1]...` for a tensor (`#f32` for
 * rank 0), `L` for a list (hx_array*) and `-` for anything else. args[i]
 * is the hx_tensor* itself for a tensor argument and what hxrt_invoke
 * expects otherwise; out is an hx_tensor** for a tensor result. Checks the
 * tensors, lays each out as the compiled code's tuple {hx_array *data,
 * int64_t d0, ...}, runs body under hxrt_invoke, and wraps a tensor result
 * in a new hx_tensor (copying its elements when they are an argument's). */
int hxrt_tensor_invoke(hx_context *ctx, hxrt_body_fn body, const char *function, const char *sig, void **args,
                       void *out);

#ifdef __cplusplus
}
#endif
#endif /* HXRT_TENSOR_H */
