#!/usr/bin/env bash
# run.sh BIN_DIR... — run the bats suite once per directory of binaries (bin, then the
# sanitizer build bin-san) and print the totals as the last line: "N passed, N failed".
# Tests that need ../shared skip, saying why, when it is missing.
set -u
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0 skip=0
for dir in "$@"; do
	[ -x "$dir/nf-normalize" ] || { echo "run.sh: no binaries in $dir" >&2; fail=$((fail + 1)); continue; }
	echo "# suite with NF_BIN=$dir"
	out=$(NF_BIN="$PWD/$dir" bats --tap tests/*.bats 2>&1)
	printf '%s\n' "$out" | grep -v -e '^ok ' -e '^1\.\.' || true
	printf '%s\n' "$out" | grep '^ok .*# skip' || true
	p=$(printf '%s\n' "$out" | grep -c '^ok .*# skip' || true)
	o=$(printf '%s\n' "$out" | grep -c '^ok ' || true)
	n=$(printf '%s\n' "$out" | grep -c '^not ok ' || true)
	echo "# $dir: $((o - p)) passed, $n failed, $p skipped"
	pass=$((pass + o - p)) fail=$((fail + n)) skip=$((skip + p))
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
