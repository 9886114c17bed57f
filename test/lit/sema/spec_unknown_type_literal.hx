# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A number literal in a @spec is not a type hastec knows (atoms are: atoms_spec.hx).

defmodule M do
  @spec f(1) :: integer()
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/spec_unknown_type_literal.hx:5:11: error: unsupported type in @spec: this type (hastec knows integer(), float(), boolean(), Hx.i32(), Hx.f32(), [t], list(t), tuples and atoms (:ok)){{$}}
# CHECK-NEXT: {{^}}      @spec f(1) :: integer(){{$}}
# CHECK-NEXT: {{^}}              ^{{$}}
# CHECK-NOT:  error
