# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.reduce: the function must return the accumulator's type.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.reduce(1..x, 0, fn a, _acc -> a > 2 end)
end

# CHECK:      {{^}}{{.*}}/enum_reduce_acc_type.hx:6:38: error: Enum.reduce/3: the function returns boolean but the accumulator is integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.reduce(1..x, 0, fn a, _acc -> a > 2 end){{$}}
# CHECK-NEXT: {{^}}                                         ^{{$}}
# CHECK-NOT:  error
