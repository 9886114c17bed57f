# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A heredoc without its closing delimiter.

defmodule M do
  @moduledoc """
  Text.
end

# CHECK:      {{^}}{{.*}}/err_unterminated_heredoc.hx:5:14: error: unterminated heredoc: missing '"""' for the heredoc that starts here{{$}}
# CHECK-NEXT: {{^}}      @moduledoc """{{$}}
# CHECK-NEXT: {{^}}                 ^{{$}}
# CHECK-NEXT: {{^}}{{.*}}/err_unterminated_heredoc.hx:8:1: error: unexpected end of file: missing 'end' for 'do' opened at 4:13{{$}}
# CHECK-NEXT: {{^}}    {{$}}
# CHECK-NEXT: {{^}}    ^{{$}}
# CHECK-NEXT: {{^}}2 errors{{$}}
# CHECK-NOT:  error
