# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.sum needs a list of numbers.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.sum([x > 1, true])
end

# CHECK:      {{^}}{{.*}}/enum_sum_of_booleans.hx:6:22: error: Enum.sum/1 needs a list of numbers, got [boolean]{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.sum([x > 1, true]){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
