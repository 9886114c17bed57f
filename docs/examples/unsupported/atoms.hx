# CALL: Atoms.sign(1)
# EXPECT: :pos
# COMPILE-ERROR: the branches of if have different types: :pos and :neg (an atom is known at compile time in hastec: one variable or result cannot hold different atoms, which needs run-time atoms)
defmodule Atoms do
  def sign(x), do: if(x > 0, do: :pos, else: :neg)
end
