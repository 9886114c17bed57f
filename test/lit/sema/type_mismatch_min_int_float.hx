# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# min/2 of an integer and a float is rejected: Elixir returns either type.

defmodule M do
  @spec f(integer()) :: float()
  def f(x), do: min(x, 2.5)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_min_int_float.hx:6:17: error: min/2 of integer and float returns either type in Elixir; convert one side first (x * 1.0 or trunc(x)){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: min(x, 2.5){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
