# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Clauses returning different types name both.

defmodule M do
  @spec f(integer()) :: integer()
  def f(0), do: 1
  def f(_x), do: true
end

# CHECK:      {{^}}{{.*}}/clauses_different_types.hx:7:18: error: the clauses of M.f/1 return different types: integer and boolean{{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: true{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
