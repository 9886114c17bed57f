# CALL: FloatEx.run(-2.5)
# EXPECT: {-3.0, -2.0, -3.0, -3, -2}
defmodule FloatEx do
  def run(x), do: {Float.floor(x), Float.ceil(x), Float.round(x), round(x), trunc(x)}
end
