# RUN: sh -c '%hastec run %s -e "Several.one(1)" -e "nope(1)" --separator "~~"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=COMPILE
# RUN: sh -c '%hastec run %s -e "Several.one(1)" -e "Several.hidden(1)" --separator "~~"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=USAGE
# RUN: sh -c '%hastec run %s -e "Several.one(1)" -e "Several.one(2)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=NOSEP
# RUN: sh -c '%hastec run %s -e "Several.one(5)" --separator "--"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=ONE
# Several -e: a call that does not compile fails the whole run (exit 1)
# before any call runs, as does a usage error (exit 2); the separator is
# required with several calls; one -e with --separator prints the same form.

defmodule Several do
  @spec one(integer()) :: integer()
  def one(x), do: hidden(x) + 1

  defp hidden(x), do: x
end

# COMPILE-NOT: 2
# COMPILE: -e:3:1: error: undefined function nope/1 (there is no such function in HxRun)
# COMPILE-NOT: ~~
# COMPILE: exit=1

# USAGE-NOT: ~~
# USAGE: hastec: error: Several.hidden/1 is not a public function of {{.*}}run_several_calls_errors.hx
# USAGE-NEXT: exit=2

# NOSEP: hastec: error: several -e need --separator TEXT (the line printed after each result)
# NOSEP-NEXT: exit=2

# ONE: 6
# ONE-NEXT: --
# ONE-NEXT: exit=0
