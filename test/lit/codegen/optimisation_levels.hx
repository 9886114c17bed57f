# RUN: %hastec build %s --emit=llvm -O0 | FileCheck %s --check-prefix=O0
# RUN: %hastec build %s --emit=llvm -O2 | FileCheck %s --check-prefix=O2
# RUN: %hastec run -O0 %s -e 'Opt.f(10)' | FileCheck %s --check-prefix=RESULT
# RUN: %hastec run -O1 %s -e 'Opt.f(10)' | FileCheck %s --check-prefix=RESULT
# RUN: %hastec run -O2 %s -e 'Opt.f(10)' | FileCheck %s --check-prefix=RESULT
# RUN: %hastec run -O3 %s -e 'Opt.f(10)' | FileCheck %s --check-prefix=RESULT
# RUN: rm -rf %t && mkdir -p %t
# RUN: %hastec build -O0 %s -o %t/libopt.so
# RUN: test -f %t/libopt.so
# Every -O level builds and computes the same result. At -O0 nothing is
# inlined: every typed body (hxf.*) is a function of its own; at -O2 the
# helper sq is inlined away.

defmodule Opt do
  @spec f(integer()) :: integer()
  def f(n), do: Enum.sum(Enum.map(1..n, &sq/1))

  defp sq(x), do: x * x
end

# O0: define internal i64 @"hxf.Opt.f/1(integer)"(
# O0: define internal i64 @"hxf.Opt.sq/1(integer)"(
# O2-NOT: @"hxf.Opt.sq/1(integer)"
# O2: define i32 @Opt_f(
# RESULT: {{^}}385{{$}}
