#!/usr/bin/env python3
"""What a host<->device copy costs through the OpenCL driver hastec uses, for the
sizes of mlp_gpu.hx's tensors (1 MiB: a 256x1024 activation; 4 MiB: the 1024x1024
weight). libhxrt copies every list argument in and every result out at every launch
(clCreateBuffer + clEnqueueWriteBuffer/ReadBuffer from the array's own, pageable,
memory), so these numbers are the floor of its current design.

    python3 cl_copy.py [--device-type gpu|cpu|all] [--reps 50]

Cases, each a blocking copy, median of --reps:
  pageable          the same numpy array every time (warm pages), as a reused heap block
  pageable, fresh   a new numpy array each time (first touch: page faults in the copy)
  pinned            from/to memory mapped from a CL_MEM_ALLOC_HOST_PTR buffer (NVIDIA's
                    way to page-locked host memory)
  buffer+copy+free  clCreateBuffer, the pageable write, clReleaseMemObject: one list
                    argument of hxrt_cl_run
Needs only libOpenCL and numpy (ctypes; no PyOpenCL).
"""
import argparse
import ctypes as C
import statistics
import time

import numpy as np

cl = C.CDLL("libOpenCL.so.1")
cl.clCreateContext.restype = C.c_void_p
cl.clCreateCommandQueue.restype = C.c_void_p
cl.clCreateBuffer.restype = C.c_void_p
cl.clEnqueueMapBuffer.restype = C.c_void_p
cl.clCreateContext.argtypes = [C.c_void_p, C.c_uint, C.POINTER(C.c_void_p), C.c_void_p, C.c_void_p,
                               C.POINTER(C.c_int)]
cl.clCreateCommandQueue.argtypes = [C.c_void_p, C.c_void_p, C.c_uint64, C.POINTER(C.c_int)]
cl.clCreateBuffer.argtypes = [C.c_void_p, C.c_uint64, C.c_size_t, C.c_void_p, C.POINTER(C.c_int)]
for f in ("clEnqueueWriteBuffer", "clEnqueueReadBuffer"):
    getattr(cl, f).argtypes = [C.c_void_p, C.c_void_p, C.c_uint, C.c_size_t, C.c_size_t, C.c_void_p, C.c_uint,
                               C.c_void_p, C.c_void_p]
cl.clEnqueueMapBuffer.argtypes = [C.c_void_p, C.c_void_p, C.c_uint, C.c_uint64, C.c_size_t, C.c_size_t, C.c_uint,
                                  C.c_void_p, C.c_void_p, C.POINTER(C.c_int)]
cl.clReleaseMemObject.argtypes = [C.c_void_p]
cl.clFinish.argtypes = [C.c_void_p]

CL_DEVICE_TYPE = {"cpu": 2, "gpu": 4, "all": 0xFFFFFFFF}
CL_MEM_READ_WRITE, CL_MEM_ALLOC_HOST_PTR = 1, 1 << 4
CL_MAP_READ, CL_MAP_WRITE = 1, 2


def check(err, what):
    if err:
        raise SystemExit(f"{what} failed: OpenCL error {err}")


def first_device(dtype):
    n = C.c_uint()
    check(cl.clGetPlatformIDs(0, None, C.byref(n)), "clGetPlatformIDs")
    plats = (C.c_void_p * n.value)()
    cl.clGetPlatformIDs(n.value, plats, None)
    for p in plats:
        nd = C.c_uint()
        if cl.clGetDeviceIDs(C.c_void_p(p), C.c_uint64(CL_DEVICE_TYPE[dtype]), 0, None, C.byref(nd)) or not nd.value:
            continue
        devs = (C.c_void_p * nd.value)()
        cl.clGetDeviceIDs(C.c_void_p(p), C.c_uint64(CL_DEVICE_TYPE[dtype]), nd.value, devs, None)
        name = C.create_string_buffer(256)
        cl.clGetDeviceInfo(C.c_void_p(devs[0]), C.c_uint(0x102B), C.c_size_t(256), name, None)  # CL_DEVICE_NAME
        return C.c_void_p(devs[0]), name.value.decode()
    raise SystemExit(f"no OpenCL device of type {dtype}")


def med(fn, reps):
    fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--device-type", default="gpu", choices=sorted(CL_DEVICE_TYPE))
    ap.add_argument("--reps", type=int, default=50)
    a = ap.parse_args()
    dev, name = first_device(a.device_type)
    err = C.c_int()
    ctx = cl.clCreateContext(None, 1, C.byref(dev), None, None, C.byref(err)); check(err.value, "clCreateContext")
    q = cl.clCreateCommandQueue(ctx, dev, 0, C.byref(err)); check(err.value, "clCreateCommandQueue")
    print(f"OpenCL copies on {name} (blocking, median of {a.reps}):\n")
    print("| bytes | direction | pageable | pageable, fresh array | pinned | buffer+copy+free (pageable) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for size in (4 << 10, 1 << 20, 4 << 20):
        dbuf = cl.clCreateBuffer(ctx, CL_MEM_READ_WRITE, size, None, C.byref(err)); check(err.value, "clCreateBuffer")
        hbuf = cl.clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, size, None, C.byref(err))
        check(err.value, "clCreateBuffer(ALLOC_HOST_PTR)")
        pinned = cl.clEnqueueMapBuffer(q, hbuf, 1, CL_MAP_READ | CL_MAP_WRITE, 0, size, 0, None, None, C.byref(err))
        check(err.value, "clEnqueueMapBuffer")
        host = np.ones(size // 4, dtype=np.float32)
        for direction, op in (("in", cl.clEnqueueWriteBuffer), ("out", cl.clEnqueueReadBuffer)):
            def pageable():
                check(op(q, dbuf, 1, 0, size, host.ctypes.data, 0, None, None), direction)

            # One new array per copy, made before the clock starts: "out" arrays are untouched
            # (the copy faults their pages in), "in" arrays were written (as a result is).
            blocks, done = [np.empty(size // 4, dtype=np.float32) for _ in range(a.reps + 1)], []
            if direction == "in":
                for h in blocks:
                    h.fill(1.0)

            def fresh():
                h = blocks.pop()  # kept alive until the blocking copy is done
                check(op(q, dbuf, 1, 0, size, h.ctypes.data, 0, None, None), direction)
                done.append(h)

            def pin():
                check(op(q, dbuf, 1, 0, size, C.c_void_p(pinned), 0, None, None), direction)

            def cycle():
                b = cl.clCreateBuffer(ctx, CL_MEM_READ_WRITE, size, None, C.byref(err))
                check(op(q, b, 1, 0, size, host.ctypes.data, 0, None, None), direction)
                cl.clReleaseMemObject(b)

            cells = []
            for fn in (pageable, fresh, pin, cycle):
                t = med(fn, a.reps)
                cells.append(f"{t * 1e3:.3f} ms ({size / t / 1e9:.1f} GB/s)")
            print(f"| {size} | {direction} | " + " | ".join(cells) + " |", flush=True)
        cl.clReleaseMemObject(dbuf)
        cl.clReleaseMemObject(hbuf)


if __name__ == "__main__":
    main()
