# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Bitwise functions need integers.

defmodule M do
  import Bitwise

  @spec f(float()) :: integer()
  def f(x), do: band(x, 1)
end

# CHECK:      {{^}}{{.*}}/bitwise_needs_integers.hx:8:17: error: band/2 needs integers, got float and integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: band(x, 1){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
