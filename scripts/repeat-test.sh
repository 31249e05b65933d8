#!/usr/bin/env bash
# Runs one Go test again and again, each run beside a PostgreSQL of its own
# (scripts/with-postgres.sh), and stops at the first failure: the way to show that
# a test which touches time, the network or the database is not flaky. It prints
# how many runs passed in a row, and the failing run's output.
#
#   scripts/repeat-test.sh 50 ./cmd/tenfootd 'TestReplicasSignOutReachesEveryDevice'
#
# Extra arguments go to go test, such as -race.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 RUNS PACKAGE TEST-PATTERN [go test flags…]" >&2
  exit 2
fi
runs=$1 pkg=$2 pattern=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

# Built once, so that each run measures the test and not the compiler.
bin=$(mktemp -t tenfoot-repeat.XXXXXX)
out=$(mktemp -t tenfoot-repeat-out.XXXXXX)
trap 'rm -f "$bin" "$out"' EXIT
go test -c -o "$bin" "$@" "$pkg"
dir=$(go list -f '{{.Dir}}' "$pkg")

for i in $(seq 1 "$runs"); do
  # A test binary runs in its package's folder, as go test runs it.
  if ! (cd "$dir" && "$here/with-postgres.sh" "$bin" -test.count=1 -test.run "$pattern" -test.v) >"$out" 2>&1; then
    echo "repeat-test: run $i of $runs failed, after $((i - 1)) in a row passed:" >&2
    cat "$out" >&2
    exit 1
  fi
  # A run that skipped or matched nothing proves nothing.
  if grep -q -e '--- SKIP' -e 'no tests to run' "$out"; then
    echo "repeat-test: run $i skipped the test or found none:" >&2
    cat "$out" >&2
    exit 1
  fi
  echo "repeat-test: run $i of $runs passed"
done
echo "repeat-test: $runs runs in a row passed: $pattern in $pkg"
