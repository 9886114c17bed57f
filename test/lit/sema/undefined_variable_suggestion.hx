# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An undefined variable suggests the closest variable in scope.

defmodule M do
  @spec f(integer()) :: integer()
  def f(total) do
    totl + 1
  end
end

# CHECK:      {{^}}{{.*}}/undefined_variable_suggestion.hx:7:5: error: undefined variable totl (did you mean total?){{$}}
# CHECK-NEXT: {{^}}        totl + 1{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
