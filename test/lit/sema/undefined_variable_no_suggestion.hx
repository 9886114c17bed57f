# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An undefined variable with no close name in scope: no suggestion.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    zzz + x
  end
end

# CHECK:      {{^}}{{.*}}/undefined_variable_no_suggestion.hx:7:5: error: undefined variable zzz{{$}}
# CHECK-NEXT: {{^}}        zzz + x{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
