# CALL: MathEx.run(2.0)
# EXPECT: {1.4142135623730951, 2.718281828459045, 0.6931471805599453, 3.0, 3.0, 1024.0, 0.0, 1.0, 0.0, 0.46211715726000974, 0.7853981633974483, 2.356194490192345, 3.141592653589793}
defmodule MathEx do
  def run(x) do
    {:math.sqrt(x), :math.exp(1.0), :math.log(x), :math.log2(8.0), :math.log10(1000),
     :math.pow(x, 10), :math.sin(0.0), :math.cos(0.0), :math.tan(0.0), :math.tanh(0.5),
     :math.atan(1.0), :math.atan2(1.0, -1.0), :math.pi()}
  end
end
