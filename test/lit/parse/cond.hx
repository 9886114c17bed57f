# RUN: %hastec check --emit=ast %s | FileCheck %s
# cond clauses.

cond do
  x > 1 -> :big
  true -> :small
end

# CHECK:      (call cond 4:1
# CHECK-NEXT:   (kw 4:6
# CHECK-NEXT:     (pair do 4:6
# CHECK-NEXT:       (block 4:6
# CHECK-NEXT:         (clause 1 5:3
# CHECK-NEXT:           (binary > 5:5
# CHECK-NEXT:             (var x 5:3)
# CHECK-NEXT:             (int 1 5:7))
# CHECK-NEXT:           (block 5:9
# CHECK-NEXT:             (atom big 5:12)))
# CHECK-NEXT:         (clause 1 6:3
# CHECK-NEXT:           (atom true 6:3)
# CHECK-NEXT:           (block 6:8
# CHECK-NEXT:             (atom small 6:11)))))))
