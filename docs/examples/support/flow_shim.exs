# A stand-in for the Flow library, for checking docs/examples/flow.hx under
# plain Elixir (the real library is a Mix dependency). It runs the stages in
# Enum order, which is one of the orders real Flow may give.
defmodule Flow do
  def from_enumerable(xs, _opts \\ []), do: xs
  def map(xs, f), do: Enum.map(xs, f)
  def filter(xs, f), do: Enum.filter(xs, f)
  def reject(xs, f), do: Enum.reject(xs, f)
end
