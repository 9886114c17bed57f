# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A keyword list as a call argument.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: max(x, a: 1)
end

# CHECK:      {{^}}{{.*}}/unsupported_keyword_argument.hx:6:24: error: keyword lists are not supported here{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: max(x, a: 1){{$}}
# CHECK-NEXT: {{^}}                           ^{{$}}
# CHECK-NOT:  error
