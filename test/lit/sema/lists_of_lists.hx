# RUN: not %hastec check %s 2>&1 | FileCheck %s --strict-whitespace
# Lists of lists are outside the subset for now: a clear error, not a leak.

defmodule Nested do
  @spec nested(integer()) :: integer()
  def nested(n), do: Enum.map(1..n, fn i -> Enum.to_list(1..i) end) |> length()
end

# CHECK: {{.*}}lists_of_lists.hx:6:37: error: lists of lists are not supported yet in hastec's Elixir subset (this function returns [integer])
