# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A list pattern on the left of =.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    [a] = [x]
    a
  end
end

# CHECK:      {{^}}{{.*}}/unsupported_list_match.hx:7:5: error: this pattern is not supported yet; hastec matches variables, _, ^pins, tuples, maps, atoms and number or boolean literals{{$}}
# CHECK-NEXT: {{^}}        [a] = [x]{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
