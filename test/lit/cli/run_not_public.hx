# RUN: sh -c '%hastec run %s -e "Priv.hidden(1)"; echo "exit=$?"' 2>&1 | FileCheck %s
# RUN: sh -c '%hastec run %s -e "Priv.open(1, 2)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=ARITY
# RUN: %hastec run %s -e 'Priv.open(1)' | FileCheck %s --check-prefix=OK
# -e may call only a public function with that arity (exit 2 otherwise); a
# public function without @spec is typed from the literal arguments.

defmodule Priv do
  def open(x), do: hidden(x) * 2

  defp hidden(x), do: x + 1
end

# CHECK: hastec: error: Priv.hidden/1 is not a public function of {{.*}}run_not_public.hx
# CHECK: exit=2
# ARITY: hastec: error: Priv.open/2 is not a public function of {{.*}}run_not_public.hx
# ARITY: exit=2
# OK:    {{^}}4{{$}}
