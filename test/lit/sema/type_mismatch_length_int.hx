# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# length/1 needs a list.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: length(x)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_length_int.hx:6:17: error: length/1 needs a list, got integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: length(x){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
