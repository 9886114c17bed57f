# RUN: %hastec check --emit=ast %s | FileCheck %s
# Ranges with and without a step; `x -1` is a subtraction.

r = 1..n
r = 0..n - 1//2
r = a..b
x = n -1

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var r 4:1)
# CHECK-NEXT:   (binary .. 4:6
# CHECK-NEXT:     (int 1 4:5)
# CHECK-NEXT:     (var n 4:8)))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var r 5:1)
# CHECK-NEXT:   (binary // 5:13
# CHECK-NEXT:     (binary .. 5:6
# CHECK-NEXT:       (int 0 5:5)
# CHECK-NEXT:       (binary - 5:10
# CHECK-NEXT:         (var n 5:8)
# CHECK-NEXT:         (int 1 5:12)))
# CHECK-NEXT:     (int 2 5:15)))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var r 6:1)
# CHECK-NEXT:   (binary .. 6:6
# CHECK-NEXT:     (var a 6:5)
# CHECK-NEXT:     (var b 6:8)))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var x 7:1)
# CHECK-NEXT:   (binary - 7:7
# CHECK-NEXT:     (var n 7:5)
# CHECK-NEXT:     (int 1 7:8)))
