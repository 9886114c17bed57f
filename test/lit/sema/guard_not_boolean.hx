# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A guard must be a boolean.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) when x, do: 1
  def f(_), do: 2
end

# CHECK:      {{^}}{{.*}}/guard_not_boolean.hx:6:17: error: a guard needs a boolean, got integer (hastec has no truthiness for other types){{$}}
# CHECK-NEXT: {{^}}      def f(x) when x, do: 1{{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
