# CALL: FunctionValues.run(2)
# EXPECT: {3, 4, 1024, {7, 7}, [1001, 1002]}
defmodule FunctionValues do
  def run(x) do
    inc = fn y -> y + 1 end
    double = &(&1 * 2)
    {inc.(x), twice(inc, x), iterate(double, 1, 10), both({&abs/1, &(-&1)}, -7), Enum.map([1, 2], adder(1000))}
  end

  # Returns a function: inlined where it is called.
  def adder(k), do: fn x -> x + k end

  def twice(f, x), do: f.(f.(x))

  # Specialised on f: the loop calls double's code directly.
  defp iterate(_f, x, 0), do: x
  defp iterate(f, x, n), do: iterate(f, f.(x), n - 1)

  defp both({f, g}, x), do: {f.(x), g.(x)}
end
