# Nx.type/1 as a value: {:f, 32}, {:s, 64}, {:u, 8} ..., known at compile
# time in hastec, so comparing it, matching it in case and in function
# heads, and branching on it are decided while compiling.
defmodule NxhType do
  import Nx.Defn

  def all_types() do
    {Nx.type(Nx.tensor([1.0, 2.0])), Nx.type(Nx.tensor([1.0], type: :f64)), Nx.type(Nx.tensor([1, 2])),
     Nx.type(Nx.tensor([1], type: :s32)), Nx.type(Nx.tensor([1], type: :s16)), Nx.type(Nx.tensor([1], type: :s8)),
     Nx.type(Nx.tensor([1], type: :u8)), Nx.type(Nx.tensor([1], type: :u16)), Nx.type(Nx.tensor([1], type: :u32)),
     Nx.type(Nx.iota({3})), Nx.type(Nx.equal(Nx.iota({2}), 1))}
  end

  def type_of(t), do: Nx.type(t)
  def shape_and_type(t), do: {Nx.shape(t), Nx.type(t)}

  def checks(t) do
    [Nx.type(t) == {:f, 32}, Nx.type(t) == {:f, 64}, Nx.type(t) != {:s, 64}, Nx.type(t) == Nx.type(Nx.iota({2}))]
  end

  def kind(t) do
    case Nx.type(t) do
      {:f, _} -> 1
      {:s, 64} -> 2
      {:s, _} -> 3
      {:u, bits} -> bits
    end
  end

  def float?({:f, _}), do: true
  def float?(_), do: false
  def bits({_, b}), do: b
  def describe(t), do: {float?(Nx.type(t)), bits(Nx.type(t))}

  # the branch not taken may have another type: halve floats, keep integers
  def halve(t) do
    case Nx.type(t) do
      {:f, _} -> Nx.divide(t, 2)
      _ -> t
    end
  end

  def label(t), do: if(Nx.type(t) == {:f, 32}, do: :single, else: :other)

  defn cast_sum(t, u), do: Nx.as_type(t, Nx.type(u)) + u
  def result_type(t, u), do: Nx.type(cast_sum(t, u))
end
# CALL: NxhType.all_types()
# CALL: NxhType.type_of(Nx.tensor([[1.5, 2.5]]))
# CALL: NxhType.type_of(Nx.tensor([250, 3], type: :u8))
# CALL: NxhType.shape_and_type(Nx.iota({2, 3}, type: :s32))
# CALL: NxhType.checks(Nx.tensor([1.0]))
# CALL: NxhType.checks(Nx.tensor([1.0], type: :f64))
# CALL: NxhType.checks(Nx.tensor([1, 2]))
# CALL: NxhType.kind(Nx.tensor([1.0]))
# CALL: NxhType.kind(Nx.tensor([1, 2]))
# CALL: NxhType.kind(Nx.tensor([1], type: :s16))
# CALL: NxhType.kind(Nx.tensor([1], type: :u16))
# CALL: NxhType.describe(Nx.tensor([1.0], type: :f64))
# CALL: NxhType.describe(Nx.tensor([7], type: :u8))
# CALL: NxhType.halve(Nx.tensor([3.0, 5.0]))
# CALL: NxhType.halve(Nx.tensor([3, 5]))
# CALL: NxhType.label(Nx.tensor([1.0]))
# CALL: NxhType.label(Nx.tensor([1]))
# CALL: NxhType.result_type(Nx.tensor([1.7, 2.2]), Nx.tensor([1, 2], type: :s8))
