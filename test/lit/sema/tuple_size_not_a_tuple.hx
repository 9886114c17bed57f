# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# tuple_size/1 needs a tuple.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: tuple_size(x)
end

# CHECK:      {{^}}{{.*}}/tuple_size_not_a_tuple.hx:6:17: error: tuple_size/1 needs a tuple, got integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: tuple_size(x){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
