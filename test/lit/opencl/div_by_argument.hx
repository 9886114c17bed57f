# RUN: %hastec build %s --emit=opencl | FileCheck %s
# A store kernel (out[i] = elem(i)) whose divisor is a free variable: the
# zero check jumps to `raised`, which only sets the error flag -- the host
# then reruns the loop on the CPU, which raises Elixir's ArithmeticError.

defmodule Quot do
  @spec quotients([integer()], integer()) :: [integer()]
  def quotients(xs, d), do: Enum.map(xs, fn x -> div(x, d) end)
end

# CHECK:       // hastec OpenCL kernel [[K:[A-Za-z0-9_]+]] for Quot.quotients/2 ({{.*}}div_by_argument.hx:8)
# CHECK-NEXT:  // out[i] = map(xs)[i]
# CHECK:       // Truncating division; the caller has ruled out b == 0.
# CHECK-NEXT:  static inline long hx_div_l(long a, long b) {
# CHECK-NEXT:    if (b == -1) return (long)((ulong)0 - (ulong)a);
# CHECK-NEXT:    if (a < (1L << 62) && a > -(1L << 62)) {
# CHECK-NEXT:      long q = (long)((double)a * (1.0 / (double)b));
# CHECK:       __kernel void [[K]](__global uchar* partials, __global int* err, long n,
# CHECK-NEXT:      long [[D:d_[0-9]+]],
# CHECK-NEXT:      __global const long* l0_xs,
# CHECK-NEXT:      long l0_xs_len,
# CHECK-NEXT:      __global long* out) {
# CHECK:         const long run = HX_CONTIGUOUS ? (n + items - 1) / items : 1;
# CHECK:         for (long i = first; i < last; i += HX_CONTIGUOUS ? 1 : items) {
# CHECK-NEXT:      long [[X:x_[0-9]+]] = l0_xs[i]; {{ *}}// line 8
# CHECK-NEXT:      if ([[D]] == 0) goto raised; {{ *}}// line 8
# CHECK-NEXT:      out[i] = hx_div_l([[X]], [[D]]); {{ *}}// line 8
# CHECK-NEXT:    }
# CHECK-NEXT:    return;
# CHECK-NEXT:  raised:
# CHECK-NEXT:    atomic_or(err, 1);
# CHECK-NEXT:  }
