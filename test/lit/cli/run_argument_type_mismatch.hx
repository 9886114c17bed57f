# RUN: sh -c '%hastec run %s -e "ArgSpec.scale(1, 2)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=INT
# RUN: sh -c '%hastec run %s -e "ArgSpec.scale(1.0, 2.0)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=FLOAT
# RUN: sh -c '%hastec run %s -e "ArgSpec.total([1, 2.5])"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=LIST
# RUN: sh -c '%hastec run %s -e "ArgSpec.scale(x, 2)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=NONLIT
# RUN: %hastec run %s -e 'ArgSpec.scale(1.5, 2)' | FileCheck %s --check-prefix=OK
# Arguments of -e that do not match the @spec are usage errors (exit 2),
# An expression that is not literals compiles as a whole (HxRun.main/0), so
# its errors are compile errors (exit 1) at -e's line 3.

defmodule ArgSpec do
  @spec scale(float(), integer()) :: float()
  def scale(x, k), do: x * k

  @spec total([integer()]) :: integer()
  def total(xs), do: Enum.sum(xs)
end

# INT:    hastec: error: argument 1 of ArgSpec.scale: expected a float (the @spec says float()), got the integer 1; write 1.0
# INT:    exit=2
# FLOAT:  hastec: error: argument 2 of ArgSpec.scale is float but its @spec says integer
# FLOAT:  exit=2
# LIST:   hastec: error: argument 1 of ArgSpec.total: element 2 is float but the @spec says [integer]
# LIST:   exit=2
# NONLIT: -e:3:15: error: undefined variable x
# NONLIT: exit=1
# OK:     {{^}}3.0{{$}}
