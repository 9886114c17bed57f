# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# if with two positional arguments.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(x > 0, x, do: 1, else: 2)
end

# CHECK:      {{^}}{{.*}}/if_two_conditions.hx:6:17: error: if needs a condition and a do: block{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(x > 0, x, do: 1, else: 2){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
