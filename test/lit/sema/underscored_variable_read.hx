# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A variable whose name starts with _ cannot be read.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: _x + 1
end

# CHECK:      {{^}}{{.*}}/underscored_variable_read.hx:6:18: error: the underscored variable _x cannot be read{{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: _x + 1{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
