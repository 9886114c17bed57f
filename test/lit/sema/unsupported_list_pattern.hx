# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# List patterns are not supported.

defmodule M do
  @spec f([integer()]) :: integer()
  def f([a]), do: a
end

# CHECK:      {{^}}{{.*}}/unsupported_list_pattern.hx:6:9: error: this pattern is not supported yet; hastec matches variables, _, ^pins, tuples, maps, atoms and number or boolean literals{{$}}
# CHECK-NEXT: {{^}}      def f([a]), do: a{{$}}
# CHECK-NEXT: {{^}}            ^{{$}}
# CHECK-NOT:  error
