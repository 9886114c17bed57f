# RUN: %hastec --help | FileCheck %s
# RUN: sh -c '%hastec --help >/dev/null; echo "exit=$?"' | FileCheck %s --check-prefix=EXIT
# RUN: %hastec build --help | FileCheck %s --check-prefix=BUILD
# --help lists the three subcommands and exits 0; `build --help` lists the
# build options.

defmodule Help do
end

# CHECK:     Usage: {{.*}}hastec [OPTIONS] SUBCOMMAND
# CHECK:     Subcommands:
# CHECK-DAG: build
# CHECK-DAG: check
# CHECK-DAG: run
# EXIT:      exit=0
# BUILD-DAG: --emit
# BUILD-DAG: -o
# BUILD-DAG: --dump-after
# BUILD-DAG: --stop-after
# BUILD-DAG: --cpu
