# RUN: %hastec check --emit=ast %s | FileCheck %s
# import, require with options, alias.

defmodule M do
  import Bitwise
  require Explorer.DataFrame, as: DF
  alias A.B
end

# CHECK:      (call defmodule 4:1
# CHECK-NEXT:   (alias M 4:11)
# CHECK-NEXT:   (kw 4:13
# CHECK-NEXT:     (pair do 4:13
# CHECK-NEXT:       (block 4:13
# CHECK-NEXT:         (call import 5:3
# CHECK-NEXT:           (alias Bitwise 5:10))
# CHECK-NEXT:         (call require 6:3
# CHECK-NEXT:           (alias Explorer.DataFrame 6:11)
# CHECK-NEXT:           (kw 6:31
# CHECK-NEXT:             (pair as 6:31
# CHECK-NEXT:               (alias DF 6:35))))
# CHECK-NEXT:         (call alias 7:3
# CHECK-NEXT:           (alias A.B 7:9))))))
