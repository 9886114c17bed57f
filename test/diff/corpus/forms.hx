# def/defp in both forms, multi-line bodies, parentheses-free zero-arity
# definitions, comments everywhere, odd spacing.
defmodule Forms do
  # zero-arity without parens
  def answer, do: 42
  def answer_block do
    40 + 2
  end

  def kw(x), do: x + 1

  def block(x) do
    # a comment inside
    a = x * 2 # trailing comment
    b =
      a +
        1
    a + b
  end

  def calls_private(x), do: hidden(x) + hidden_block(x)

  defp hidden(x), do: x * 10
  defp hidden_block(x) do
    x - 1
  end

  def multi_line_args(
        a,
        b,
        c
      ) do
    a * 100 + b * 10 + c
  end

  def paren_less_call(x), do: kw x

  def expression_body(x),
    do: x * x

  def uses_zero_arity(), do: answer() + answer_block()
end
# CALL: Forms.answer()
# CALL: Forms.answer_block()
# CALL: Forms.kw(1)
# CALL: Forms.block(5)
# CALL: Forms.calls_private(3)
# CALL: Forms.multi_line_args(1, 2, 3)
# CALL: Forms.paren_less_call(9)
# CALL: Forms.expression_body(12)
# CALL: Forms.uses_zero_arity()
