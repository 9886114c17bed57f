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
bad() {
  printf 'FAIL %s: %s\n' "$1" "$2"
  if [ $# -ge 4 ]; then
    printf '  expected: %s\n  got:      %s\n' "$3" "$4"
  fi
}

# first `** (` line of a file (Elixir prints warnings before it)
first_raise() { grep -m1 '^\*\* (' "$1" || true; }

check_case() {
  local f=$1 call=$2 exp_ex=$3 exp_hx=$4 raises=$5 want_raise=$6 at=$7 flags=$8 hxrun=$9 req=${10}
  local name="${f#"$here"/} $call" ok=1 out rc
  # --- Elixir ---
  local reqargs=()
  [ -n "$req" ] && reqargs=(-r "$here/$req")
  if [ -n "$raises" ]; then
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
  if [ -n "$raises" ]; then
    out=$(first_raise "$work/ex.out")
    if [ $rc -eq 0 ] || [ "$out" != "$raises" ]; then ok=0; bad "$name [elixir]" "raise" "$raises" "$out (exit $rc)"; fi
  elif [ -n "$exp_ex" ]; then
    out=$(cat "$work/ex.out")
    if [ $rc -ne 0 ] || [ "$out" != "$exp_ex" ]; then
      ok=0; bad "$name [elixir]" "output" "$exp_ex" "$out$(first_raise "$work/ex.err") (exit $rc)"
    fi
  fi
  # --- hastec ---
  # shellcheck disable=SC2086
  if [ -n "$hxrun" ]; then
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
    if [ $rc -ne 3 ] || [ "$out" != "$want_raise" ]; then
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
    if [ $rc -ne 0 ] || [ "$out" != "$exp_hx" ]; then
      ok=0; bad "$name [hastec]" "output" "$exp_hx" "$out$(head -1 "$work/hx.err") (exit $rc)"
    fi
  fi
  if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

check_file() {
  local f=$1 line key val
  local flags="" req="" cerr=""
  local calls=() ex=() hx=() rs=() rsh=() ats=() hxr=()
  local i=-1
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
  done <"$f"
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
      local out
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
  local k
  for k in $(seq 0 "$i"); do
    check_case "$f" "${calls[k]}" "${ex[k]}" "${hx[k]}" "${rs[k]}" "${rsh[k]}" "${ats[k]}" "$flags" "${hxr[k]}" "$req"
  done
}

if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find "$here" -name '*.hx' | sort)
fi
for f in "${files[@]}"; do
  check_file "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
