# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# trunc/1 needs a number.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: trunc(x > 0)
end

# CHECK:      {{^}}{{.*}}/trunc_not_a_number.hx:6:17: error: trunc/1 needs a number, got boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: trunc(x > 0){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
