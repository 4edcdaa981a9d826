#!/usr/bin/env bats
# pipelines/news-facts, the main job of the README: articles in, one table of facts out.
load helpers

nfp() { NF_BIN=$NF_BIN "$BATS_TEST_DIRNAME/../pipelines/news-facts" "$@"; }

@test "news-facts on samples/: one table, the documented columns, facts of every article" {
	run --separate-stderr nfp "$BATS_TEST_DIRNAME"/../samples/*.txt
	assert_success
	assert_equal "$(printf '%s\n' "$output" | head -n 1 | cut -f1-11)" $'id\tdate\tlang\tunit\tunit_start\tunit_end\tstart\tend\ttype\tsurface\tvalue'
	for f in "$BATS_TEST_DIRNAME"/../samples/*.txt; do
		id=$(basename "$f" .txt)
		printf '%s\n' "$output" | grep -q "^$id"$'\t'
	done
	printf '%s\n' "$output" | grep -q $'\tDATE\tthe fourth quarter of 2023\t2023-Q4'
}

@test "news-facts: a copy of an article with a new byline and footer adds no facts (NF_DEDUPE=0 keeps it)" {
	d=$BATS_TEST_TMPDIR/in
	mkdir -p "$d"
	cp "$BATS_TEST_DIRNAME"/../samples/*.txt "$d/"
	{ printf 'By Anna Berg | London, 2026-03-02 10:15\n\n'; cat "$d/en-chip-results.txt"; printf '\n\nCopyright 2026 Daily Courier. All rights reserved.\n'; } > "$d/zz-repost.txt"
	run --separate-stderr nfp "$d"/*.txt
	assert_success
	printf '%s\n' "$output" | grep -q '^en-chip-results'$'\t'
	! printf '%s\n' "$output" | grep -q '^zz-repost'$'\t'
	with=$(NF_DEDUPE=0 NF_BIN=$NF_BIN "$BATS_TEST_DIRNAME/../pipelines/news-facts" "$d"/*.txt | grep -c '^zz-repost')
	[ "$with" -gt 5 ]
}
