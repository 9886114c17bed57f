# RUN: rm -rf %t && mkdir -p %t && printf 'name,x,y\nann,1,2.5\nbob,NA,-1.0\ncid,3,NA\n' > %t/d.csv
# RUN: cd %t && %hastec run %s -e 'Show.run("d.csv")' | FileCheck %s
# RUN: cd %t && FileCheck %s --check-prefix=CSV < %t/out.csv
# RUN: cd %t && not %hastec run %s -e 'Show.ok_used()' 2>&1 | FileCheck %s --check-prefix=ATOM
# IO.inspect of frames and series prints them as Explorer does (describe
# included) when the program runs; DF.to_csv! writes a cleaned frame.

defmodule Show do
  require Explorer.DataFrame, as: DF

  def run(path) do
    df = DF.from_csv!(path, nil_values: ["NA"])
    IO.inspect(DF.describe(df))
    clean = df |> DF.drop_nil() |> DF.mutate(z: x * 2)
    IO.inspect(clean["z"])
    DF.to_csv!(clean, "out.csv")
    DF.n_rows(clean)
  end

  def ok_used, do: elem({DF.to_csv!(DF.from_csv!("d.csv"), "x.csv"), 1}, 1)
end

# CHECK:      #Explorer.DataFrame<
# CHECK-NEXT:   Polars[9 x 4]
# CHECK-NEXT:   describe string ["count", "nil_count", "mean", "std", "min", ...]
# CHECK-NEXT:   name string ["3", "0", nil, nil, nil, ...]
# CHECK-NEXT:   x f64 [2.0, 1.0, 2.0, 1.4142135623730951, 1.0, ...]
# CHECK-NEXT:   y f64 [2.0, 1.0, 0.75, 2.4748737341529163, -1.0, ...]
# CHECK-NEXT: >
# CHECK-NEXT: #Explorer.Series<
# CHECK-NEXT:   Polars[1]
# CHECK-NEXT:   s64 [2]
# CHECK-NEXT: >
# CHECK-NEXT: 1

# CSV:      name,x,y,z
# CSV-NEXT: ann,1,2.5,2

# ATOM: error: atoms (:ok) are not supported here: :ok is what this call gives in Elixir; hastec has no run-time atoms
