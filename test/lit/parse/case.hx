# RUN: %hastec check --emit=ast %s | FileCheck %s
# case: clause bodies hold several expressions; tuple patterns.

case x do
  {:ok, v} ->
    y = v + 1
    y
  n when n > 0 -> n
  _ -> nil
end

# CHECK:      (call case 4:1
# CHECK-NEXT:   (var x 4:6)
# CHECK-NEXT:   (kw 4:8
# CHECK-NEXT:     (pair do 4:8
# CHECK-NEXT:       (block 4:8
# CHECK-NEXT:         (clause 1 5:3
# CHECK-NEXT:           (tuple 5:3
# CHECK-NEXT:             (atom ok 5:4)
# CHECK-NEXT:             (var v 5:9))
# CHECK-NEXT:           (block 5:12
# CHECK-NEXT:             (binary = 6:7
# CHECK-NEXT:               (var y 6:5)
# CHECK-NEXT:               (binary + 6:11
# CHECK-NEXT:                 (var v 6:9)
# CHECK-NEXT:                 (int 1 6:13)))
# CHECK-NEXT:             (var y 7:5)))
# CHECK-NEXT:         (clause 1 when 8:3
# CHECK-NEXT:           (var n 8:3)
# CHECK-NEXT:           (binary > 8:12
# CHECK-NEXT:             (var n 8:10)
# CHECK-NEXT:             (int 0 8:14))
# CHECK-NEXT:           (block 8:16
# CHECK-NEXT:             (var n 8:19)))
# CHECK-NEXT:         (clause 1 9:3
# CHECK-NEXT:           (var _ 9:3)
# CHECK-NEXT:           (block 9:5
# CHECK-NEXT:             (atom nil 9:8)))))))
