# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Atoms are values known at compile time (atoms_*.hx); nil is not one:
# hastec's values are typed and nothing stands for "no value".

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: nil
end

# CHECK:      {{^}}{{.*}}/unsupported_atom.hx:7:18: error: nil is not supported in hastec's Elixir subset (values are typed){{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: nil{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
