# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The caret line repeats the tabs of the source line.

defmodule M do
	def f(x), do: )
end

# CHECK:      {{^}}{{.*}}/err_tab_caret.hx:5:16: error: unexpected token ')'{{$}}
# CHECK-NEXT: {{^}}    	def f(x), do: ){{$}}
# CHECK-NEXT: {{^}}    	              ^{{$}}
# CHECK-NOT:  error
