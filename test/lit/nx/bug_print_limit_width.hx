# RUN: %hastec run %s -e 'BugPrint.long()' | FileCheck --check-prefix=LONG %s
# RUN: %hastec run %s -e 'BugPrint.pair()' | FileCheck --check-prefix=PAIR --strict-whitespace %s
# Regression test: fixed in 18ff824; the text below describes the bug as found.
# Found by test/diff/corpus_nx_hastec/printing.hx. `hastec run` prints a
# result as IO.inspect(v, limit: :infinity, width: :infinity) does
# (docs/cli.md), and does so for lists, but tensors are printed with the
# default limit and width: elements after the 50th become `...`
# (s32[60] ends `48, 49, ...]`) and the tensors of a tuple go one per line
# (`>,` then ` #Nx.Tensor<`). Nx under run_diff's IO.inspect prints all 60
# elements, and `>, #Nx.Tensor<` on one line. (run_diff compares
# whitespace-insensitively when outputs differ, so only the cut fails there.)

defmodule BugPrint do
  def long(), do: Nx.iota({60})
  def pair(), do: {Nx.tensor(1), Nx.tensor(2)}
end

# LONG: s32[60]
# LONG-NEXT: [0, 1, 2, {{.*}}, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59]

# PAIR:      {{^}}{#Nx.Tensor<{{$}}
# PAIR-NEXT: {{^}}   s32{{$}}
# PAIR-NEXT: {{^}}   1{{$}}
# PAIR-NEXT: {{^}} >, #Nx.Tensor<{{$}}
# PAIR-NEXT: {{^}}   s32{{$}}
# PAIR-NEXT: {{^}}   2{{$}}
# PAIR-NEXT: {{^}} >}{{$}}
