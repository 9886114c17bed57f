# Layout and syntax variants: semicolons, parenthesised bodies, comments
# inside pipelines, trailing commas, multi-line fn and keyword if, odd
# spacing, float literal spellings, one-line do-blocks.
defmodule Syntax do
  def semi(x) do
    a = x + 1; b = a * 2
    b - 1
  end
  def parens(x), do: (x + 1)
  def pipe_comments(n) do
    1..n
    # square them
    |> Enum.map(fn x -> x * x end)
    # keep odd ones
    |> Enum.filter(fn x -> rem(x, 2) == 1 end)
    |> Enum.sum()
  end
  def trailing_comma_list(), do: [
    1,
    2,
    3,
  ]
  def fn_multiline(xs) do
    Enum.map(xs,
      fn x ->
        x + 1
      end)
  end
  def kw_if_multiline(x) do
    if x > 0,
      do: 1,
      else: 2
  end
  def spaces( a , b ), do: a+b
  def unary_not_space(b), do: !b
  def big_lit(), do: 1_000_000_000_000
  def float_lits(), do: [1.0e3, 1.5e-3, 2.0E2, 0.000_1, 1_000.5]
  def neg_lit_call(), do: abs(-3)
  def if_do_line(x) do
    if x > 0 do 1 else 2 end
  end
  def nested_parens(x), do: ((((x))))
  def zero_arity_calls(), do: nested_parens(big_lit()) + Syntax.big_lit
end
# CALL: Syntax.semi(3)
# CALL: Syntax.parens(3)
# CALL: Syntax.pipe_comments(10)
# CALL: Syntax.trailing_comma_list()
# CALL: Syntax.fn_multiline([1])
# CALL: Syntax.kw_if_multiline(0)
# CALL: Syntax.spaces(1, 2)
# CALL: Syntax.unary_not_space(true)
# CALL: Syntax.big_lit()
# CALL: Syntax.float_lits()
# CALL: Syntax.neg_lit_call()
# CALL: Syntax.if_do_line(1)
# CALL: Syntax.if_do_line(-1)
# CALL: Syntax.nested_parens(1)
# CALL: Syntax.zero_arity_calls()
