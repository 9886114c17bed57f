#!/usr/bin/env python3
"""\\file tensor_ctypes.py
Calls libtensor_model.so (test/capi/tensor_model.hx) from Python through
ctypes and hxrt_tensor.h's functions only: no header parsing, no NumPy.
Shows the binding any FFI needs (docs/c-abi.md, "Tensors") and checks
results, a shape error and leaks. Usage: tensor_ctypes.py LIBMODEL LIBHXRT.
Exit status 0 when every check passed.
"""
import ctypes as C
import sys

HX_TENSOR_F64, HX_TENSOR_F32 = 2, 5
HX_ERR_ARGUMENT = 7


def main():
    rt = C.CDLL(sys.argv[2], mode=C.RTLD_GLOBAL)
    lib = C.CDLL(sys.argv[1])
    P = C.c_void_p
    rt.hx_context_new.restype = P
    rt.hx_context_error.restype = C.c_char_p
    rt.hx_context_error.argtypes = [P]
    rt.hx_tensor_new.restype = P
    rt.hx_tensor_new.argtypes = [P, C.c_int, C.c_int, C.POINTER(C.c_int64), P]
    rt.hx_tensor_rank.argtypes = [P]
    rt.hx_tensor_shape.restype = C.POINTER(C.c_int64)
    rt.hx_tensor_shape.argtypes = [P]
    rt.hx_tensor_size.restype = C.c_int64
    rt.hx_tensor_size.argtypes = [P]
    rt.hx_tensor_type.argtypes = [P]
    rt.hx_tensor_data.restype = P
    rt.hx_tensor_data.argtypes = [P]
    rt.hx_tensor_free.argtypes = [P, P]
    rt.hxrt_live_arrays.restype = C.c_int64
    rt.hxrt_live_arrays.argtypes = [P]
    for name in ("TensorModel_affine", "TensorModel_matmul"):
        getattr(lib, name).argtypes = [P, C.POINTER(P), P, P]
        getattr(lib, name).restype = C.c_int

    ctx = rt.hx_context_new()
    live0 = rt.hxrt_live_arrays(ctx)
    failures = 0

    def check(name, ok, detail=""):
        nonlocal failures
        print(f"check {name}: {'ok' if ok else 'FAILED (' + detail + ')'}")
        failures += 0 if ok else 1

    def tensor(ctype, type_, shape, values):
        dims = (C.c_int64 * len(shape))(*shape)
        buf = (ctype * len(values))(*values)
        return rt.hx_tensor_new(ctx, type_, len(shape), dims, buf)

    def values(t, ctype):
        n = rt.hx_tensor_size(t)
        return list((ctype * n).from_address(rt.hx_tensor_data(t)))

    def shape(t):
        r = rt.hx_tensor_rank(t)
        return tuple(rt.hx_tensor_shape(t)[i] for i in range(r))

    x = tensor(C.c_float, HX_TENSOR_F32, (2, 3), [1, 2, 3, 4, 5, 6.5])
    b = tensor(C.c_float, HX_TENSOR_F32, (3,), [0.5, -1, 2.25])
    out = P()
    rc = lib.TensorModel_affine(ctx, C.byref(out), x, b)
    want = [v * 2 + [0.5, -1, 2.25][i % 3] for i, v in enumerate([1, 2, 3, 4, 5, 6.5])]
    check("py-affine", rc == 0 and shape(out) == (2, 3) and values(out, C.c_float) == want,
          f"rc {rc}")
    rt.hx_tensor_free(ctx, out)

    a = tensor(C.c_double, HX_TENSOR_F64, (2, 3), [1, 2, 3, 4, 5, 6])
    m = tensor(C.c_double, HX_TENSOR_F64, (3, 2), [0.5, -1, 2, 0, -3, 1.5])
    rc = lib.TensorModel_matmul(ctx, C.byref(out), a, m)
    got = values(out, C.c_double) if rc == 0 else None
    check("py-matmul", rc == 0 and shape(out) == (2, 2) and got == [-4.5, 3.5, -6.0, 5.0], f"rc {rc} {got}")
    rt.hx_tensor_free(ctx, out)

    out = P()
    rc = lib.TensorModel_affine(ctx, C.byref(out), a, b)  # f64 where f32 is wanted
    msg = rt.hx_context_error(ctx).decode()
    check("py-type-error", rc == HX_ERR_ARGUMENT and out.value is None and
          msg.endswith("must be a f32[2][3] tensor, got a f64[2][3] tensor"), msg)

    for t in (x, b, a, m):
        rt.hx_tensor_free(ctx, t)
    check("py-no-leaks", rt.hxrt_live_arrays(ctx) == live0)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
