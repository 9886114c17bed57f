# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Keyword lists are not values in the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: length([a: x])
end

# CHECK:      {{^}}{{.*}}/unsupported_keyword_list.hx:6:25: error: keyword lists are not supported here{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: length([a: x]){{$}}
# CHECK-NEXT: {{^}}                            ^{{$}}
# CHECK-NOT:  error
