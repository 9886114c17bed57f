# CALL: Grades.grade([95, 81, 40, 70])
# EXPECT: [4, 3, 0, 2]
defmodule Grades do
  def grade(scores) do
    Enum.map(scores, fn s ->
      cond do
        s >= 90 -> 4
        s >= 80 -> 3
        s >= 70 -> 2
        true -> 0
      end
    end)
  end
end
