#!/usr/bin/env bash
# Runs every Go fuzz target of the module (func Fuzz… in a _test.go file
# under core, site, wasm or scripts), each for FUZZTIME, and fails if one of
# them finds a failing input (Go keeps it under the package's
# testdata/fuzz/<Target>/ for its owner to fix).
#
#   FUZZTIME     -fuzztime of each target (default 60s)
#   FUZZMINTIME  -fuzzminimizetime: bounds the minimisation of each new input
#                (a guard: Go's default is 60 s, and minimising a long input
#                tries on the order of len² candidates; FuzzFromPoints
#                stalled so until it stopped needing long inputs, see
#                core/data/fuzz_test.go)
#   FUZZ_SKIP    names of targets to leave out, separated by spaces
#
# Go 1.26's fuzzing coordinator can end a run that found nothing with a bare
# "context deadline exceeded" when -fuzztime expires while a worker is
# between inputs (go.dev/issue/75804, fixed in Go 1.27). Such a run wrote no
# failing input and prints none; it is reported here and not counted as a
# failure. Any other failure, or any run that writes an input, fails.
set -u
GO=${GO:-go}
FUZZTIME=${FUZZTIME:-60s}
FUZZMINTIME=${FUZZMINTIME:-2s}
FUZZ_SKIP=${FUZZ_SKIP:-}

status=0
races=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for f in $(grep -rl --include='*_test.go' '^func Fuzz' core site wasm scripts 2>/dev/null | sort); do
  pkg=./$(dirname "$f")
  for t in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$f"); do
    case " $FUZZ_SKIP " in *" $t "*) echo "fuzz: $pkg $t skipped (FUZZ_SKIP)"; continue;; esac
    echo "fuzz: $pkg $t for $FUZZTIME"
    corpus=$(dirname "$f")/testdata/fuzz/$t
    before=$(ls "$corpus" 2>/dev/null | wc -l)
    "$GO" test -run='^$' -fuzz="^$t\$" -fuzztime="$FUZZTIME" -fuzzminimizetime="$FUZZMINTIME" "$pkg" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    after=$(ls "$corpus" 2>/dev/null | wc -l)
    if [ "$rc" -ne 0 ]; then
      if [ "$after" -eq "$before" ] && ! grep -q 'Failing input written' "$log" &&
         [ "$(grep -c -- '--- FAIL' "$log")" -eq 1 ] && grep -qx '    context deadline exceeded' "$log"; then
        echo "fuzz: $t: Go's coordinator stopped at the -fuzztime deadline with no failing input (go.dev/issue/75804): not a finding"
        races=$((races + 1))
      else
        status=1
      fi
    fi
  done
done
[ "$races" -eq 0 ] || echo "fuzz: $races run(s) ended by go.dev/issue/75804, with no failing input"
exit $status
