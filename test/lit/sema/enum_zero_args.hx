# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.sum() with no arguments.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: Enum.sum()
end

# CHECK:      {{^}}{{.*}}/enum_zero_args.hx:6:23: error: Enum.sum/0 is undefined{{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: Enum.sum(){{$}}
# CHECK-NEXT: {{^}}                          ^{{$}}
# CHECK-NOT:  error
