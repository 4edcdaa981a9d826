#!/usr/bin/env bats
# pipelines/slurm-news-facts on a real one-node Slurm cluster (tests/slurm-cluster.sh):
# the same bytes as pipelines/news-facts, with 1, 3 and 8 shards; a failed task is named.
load helpers

SNF=$BATS_TEST_DIRNAME/../pipelines/slurm-news-facts
NFP=$BATS_TEST_DIRNAME/../pipelines/news-facts
SAMPLES=$BATS_TEST_DIRNAME/../samples

setup_file() {
	export CLUSTER_DIR=$BATS_FILE_TMPDIR/cluster
	if [ "$(id -u)" != 0 ] || ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
		return 0
	fi
	"$BATS_TEST_DIRNAME/slurm-cluster.sh" start "$CLUSTER_DIR" > "$BATS_FILE_TMPDIR/cluster.out" 2>&1 || true
}

teardown_file() {
	[ -d "$CLUSTER_DIR" ] && "$BATS_TEST_DIRNAME/slurm-cluster.sh" stop "$CLUSTER_DIR" || true
}

setup() {
	[ "$(id -u)" = 0 ] || skip "needs root to start a Slurm cluster (slurmd runs jobs as any user)"
	command -v slurmctld >/dev/null 2>&1 && command -v munged >/dev/null 2>&1 ||
		skip "needs Debian's slurmctld, slurmd, slurm-client and munge (make test installs them as root)"
	[ -f "$CLUSTER_DIR/slurm.conf" ] && grep -q "export SLURM_CONF" "$BATS_FILE_TMPDIR/cluster.out" ||
		fail "the test cluster did not start: $(cat "$BATS_FILE_TMPDIR/cluster.out")"
	export SLURM_CONF=$CLUSTER_DIR/slurm.conf
}

snf() { NF_BIN=$NF_BIN "$SNF" "$@"; }

@test "slurm-news-facts on samples/: the bytes of news-facts, with 1, 3 and 8 shards" {
	NF_BIN=$NF_BIN "$NFP" "$SAMPLES"/*.txt > "$BATS_TEST_TMPDIR/one.tsv"
	for n in 1 3 8; do
		run --separate-stderr snf --workdir "$BATS_TEST_TMPDIR/w$n" --shards "$n" "$SAMPLES"/*.txt
		assert_success
		assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/one.tsv")"
	done
}

@test "slurm-news-facts on real feeds (Reuters slice + NTREX German, copies dropped): the bytes of news-facts, 1, 3 and 8 shards" {
	need_shared
	zcat "$SHARED/data/corpus/en/reuters21578.tsv.gz" | head -n 400 > "$BATS_TEST_TMPDIR/reuters.tsv"
	in=("$BATS_TEST_TMPDIR/reuters.tsv" "$SHARED/data/corpus/de/ntrex128.deu.tsv.gz")
	NF_BIN=$NF_BIN "$NFP" -q "${in[@]}" > "$BATS_TEST_TMPDIR/one.tsv" 2>/dev/null || true
	# the slice holds copies that dedupe drops
	[ "$(NF_BIN=$NF_BIN "$NFP" --stage docs "${in[@]}" 2>/dev/null | wc -l)" -lt 524 ]
	for n in 1 3 8; do
		snf --workdir "$BATS_TEST_TMPDIR/w$n" --shards "$n" "${in[@]}" > "$BATS_TEST_TMPDIR/s$n.tsv" 2>/dev/null || true
		cmp "$BATS_TEST_TMPDIR/one.tsv" "$BATS_TEST_TMPDIR/s$n.tsv"
	done
	# the big export was cut by line ranges across the shards
	[ "$(cat "$BATS_TEST_TMPDIR/w8/shards/"* | grep -c 'reuters.tsv')" -gt 1 ]
}

@test "slurm-news-facts: NF_DEDUPE=0 and NF_DEDUPE_OPTS reach the tasks as they reach news-facts" {
	d=$BATS_TEST_TMPDIR/in
	mkdir -p "$d"
	cp "$SAMPLES"/*.txt "$d/"
	cp "$d/en-chip-results.txt" "$d/zz-copy.txt"
	for env in "NF_DEDUPE=0" "NF_DEDUPE_OPTS=--mode exact"; do
		one=$(env "$env" NF_BIN="$NF_BIN" "$NFP" "$d"/*.txt)
		run --separate-stderr env "$env" NF_BIN="$NF_BIN" "$SNF" --workdir "$BATS_TEST_TMPDIR/w" --shards 3 "$d"/*.txt
		assert_success
		assert_equal "$output" "$one"
	done
}

@test "slurm-news-facts: a failed task stops the chain; exit 1 with the task's log path" {
	fake=$(fakebin "$BATS_TEST_TMPDIR/bin" dedupe 'echo "nf-dedupe: broken on purpose" >&2
exit 3')
	run --separate-stderr env NF_BIN="$fake" "$SNF" --workdir "$BATS_TEST_TMPDIR/w" --shards 2 "$SAMPLES"/*.txt
	assert_failure 1
	assert_stderr_has "task map" "$BATS_TEST_TMPDIR/w/logs/map-" "broken on purpose"
	assert_equal "$output" ""
	# nothing of the chain is left queued
	[ -z "$(squeue -h 2>/dev/null)" ]
}

@test "slurm-news-facts: a stage that fails inside news-facts (nf-split exits 3) fails its task; exit 1 with the log path" {
	fake=$(fakebin "$BATS_TEST_TMPDIR/bin" split 'echo "nf-split: broken on purpose" >&2
exit 3')
	run --separate-stderr env NF_BIN="$fake" "$SNF" --workdir "$BATS_TEST_TMPDIR/w" --shards 2 "$SAMPLES"/*.txt
	assert_failure 1
	assert_stderr_has "task extract" "$BATS_TEST_TMPDIR/w/logs/extract-" "broken on purpose"
	assert_equal "$output" ""
	[ -z "$(squeue -h 2>/dev/null)" ]
}

@test "slurm-news-facts: relative paths as ids (--id-path), an export without its last newline, a file of another layout: the bytes of news-facts" {
	d=$BATS_TEST_TMPDIR/in
	mkdir -p "$d"
	cp "$SAMPLES"/*.txt "$d/"
	# an export cut by lines whose last line has no newline (wc -l does not count it)
	{ printf 'id\tdate\ttext\n'; for i in $(seq 1 30); do printf 'd%s\t2024-01-%02d\tStory %s: the company paid $%s million on March %s.\n' "$i" $((i % 28 + 1)) "$i" "$i" $((i % 28 + 1)); done; } |
		head -c -1 > "$d/export.tsv"
	cd "$d"
	one=$(NF_NORMALIZE_OPTS=--id-path NF_BIN=$NF_BIN "$NFP" -q export.tsv ./*.txt)
	[[ $one == *"./en-chip-results"* ]]
	[[ $one == *"d30"* ]]
	run --separate-stderr env NF_NORMALIZE_OPTS=--id-path NF_BIN="$NF_BIN" "$SNF" --workdir "$BATS_TEST_TMPDIR/w" --shards 3 export.tsv ./*.txt
	assert_success
	assert_equal "$output" "$one"
	# a text file first, then a table with a title: one run skips the table (other columns),
	# and so does the cluster, though the table lands in another shard
	{ printf 'title\tid\ttext\n'; for i in $(seq 1 30); do printf 'T%s\tt%s\tNews %s: it paid $%s million.\n' "$i" "$i" "$i" "$i"; done; } > titled.tsv
	one=$(NF_BIN=$NF_BIN "$NFP" -q en-chip-results.txt titled.tsv 2>/dev/null || true)
	run --separate-stderr snf --workdir "$BATS_TEST_TMPDIR/w" --shards 3 en-chip-results.txt titled.tsv
	assert_failure 1
	assert_stderr_has "titled.tsv:1"
	assert_equal "$output" "$one"
}

@test "slurm-news-facts: a missing input is reported, the rest processed, exit 1" {
	run --separate-stderr snf --workdir "$BATS_TEST_TMPDIR/w" --shards 2 "$SAMPLES/en-chip-results.txt" "$BATS_TEST_TMPDIR/missing.txt"
	assert_failure 1
	assert_stderr_has "missing.txt"
	assert_equal "$output" "$(NF_BIN=$NF_BIN "$NFP" "$SAMPLES/en-chip-results.txt")"
}

@test "slurm-news-facts: usage errors exit 2; --help" {
	run --separate-stderr snf --help
	assert_success
	[[ $output == *"--workdir DIR"* ]]
	for args in "" "--workdir $BATS_TEST_TMPDIR/w" "--workdir $BATS_TEST_TMPDIR/w --shards 0 x" "--bogus"; do
		# shellcheck disable=SC2086
		run --separate-stderr snf $args
		assert_failure 2
	done
	run --separate-stderr env NF_DEDUPE_OPTS="--state /tmp/x" NF_BIN="$NF_BIN" "$SNF" --workdir "$BATS_TEST_TMPDIR/w" "$SAMPLES/en-chip-results.txt"
	assert_failure 2
	assert_stderr_has "--state"
}
