# RUN: %hastec check --emit=ast %s | FileCheck %s
# Maps, map update and structs.

m = %{a: 1, b: [1, 2]}
m = %{"k" => 1}
m = %{m | a: 2}
p = %Point{x: 1}

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var m 4:1)
# CHECK-NEXT:   (map 4:5
# CHECK-NEXT:     (pair a 4:7
# CHECK-NEXT:       (int 1 4:10))
# CHECK-NEXT:     (pair b 4:13
# CHECK-NEXT:       (list 4:16
# CHECK-NEXT:         (int 1 4:17)
# CHECK-NEXT:         (int 2 4:20)))))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var m 5:1)
# CHECK-NEXT:   (map 5:5
# CHECK-NEXT:     (binary => 5:11
# CHECK-NEXT:       (string "k" 5:7)
# CHECK-NEXT:       (int 1 5:14))))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var m 6:1)
# CHECK-NEXT:   (map | 6:5
# CHECK-NEXT:     (var m 6:7)
# CHECK-NEXT:     (pair a 6:11
# CHECK-NEXT:       (int 2 6:14))))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var p 7:1)
# CHECK-NEXT:   (map %Point 7:5
# CHECK-NEXT:     (pair x 7:12
# CHECK-NEXT:       (int 1 7:15))))
