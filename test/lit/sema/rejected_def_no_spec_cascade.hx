#
# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A def rejected for default arguments is reported once. BUG: its @spec
# then also fails with "@spec for f/1, which M does not define", which is
# false (M defines f/1) and hides the real problem behind a second error.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x \\ 1), do: x
end

# CHECK:      {{^}}{{.*}}/rejected_def_no_spec_cascade.hx:9:11: error: default arguments (\\) are not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x \\ 1), do: x{{$}}
# CHECK-NEXT: {{^}}              ^{{$}}
# CHECK-NOT:  error
