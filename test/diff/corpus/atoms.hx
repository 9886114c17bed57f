# Atoms as values: which atom a value holds is known at compile time in
# hastec (each atom is its own type), so == on atoms, atom patterns in case
# and function heads, and `if` on such a comparison are decided while
# compiling; the numbers beside them stay run-time values.
defmodule Atoms do
  def ok(), do: :ok
  def tagged(n), do: {:ok, n * 3}
  def nested(n), do: {:error, {:not_found, n}, :retry?}
  def names(), do: {:Foo, :a_b, :x1@host, :done!}
  def in_map(n), do: %{status: :ok, count: n}

  def eq(n) do
    [:a == :a, :a == :b, :a != :b, :ok === :ok, :ok !== :ok,
     {:ok, n} == {:ok, 3}, {:ok, n} == {:error, 3}, {:ok, n} != {:ok, 3},
     {n, 2} == {3.0, 2}, {n, 2} === {3.0, 2}, {:ok, {:x, n}} == {:ok, {:x, n}},
     {:ok, n} == {:ok, n, n}, tagged(n) == {:ok, 9}]
  end

  def unwrap(n) do
    case tagged(n) do
      {:error, _} -> -1
      {:ok, 9} -> 0
      {:ok, v} when v > 100 -> 100
      {:ok, v} -> v
    end
  end

  # clauses of other atoms are never taken, so their bodies may have other types
  def area({:square, s}), do: s * s
  def area({:circle, r}), do: 3.0 * r * r
  def area({:rect, w, h}), do: w * h
  def shapes(s, r), do: {area({:square, s}), area({:circle, r}), area({:rect, s, r})}

  def code(:ok), do: 0
  def code(:error), do: 1
  def code(_), do: 2
  def codes(), do: [code(:ok), code(:error), code(:other), code({:ok, 1})]

  def pick(n) do
    x = if :ok == :ok, do: :zero, else: :nonzero
    {x, if(:b == :a, do: n, else: n + 1)}
  end

  def swap({a, b}), do: {b, a}
  def swapped(n), do: swap({:left, n})

  def kind(x) do
    case x do
      :ok -> 1
      {:ok, _} -> 2
      _ -> 3
    end
  end
  def kinds(n), do: {kind(:ok), kind({:ok, n}), kind(n)}

  def maps(n) do
    m = %{tag: :ok, n: n}
    [m == %{tag: :ok, n: 1}, m == %{tag: :error, n: 1}, m == %{n: 1}, m != %{n: n, tag: :ok}]
  end

  def guarded(x) when x == :ok, do: 1
  def guarded(_), do: 2
end
# CALL: Atoms.ok()
# CALL: Atoms.tagged(5)
# CALL: Atoms.nested(7)
# CALL: Atoms.names()
# CALL: Atoms.in_map(4)
# CALL: Atoms.eq(3)
# CALL: Atoms.eq(4)
# CALL: Atoms.unwrap(3)
# CALL: Atoms.unwrap(40)
# CALL: Atoms.unwrap(1)
# CALL: Atoms.shapes(2, 1.5)
# CALL: Atoms.codes()
# CALL: Atoms.pick(5)
# CALL: Atoms.swapped(8)
# CALL: Atoms.kinds(1)
# CALL: Atoms.code(:error)
# CALL: Atoms.code(:other)
# CALL: Atoms.kind({:ok, 2})
# CALL: Atoms.kind(:ok)
# CALL: Atoms.swap({:a, :b})
# CALL: Atoms.maps(1)
# CALL: Atoms.maps(2)
# CALL: Atoms.guarded(:ok)
# CALL: Atoms.guarded(:no)
