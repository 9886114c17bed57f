# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A function that returns a function is inlined at each call, so it must
# have one clause.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: pick(x).(x)

  defp pick(0), do: fn y -> y end
  defp pick(_), do: fn y -> y * 2 end
end

# CHECK:      {{^}}{{.*}}/function_returning_function_clauses.hx:7:17: error: M.pick/1 returns a function and has several clauses; hastec inlines functions that return functions, which needs one clause{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: pick(x).(x){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
