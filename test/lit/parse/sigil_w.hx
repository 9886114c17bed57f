# RUN: %hastec check --emit=ast %s | FileCheck %s
# The word-list sigil: whitespace-separated words, strings by default,
# atoms with the a modifier, any of Elixir's delimiters.

a = ~w(bill_depth_mm  bill_length_mm
       body_mass_g)
b = ~w[x y]a
c = ~w||

# CHECK:      (binary = 5:3
# CHECK-NEXT:   (var a 5:1)
# CHECK-NEXT:   (list 5:5
# CHECK-NEXT:     (string "bill_depth_mm" 5:8)
# CHECK-NEXT:     (string "bill_length_mm" 5:23)
# CHECK-NEXT:     (string "body_mass_g" 6:8)))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var b 7:1)
# CHECK-NEXT:   (list 7:5
# CHECK-NEXT:     (atom x 7:8)
# CHECK-NEXT:     (atom y 7:10)))
# CHECK-NEXT: (binary = 8:3
# CHECK-NEXT:   (var c 8:1)
# CHECK-NEXT:   (list 8:5))
