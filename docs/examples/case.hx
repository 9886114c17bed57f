# CALL: Cases.label([0, 1, 2, 7, -1])
# EXPECT: [100, 200, 20, 70, -1]
# CALL: Cases.swap_if({3, 1})
# EXPECT: {1, 3}
defmodule Cases do
  def label(xs) do
    Enum.map(xs, fn x ->
      case x do
        0 -> 100
        1 -> 200
        n when n < 0 -> -1
        _ -> x * 10
      end
    end)
  end

  def swap_if(pair) do
    case pair do
      {a, b} when a > b -> {b, a}
      p -> p
    end
  end
end
