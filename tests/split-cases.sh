#!/usr/bin/env bash
# split-cases.sh [LANG]... — check nf-split against the golden table tests/split-cases.tsv.
#
# The table has the columns lang, text, units, note: text is one document (TSV-escaped, a line
# break written \n), units the expected units joined by " || ". All cases (or those of the
# languages given) go into one TSV input "id lang text" (id = line number in the table), which
# "$NF_BIN/nf-split" splits in one run. For each case the units found are joined by " || " and
# compared with the expected ones; every unit must also be numbered 1, 2, ... in its document,
# and the document's text bytes [unit_start, unit_end) must equal the unit.
#
# Prints each failure as "FAIL line N [lang] note" with the expected and actual units, then
# "split cases: P/T passed". Exit status 0 when all pass, 1 otherwise.
#   NF_BIN       directory of the binaries (default: bin/ beside tests/)
#   SPLIT_CASES  another table to check (default: tests/split-cases.tsv)
. "$(dirname "$0")/cases-lib.sh"
cases_run split nf-split "${SPLIT_CASES:-$here/split-cases.tsv}" units "$@"

awk -F'\t' "$AWK_UNESC"'
	FILENAME == ARGV[1] { if (FNR > 1) doc[$1] = unesc($3); next }
	FILENAME == ARGV[2] {
		if (FNR == 1) {
			if ($0 != "id\tlang\ttext\tunit\tunit_start\tunit_end") {
				print "FAIL output header is \"" $0 "\", not id lang text unit unit_start unit_end"
				header_bad = 1
			}
			next
		}
		id = $1
		if (++n[id] == 1) # (not a ternary on "id in got": mawk creates got[id] first)
			got[id] = $3
		else
			got[id] = got[id] " || " $3
		if ($4 != n[id])
			extra[id] = extra[id] sprintf("  unit numbering: unit %s is numbered %s\n", n[id], $4)
		u = unesc($3)
		s = $5 + 0; e = $6 + 0
		if (!(id in doc) || s < 0 || e < s || e > length(doc[id]) || substr(doc[id], s + 1, e - s) != u)
			cut[id] = cut[id] sprintf("  unit %s [%s, %s) cuts \"%s\" from the text, the unit is \"%s\"\n",
				$4, $5, $6, (id in doc) ? substr(doc[id], s + 1, e - s) : "?", u)
		next
	}
	FNR == 1 || $0 == "" || !(FNR in doc) { next }
	{
		total++
		ok = 1
		actual = (FNR in got) ? got[FNR] : "(no unit)"
		if (actual != $3) {
			printf "FAIL line %d [%s] %s\n  expected: %s\n  actual:   %s\n", FNR, $1, $4, $3, actual
			ok = 0
		}
		if (FNR in cut) {
			printf "FAIL line %d [%s] offsets: the document text cut at [unit_start, unit_end) is not the unit\n%s", FNR, $1, cut[FNR]
			ok = 0
		}
		if (FNR in extra) {
			printf "FAIL line %d [%s] unit numbering\n%s", FNR, $1, extra[FNR]
			ok = 0
		}
		passed += ok
	}
	END {
		for (id in got) if (!(id in doc)) { print "FAIL output row with unknown id " id; header_bad = 1 }
		printf "split cases: %d/%d passed\n", passed, total
		exit (passed == total && !header_bad) ? 0 : 1
	}
' "$tmp/in.tsv" "$tmp/out.tsv" "$cases" || status=1
exit "$status"
