# RUN: %hastec check --emit=ast %s | FileCheck %s
# Atoms and the boolean/nil literals.

x = :asc
x = :ok?
x = :"with space"
x = true
x = false
x = nil

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var x 4:1)
# CHECK-NEXT:   (atom asc 4:5))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var x 5:1)
# CHECK-NEXT:   (atom ok? 5:5))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var x 6:1)
# CHECK-NEXT:   (atom "with space" 6:5))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var x 7:1)
# CHECK-NEXT:   (atom true 7:5))
# CHECK-NEXT: (binary = 8:3
# CHECK-NEXT:   (var x 8:1)
# CHECK-NEXT:   (atom false 8:5))
# CHECK-NEXT: (binary = 9:3
# CHECK-NEXT:   (var x 9:1)
# CHECK-NEXT:   (atom nil 9:5))
