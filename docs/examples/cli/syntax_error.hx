# COMPILE-ERROR: missing ')' for '(' opened at 4:9
defmodule Syn do
  def f(x) do
    x + (1
  end
end
