# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The last expression of a body cannot bind only _.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    _ = x + 1
  end
end

# CHECK:      {{^}}{{.*}}/last_expression_binds_underscore.hx:7:7: error: the last expression binds only _{{$}}
# CHECK-NEXT: {{^}}        _ = x + 1{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
