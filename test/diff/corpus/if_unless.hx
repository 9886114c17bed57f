# if/else and unless/else, keyword and do-block forms, nested, as values.
defmodule IfUnless do
  def sign(x) do
    if x > 0 do
      1
    else
      if x < 0 do
        -1
      else
        0
      end
    end
  end

  def sign_kw(x), do: if(x > 0, do: 1, else: if(x < 0, do: -1, else: 0))

  def clamp(x, lo, hi) do
    y = if x < lo, do: lo, else: x
    if y > hi, do: hi, else: y
  end

  def unless_kw(x), do: unless(x > 10, do: x * 2, else: x)

  def unless_block(x) do
    unless rem(x, 2) == 0 do
      3 * x + 1
    else
      div(x, 2)
    end
  end

  def as_arg(x), do: 10 + if(x, do: 1, else: 2)

  def float_branch(x) do
    if x >= 0.0 do
      x / 2
    else
      -x * 2
    end
  end

  def bool_result(x), do: if(x > 3, do: true, else: false)

  def lazy(x) do
    # Only the taken branch runs: the other would raise.
    if x == 0, do: 0, else: div(100, x)
  end
end
# CALL: IfUnless.sign(5)
# CALL: IfUnless.sign(-5)
# CALL: IfUnless.sign(0)
# CALL: IfUnless.sign_kw(42)
# CALL: IfUnless.sign_kw(-42)
# CALL: IfUnless.sign_kw(0)
# CALL: IfUnless.clamp(5, 0, 10)
# CALL: IfUnless.clamp(-5, 0, 10)
# CALL: IfUnless.clamp(15, 0, 10)
# CALL: IfUnless.unless_kw(4)
# CALL: IfUnless.unless_kw(40)
# CALL: IfUnless.unless_block(7)
# CALL: IfUnless.unless_block(8)
# CALL: IfUnless.as_arg(true)
# CALL: IfUnless.as_arg(false)
# CALL: IfUnless.float_branch(3.0)
# CALL: IfUnless.float_branch(-1.5)
# CALL: IfUnless.bool_result(4)
# CALL: IfUnless.bool_result(3)
# CALL: IfUnless.lazy(0)
# CALL: IfUnless.lazy(7)
