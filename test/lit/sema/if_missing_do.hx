# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# if without a do: block.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(x > 0)
end

# CHECK:      {{^}}{{.*}}/if_missing_do.hx:6:17: error: if needs a do: block{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(x > 0){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
