# RUN: not %hastec run %s -e 'LazySkip.take1([1, 0])' 2>&1 | FileCheck %s
# RUN: not %hastec run %s -e 'LazySkip.any([1, 0])' 2>&1 | FileCheck %s
# RUN: not %hastec run %s -e 'LazySkip.zipped([1, 0])' 2>&1 | FileCheck %s
#
# Found by the differential fuzzer (test/fuzz). Elixir computes the whole
# Enum.map before Enum.take / Enum.any? / Enum.zip look at it, so
# div(1, 0) on the second element raises. hastec fuses the stages and
# stops early (take 1, any? finds true, zip's other list ends), so the
# raising element is never computed and it returns [1], true, [{1, 1}].
# (Not the documented error-order difference: Elixir raises and hastec
# returns a value.) Also with Enum.drop, all?, zip_with and filters.

defmodule LazySkip do
  @spec take1([integer()]) :: [integer()]
  def take1(xs), do: Enum.take(Enum.map(xs, fn y -> div(1, y) end), 1)

  @spec any([integer()]) :: boolean()
  def any(xs), do: Enum.any?(Enum.map(xs, fn y -> div(1, y) end), fn _ -> true end)

  @spec zipped([integer()]) :: [{integer(), integer()}]
  def zipped(xs), do: Enum.zip(Enum.map(xs, fn y -> div(1, y) end), [1])
end

# CHECK: {{^}}** (ArithmeticError) bad argument in arithmetic expression
