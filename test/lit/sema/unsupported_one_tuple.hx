# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Tuples need at least two elements.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    _t = {x}
    x
  end
end

# CHECK:      {{^}}{{.*}}/unsupported_one_tuple.hx:7:10: error: tuples of fewer than two elements are not supported{{$}}
# CHECK-NEXT: {{^}}        _t = {x}{{$}}
# CHECK-NEXT: {{^}}             ^{{$}}
# CHECK-NOT:  error
