# RUN: %hastec check --emit=ast %s | FileCheck %s
# Several modules per file; dotted names.

defmodule A.B do
  def f, do: 1
end

defmodule C do
end

# CHECK:      (call defmodule 4:1
# CHECK-NEXT:   (alias A.B 4:11)
# CHECK-NEXT:   (kw 4:15
# CHECK-NEXT:     (pair do 4:15
# CHECK-NEXT:       (block 4:15
# CHECK-NEXT:         (call def 5:3
# CHECK-NEXT:           (var f 5:7)
# CHECK-NEXT:           (kw 5:10
# CHECK-NEXT:             (pair do 5:10
# CHECK-NEXT:               (int 1 5:14))))))))
# CHECK-NEXT: (call defmodule 8:1
# CHECK-NEXT:   (alias C 8:11)
# CHECK-NEXT:   (kw 8:13
# CHECK-NEXT:     (pair do 8:13
# CHECK-NEXT:       (block 8:13))))
