# RUN: not %hastec check %s 2>&1 | FileCheck %s
# After 20 errors, the rest are counted but not printed.

defmodule M do
  @spec f0(integer()) :: integer()
  def f0(x), do: x + true
  @spec f1(integer()) :: integer()
  def f1(x), do: x + true
  @spec f2(integer()) :: integer()
  def f2(x), do: x + true
  @spec f3(integer()) :: integer()
  def f3(x), do: x + true
  @spec f4(integer()) :: integer()
  def f4(x), do: x + true
  @spec f5(integer()) :: integer()
  def f5(x), do: x + true
  @spec f6(integer()) :: integer()
  def f6(x), do: x + true
  @spec f7(integer()) :: integer()
  def f7(x), do: x + true
  @spec f8(integer()) :: integer()
  def f8(x), do: x + true
  @spec f9(integer()) :: integer()
  def f9(x), do: x + true
  @spec f10(integer()) :: integer()
  def f10(x), do: x + true
  @spec f11(integer()) :: integer()
  def f11(x), do: x + true
  @spec f12(integer()) :: integer()
  def f12(x), do: x + true
  @spec f13(integer()) :: integer()
  def f13(x), do: x + true
  @spec f14(integer()) :: integer()
  def f14(x), do: x + true
  @spec f15(integer()) :: integer()
  def f15(x), do: x + true
  @spec f16(integer()) :: integer()
  def f16(x), do: x + true
  @spec f17(integer()) :: integer()
  def f17(x), do: x + true
  @spec f18(integer()) :: integer()
  def f18(x), do: x + true
  @spec f19(integer()) :: integer()
  def f19(x), do: x + true
  @spec f20(integer()) :: integer()
  def f20(x), do: x + true
  @spec f21(integer()) :: integer()
  def f21(x), do: x + true
end

# CHECK:          too_many_errors.hx:6:20: error: `+` needs numbers, got integer and boolean
# CHECK-COUNT-19: error: `+` needs numbers, got integer and boolean
# CHECK-NOT:      too_many_errors.hx:{{4[68]}}:
# CHECK:          error: too many errors; 2 more not shown
