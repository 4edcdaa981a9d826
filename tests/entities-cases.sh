#!/usr/bin/env bash
# entities-cases.sh [LANG]... — check nf-tag-entities against the golden table tests/entities-cases.tsv.
#
# The table has the columns lang, text, mentions, note: text is one row of a document
# (TSV-escaped, a line break written \n; each case is a document of its own), mentions the
# expected mentions in text order, joined by " || ", each written "TYPE SURFACE", with
# " = VALUE" appended when the value (the canonical name) is not the surface; empty when the
# text holds no entity. The note names the rule a case shows; a note that begins "KNOWN:"
# marks a case that records the current behaviour where it is wrong (a fix changes the case).
# All cases (or those of the languages given) go into one TSV input "id lang text" (id = line
# number in the table), which "$NF_BIN/nf-tag-entities" reads in one run. The text's bytes
# [start, end) of every row must equal its surface.
#
# Prints each failure as "FAIL line N [lang] note" with the expected and actual mentions, then
# "entities cases: P/T passed". Exit status 0 when all pass, 1 otherwise.
#   NF_BIN          directory of the binaries (default: bin/ beside tests/)
#   ENTITIES_CASES  another table to check (default: tests/entities-cases.tsv)
. "$(dirname "$0")/cases-lib.sh"
cases_run entities nf-tag-entities "${ENTITIES_CASES:-$here/entities-cases.tsv}" mentions "$@"

awk -F'\t' "$AWK_UNESC"'
	FILENAME == ARGV[1] { if (FNR > 1) doc[$1] = unesc($3); next }
	FILENAME == ARGV[2] {
		if (FNR == 1) {
			want = "id\tlang\tstart\tend\ttype\tsurface\tvalue"
			if ($0 != want) {
				print "FAIL output header is \"" $0 "\", not id lang start end type surface value"
				header_bad = 1
			}
			next
		}
		id = $1
		surf = unesc($6); val = unesc($7)
		m = $5 " " surf (val != surf ? " = " val : "")
		if (++n[id] == 1) # (not a ternary on "id in got": mawk creates got[id] first)
			got[id] = m
		else
			got[id] = got[id] " || " m
		s = $3 + 0; e = $4 + 0
		if (!(id in doc) || s < 0 || e < s || e > length(doc[id]) || substr(doc[id], s + 1, e - s) != surf)
			cut[id] = cut[id] sprintf("  [%s, %s) cuts \"%s\" from the text, the surface is \"%s\"\n",
				$3, $4, (id in doc) ? substr(doc[id], s + 1, e - s) : "?", surf)
		next
	}
	FNR == 1 || $0 == "" || !(FNR in doc) { next }
	{
		total++
		ok = !header_bad
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
		passed += ok
	}
	END {
		for (id in got) if (!(id in doc)) { print "FAIL output row with unknown id " id; header_bad = 1 }
		printf "entities cases: %d/%d passed\n", passed, total
		exit (passed == total && !header_bad) ? 0 : 1
	}
' "$tmp/in.tsv" "$tmp/out.tsv" "$cases" || status=1
exit "$status"
