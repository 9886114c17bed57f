# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Public functions with a @spec are entries; their C symbol joins module
# and function with `_`, dots become `_`, `?` becomes `_p` and `!` `_x`.
# Private functions and functions without a @spec are not entries, and a
# function no entry reaches is not in the IR at all.

defmodule Sym.Inner do
  @spec plain(integer()) :: integer()
  def plain(x), do: helper(x)

  @spec valid?(integer()) :: boolean()
  def valid?(x), do: x > 0

  @spec reset!(integer()) :: integer()
  def reset!(_x), do: 0

  def no_spec(x), do: x

  defp helper(x), do: x + 1
end

# CHECK:      entry Sym.Inner.plain/1(integer) as Sym_Inner_plain (
# CHECK:      entry Sym.Inner.valid?/1(integer) as Sym_Inner_valid_p (
# CHECK:      entry Sym.Inner.reset!/1(integer) as Sym_Inner_reset_x (
# CHECK:      func Sym.Inner.helper/1(integer) (
# CHECK-NOT:  no_spec
