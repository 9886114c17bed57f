# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A call to an undefined local function suggests the closest name.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: doubel(x)

  defp double(x), do: x * 2
end

# CHECK:      {{^}}{{.*}}/undefined_function_suggestion.hx:6:17: error: undefined function doubel/1 (did you mean double?){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: doubel(x){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
