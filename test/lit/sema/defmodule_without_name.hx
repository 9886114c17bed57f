# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# defmodule needs a module name.

defmodule m do
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/defmodule_without_name.hx:4:1: error: defmodule needs a module name and a do-block: defmodule Name do ... end{{$}}
# CHECK-NEXT: {{^}}    defmodule m do{{$}}
# CHECK-NEXT: {{^}}    ^{{$}}
# CHECK-NOT:  error
