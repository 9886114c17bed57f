# CALL: CaseErr.name(7)
# RAISES: ** (CaseClauseError) no case clause matching: 7
defmodule CaseErr do
  def name(x) do
    case x do
      1 -> 10
      2 -> 20
    end
  end
end
