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
set -u
here=$(cd "$(dirname "$0")" && pwd)
NF_BIN=${NF_BIN:-$here/../bin}
cases=${SPLIT_CASES:-$here/split-cases.tsv}
[ -x "$NF_BIN/nf-split" ] || { echo "split-cases.sh: no $NF_BIN/nf-split (run make)" >&2; exit 2; }
[ -r "$cases" ] || { echo "split-cases.sh: cannot read $cases" >&2; exit 2; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C # awk works on bytes: offsets are byte offsets

# the input: one document per case, in the table's escaped form
awk -F'\t' -v langs=" $* " '
	NR == 1 {
		if ($0 != "lang\ttext\tunits\tnote") { print "split-cases.sh: bad header in " FILENAME > "/dev/stderr"; bad = 2; exit }
		print "id\tlang\ttext"
		next
	}
	$0 == "" { next }
	NF != 4 { printf "split-cases.sh: %s:%d: %d fields, not 4\n", FILENAME, NR, NF > "/dev/stderr"; bad = 1; next }
	langs == "  " || index(langs, " " $1 " ") { print NR "\t" $1 "\t" $2 }
	END { exit bad }
' "$cases" > "$tmp/in.tsv" || exit 2
if [ "$(wc -l < "$tmp/in.tsv")" -le 1 ]; then
	echo "split-cases.sh: no cases for language(s): $*" >&2
	echo "split cases: 0/0 passed"
	exit 1
fi

rc=0
"$NF_BIN/nf-split" "$tmp/in.tsv" > "$tmp/out.tsv" 2> "$tmp/err" || rc=$?
status=0
if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then # the cases are clean input: no warning expected
	echo "FAIL nf-split exited with status $rc"
	sed 's/^/  stderr: /' "$tmp/err"
	status=1
fi

awk -F'\t' '
	function unesc(s,    r, i, c) {
		r = ""
		while ((i = index(s, "\\")) > 0) {
			c = substr(s, i + 1, 1)
			r = r substr(s, 1, i - 1) (c == "n" ? "\n" : c == "t" ? "\t" : c == "r" ? "\r" : c == "\\" ? "\\" : "\\" c)
			s = substr(s, i + 2)
		}
		return r s
	}
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
