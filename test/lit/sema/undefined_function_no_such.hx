# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A remote call to a function the module lacks, with nothing close to suggest.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: M.zzzzzz(x)

  defp g(x, y), do: x + y
end

# CHECK:      {{^}}{{.*}}/undefined_function_no_such.hx:6:19: error: undefined function M.zzzzzz/1 (there is no such function in M){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: M.zzzzzz(x){{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
