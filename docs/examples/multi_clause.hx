# CALL: Clauses.fib(20)
# EXPECT: 6765
# CALL: Clauses.sign(-7)
# EXPECT: -1
defmodule Clauses do
  def fib(0), do: 0
  def fib(1), do: 1
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def sign(0), do: 0
  def sign(n) when n > 0, do: 1
  def sign(_), do: -1
end
