# RUN: %hastec run %s -e 'Chars.pair(104)' | FileCheck %s --check-prefix=HI
# RUN: %hastec run %s -e 'Chars.pair(7)' | FileCheck %s --check-prefix=ESC
# RUN: %hastec run %s -e 'Chars.pair(31)' | FileCheck %s --check-prefix=PLAIN
# RUN: %hastec run %s -e 'Chars.ends()' | FileCheck %s --check-prefix=ENDS
# RUN: %hastec run %s -e 'Chars.wrapped(104)' | FileCheck %s --check-prefix=TUPLE
# Integer lists whose elements are all printable print as charlists, as in
# Elixir 1.14's IO.inspect: [104, 105] is 'hi'; 7 and 8 are '\a\b'; 31 is
# not printable, so [31, 32] stays a list.

defmodule Chars do
  @spec pair(integer()) :: [integer()]
  def pair(c), do: [c, c + 1]

  @spec ends() :: [integer()]
  def ends(), do: [32, 126]

  @spec wrapped(integer()) :: {integer(), [integer()]}
  def wrapped(c), do: {1, [c, c + 1]}
end

# HI:    {{^}}'hi'{{$}}
# ESC:   {{^}}'\a\b'{{$}}
# PLAIN: {{^}}[31, 32]{{$}}
# ENDS:  {{^}}' ~'{{$}}
# TUPLE: {{^}}{1, 'hi'}{{$}}
