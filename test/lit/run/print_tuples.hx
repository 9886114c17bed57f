# RUN: %hastec run %s -e 'Tuples.pair(2)' | FileCheck %s
# A tuple result prints as {a, b}.

defmodule Tuples do
  @spec pair(integer()) :: {integer(), float()}
  def pair(x), do: {x, x * 1.5}
end

# CHECK: {{^}}{2, 3.0}{{$}}
