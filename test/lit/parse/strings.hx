# RUN: %hastec check --emit=ast %s | FileCheck %s
# Strings with escapes; heredocs drop the closing indentation.

s = "tab\there \"quoted\" \\ \u00e9"
d = """
  first
    second
  """

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var s 4:1)
# CHECK-NEXT:   (string "tab\there \"quoted\" \\ é" 4:5))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var d 5:1)
# CHECK-NEXT:   (string "first\n  second\n" 5:5))
