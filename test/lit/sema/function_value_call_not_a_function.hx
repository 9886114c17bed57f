# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# f.(x) needs a function value.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x.(1)
end

# CHECK:      {{^}}{{.*}}/function_value_call_not_a_function.hx:6:17: error: f.(...) calls a function value (fn x -> ... end, &f/1), got integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x.(1){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
