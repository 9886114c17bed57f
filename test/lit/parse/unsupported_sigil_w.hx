# RUN: not %hastec check %s 2>&1 | FileCheck %s
# CHECK: unsupported_sigil_w.hx:7:6: error: the ~w modifier 'c' is not supported (s and a are)
# CHECK: unsupported_sigil_w.hx:8:6: error: escapes and #{...} inside ~w are not supported; write a list of strings
# CHECK-NOT: error:

defmodule M do
  @a ~w(x y)c
  @b ~w(x#{1} y)
end
