# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# abs/1 needs a number.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: abs(x > 1)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_abs_bool.hx:6:17: error: abs/1 needs a number, got boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: abs(x > 1){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
