# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Atoms other than true and false are outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: :ok
end

# CHECK:      {{^}}{{.*}}/unsupported_atom.hx:6:18: error: atoms (:ok) are not supported here{{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: :ok{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
