#!/usr/bin/env bats
# Fault injection (issue 17): build/failshim.so (tests/fault/failshim.c, LD_PRELOAD) fails the
# Nth read, write, open, malloc, rename, fsync or mmap of a filter's run on the samples, for N
# over the whole range a fault-free run counts (tests/fault/sweep.sh: every N, or 40 spread
# over the range for malloc). Every run must either succeed with the fault-free output or exit 1
# with a message naming the program; never a signal, a sanitizer report, exit 2, or exit 0 with
# other output; nf-dedupe's state file is the old one or the new one, whole, and no temporary
# file is left.
# On the sanitizer build (bin-san) the shim is preloaded after ASan's runtime, so ASan checks the
# error paths of every I/O fault; the malloc sweeps skip there (ASan's allocator comes first and
# cannot be made to fail at the Nth call), and so does the pipeline's (its shells and tools
# would get ASan preloaded too).

load helpers

SHIM=$BATS_TEST_DIRNAME/../build/failshim.so
SWEEP=$BATS_TEST_DIRNAME/fault/sweep.sh
SAMPLES=$BATS_TEST_DIRNAME/../samples
IO=100    # points per I/O kind: every call, for these runs
MEM=40    # points per malloc sweep: spread over the range

setup_file() {
	local d=$BATS_FILE_TMPDIR
	"$NF_BIN/nf-normalize" "$SAMPLES"/*.txt > "$d/docs.tsv"
	"$NF_BIN/nf-split" "$d/docs.tsv" > "$d/units.tsv"
	head -5 "$d/docs.tsv" > "$d/half.tsv"
}

setup() {
	[ -f "$SHIM" ] || fail "no $SHIM: run make"
	D=$BATS_FILE_TMPDIR
	PRELOAD=$SHIM ASAN=0
	if grep -q -a __asan_init "$NF_BIN/nf-split"; then
		ASAN=1 # ASan's runtime first (when it is a shared library), then the shim
		PRELOAD="$(ldd "$NF_BIN/nf-split" | awk '/libasan/ { print $3 }') $SHIM"
	fi
}

# on the sanitizer build: skip (a test of malloc faults only)
no_asan() {
	[ "$ASAN" = 0 ] || skip "sanitizer build: ASan's allocator cannot be made to fail at the Nth call; the malloc sweeps run on the plain build"
}

# sweep MAXP KIND... -- EXPECTED CMD...: tests/fault/sweep.sh for each KIND; each must pass
sweep() {
	local maxp=$1 kinds=() k
	shift
	while [ "$1" != -- ]; do kinds+=("$1"); shift; done
	shift
	for k in "${kinds[@]}"; do
		[ "$k" = malloc ] && [ "$ASAN" = 1 ] && continue # see no_asan
		run "$SWEEP" "$PRELOAD" "$k" "$maxp" "$@"
		assert_success
		assert_output --partial "$k: "
	done
}

# calls KIND CMD...: how many calls of KIND the fault-free run of CMD makes
calls() {
	local kind=$1
	shift
	rm -f "$BATS_TEST_TMPDIR/count"
	env NF_FAIL_COUNT="$BATS_TEST_TMPDIR/count" LD_PRELOAD="$PRELOAD" "$@" > /dev/null 2>&1 < /dev/null || true
	awk -v k="$kind" '$2 == k { n += $3 } END { print n + 0 }' "$BATS_TEST_TMPDIR/count"
}

@test "faults: the shim counts a run's calls, fails the Nth, and leaves other programs alone" {
	[ "$(calls open "$NF_BIN/nf-split" "$D/docs.tsv")" -ge 1 ]
	[ "$ASAN" = 1 ] || [ "$(calls malloc "$NF_BIN/nf-split" "$D/docs.tsv")" -ge 10 ]
	run --separate-stderr env NF_FAIL_CALL=open NF_FAIL_AT=1 NF_FAIL_LOG="$BATS_TEST_TMPDIR/log" LD_PRELOAD="$PRELOAD" \
		"$NF_BIN/nf-split" "$D/docs.tsv"
	assert_failure 1
	assert_stderr_has "nf-split: $D/docs.tsv: Input/output error"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/log")" "nf-split open 1"
	run --separate-stderr env NF_FAIL_CALL=open NF_FAIL_AT=1 NF_FAIL_ERRNO=EACCES LD_PRELOAD="$PRELOAD" \
		"$NF_BIN/nf-split" "$D/docs.tsv"
	assert_failure 1
	assert_stderr_has "Permission denied"
	run env NF_FAIL_CALL=open NF_FAIL_AT=1 LD_PRELOAD="$SHIM" cat "$D/half.tsv"
	assert_success
}

@test "faults: nf-normalize on the samples (the language fingerprints' 80 files too)" {
	"$NF_BIN/nf-normalize" "$SAMPLES"/*.txt > "$D/norm.out"
	sweep "$IO" read write open -- "$D/norm.out" "$NF_BIN/nf-normalize" "$SAMPLES"/*.txt
	sweep "$MEM" malloc -- "$D/norm.out" "$NF_BIN/nf-normalize" "$SAMPLES"/*.txt
}

@test "faults: nf-normalize, every allocation after its tables: the language fingerprints and the text" {
	no_asan
	"$NF_BIN/nf-normalize" "$SAMPLES/en-chip-results.txt" > "$D/norm1.out"
	local k
	k=$(calls malloc "$NF_BIN/nf-normalize" --lang en /dev/null)
	SWEEP_SKIP=$k sweep 400 malloc -- "$D/norm1.out" "$NF_BIN/nf-normalize" "$SAMPLES/en-chip-results.txt"
}

@test "faults: nf-normalize's NFC and boilerplate, every allocation (a failed one left text unnormalized, exit 0)" {
	no_asan
	f=$(mkfile nfd.txt 'Cafe\xcc\x81 re\xcc\x81sume\xcc\x81 \xef\xac\x81 na\xc3\xafve.\n\nShare this article\n')
	"$NF_BIN/nf-normalize" --lang en --strip-boilerplate "$f" > "$D/nfd.out"
	grep -q 'Café résumé' "$D/nfd.out"
	run grep -c 'Share this' "$D/nfd.out"
	assert_output 0
	local k
	k=$(calls malloc "$NF_BIN/nf-normalize" --lang en /dev/null) # the boilerplate patterns' too
	SWEEP_SKIP=$k sweep 400 malloc mmap -- "$D/nfd.out" "$NF_BIN/nf-normalize" --lang en --strip-boilerplate "$f"
	NF_FAIL_PERSIST=1 SWEEP_SKIP=$k sweep 400 malloc -- "$D/nfd.out" "$NF_BIN/nf-normalize" --lang en --strip-boilerplate "$f"
}

@test "faults: a language fingerprint that cannot be read fails the run (it was skipped: other languages, exit 0)" {
	local tc=/usr/share/libexttextcat
	[ -f "$tc/en.lm" ] || skip "no $tc/en.lm (libexttextcat-data)"
	mkdir -p "$BATS_TEST_TMPDIR/tc"
	ln -s "$tc"/*.lm "$BATS_TEST_TMPDIR/tc/"
	rm "$BATS_TEST_TMPDIR/tc/en.lm"
	mkdir "$BATS_TEST_TMPDIR/tc/en.lm" # opens, but reads fail (EISDIR)
	NF_TEXTCAT_DIR=$BATS_TEST_TMPDIR/tc run --separate-stderr "$NF_BIN/nf-normalize" "$SAMPLES/en-chip-results.txt"
	assert_failure 1
	assert_stderr_has "nf-normalize: cannot load the language fingerprints: Is a directory"
	rm -r "$BATS_TEST_TMPDIR/tc/en.lm" # a language missing from the package: as before, quietly
	NF_TEXTCAT_DIR=$BATS_TEST_TMPDIR/tc run --separate-stderr "$NF_BIN/nf-normalize" "$SAMPLES/de-batteriewerk.txt"
	assert_success
	assert_equal "$(field 2 3)" de
	NF_TEXTCAT_DIR=$BATS_TEST_TMPDIR/none run --separate-stderr "$NF_BIN/nf-normalize" "$SAMPLES/de-batteriewerk.txt"
	assert_success
	assert_stderr_has "language identification unavailable"
}

@test "faults: nf-split, nf-extract-money, nf-extract-dates on the samples' sentences" {
	local f
	for f in split:docs extract-money:units extract-dates:units; do
		"$NF_BIN/nf-${f%%:*}" "$D/${f#*:}.tsv" > "$D/${f%%:*}.out"
		sweep "$IO" read write open -- "$D/${f%%:*}.out" "$NF_BIN/nf-${f%%:*}" "$D/${f#*:}.tsv"
		sweep "$MEM" malloc -- "$D/${f%%:*}.out" "$NF_BIN/nf-${f%%:*}" "$D/${f#*:}.tsv"
	done
}

@test "faults: nf-split, every allocation after start-up: case folding short of memory split a sentence inside a date, exit 0" {
	no_asan
	f=$(mkfile month.tsv 'id\tdate\tlang\ttext\nd1\t2024-09-01\ten\tThe plant opened on 12. September 2024 in Austin. The deal closed on Jun. 5 in Texas. Demand rose.\n')
	"$NF_BIN/nf-split" "$f" > "$D/month.out"
	assert_equal "$(nrows "$D/month.out")" 4
	local k
	k=$(calls malloc "$NF_BIN/nf-split" /dev/null)
	SWEEP_SKIP=$k sweep 400 malloc -- "$D/month.out" "$NF_BIN/nf-split" "$f"
}

@test "faults: a 1 MB input: reads and writes fail in the middle of the stream" {
	{ cat "$D/docs.tsv"; for i in $(seq 60); do tail -n +2 "$D/docs.tsv" | sed "s/^/c$i-/"; done; } > "$D/big.tsv"
	"$NF_BIN/nf-split" "$D/big.tsv" > "$D/big.out"
	[ "$(wc -c < "$D/big.out")" -gt 1000000 ]
	sweep "$IO" read write -- "$D/big.out" "$NF_BIN/nf-split" "$D/big.tsv"
	"$NF_BIN/nf-normalize" "$D/big.tsv" > "$D/bign.out"
	sweep "$IO" read write -- "$D/bign.out" "$NF_BIN/nf-normalize" "$D/big.tsv"
	gzip -c "$D/big.tsv" > "$D/big.tsv.gz"
	sweep "$IO" read -- "$D/bign.out" "$NF_BIN/nf-normalize" "$D/big.tsv.gz"
	k=$(calls malloc "$NF_BIN/nf-split" /dev/null)
	SWEEP_SKIP=$k sweep "$MEM" malloc -- "$D/big.out" "$NF_BIN/nf-split" "$D/big.tsv.gz"
}

@test "faults: EINTR from read(2) or write(2) is retried: the run succeeds, output whole" {
	{ cat "$D/docs.tsv"; for i in $(seq 60); do tail -n +2 "$D/docs.tsv" | sed "s/^/c$i-/"; done; } > "$D/big3.tsv"
	"$NF_BIN/nf-split" "$D/big3.tsv" > "$D/eintr-split.out"
	"$NF_BIN/nf-normalize" --lang en "$D/big3.tsv" > "$D/eintr-norm.out"
	"$NF_BIN/nf-dedupe" "$D/big3.tsv" > "$D/eintr-dd.out"
	# (stdio's fread does not retry EINTR: the fingerprints and models are read with it, and
	# regular files never return EINTR; these runs read and write with read(2) and write(2) only)
	export NF_FAIL_ERRNO=EINTR SWEEP_MUST_SUCCEED=1
	sweep "$IO" read write -- "$D/eintr-split.out" "$NF_BIN/nf-split" "$D/big3.tsv"
	sweep "$IO" read write -- "$D/eintr-norm.out" "$NF_BIN/nf-normalize" --lang en "$D/big3.tsv"
	sweep "$IO" read write -- "$D/eintr-dd.out" "$NF_BIN/nf-dedupe" "$D/big3.tsv"
}

@test "faults: nf-tag-entities, the models' load included" {
	"$NF_BIN/nf-tag-entities" "$D/units.tsv" > "$D/ent.out"
	sweep "$IO" read write open mmap -- "$D/ent.out" "$NF_BIN/nf-tag-entities" "$D/units.tsv"
	sweep "$MEM" malloc -- "$D/ent.out" "$NF_BIN/nf-tag-entities" "$D/units.tsv"
	NF_FAIL_PERSIST=1 sweep 10 malloc -- "$D/ent.out" "$NF_BIN/nf-tag-entities" "$D/units.tsv"
}

@test "faults: a model that cannot be read or mapped is reported as such (it was 'bad header', or loaded anyway)" {
	# the run's reads: the input's, then each model's first 8 bytes (its format)
	run --separate-stderr env NF_FAIL_CALL=read NF_FAIL_AT=2 LD_PRELOAD="$PRELOAD" "$NF_BIN/nf-tag-entities" "$D/units.tsv"
	assert_failure 1
	assert_stderr_has ".nfm: Input/output error"
	run --separate-stderr env NF_FAIL_CALL=mmap NF_FAIL_AT=1 LD_PRELOAD="$PRELOAD" "$NF_BIN/nf-tag-entities" "$D/units.tsv"
	assert_failure 1
	assert_stderr_has ".nfm: Cannot allocate memory"
	refute_stderr_has "bad header"
	# the kept models (NFNER2, read and inflated): every read, 40 allocations from the first row on
	mkdir "$BATS_TEST_TMPDIR/m2"
	ln -s "$BATS_TEST_DIRNAME"/../lib/data/models/*.model "$BATS_TEST_TMPDIR/m2/"
	"$NF_BIN/nf-tag-entities" "$D/units.tsv" > "$D/ent.out"
	NF_MODEL_DIR=$BATS_TEST_TMPDIR/m2 "$NF_BIN/nf-tag-entities" "$D/units.tsv" > "$D/ent2.out"
	cmp "$D/ent2.out" "$D/ent.out"
	cat > "$BATS_TEST_TMPDIR/check.sh" <<-EOF
		#!/bin/sh
		grep -e "bad header" -e "truncated" -e "corrupt" "\$SWEEP_ERR" && exit 1
		exit 0
	EOF
	chmod +x "$BATS_TEST_TMPDIR/check.sh"
	export NF_MODEL_DIR=$BATS_TEST_TMPDIR/m2 SWEEP_CHECK=$BATS_TEST_TMPDIR/check.sh
	sweep "$IO" read -- "$D/ent.out" "$NF_BIN/nf-tag-entities" "$D/units.tsv"
	k=$(calls malloc "$NF_BIN/nf-tag-entities" /dev/null) # the models load at their language's first row
	SWEEP_SKIP=$k sweep "$MEM" malloc -- "$D/ent.out" "$NF_BIN/nf-tag-entities" "$D/units.tsv"
}

@test "faults: nf-dedupe without a state" {
	"$NF_BIN/nf-dedupe" "$D/docs.tsv" > "$D/dd.out"
	sweep "$IO" read write open -- "$D/dd.out" "$NF_BIN/nf-dedupe" "$D/docs.tsv"
	sweep "$MEM" malloc -- "$D/dd.out" "$NF_BIN/nf-dedupe" "$D/docs.tsv"
}

@test "faults: nf-dedupe --state: a failed load or save keeps the old state file whole, and no temporary file" {
	local s=$BATS_TEST_TMPDIR/st
	"$NF_BIN/nf-dedupe" --state "$s" "$D/half.tsv" > /dev/null
	cp "$s" "$s.old"
	"$NF_BIN/nf-dedupe" --state "$s" "$D/docs.tsv" > "$D/dds.out"
	cp "$s" "$s.new"
	run cmp -s "$s.old" "$s.new"
	assert_failure
	cat > "$BATS_TEST_TMPDIR/pre.sh" <<-EOF
		#!/bin/sh
		rm -f "$s" "$s".tmp.*
		cp "$s.old" "$s"
	EOF
	# exit 0: the new state; exit 1: the old one or the new one (the input's read failed at its end)
	cat > "$BATS_TEST_TMPDIR/check.sh" <<-EOF
		#!/bin/sh
		for t in "$s".tmp.*; do [ -e "\$t" ] && { echo "temporary file left: \$t"; exit 1; }; done
		cmp -s "$s" "$s.new" && exit 0
		[ "\$SWEEP_RC" -ne 0 ] && cmp -s "$s" "$s.old" && exit 0
		echo "state file neither the old nor the new one (exit \$SWEEP_RC, \$(wc -c < "$s") bytes)"
		exit 1
	EOF
	chmod +x "$BATS_TEST_TMPDIR/pre.sh" "$BATS_TEST_TMPDIR/check.sh"
	export SWEEP_PRE=$BATS_TEST_TMPDIR/pre.sh SWEEP_CHECK=$BATS_TEST_TMPDIR/check.sh
	sweep "$IO" read write open rename fsync -- "$D/dds.out" "$NF_BIN/nf-dedupe" --state "$s" "$D/docs.tsv"
	NF_FAIL_ERRNO=EIO sweep "$IO" write fsync -- "$D/dds.out" "$NF_BIN/nf-dedupe" --state "$s" "$D/docs.tsv"
	sweep "$MEM" malloc -- "$D/dds.out" "$NF_BIN/nf-dedupe" --state "$s" "$D/docs.tsv"
	NF_FAIL_PERSIST=1 sweep 10 malloc -- "$D/dds.out" "$NF_BIN/nf-dedupe" --state "$s" "$D/docs.tsv"
}

@test "faults: nf-dedupe --state on a 1 MB input: a read error mid-input saves the state of the rows written, whole" {
	local s=$BATS_TEST_TMPDIR/st
	{ cat "$D/docs.tsv"; for i in $(seq 60); do tail -n +2 "$D/docs.tsv" | sed "s/^/c$i-/"; done; } > "$D/big2.tsv"
	"$NF_BIN/nf-dedupe" --state "$s" "$D/half.tsv" > /dev/null
	cp "$s" "$s.old"
	"$NF_BIN/nf-dedupe" --state "$s" "$D/big2.tsv" > "$D/bigdd.out"
	cp "$s" "$s.new"
	cat > "$BATS_TEST_TMPDIR/pre.sh" <<-EOF
		#!/bin/sh
		rm -f "$s" "$s".tmp.*
		cp "$s.old" "$s"
	EOF
	# exit 1 after a read error in the middle: the rows before it were written, and the state
	# that remembers them is saved: it must load, and drop every row that was written
	cat > "$BATS_TEST_TMPDIR/check.sh" <<-EOF
		#!/bin/sh
		for t in "$s".tmp.*; do [ -e "\$t" ] && { echo "temporary file left: \$t"; exit 1; }; done
		cmp -s "$s" "$s.new" && exit 0
		[ "\$SWEEP_RC" -ne 0 ] || { echo "exit 0 with another state"; exit 1; }
		cmp -s "$s" "$s.old" && exit 0
		cp "$s" "$s.try"
		"$NF_BIN/nf-dedupe" --state "$s.try" "\$SWEEP_OUT" > "$s.again" 2>&1 || { echo "the state saved does not load"; exit 1; }
		[ "\$(wc -l < "$s.again")" -le 1 ] || { echo "the state saved lacks rows that were written"; exit 1; }
	EOF
	chmod +x "$BATS_TEST_TMPDIR/pre.sh" "$BATS_TEST_TMPDIR/check.sh"
	export SWEEP_PRE=$BATS_TEST_TMPDIR/pre.sh SWEEP_CHECK=$BATS_TEST_TMPDIR/check.sh
	sweep "$IO" read write -- "$D/bigdd.out" "$NF_BIN/nf-dedupe" --state "$s" "$D/big2.tsv"
}

@test "faults: nf-dedupe --state, every allocation of the load and the save: the state kept, never called corrupt" {
	no_asan
	local s=$BATS_TEST_TMPDIR/st k
	"$NF_BIN/nf-dedupe" --state "$s" "$D/half.tsv" > /dev/null
	cp "$s" "$s.old"
	"$NF_BIN/nf-dedupe" --state "$s" /dev/null > "$D/empty.out"
	cmp "$s" "$s.old"
	cat > "$BATS_TEST_TMPDIR/pre.sh" <<-EOF
		#!/bin/sh
		cp "$s.old" "$s"
	EOF
	# zlib short of memory was "corrupt state file (cannot decompress)": a user would drop the state
	cat > "$BATS_TEST_TMPDIR/check.sh" <<-EOF
		#!/bin/sh
		cmp -s "$s" "$s.old" || { echo "the state changed"; exit 1; }
		grep -i corrupt "\$SWEEP_ERR" && exit 1
		exit 0
	EOF
	chmod +x "$BATS_TEST_TMPDIR/pre.sh" "$BATS_TEST_TMPDIR/check.sh"
	k=$(calls malloc "$NF_BIN/nf-dedupe" /dev/null) # the allocations before the state's load
	SWEEP_PRE=$BATS_TEST_TMPDIR/pre.sh SWEEP_CHECK=$BATS_TEST_TMPDIR/check.sh SWEEP_SKIP=$k \
		sweep 400 malloc -- "$D/empty.out" "$NF_BIN/nf-dedupe" --state "$s" /dev/null
}

@test "faults: a state file that cannot be read says so (it was 'not an nf-dedupe state file')" {
	local s=$BATS_TEST_TMPDIR/st
	"$NF_BIN/nf-dedupe" --state "$s" "$D/half.tsv" > /dev/null
	cp "$s" "$s.old"
	# the run's reads: the input's first, the state's header, the state's body, the input's end
	run --separate-stderr env NF_FAIL_CALL=read NF_FAIL_AT=2 LD_PRELOAD="$PRELOAD" "$NF_BIN/nf-dedupe" --state "$s" "$D/docs.tsv"
	assert_failure 1
	assert_stderr_has "nf-dedupe: $s: Input/output error; not overwritten"
	run --separate-stderr env NF_FAIL_CALL=read NF_FAIL_AT=3 LD_PRELOAD="$PRELOAD" "$NF_BIN/nf-dedupe" --state "$s" "$D/docs.tsv"
	assert_failure 1
	assert_stderr_has "nf-dedupe: $s: Input/output error; not overwritten"
	cmp "$s" "$s.old"
}

@test "faults: pipelines/news-facts, a fault in each stage ends the job with exit 1 and the stage's message" {
	[ "$ASAN" = 0 ] || skip "sanitizer build: the pipeline's shells and tools would get ASan's runtime preloaded; the pipeline sweep runs on the plain build"
	local p=$BATS_TEST_DIRNAME/../pipelines/news-facts st
	NF_BIN=$NF_BIN "$p" "$SAMPLES"/*.txt > "$D/nf.out"
	for st in normalize dedupe split extract-money extract-dates tag-entities; do
		NF_BIN=$NF_BIN NF_FAIL_PROG=nf-$st SWEEP_PROG=nf-$st sweep 2 read write -- "$D/nf.out" "$p" "$SAMPLES"/*.txt
		NF_BIN=$NF_BIN NF_FAIL_PROG=nf-$st SWEEP_PROG=nf-$st sweep 3 malloc -- "$D/nf.out" "$p" "$SAMPLES"/*.txt
	done
}
