# RUN: %hastec --version | FileCheck %s
# RUN: sh -c '%hastec --version >/dev/null; echo "exit=$?"' | FileCheck %s --check-prefix=EXIT
# --version prints the name and a version number and exits 0.

defmodule Version do
end

# CHECK: {{^}}hastec {{[0-9]+\.[0-9]+\.[0-9]+}}{{$}}
# EXIT:  exit=0
