# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# if without else would give nil: hastec needs an else branch.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    if x > 0 do
      1
    end
  end
end

# CHECK:      {{^}}{{.*}}/missing_else.hx:7:5: error: if without else gives nil when the condition fails; hastec needs an else branch{{$}}
# CHECK-NEXT: {{^}}        if x > 0 do{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
