# RUN: %hastec check %s --emit=ir --stop-after=const-fold | FileCheck %s
# RUN: %hastec check %s --dump-after=const-fold 2>&1 >/dev/null | FileCheck %s --check-prefix=DUMP
# Which atom a value holds is its type, so `==` on atoms, and on Nx.type/1
# against a literal type, is a constant before any pass runs; `if` on it
# lowers only the branch taken, and a case clause of another atom is
# dropped. Only the numbers beside atoms are compared at run time.

defmodule Cmp do
  @spec same() :: boolean()
  def same(), do: :ok == :ok

  @spec differ() :: boolean()
  def differ(), do: {:ok, 1} == {:error, 1}

  @spec tagged(integer()) :: boolean()
  def tagged(n), do: {:ok, n} == {:ok, 3}

  @spec is_f32(Hx.tensor(:f32, {2})) :: boolean()
  def is_f32(t), do: Nx.type(t) == {:f, 32}

  @spec bits(Hx.tensor(:u8, {2})) :: integer()
  def bits(t) do
    case Nx.type(t) do
      {:f, _} -> 0
      {:u, b} -> b
    end
  end

  @spec which(Hx.tensor(:f32, {2})) :: {:single, integer()}
  def which(t), do: {if(Nx.type(t) == {:f, 32}, do: :single, else: :other), 1}
end

# CHECK-LABEL: entry Cmp.same/0() as Cmp_same
# CHECK-NEXT:    true
# CHECK-EMPTY:
# CHECK-LABEL: entry Cmp.differ/0() as Cmp_differ
# CHECK-NEXT:    false
# CHECK-EMPTY:
# CHECK-LABEL: entry Cmp.tagged/1(integer) as Cmp_tagged
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> boolean
# CHECK-NEXT:    eq([[N]], 3)
# CHECK-EMPTY:
# CHECK-LABEL: entry Cmp.is_f32/1(Nx.Tensor f32[2]) as Cmp_is_f32
# CHECK-NEXT:    true
# CHECK-EMPTY:
# CHECK-LABEL: entry Cmp.bits/1(Nx.Tensor u8[2]) as Cmp_bits
# CHECK-NEXT:  {{^ *}}8{{ *$}}
# CHECK-EMPTY:
# CHECK-LABEL: entry Cmp.which/1(Nx.Tensor f32[2]) as Cmp_which
# CHECK-SAME:  -> {:single, integer}
# CHECK-NEXT:    {:single, 1}

# DUMP: ; IR after const-fold
# DUMP-NOT: if :
