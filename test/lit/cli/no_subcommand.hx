# RUN: sh -c '%hastec; echo "exit=$?"' 2>&1 | FileCheck %s
# RUN: sh -c '%hastec frobnicate %s; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
# Without a subcommand (or with an unknown one) hastec says a subcommand is
# required and exits 2 (usage error).

defmodule NoSub do
end

# CHECK:   A subcommand is required
# CHECK:   exit=2
# UNKNOWN: exit=2
