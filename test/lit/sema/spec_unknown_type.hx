# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An unknown type in a @spec.

defmodule M do
  @spec f(string()) :: integer()
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/spec_unknown_type.hx:5:11: error: unsupported type in @spec: string() (hastec knows integer(), float(), boolean(), Hx.i32(), Hx.f32(), [t], list(t), tuples and atoms (:ok)){{$}}
# CHECK-NEXT: {{^}}      @spec f(string()) :: integer(){{$}}
# CHECK-NEXT: {{^}}              ^{{$}}
# CHECK-NOT:  error
