# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A @spec for a function the module does not define.

defmodule M do
  @spec f(integer()) :: integer()
  @spec g(integer()) :: integer()
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/spec_for_undefined_function.hx:6:22: error: @spec for g/1, which M does not define{{$}}
# CHECK-NEXT: {{^}}      @spec g(integer()) :: integer(){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
