# --fallback is a usage error without --target=opencl, or with a value other
# than none and cpu (exit 2); --help describes it.
# RUN: sh -c '%hastec build --fallback=cpu %s -o %t.so; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=NOTARGET
# RUN: sh -c '%hastec run --fallback=cpu %s -e "Sq.sum(3)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=NOTARGET
# RUN: sh -c '%hastec build --target=opencl --fallback=gpu %s -o %t.so; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=BADVALUE
# RUN: %hastec build --help | FileCheck %s --check-prefix=HELP

defmodule Sq do
  @spec sum(integer()) :: integer()
  def sum(n), do: 1..n |> Enum.map(fn x -> x * x end) |> Enum.sum()
end

# NOTARGET:      hastec: error: --fallback=cpu needs --target=opencl
# NOTARGET-NEXT: exit=2

# BADVALUE: hastec: error: --fallback: gpu not in {none,cpu}
# BADVALUE: exit=2

# HELP: --fallback
