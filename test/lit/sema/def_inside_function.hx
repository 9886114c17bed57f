# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# def inside a function body.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    def g(y), do: y
    x
  end
end

# CHECK:      {{^}}{{.*}}/def_inside_function.hx:7:5: error: `def` is only allowed at the top of a module{{$}}
# CHECK-NEXT: {{^}}        def g(y), do: y{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
