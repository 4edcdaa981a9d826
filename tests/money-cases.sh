#!/usr/bin/env bash
# money-cases.sh [LANG]... — check nf-extract-money against the golden table tests/money-cases.tsv.
#
# The table has the columns lang, text, mentions, note: text is one sentence (TSV-escaped, a line
# break written \n), mentions the expected money mentions in order, joined by " || ", each
# written "SURFACE = AMOUNT CUR" or "SURFACE = AMOUNT-MAX CUR" with " MOD" appended when the
# mod is set (AMOUNT may be negative: -12); empty when the text holds no money. SURFACE is
# TSV-escaped like the text (an amount over a line break: "7.5 mln\ndlrs"). A note that begins
# "date=YYYY-MM-DD; " gives the case a document date (historical currencies: marks before the
# euro); the others have none. All cases (or those of the languages given) go into one TSV
# input "id date lang text" (id = line number in the table), which "$NF_BIN/nf-extract-money"
# reads in one run. For each case the mentions found are written
# the same way from the columns surface, amount, amount_max, currency and mod, joined by
# " || " and compared with the expected ones. Every row must also have type MONEY, a value
# equal to "AMOUNT CUR" or "AMOUNT-MAX CUR", and the text's bytes [start, end) must equal
# its surface.
#
# Prints each failure as "FAIL line N [lang] note" with the expected and actual mentions, then
# "money cases: P/T passed". Exit status 0 when all pass, 1 otherwise.
#   NF_BIN       directory of the binaries (default: bin/ beside tests/)
#   MONEY_CASES  another table to check (default: tests/money-cases.tsv)
. "$(dirname "$0")/cases-lib.sh"
cases_run money nf-extract-money "${MONEY_CASES:-$here/money-cases.tsv}" mentions "$@"

# again with the date column: the date of each case from its note's "date=YYYY-MM-DD; "
awk -F'\t' '
	FILENAME == ARGV[1] { if (FNR > 1 && match($4, /^date=[0-9-]+; /)) date[FNR] = substr($4, 6, RLENGTH - 7); next }
	FNR == 1 { print "id\tdate\tlang\ttext"; next }
	{ print $1 "\t" (($1 in date) ? date[$1] : "") "\t" $2 "\t" $3 }
' "$cases" "$tmp/in.tsv" > "$tmp/in-dated.tsv"
mv "$tmp/in-dated.tsv" "$tmp/in.tsv"
rc=0
"$NF_BIN/nf-extract-money" "$tmp/in.tsv" > "$tmp/out.tsv" 2> "$tmp/err" || rc=$?
if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
	[ "$status" -ne 0 ] || { echo "FAIL nf-extract-money exited with status $rc"; sed 's/^/  stderr: /' "$tmp/err"; }
	status=1
fi

awk -F'\t' "$AWK_UNESC"'
	FILENAME == ARGV[1] { if (FNR > 1) doc[$1] = unesc($4); next }
	FILENAME == ARGV[2] {
		if (FNR == 1) {
			want = "id\tdate\tlang\tstart\tend\ttype\tsurface\tvalue\tamount\tamount_max\tcurrency\tmod"
			if ($0 != want) {
				print "FAIL output header is \"" $0 "\", not id date lang start end type surface value amount amount_max currency mod"
				header_bad = 1
			}
			for (i = 1; i <= NF; i++) col[$i] = i
			for (i = split("id start end type surface value amount amount_max currency mod", need, " "); i > 0; i--)
				if (!(need[i] in col)) { print "FAIL output has no column " need[i]; missing = 1 }
			next
		}
		if (missing) next
		id = $(col["id"])
		surf = unesc($(col["surface"]))
		amt = $(col["amount"]); amax = $(col["amount_max"]); cur = $(col["currency"]); md = $(col["mod"])
		m = $(col["surface"]) " = " amt (amax != "" ? "-" amax : "") " " cur (md != "" ? " " md : "")
		if (++n[id] == 1) # (not a ternary on "id in got": mawk creates got[id] first)
			got[id] = m
		else
			got[id] = got[id] " || " m
		if ($(col["type"]) != "MONEY")
			extra[id] = extra[id] sprintf("  \"%s\": type is \"%s\", not MONEY\n", surf, $(col["type"]))
		v = amt (amax != "" ? "-" amax : "") " " cur
		if ($(col["value"]) != v)
			extra[id] = extra[id] sprintf("  \"%s\": value is \"%s\", the columns give \"%s\"\n", surf, $(col["value"]), v)
		s = $(col["start"]) + 0; e = $(col["end"]) + 0
		if (!(id in doc) || s < 0 || e < s || e > length(doc[id]) || substr(doc[id], s + 1, e - s) != surf)
			cut[id] = cut[id] sprintf("  [%s, %s) cuts \"%s\" from the text, the surface is \"%s\"\n",
				$(col["start"]), $(col["end"]), (id in doc) ? substr(doc[id], s + 1, e - s) : "?", surf)
		next
	}
	FNR == 1 || $0 == "" || !(FNR in doc) { next }
	{
		total++
		ok = !missing
		actual = (FNR in got) ? got[FNR] : ""
		if (actual != $3) {
			printf "FAIL line %d [%s] %s\n  text:     %s\n  expected: %s\n  actual:   %s\n", FNR, $1, $4, $2,
				($3 == "" ? "(no mention)" : $3), (actual == "" ? "(no mention)" : actual)
			ok = 0
		}
		if (FNR in cut) {
			printf "FAIL line %d [%s] offsets: the text cut at [start, end) is not the surface\n%s", FNR, $1, cut[FNR]
			ok = 0
		}
		if (FNR in extra) {
			printf "FAIL line %d [%s] columns\n%s", FNR, $1, extra[FNR]
			ok = 0
		}
		passed += ok
	}
	END {
		for (id in got) if (!(id in doc)) { print "FAIL output row with unknown id " id; header_bad = 1 }
		printf "money cases: %d/%d passed\n", passed, total
		exit (passed == total && !header_bad && !missing) ? 0 : 1
	}
' "$tmp/in.tsv" "$tmp/out.tsv" "$cases" || status=1
exit "$status"
