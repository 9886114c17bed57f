# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# ^ must pin a variable that is already bound.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    case x do
      ^y -> y
      _ -> 0
    end
  end
end

# CHECK:      {{^}}{{.*}}/pin_unbound_variable.hx:8:7: error: ^ pins a variable that is already bound{{$}}
# CHECK-NEXT: {{^}}          ^y -> y{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
