# RUN: %hastec check --emit=ast %s | FileCheck %s
# List and tuple literals.

x = [1, 2, 3]
x = []
x = [h | t]
x = {a, b}
x = {}
x = [
  1,
  2,
]

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var x 4:1)
# CHECK-NEXT:   (list 4:5
# CHECK-NEXT:     (int 1 4:6)
# CHECK-NEXT:     (int 2 4:9)
# CHECK-NEXT:     (int 3 4:12)))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var x 5:1)
# CHECK-NEXT:   (list 5:5))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var x 6:1)
# CHECK-NEXT:   (list 6:5
# CHECK-NEXT:     (binary | 6:8
# CHECK-NEXT:       (var h 6:6)
# CHECK-NEXT:       (var t 6:10))))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var x 7:1)
# CHECK-NEXT:   (tuple 7:5
# CHECK-NEXT:     (var a 7:6)
# CHECK-NEXT:     (var b 7:9)))
# CHECK-NEXT: (binary = 8:3
# CHECK-NEXT:   (var x 8:1)
# CHECK-NEXT:   (tuple 8:5))
# CHECK-NEXT: (binary = 9:3
# CHECK-NEXT:   (var x 9:1)
# CHECK-NEXT:   (list 9:5
# CHECK-NEXT:     (int 1 10:3)
# CHECK-NEXT:     (int 2 11:3)))
