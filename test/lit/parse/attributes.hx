# RUN: %hastec check --emit=ast %s | FileCheck %s
# Module attributes: set, use, @spec, @doc, @moduledoc heredoc.

defmodule M do
  @moduledoc """
  Counts things.
    Indented line.
  """
  @doc "Adds one."
  @limit 1_000
  @spec f(integer(), [float()]) :: list(integer())
  def f(x, _ys), do: [x + @limit]
end

# CHECK:      (call defmodule 4:1
# CHECK-NEXT:   (alias M 4:11)
# CHECK-NEXT:   (kw 4:13
# CHECK-NEXT:     (pair do 4:13
# CHECK-NEXT:       (block 4:13
# CHECK-NEXT:         (unary @ 5:3
# CHECK-NEXT:           (call moduledoc 5:4
# CHECK-NEXT:             (string "Counts things.\n  Indented line.\n" 5:14)))
# CHECK-NEXT:         (unary @ 9:3
# CHECK-NEXT:           (call doc 9:4
# CHECK-NEXT:             (string "Adds one." 9:8)))
# CHECK-NEXT:         (unary @ 10:3
# CHECK-NEXT:           (call limit 10:4
# CHECK-NEXT:             (int 1_000 1000 10:10)))
# CHECK-NEXT:         (unary @ 11:3
# CHECK-NEXT:           (call spec 11:4
# CHECK-NEXT:             (binary :: 11:33
# CHECK-NEXT:               (call f() 11:9
# CHECK-NEXT:                 (call integer() 11:11)
# CHECK-NEXT:                 (list 11:22
# CHECK-NEXT:                   (call float() 11:23)))
# CHECK-NEXT:               (call list() 11:36
# CHECK-NEXT:                 (call integer() 11:41)))))
# CHECK-NEXT:         (call def 12:3
# CHECK-NEXT:           (call f() 12:7
# CHECK-NEXT:             (var x 12:9)
# CHECK-NEXT:             (var _ys 12:12))
# CHECK-NEXT:           (kw 12:18
# CHECK-NEXT:             (pair do 12:18
# CHECK-NEXT:               (list 12:22
# CHECK-NEXT:                 (binary + 12:25
# CHECK-NEXT:                   (var x 12:23)
# CHECK-NEXT:                   (unary @ 12:27
# CHECK-NEXT:                     (var limit 12:28)))))))))))
