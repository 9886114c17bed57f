# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Only variables, _ and number or boolean literals are patterns.

defmodule M do
  @spec f({integer(), integer()}) :: integer()
  def f({a, b}), do: a + b
end

# CHECK:      {{^}}{{.*}}/unsupported_tuple_pattern.hx:6:9: error: this pattern is not supported yet; hastec matches variables, _ and number or boolean literals{{$}}
# CHECK-NEXT: {{^}}      def f({a, b}), do: a + b{{$}}
# CHECK-NEXT: {{^}}            ^{{$}}
# CHECK-NOT:  error
