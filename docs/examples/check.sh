#!/usr/bin/env bash
# Re-checks every example of docs/language.md and docs/cli.md against real
# Elixir and against hastec. Prints one line per failure and, last,
# `N passed, M failed`; exit status 1 when anything failed.
#
#   docs/examples/check.sh [FILE.hx ...]      (default: every example)
#
# hastec is $HASTEC, else build/bin/hastec, else build-docs/bin/hastec, else
# the one on PATH; elixir is $ELIXIR (default: elixir).
#
# Directives, as comment lines anywhere in an example (each CALL starts a case;
# the lines after it, up to the next CALL, belong to it):
#   # CALL: Mod.fun(args)          the call to check
#   # EXPECT: text                 what both sides print (IO.inspect with
#                                  limit: :infinity, width: :infinity)
#   # EXPECT-ELIXIR: text          what Elixir prints, where it differs
#   # EXPECT-HASTEC: text          what hastec prints, where it differs
#   # RAISES: ** (Kind) message    both sides raise: Elixir's exception (its
#                                  Exception.message) and hastec's first stderr
#                                  line (exit code 3)
#   # RAISES-ELIXIR: / RAISES-HASTEC: ...   only that side raises (a
#                                  documented difference)
#   # HASTEC-AT: FILE:LINE: Mod.f/N  the second stderr line of hastec's error
#   # FLAGS: --check-overflow      extra hastec flags (for the whole file)
#   # HXRUN: SYMBOL RET [TYPE VALUE]...   call the entry point through hx-run
#                                  (hastec build + hx-run) instead of
#                                  `hastec run -e`: for Hx.i32()/Hx.f32()
#                                  arguments, which -e cannot give
#   # ELIXIR-REQUIRE: FILE.exs     load FILE (relative to this folder) first
#   # COMPILE-ERROR: text          hastec rejects the file (exit 1) with this
#                                  message (FILE:LINE:COL: error: text); with a CALL, checked
#                                  through `hastec run -e CALL`, else `hastec check`
#
# The cases run batched: ONE Elixir VM first evaluates the calls of all
# files (a script that compiles each file, evaluates each of its calls as
# -e would, in a try, after a marker line, then unloads the file's modules),
# and hastec runs all `-e` calls of a file in one `hastec run FILE -e C1
# -e C2 ... --separator S` (docs/cli.md). A case whose batched results pass is counted as passed;
# any other case runs again on its own, one `elixir` and one `hastec run`
# process each, exactly as with BATCH=0, and that run decides and prints.
# So is a case whose batched hastec run raised while the batch wrote to
# stderr (a single run reports stderr's first line), and every case of a
# file whose batch failed as a whole (a compile error, a crash, output that
# does not parse; for Elixir: a file that does not compile, or a VM that
# did not reach the end). BATCH=0: every case on its own.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
HASTEC=${HASTEC:-}
if [ -z "$HASTEC" ]; then
  for c in "$root/build/bin/hastec" "$root/build-docs/bin/hastec"; do
    if [ -x "$c" ]; then HASTEC=$c; break; fi
  done
fi
HASTEC=${HASTEC:-$(command -v hastec || true)}
ELIXIR=${ELIXIR:-elixir}
if [ -z "$HASTEC" ] || [ ! -x "$HASTEC" ]; then
  echo "check.sh: no hastec found (set HASTEC=path/to/hastec)" >&2
  exit 2
fi
HXRUN="$(dirname "$HASTEC")/hx-run"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HX_CACHE_DIR="$work/cache"

pass=0
fail=0
silent=0  # 1: checking batched results; a failure is not printed (the case runs again alone)
BATCH=${BATCH:-1}
MARK='<<hxdoc:mark:3c7a>>'
RAISED='<<hxdoc:raised:3c7a>>'
END='<<hxdoc:end:3c7a>>'
FILEMARK='<<hxdoc:file:3c7a>>'
SEP='<<hxdoc:sep:3c7a>>'
bad() {
  [ "$silent" -eq 1 ] && return 0
  printf 'FAIL %s: %s\n' "$1" "$2"
  if [ $# -ge 4 ]; then
    printf '  expected: %s\n  got:      %s\n' "$3" "$4"
  fi
}

# first `** (` line of a file (Elixir prints warnings before it)
first_raise() { grep -m1 '^\*\* (' "$1" || true; }

# An Elixir string literal for $1.
ex_string() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//#/\\#}
  printf '"%s"' "$s"
}

# The script for elixir_batch: file FI's calls (from parse_file), evaluated
# as `elixir -r REQ -r FILE -e 'IO.inspect((CALL), ...)'` would.
elixir_batch_file() {
  local fi=$1 f=$2 req=$3 c
  shift 3
  printf 'IO.puts(%s)\n' "$(ex_string "$FILEMARK$fi")"
  printf 'hxdoc_mods = try do\n'
  [ -n "$req" ] && printf '  Code.compile_file(%s) ++\n' "$(ex_string "$here/$req")"
  printf '  Code.compile_file(%s)\nrescue\n  _ -> nil\ncatch\n  _, _ -> nil\nend\n' "$(ex_string "$f")"
  printf 'if hxdoc_mods do\n'
  for c in "$@"; do
    printf '  IO.puts(%s)\n  try do\n    Code.eval_string(%s)\n' "$(ex_string "$MARK")" \
      "$(ex_string "IO.inspect(($c), limit: :infinity, width: :infinity)")"
    printf '  rescue\n    e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e)); IO.puts(%s)\n' \
      "$(ex_string "$RAISED")"
    printf '  catch\n    _, _ -> IO.puts(%s)\n  end\n' "$(ex_string "$RAISED")"
  done
  printf '  for {m, _} <- hxdoc_mods do\n    :code.delete(m)\n    :code.purge(m)\n  end\n'
  printf 'end\n'
}

# elixir_batch FILE...: one VM for the calls of all FILEs (for a
# COMPILE-ERROR file, its first call when it has an EXPECT); case K of
# file FI (its position) leaves its stdout in $work/eb.FI.K.out and its exit
# status as a single run would give it (0, or 1 when the call raised) in
# $work/eb.FI.K.rc. Nothing for a file that does not compile, nor for any
# file when the VM did not reach the end.
elixir_batch() {
  local fi=0 f
  local flags req cerr calls ex hx rs rsh ats hxr i=-1
  rm -f "$work"/eb.*
  {
    for f in "$@"; do
      parse_file "$f"
      if [ -n "$cerr" ]; then
        [ $i -ge 0 ] && [ -n "${ex[0]}" ] && elixir_batch_file "$fi" "$f" "" "${calls[0]}"
      elif [ $i -ge 0 ]; then
        elixir_batch_file "$fi" "$f" "$req" "${calls[@]}"
      fi
      fi=$((fi + 1))
    done
    printf 'IO.puts(%s)\n' "$(ex_string "$END")"
  } >"$work/eb.exs"
  "$ELIXIR" "$work/eb.exs" </dev/null >"$work/eb.all" 2>/dev/null
  awk -v filemark="$FILEMARK" -v mark="$MARK" -v raised="$RAISED" -v end="$END" -v dir="$work/eb" '
    function fin() { if (f != "") { close(f ".out"); print rc > (f ".rc"); close(f ".rc") } f = "" }
    $0 == end { fin(); done = 1; exit }
    index($0, filemark) == 1 { fin(); fi = substr($0, length(filemark) + 1); n = 0; next }
    $0 == mark { fin(); rc = 0; f = dir "." fi "." n; n++; printf "" > (f ".out"); next }
    f != "" { if ($0 == raised) rc = 1; else print > (f ".out") }
    END { if (!done) system("rm -f \"" dir "\".*") }' "$work/eb.all"
}

# hastec_batch FILE FLAGS CALL...: `hastec run FILE -e CALL... --separator S`;
# case K's stdout, stderr and exit status as a single run would give them go
# to $work/hb.K.{out,err,rc}; rc "x" when the case must run alone. Fails
# when the batch as a whole did.
hastec_batch() {
  local f=$1 flags=$2 c rc
  shift 2
  rm -f "$work"/hb.*
  local eargs=()
  for c in "$@"; do eargs+=(-e "$c"); done
  # shellcheck disable=SC2086
  "$HASTEC" run $flags "$f" --separator "$SEP" "${eargs[@]}" >"$work/hb.all" 2>"$work/hb.stderr"
  rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || return 1
  awk -v sep="$SEP" -v dir="$work/hb" -v noisy="$([ -s "$work/hb.stderr" ] && echo 1 || echo 0)" '
    BEGIN { n = 0; f = dir ".0.out"; printf "" > f; ef = ""; tail = 0 }
    $0 == sep {
      close(f); if (ef != "") close(ef)
      print (raised ? (noisy ? "x" : 3) : 0) > (dir "." n ".rc"); close(dir "." n ".rc")
      n++; raised = 0; ef = ""; tail = 0; f = dir "." n ".out"; printf "" > f; next
    }
    $0 == sep " raised" { raised = 1; tail = 1; if (ef != "") close(ef); ef = dir "." n ".err"; printf "" > ef; next }
    { tail = 1; if (raised) print > ef; else print > f }
    END { print (tail ? -1 : n) > (dir ".count") }' "$work/hb.all"
  [ "$(cat "$work/hb.count")" = "$#" ]
}

check_case() {
  local f=$1 call=$2 exp_ex=$3 exp_hx=$4 raises=$5 want_raise=$6 at=$7 flags=$8 hxrun=$9 req=${10}
  local eb=${11:-} hb=${12:-}
  local name="${f#"$here"/} $call" ok=1 out rc
  # --- Elixir ---
  local reqargs=()
  [ -n "$req" ] && reqargs=(-r "$here/$req")
  if [ -n "$eb" ]; then
    # the batched run's output for this call
    cp "$work/eb.$eb.out" "$work/ex.out"
    : >"$work/ex.err"
  elif [ -n "$raises" ]; then
    # The exception's own message, as the project's differential tests take
    # it: Elixir's top-level printer may add detail (`: div(1, 0)`, the
    # arguments of a FunctionClauseError) that is not part of the message.
    "$ELIXIR" "${reqargs[@]}" -r "$f" -e "try do
        IO.inspect(($call), limit: :infinity, width: :infinity)
      rescue
        e -> IO.puts(\"** (\" <> inspect(e.__struct__) <> \") \" <> Exception.message(e)); System.halt(1)
      end" </dev/null >"$work/ex.out" 2>"$work/ex.err"
  else
    "$ELIXIR" "${reqargs[@]}" -r "$f" -e "IO.inspect(($call), limit: :infinity, width: :infinity)" \
      </dev/null >"$work/ex.out" 2>"$work/ex.err"
  fi
  rc=$?
  [ -n "$eb" ] && read -r rc <"$work/eb.$eb.rc"
  if [ -n "$raises" ]; then
    out=$(first_raise "$work/ex.out")
    if [ "$rc" -eq 0 ] || [ "$out" != "$raises" ]; then ok=0; bad "$name [elixir]" "raise" "$raises" "$out (exit $rc)"; fi
  elif [ -n "$exp_ex" ]; then
    out=$(cat "$work/ex.out")
    if [ "$rc" -ne 0 ] || [ "$out" != "$exp_ex" ]; then
      ok=0; bad "$name [elixir]" "output" "$exp_ex" "$out$(first_raise "$work/ex.err") (exit $rc)"
    fi
  fi
  # --- hastec ---
  # shellcheck disable=SC2086
  if [ -n "$hb" ]; then
    cp "$work/hb.$hb.out" "$work/hx.out"
    if [ -f "$work/hb.$hb.err" ]; then cp "$work/hb.$hb.err" "$work/hx.err"; else : >"$work/hx.err"; fi
    read -r rc <"$work/hb.$hb.rc"
  elif [ -n "$hxrun" ]; then
    local so
    so="$work/lib$(basename "$f" .hx).so"
    if ! "$HASTEC" build $flags "$f" -o "$so" 2>"$work/hx.err"; then
      ok=0; bad "$name [hastec build]" "$(head -1 "$work/hx.err")"
    fi
    read -r -a hxargs <<<"$hxrun"
    "$HXRUN" "$so" "hxe_${hxargs[0]}" "${hxargs[@]:1}" >"$work/hx.out" 2>"$work/hx.err"
    rc=$?
  else
    "$HASTEC" run $flags "$f" -e "$call" >"$work/hx.out" 2>"$work/hx.err"
    rc=$?
  fi
  if [ -n "$want_raise" ]; then
    out=$(head -1 "$work/hx.err")
    if [ "$rc" -ne 3 ] || [ "$out" != "$want_raise" ]; then
      ok=0; bad "$name [hastec]" "raise" "$want_raise (exit 3)" "$out (exit $rc)"
    elif [ -n "$at" ]; then
      out=$(sed -n 2p "$work/hx.err" | sed 's/^ *//')
      case "$out" in
        *"$at") ;;
        *) ok=0; bad "$name [hastec]" "location" "$at" "$out" ;;
      esac
    fi
  else
    out=$(cat "$work/hx.out")
    if [ "$rc" -ne 0 ] || [ "$out" != "$exp_hx" ]; then
      ok=0; bad "$name [hastec]" "output" "$exp_hx" "$out$(head -1 "$work/hx.err") (exit $rc)"
    fi
  fi
  if [ "$silent" -eq 1 ]; then return $((1 - ok)); fi
  if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

# The directives of file $1 into the caller's flags req cerr calls ex hx rs
# rsh ats hxr and i (the last case's index, -1 for none).
parse_file() {
  local line key val
  flags="" req="" cerr=""
  calls=() ex=() hx=() rs=() rsh=() ats=() hxr=()
  i=-1
  while IFS= read -r line; do
    [[ $line =~ ^[[:space:]]*#[[:space:]]*([A-Z-]+):[[:space:]]?(.*)$ ]] || continue
    key=${BASH_REMATCH[1]}
    val=${BASH_REMATCH[2]}
    case $key in
      CALL) i=$((i + 1)); calls[i]=$val; ex[i]=""; hx[i]=""; rs[i]=""; rsh[i]=""; ats[i]=""; hxr[i]="" ;;
      EXPECT) ex[i]=$val; hx[i]=$val ;;
      EXPECT-ELIXIR) ex[i]=$val ;;
      EXPECT-HASTEC) hx[i]=$val ;;
      RAISES) rs[i]=$val; rsh[i]=$val ;;
      RAISES-ELIXIR) rs[i]=$val ;;
      RAISES-HASTEC) rsh[i]=$val ;;
      HASTEC-AT) ats[i]=$val ;;
      HXRUN) hxr[i]=$val ;;
      FLAGS) flags=$val ;;
      ELIXIR-REQUIRE) req=$val ;;
      COMPILE-ERROR) cerr=$val ;;
    esac
  done <"$1"
}

check_file() {
  local f=$1 fi=$2
  local flags req cerr calls ex hx rs rsh ats hxr i=-1
  parse_file "$f"
  if [ -n "$cerr" ]; then
    local name="${f#"$here"/}" rc
    if [ $i -ge 0 ]; then
      # shellcheck disable=SC2086
      "$HASTEC" run $flags "$f" -e "${calls[0]}" >/dev/null 2>"$work/hx.err"
    else
      # shellcheck disable=SC2086
      "$HASTEC" check $flags "$f" >/dev/null 2>"$work/hx.err"
    fi
    rc=$?
    local ok=1
    if [ $rc -ne 1 ] || ! sed -n 's/^.*: error: //p' "$work/hx.err" | grep -qxF -- "$cerr"; then
      ok=0; bad "$name [hastec]" "compile error" "$cerr (exit 1)" "$(head -1 "$work/hx.err") (exit $rc)"
    fi
    # The Elixir side of an unsupported example: it runs (if it has a CALL).
    if [ $i -ge 0 ] && [ -n "${ex[0]}" ]; then
      local out=""
      # the batched run's output when it is what the doc says, else a run of its own
      [ -f "$work/eb.$fi.0.rc" ] && out=$(cat "$work/eb.$fi.0.out")
      [ "$out" = "${ex[0]}" ] ||
        out=$("$ELIXIR" -r "$f" -e "IO.inspect((${calls[0]}), limit: :infinity, width: :infinity)" </dev/null 2>/dev/null)
      if [ "$out" != "${ex[0]}" ]; then ok=0; bad "$name [elixir]" "output" "${ex[0]}" "$out"; fi
    fi
    if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
    return
  fi
  if [ $i -lt 0 ]; then
    bad "${f#"$here"/}" "no # CALL: line"
    fail=$((fail + 1))
    return
  fi
  local k eb=() hb=() hcalls=() hks=()
  for k in $(seq 0 "$i"); do
    [ -f "$work/eb.$fi.$k.rc" ] && eb[k]=$fi.$k
  done
  if [ "$BATCH" != 0 ] && [ $i -ge 1 ]; then
    for k in $(seq 0 "$i"); do
      if [ -z "${hxr[k]}" ]; then hcalls+=("${calls[k]}"); hks+=("$k"); fi
    done
    if [ ${#hcalls[@]} -ge 2 ] && hastec_batch "$f" "$flags" "${hcalls[@]}"; then
      for k in $(seq 0 $((${#hks[@]} - 1))); do
        [ "$(cat "$work/hb.$k.rc")" = x ] || hb[hks[k]]=$k
      done
    fi
  fi
  for k in $(seq 0 "$i"); do
    if [ -n "${eb[k]:-}" ] || [ -n "${hb[k]:-}" ]; then
      # The batched results; a case they fail runs again alone, which prints.
      silent=1
      if check_case "$f" "${calls[k]}" "${ex[k]}" "${hx[k]}" "${rs[k]}" "${rsh[k]}" "${ats[k]}" "$flags" "${hxr[k]}" \
          "$req" "${eb[k]:-}" "${hb[k]:-}"; then
        silent=0
        pass=$((pass + 1))
        continue
      fi
      silent=0
    fi
    check_case "$f" "${calls[k]}" "${ex[k]}" "${hx[k]}" "${rs[k]}" "${rsh[k]}" "${ats[k]}" "$flags" "${hxr[k]}" "$req"
  done
}

if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find "$here" -name '*.hx' | sort)
fi
for k in "${!files[@]}"; do
  f=${files[k]}
  files[k]="$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"
done
[ "$BATCH" != 0 ] && elixir_batch "${files[@]}"
for k in "${!files[@]}"; do
  check_file "${files[k]}" "$k"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
