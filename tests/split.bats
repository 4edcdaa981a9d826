#!/usr/bin/env bats
# split.bats — the nf-split spec: the golden sentence cases (tests/split-cases.tsv, checked by
# tests/split-cases.sh, one test per language), columns and pass-through, unit numbering and
# offsets, paragraphs, plain text, options, bad input, and the pipeline against the gold.

load helpers

sp() { "$NF_BIN/nf-split" "$@"; }

UHDR=$'unit\tunit_start\tunit_end'

# ================================================================ golden cases

# cases LANG MIN: every case of LANG in tests/split-cases.tsv passes (and there are >= MIN)
cases() {
	run --separate-stderr "$BATS_TEST_DIRNAME/split-cases.sh" "$1"
	local last=
	if [ ${#lines[@]} -gt 0 ]; then last=${lines[${#lines[@]} - 1]}; fi
	[[ $last =~ ^split\ cases:\ [0-9]+/([0-9]+)\ passed$ ]] || fail "$(printf 'no summary line\n%s\n%s' "$output" "$stderr")"
	[ "${BASH_REMATCH[1]}" -ge "$2" ] || fail "only ${BASH_REMATCH[1]} cases for $1, want at least $2"
	assert_success
}

@test "golden cases: the table is well formed (header, 4 fields, >= 180 cases, >= 15 per main language)" {
	f=$BATS_TEST_DIRNAME/split-cases.tsv
	assert_equal "$(head -1 "$f")" $'lang\ttext\tunits\tnote'
	run awk -F'\t' 'NR > 1 && NF != 4 { print FILENAME ":" NR ": " NF " fields" }' "$f"
	assert_output ''
	[ "$(tail -n +2 "$f" | grep -c .)" -ge 180 ] || fail "fewer than 180 cases"
	for l in nl it ar en de fr es; do
		n=$(awk -F'\t' -v l="$l" 'NR > 1 && $1 == l' "$f" | wc -l)
		[ "$n" -ge 15 ] || fail "only $n cases for $l"
	done
	# no raw TAB or CR inside a field, and every case has a note
	run awk -F'\t' 'NR > 1 && (/\r/ || $4 == "") { print NR }' "$f"
	assert_output ''
}

@test "golden cases: en (English)" { cases en 30; }
@test "golden cases: de (German)" { cases de 25; }
@test "golden cases: nl (Dutch)" { cases nl 25; }
@test "golden cases: fr (French)" { cases fr 25; }
@test "golden cases: it (Italian)" { cases it 15; }
@test "golden cases: es (Spanish)" { cases es 15; }
@test "golden cases: ar (Arabic)" { cases ar 15; }
@test "golden cases: pt (Portuguese)" { cases pt 3; }
@test "golden cases: ru (Russian)" { cases ru 3; }
@test "golden cases: zh (Chinese)" { cases zh 2; }
@test "golden cases: ja (Japanese)" { cases ja 2; }
@test "golden cases: hi (Hindi)" { cases hi 2; }
@test "golden cases: ur (Urdu)" { cases ur 1; }
@test "golden cases: und (unknown language)" { cases und 5; }

@test "golden cases: every language in the table has a test above" {
	run awk -F'\t' 'NR > 1 { print $1 }' "$BATS_TEST_DIRNAME/split-cases.tsv"
	for l in $(printf '%s\n' "${lines[@]}" | sort -u); do
		grep -q "^@test \"golden cases: $l (" "$BATS_TEST_FILENAME" || fail "no test for language $l"
	done
}

# ================================================================ columns, numbering, offsets

@test "columns: the input columns in order with text replaced by the unit, then unit unit_start unit_end" {
	f=$(mkfile c.tsv 'src\tid\ttext\tlang\tnote\nS1\tA\tFirst one. Second one.\ten\tn1\n')
	run --separate-stderr sp "$f"
	assert_success
	assert_stderr_empty
	assert_output $'src\tid\ttext\tlang\tnote\t'"$UHDR"$'\nS1\tA\tFirst one.\ten\tn1\t1\t0\t10\nS1\tA\tSecond one.\ten\tn1\t2\t11\t22'
}

@test "numbering: units are numbered from 1 in each document, in order" {
	f=$(mkfile n.tsv 'id\tlang\ttext\nA\ten\tOne. Two.\nB\ten\tThree. Four. Five.\nC\ten\tSix.\n')
	run --separate-stderr sp "$f"
	assert_success
	run awk -F'\t' 'NR > 1 { printf "%s%s ", $1, $4 }' <<< "$output"
	assert_output 'A1 A2 B1 B2 B3 C1 '
}

@test "offsets: multi-byte text, \\n \\t and \\\\ escapes; [unit_start, unit_end) of the unescaped text is the unit" {
	t=$'Gr\xc3\xb6\xc3\x9fe z\xc3\xa4hlt. Ja, sagt er.\\n\xc3\x9cber 2,5 Mrd. \xe2\x82\xac flie\xc3\x9fen.\\n中文句子。下一句。\\nالصين تنمو. وقال المدير.\\nPath C:\\\\data\\\\x\\tis ready. End.'
	printf 'id\tlang\ttext\nm\tund\t%s\n' "$t" > "$BATS_TEST_TMPDIR/o.tsv"
	run --separate-stderr sp "$BATS_TEST_TMPDIR/o.tsv"
	assert_success
	assert_output "id	lang	text	$UHDR
m	und	Größe zählt.	1	0	15
m	und	Ja, sagt er.	2	16	28
m	und	Über 2,5 Mrd. € fließen.	3	29	57
m	und	中文句子。	4	58	73
m	und	下一句。	5	73	85
m	und	الصين تنمو.	6	86	106
m	und	وقال المدير.	7	107	129
m	und	Path C:\\\\data\\\\x\\tis ready.	8	130	154
m	und	End.	9	155	159"
	# and the same mechanically, cutting bytes out of the unescaped text
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/o.out"
	run env LC_ALL=C awk -F'\t' '
		function unesc(s,    r, i, c) {
			r = ""
			while ((i = index(s, "\\")) > 0) {
				c = substr(s, i + 1, 1)
				r = r substr(s, 1, i - 1) (c == "n" ? "\n" : c == "t" ? "\t" : c == "r" ? "\r" : c)
				s = substr(s, i + 2)
			}
			return r s
		}
		FNR == 1 { next }
		FILENAME == ARGV[1] { doc[$1] = unesc($3); next }
		substr(doc[$1], $5 + 1, $6 - $5) != unesc($3) { print "unit " $4 " [" $5 "," $6 ") is not " $3 }
	' "$BATS_TEST_TMPDIR/o.tsv" "$BATS_TEST_TMPDIR/o.out"
	assert_output ''
}

# ================================================================ paragraphs

@test "--by paragraph: blocks between blank lines (a line of spaces is blank), trimmed, offsets exact" {
	f=$(mkfile p.tsv 'id\ttext\np\tP1 s1. P1 s2.\\nP1 line two.\\n\\nP2 only.\\n  \\n\\nP3 after blank lines.  \n')
	run --separate-stderr sp --by paragraph "$f"
	assert_success
	assert_output $'id\ttext\t'"$UHDR"$'\np\tP1 s1. P1 s2.\\nP1 line two.\t1\t0\t26\np\tP2 only.\t2\t28\t36\np\tP3 after blank lines.\t3\t41\t62'
}

@test "--by sentence is the default; --by with another value is a usage error (2)" {
	f=$(mkfile s.tsv 'id\ttext\n1\tOne here. Two here.\n')
	run --separate-stderr sp --by sentence "$f"
	assert_success
	sentence=$output
	run --separate-stderr sp "$f"
	assert_output "$sentence"
	assert_equal "$(nrows)" 3
	run --separate-stderr sp --by word "$f"
	assert_failure 2
	assert_stderr_has "--by"
}

# ================================================================ plain text, fields

@test "plain text without a header: one document with id stdin" {
	run --separate-stderr bash -o pipefail -c 'echo "Xiaomi will invest \$10 billion. It said so on Monday." | "$1"' _ "$NF_BIN/nf-split"
	assert_success
	assert_stderr_empty
	assert_output $'id\ttext\t'"$UHDR"$'\nstdin\tXiaomi will invest $10 billion.\t1\t0\t31\nstdin\tIt said so on Monday.\t2\t32\t53'
}

@test "plain text: several lines are one document, each line ends a unit" {
	run --separate-stderr bash -o pipefail -c 'printf "Headline here\nFirst sentence. Second one.\n\nTag\n" | "$1"' _ "$NF_BIN/nf-split"
	assert_success
	run awk -F'\t' 'NR > 1 { print $1 "|" $2 "|" $3 }' <<< "$output"
	assert_output $'stdin|Headline here|1\nstdin|First sentence.|2\nstdin|Second one.|3\nstdin|Tag|4'
}

@test "--in tsv on a file without a text column: error naming file and column, exit 1" {
	f=$(mkfile n.tsv 'id\tbody\n1\tSome body. More body.\n')
	run --separate-stderr sp --in tsv "$f"
	assert_failure 1
	refute_output --partial 'Some body'
	assert_stderr_has "n.tsv:1:" "text"
}

@test "-f NAME selects another column; the text column passes through" {
	f=$(mkfile f.tsv 'id\tbody\ttext\n1\tOne. Two.\tkeep me\n')
	run --separate-stderr sp -f body "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\tbody\ttext\t'"$UHDR"$'\n1\tOne.\tkeep me\t1\t0\t4\n1\tTwo.\tkeep me\t2\t5\t9'
}

@test "-f NUMBER selects a column by number in a file with a header (--help: name or number)" {
	f=$(mkfile f.tsv 'id\tbody\ttext\n1\tOne. Two.\tkeep me\n')
	run --separate-stderr sp --field 2 "$f"
	assert_success
	assert_output $'id\tbody\ttext\t'"$UHDR"$'\n1\tOne.\tkeep me\t1\t0\t4\n1\tTwo.\tkeep me\t2\t5\t9'
}

@test "-N: headerless rows in and out, -f by number" {
	run --separate-stderr bash -o pipefail -c 'printf "1\tOne. Two.\n" | "$1" -N -f 2' _ "$NF_BIN/nf-split"
	assert_success
	assert_output $'1\tOne.\t1\t0\t4\n1\tTwo.\t2\t5\t9'
	run --separate-stderr bash -o pipefail -c 'printf "1\tOne. Two.\n" | "$1" -N' _ "$NF_BIN/nf-split"
	assert_failure 2
}

@test "--lang overrides the lang column" {
	# "zum 2. Mal" is a German ordinal: one sentence with German rules, whatever the lang column says
	f=$(mkfile l.tsv 'id\tlang\ttext\n1\tnl\tDie Messe findet zum 2. Mal statt. Das ist neu.\n')
	run --separate-stderr sp --lang de "$f"
	assert_success
	assert_equal "$(nrows)" 3
	assert_equal "$(field 2 3)|$(field 3 3)" 'Die Messe findet zum 2. Mal statt.|Das ist neu.'
	assert_equal "$(field 2 2)" nl
}

# ================================================================ bad input

@test "an empty text field: no unit, the row counted (-v: 1 rows without text), exit 0" {
	f=$(mkfile e.tsv 'id\ttext\n1\t\n2\tOne. Two.\n')
	run --separate-stderr sp -v "$f"
	assert_success
	assert_output $'id\ttext\t'"$UHDR"$'\n2\tOne.\t1\t0\t4\n2\tTwo.\t2\t5\t9'
	assert_stderr_has "2 rows in" "1 rows without text"
}

@test "a 50 MB paragraph without punctuation: one unit of the right length, bounded memory" {
	yes 'word ' | tr -d '\n' | head -c 50000000 > "$BATS_TEST_TMPDIR/big.txt"
	tm=()
	if /usr/bin/time -f %M true 2> /dev/null; then tm=(/usr/bin/time -o "$BATS_TEST_TMPDIR/rss" -f %M); fi
	"${tm[@]}" "$NF_BIN/nf-split" --in text "$BATS_TEST_TMPDIR/big.txt" > "$BATS_TEST_TMPDIR/big.out" 2> "$BATS_TEST_TMPDIR/big.err" \
		|| fail "exit status $?: $(head -c 500 "$BATS_TEST_TMPDIR/big.err")"
	[ ! -s "$BATS_TEST_TMPDIR/big.err" ] || fail "stderr: $(head -c 500 "$BATS_TEST_TMPDIR/big.err")"
	assert_equal "$(nrows "$BATS_TEST_TMPDIR/big.out")" 2
	# (cut and wc, not awk: mawk is very slow on a 50 MB line)
	assert_equal "$(tail -n +2 "$BATS_TEST_TMPDIR/big.out" | cut -f1,3-)" $'big\t1\t0\t49999999'
	# 10,000,000 'word ' minus the trailing space, plus the newline
	assert_equal "$(tail -n +2 "$BATS_TEST_TMPDIR/big.out" | cut -f2 | wc -c)" 50000000
	if [ ${#tm[@]} -gt 0 ]; then
		# memory bounded by the record: well under 5 times its size (250 MB), sanitizers included
		[ "$(cat "$BATS_TEST_TMPDIR/rss")" -lt 250000 ] || fail "max RSS $(cat "$BATS_TEST_TMPDIR/rss") KB"
	fi
	rm -f "$BATS_TEST_TMPDIR/big.txt" "$BATS_TEST_TMPDIR/big.out"
}

@test "invalid UTF-8 in the text: U+FFFD, a warning naming file and line, exit 0" {
	f=$(mkfile bad.tsv 'id\ttext\n1\tok here. Fine.\n2\tbad \xff here. Next.\n')
	run --separate-stderr sp "$f"
	assert_success
	assert_output $'id\ttext\t'"$UHDR"$'\n1\tok here.\t1\t0\t8\n1\tFine.\t2\t9\t14\n2\tbad \xef\xbf\xbd here.\t1\t0\t13\n2\tNext.\t2\t14\t19'
	assert_stderr_has "bad.tsv:3:" "invalid UTF-8"
}

@test "invalid UTF-8 in the text: the repair is counted in the -v summary" {
	f=$(mkfile bad.tsv 'id\ttext\n1\tok here.\n2\tbad \xff here.\n')
	run --separate-stderr sp -v "$f"
	assert_success
	[[ $stderr =~ [^0-9]1\ repairs? ]] || fail "$(printf 'the summary does not count 1 repair:\n%s' "$stderr")"
}

@test "--strict: invalid UTF-8 in the text is an error, exit 1" {
	f=$(mkfile bad.tsv 'id\ttext\n1\tok here.\n2\tbad \xff here.\n')
	run --separate-stderr sp --strict "$f"
	assert_failure 1
	assert_line --index 1 $'1\tok here.\t1\t0\t8'
	assert_stderr_has "bad.tsv:3:"
}

@test "a ragged row: error with its line number, the other rows split, exit 1" {
	f=$(mkfile r.tsv 'id\ttext\tmore\n1\tA one. A two.\tm1\n2\tshort\n3\tC one.\tm3\n4\tlong\tm4\textra\n5\tE one.\tm5\n')
	run --separate-stderr sp "$f"
	assert_failure 1
	assert_output $'id\ttext\tmore\t'"$UHDR"$'\n1\tA one.\tm1\t1\t0\t6\n1\tA two.\tm1\t2\t7\t13\n3\tC one.\tm3\t1\t0\t6\n5\tE one.\tm5\t1\t0\t6'
	assert_stderr_has "r.tsv:3:" "r.tsv:5:"
}

@test "CRLF input: no CR in the output, offsets without the CR (TSV and plain text)" {
	f=$(mkfile crlf.tsv 'id\ttext\r\n1\tOne. Two.\r\n2\tThree.\r\n')
	run --separate-stderr sp "$f"
	assert_success
	assert_output $'id\ttext\t'"$UHDR"$'\n1\tOne.\t1\t0\t4\n1\tTwo.\t2\t5\t9\n2\tThree.\t1\t0\t6'
	run --separate-stderr bash -o pipefail -c 'printf "One.\r\nTwo.\r\nThree.\r\n" | "$1"' _ "$NF_BIN/nf-split"
	assert_success
	assert_output $'id\ttext\t'"$UHDR"$'\nstdin\tOne.\t1\t0\t4\nstdin\tTwo.\t2\t5\t9\nstdin\tThree.\t3\t10\t16'
}

@test "gzip input is detected by content: the same output as the plain file" {
	printf 'id\tlang\ttext\n1\ten\tOne. Two.\n2\tde\tAm 3. Oktober. Dann.\n' > "$BATS_TEST_TMPDIR/plain.tsv"
	gzip -c "$BATS_TEST_TMPDIR/plain.tsv" > "$BATS_TEST_TMPDIR/packed.tsv"
	run --separate-stderr sp "$BATS_TEST_TMPDIR/plain.tsv"
	assert_success
	want=$output
	assert_equal "$(nrows)" 5
	run --separate-stderr sp "$BATS_TEST_TMPDIR/packed.tsv"
	assert_success
	assert_stderr_empty
	assert_output "$want"
	run --separate-stderr bash -o pipefail -c '"$1" < "$2"' _ "$NF_BIN/nf-split" "$BATS_TEST_TMPDIR/packed.tsv"
	assert_success
	assert_output "$want"
}

@test "| head -1 ends quietly: no message, killed by SIGPIPE or exit 0 (0 when SIGPIPE is ignored)" {
	{ printf 'id\ttext\n'; seq 1 200000 | sed 's/$/\tFirst sentence here. Second one follows./'; } > "$BATS_TEST_TMPDIR/many.tsv"
	run --separate-stderr bash -o pipefail -c '"$1" "$2" | head -1; echo "status ${PIPESTATUS[0]}"' _ "$NF_BIN/nf-split" "$BATS_TEST_TMPDIR/many.tsv"
	assert_stderr_empty
	assert_line --index 0 $'id\ttext\t'"$UHDR"
	[[ ${lines[1]} == "status 0" || ${lines[1]} == "status 141" ]] || fail "${lines[1]}"
	run --separate-stderr bash -o pipefail -c 'trap "" PIPE; "$1" "$2" | head -1; echo "status ${PIPESTATUS[0]}"' _ "$NF_BIN/nf-split" "$BATS_TEST_TMPDIR/many.tsv"
	assert_stderr_empty
	assert_line --index 1 "status 0"
}

@test "a full disk (/dev/full): error message, exit 1" {
	[ -w /dev/full ] || skip "no /dev/full"
	f=$(mkfile s.tsv 'id\ttext\n1\tOne. Two.\n')
	run --separate-stderr bash -o pipefail -c '"$1" "$2" > /dev/full' _ "$NF_BIN/nf-split" "$f"
	assert_failure 1
	assert_stderr_has "write error"
}

@test "-h and --help print usage to stdout, --version the version; exit 0" {
	run --separate-stderr sp -h
	assert_success
	assert_output --partial "Usage: nf-split"
	assert_output --partial "--by UNIT"
	assert_stderr_empty
	run --separate-stderr sp --help
	assert_success
	assert_output --partial "Usage: nf-split"
	run --separate-stderr sp --version
	assert_success
	assert_output --regexp '^nf-split \(newsfilters\) [0-9]'
	assert_stderr_empty
}

@test "an unknown option or a missing argument is a usage error: exit 2, hint on stderr, nothing on stdout" {
	run --separate-stderr sp --bogus
	assert_failure 2
	assert_output ''
	assert_stderr_has "Try"
	run --separate-stderr sp --by
	assert_failure 2
	run --separate-stderr sp --in xml /dev/null
	assert_failure 2
}

# ================================================================ pipeline against the gold

# pipeline GOLD_DIR FILE...: nf-normalize FILE... | nf-split, scored by tests/score.py split
pipeline() {
	local gold=$1
	shift
	command -v python3 > /dev/null || skip "needs python3"
	nfn "$@" > "$BATS_TEST_TMPDIR/norm.tsv" || fail "nf-normalize exit $?"
	sp "$BATS_TEST_TMPDIR/norm.tsv" > "$BATS_TEST_TMPDIR/pred.tsv" 2> "$BATS_TEST_TMPDIR/err" || fail "nf-split exit $?"
	[ ! -s "$BATS_TEST_TMPDIR/err" ] || fail "stderr: $(cat "$BATS_TEST_TMPDIR/err")"
	run python3 "$BATS_TEST_DIRNAME/score.py" split -v "$gold" "$BATS_TEST_TMPDIR/pred.tsv"
	assert_success
	assert_line "split sentence F1 1.000"
}

@test "pipeline: nf-normalize | nf-split on the seed articles scores exactly like the gold" {
	need_shared
	pipeline "$SHARED/gold/seeds" "$SHARED"/seeds/*.txt
}

@test "pipeline: nf-normalize | nf-split on samples/ scores exactly like samples/gold" {
	pipeline "$BATS_TEST_DIRNAME/../samples/gold" "$BATS_TEST_DIRNAME"/../samples/*.txt
}

@test "--unwrap joins hard-wrapped lines (wire copy); without it every line break ends a unit" {
	f=$(mkfile wrap.tsv 'id\tlang\ttext\nr1\ten\tWASHINGTON, Feb 26 - The U.S. Agriculture Department\\nreported the farmer-owned reserve national five-day average\\nprice through February 25. Prices rose.\\nNatl Loan Release Call\n')
	run --separate-stderr "$NF_BIN/nf-split" --unwrap "$f"
	assert_success
	assert_equal "$(field 2 3)" 'WASHINGTON, Feb 26 - The U.S. Agriculture Department\nreported the farmer-owned reserve national five-day average\nprice through February 25.'
	assert_equal "$(field 3 3)" 'Prices rose.'
	assert_equal "$(field 4 3)" 'Natl Loan Release Call'
	run --separate-stderr "$NF_BIN/nf-split" "$f"
	assert_success
	assert_equal "$(nrows)" 6
}

@test "truncated lists, ellipses, omissions and quotes at the end of a text: units cover the text, offsets hold" {
	f=$(mkfile edge.tsv 'id\tlang\ttext\nr1\ten\tSteps: 1.) Go 2.)\nr2\ten\tA . . \nr3\tnl\t,,Klaar. '"''"'\nr4\ten\tCut [...\nr5\ten\t• • •\nr6\ten\tii) iii) iv) v)\nr7\ten\tAt 5 a.m. Mr.\nr8\ten\t'"''"' . \nr9\ten\tb. a. c. 1. 2.\n')
	run --separate-stderr "$NF_BIN/nf-split" "$f"
	assert_success
	# every unit is the document's text cut at its offsets (checked by the cases table too)
	while IFS=$'\t' read -r id lang unit n s e; do
		[ "$id" = id ] && continue
		[ "$e" -ge "$s" ] || { echo "bad offsets: $id $s $e"; return 1; }
	done <<<"$output"
	assert_equal "$(printf '%s\n' "$output" | awk -F'\t' '$1 == "r3"' | cut -f3)" ",,Klaar. ''"
	assert_equal "$(printf '%s\n' "$output" | awk -F'\t' '$1 == "r2"' | wc -l)" 1
}

@test "ntrex-split-eval.py: boundaries cut, cuts inside segments and exact documents on a small corpus of its format" {
	mkdir -p "$BATS_TEST_TMPDIR/corpus/en"
	# one document per line, segments joined by the two characters \n; a headline without
	# final punctuation ends its line; the last segment holds two sentences (one cut inside)
	printf '#id\tdate\ttitle\ttext\nd1\t\t\tPlant opens in Ohio\\nThe plant opened on Monday. It employs 300 people.\\nThe U.S. Government said it was pleased.\nd2\t\t\tPrices rose. Sales fell.\n' |
		gzip >"$BATS_TEST_TMPDIR/corpus/en/ntrex128.eng-src.tsv.gz"
	run --separate-stderr python3 "$BATS_TEST_DIRNAME/ntrex-split-eval.py" --corpus "$BATS_TEST_TMPDIR/corpus" -v en
	assert_success
	assert_line --partial 'ntrex-split en: boundaries cut 1/1 = 100.0 %, extra cuts inside segments 2, documents exact 0/2 = 0.0 %'
	assert_line --partial 'The plant opened on Monday. ¦It employs 300 people. The U.S. Government said'
	assert_line --partial 'EXTRA [en] d2: Prices rose. ¦Sales fell.'
	run --separate-stderr python3 "$BATS_TEST_DIRNAME/ntrex-split-eval.py" --corpus "$BATS_TEST_TMPDIR/corpus" fr
	assert_success
	assert_output --partial 'ntrex-split fr: skipped'
}

# Regression (issue 17, found by tests/fuzz/split.c): a terminator within the first three
# bytes before a Japanese quotative と looked 3 bytes back from below the text's start
# (j - 3 underflowed); tests/fuzz/found/split replays the input under clang's sanitizers.
@test "a terminator at the very start before と: the units as before, no sanitizer report" {
	f=$(mkfile jq.tsv 'id\tlang\ttext\n1\tja\t!と\n2\t\t!とは\n')
	run --separate-stderr "$NF_BIN/nf-split" "$f"
	assert_success
	assert_output $'id\tlang\ttext\tunit\tunit_start\tunit_end\n1\tja\t!\t1\t0\t1\n1\tja\tと\t2\t1\t4\n2\t\t!\t1\t0\t1\n2\t\tとは\t2\t1\t7'
	refute_stderr_has "runtime error"
}
