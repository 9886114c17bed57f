# CALL: NoElse.f(1)
# EXPECT: 1
# COMPILE-ERROR: if without else gives nil when the condition fails; hastec needs an else branch
defmodule NoElse do
  def f(x) do
    if x > 0 do
      1
    end
  end
end
