# RUN: %hastec run %s -e 'Then.run(4)' | FileCheck %s
# RUN: %hastec run %s -e 'Then.tensor_rows()' | FileCheck %s --check-prefix=ROWS
# then/2 with a capture or a fn; tensor[i] with constant indices
# (negative from the end).

defmodule Then do
  def run(x), do: x |> then(&(&1 * 10)) |> then(fn y -> y + 1 end)

  def tensor_rows do
    t = Nx.iota({3, 2})
    {t[0], t[-1], Nx.iota({2, 2, 2})[1]}
  end
end

# CHECK: 41

# ROWS:      {#Nx.Tensor<
# ROWS-NEXT:    s32[2]
# ROWS-NEXT:    [0, 1]
# ROWS-NEXT:  >, #Nx.Tensor<
# ROWS-NEXT:    s32[2]
# ROWS-NEXT:    [4, 5]
# ROWS-NEXT:  >, #Nx.Tensor<
# ROWS-NEXT:    s32[2][2]
# ROWS-NEXT:    [
# ROWS-NEXT:      [4, 5],
# ROWS-NEXT:      [6, 7]
# ROWS-NEXT:    ]
# ROWS-NEXT:  >}
