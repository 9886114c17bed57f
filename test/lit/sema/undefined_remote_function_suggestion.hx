# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A remote call with a misspelt name suggests the function of that module.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: N.triplee(x)
end

defmodule N do
  def triple(x), do: x * 3
end

# CHECK:      {{^}}{{.*}}/undefined_remote_function_suggestion.hx:6:19: error: undefined function N.triplee/1 (did you mean triple?){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: N.triplee(x){{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
