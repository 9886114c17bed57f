# CALL: KernelEx.run(-7, 2.5, [1, 2, 3])
# EXPECT: {-3, -1, 7, 2.5, -7, 2.5, 2, 3, 3, 2.5, 3, true, false, true, true}
defmodule KernelEx do
  def run(i, f, xs) do
    {div(i, 2), rem(i, 2), abs(i), abs(-f), min(i, 3), max(f, 1.0), trunc(f), round(f),
     length(xs), elem({i, f}, 1), tuple_size({i, f, xs}),
     is_integer(i), is_float(i), is_number(f), is_boolean(i > 0)}
  end
end
