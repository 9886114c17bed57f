# RUN: %hastec check --emit=ast %s | FileCheck %s
# Unary operators bind tighter than any binary one.

x = -a * b
x = !a && b
x = not a == b
x = ^y
x = - - a
x = 1 - -1

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var x 4:1)
# CHECK-NEXT:   (binary * 4:8
# CHECK-NEXT:     (unary - 4:5
# CHECK-NEXT:       (var a 4:6))
# CHECK-NEXT:     (var b 4:10)))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var x 5:1)
# CHECK-NEXT:   (binary && 5:8
# CHECK-NEXT:     (unary ! 5:5
# CHECK-NEXT:       (var a 5:6))
# CHECK-NEXT:     (var b 5:11)))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var x 6:1)
# CHECK-NEXT:   (binary == 6:11
# CHECK-NEXT:     (unary not 6:5
# CHECK-NEXT:       (var a 6:9))
# CHECK-NEXT:     (var b 6:14)))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var x 7:1)
# CHECK-NEXT:   (unary ^ 7:5
# CHECK-NEXT:     (var y 7:6)))
# CHECK-NEXT: (binary = 8:3
# CHECK-NEXT:   (var x 8:1)
# CHECK-NEXT:   (unary - 8:5
# CHECK-NEXT:     (unary - 8:7
# CHECK-NEXT:       (var a 8:9))))
# CHECK-NEXT: (binary = 9:3
# CHECK-NEXT:   (var x 9:1)
# CHECK-NEXT:   (binary - 9:7
# CHECK-NEXT:     (int 1 9:5)
# CHECK-NEXT:     (unary - 9:9
# CHECK-NEXT:       (int 1 9:10))))
