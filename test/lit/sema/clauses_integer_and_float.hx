# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Clauses returning integer and float: one type is needed, with a hint.

defmodule M do
  @spec f(integer()) :: integer()
  def f(0), do: 1
  def f(_x), do: 2.0
end

# CHECK:      {{^}}{{.*}}/clauses_integer_and_float.hx:7:18: error: the clauses of M.f/1 return integer and float; hastec needs one type (write 1.0 for 1){{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: 2.0{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
