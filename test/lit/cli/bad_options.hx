# RUN: sh -c '%hastec build %s --emit=bogus; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=EMIT
# RUN: sh -c '%hastec build %s -O7; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=OPT
# RUN: sh -c '%hastec check %s --emit=llvm; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=CHECKEMIT
# RUN: sh -c '%hastec run %s; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=NOEXPR
# Bad option values are usage errors (exit 2).

defmodule BadOpts do
  @spec f(integer()) :: integer()
  def f(x), do: x
end

# EMIT: --emit: bogus not in {ast,ir,llvm,asm,header,opencl}
# EMIT:      exit=2
# OPT:       -O: Value 7 not in range 0 to 3
# OPT:       exit=2
# CHECKEMIT: --emit: llvm not in {ast,ir}
# CHECKEMIT: exit=2
# NOEXPR:    -e is required
# NOEXPR:    exit=2
