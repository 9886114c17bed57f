# RUN: %hastec check --emit=ast %s | FileCheck %s
# Keyword lists and keyword arguments.

opts = [axes: [1], keep: true]
t = Nx.sum(t, axes: [1])
x = [1, a: 2]

# CHECK:      (binary = 4:6
# CHECK-NEXT:   (var opts 4:1)
# CHECK-NEXT:   (list 4:8
# CHECK-NEXT:     (kw 4:9
# CHECK-NEXT:       (pair axes 4:9
# CHECK-NEXT:         (list 4:15
# CHECK-NEXT:           (int 1 4:16)))
# CHECK-NEXT:       (pair keep 4:20
# CHECK-NEXT:         (atom true 4:26)))))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var t 5:1)
# CHECK-NEXT:   (call .sum() 5:8
# CHECK-NEXT:     (alias Nx 5:5)
# CHECK-NEXT:     (var t 5:12)
# CHECK-NEXT:     (kw 5:15
# CHECK-NEXT:       (pair axes 5:15
# CHECK-NEXT:         (list 5:21
# CHECK-NEXT:           (int 1 5:22))))))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var x 6:1)
# CHECK-NEXT:   (list 6:5
# CHECK-NEXT:     (int 1 6:6)
# CHECK-NEXT:     (kw 6:9
# CHECK-NEXT:       (pair a 6:9
# CHECK-NEXT:         (int 2 6:12)))))
