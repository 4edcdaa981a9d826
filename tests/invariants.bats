#!/usr/bin/env bats
# invariants.bats — properties every filter keeps on real news (tests/invariants.sh): rows in
# = rows out + reported, the same bytes on a second run, with -N, from stdin, and from the
# input cut into parts at document boundaries (nf-dedupe carrying its --state across).
load helpers

need_corpus() {
	[ -d "$SHARED/data/corpus" ] || skip "needs ../shared/data/corpus (the real news corpus) beside the repo"
}

@test "invariants on real news: every filter, every language's NTREX file and 3,000 Reuters and SaudiNewsNet documents" {
	need_corpus
	dir=$SHARED/data/corpus
	if [[ $NF_BIN == *-san ]]; then # the sanitizer build is slower: the six main languages' NTREX files
		dir=$BATS_TEST_TMPDIR/corpus
		mkdir -p "$dir"
		for f in "$SHARED"/data/corpus/{en,nl,it,de,es,ar}/ntrex128.*.tsv.gz; do ln -s "$f" "$dir/"; done
	fi
	run --separate-stderr "$BATS_TEST_DIRNAME/invariants.sh" --quick "$dir"
	assert_success
	assert_line --regexp '^invariants: [0-9]+ checks, 0 failed$'
}

@test "invariants.sh: a failed property is named with the filter and file, exit 1" {
	need_corpus
	mkdir -p "$BATS_TEST_TMPDIR/c" "$BATS_TEST_TMPDIR/bin"
	ln -s "$SHARED/data/corpus/nl/ntrex128.nld.tsv.gz" "$BATS_TEST_TMPDIR/c/"
	for p in "$NF_BIN"/nf-*; do ln -s "$p" "$BATS_TEST_TMPDIR/bin/"; done
	# a stand-in nf-split that loses the last row when it reads stdin (as a buggy reader might)
	rm "$BATS_TEST_TMPDIR/bin/nf-split"
	printf '#!/bin/sh\ncase "$*" in *.gz*) exec "%s" "$@" ;; esac\n"%s" "$@" | head -n -1\n' "$NF_BIN/nf-split" "$NF_BIN/nf-split" > "$BATS_TEST_TMPDIR/bin/nf-split"
	chmod +x "$BATS_TEST_TMPDIR/bin/nf-split"
	NF_BIN=$BATS_TEST_TMPDIR/bin run --separate-stderr "$BATS_TEST_DIRNAME/invariants.sh" --quick "$BATS_TEST_TMPDIR/c"
	assert_failure 1
	assert_line --regexp '^invariants nf-split ntrex128.nld FAIL: parts: '
	assert_line --regexp '^invariants nf-split ntrex128.nld FAIL: plain: '
	refute_line --regexp '^invariants nf-(normalize|dedupe|extract-money) .*FAIL'
	assert_line --regexp '^invariants: [0-9]+ checks, [1-9][0-9]* failed$'
}
