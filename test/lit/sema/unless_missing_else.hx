# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# unless without else would give nil: hastec needs an else branch.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    unless x > 0 do
      1
    end
  end
end

# CHECK:      {{^}}{{.*}}/unless_missing_else.hx:7:5: error: unless without else gives nil when the condition fails; hastec needs an else branch{{$}}
# CHECK-NEXT: {{^}}        unless x > 0 do{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
