# RUN: %hastec check --emit=ast %s | FileCheck %s
# Access with brackets is Access.get.

x = m[k]
y = t[0][1]

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var x 4:1)
# CHECK-NEXT:   (call .get() 4:6
# CHECK-NEXT:     (alias Access 4:6)
# CHECK-NEXT:     (var m 4:5)
# CHECK-NEXT:     (var k 4:7)))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var y 5:1)
# CHECK-NEXT:   (call .get() 5:9
# CHECK-NEXT:     (alias Access 5:9)
# CHECK-NEXT:     (call .get() 5:6
# CHECK-NEXT:       (alias Access 5:6)
# CHECK-NEXT:       (var t 5:5)
# CHECK-NEXT:       (int 0 5:7))
# CHECK-NEXT:     (int 1 5:10)))
