# RUN: %hastec check --emit=ast %s | FileCheck %s
# Anonymous functions: one or two arguments, several clauses, guards.

f = fn x -> x * 2 end
g = fn x, acc -> x + acc end
h = fn
  0 -> :zero
  n when n < 0 -> :neg
  _ -> :pos
end
k = fn -> 1 end

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var f 4:1)
# CHECK-NEXT:   (fn 4:5
# CHECK-NEXT:     (clause 1 4:8
# CHECK-NEXT:       (var x 4:8)
# CHECK-NEXT:       (block 4:10
# CHECK-NEXT:         (binary * 4:15
# CHECK-NEXT:           (var x 4:13)
# CHECK-NEXT:           (int 2 4:17))))))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var g 5:1)
# CHECK-NEXT:   (fn 5:5
# CHECK-NEXT:     (clause 2 5:8
# CHECK-NEXT:       (var x 5:8)
# CHECK-NEXT:       (var acc 5:11)
# CHECK-NEXT:       (block 5:15
# CHECK-NEXT:         (binary + 5:20
# CHECK-NEXT:           (var x 5:18)
# CHECK-NEXT:           (var acc 5:22))))))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var h 6:1)
# CHECK-NEXT:   (fn 6:5
# CHECK-NEXT:     (clause 1 7:3
# CHECK-NEXT:       (int 0 7:3)
# CHECK-NEXT:       (block 7:5
# CHECK-NEXT:         (atom zero 7:8)))
# CHECK-NEXT:     (clause 1 when 8:3
# CHECK-NEXT:       (var n 8:3)
# CHECK-NEXT:       (binary < 8:12
# CHECK-NEXT:         (var n 8:10)
# CHECK-NEXT:         (int 0 8:14))
# CHECK-NEXT:       (block 8:16
# CHECK-NEXT:         (atom neg 8:19)))
# CHECK-NEXT:     (clause 1 9:3
# CHECK-NEXT:       (var _ 9:3)
# CHECK-NEXT:       (block 9:5
# CHECK-NEXT:         (atom pos 9:8)))))
# CHECK-NEXT: (binary = 11:3
# CHECK-NEXT:   (var k 11:1)
# CHECK-NEXT:   (fn 11:5
# CHECK-NEXT:     (clause 0 11:8
# CHECK-NEXT:       (block 11:8
# CHECK-NEXT:         (int 1 11:11)))))
