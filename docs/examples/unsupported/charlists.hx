# CALL: Charlists.hi()
# EXPECT: 'hi'
# COMPILE-ERROR: charlists ('...') are not supported; use a string ("...")
defmodule Charlists do
  def hi(), do: 'hi'
end
