#!/usr/bin/env bats
# money.bats — the nf-extract-money spec: the golden money cases (tests/money-cases.tsv, checked
# by tests/money-cases.sh, one test per language), columns and key-column pass-through, plain
# text, offsets, --lang, exact decimals, pathological and bad input, common options, and the
# pipeline against the gold.

load helpers

em() { "$NF_BIN/nf-extract-money" "$@"; }

MCOLS=$'start\tend\ttype\tsurface\tvalue\tamount\tamount_max\tcurrency\tmod'

# ================================================================ golden cases

# cases LANG MIN: every case of LANG in tests/money-cases.tsv passes (and there are >= MIN)
cases() {
	run --separate-stderr "$BATS_TEST_DIRNAME/money-cases.sh" "$1"
	local last=
	if [ ${#lines[@]} -gt 0 ]; then last=${lines[${#lines[@]} - 1]}; fi
	[[ $last =~ ^money\ cases:\ [0-9]+/([0-9]+)\ passed$ ]] || fail "$(printf 'no summary line\n%s\n%s' "$output" "$stderr")"
	[ "${BASH_REMATCH[1]}" -ge "$2" ] || fail "only ${BASH_REMATCH[1]} cases for $1, want at least $2"
	assert_success
}

@test "golden cases: the table is well formed (header, 4 fields, >= 220 cases, >= 25 per main language, >= 40 negatives)" {
	f=$BATS_TEST_DIRNAME/money-cases.tsv
	assert_equal "$(head -1 "$f")" $'lang\ttext\tmentions\tnote'
	run awk -F'\t' 'NR > 1 && NF != 4 { print FILENAME ":" NR ": " NF " fields" }' "$f"
	assert_output ''
	[ "$(tail -n +2 "$f" | grep -c .)" -ge 220 ] || fail "fewer than 220 cases"
	for l in nl it ar en de fr es; do
		n=$(awk -F'\t' -v l="$l" 'NR > 1 && $1 == l' "$f" | wc -l)
		[ "$n" -ge 25 ] || fail "only $n cases for $l"
	done
	n=$(awk -F'\t' 'NR > 1 && $3 == ""' "$f" | wc -l)
	[ "$n" -ge 40 ] || fail "only $n negative cases"
	# no raw CR inside a field, every case has a note, a date prefix of the note is "date=YYYY-MM-DD; "
	run awk -F'\t' 'NR > 1 && $4 ~ /^date=/ && $4 !~ /^date=[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; ./ { print NR ": bad date prefix" }' "$f"
	assert_output ''
	run awk -F'\t' 'NR > 1 && (/\r/ || $4 == "") { print NR }' "$f"
	assert_output ''
	# every mention is "SURFACE = AMOUNT[-MAX] CUR[ MOD]", and the surfaces occur in the text in order
	run env LC_ALL=C awk -F'\t' '
		NR == 1 || $3 == "" { next }
		{
			n = split($3, m, / \|\| /)
			rest = $2
			for (i = 1; i <= n; i++) {
				j = index(m[i], " = ")
				s = substr(m[i], 1, j - 1); v = substr(m[i], j + 3)
				if (j == 0 || v !~ /^-?[0-9]+(\.[0-9]*[1-9])?(-[0-9]+(\.[0-9]*[1-9])?)? [A-Z][A-Z][A-Z]( (APPROX|MORE_THAN|LESS_THAN))?$/)
					print NR ": bad mention \"" m[i] "\""
				else if ((k = index(rest, s)) == 0)
					print NR ": surface \"" s "\" is not in the text (in order)"
				else
					rest = substr(rest, k + length(s))
			}
		}' "$f"
	assert_output ''
}

@test "golden cases: en (English)" { cases en 25; }
@test "golden cases: nl (Dutch)" { cases nl 25; }
@test "golden cases: de (German)" { cases de 25; }
@test "golden cases: fr (French)" { cases fr 25; }
@test "golden cases: it (Italian)" { cases it 25; }
@test "golden cases: es (Spanish)" { cases es 25; }
@test "golden cases: ar (Arabic)" { cases ar 25; }
@test "golden cases: pt (Portuguese)" { cases pt 3; }
@test "golden cases: zh (Chinese)" { cases zh 2; }
@test "golden cases: ja (Japanese)" { cases ja 2; }
@test "golden cases: pl (Polish)" { cases pl 2; }
@test "golden cases: ru (Russian)" { cases ru 2; }
@test "golden cases: tr (Turkish)" { cases tr 2; }
@test "golden cases: el (Greek)" { cases el 2; }
@test "golden cases: und (unknown language)" { cases und 5; }

@test "golden cases: every language in the table has a test above" {
	run awk -F'\t' 'NR > 1 { print $1 }' "$BATS_TEST_DIRNAME/money-cases.tsv"
	for l in $(printf '%s\n' "${lines[@]}" | sort -u); do
		grep -q "^@test \"golden cases: $l (" "$BATS_TEST_FILENAME" || fail "no test for language $l"
	done
}

# ================================================================ columns, pass-through

@test "columns: every input column but text, in order, then start end type surface value amount amount_max currency mod" {
	f=$(mkfile c.tsv 'src\tid\tdate\ttext\tlang\tnote\nS1\tA\t2024-03\tCorvane paid $2.41 billion.\ten\tn1\n')
	run --separate-stderr em "$f"
	assert_success
	assert_stderr_empty
	assert_output $'src\tid\tdate\tlang\tnote\t'"$MCOLS"$'\nS1\tA\t2024-03\ten\tn1\t13\t26\tMONEY\t$2.41 billion\t2410000000 USD\t2410000000\t\tUSD\t'
}

@test "columns: nf-split's unit columns pass through; a range fills amount_max and value AMOUNT-MAX CUR" {
	f=$(mkfile u.tsv 'id\tdate\tlang\ttext\tunit\tunit_start\tunit_end\nd1\t2024-06\tit\tInvestimenti tra 3 e 5 miliardi di euro.\t4\t120\t160\n')
	run --separate-stderr em "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\tdate\tlang\tunit\tunit_start\tunit_end\t'"$MCOLS"$'\nd1\t2024-06\tit\t4\t120\t160\t17\t39\tMONEY\t3 e 5 miliardi di euro\t3000000000-5000000000 EUR\t3000000000\t5000000000\tEUR\t'
}

@test "rows: one row per mention in text order, none for a row without money, the key columns repeated" {
	f=$(mkfile r.tsv 'id\tlang\ttext\nA\ten\tNo money here, only 2,000 interviews.\nB\ten\tIt paid $5 million in 2022 and about €3 million in 2023.\nC\tde\tRund 1,8 Mrd. Euro.\n')
	run --separate-stderr em "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\tlang\t'"$MCOLS"$'\nB\ten\t8\t18\tMONEY\t$5 million\t5000000 USD\t5000000\t\tUSD\t\nB\ten\t37\t49\tMONEY\t€3 million\t3000000 EUR\t3000000\t\tEUR\tAPPROX\nC\tde\t5\t18\tMONEY\t1,8 Mrd. Euro\t1800000000 EUR\t1800000000\t\tEUR\tAPPROX'
}

@test "an input without any money gives the header only, exit 0" {
	f=$(mkfile n.tsv 'id\tlang\ttext\n1\ten\tRevenue rose 18% to a record.\n')
	run --separate-stderr em "$f"
	assert_success
	assert_output $'id\tlang\t'"$MCOLS"
}

# ================================================================ plain text, fields, options

@test "plain text on stdin: echo 'Xiaomi will invest \$10 billion' | nf-extract-money (columns id text, id stdin)" {
	run --separate-stderr bash -o pipefail -c "echo 'Xiaomi will invest \$10 billion' | \"\$1\"" _ "$NF_BIN/nf-extract-money"
	assert_success
	assert_stderr_empty
	assert_output $'id\t'"$MCOLS"$'\nstdin\t19\t30\tMONEY\t$10 billion\t10000000000 USD\t10000000000\t\tUSD\t'
}

@test "plain text file: one document, id from the file name, offsets across lines" {
	f=$(mkfile story.txt 'Headline\nIt paid \xe2\x82\xac5 million.\n')
	run --separate-stderr em "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\t'"$MCOLS"$'\nstory\t17\t29\tMONEY\t€5 million\t5000000 EUR\t5000000\t\tEUR\t'
}

@test "--in text reads a TSV-looking input as plain text; --in tsv without a text column is an error (1)" {
	f=$(mkfile t.txt 'id\ttext\n1\tIt paid $5 million.\n')
	run --separate-stderr em --in text "$f"
	assert_success
	assert_equal "$(nrows)" 2
	assert_equal "$(field 2 1)|$(field 2 2)|$(field 2 3)|$(field 2 5)" 't|18|28|$5 million'
	g=$(mkfile n.tsv 'id\tbody\n1\tIt paid $5 million.\n')
	run --separate-stderr em --in tsv "$g"
	assert_failure 1
	refute_output --partial '5 million'
	assert_stderr_has "n.tsv:1:" "text"
}

@test "-f NAME selects another column; the text column then passes through" {
	f=$(mkfile f.tsv 'id\tbody\ttext\n1\tPaid $5 million.\tkeep me: $3\n')
	run --separate-stderr em -f body "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\ttext\t'"$MCOLS"$'\n1\tkeep me: $3\t5\t15\tMONEY\t$5 million\t5000000 USD\t5000000\t\tUSD\t'
	run --separate-stderr em --field 2 "$f"
	assert_success
	assert_output $'id\ttext\t'"$MCOLS"$'\n1\tkeep me: $3\t5\t15\tMONEY\t$5 million\t5000000 USD\t5000000\t\tUSD\t'
}

@test "-N: headerless rows in and out, -f by number (without -f: usage error 2)" {
	run --separate-stderr bash -o pipefail -c 'printf "1\ten\tPaid \$5 million.\n" | "$1" -N -f 3' _ "$NF_BIN/nf-extract-money"
	assert_success
	assert_output $'1\ten\t5\t15\tMONEY\t$5 million\t5000000 USD\t5000000\t\tUSD\t'
	run --separate-stderr bash -o pipefail -c 'printf "1\ten\tPaid \$5 million.\n" | "$1" -N' _ "$NF_BIN/nf-extract-money"
	assert_failure 2
}

@test "offsets: multi-byte text and \\n \\t \\\\ escapes before the mentions; [start, end) of the unescaped text is the surface" {
	t='Größe zählt.\nÜber 2,5 Mrd. € fließen – „Zölle“\tkosten C:\\zoll 300 Mio. Euro.\nالصين'
	printf 'id\tlang\ttext\nm\tde\t%s\n' "$t" > "$BATS_TEST_TMPDIR/o.tsv"
	run --separate-stderr em "$BATS_TEST_TMPDIR/o.tsv"
	assert_success
	assert_output $'id\tlang\t'"$MCOLS"$'\nm\tde\t22\t34\tMONEY\t2,5 Mrd. €\t2500000000 EUR\t2500000000\t\tEUR\tMORE_THAN\nm\tde\t76\t89\tMONEY\t300 Mio. Euro\t300000000 EUR\t300000000\t\tEUR\t'
}

@test "--lang overrides the lang column (German and French billion = 10^12, English 10^9); the column passes unchanged" {
	f=$(mkfile l.tsv 'id\tlang\ttext\n1\ten\tDie Schulden steigen auf 1 Billion Euro.\n2\tde\tDie Schulden steigen auf 1 Billion Euro.\n3\tfr\tLa dette atteint 1 billion d’euros.\n')
	run --separate-stderr em "$f"
	assert_success
	assert_equal "$(field 2 1):$(field 2 2):$(field 2 8)" '1:en:1000000000'
	assert_equal "$(field 3 1):$(field 3 2):$(field 3 8)" '2:de:1000000000000'
	assert_equal "$(field 4 1):$(field 4 2):$(field 4 8)" '3:fr:1000000000000'
	run --separate-stderr em --lang de "$f"
	assert_success
	assert_equal "$(field 2 1):$(field 2 2):$(field 2 8)" '1:en:1000000000000'
	assert_equal "$(field 3 1):$(field 3 2):$(field 3 8)" '2:de:1000000000000'
	run --separate-stderr em --lang en "$f"
	assert_success
	assert_equal "$(field 3 1):$(field 3 2):$(field 3 8)" '2:de:1000000000'
}

@test "--lang sets the number convention: 1.500 Euro is 1500 in German, \$1,5 million is 1.5 in Italian" {
	f=$(mkfile c.tsv 'id\ttext\n1\tDer Preis: 1.500 Euro.\n')
	run --separate-stderr em --lang de "$f"
	assert_success
	assert_equal "$(field 2 5)|$(field 2 7)" '1.500 Euro|1500'
	g=$(mkfile i.tsv 'id\ttext\n1\tUn premio di $1,5 milioni.\n')
	run --separate-stderr em --lang it "$g"
	assert_success
	assert_equal "$(field 2 5)|$(field 2 7)" '$1,5 milioni|1500000'
}

# ================================================================ exact decimals

@test "exact decimals: a 30-digit amount, 1,15 miljard, 16 significant digits times a billion, small fractions without exponent" {
	f=$(mkfile x.tsv 'id\tlang\ttext\n1\ten\tA glitch showed $123456789012345678901234567890 in the app.\n2\tnl\tDe winst was 1,15 miljard euro.\n3\ten\tThe index fund holds 9999999999999999.99 billion dollars.\n4\ten\tEach token costs $0.000001 to mint.\n5\ten\tThe range was $0.1bn-$0.3bn.\n6\tit\tIl prezzo sale a 0,70 euro.\n')
	run --separate-stderr em "$f"
	assert_success
	assert_stderr_empty
	run awk -F'\t' 'NR > 1 { print $1 "|" $7 "|" $8 "|" $9 "|" $10 }' <<< "$output"
	assert_output '1|123456789012345678901234567890 USD|123456789012345678901234567890||USD
2|1150000000 EUR|1150000000||EUR
3|9999999999999999990000000 USD|9999999999999999990000000||USD
4|0.000001 USD|0.000001||USD
5|100000000-300000000 USD|100000000|300000000|USD
6|0.7 EUR|0.7||EUR'
}

# ================================================================ pathological input

@test "pathological: 1.2.3.4.5, \$\$\$, €€€ and dots and signs alone give no mention, exit 0, no crash" {
	f=$(mkfile p.tsv 'id\tlang\ttext\np1\ten\tVersion 1.2.3.4.5 of the app.\np2\ten\t$$$\np3\tde\t1.2.3.4.5 und €€€ und $.$.$\np4\tfr\t, . , . 1 , . , 2 . ,\np5\ten\t$ $ $ $ billion million k bn\np6\tar\t٫٬٫٬ ... ..\n')
	run --separate-stderr em "$f"
	assert_success
	refute_stderr_has "runtime error" "AddressSanitizer" "Segmentation"
	assert_output $'id\tlang\t'"$MCOLS"
}

@test "pathological: a 400-digit number followed by dollars: exit 0, no crash; a mention, if any, has the exact amount" {
	d=$(printf '1234567890%.0s' $(seq 40))
	printf 'id\tlang\ttext\n1\ten\tThe counter showed %s dollars.\n2\ten\tPaid $5 million.\n' "$d" > "$BATS_TEST_TMPDIR/d.tsv"
	run --separate-stderr em "$BATS_TEST_TMPDIR/d.tsv"
	assert_success
	refute_stderr_has "runtime error" "AddressSanitizer"
	# the row after it is processed normally
	assert_line $'2\ten\t5\t15\tMONEY\t$5 million\t5000000 USD\t5000000\t\tUSD\t'
	if [ "$(field 2 1)" = 1 ]; then
		assert_equal "$(nrows)" 3
		assert_equal "$(field 2 3):$(field 2 4)" "19:$((19 + 400 + 8))"
		assert_equal "$(field 2 5)" "$d dollars"
		assert_equal "$(field 2 7)|$(field 2 8)|$(field 2 9)|$(field 2 10)" "$d USD|$d||USD"
	else
		assert_equal "$(nrows)" 2
	fi
}

@test "pathological: a 1 MB line of digits, of dots and of dollar signs: no mention, exit 0, in reasonable time" {
	{
		printf 'id\tlang\ttext\n'
		printf 'digits\ten\t'; head -c 1000000 /dev/zero | tr '\0' '7'; printf '\n'
		printf 'dots\tde\t'; yes '1.' | head -c 1000000 | tr -d '\n'; printf '\n'
		printf 'signs\ten\t'; head -c 1000000 /dev/zero | tr '\0' '$'; printf '\n'
		printf 'commas\tfr\t'; yes '1 0,' | head -c 1000000 | tr -d '\n'; printf '\n'
	} > "$BATS_TEST_TMPDIR/big.tsv"
	run --separate-stderr timeout 60 "$NF_BIN/nf-extract-money" "$BATS_TEST_TMPDIR/big.tsv"
	assert_success
	refute_stderr_has "runtime error" "AddressSanitizer"
	assert_output $'id\tlang\t'"$MCOLS"
}

# ================================================================ bad input

@test "an empty text field: no mention, the next rows processed, exit 0" {
	f=$(mkfile e.tsv 'id\ttext\n1\t\n2\tPaid $5 million.\n')
	run --separate-stderr em "$f"
	assert_success
	assert_output $'id\t'"$MCOLS"$'\n2\t5\t15\tMONEY\t$5 million\t5000000 USD\t5000000\t\tUSD\t'
}

@test "invalid UTF-8 in the text: repaired, a warning naming file and line, mentions still found, exit 0" {
	f=$(mkfile bad.tsv 'id\ttext\n1\tPaid $1 million.\n2\tIt paid $5 million \xff to the fund.\n')
	run --separate-stderr em "$f"
	assert_success
	assert_output $'id\t'"$MCOLS"$'\n1\t5\t15\tMONEY\t$1 million\t1000000 USD\t1000000\t\tUSD\t\n2\t8\t18\tMONEY\t$5 million\t5000000 USD\t5000000\t\tUSD\t'
	assert_stderr_has "bad.tsv:3:" "invalid UTF-8"
	run --separate-stderr em -v "$f"
	assert_success
	[[ $stderr =~ [^0-9]1\ repairs? ]] || fail "$(printf 'the summary does not count 1 repair:\n%s' "$stderr")"
}

@test "--strict: invalid UTF-8 in the text is an error, exit 1" {
	f=$(mkfile bad.tsv 'id\ttext\n1\tPaid $1 million.\n2\tbad \xff here $5 million.\n')
	run --separate-stderr em --strict "$f"
	assert_failure 1
	assert_line --index 1 $'1\t5\t15\tMONEY\t$1 million\t1000000 USD\t1000000\t\tUSD\t'
	assert_stderr_has "bad.tsv:3:"
}

@test "a ragged row: error with its line number, the other rows processed, exit 1" {
	f=$(mkfile r.tsv 'id\ttext\tmore\n1\tPaid $1 million.\tm1\n2\tshort $2 million\n3\tPaid $3 million.\tm3\n4\tlong $4 million\tm4\textra\n5\tPaid $5 million.\tm5\n')
	run --separate-stderr em "$f"
	assert_failure 1
	assert_output $'id\tmore\t'"$MCOLS"$'\n1\tm1\t5\t15\tMONEY\t$1 million\t1000000 USD\t1000000\t\tUSD\t\n3\tm3\t5\t15\tMONEY\t$3 million\t3000000 USD\t3000000\t\tUSD\t\n5\tm5\t5\t15\tMONEY\t$5 million\t5000000 USD\t5000000\t\tUSD\t'
	assert_stderr_has "r.tsv:3:" "r.tsv:5:"
}

@test "CRLF input: no CR in the output, offsets without the CR" {
	f=$(mkfile crlf.tsv 'id\ttext\r\n1\tPaid $5 million\r\n')
	run --separate-stderr em "$f"
	assert_success
	assert_output $'id\t'"$MCOLS"$'\n1\t5\t15\tMONEY\t$5 million\t5000000 USD\t5000000\t\tUSD\t'
}

@test "gzip input is detected by content: the same output as the plain file" {
	printf 'id\tlang\ttext\n1\ten\tPaid $5 million.\n2\tde\tRund 2 Mrd. Euro.\n' > "$BATS_TEST_TMPDIR/plain.tsv"
	gzip -c "$BATS_TEST_TMPDIR/plain.tsv" > "$BATS_TEST_TMPDIR/packed.tsv"
	run --separate-stderr em "$BATS_TEST_TMPDIR/plain.tsv"
	assert_success
	want=$output
	assert_equal "$(nrows)" 3
	run --separate-stderr em "$BATS_TEST_TMPDIR/packed.tsv"
	assert_success
	assert_stderr_empty
	assert_output "$want"
}

# ================================================================ common options, I/O

@test "-h and --help print usage to stdout, --version the version; exit 0" {
	run --separate-stderr em -h
	assert_success
	assert_output --partial "Usage: nf-extract-money"
	assert_output --partial "--lang"
	assert_stderr_empty
	run --separate-stderr em --help
	assert_success
	assert_output --partial "Usage: nf-extract-money"
	run --separate-stderr em --version
	assert_success
	assert_output --regexp '^nf-extract-money \(newsfilters\) [0-9]'
	assert_stderr_empty
}

@test "an unknown option or a missing argument is a usage error: exit 2, hint on stderr, nothing on stdout" {
	run --separate-stderr em --bogus
	assert_failure 2
	assert_output ''
	assert_stderr_has "Try"
	run --separate-stderr em --lang
	assert_failure 2
	assert_output ''
	run --separate-stderr em --in xml /dev/null
	assert_failure 2
	assert_output ''
}

@test "| head -1 ends quietly: no message, killed by SIGPIPE or exit 0 (0 when SIGPIPE is ignored)" {
	{ printf 'id\tlang\ttext\n'; seq 1 100000 | sed 's/$/\ten\tIt paid $5 million and €3 billion./'; } > "$BATS_TEST_TMPDIR/many.tsv"
	run --separate-stderr bash -o pipefail -c '"$1" "$2" | head -1; echo "status ${PIPESTATUS[0]}"' _ "$NF_BIN/nf-extract-money" "$BATS_TEST_TMPDIR/many.tsv"
	assert_stderr_empty
	assert_line --index 0 $'id\tlang\t'"$MCOLS"
	[[ ${lines[1]} == "status 0" || ${lines[1]} == "status 141" ]] || fail "${lines[1]}"
	run --separate-stderr bash -o pipefail -c 'trap "" PIPE; "$1" "$2" | head -1; echo "status ${PIPESTATUS[0]}"' _ "$NF_BIN/nf-extract-money" "$BATS_TEST_TMPDIR/many.tsv"
	assert_stderr_empty
	assert_line --index 1 "status 0"
}

@test "a full disk (/dev/full): error message, exit 1" {
	[ -w /dev/full ] || skip "no /dev/full"
	f=$(mkfile s.tsv 'id\ttext\n1\tPaid $5 million.\n')
	run --separate-stderr bash -o pipefail -c '"$1" "$2" > /dev/full' _ "$NF_BIN/nf-extract-money" "$f"
	assert_failure 1
	assert_stderr_has "write error"
}

@test "deterministic: the same input gives the same bytes" {
	f=$BATS_TEST_DIRNAME/money-cases.tsv
	awk -F'\t' 'NR == 1 { print "id\tlang\ttext"; next } { print NR "\t" $1 "\t" $2 }' "$f" > "$BATS_TEST_TMPDIR/in.tsv"
	em "$BATS_TEST_TMPDIR/in.tsv" > "$BATS_TEST_TMPDIR/a.out" 2> /dev/null || true
	LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 em "$BATS_TEST_TMPDIR/in.tsv" > "$BATS_TEST_TMPDIR/b.out" 2> /dev/null || true
	cmp "$BATS_TEST_TMPDIR/a.out" "$BATS_TEST_TMPDIR/b.out"
}

# ================================================================ pipeline against the gold

# pipeline GOLD_DIR SPLIT FILE...: nf-normalize FILE... [| nf-split] | nf-extract-money, scored by
# tests/score.py money; every mention's bytes in the normalized document are its surface
pipeline() {
	local gold=$1 split=$2
	shift 2
	command -v python3 > /dev/null || skip "needs python3"
	nfn "$@" > "$BATS_TEST_TMPDIR/norm.tsv" || fail "nf-normalize exit $?"
	if [ "$split" = split ]; then
		"$NF_BIN/nf-split" "$BATS_TEST_TMPDIR/norm.tsv" > "$BATS_TEST_TMPDIR/units.tsv" || fail "nf-split exit $?"
	else
		cp "$BATS_TEST_TMPDIR/norm.tsv" "$BATS_TEST_TMPDIR/units.tsv"
	fi
	em "$BATS_TEST_TMPDIR/units.tsv" > "$BATS_TEST_TMPDIR/pred.tsv" 2> "$BATS_TEST_TMPDIR/err" || fail "nf-extract-money exit $?"
	[ ! -s "$BATS_TEST_TMPDIR/err" ] || fail "stderr: $(cat "$BATS_TEST_TMPDIR/err")"
	run python3 - "$BATS_TEST_TMPDIR/norm.tsv" "$BATS_TEST_TMPDIR/pred.tsv" <<-'EOF'
		import re, sys
		def rows(p):
		    ls = open(p, encoding="utf-8").read().split("\n")
		    h = ls[0].split("\t")
		    un = lambda s: re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(m.group(1), m.group(0)), s)
		    return [dict(zip(h, map(un, l.split("\t")))) for l in ls[1:] if l]
		doc = {r["id"]: r["text"].encode() for r in rows(sys.argv[1])}
		for r in rows(sys.argv[2]):
		    base = int(r.get("unit_start") or 0)
		    s, e = base + int(r["start"]), base + int(r["end"])
		    if doc[r["id"]][s:e] != r["surface"].encode():
		        print(f"{r['id']} [{s},{e}) is {doc[r['id']][s:e].decode(errors='replace')!r}, not {r['surface']!r}")
	EOF
	assert_output ''
	run python3 "$BATS_TEST_DIRNAME/score.py" money -v "$gold" "$BATS_TEST_TMPDIR/pred.tsv"
	assert_success
	assert_line "money strict F1 1.000"
}

@test "pipeline: nf-normalize | nf-split | nf-extract-money on the seed articles scores exactly like the gold" {
	need_shared
	pipeline "$SHARED/gold/seeds" split "$SHARED"/seeds/*.txt
}

@test "pipeline: nf-normalize | nf-split | nf-extract-money on samples/ scores exactly like samples/gold" {
	pipeline "$BATS_TEST_DIRNAME/../samples/gold" split "$BATS_TEST_DIRNAME"/../samples/*.txt
}

@test "pipeline: nf-normalize | nf-extract-money (whole documents) on the seeds and samples scores exactly like the gold" {
	pipeline "$BATS_TEST_DIRNAME/../samples/gold" nosplit "$BATS_TEST_DIRNAME"/../samples/*.txt
	need_shared
	pipeline "$SHARED/gold/seeds" nosplit "$SHARED"/seeds/*.txt
}

@test "fractions after NFKC: ½ million dollars, 2½ billion euros, \$1¾ billion" {
	run --separate-stderr bash -o pipefail -c "printf '½ million dollars, 2½ billion euros, \$1¾ billion\n' | '$NF_BIN/nf-normalize' --nfkc --lang en | '$NF_BIN/nf-extract-money' | cut -f9,11"
	assert_success
	assert_output "$(printf 'amount\tcurrency\n500000\tUSD\n2500000000\tEUR\n1750000000\tUSD')"
}

@test "without a language the words around decide the decimal convention (1,500 millones = 1.5 million)" {
	run --separate-stderr bash -o pipefail -c "printf '1,500 millones de euros; 1.500 miljoen euro; 1,500 million dollars\n' | '$NF_BIN/nf-extract-money' --in text | cut -f7"
	assert_success
	assert_output "$(printf 'amount\n1500000\n1500000000\n1500000000')"
}

@test "language words (lib/text/langword): money's tables are open, a row also reads other languages' words (naira, dlrs in English text)" {
	f=$(mkfile lw.tsv 'id\tlang\ttext\n1\ten\tIt paid 125 naira and 39 dlrs.\n2\tpt\tO BNDES aprovou R$ 1,5 milhão.\n3\tar\tبلغت 368.000 دولار و1.5 مليار دولار\n')
	run --separate-stderr "$NF_BIN/nf-extract-money" "$f"
	assert_success
	assert_equal "$(cut -f1,7 <<< "$output" | tail -n +2 | tr '\t\n' ': ')" "1:125 NGN 1:39 USD 2:1500000 BRL 3:368000 USD 3:1500000000 USD "
}

@test "date column: Reuters' 2-MAR-1987 and ISO dates (nf-normalize's 1987-03-02T07:20:20) decide the historical currencies; an undated row keeps the undated meaning" {
	f=$(mkfile hd.tsv 'id\tdate\tlang\ttext\n1\t2-MAR-1987 07:20:20.88\ten\tIt earned 500 mln marks and 20 mln lire.\n2\t1987-03-02T07:20:20\ten\tPARIS - It earned 40 mln francs.\n3\t\ten\tIt earned 500 mln marks and 40 mln francs.\n4\t2012-01-01\ten\tIt earned 40 mln francs and 20 mln lire.\n5\tnot a date\ten\tIt earned 40 mln francs.\n')
	run --separate-stderr "$NF_BIN/nf-extract-money" "$f"
	assert_success
	assert_equal "$(cut -f1,8 <<< "$output" | tail -n +2 | tr '\t\n' ': ')" "1:500000000 DEM 1:20000000 ITL 2:40000000 FRF 3:40000000 CHF 4:40000000 CHF 5:40000000 CHF "
}

@test "line breaks: an amount over one line break is one mention (surface escaped), not over a blank line; offsets are byte offsets of the text" {
	f=$(mkfile lb.tsv 'id\tlang\ttext\n1\ten\tProfit was 7.5 mln\\ndlrs, up from 5\\n\\ndlrs.\n')
	run --separate-stderr "$NF_BIN/nf-extract-money" "$f"
	assert_success
	assert_equal "$(cut -f3,4,6,7 <<< "$output" | tail -n +2 | tr '\t\n' '| ')" "11|23|7.5 mln\\ndlrs|7500000 USD "
}
