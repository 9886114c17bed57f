# The Elixir side of the differential fuzzer: a long-lived process that
# compiles .hx files (valid Elixir) and evaluates calls, so the VM starts
# once per run instead of once per program.
#
# Protocol (stdin, one request per line):   PATH<TAB>CALL<TAB>CALL...
# Reply (stdout):  "B\n", then one line per call, then "E\n":
#   =TEXT   the call returned; TEXT is inspect(v, limit: :infinity, width: :infinity),
#           exactly what IO.inspect(v, limit: :infinity, width: :infinity) prints
#   !TEXT   the call raised: "** (Kind) message" (message on one line)
#   T       the call ran past the time limit (HXFUZZ_CALL_TIMEOUT_MS, default 10000)
# or, when the file does not compile, the single line "XMESSAGE" instead of the calls.
#
# Flow is not installed with Elixir; hastec gives Flow's results in Enum
# order (one of the orders real Flow may give), so this stand-in is Enum.
unless Code.ensure_loaded?(Flow) do
  defmodule Flow do
    def from_enumerable(e, _opts \\ []), do: Enum.to_list(e)
    def map(f, fun), do: Enum.map(f, fun)
    def filter(f, fun), do: Enum.filter(f, fun)
    def reject(f, fun), do: Enum.reject(f, fun)
  end
end

defmodule HxFuzzServer do
  @timeout String.to_integer(System.get_env("HXFUZZ_CALL_TIMEOUT_MS") || "10000")

  def main do
    case IO.binread(:stdio, :line) do
      :eof ->
        :ok

      {:error, _} ->
        :ok

      line ->
        [path | calls] = line |> String.trim_trailing("\n") |> String.split("\t")
        IO.binwrite(:stdio, IO.iodata_to_binary(handle(path, calls)))
        main()
    end
  end

  defp oneline(s), do: s |> String.replace("\r", " ") |> String.replace("\n", " ")

  defp handle(path, calls) do
    case compile(path) do
      {:ok, mods} ->
        res = Enum.map(calls, &call/1)

        for m <- mods do
          :code.delete(m)
          :code.purge(m)
        end

        ["B\n", Enum.map(res, &[&1, "\n"]), "E\n"]

      {:error, msg} ->
        ["B\n", "X", oneline(msg), "\n", "E\n"]
    end
  end

  defp compile(path) do
    try do
      {:ok, Enum.map(Code.compile_file(path), &elem(&1, 0))}
    rescue
      e -> {:error, inspect(e.__struct__) <> ": " <> Exception.message(e)}
    catch
      k, v -> {:error, inspect(k) <> ": " <> inspect(v)}
    end
  end

  defp call(c) do
    task =
      Task.async(fn ->
        try do
          {v, _} = Code.eval_string(c)
          "=" <> inspect(v, limit: :infinity, width: :infinity)
        rescue
          e -> "!** (" <> inspect(e.__struct__) <> ") " <> oneline(Exception.message(e))
        catch
          k, v -> "!** (" <> inspect(k) <> ") " <> oneline(inspect(v))
        end
      end)

    case Task.yield(task, @timeout) || Task.shutdown(task, :brutal_kill) do
      {:ok, r} -> r
      _ -> "T"
    end
  end
end

Code.compiler_options(ignore_module_conflict: true)
HxFuzzServer.main()
