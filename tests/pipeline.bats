#!/usr/bin/env bats
# pipelines/news-facts, the main job of the README: articles in, one table of facts out.
# Each test states one behaviour users rely on; together they are its spec.
load helpers

NFP=$BATS_TEST_DIRNAME/../pipelines/news-facts
SAMPLES=$BATS_TEST_DIRNAME/../samples
nfp() { NF_BIN=$NF_BIN "$NFP" "$@"; }

# runs FILE: the number of runs of equal values in column 2 (id) of a facts table, header
# excluded: one per document when the rows are grouped by document
id_runs() { tail -n +2 "$1" | cut -f"${2:-1}" | uniq | wc -l | tr -d ' '; }

# a TSV export with a title column, documents in an order that is not the ids' order, and
# two empty titles (the case that broke the old pipeline's sort on column 1)
mkexport() {
	{
		printf 'id\ttitle\tdate\ttext\n'
		printf 'z-last\t\t2024-03-01\tXiaomi will invest $10 billion in Beijing by 2027, Lei Jun said on Monday.\n'
		printf 'a-first\tChips\t2024-02-13\tCorvane Semiconductor Inc. said revenue rose to $2.41 billion in the fourth quarter of 2023.\n'
		printf 'm-middle\t\t2024-06-01\tIl porto di Genova ha investito 300 milioni di euro nel 2024, ha detto Marco Rossi.\n'
		printf 'b-second\tBYD\t2024-09-01\tBYD opent in september 2024 een fabriek in Hongarije van 4 miljard euro.\n'
	} > "$1"
}

@test "news-facts on samples/: one table, the documented columns, facts of every article" {
	run --separate-stderr nfp "$SAMPLES"/*.txt
	assert_success
	assert_equal "$(printf '%s\n' "$output" | head -n 1)" $'id\tdate\tlang\tunit\tunit_start\tunit_end\tstart\tend\ttype\tsurface\tvalue\tamount\tamount_max\tcurrency\tmod\tvalue_max'
	for f in "$SAMPLES"/*.txt; do
		id=$(basename "$f" .txt)
		printf '%s\n' "$output" | grep -q "^$id"$'\t'
	done
	printf '%s\n' "$output" | grep -q $'\tDATE\tthe fourth quarter of 2023\t2023-Q4'
	printf '%s\n' "$output" | grep -q $'\tMONEY\t€ 2,5 miljard\t2500000000 EUR'
}

@test "news-facts: rows grouped by document in input order, then unit and offset, whatever columns the input has" {
	mkexport "$BATS_TEST_TMPDIR/feed.tsv"
	nfp --in tsv "$BATS_TEST_TMPDIR/feed.tsv" > "$BATS_TEST_TMPDIR/out.tsv"
	head -n 1 "$BATS_TEST_TMPDIR/out.tsv" | grep -q $'^title\tid\tdate\tlang\tunit\t'
	# the ids in order of first appearance are the input order, each in one run
	assert_equal "$(tail -n +2 "$BATS_TEST_TMPDIR/out.tsv" | cut -f2 | uniq | tr '\n' ' ')" "z-last a-first m-middle b-second "
	assert_equal "$(id_runs "$BATS_TEST_TMPDIR/out.tsv" 2)" 4
	# within a document: unit, then start, ascending
	tail -n +2 "$BATS_TEST_TMPDIR/out.tsv" | awk -F'\t' '
		$2 == id && ($5 < u || ($5 == u && $8 < s)) { bad = 1 }
		{ id = $2; u = $5; s = $8 }
		END { exit bad }'
}

@test "news-facts: a .tsv.gz export is read as TSV without --in (detected by header and content)" {
	mkexport "$BATS_TEST_TMPDIR/feed.tsv"
	gzip -c "$BATS_TEST_TMPDIR/feed.tsv" > "$BATS_TEST_TMPDIR/feed.tsv.gz"
	run --separate-stderr nfp "$BATS_TEST_TMPDIR/feed.tsv.gz"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | tail -n +2 | cut -f2 | uniq | tr '\n' ' ')" "z-last a-first m-middle b-second "
	expected=$(nfp --in tsv "$BATS_TEST_TMPDIR/feed.tsv")
	assert_equal "$output" "$expected"
}

@test "news-facts: a missing file, a ragged row and a file with other columns are reported; the rest is processed; exit 1" {
	mkexport "$BATS_TEST_TMPDIR/feed.tsv"
	printf 'b-bad\tonly\tthree\n' >> "$BATS_TEST_TMPDIR/feed.tsv"
	printf 'id\tsource\ttext\nq-1\twire\tBMW spent 2 billion euros in 2023.\n' > "$BATS_TEST_TMPDIR/other.tsv"
	run --separate-stderr nfp --in tsv "$BATS_TEST_TMPDIR/feed.tsv" "$BATS_TEST_TMPDIR/missing.tsv" "$BATS_TEST_TMPDIR/other.tsv"
	assert_failure 1
	assert_stderr_has "feed.tsv:6:" "missing.tsv: No such file or directory" "other.tsv:1:"
	assert_equal "$(printf '%s\n' "$output" | head -n 1 | cut -f1-2)" $'title\tid'
	assert_equal "$(printf '%s\n' "$output" | tail -n +2 | cut -f2 | uniq | tr '\n' ' ')" "z-last a-first m-middle b-second "
}

@test "news-facts: when every input is bad, the output is still the header (exit 1)" {
	run --separate-stderr nfp "$BATS_TEST_TMPDIR/none-1.txt" "$BATS_TEST_TMPDIR/none-2.txt"
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | head -n 1 | cut -f1-3)" $'id\tdate\tlang'
	assert_equal "$(nrows)" 1
	assert_stderr_has "none-1.txt" "none-2.txt"
}

@test "news-facts: empty input gives the header alone, exit 0" {
	run --separate-stderr nfp < /dev/null
	assert_success
	assert_equal "$(nrows)" 1
	assert_equal "$(printf '%s\n' "$output" | cut -f1-3)" $'id\tdate\tlang'
}

@test "news-facts: plain text on stdin is one article" {
	run --separate-stderr nfp <<< 'Xiaomi will invest about US$ 10 billion in electric cars by 2030.'
	assert_success
	printf '%s\n' "$output" | grep -q $'^stdin\t.*\tMONEY\tUS$ 10 billion\t10000000000 USD'
	printf '%s\n' "$output" | grep -q $'\tDATE\t2030\t'
}

@test "news-facts: --jobs and --block change nothing in the output" {
	nfp "$SAMPLES"/*.txt > "$BATS_TEST_TMPDIR/one.tsv"
	nfp --jobs 3 --block 1k "$SAMPLES"/*.txt > "$BATS_TEST_TMPDIR/three.tsv"
	nfp -j 2 --block 5k "$SAMPLES"/*.txt > "$BATS_TEST_TMPDIR/two.tsv"
	cmp "$BATS_TEST_TMPDIR/one.tsv" "$BATS_TEST_TMPDIR/three.tsv"
	cmp "$BATS_TEST_TMPDIR/one.tsv" "$BATS_TEST_TMPDIR/two.tsv"
}

@test "news-facts: --jobs 2 gives the same bytes as --jobs 1 on real wire copy (Reuters, 400 stories)" {
	need_shared
	zcat "$SHARED/data/corpus/en/reuters21578.tsv.gz" | head -n 401 > "$BATS_TEST_TMPDIR/r.tsv"
	nfp -q "$BATS_TEST_TMPDIR/r.tsv" > "$BATS_TEST_TMPDIR/one.tsv" 2>/dev/null || true
	nfp -q --jobs 2 --block 64k "$BATS_TEST_TMPDIR/r.tsv" > "$BATS_TEST_TMPDIR/two.tsv" 2>/dev/null || true
	cmp "$BATS_TEST_TMPDIR/one.tsv" "$BATS_TEST_TMPDIR/two.tsv"
	# grouped by document: as many runs of ids as documents with facts
	assert_equal "$(id_runs "$BATS_TEST_TMPDIR/one.tsv" 2)" "$(tail -n +2 "$BATS_TEST_TMPDIR/one.tsv" | cut -f2 | sort -u | wc -l | tr -d ' ')"
}

@test "news-facts -N: no header, so that runs append to one table" {
	nfp "$SAMPLES"/[a-e]*.txt > "$BATS_TEST_TMPDIR/t.tsv"
	nfp -N "$SAMPLES"/[f-z]*.txt >> "$BATS_TEST_TMPDIR/t.tsv"
	nfp "$SAMPLES"/*.txt > "$BATS_TEST_TMPDIR/all.tsv"
	cmp "$BATS_TEST_TMPDIR/t.tsv" "$BATS_TEST_TMPDIR/all.tsv"
}

@test "news-facts --docs: normalized documents in, the same facts as from the raw articles" {
	"$NF_BIN/nf-normalize" "$SAMPLES"/*.txt > "$BATS_TEST_TMPDIR/docs.tsv"
	nfp "$SAMPLES"/*.txt > "$BATS_TEST_TMPDIR/raw.tsv"
	nfp --docs "$BATS_TEST_TMPDIR/docs.tsv" > "$BATS_TEST_TMPDIR/docs-facts.tsv"
	cmp "$BATS_TEST_TMPDIR/raw.tsv" "$BATS_TEST_TMPDIR/docs-facts.tsv"
}

@test "news-facts --stage docs|units, and NF_STAGE=split, write the intermediate rows" {
	run --separate-stderr nfp --stage docs "$SAMPLES"/*.txt
	assert_success
	assert_equal "$(printf '%s\n' "$output" | head -n 1)" $'id\tdate\tlang\ttext'
	assert_equal "$(nrows)" 8
	run --separate-stderr nfp --stage units "$SAMPLES"/nl-chipfabriek.txt
	assert_success
	assert_equal "$(printf '%s\n' "$output" | head -n 1)" $'id\tdate\tlang\ttext\tunit\tunit_start\tunit_end'
	units=$output
	run --separate-stderr env NF_STAGE=split NF_BIN="$NF_BIN" "$NFP" "$SAMPLES"/nl-chipfabriek.txt
	assert_equal "$output" "$units"
}

@test "news-facts: a copy of an article with a new byline and footer adds no facts (NF_DEDUPE=0 keeps it)" {
	d=$BATS_TEST_TMPDIR/in
	mkdir -p "$d"
	cp "$SAMPLES"/*.txt "$d/"
	{ printf 'By Anna Berg | London, 2026-03-02 10:15\n\n'; cat "$d/en-chip-results.txt"; printf '\n\nCopyright 2026 Daily Courier. All rights reserved.\n'; } > "$d/zz-repost.txt"
	run --separate-stderr nfp "$d"/*.txt
	assert_success
	printf '%s\n' "$output" | grep -q '^en-chip-results'$'\t'
	refute_line --regexp '^zz-repost'$'\t'
	with=$(NF_DEDUPE=0 NF_BIN=$NF_BIN "$NFP" "$d"/*.txt | grep -c '^zz-repost')
	[ "$with" -gt 5 ]
}

@test "news-facts --help and --version print to stdout and run nothing" {
	run --separate-stderr nfp --help
	assert_success
	assert_stderr_empty
	[[ ${lines[0]} == "Usage: news-facts "* ]]
	[[ $output == *"--jobs N"* && $output == *"Exit status"* ]]
	[[ $output != *$'\t'* ]]
	run --separate-stderr nfp --version
	assert_success
	[[ $output == "news-facts (newsfilters) "* ]]
	assert_equal "$(nrows)" 1
}

@test "news-facts: usage errors exit 2 with a message" {
	for args in "--bogus" "--jobs 0" "--jobs x" "--block 0" "--in xml" "--stage facts" "--docs --in tsv"; do
		# shellcheck disable=SC2086
		run --separate-stderr nfp $args "$SAMPLES/en-chip-results.txt"
		assert_failure 2
		assert_stderr_has "news-facts: "
		assert_equal "$output" ""
	done
}

@test "news-facts | head ends quietly" {
	run --separate-stderr bash -o pipefail -c "NF_BIN='$NF_BIN' '$NFP' --block 1k '$SAMPLES'/*.txt | head -n 3; exit \${PIPESTATUS[0]}"
	assert_success
	assert_equal "$(nrows)" 3
	assert_stderr_empty
}

@test "news-facts: an extractor that fails is named with the documents it lost; exit 1" {
	# fails on real input (more than the header line), as a crash would
	fake=$(fakebin "$BATS_TEST_TMPDIR/bin" tag-entities '[ "$(wc -l < "$3")" -le 1 ] && exec "$REAL" "$@"
kill -SEGV $$')
	run --separate-stderr env NF_BIN="$fake" "$NFP" "$SAMPLES"/*.txt
	assert_failure 1
	assert_stderr_has "nf-tag-entities" "documents 1-7"
	# the money and dates of those documents are still there
	printf '%s\n' "$output" | grep -q $'\tMONEY\t'
}

@test "news-facts -v: each stage's summary and one line for the run; -q and no terminal: no progress" {
	run --separate-stderr nfp -v "$SAMPLES"/*.txt
	assert_success
	assert_stderr_has "nf-normalize: 7 rows in" "nf-dedupe: 7 rows in" "news-facts: 7 documents in, 0 copies dropped, 7 kept, 127 sentences, "
	[[ $stderr == *"news-facts: "*" facts ("*" money, "*" dates, "*" entities)"* ]]
	run --separate-stderr nfp "$SAMPLES"/*.txt
	assert_stderr_empty
}

@test "news-facts --progress: one progress line for the whole pipeline, under its name" {
	run --separate-stderr nfp --progress --block 1k "$SAMPLES"/*.txt
	assert_success
	refute_stderr_has "nf-split:" "nf-dedupe:" "nf-tag-entities:" "nf-extract"
	# enough documents for the line to be drawn (it looks at the clock every 256 rows)
	{ printf 'id\ttext\n'; for i in $(seq 300); do printf 'd%s\tBMW paid %s euros on 3 May 2024.\n' "$i" "$i"; done; } > "$BATS_TEST_TMPDIR/many.tsv"
	run --separate-stderr nfp --progress "$BATS_TEST_TMPDIR/many.tsv"
	assert_success
	assert_stderr_has "news-facts: " " documents in" "%"
	refute_stderr_has "nf-normalize: " "nf-split:" "nf-dedupe:"
}

@test "news-facts leaves no temporary files behind" {
	mkdir -p "$BATS_TEST_TMPDIR/tmp"
	TMPDIR=$BATS_TEST_TMPDIR/tmp nfp --block 1k "$SAMPLES"/*.txt > /dev/null
	TMPDIR=$BATS_TEST_TMPDIR/tmp nfp "$BATS_TEST_TMPDIR/missing.txt" > /dev/null 2>&1 || true
	assert_equal "$(ls -A "$BATS_TEST_TMPDIR/tmp")" ""
}

@test "make install: the pipelines go next to the programs (nf-news-facts) and find them there" {
	[ -f "$BATS_TEST_DIRNAME/../Makefile" ] || skip "no Makefile"
	d=$BATS_TEST_TMPDIR/prefix
	mkdir -p "$d/bin"
	for p in "$NF_BIN"/nf-*; do ln -s "$p" "$d/bin/"; done
	install -m 755 "$NFP" "$d/bin/nf-news-facts"
	run --separate-stderr env -u NF_BIN PATH=/usr/bin:/bin "$d/bin/nf-news-facts" "$SAMPLES/en-chip-results.txt"
	assert_success
	printf '%s\n' "$output" | grep -q $'\tMONEY\t\\$2.4bn\t'
}
