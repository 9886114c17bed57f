# CALL: Atoms.tag(3)
# EXPECT: {:ok, 3}
# CALL: Atoms.check(3)
# EXPECT: [true, false, true]
# CALL: Atoms.areas(2, 1.5)
# EXPECT: {4, 6.75}
# CALL: Atoms.unwrap(5)
# EXPECT: 5
defmodule Atoms do
  def tag(x), do: {:ok, x}

  def check(x), do: [:ok == :ok, {:ok, x} == {:error, x}, tag(x) == {:ok, 3}]

  def area({:square, s}), do: s * s
  def area({:circle, r}), do: 3.0 * r * r
  def areas(s, r), do: {area({:square, s}), area({:circle, r})}

  def unwrap(x) do
    case tag(x) do
      {:error, _} -> 0
      {:ok, v} -> v
    end
  end
end
