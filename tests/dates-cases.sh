#!/usr/bin/env bash
# dates-cases.sh [LANG]... — check nf-extract-dates against the golden table tests/dates-cases.tsv.
#
# The table has the columns lang, ref, text, mentions, note: ref is the row's reference date
# (YYYY-MM, YYYY-MM-DD, or empty for none), text one sentence (TSV-escaped, a line break
# written \n), mentions the expected temporal mentions in order, joined by " || ", each written
# "SURFACE = TYPE VALUE" with "/VALUE_MAX" appended for a range and " MOD" when the mod is set
# (e.g. "vorige week = DATE 2021-W34", "6 إلى 7 سنوات = DURATION P6Y/P7Y APPROX"); empty when
# the text holds no temporal expression. All cases (or those of the languages given) go into
# one TSV input "id lang date text" (id = line number in the table), which
# "$NF_BIN/nf-extract-dates" reads in one run. For each case the mentions found are written
# the same way from the columns surface, type, value, value_max and mod, joined by " || " and
# compared with the expected ones; the text's bytes [start, end) must equal the surface.
#
# Prints each failure as "FAIL line N [lang] note" with the expected and actual mentions, then
# "dates cases: P/T passed". Exit status 0 when all pass, 1 otherwise (2: a broken table).
#   NF_BIN       directory of the binaries (default: bin/ beside tests/)
#   DATES_CASES  another table to check (default: tests/dates-cases.tsv)
. "$(dirname "$0")/cases-lib.sh"

cases=${DATES_CASES:-$here/dates-cases.tsv}
prog=nf-extract-dates
[ -x "$NF_BIN/$prog" ] || { echo "dates-cases.sh: no $NF_BIN/$prog (run make)" >&2; exit 2; }
[ -r "$cases" ] || { echo "dates-cases.sh: cannot read $cases" >&2; exit 2; }

# the input: id lang date text (cases-lib.sh's cases_run has no date column)
awk -F'\t' -v langs=" $* " -v want="lang	ref	text	mentions	note" -v me="dates-cases.sh" '
	NR == 1 {
		if ($0 != want) { print me ": bad header in " FILENAME > "/dev/stderr"; bad = 2; exit }
		print "id\tlang\tdate\ttext"
		next
	}
	$0 == "" { next }
	NF != 5 { printf "%s: %s:%d: %d fields, not 5\n", me, FILENAME, NR, NF > "/dev/stderr"; bad = 1; next }
	$2 != "" && $2 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9](-[0-9][0-9])?$/ {
		printf "%s: %s:%d: bad ref \"%s\"\n", me, FILENAME, NR, $2 > "/dev/stderr"; bad = 1; next
	}
	langs == "  " || index(langs, " " $1 " ") { print NR "\t" $1 "\t" $2 "\t" $3 }
	END { exit bad }
' "$cases" > "$tmp/in.tsv" || exit 2
if [ "$(wc -l < "$tmp/in.tsv")" -le 1 ]; then
	echo "dates-cases.sh: no cases for language(s): $*" >&2
	echo "dates cases: 0/0 passed"
	exit 1
fi
rc=0
"$NF_BIN/$prog" "$tmp/in.tsv" > "$tmp/out.tsv" 2> "$tmp/err" || rc=$?
status=0
if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
	echo "FAIL $prog exited with status $rc"
	sed 's/^/  stderr: /' "$tmp/err"
	status=1
fi

awk -F'\t' "$AWK_UNESC"'
	FILENAME == ARGV[1] { if (FNR > 1) doc[$1] = unesc($4); next }
	FILENAME == ARGV[2] {
		if (FNR == 1) {
			want = "id\tlang\tdate\tstart\tend\ttype\tsurface\tvalue\tvalue_max\tmod"
			if ($0 != want) {
				print "FAIL output header is \"" $0 "\", not id lang date start end type surface value value_max mod"
				header_bad = 1
			}
			for (i = 1; i <= NF; i++) col[$i] = i
			for (i = split("id start end type surface value value_max mod", need, " "); i > 0; i--)
				if (!(need[i] in col)) { print "FAIL output has no column " need[i]; missing = 1 }
			next
		}
		if (missing) next
		id = $(col["id"])
		surf = unesc($(col["surface"]))
		vmax = $(col["value_max"]); md = $(col["mod"])
		m = surf " = " $(col["type"]) " " $(col["value"]) (vmax != "" ? "/" vmax : "") (md != "" ? " " md : "")
		if (++n[id] == 1) # (not a ternary on "id in got": mawk creates got[id] first)
			got[id] = m
		else
			got[id] = got[id] " || " m
		t = $(col["type"])
		if (t != "DATE" && t != "TIME" && t != "DURATION" && t != "SET")
			extra[id] = extra[id] sprintf("  \"%s\": type is \"%s\", not DATE TIME DURATION or SET\n", surf, t)
		if (md != "" && md !~ /^(START|MID|END|APPROX|MORE_THAN|LESS_THAN)$/)
			extra[id] = extra[id] sprintf("  \"%s\": mod is \"%s\"\n", surf, md)
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
		if (actual != $4) {
			printf "FAIL line %d [%s] %s\n  text:     %s\n  ref:      %s\n  expected: %s\n  actual:   %s\n", FNR, $1, $5, $3,
				($2 == "" ? "(none)" : $2), ($4 == "" ? "(no mention)" : $4), (actual == "" ? "(no mention)" : actual)
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
		printf "dates cases: %d/%d passed\n", passed, total
		exit (passed == total && !header_bad && !missing) ? 0 : 1
	}
' "$tmp/in.tsv" "$tmp/out.tsv" "$cases" || status=1
exit "$status"
