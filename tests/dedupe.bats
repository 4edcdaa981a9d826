#!/usr/bin/env bats
# nf-dedupe: exact and near copies, --mark, --scope, empty texts, state files and their bad cases.
load helpers

nfd() { "$NF_BIN/nf-dedupe" "$@"; }

LONG='The chipmaker said on Tuesday that revenue rose 18 percent to 2.41 billion dollars in the fourth quarter, helped by strong orders from data centre operators in Asia and North America.'

@test "exact copies: case, NBSP, curly quotes, soft hyphens and spacing never hide a copy" {
	f=$(mkfile e.tsv 'id\ttext\nunit\n' )
	printf 'id\ttext\na\tIt’s the “best” deal, said Mr. Lee.\nb\tits the \"BEST\"\xc2\xa0deal  said mr lee\nc\tIt is a\xc2\xadnother deal.\n' > "$f"
	run --separate-stderr nfd --mode exact "$f"
	assert_success
	assert_output $'id\ttext\na\tIt’s the “best” deal, said Mr. Lee.\nc\tIt is a\xc2\xadnother deal.'
}

# rows 1 2 5 7 8 9 10 12 take exact mode's one-pass fast path; 3 (&), 4 (mojibake), 6 (an
# entity) and 11 (a control character) need cleaning and take the general path
MIXED='id\ttext\n1\tCaf\xc3\xa9 au lait, 2 euros.\n2\tcafe\xcc\x81  AU LAIT 2 EUROS\n3\tCAF\xc3\x89 au lait & 2 euros\n4\tCaf\xc3\x83\xc2\xa9 au lait, 2 euros.\n5\tCafe au lait, 2 euros.\n6\tCaf&eacute; au lait: 2 euros!\n7\t\xd8\xa7\xd9\x84\xd9\x82\xd9\x87\xd9\x88\xd8\xa9\n8\t\xd8\xa7\xd9\x84\xd9\x82\xd9\x87\xd9\x80\xd9\x80\xd9\x88\xd8\xa9\xd9\x8f\n9\t\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 \xe4\xb8\xad\xe6\x96\x87\n10\tabc\xe4\xb8\xad \xe6\x96\x87\n11\tStra\xc3\x9fe\x01\n12\tSTRASSE\n'

@test "exact mode: NFC and NFD, case, spacing, tatweel and harakat, full-width forms: the same copies by the fast path and by cleaning" {
	f=$(mkfile x.tsv "$MIXED")
	run --separate-stderr nfd --mode exact "$f"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -f1 | tr '\n' ' ')" 'id 1 7 9 11 '
	# --mark goes through the general per-row loop: the same verdicts
	run --separate-stderr nfd --mode exact --mark "$f"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -f1,3 | tr '\t\n' ': ')" 'id:dup_of 1: 2:1 3:1 4:1 5:1 6:1 7: 8:7 9: 10:9 11: 12:11 '
	# and the same rows of plain text, a record per line
	run --separate-stderr bash -o pipefail -c "tail -n +2 '$f' | cut -f2 | '$NF_BIN/nf-dedupe' | cut -f1 | tr '\n' ' '"
	assert_output 'id stdin:1 stdin:7 stdin:9 stdin:11 '
}

@test "exact mode: the one-pass fast path gives the general path's keys and words, or declines (tests/dupkey-paths.c)" {
	local root="$BATS_TEST_DIRNAME/.." b=build flags=
	[ "$(basename "$NF_BIN")" = bin-san ] && b=build-san flags="-fsanitize=address,undefined"
	[ -f "$root/$b/libnf.a" ] || skip "no $b/libnf.a (run make)"
	command -v "${CC:-cc}" > /dev/null || skip "no C compiler"
	"${CC:-cc}" -std=c11 -D_POSIX_C_SOURCE=200809L -I"$root/lib" $flags "$BATS_TEST_DIRNAME/dupkey-paths.c" "$root/$b/libnf.a" \
		$(pkg-config --libs libpcre2-8 libutf8proc zlib) -lcsv -o "$BATS_TEST_TMPDIR/dupkey-paths"
	printf "$MIXED" | cut -f2 > "$BATS_TEST_TMPDIR/mixed"
	run --separate-stderr "$BATS_TEST_TMPDIR/dupkey-paths" < "$BATS_TEST_TMPDIR/mixed"
	assert_success
	assert_output '13 texts, 9 fast, 4 declined, 0 differ'
	# random texts of ASCII, accents composed and not, many scripts, marks, ligatures, spaces,
	# and what needs cleaning (entities, controls, mojibake, invalid and four-byte sequences)
	run --separate-stderr "$BATS_TEST_TMPDIR/dupkey-paths" --random 50000
	assert_success
	assert_output --regexp '^50000 texts, [0-9]{5} fast, [0-9]{5} declined, 0 differ$'
}

@test "exact mode: a row is written as read, but a text with an escape, an unknown escape or a raw CR is written escaped as always" {
	printf '%s\n' $'id\ttext\tn' $'x\tA\\tB one\t1' $'y\tC\\qD two\t2' $'z\tE\rF three\t3' $'w\tG\\\\H four\t4' $'v\tplain five\t5' $'u\tPLAIN  five!\t6' > "$BATS_TEST_TMPDIR/esc.tsv"
	run --separate-stderr nfd --mode exact "$BATS_TEST_TMPDIR/esc.tsv"
	assert_success
	assert_output "$(printf '%s\n' $'id\ttext\tn' $'x\tA\\tB one\t1' $'y\tC\\\\qD two\t2' $'z\tE\\rF three\t3' $'w\tG\\\\H four\t4' $'v\tplain five\t5')"
}

@test "exact mode: repeats taken back out of the output buffer, one of them where the buffer (256 KiB) is full, as --mark decides them" {
	# rows of 1,024 bytes after an 8-byte header: row 255 is the one the buffer cannot hold whole, a repeat of row 0
	awk 'BEGIN { print "id\ttext"; f = sprintf("%1012s", ""); gsub(/ /, "x", f); for (i = 0; i < 300; i++) printf "%04d\tw%04d %s\n", i, (i == 255 ? 0 : i), f }' > "$BATS_TEST_TMPDIR/rows.tsv"
	# and many short rows, repeats among them from the start
	awk 'BEGIN { print "id\ttext"; for (i = 0; i < 60000; i++) printf "%d\tSentence number %d, said the %s report.\n", i, int((i * 7919) % 60000 / 3), (i % 3 ? "weekly" : "WEEKLY") }' > "$BATS_TEST_TMPDIR/many.tsv"
	for f in rows many; do
		run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-dedupe' --mode exact '$BATS_TEST_TMPDIR/$f.tsv' | tee '$BATS_TEST_TMPDIR/kept' | wc -l"
		assert_output "$([ $f = rows ] && echo 300 || echo 20001)"
		run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-dedupe' --mode exact --mark '$BATS_TEST_TMPDIR/$f.tsv' | awk -F'\t' 'NR == 1 || \$3 == \"\"' | cut -f1,2 | cmp - '$BATS_TEST_TMPDIR/kept'"
		assert_success
	done
}

@test "near copies: a few words changed, or a line added, is a copy; another text is not" {
	f=$(mkfile n.tsv "id\ttext\na\t$LONG\nb\t${LONG/strong/large} Shares rose.\nc\tA completely different story about football in Rome and Milan, with a long report of the match and the goals scored by both teams.\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 3 3)" a
	assert_equal "$(field 4 3)" ''
	assert_equal "$(field 1 3)" dup_of
	assert_equal "$(field 1 4)" similarity
}

@test "templates: the same frame with other numbers is no copy" {
	t1='Gold rose 1.2 percent to 1953.40 dollars an ounce on Monday in London trading, while silver added 0.8 percent to 23.10 dollars.'
	t2='Gold rose 0.4 percent to 1961.75 dollars an ounce on Tuesday in London trading, while silver added 1.3 percent to 23.55 dollars.'
	f=$(mkfile t.tsv "id\ttext\na\t$t1\nb\t$t2\n")
	run --separate-stderr nfd "$f"
	assert_success
	assert_equal "$(nrows)" 3
}

@test "short texts are compared exactly: 'Write a comment' and 'Write a comment below' both stay" {
	f=$(mkfile s.tsv 'id\ttext\na\tWrite a comment\nb\tWrite a comment below\nc\tWrite a Comment!\n')
	run --separate-stderr nfd --mode near "$f"
	assert_success
	assert_output $'id\ttext\na\tWrite a comment\nb\tWrite a comment below'
}

@test "rows without words are never copies of each other, unless --empty-dups" {
	f=$(mkfile m.tsv 'id\ttext\na\t\nb\t...\nc\t\n')
	run --separate-stderr nfd "$f"
	assert_success
	assert_equal "$(nrows)" 4
	run --separate-stderr nfd --empty-dups "$f"
	assert_success
	assert_output $'id\ttext\na\t'
}

@test "--scope: copies count only within rows of the same column value" {
	f=$(mkfile p.tsv 'id\tunit\ttext\nd1\t1\tSame sentence here.\nd1\t2\tSame sentence here.\nd2\t1\tSame sentence here.\n')
	run --separate-stderr nfd --scope id --mark "$f"
	assert_success
	assert_equal "$(field 3 4)" 'd1/1'
	assert_equal "$(field 4 4)" ''
}

@test "the default mode: exact for sentences (a unit column), near for documents (-v says which)" {
	f=$(mkfile u.tsv "id\tunit\ttext\nd\t1\t$LONG\nd\t2\t${LONG/strong/large}\n")
	run --separate-stderr nfd -v "$f"
	assert_success
	assert_equal "$(nrows)" 3
	assert_output --partial "${LONG/strong/large}"
	[[ "$stderr" == *"exact mode"* ]]
	[[ "$stderr" == *"bytes per item"* ]]
}

@test "--state: today's feed is deduplicated against yesterday's, and the same bytes come out every time" {
	f1=$(mkfile d1.tsv "id\ttext\na\t$LONG\n")
	f2=$(mkfile d2.tsv "id\ttext\nb\t$LONG\nc\tA new story about the harbour of Genoa and its container traffic in the first half of the year.\n")
	st=$BATS_TEST_TMPDIR/state
	run --separate-stderr nfd --state "$st" "$f1"
	assert_success
	[ -s "$st" ]
	run --separate-stderr nfd --state "$st" "$f2"
	assert_success
	assert_equal "$(nrows)" 2
	assert_equal "$(field 2 1)" c
	a=$(nfd "$f2" | md5sum); b=$(nfd "$f2" | md5sum)
	assert_equal "$a" "$b"
}

@test "--state: a truncated, corrupt or foreign file is refused and never overwritten" {
	f=$(mkfile d.tsv "id\ttext\na\t$LONG\n")
	st=$BATS_TEST_TMPDIR/state
	nfd --state "$st" "$f" >/dev/null
	head -c 40 "$st" > "$st.trunc"
	run --separate-stderr nfd --state "$st.trunc" "$f"
	assert_failure 1
	[[ "$stderr" == *"truncated state file"*"not overwritten"* ]]
	assert_equal "$(wc -c < "$st.trunc")" 40
	cp "$st" "$st.bad"; printf 'XXXX' | dd of="$st.bad" bs=1 seek=70 conv=notrunc 2>/dev/null
	run --separate-stderr nfd --state "$st.bad" "$f"
	assert_failure 1
	[[ "$stderr" == *"corrupt state file"* ]]
	printf 'id\ttext\n' > "$st.foreign"
	run --separate-stderr nfd --state "$st.foreign" "$f"
	assert_failure 1
	[[ "$stderr" == *"not an nf-dedupe state file"* ]]
	assert_equal "$(cat "$st.foreign")" $'id\ttext'
}

@test "--state: a header whose lengths exceed the file or deflate's ratio is refused before anything is allocated (found fuzzing)" {
	# found writing tests/fuzz/dedupe.c (its reading with the checksums made right): a header
	# with a right checksum but a length of 512 GB made nf-dedupe try to allocate it ("out of
	# memory") rather than call the file corrupt
	f=$(mkfile d.tsv "id\ttext\na\t$LONG\n")
	st=$BATS_TEST_TMPDIR/state
	nfd --state "$st" "$f" >/dev/null
	python3 - "$st" <<'PY'
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
for name, rl, cl in [("cl", 100, 1 << 39), ("rl", 1 << 39, len(d) - 72)]:
    h = bytearray(d[:72])
    struct.pack_into("<QQ", h, 48, rl, cl)
    struct.pack_into("<I", h, 68, zlib.crc32(bytes(h[:68])))
    open(sys.argv[1] + "." + name, "wb").write(bytes(h) + d[72:])
PY
	run --separate-stderr nfd --state "$st.cl" "$f"
	assert_failure 1
	[[ "$stderr" == *"state.cl: truncated state file; not overwritten"* ]]
	refute_stderr_has "out of memory"
	run --separate-stderr nfd --state "$st.rl" "$f"
	assert_failure 1
	[[ "$stderr" == *"state.rl: corrupt state file (lengths); not overwritten"* ]]
}

@test "--state: a file built with other parameters is refused" {
	f=$(mkfile d.tsv "id\ttext\na\t$LONG\n")
	st=$BATS_TEST_TMPDIR/state
	nfd --mode near --state "$st" "$f" >/dev/null
	run --separate-stderr nfd --mode exact --state "$st" "$f"
	assert_failure 1
	[[ "$stderr" == *"other parameters"* ]]
}

@test "--state --no-wait: a second run while the first holds the lock is refused" {
	command -v flock >/dev/null || skip "no flock(1) on this machine"
	f=$(mkfile d.tsv "id\ttext\na\t$LONG\n")
	st=$BATS_TEST_TMPDIR/state
	run --separate-stderr flock "$st.lock" "$NF_BIN/nf-dedupe" --no-wait --state "$st" "$f"
	assert_failure 1
	[[ "$stderr" == *"another run holds its lock"* ]]
}

@test "--state: a second run waits for the lock, saying so, then goes on" {
	command -v flock >/dev/null || skip "no flock(1) on this machine"
	f=$(mkfile d.tsv "id\ttext\na\t$LONG\n")
	st=$BATS_TEST_TMPDIR/state
	flock "$st.lock" sleep 1 &
	sleep 0.3
	run --separate-stderr "$NF_BIN/nf-dedupe" --state "$st" "$f"
	wait
	assert_success
	[[ "$stderr" == *"another run holds its lock"*"waiting"* ]]
	assert_equal "$(nrows)" 2
}

# issue 17: concurrent runs serialize on the lock and lose no update
@test "--state: 8 concurrent runs, each with its own articles, lose no update (exact mode: the articles are alike)" {
	for i in 1 2 3 4 5 6 7 8; do
		python3 -c "import sys; i = int(sys.argv[1]); sys.stdout.write('id\ttext\n' + ''.join('r%d-%d\tReport %d of batch %d: the council of town %d met on day %d and voted %d to %d on the budget of %d euros for roads, schools and parks in the district.\n' % (i, k, k, i, k * 7 + i, k % 28 + 1, k + i, k, k * 1000 + i) for k in range(200)))" "$i" > "$BATS_TEST_TMPDIR/b$i.tsv"
	done
	st=$BATS_TEST_TMPDIR/state
	for i in 1 2 3 4 5 6 7 8; do
		"$NF_BIN/nf-dedupe" -q --mode exact --state "$st" "$BATS_TEST_TMPDIR/b$i.tsv" > "$BATS_TEST_TMPDIR/o$i" 2> "$BATS_TEST_TMPDIR/e$i" &
	done
	wait
	for i in 1 2 3 4 5 6 7 8; do
		assert_equal "$(($(wc -l < "$BATS_TEST_TMPDIR/o$i") - 1))" 200
	done
	# every article of every run is in the state now: all 1,600 come out as copies
	run --separate-stderr bash -o pipefail -c 'cat "$1"/b*.tsv | awk "NR == 1 || !/^id\t/" | "$2" --mode exact --state "$3" -v | tail -n +2 | wc -l' _ "$BATS_TEST_TMPDIR" "$NF_BIN/nf-dedupe" "$st"
	assert_success
	assert_output 0
	[[ "$stderr" == *"1600 rows in, 0 rows out"* ]]
}

# issue 17: a run killed at any point, during the save too, leaves the old or the new state whole
@test "--state: 200 runs killed (SIGKILL) at random points: the state always loads, no temporary file stays" {
	python3 -c "
import random, sys
r = random.Random(7)
voc = [''.join(r.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(r.randint(3, 9))) for _ in range(20000)]
sys.stdout.write('id\ttext\n' + ''.join('s%d\t%s.\n' % (k, ' '.join(r.choice(voc) for _ in range(40))) for k in range(10000)))" > "$BATS_TEST_TMPDIR/big.tsv"
	st=$BATS_TEST_TMPDIR/state
	"$NF_BIN/nf-dedupe" -q --state "$st" "$BATS_TEST_TMPDIR/big.tsv" > /dev/null
	# how long a run of one new article takes: loading and saving the state
	t0=$(date +%s%N)
	printf 'id\ttext\nt0\tOne more story about the board of firm zero and its plans.\n' | "$NF_BIN/nf-dedupe" -q --state "$st" > /dev/null
	ms=$((($(date +%s%N) - t0) / 1000000 + 1))
	for i in $(seq 1 200); do
		printf 'id\ttext\nk%d\tStory k%d: a new report %d on the plans of the town council for %d new homes.\n' "$i" "$i" "$i" "$i" > "$BATS_TEST_TMPDIR/one.tsv"
		"$NF_BIN/nf-dedupe" -q --state "$st" "$BATS_TEST_TMPDIR/one.tsv" > /dev/null 2>> "$BATS_TEST_TMPDIR/err" &
		pid=$!
		sleep "$(awk -v r="$RANDOM" -v ms="$ms" 'BEGIN { printf "%.4f", (0.3 + r / 32768 * 0.9) * ms / 1000 }')"
		kill -9 "$pid" 2> /dev/null || true
		wait "$pid" 2> /dev/null || true
		# every run's state loads: the old or the new one, never a part of one
		[ "$(grep -c 'state file' "$BATS_TEST_TMPDIR/err")" = 0 ] || fail "run $i: $(cat "$BATS_TEST_TMPDIR/err")"
	done
	echo "# $(grep -c 'killed while saving' "$BATS_TEST_TMPDIR/err") of 200 runs were killed while saving" >&3
	run --separate-stderr bash -o pipefail -c 'head -n 101 "$1" | "$2" --state "$3" -v | tail -n +2 | wc -l' _ "$BATS_TEST_TMPDIR/big.tsv" "$NF_BIN/nf-dedupe" "$st"
	assert_success
	assert_output 0
	run ls "$BATS_TEST_TMPDIR"
	refute_output --partial "state.tmp."
}

@test "--state: a state path that cannot be written (a file where its folder should be) is an error" {
	f=$(mkfile d.tsv "id\ttext\na\t$LONG\n")
	run --separate-stderr nfd --state "$f/sub/state" "$f"
	assert_failure 1
	assert_stderr_has "$f/sub/state"
}

@test "--state with --max-items keeps the newest items only" {
	f=$(mkfile d.tsv "id\ttext\na\t$LONG\nb\tA new story about the harbour of Genoa and its container traffic in the first half of the year.\n")
	st=$BATS_TEST_TMPDIR/state
	nfd --state "$st" --max-items 1 "$f" >/dev/null
	run --separate-stderr nfd --state "$st" -v "$f"
	assert_success
	[[ "$stderr" == *"(1 from the state)"* ]]
	assert_equal "$(field 2 1)" a
}

@test "bad option values are usage errors" {
	run --separate-stderr nfd --threshold 2 /dev/null
	assert_failure 2
	run --separate-stderr nfd --mode fuzzy /dev/null
	assert_failure 2
	f=$(mkfile d.tsv 'id\ttext\na\tx\n')
	run --separate-stderr nfd --scope nosuch "$f"
	assert_failure 2
	[[ "$stderr" == *"nosuch"* ]]
}

# a longer article, a rewrite of a quarter of its words (numbers and names kept), a truncation
ART='Xiaomi said on Thursday that it delivered 23,500 electric cars in March, up from 18,200 in February, as the SU7 sedan found buyers in Beijing, Shanghai and Shenzhen. The company expects to hand over 120,000 cars this year and will open 59 new stores by June, chief executive Lei Jun told analysts on a call. Shares of Xiaomi rose 4.2 percent in Hong Kong, while rivals BYD and Nio fell 1.1 and 2.3 percent. The new factory in the Yizhuang district, built in 14 months, can make 150,000 cars a year, according to the filing.'
REWRITE='Xiaomi said on Thursday that it had delivered 23,500 electric cars in March, up from 18,200 in February, as its SU7 sedan drew customers in Beijing, Shanghai and Shenzhen. The firm expects to hand over 120,000 cars this year and plans to open 59 more shops by June, Lei Jun, its chief executive, told analysts. Xiaomi shares gained 4.2 percent in Hong Kong, while competitors BYD and Nio slipped 1.1 and 2.3 percent. Its new plant in the Yizhuang district, finished in 14 months, can build 150,000 cars a year, the filing showed.'
TEMPLATE='Xiaomi said on Monday that it delivered 31,700 electric cars in April, up from 23,500 in March, as the SU7 sedan found buyers in Wuhan, Chengdu and Hangzhou. The company expects to hand over 135,000 cars this year and will open 42 new stores by August, chief executive Lei Jun told analysts on a call. Shares of Xiaomi rose 2.7 percent in Hong Kong, while rivals BYD and Nio fell 0.6 and 1.9 percent. The new factory in the Yizhuang district, built in 11 months, can make 180,000 cars a year, according to the filing.'

@test "heavy edits: a rewrite of a quarter of the words with the same numbers and names is a copy; a truncated copy too" {
	f=$(mkfile h.tsv "id\ttext\na\t$ART\nb\t$REWRITE\nc\t${ART%% Shares of*}\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 3 3)" a
	assert_equal "$(field 4 3)" a
}

@test "templates: the same article frame with other numbers and places is no copy, even with the old numbers in it" {
	f=$(mkfile t.tsv "id\ttext\na\t$ART\nb\t$TEMPLATE\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 3 3)" ''
}

@test "a copy of a copy is a copy: every text seen counts, dropped or not (so chains of small edits go)" {
	f=$(mkfile c.tsv "id\ttext\na\t$ART\nb\t$REWRITE\nc\t${REWRITE/Shenzhen./Shenzhen and Guangzhou.}\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 3 3)" a
	assert_equal "$(field 4 3)" b
}

mr() { NF_BIN=$NF_BIN "$BATS_TEST_DIRNAME/../pipelines/dedupe-mapreduce" "$@"; }

@test "--mark: dup_kind says how a row is a copy: exact, near or paragraphs (map/reduce the same)" {
	f=$(mkfile k.tsv "id\ttext\na\t$ART\nb\t$ART\nc\t$REWRITE\nd\tOther news about something else entirely, from another desk and day.\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | head -n 1 | cut -f3-)" $'dup_of\tsimilarity\tdup_kind'
	assert_equal "$(printf '%s\n' "$output" | cut -f1,3,5 | tail -n +2 | tr '\t\n' ' |')" 'a  |b a exact|c a near|d  |'
	one=$output
	run --separate-stderr mr --mark "$f"
	assert_success
	assert_equal "$output" "$one"
}

@test "pipelines/dedupe-mapreduce: map, sort, reduce and apply give the bytes of one run" {
	f=$(mkfile m.tsv "id\tlang\ttext\na\ten\t$ART\nb\ten\t$REWRITE\nc\tnl\t$ART\nd\ten\t$TEMPLATE\ne\ten\t$ART\nf\ten\tWrite a comment\ng\ten\tWrite a Comment!\nh\ten\t\ni\ten\t$LONG\nj\tnl\t$REWRITE\n")
	for opts in "" "--mark" "--mark --scope lang" "--mode exact --mark" "--mark --threshold 0.8" "--mark --empty-dups"; do
		# shellcheck disable=SC2086
		one=$(nfd $opts "$f")
		# shellcheck disable=SC2086
		run --separate-stderr mr $opts "$f"
		assert_success
		assert_equal "$output" "$one"
	done
}

@test "a flood of template items sharing band keys (one frame, numbers apart): still found as copies, and map/reduce agrees (a band key indexes its first 64 texts)" {
	f=$BATS_TEST_TMPDIR/flood.tsv
	LC_ALL=C awk 'BEGIN { print "id\ttext"; for (i = 0; i < 150; i++)
		printf "t%d\tThe city council of Town%d met on Tuesday to discuss the annual budget for public works, parks and libraries. Members reviewed proposals from residents and local businesses and agreed to publish the minutes on the website within %d weeks. The next session will take place in the main hall and is open to the public. Item %d on the agenda.\n", i, i, i % 7 + 2, i }' >"$f"
	one=$(nfd --mark "$f")
	run --separate-stderr mr --mark "$f"
	assert_success
	assert_equal "$output" "$one"
	# all but the first two are copies (t1's numbers all differ from t0's: a template of it)
	assert_equal "$(printf '%s\n' "$one" | awk -F'\t' 'NR > 1 && $3 != "" { n++ } END { print n + 0 }')" 148
}

@test "--reduce: a band group's row is compared with the group's first 64 rows only, as a single run's band key indexes them" {
	# rows 1-70 share a band key; row 70 is the nearest to row 71 (60 of 64 signature values
	# against 40), but it is beyond the first 64
	run --separate-stderr bash -o pipefail -c "awk 'BEGIN { for (i = 1; i <= 71; i++) {
		sig = \"\"; for (v = 0; v < 64; v++) sig = sig (v < (i == 71 ? 64 : i == 70 ? 60 : 40) ? \"ab\" : sprintf(\"%02x\", i % 200 + 1))
		printf \"b00000001\\t%012d\\t%016x\\t%032x\\t%016x\\t10\\t%s\\tr%d\\n\", i, i, 0, 0, sig, i } }' | '$NF_BIN/nf-dedupe' --reduce"
	assert_success
	assert_output --partial $'000000000071\t000000000001\t40\tN\tr1'
	refute_output --partial $'000000000071\t000000000070'
	refute_output --partial $'000000000071\t000000000065'
}

@test "--shard K: shards cut in order, mapped apart, reduced together and applied apart give the bytes of one run" {
	f=$(mkfile m.tsv "id\tlang\ttext\na\ten\t$ART\nb\ten\t$REWRITE\nc\tnl\t$ART\nd\ten\t$TEMPLATE\ne\ten\t$ART\nf\ten\tWrite a comment\ng\ten\tWrite a Comment!\nh\ten\t\ni\ten\t$LONG\nj\tnl\t$REWRITE\n")
	# three shards of rows 1-3, 4-7, 8-10, each with the header
	for k in 0 1 2; do
		{ head -n 1 "$f"; tail -n +2 "$f" | sed -n "$((k * 4 + 1 - (k > 0))),$((k * 4 + 3))p"; } > "$BATS_TEST_TMPDIR/s$k.tsv"
	done
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/s?.tsv | grep -vc '^id')" 10
	for opts in "" "--mark" "--mark --paragraphs"; do
		# shellcheck disable=SC2086
		one=$(nfd $opts "$f")
		for k in 0 1 2; do nfd --emit-keys --shard "$k" $opts "$BATS_TEST_TMPDIR/s$k.tsv"; done |
			LC_ALL=C sort -t$'\t' -k1,1 | nfd --reduce | LC_ALL=C sort -t$'\t' -k1,1 > "$BATS_TEST_TMPDIR/dec"
		head -n 1 "$BATS_TEST_TMPDIR/dec" | grep -q $'^[0-9]\{18\}\t[0-9]\{18\}\t' || [ ! -s "$BATS_TEST_TMPDIR/dec" ]
		all=$(for k in 0 1 2; do nfd --apply "$BATS_TEST_TMPDIR/dec" --shard "$k" $opts "$BATS_TEST_TMPDIR/s$k.tsv" | if [ "$k" = 0 ]; then cat; else tail -n +2; fi; done)
		assert_equal "$all" "$one"
	done
	run --separate-stderr nfd --shard 1 "$f"
	assert_failure 2
	assert_stderr_has "--shard"
}

@test "--emit-keys: one line per key, exact key first; --reduce: copies per key group" {
	f=$(mkfile k.tsv "id\ttext\na\t$ART\nb\t$ART\nc\tWrite a comment\n")
	run --separate-stderr nfd --emit-keys "$f"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | grep -c '^e')" 3
	assert_equal "$(printf '%s\n' "$output" | grep -c $'^b[0-9a-f]\{8\}\t000000000001\t')" 14
	assert_equal "$(printf '%s\n' "$output" | grep -c $'\t000000000003\t')" 1
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-dedupe' --emit-keys '$f' | LC_ALL=C sort | '$NF_BIN/nf-dedupe' --reduce | sort -u"
	assert_success
	assert_output $'000000000002\t000000000001\t64\tE\ta'
}

@test "--reduce: a line that is not a key line is an error with its line number" {
	run --separate-stderr bash -o pipefail -c "printf 'e0123\tx\n' | '$NF_BIN/nf-dedupe' --reduce"
	assert_failure 1
	[[ "$stderr" == *":1: not a key line"* ]]
}

@test "--apply: unsorted decisions, or decisions for rows that do not exist, are errors" {
	f=$(mkfile a.tsv "id\ttext\na\t$ART\nb\t$ART\nc\t$ART\n")
	d=$(mkfile d.tsv '000000000003\t000000000001\t64\tE\ta\n000000000002\t000000000001\t64\tE\ta\n')
	run --separate-stderr nfd --apply "$d" "$f"
	assert_failure 1
	[[ "$stderr" == *"not sorted"* ]]
	d=$(mkfile d.tsv '000000000009\t000000000001\t64\tE\ta\n')
	run --separate-stderr nfd --apply "$d" "$f"
	assert_failure 1
	[[ "$stderr" == *"row 9, beyond the 3 rows"* ]]
	run --separate-stderr nfd --apply "$d" --state "$BATS_TEST_TMPDIR/s" "$f"
	assert_failure 2
}

P1='The harbour authority said container traffic rose in the first half as new routes to Asia opened and two shipping lines moved their hub to the port.'
P2='Dock workers agreed a new contract on Friday after three weeks of talks, ending the threat of a strike that had worried exporters across the region.'
P3='The city council approved the budget for the new tram line, which will link the station with the university and the hospital by the end of next year.'
P4='Rail freight fell for the fourth month in a row, the statistics office said, as steel makers cut output and the chemical industry moved orders abroad.'

@test "--paragraphs: a document made of paragraphs seen in earlier documents is a copy of the one holding most of them" {
	f=$BATS_TEST_TMPDIR/p.tsv
	{
		printf 'id\ttext\n'
		printf 'a\t%s\\n%s\n' "$P1" "$P2"
		printf 'b\t%s\\n%s\n' "$P3" "$P4"
		printf 'c\tPort news in brief\\n%s\\n%s\n' "$P1" "$P3"
		printf 'd\t%s\\nA new paragraph on the airport, whose passenger numbers doubled since the spring and whose new terminal opens in May.\n' "$P3"
	} > "$f"
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 4 3)" ''
	run --separate-stderr nfd --mark --paragraphs -v "$f"
	assert_success
	assert_equal "$(field 4 3)" b
	assert_equal "$(field 4 4)" 1.000
	assert_equal "$(field 4 5)" paragraphs
	assert_equal "$(field 5 3)" ''
	[[ "$stderr" == *"1 by paragraphs"* ]]
	one=$(nfd --mark --paragraphs "$f")
	run --separate-stderr mr --mark --paragraphs "$f"
	assert_success
	assert_equal "$output" "$one"
}

@test "--paragraphs with --state: the paragraphs seen carry over; a state built without them is refused" {
	f=$BATS_TEST_TMPDIR/p1.tsv g=$BATS_TEST_TMPDIR/p2.tsv st=$BATS_TEST_TMPDIR/pst
	{ printf 'id\ttext\n'; printf 'a\t%s\\n%s\n' "$P1" "$P2"; printf 'b\t%s\\n%s\n' "$P3" "$P4"; } > "$f"
	{ printf 'id\ttext\n'; printf 'c\tPort news in brief\\n%s\\n%s\n' "$P1" "$P3"; } > "$g"
	nfd --paragraphs --mark --state "$st" "$f" > /dev/null
	run --separate-stderr nfd --paragraphs --state "$st" --mark "$g"
	assert_success
	assert_equal "$(field 2 3)" b
	run --separate-stderr nfd --mark --state "$st" "$g"
	assert_failure 1
	[[ "$stderr" == *"paragraphs on); this run: mode near, ids kept, paragraphs off"* ]]
}

@test "plain text: a record per line (id FILE:LINE), as sort -u has it; blank lines are no records" {
	f=$(mkfile lines.txt 'Write a comment\nwrite a comment!\n\nSomething else\n')
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_output $'id\ttext\tdup_of\tsimilarity\tdup_kind\nlines:1\tWrite a comment\t\t\t\nlines:2\twrite a comment!\tlines:1\t1.000\texact\nlines:4\tSomething else\t\t\t'
	run --separate-stderr bash -o pipefail -c "printf 'b\nB.\na\n' | '$NF_BIN/nf-dedupe'"
	assert_success
	assert_output $'id\ttext\nstdin:1\tb\nstdin:3\ta'
}

@test "--state with --max-items in exact mode: a day that does not fit whole is cut to the room left" {
	f=$(mkfile s.tsv 'id\ttext\tunit\na\tThe first sentence.\t1\na\tThe second sentence.\t2\na\tThe third sentence.\t3\n')
	st=$BATS_TEST_TMPDIR/xstate
	nfd --state "$st" --max-items 2 "$f" >/dev/null
	run --separate-stderr nfd --state "$st" -v "$f"
	assert_success
	[[ "$stderr" == *"2 duplicates (2 exact"* ]]
	[[ "$stderr" == *"(2 from the state)"* ]]
	assert_equal "$(nrows)" 2
}

@test "--state in a folder that does not exist yet (a first run with ~/.cache/...): the folders are created" {
	f=$(mkfile in.txt 'one line of news\nanother line of news\n')
	run --separate-stderr "$NF_BIN/nf-dedupe" --state "$BATS_TEST_TMPDIR/new/sub/news.dedupe" "$f"
	assert_success
	[ -s "$BATS_TEST_TMPDIR/new/sub/news.dedupe" ]
	run --separate-stderr "$NF_BIN/nf-dedupe" --state "$BATS_TEST_TMPDIR/new/sub/news.dedupe" "$f"
	assert_success
	assert_equal "$(nrows)" 1
}

# dates and times never count against a pair: a story with few numbers of its own, as one site
# and another carry it (byline date, dateline, updated time, copyright year)
STORY='The city council voted on Tuesday to close the old bridge over the river to cars and lorries, after engineers found cracks in two of its piers. Buses and bicycles may still cross while a new bridge is planned, the mayor told reporters, adding that the repairs would take at least 3 years. Shop owners on both banks said they feared losing customers, and a group of residents asked the council to build a temporary crossing for the market days.'

@test "dates: copies that differ only in byline dates, an updated time and a (c) year are copies" {
	f=$BATS_TEST_TMPDIR/d.tsv
	{
		printf 'id\ttext\n'
		printf 'a\t%s\\n\\n%s\\n\\n%s\n' 'By Anna Berg | London, 2024-03-05 14:22' "$STORY" 'Copyright 2019 Daily Courier. All rights reserved.'
		printf 'b\t%s\\n\\n%s\\n\\n%s\n' 'Von Lena Vos | Berlin, 12.06.2023 09:41' "$STORY" '(c) 2021 Press Agency Ltd. Updated 18:05'
		printf 'c\t%s\\n\\n%s\\n\\n%s\n' 'Published March 7, 2022, 7:30' "$STORY" '© 2015-2020 Metro Media Group'
		printf 'd\t%s\\n\\n%s\\n\\n%s\n' 'الرياض، 5 مارس 2024' "$STORY" 'حقوق النشر 2018'
		printf 'e\t%s\\n\\n%s\n' '发布于2024年3月5日 10:20' "$STORY"
		printf 'f\t%s\\n\\n%s\n' 'Madrid, 5 de marzo de 2024' "$STORY"
	} > "$f"
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(nrows)" 7
	for r in 3 4 5; do assert_equal "$(field "$r" 3)" a; done
	[ -n "$(field 6 3)" ] && [ -n "$(field 7 3)" ] # the nearest earlier copy: a or d
}

@test "dates: two copies that differ only in an hh:mm are copies" {
	f=$(mkfile t.tsv "id\ttext\na\tUpdated at 14:22: $STORY\nb\tUpdated at 09:41: $STORY\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 3 3)" a
}

@test "dates: templates that differ in a price or a count are still kept, dates or not" {
	t1='On 5 March 2024 the market hall sold 120 bikes at 450 euros each and 35 scooters at 980 euros, the organisers said, while the second-hand stalls took 12,400 euros in the morning and 8,100 in the afternoon.'
	t2='On 5 March 2024 the market hall sold 95 bikes at 520 euros each and 41 scooters at 860 euros, the organisers said, while the second-hand stalls took 10,900 euros in the morning and 7,300 in the afternoon.'
	f=$(mkfile t.tsv "id\ttext\na\t$t1\nb\t$t2\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 3 3)" ''
	t3='Gold rose 1.2 percent to 1953.40 dollars an ounce at 10:15 GMT on 2024-03-05 in London trading, while silver added 0.8 percent to 23.10 dollars.'
	t4='Gold rose 0.4 percent to 1961.75 dollars an ounce at 10:15 GMT on 2024-03-05 in London trading, while silver added 1.3 percent to 23.55 dollars.'
	f=$(mkfile g.tsv "id\ttext\na\t$t3\nb\t$t4\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 3 3)" ''
}

@test "--state: a near-mode state of format version 2 (dates in its number sets) is refused with a clear message; an exact one is read" {
	f=$(mkfile d.tsv "id\ttext\na\t$LONG\n")
	st=$BATS_TEST_TMPDIR/state
	nfd --state "$st" "$f" >/dev/null
	printf '\002\000\000\000' | dd of="$st" bs=1 seek=8 conv=notrunc 2>/dev/null
	cp "$st" "$st.old"
	run --separate-stderr nfd --state "$st" "$f"
	assert_failure 1
	[[ "$stderr" == *"format version 2 (this program reads 3: its number sets still hold dates); start a new state"*"not overwritten"* ]]
	cmp "$st" "$st.old"
	command -v python3 >/dev/null || skip "no python3 to rewrite the header checksum"
	nfd --mode exact --state "$st.x" "$f" >/dev/null
	python3 -c 'import sys, zlib; p = sys.argv[1]; h = bytearray(open(p, "rb").read()); h[8:12] = (2).to_bytes(4, "little"); h[68:72] = zlib.crc32(bytes(h[:68])).to_bytes(4, "little"); open(p, "wb").write(h)' "$st.x"
	run --separate-stderr nfd --mode exact --state "$st.x" "$f"
	assert_success
	assert_equal "$(nrows)" 1
}

@test "stubs: a teaser of under 20 words and 'Continue reading' is no copy of its article, before it or after it; a repeated teaser is" {
	stub='The city council voted on Tuesday to close the old bridge over the river to cars … Continue reading'
	f=$(mkfile s.tsv "id\ttext\na\t$stub\nb\t$STORY\nc\t${stub/… Continue reading/Lire la suite}\nd\t$stub\ne\t$STORY Weiterlesen\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 3 3)" ''
	assert_equal "$(field 4 3)" ''
	assert_equal "$(field 5 3)" a
	assert_equal "$(field 6 3)" b
	one=$(nfd --mark "$f")
	run --separate-stderr mr --mark "$f"
	assert_success
	assert_equal "$output" "$one"
}

@test "containment both ways: the full article after its truncated copy is a copy of it (the first seen is kept)" {
	short="${ART%% chief executive*}"
	f=$(mkfile c.tsv "id\ttext\na\t$short\nb\t$ART\nc\t$STORY\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 2 3)" ''
	assert_equal "$(field 3 3)" a
	assert_equal "$(field 4 3)" ''
	one=$(nfd --mark "$f")
	run --separate-stderr mr --mark "$f"
	assert_success
	assert_equal "$output" "$one"
}

@test "siblings: two copies of one story before it match each other, and the story matches them" {
	short="${ART%% chief executive*}"
	edited="${ART/delivered/handed over}"
	edited="SHANGHAI, March 5 (Wire) - ${edited/can make/can produce}"
	f=$(mkfile s.tsv "id\ttext\ns1\t$short\ns2\t$edited\no\t$ART\n")
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 2 3)" ''
	assert_equal "$(field 3 3)" s1
	assert_equal "$(field 4 3)" s2
	run --separate-stderr nfd "$f"
	assert_success
	assert_equal "$(nrows)" 2
	one=$(nfd --mark "$f")
	run --separate-stderr mr --mark "$f"
	assert_success
	assert_equal "$output" "$one"
}

@test "containment both ways on two sites: a truncated copy in one frame, then the full story in another (a (c) year after a line break is a date)" {
	short="${STORY%%, adding that*}."
	f=$BATS_TEST_TMPDIR/f.tsv
	{
		printf 'id\ttext\n'
		printf 'a\t%s\\n%s\\n%s\n' 'By Anna Berg | London, 2024-03-05 14:22' "$short" '(c) 2018 Press Agency Ltd'
		printf 'b\t%s\\n%s\\n%s\n' 'Von Lena Vos | Berlin, 12.06.2023 09:41' "$STORY" 'Copyright 2019 Daily Courier. All rights reserved.'
	} > "$f"
	run --separate-stderr nfd --mark "$f"
	assert_success
	assert_equal "$(field 3 3)" a
	# the year after "(c)" is a date part, whatever separators come before the "("
	run --separate-stderr nfd --emit-keys "$f"
	assert_success
	nums=$(printf '%s\n' "$output" | awk -F'\t' '$1 ~ /^e/ && $8 == "a" { print substr($4, 1, 16) }')
	assert_equal "$nums" 0000000000000000
}
