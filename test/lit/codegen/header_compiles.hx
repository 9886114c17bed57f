# RUN: rm -rf %t && mkdir -p %t
# RUN: %hastec build %s -o %t/libheader_compiles.so
# RUN: echo '#include "header_compiles.h"' > %t/use.c
# RUN: echo 'int main(void) { return 0; }' >> %t/use.c
# RUN: cc -std=c99 -Wall -Werror -fsyntax-only -I%rtinclude -I%t %t/use.c
# The header written by build is valid C on its own (with hxrt.h).

defmodule HeaderCompiles do
  @spec f([float()], boolean()) :: [float()]
  def f(xs, b), do: if(b, do: xs, else: Enum.map(xs, &(&1 * 2.0)))

  @spec g(integer()) :: boolean()
  def g(x), do: x > 0

  @spec h({integer(), float()}, integer()) :: {integer(), float()}
  def h(t, int), do: {elem(t, 0) + int, elem(t, 1)}
end
