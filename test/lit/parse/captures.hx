# RUN: %hastec check --emit=ast %s | FileCheck %s
# Captures: named functions and &N placeholders.

f = &step/1
g = &M.f/1
h = &(&1 * 2)
k = &rem(&1, 3)

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var f 4:1)
# CHECK-NEXT:   (unary & 4:5
# CHECK-NEXT:     (binary / 4:10
# CHECK-NEXT:       (var step 4:6)
# CHECK-NEXT:       (int 1 4:11))))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var g 5:1)
# CHECK-NEXT:   (unary & 5:5
# CHECK-NEXT:     (binary / 5:9
# CHECK-NEXT:       (call .f 5:8
# CHECK-NEXT:         (alias M 5:6))
# CHECK-NEXT:       (int 1 5:10))))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var h 6:1)
# CHECK-NEXT:   (unary & 6:5
# CHECK-NEXT:     (binary * 6:10
# CHECK-NEXT:       (capture-arg 1 6:7)
# CHECK-NEXT:       (int 2 6:12))))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var k 7:1)
# CHECK-NEXT:   (unary & 7:5
# CHECK-NEXT:     (call rem() 7:6
# CHECK-NEXT:       (capture-arg 1 7:10)
# CHECK-NEXT:       (int 3 7:14))))
