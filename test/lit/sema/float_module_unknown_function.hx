# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A Float function hastec does not know lists the ones it does.

defmodule M do
  @spec f(float()) :: float()
  def f(x), do: Float.to_string(x)
end

# CHECK:      {{^}}{{.*}}/float_module_unknown_function.hx:6:23: error: Float.to_string/1 is not supported by hastec (Float.floor/1, Float.ceil/1 and Float.round/1 are){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Float.to_string(x){{$}}
# CHECK-NEXT: {{^}}                          ^{{$}}
# CHECK-NOT:  error
