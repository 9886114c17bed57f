# Regression test for a hastec bug (found 2026-11, issue v0): a module
# attribute with a negative literal, `@neg -7`, was rejected ("a module body
# may contain only def, defp, module attributes ...").
defmodule BugAttrNegative do
  @neg -7
  @negf -0.5
  def neg(), do: @neg
  def negf(), do: @negf
  def use(x), do: [div(x, @neg), rem(x, @neg)]
end
# CALL: BugAttrNegative.neg()
# CALL: BugAttrNegative.negf()
# CALL: BugAttrNegative.use(50)
