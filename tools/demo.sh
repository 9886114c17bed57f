#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build hastec,
# compile samples/logistic_map.hx and run it, printing the result and time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/install-deps.sh"
"$root/tools/build.sh" hastec hx-run hxrt
hastec="$root/build/bin/hastec"
sample="$root/samples/logistic_map.hx"
n=33554432
echo "== hastec build samples/logistic_map.hx"
out="$root/build/samples"
mkdir -p "$out"
start=$(date +%s%N)
"$hastec" build "$sample" -o "$out/liblogistic_map.so"
end=$(date +%s%N)
echo "built $out/liblogistic_map.so and $out/logistic_map.h in $(( (end - start) / 1000000 )) ms"
for call in "LogisticMap.map_list(3, 61)" "LogisticMap.sum($n)" "LogisticMap.map_sum($n, 6_700_417)"; do
  echo "== hastec run samples/logistic_map.hx -e '$call'"
  start=$(date +%s%N)
  "$hastec" run "$sample" -e "$call"
  end=$(date +%s%N)
  echo "($(( (end - start) / 1000000 )) ms, including compilation or the cache lookup)"
done
echo "expected: [28, 25, 37] and 112374114484872 twice"
