# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A @spec whose arity differs from the function's.

defmodule M do
  @spec f(integer(), integer()) :: integer()
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/spec_arity_mismatch.hx:5:33: error: @spec for f/2, which M does not define{{$}}
# CHECK-NEXT: {{^}}      @spec f(integer(), integer()) :: integer(){{$}}
# CHECK-NEXT: {{^}}                                    ^{{$}}
# CHECK-NOT:  error
