# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Calling a function that exists with another arity names the arities that exist.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: g(x)

  defp g(x, y), do: x + y
end

# CHECK:      {{^}}{{.*}}/undefined_function_wrong_arity.hx:6:17: error: undefined function g/1 (M defines g/2: wrong number of arguments){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: g(x){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
