/// \file CsvSchema.h
/// What `DF.from_csv!` needs at compile time: the columns of a CSV file,
/// their dtypes and the number of rows. hastec's tensors have static
/// shapes, so a data frame read from a file named in the program is typed
/// from the file as it is when the program is compiled (the compiled
/// program reads it again and checks it: runtime/frame_tensor.c).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace hx {

struct CsvSchema {
  enum Dtype { S64, F64, String };
  std::vector<std::string> names;
  std::vector<Dtype> dtypes;
  std::vector<bool> missing;  ///< the column has a missing value somewhere
  int64_t rows = 0;
};

/// Reads path (plain or gzip-compressed) with Explorer's rules: a header
/// row or column_1..column_N, fields split at delim (RFC 4180 quotes),
/// empty fields and nil_values missing; a column is s64 when every present
/// value is an integer, f64 when every one is a number, else string.
/// Returns false with a message (path:line: what) when it cannot.
bool read_csv_schema(const std::string& path, bool header, char delim, const std::vector<std::string>& nil_values,
                     CsvSchema& out, std::string& err);

}  // namespace hx
