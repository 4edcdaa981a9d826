#!/usr/bin/env bats
# dates.bats — the nf-extract-dates spec: the golden date cases (tests/dates-cases.tsv, checked
# by tests/dates-cases.sh, one test per language), columns and key-column pass-through, plain
# text, reference dates (date column, --ref-date, malformed values), impossible dates,
# pathological and bad input, common options, and the pipeline against the gold.

load helpers

ed() { "$NF_BIN/nf-extract-dates" "$@"; }

DCOLS=$'start\tend\ttype\tsurface\tvalue\tvalue_max\tmod'

# ================================================================ golden cases

# cases LANG MIN: every case of LANG in tests/dates-cases.tsv passes (and there are >= MIN)
cases() {
	run --separate-stderr "$BATS_TEST_DIRNAME/dates-cases.sh" "$1"
	local last=
	if [ ${#lines[@]} -gt 0 ]; then last=${lines[${#lines[@]} - 1]}; fi
	[[ $last =~ ^dates\ cases:\ [0-9]+/([0-9]+)\ passed$ ]] || fail "$(printf 'no summary line\n%s\n%s' "$output" "$stderr")"
	[ "${BASH_REMATCH[1]}" -ge "$2" ] || fail "only ${BASH_REMATCH[1]} cases for $1, want at least $2"
	assert_success
}

@test "golden cases: the table is well formed (header, 5 fields, >= 320 cases, >= 35 per main language, >= 50 negatives)" {
	f=$BATS_TEST_DIRNAME/dates-cases.tsv
	assert_equal "$(head -1 "$f")" $'lang\tref\ttext\tmentions\tnote'
	run awk -F'\t' 'NR > 1 && NF != 5 { print FILENAME ":" NR ": " NF " fields" }' "$f"
	assert_output ''
	[ "$(tail -n +2 "$f" | grep -c .)" -ge 320 ] || fail "fewer than 320 cases"
	for l in nl it ar en de fr es; do
		n=$(awk -F'\t' -v l="$l" 'NR > 1 && $1 == l' "$f" | wc -l)
		[ "$n" -ge 35 ] || fail "only $n cases for $l"
	done
	n=$(awk -F'\t' 'NR > 1 && $4 == ""' "$f" | wc -l)
	[ "$n" -ge 50 ] || fail "only $n negative cases"
	# no raw CR, every case has a note, every ref is empty, YYYY-MM or YYYY-MM-DD
	run awk -F'\t' 'NR > 1 && (/\r/ || $5 == "" || ($2 != "" && $2 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9](-[0-9][0-9])?$/)) { print NR }' "$f"
	assert_output ''
	# every mention is "SURFACE = TYPE VALUE[/VALUE_MAX][ MOD]", and the surfaces occur in the text in order
	run env LC_ALL=C awk -F'\t' '
		NR == 1 || $4 == "" { next }
		{
			n = split($4, m, / \|\| /)
			rest = $3
			for (i = 1; i <= n; i++) {
				j = index(m[i], " = ")
				s = substr(m[i], 1, j - 1); v = substr(m[i], j + 3)
				if (j == 0 || v !~ /^(DATE|TIME|DURATION|SET) [0-9A-Z:_+-]+(\/[0-9A-Z:_+-]+)?( (START|MID|END|APPROX|MORE_THAN|LESS_THAN))?$/)
					print NR ": bad mention \"" m[i] "\""
				else if ((k = index(rest, s)) == 0)
					print NR ": surface \"" s "\" is not in the text (in order)"
				else
					rest = substr(rest, k + length(s))
			}
		}' "$f"
	assert_output ''
}

@test "golden cases: en (English)" { cases en 35; }
@test "golden cases: nl (Dutch)" { cases nl 35; }
@test "golden cases: de (German)" { cases de 35; }
@test "golden cases: fr (French)" { cases fr 35; }
@test "golden cases: it (Italian)" { cases it 35; }
@test "golden cases: es (Spanish)" { cases es 35; }
@test "golden cases: ar (Arabic)" { cases ar 35; }
@test "golden cases: pt (Portuguese)" { cases pt 10; }
@test "golden cases: pl (Polish)" { cases pl 25; }
@test "golden cases: ru (Russian)" { cases ru 25; }
@test "golden cases: tr (Turkish)" { cases tr 25; }
@test "golden cases: el (Greek)" { cases el 25; }
@test "golden cases: und (unknown language)" { cases und 5; }

@test "golden cases: every language in the table has a test above" {
	run awk -F'\t' 'NR > 1 { print $1 }' "$BATS_TEST_DIRNAME/dates-cases.tsv"
	for l in $(printf '%s\n' "${lines[@]}" | sort -u); do
		grep -q "^@test \"golden cases: $l (" "$BATS_TEST_FILENAME" || fail "no test for language $l"
	done
}

# ================================================================ columns, pass-through

@test "columns: every input column but text, in order, then start end type surface value value_max mod" {
	f=$(mkfile c.tsv 'src\tid\tdate\ttext\tlang\tnote\nS1\tA\t2021-09\tVorige week sloot de fabriek.\tnl\tn1\n')
	run --separate-stderr ed "$f"
	assert_success
	assert_stderr_empty
	assert_output $'src\tid\tdate\tlang\tnote\t'"$DCOLS"$'\nS1\tA\t2021-09\tnl\tn1\t0\t11\tDATE\tVorige week\t2021-W34\t\t'
}

@test "columns: nf-split's unit columns pass through; a range fills value_max, a modifier fills mod" {
	f=$(mkfile u.tsv 'id\tdate\tlang\ttext\tunit\tunit_start\tunit_end\nd1\t2025-03\tar\tسيستغرق المشروع بنحو 6 إلى 7 سنوات.\t4\t120\t160\n')
	run --separate-stderr ed "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\tdate\tlang\tunit\tunit_start\tunit_end\t'"$DCOLS"$'\nd1\t2025-03\tar\t4\t120\t160\t39\t60\tDURATION\t6 إلى 7 سنوات\tP6Y\tP7Y\tAPPROX'
}

@test "rows: one row per mention in text order, none for a row without dates, the key columns repeated" {
	f=$(mkfile r.tsv 'id\tlang\tdate\ttext\nA\ten\t2024-05\tThe survey is based on 2,000 interviews.\nB\tnl\t2024-05\tOp 21 maart 2024 om 14.00 uur opende de fabriek, vorig jaar.\n')
	run --separate-stderr ed "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\tlang\tdate\t'"$DCOLS"$'\nB\tnl\t2024-05\t3\t16\tDATE\t21 maart 2024\t2024-03-21\t\t\nB\tnl\t2024-05\t20\t29\tTIME\t14.00 uur\t2024-03-21T14:00\t\t\nB\tnl\t2024-05\t49\t59\tDATE\tvorig jaar\t2023\t\t'
}

@test "an input without any temporal expression gives the header only, exit 0" {
	f=$(mkfile n.tsv 'id\tlang\tdate\ttext\n1\ten\t2024-05\tRevenue rose 18%% to $2.41 billion.\n')
	run --separate-stderr ed "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\tlang\tdate\t'"$DCOLS"
}

# ================================================================ plain text, reference dates

@test "plain text on stdin: echo 'yesterday' | nf-extract-dates gives XXXX-XX-XX (no reference date)" {
	run --separate-stderr bash -o pipefail -c "echo 'yesterday' | \"\$1\"" _ "$NF_BIN/nf-extract-dates"
	assert_success
	assert_stderr_empty
	assert_output $'id\t'"$DCOLS"$'\nstdin\t0\t9\tDATE\tyesterday\tXXXX-XX-XX\t\t'
}

@test "plain text with --ref-date: relatives resolve against it; absolute dates are unaffected" {
	run --separate-stderr bash -o pipefail -c "echo 'yesterday and on 2024-03-21' | \"\$1\" --ref-date 2024-03-01" _ "$NF_BIN/nf-extract-dates"
	assert_success
	assert_stderr_empty
	assert_output $'id\t'"$DCOLS"$'\nstdin\t0\t9\tDATE\tyesterday\t2024-02-29\t\t\nstdin\t17\t27\tDATE\t2024-03-21\t2024-03-21\t\t'
}

@test "no clock is read: without a reference date, relatives keep X placeholders at their granularity" {
	f=$(mkfile x.tsv 'id\tlang\ttext\n1\ten\tlast week\n2\ten\tnext year\n3\tfr\tEn mars, les ventes ont baissé.\n4\tar\tتراجعت المبيعات العام الماضي.\n')
	run --separate-stderr ed "$f"
	assert_success
	run awk -F'\t' 'NR > 1 { print $1 "|" $6 "|" $7 }' <<< "$output"
	assert_output $'1|last week|XXXX-WXX\n2|next year|XXXX\n3|mars|XXXX-03\n4|العام الماضي|XXXX'
}

@test "--ref-date is used for rows without a date; a row's own date wins; a month is anchored to its first day" {
	f=$(mkfile d.tsv 'id\tlang\tdate\ttext\n1\tnl\t\tvorige week\n2\tnl\t2024-09\tvorige week\n3\tnl\t2024-03-21\tvorige week\n')
	run --separate-stderr ed --ref-date 2021-09 "$f"
	assert_success
	assert_stderr_empty
	run awk -F'\t' 'NR > 1 { print $1 "|" $8 }' <<< "$output"
	assert_output $'1|2021-W34\n2|2024-W34\n3|2024-W11'
}

@test "a malformed date column value: warning naming file and line, the row processed as undated, exit 0" {
	f=$(mkfile m.tsv 'id\tlang\tdate\ttext\n1\ten\t2024-05\tlast year\n2\ten\tMarch 2024\tlast year\n3\ten\t2024-13\tlast year and 2024-03-21\n4\ten\t2024-05\tlast year\n')
	run --separate-stderr ed "$f"
	assert_success
	# the first malformed value is on line 3 (a summary may count the others)
	assert_stderr_has "m.tsv:3:"
	refute_stderr_has "m.tsv:2:" "m.tsv:5:"
	run awk -F'\t' 'NR > 1 { print $1 "|" $7 "|" $8 }' <<< "$output"
	assert_output $'1|last year|2023\n2|last year|XXXX\n3|last year|XXXX\n3|2024-03-21|2024-03-21\n4|last year|2023'
}

@test "--ref-date with a bad value is a usage error: exit 2, nothing on stdout" {
	for bad in 2024-13 yesterday 2024-02-30 24-03 2024-3 2024-03-21x; do
		run --separate-stderr bash -o pipefail -c 'echo yesterday | "$1" --ref-date "$2"' _ "$NF_BIN/nf-extract-dates" "$bad"
		assert_failure 2
		assert_output ''
		[ -n "$stderr" ] || fail "no message for --ref-date '$bad'"
	done
}

@test "--lang overrides the lang column: 'Mars' is the planet in French, a month in English context is not forced" {
	f=$(mkfile l.tsv 'id\tlang\tdate\ttext\n1\ten\t2024-05\tLe 5 mars 2024, le groupe a signé.\n')
	run --separate-stderr ed --lang fr "$f"
	assert_success
	assert_equal "$(field 2 2)|$(field 2 7)|$(field 2 8)" 'en|5 mars 2024|2024-03-05'
}

# ================================================================ impossible dates, huge values

@test "impossible dates are not emitted: 31/02/2024, 2024-13-01, 29.02.2023, 31.04.2024, 2024-02-30, 00/01/2024" {
	f=$(mkfile i.tsv 'id\tlang\tdate\ttext\n1\tnl\t2024-05\tTot 31/02/2024.\n2\ten\t2024-05\tOn 2024-13-01.\n3\tde\t2024-05\tAm 29.02.2023.\n4\tde\t2024-05\tAm 31.04.2024.\n5\tes\t2024-05\tEl 2024-02-30.\n6\tfr\t2024-05\tLe 00/01/2024.\n7\tde\t2024-05\tAm 29.02.2024.\n')
	run --separate-stderr ed "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\tlang\tdate\t'"$DCOLS"$'\n7\tde\t2024-05\t3\t13\tDATE\t29.02.2024\t2024-02-29\t\t'
}

@test "huge years and numbers: year 99999, 2024-99-99, 9999999999 years: exit 0, no crash, no invalid value" {
	f=$(mkfile h.tsv 'id\tlang\tdate\ttext\n1\ten\t2024-05\tIn 99999 the sun will still shine.\n2\ten\t2024-05\tOn 99999-03-21 and 2024-99-99.\n3\ten\t2024-05\tIt took 99999999999999999999 years.\n4\tde\t2024-05\tAm 21.03.99999 und im Jahr 123456789.\n5\ten\t2024-05\tOn March 21, 2024.\n')
	run --separate-stderr ed "$f"
	assert_success
	refute_stderr_has "runtime error" "AddressSanitizer" "Segmentation"
	# the last row is processed normally
	assert_line $'5\ten\t2024-05\t3\t17\tDATE\tMarch 21, 2024\t2024-03-21\t\t'
	# no impossible month or day in any value
	run awk -F'\t' 'NR > 1 && $8 ~ /^[0-9]+-(1[3-9]|[2-9][0-9]|00)/ { print }' <<< "$output"
	assert_output ''
}

@test "extreme reference dates: 0001-01 and 9999-12 with relatives: exit 0, no crash" {
	f=$(mkfile e.tsv 'id\tlang\tdate\ttext\n1\ten\t0001-01\tyesterday, last week, last month, last year\n2\ten\t9999-12-31\ttomorrow, next week, next month, next year\n')
	run --separate-stderr ed "$f"
	[ "$status" -eq 0 ] || [ "$status" -eq 1 ] || fail "exit $status"
	refute_stderr_has "runtime error" "AddressSanitizer" "Segmentation"
}

@test "a day range after a date of no known day ('from today to 20', undated): no range, no read before the month table (fuzz finding)" {
	# make fuzz (tests/fuzz/dates.c): "May 3 to 5" was tried on today's XXXX-XX-XX, whose month
	# 0 indexed the month lengths at -1 (UBSan)
	f=$(mkfile d.tsv 'id\tdate\tlang\ttext\n1\t\ten\tThe fair runs from today to 20.\n2\t\ten\tThe fair runs from May 3 to 5.\n')
	run --separate-stderr ed "$f"
	assert_success
	assert_line --index 1 $'1\t\ten\t19\t24\tDATE\ttoday\tXXXX-XX-XX\t\t'
	assert_line --index 2 $'2\t\ten\t19\t29\tDATE\tMay 3 to 5\tXXXX-05-03\tXXXX-05-05\t'
	assert_equal "${#lines[@]}" 3
}

@test "pathological: a 1 MB line of digits, of dates and of date-like dots: exit 0 in reasonable time" {
	{
		printf 'id\tlang\tdate\ttext\n'
		printf 'digits\ten\t2024-05\t'; head -c 1000000 /dev/zero | tr '\0' '7'; printf '\n'
		printf 'dots\tde\t2024-05\t'; yes '1.' | head -c 1000000 | tr -d '\n'; printf '\n'
		printf 'words\ten\t2024-05\t'; yes 'last year ' | head -c 1000000 | tr -d '\n'; printf '\n'
		printf 'last\ten\t2024-05\tOn March 21, 2024.\n'
	} > "$BATS_TEST_TMPDIR/big.tsv"
	run --separate-stderr timeout 60 "$NF_BIN/nf-extract-dates" "$BATS_TEST_TMPDIR/big.tsv"
	assert_success
	refute_stderr_has "runtime error" "AddressSanitizer"
	assert_line $'last\ten\t2024-05\t3\t17\tDATE\tMarch 21, 2024\t2024-03-21\t\t'
	# every "last year" of the line is found (yes adds a newline to each: 1e6/11 of them)
	want=$(awk -F'\t' '$1 == "words" { print $4 }' "$BATS_TEST_TMPDIR/big.tsv" | grep -o 'last year' | wc -l)
	assert_equal "$(awk -F'\t' '$1 == "words"' <<< "$output" | wc -l)" "$want"
	run awk -F'\t' '$1 == "digits" || $1 == "dots"' <<< "$output"
	assert_output ''
}

# ================================================================ bad input

@test "an empty text field: no mention, the next rows processed, exit 0" {
	f=$(mkfile e.tsv 'id\tdate\ttext\n1\t2024-05\t\n2\t2024-05\tlast year\n')
	run --separate-stderr ed "$f"
	assert_success
	assert_output $'id\tdate\t'"$DCOLS"$'\n2\t2024-05\t0\t9\tDATE\tlast year\t2023\t\t'
}

@test "invalid UTF-8 in the text: repaired, a warning naming file and line, mentions still found, exit 0" {
	f=$(mkfile bad.tsv 'id\tdate\ttext\n1\t2024-05\tlast year\n2\t2024-05\tnext year \xff in 2027\n')
	run --separate-stderr ed "$f"
	assert_success
	assert_line --index 1 $'1\t2024-05\t0\t9\tDATE\tlast year\t2023\t\t'
	assert_line --index 2 $'2\t2024-05\t0\t9\tDATE\tnext year\t2025\t\t'
	assert_equal "$(field 4 6)|$(field 4 7)" '2027|2027'
	assert_stderr_has "bad.tsv:3:" "invalid UTF-8"
	run --separate-stderr ed -v "$f"
	assert_success
	[[ $stderr =~ [^0-9]1\ repairs? ]] || fail "$(printf 'the summary does not count 1 repair:\n%s' "$stderr")"
}

@test "--strict: invalid UTF-8 in the text is an error, exit 1" {
	f=$(mkfile bad.tsv 'id\tdate\ttext\n1\t2024-05\tlast year\n2\t2024-05\tbad \xff next year\n')
	run --separate-stderr ed --strict "$f"
	assert_failure 1
	assert_line --index 1 $'1\t2024-05\t0\t9\tDATE\tlast year\t2023\t\t'
	assert_stderr_has "bad.tsv:3:"
}

@test "a ragged row: error with its line number, the other rows processed, exit 1" {
	f=$(mkfile r.tsv 'id\tdate\ttext\tmore\n1\t2024-05\tlast year\tm1\n2\t2024-05\tshort next year\n3\t2024-05\tlast year\tm3\n4\t2024-05\tlong\tm4\textra\n5\t2024-05\tlast year\tm5\n')
	run --separate-stderr ed "$f"
	assert_failure 1
	assert_output $'id\tdate\tmore\t'"$DCOLS"$'\n1\t2024-05\tm1\t0\t9\tDATE\tlast year\t2023\t\t\n3\t2024-05\tm3\t0\t9\tDATE\tlast year\t2023\t\t\n5\t2024-05\tm5\t0\t9\tDATE\tlast year\t2023\t\t'
	assert_stderr_has "r.tsv:3:" "r.tsv:5:"
}

@test "CRLF input: no CR in the output, the date column read without the CR" {
	f=$(mkfile crlf.tsv 'id\ttext\tdate\r\n1\tlast year\t2024-05\r\n')
	run --separate-stderr ed "$f"
	assert_success
	assert_stderr_empty
	assert_output $'id\tdate\t'"$DCOLS"$'\n1\t2024-05\t0\t9\tDATE\tlast year\t2023\t\t'
}

# ================================================================ common options, I/O

@test "-h and --help print usage to stdout, --version the version; exit 0" {
	run --separate-stderr ed -h
	assert_success
	assert_output --partial "Usage: nf-extract-dates"
	assert_output --partial "--ref-date"
	assert_stderr_empty
	run --separate-stderr ed --help
	assert_success
	assert_output --partial "Usage: nf-extract-dates"
	run --separate-stderr ed --version
	assert_success
	assert_output --regexp '^nf-extract-dates \(newsfilters\) [0-9]'
	assert_stderr_empty
}

@test "an unknown option or a missing argument is a usage error: exit 2, hint on stderr, nothing on stdout" {
	run --separate-stderr ed --bogus
	assert_failure 2
	assert_output ''
	assert_stderr_has "Try"
	run --separate-stderr ed --ref-date
	assert_failure 2
	assert_output ''
	run --separate-stderr ed --in xml /dev/null
	assert_failure 2
	assert_output ''
}

@test "| head -1 ends quietly: no message, killed by SIGPIPE or exit 0 (0 when SIGPIPE is ignored)" {
	{ printf 'id\tlang\tdate\ttext\n'; seq 1 100000 | sed 's/$/\ten\t2024-05\tLast year and next week, on March 21, 2024./'; } > "$BATS_TEST_TMPDIR/many.tsv"
	run --separate-stderr bash -o pipefail -c '"$1" "$2" | head -1; echo "status ${PIPESTATUS[0]}"' _ "$NF_BIN/nf-extract-dates" "$BATS_TEST_TMPDIR/many.tsv"
	assert_stderr_empty
	assert_line --index 0 $'id\tlang\tdate\t'"$DCOLS"
	[[ ${lines[1]} == "status 0" || ${lines[1]} == "status 141" ]] || fail "${lines[1]}"
	run --separate-stderr bash -o pipefail -c 'trap "" PIPE; "$1" "$2" | head -1; echo "status ${PIPESTATUS[0]}"' _ "$NF_BIN/nf-extract-dates" "$BATS_TEST_TMPDIR/many.tsv"
	assert_stderr_empty
	assert_line --index 1 "status 0"
}

@test "a full disk (/dev/full): error message, exit 1" {
	[ -w /dev/full ] || skip "no /dev/full"
	f=$(mkfile s.tsv 'id\tdate\ttext\n1\t2024-05\tlast year\n')
	run --separate-stderr bash -o pipefail -c '"$1" "$2" > /dev/full' _ "$NF_BIN/nf-extract-dates" "$f"
	assert_failure 1
	assert_stderr_has "write error"
}

@test "deterministic: the same input gives the same bytes, whatever the locale" {
	f=$BATS_TEST_DIRNAME/dates-cases.tsv
	awk -F'\t' 'NR == 1 { print "id\tlang\tdate\ttext"; next } { print NR "\t" $1 "\t" $2 "\t" $3 }' "$f" > "$BATS_TEST_TMPDIR/in.tsv"
	ed "$BATS_TEST_TMPDIR/in.tsv" > "$BATS_TEST_TMPDIR/a.out" 2> /dev/null || true
	LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 TZ=Pacific/Kiritimati ed "$BATS_TEST_TMPDIR/in.tsv" > "$BATS_TEST_TMPDIR/b.out" 2> /dev/null || true
	cmp "$BATS_TEST_TMPDIR/a.out" "$BATS_TEST_TMPDIR/b.out"
}

# ================================================================ pipeline against the gold

# pipeline GOLD_DIR SPLIT FILE...: nf-normalize FILE... [| nf-split] | nf-extract-dates, scored by
# tests/score.py dates; every mention's bytes in the normalized document are its surface
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
	ed "$BATS_TEST_TMPDIR/units.tsv" > "$BATS_TEST_TMPDIR/pred.tsv" 2> "$BATS_TEST_TMPDIR/err" || fail "nf-extract-dates exit $?"
	[ ! -s "$BATS_TEST_TMPDIR/err" ] || fail "stderr: $(cat "$BATS_TEST_TMPDIR/err")"
	run python3 - "$BATS_TEST_TMPDIR/norm.tsv" "$BATS_TEST_TMPDIR/pred.tsv" <<-'EOF2'
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
	EOF2
	assert_output ''
	run python3 "$BATS_TEST_DIRNAME/score.py" dates -v "$gold" "$BATS_TEST_TMPDIR/pred.tsv"
	assert_success
	assert_line "dates strict F1 1.000"
}

@test "pipeline: nf-normalize | nf-split | nf-extract-dates on the seed articles scores exactly like the gold" {
	need_shared
	pipeline "$SHARED/gold/seeds" split "$SHARED"/seeds/*.txt
}

@test "pipeline: nf-normalize | nf-split | nf-extract-dates on samples/ scores exactly like samples/gold" {
	pipeline "$BATS_TEST_DIRNAME/../samples/gold" split "$BATS_TEST_DIRNAME"/../samples/*.txt
}

@test "weekdays resolve against the reference date: the latest such day, or the next in a future clause" {
	f=$(mkfile wd.tsv 'id\tlang\tdate\ttext\n1\tnl\t2024-03-06\tOp maandag zei hij dat.\n2\tnl\t2024-03-06\tOp maandag zal hij komen.\n3\ten\t\tOn Monday he left.\n')
	run --separate-stderr "$NF_BIN/nf-extract-dates" "$f"
	assert_success
	assert_equal "$(cut -f8 <<< "$output" | tail -n +2 | tr '\n' ' ')" "2024-03-04 2024-03-11 XXXX-WXX-1 "
}

@test "language words (lib/text/langword): a row reads its language's words and the * rows; a row without a known language reads every language's" {
	f=$(mkfile lw.tsv 'id\tlang\tdate\ttext\n1\ten\t2024-05\tSales fell in maart 2024.\n2\tund\t2024-05\tSales fell in maart 2024.\n3\tnl\t2024-05\tOm 10 a.m. begon het.\n4\tpt\t2024-05\tA fábrica abriu em 5 de março de 2024.\n')
	run --separate-stderr "$NF_BIN/nf-extract-dates" "$f"
	assert_success
	assert_equal "$(cut -f1,7,8 <<< "$output" | tail -n +2 | tr '\t\n' ': ')" "2:maart 2024:2024-03 3:10 a.m.:XXXX-XX-XXT10:00 4:5 de março de 2024:2024-03-05 "
}

# Regression (issue 17): a dump read as one line made the range rules quadratic (12 MB: 3.2 s,
# 3 MB: 0.25 s); a line over 64 KB is now read a piece at a time, cut after a sentence end.
@test "one line of 3,000 sentences (over 64 KB): every date found, none cut at a piece's end" {
	python3 -c "import sys; sys.stdout.write('id\ttext\n1\t' + ' '.join(['The meeting was held on 3 May 2024 in Rome.'] * 3000) + '\n')" > "$BATS_TEST_TMPDIR/long.tsv"
	run --separate-stderr bash -o pipefail -c '"$1" "$2" | cut -f4,6 | sort | uniq -c' _ "$NF_BIN/nf-extract-dates" "$BATS_TEST_TMPDIR/long.tsv"
	assert_success
	assert_line --regexp '^ *3000 DATE	2024-05-03$'
	assert_equal "${#lines[@]}" 2
}
