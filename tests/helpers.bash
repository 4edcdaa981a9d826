# helpers.bash — shared set-up for the bats suite (load it with `load helpers`).
#
# NF_BIN    directory of the binaries under test (tests/run.sh sets it to bin/ or bin-san/)
# SHARED    ../shared beside the repo (seed articles); tests needing it skip when it is absent
#
# Tests run the programs with `run --separate-stderr`, so $output is stdout only and
# $stderr holds the diagnostics.

bats_require_minimum_version 1.5.0

# One locale for every test, whatever the caller's: sort, awk and the reference commands
# behave the same on every machine (the filters themselves do not call setlocale).
export LC_ALL=C.UTF-8
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

: "${NF_BIN:=$BATS_TEST_DIRNAME/../bin}"
SHARED=${NF_SHARED:-$BATS_TEST_DIRNAME/../../shared}

nfn() { "$NF_BIN/nf-normalize" "$@"; }

# field ROW COL [FILE]: column COL of row ROW (row 1 is the header) of TSV, from FILE or
# else from $output. Prints the value as written (still escaped).
field() {
	if [ $# -ge 3 ]; then
		awk -F'\t' -v r="$1" -v c="$2" 'NR == r { print $c }' "$3"
	else
		printf '%s\n' "$output" | awk -F'\t' -v r="$1" -v c="$2" 'NR == r { print $c }'
	fi
}

# nrows [FILE]: number of lines of FILE or of $output (an empty $output counts 0)
nrows() {
	if [ $# -ge 1 ]; then
		wc -l < "$1" | tr -d ' '
	elif [ -z "$output" ]; then
		echo 0
	else
		printf '%s\n' "$output" | wc -l | tr -d ' '
	fi
}

# normtext FORMAT [OPTION]...: write printf FORMAT (escapes like \xc3\xa9 allowed, % as %%)
# to a file, normalize it with --lang en and the options, and print the text field of the
# single row (still TSV-escaped). Fails with nf-normalize's status when that is not 0.
normtext() {
	local fmt=$1 rc=0
	shift
	printf "$fmt" > "$BATS_TEST_TMPDIR/normtext.in"
	nfn --lang en "$@" "$BATS_TEST_TMPDIR/normtext.in" > "$BATS_TEST_TMPDIR/normtext.out" || rc=$?
	awk -F'\t' 'NR == 2 { print $4 }' "$BATS_TEST_TMPDIR/normtext.out"
	return "$rc"
}

# mkfile NAME FORMAT: printf FORMAT into $BATS_TEST_TMPDIR/NAME and print the path
mkfile() {
	printf "$2" > "$BATS_TEST_TMPDIR/$1"
	printf '%s\n' "$BATS_TEST_TMPDIR/$1"
}

# assert_stderr_has TEXT...: every TEXT occurs in $stderr
assert_stderr_has() {
	local s
	for s in "$@"; do
		[[ $stderr == *"$s"* ]] ||
			fail "$(printf 'stderr lacks: %s\n--- stderr ---\n%s' "$s" "$stderr")"
	done
}

# refute_stderr_has TEXT...: no TEXT occurs in $stderr
refute_stderr_has() {
	local s
	for s in "$@"; do
		[[ $stderr != *"$s"* ]] ||
			fail "$(printf 'stderr has: %s\n--- stderr ---\n%s' "$s" "$stderr")"
	done
}

assert_stderr_empty() {
	[ -z "$stderr" ] || fail "$(printf 'stderr is not empty:\n%s' "$stderr")"
}

# fakebin DIR NAME BODY: DIR holds links to every program of $NF_BIN but nf-NAME, which is
# the shell script BODY (a stage made slow, or made to fail); prints DIR. In BODY, $REAL is
# the real nf-NAME.
fakebin() {
	local d=$1 name=$2 body=$3 p
	mkdir -p "$d"
	for p in "$NF_BIN"/nf-*; do ln -sf "$p" "$d/"; done
	rm -f "$d/nf-$name"
	printf '#!/bin/sh\nREAL=%s\n%s\n' "$NF_BIN/nf-$name" "$body" > "$d/nf-$name"
	chmod +x "$d/nf-$name"
	printf '%s\n' "$d"
}

need_shared() {
	[ -d "$SHARED/seeds" ] || skip "needs ../shared (seed articles) beside the repo"
}
