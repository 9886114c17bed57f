# RUN: sh -c '%hastec check %t.does-not-exist.hx; echo "exit=$?"' 2>&1 | FileCheck %s
# RUN: sh -c '%hastec build %t.does-not-exist.hx; echo "exit=$?"' 2>&1 | FileCheck %s
# RUN: sh -c '%hastec run %t.does-not-exist.hx -e "M.f(1)"; echo "exit=$?"' 2>&1 | FileCheck %s
# A missing input file is an error naming the file (exit 1).

defmodule Missing do
end

# CHECK: hastec: error: cannot open '{{.*}}does-not-exist.hx': No such file or directory
# CHECK: exit=1
