# CALL: By.run([{1, 3.5}, {2, -1.0}, {3, 2.0}])
# EXPECT: {{2, -1.0}, {1, 3.5}}
defmodule By do
  def run(ps), do: {Enum.min_by(ps, fn {_, v} -> v end), Enum.max_by(ps, &elem(&1, 1))}
end
