# RUN: %hastec run %s -e 'DomP78.e2()' | FileCheck %s
# Found by the fuzz-elixir ctest (seed 1, program 78) right after tuples
# began to own their lists: a let-bound list inside an `if` branch whose body
# is the constant tuple {0, 0} recorded that constant (a shared, uniqued LLVM
# value) as the list's owner; another {0, 0} elsewhere then compared against
# the branch's list: "Instruction does not dominate all uses". Constant
# tuples hold no lists and are never owners now. Elixir prints true.

defmodule DomP78Lib do
  @spec h2([integer()], integer()) :: [float()]
  def h2(_a1, _a2) do
    _v52 =
      if true do
        _v51 = [{0, 0.0}]
        {0, 0}
      else
        {0, 0}
      end

    [0.0]
  end
end

defmodule DomP78 do
  @spec e2() :: boolean()
  def e2() do
    _v71 = DomP78Lib.h2([0], 0) |> Enum.map(fn _x56 -> {0, 0} end)
    true
  end
end

# CHECK: {{^}}true{{$}}
