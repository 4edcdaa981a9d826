#!/usr/bin/env bash
# sweep.sh SHIM KIND MAXPOINTS EXPECTED CMD [ARG]... — the fault sweep of one program (see
# tests/faults.bats): counts the calls of KIND that CMD makes on a fault-free run, then runs
# CMD once per N (every N from 1 to the count, or MAXPOINTS of them spread over the range, the
# first and last few always in) with the shim failing the Nth call of KIND. SHIM is the
# LD_PRELOAD value (build/failshim.so, after ASan's runtime on the sanitizer build). Each run must
#   - end by exit (status < 128: no signal) with no sanitizer report, and never exit 2;
#   - exit 0 with stdout identical to EXPECTED (the fault-free output), or exit 1 with a
#     message on stderr from the program ("PROG: ...").
# Environment:
#   NF_FAIL_ERRNO, NF_FAIL_PERSIST, NF_FAIL_PROG  passed to the shim (tests/fault/failshim.c)
#   SWEEP_PRE     a command run before each run (e.g. restore the state file)
#   SWEEP_CHECK   a command run after each, with SWEEP_RC its exit status, SWEEP_OUT and
#                 SWEEP_ERR its output and messages; its failure is a finding, its output the
#                 message (the state file is whole, a message is right)
#   SWEEP_SKIP=K  sweep the calls after the Kth only (K: a run on empty input's, the start-up's)
#   SWEEP_PROG    the program's name when CMD is a pipeline (with NF_FAIL_PROG)
#   SWEEP_MUST_SUCCEED=1  exit 1 is a finding too (a fault to recover from: EINTR)
#   SWEEP_STDIN   a file for stdin; SWEEP_SUMMARY=FILE appends the summary line there
# Prints one line per finding and a summary "PROG KIND: C calls, R runs, F faults fired, X
# findings"; exits 1 when there is a finding.
set -uo pipefail
shim=$1 kind=$2 maxp=$3 expected=$4
shift 4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nf-sweep.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
in=${SWEEP_STDIN:-/dev/null}
prog=${SWEEP_PROG:-$(basename "$1")}

${SWEEP_PRE:-:}
NF_FAIL_COUNT=$tmp/count LD_PRELOAD=$shim "$@" < "$in" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ "$rc" -ne 0 ] || ! cmp -s "$tmp/out" "$expected"; then
	echo "$prog: the counting run differs from the fault-free one (exit $rc)"
	cat "$tmp/err"
	exit 1
fi
# each process counts its own calls (a pipeline may run a program twice): the range is the largest
total=$(awk -v p="$prog" -v k="$kind" '$1 == p && $2 == k && $3 > n { n = $3 } END { print n + 0 }' "$tmp/count")
skip=${SWEEP_SKIP:-0}
[ "$skip" -lt "$total" ] || skip=0

# the points: all of skip+1..total, or maxp of them: the first and last 5 and an even spread
points() {
	local a=$((skip + 1)) n=$((total - skip))
	if [ "$n" -le "$maxp" ]; then
		seq "$a" "$total"
	elif [ "$maxp" -le 10 ]; then # a few: evenly spaced, the first and last in
		awk -v a="$a" -v n="$n" -v m="$maxp" 'BEGIN { for (i = 0; i < m; i++) print a + int(i * (n - 1) / (m > 1 ? m - 1 : 1)) }' | sort -nu
	else
		{ seq "$a" $((a + 4)); seq $((total - 4)) "$total"
		  awk -v a="$a" -v n="$n" -v m=$((maxp - 10)) 'BEGIN { for (i = 1; i <= m; i++) print int(a + 4 + i * (n - 10) / (m + 1)) }'
		} | sort -nu
	fi
}

runs=0 fired=0 findings=0
finding() {
	findings=$((findings + 1))
	echo "$prog $kind N=$n: $*"
	sed 's/^/    stderr: /' "$tmp/err" | head -5
}
for n in $(points); do
	runs=$((runs + 1))
	rm -f "$tmp/log"
	${SWEEP_PRE:-:}
	NF_FAIL_CALL=$kind NF_FAIL_AT=$n NF_FAIL_LOG=$tmp/log LD_PRELOAD=$shim "$@" < "$in" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ -s "$tmp/log" ] && fired=$((fired + 1))
	if [ "$rc" -ge 128 ]; then
		finding "killed by signal $((rc - 128))"
	elif grep -q -e 'Sanitizer' -e 'runtime error:' "$tmp/err"; then
		finding "sanitizer report (exit $rc)"
	elif [ "$rc" -eq 0 ]; then
		cmp -s "$tmp/out" "$expected" || finding "exit 0 but the output differs ($(wc -l < "$tmp/out") lines, not $(wc -l < "$expected"))"
	elif [ "$rc" -eq 1 ] && [ -n "${SWEEP_MUST_SUCCEED:-}" ]; then
		finding "exit 1 where the fault is to be recovered from"
	elif [ "$rc" -eq 1 ]; then
		grep -q "^$prog: " "$tmp/err" || finding "exit 1 without a message from $prog"
	else
		finding "exit $rc"
	fi
	if [ -n "${SWEEP_CHECK:-}" ]; then
		msg=$(SWEEP_RC=$rc SWEEP_OUT=$tmp/out SWEEP_ERR=$tmp/err $SWEEP_CHECK 2>&1) || finding "${msg:-check failed}"
	fi
done
echo "$prog $kind: $total calls, $runs runs, $fired faults fired, $findings findings"
[ -z "${SWEEP_SUMMARY:-}" ] || echo "$prog $kind: $total calls, $runs runs, $fired faults fired, $findings findings" >> "$SWEEP_SUMMARY"
[ "$findings" -eq 0 ]
