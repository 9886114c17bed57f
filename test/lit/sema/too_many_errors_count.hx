#
# RUN: not %hastec check %s 2>&1 | FileCheck %s
# After 20 errors hastec stops printing them and says how many more there
# were; the count line then gives the total. BUG: it prints "20 errors"
# right after "5 more not shown" (Diagnostics::error_count() counts only
# the errors kept).

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

  @spec f22(integer()) :: integer()
  def f22(x), do: x + true

  @spec f23(integer()) :: integer()
  def f23(x), do: x + true

  @spec f24(integer()) :: integer()
  def f24(x), do: x + true
end

# CHECK-COUNT-20: error: `+` needs numbers, got integer and boolean
# CHECK:          error: too many errors; 5 more not shown
# CHECK-NEXT:     {{^}}25 errors{{$}}
