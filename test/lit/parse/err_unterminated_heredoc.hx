# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A heredoc without its closing delimiter.
# CHECK:      {{^}}{{.*}}/err_unterminated_heredoc.hx:9:14: error: unterminated heredoc: missing '"""' for the heredoc that starts here{{$}}
# CHECK-NEXT: {{^}}      @moduledoc """{{$}}
# CHECK-NEXT: {{^}}                 ^{{$}}
# CHECK-NOT:  error

defmodule M do
  @moduledoc """
  Text.
end
