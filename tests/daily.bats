#!/usr/bin/env bats
# pipelines/daily, the cron job: new files in, the day's facts and kept documents appended;
# copies across days dropped; safe against crashes and overlapping runs.
load helpers

DAILY=$BATS_TEST_DIRNAME/../pipelines/daily
SAMPLES=$BATS_TEST_DIRNAME/../samples

setup() {
	W=$BATS_TEST_TMPDIR
	mkdir -p "$W/feed/d1" "$W/feed/d2" "$W/feed/d3"
	cp "$SAMPLES"/ar-*.txt "$SAMPLES"/de-*.txt "$W/feed/d1/"
	cp "$SAMPLES"/en-*.txt "$SAMPLES"/es-*.txt "$W/feed/d2/"
	cp "$SAMPLES"/fr-*.txt "$SAMPLES"/it-*.txt "$W/feed/d3/"
	# day 3 also carries a repost of day 2's English article: new byline, new footer
	{ printf 'By Anna Berg | London\n\n'; cat "$SAMPLES/en-chip-results.txt"; printf '\n\nCopyright 2026 Daily Courier.\n'; } > "$W/feed/d3/zz-repost.txt"
}

# daily ARGS...: the job with the binaries under test
daily() { NF_BIN=$NF_BIN "$DAILY" "$@"; }
# day N [STATE OUT]: run day N over the feed folders 1..N, as cron would every day
day() { daily --state "${2:-$W/state}" --out "${3:-$W/out}" --date "2026-12-0$1" "$W"/feed/d[1-"$1"]; }
# table FILE: the day file as one table (zcat), checked to have exactly one header
table() {
	zcat "$1" > "$1.tsv"
	[ "$(grep -c $'^id\t' "$1.tsv")" = 1 ] || fail "$1: not one header"
	cat "$1.tsv"
}

@test "daily: three days; each day's new files only; a repost of an earlier day's article is dropped" {
	run --separate-stderr day 1
	assert_success
	assert_stderr_has "2026-12-01: 2 files, 2 documents, 0 copies dropped"
	run --separate-stderr day 2
	assert_success
	assert_stderr_has "2026-12-02: 2 files, 2 documents, 0 copies dropped"
	run --separate-stderr day 3
	assert_success
	assert_stderr_has "2026-12-03: 3 files, 3 documents, 1 copies dropped"
	assert_equal "$(table "$W/out/facts-2026-12-01.tsv.gz" | tail -n +2 | cut -f1 | uniq | tr '\n' ' ')" "ar-byd-riyadh de-batteriewerk "
	assert_equal "$(table "$W/out/facts-2026-12-02.tsv.gz" | tail -n +2 | cut -f1 | uniq | tr '\n' ' ')" "en-chip-results es-hidrogeno-huelva "
	assert_equal "$(table "$W/out/facts-2026-12-03.tsv.gz" | tail -n +2 | cut -f1 | uniq | tr '\n' ' ')" "fr-fusion-equipementiers it-porto-genova "
	assert_equal "$(table "$W/out/docs-2026-12-03.tsv.gz" | cut -f1 | tr '\n' ' ')" "id fr-fusion-equipementiers it-porto-genova "
	# a day's facts are what news-facts gives for that day's kept documents
	table "$W/out/docs-2026-12-02.tsv.gz" > "$W/docs2.tsv"
	NF_BIN=$NF_BIN "$BATS_TEST_DIRNAME/../pipelines/news-facts" --docs "$W/docs2.tsv" > "$W/facts2.tsv"
	assert_equal "$(cat "$W/facts2.tsv")" "$(table "$W/out/facts-2026-12-02.tsv.gz")"
	assert_equal "$(wc -l < "$W/state/daily.log")" 3
	assert_equal "$(wc -l < "$W/state/manifest.tsv")" 7
}

@test "daily: a re-run with nothing new writes nothing (the day files stay byte for byte)" {
	day 1 2>/dev/null
	cp "$W/out/facts-2026-12-01.tsv.gz" "$W/before.gz"
	run --separate-stderr day 1
	assert_success
	assert_stderr_has "2026-12-01: 0 files, 0 documents, 0 copies dropped, 0 facts"
	cmp "$W/out/facts-2026-12-01.tsv.gz" "$W/before.gz"
	# touched, or the same content under another name: still nothing new
	touch -d "2030-01-01 00:00" "$W/feed/d1"/*.txt # a new mtime, whatever the clock
	cp "$W/feed/d1/de-batteriewerk.txt" "$W/feed/d1/de-copy.txt"
	run --separate-stderr day 1
	assert_success
	assert_stderr_has "0 files (3 already known)"
	cmp "$W/out/facts-2026-12-01.tsv.gz" "$W/before.gz"
}

@test "daily: a second run on the same day appends without a second header" {
	daily --state "$W/state" --out "$W/out" --date 2026-12-01 "$W/feed/d1" 2>/dev/null
	daily --state "$W/state" --out "$W/out" --date 2026-12-01 "$W/feed/d1" "$W/feed/d2" 2>/dev/null
	assert_equal "$(table "$W/out/facts-2026-12-01.tsv.gz" | tail -n +2 | cut -f1 | uniq | tr '\n' ' ')" "ar-byd-riyadh de-batteriewerk en-chip-results es-hidrogeno-huelva "
	assert_equal "$(table "$W/out/docs-2026-12-01.tsv.gz" | wc -l | tr -d ' ')" 5
}

@test "daily: a changed file is processed again; only what it adds comes out" {
	day 1 2>/dev/null
	printf '\n\nBMW will invest 2 billion euros in Leipzig by 2027.\n' >> "$W/feed/d1/de-batteriewerk.txt"
	run --separate-stderr day 1
	assert_success
	assert_stderr_has "2026-12-01: 1 files, 1 documents"
}

# slow_tagger SECONDS: a bin folder whose entity tagger marks $W/in-stage and sleeps before
# tagging real input (news-facts runs it on the header alone first)
slow_tagger() {
	fakebin "$W/slow-bin" tag-entities "[ \"\$(wc -l < \"\$3\")\" -le 1 ] || { touch '$W/in-stage'; sleep $1; }
exec \"\$REAL\" \"\$@\""
}

# the day files of an uninterrupted run of days 1..3, for comparison
reference() {
	for d in 1 2 3; do day "$d" "$W/ref-state" "$W/ref-out" 2>/dev/null; done
}
same_as_reference() {
	for f in "$W"/ref-out/*; do
		assert_equal "$(zcat "$W/out/$(basename "$f")")" "$(zcat "$f")"
	done
	assert_equal "$(ls "$W/out")" "$(ls "$W/ref-out")"
}

@test "daily: killed (-9) in the middle of a stage, then run again: the same outputs as without the crash" {
	reference
	day 1 2>/dev/null
	# a slow entity tagger, so that the run is surely inside a stage when it dies
	fake=$(slow_tagger 30)
	NF_BIN=$fake setsid "$DAILY" --state "$W/state" --out "$W/out" --date 2026-12-02 "$W"/feed/d[1-2] 2>/dev/null &
	pid=$!
	for _ in $(seq 100); do [ -e "$W/in-stage" ] && break; sleep 0.1; done
	[ -e "$W/in-stage" ]
	kill -9 -- "-$pid"
	wait "$pid" || true
	[ ! -e "$W/out/facts-2026-12-02.tsv.gz" ]
	run --separate-stderr day 2
	assert_success
	assert_stderr_has "2026-12-02: 2 files, 2 documents"
	day 3 2>/dev/null
	same_as_reference
}

@test "daily: killed (-9) at each step of the commit, then run again: the same outputs" {
	reference
	for point in staged-docs staged journal after-append; do
		rm -rf "$W/state" "$W/out"
		day 1 2>/dev/null
		run --separate-stderr env NF_DAILY_CRASH_AT=$point NF_BIN="$NF_BIN" "$DAILY" --state "$W/state" --out "$W/out" --date 2026-12-02 "$W"/feed/d[1-2]
		assert_equal "$status" 137
		day 2 2>/dev/null
		day 3 2>/dev/null
		same_as_reference
		[ ! -e "$W/state/journal" ] && [ ! -e "$W/state/stage" ]
	done
}

# issue 17: killed at random points (the whole process group, as a reboot or the OOM killer
# would), the next run gives the outputs of a run that was never killed
@test "daily: killed (-9) at random points of its run, then run again: the same outputs every time" {
	reference
	day 1 2>/dev/null
	cp -a "$W/state" "$W/state1"
	cp -a "$W/out" "$W/out1"
	t0=$(date +%s%N)
	day 2 2>/dev/null
	ms=$((($(date +%s%N) - t0) / 1000000 + 1))
	n=50
	[[ $NF_BIN == *-san ]] && n=10 # the sanitizer build is slower
	for i in $(seq "$n"); do
		rm -rf "$W/state" "$W/out"
		cp -a "$W/state1" "$W/state"
		cp -a "$W/out1" "$W/out"
		NF_BIN=$NF_BIN setsid "$DAILY" -q --state "$W/state" --out "$W/out" --date 2026-12-02 "$W"/feed/d[1-2] 2>/dev/null &
		pid=$!
		sleep "$(awk -v r="$RANDOM" -v ms="$ms" 'BEGIN { printf "%.4f", r / 32768 * 1.1 * ms / 1000 }')"
		kill -9 -- "-$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		run --separate-stderr day 2
		assert_success
		[ ! -e "$W/state/journal" ] && [ ! -e "$W/state/stage" ]
		assert_equal "$(zcat "$W/out/facts-2026-12-02.tsv.gz")" "$(zcat "$W/ref-out/facts-2026-12-02.tsv.gz")"
		assert_equal "$(zcat "$W/out/docs-2026-12-02.tsv.gz")" "$(zcat "$W/ref-out/docs-2026-12-02.tsv.gz")"
		assert_equal "$(zcat "$W/out/facts-2026-12-01.tsv.gz")" "$(zcat "$W/ref-out/facts-2026-12-01.tsv.gz")"
	done
	day 3 2>/dev/null
	same_as_reference
}

@test "daily: a corrupt dedupe state stops the run with a clear error; nothing written; the files wait for the next run" {
	day 1 2>/dev/null
	cp "$W/state/manifest.tsv" "$W/manifest.before"
	echo 'not a state' > "$W/state/dedupe.state"
	run --separate-stderr day 2
	assert_failure 1
	assert_stderr_has "$W/state/dedupe.state" "nothing was processed"
	[ ! -e "$W/out/facts-2026-12-02.tsv.gz" ]
	cmp "$W/state/manifest.tsv" "$W/manifest.before"
	rm "$W/state/dedupe.state"
	run --separate-stderr day 2
	assert_success
	assert_stderr_has "2026-12-02: 2 files, 2 documents"
}

@test "daily: two runs at once: the second waits for the first and finds nothing new; --no-wait exits 75" {
	fake=$(slow_tagger 2)
	NF_BIN=$fake "$DAILY" --state "$W/state" --out "$W/out" --date 2026-12-01 "$W/feed/d1" 2>"$W/first.err" &
	first=$!
	for _ in $(seq 100); do [ -e "$W/in-stage" ] && break; sleep 0.1; done
	run --separate-stderr daily --no-wait --state "$W/state" --out "$W/out" --date 2026-12-01 "$W/feed/d1"
	assert_failure 75
	assert_stderr_has "another run holds"
	run --separate-stderr day 1
	assert_success
	assert_stderr_has "waiting" "2026-12-01: 0 files"
	wait "$first"
	grep -q "2026-12-01: 2 files, 2 documents" "$W/first.err"
}

@test "daily: a missing input is reported (exit 1), the others are processed" {
	run --separate-stderr daily --state "$W/state" --out "$W/out" --date 2026-12-01 "$W/feed/d1" "$W/nowhere"
	assert_failure 1
	assert_stderr_has "nowhere: no such file or folder" "2 files, 2 documents"
}

@test "daily: files given by name are taken like those of a folder, and recorded by absolute path" {
	cd "$W/feed"
	run --separate-stderr daily --state "$W/state" --out "$W/out" --date 2026-12-01 d1/ar-byd-riyadh.txt d1/de-batteriewerk.txt
	assert_success
	assert_stderr_has "2026-12-01: 2 files, 2 documents"
	assert_equal "$(cut -f1 "$W/state/manifest.tsv" | tr '\n' ' ')" "$W/feed/d1/ar-byd-riyadh.txt $W/feed/d1/de-batteriewerk.txt "
	run --separate-stderr daily --state "$W/state" --out "$W/out" --date 2026-12-01 "$W/feed/d1"
	assert_success
	assert_stderr_has "2026-12-01: 0 files, 0 documents"
}

@test "daily: hidden files and partial downloads in a folder are skipped" {
	cp "$SAMPLES/nl-chipfabriek.txt" "$W/feed/d1/.hidden.txt"
	cp "$SAMPLES/nl-chipfabriek.txt" "$W/feed/d1/nl.txt.part"
	run --separate-stderr day 1
	assert_success
	assert_stderr_has "2 files, 2 documents"
}

@test "daily: --help, --version and usage errors (exit 2)" {
	run --separate-stderr daily --help
	assert_success
	[[ ${lines[0]} == "Usage: daily --state DIR --out DIR"* ]]
	run --separate-stderr daily --version
	assert_success
	for args in "--out $W/o $W/feed" "--state $W/s $W/feed" "--state $W/s --out $W/o" "--state $W/s --out $W/o --date 2026-13-45 $W/feed" "--state $W/s --out $W/o --bogus $W/feed"; do
		# shellcheck disable=SC2086
		run --separate-stderr daily $args
		assert_failure 2
		assert_stderr_has "daily: "
	done
}
