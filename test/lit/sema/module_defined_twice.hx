# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A module defined twice.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x
end

defmodule M do
  def g(x), do: x
end

# CHECK:      {{^}}{{.*}}/module_defined_twice.hx:9:1: error: module M is defined twice{{$}}
# CHECK-NEXT: {{^}}    defmodule M do{{$}}
# CHECK-NEXT: {{^}}    ^{{$}}
# CHECK-NOT:  error
