# cases-lib.sh — the shared part of the golden-table checkers (split-cases.sh,
# money-cases.sh): source it, then call
#   cases_run NAME PROGRAM TABLE THIRD_COLUMN [LANG]...
# It checks the table's header (lang text THIRD_COLUMN note) and field counts, builds one TSV
# input "id lang text" of all cases (or those of the languages given; id = line in the table),
# runs "$NF_BIN/PROGRAM" on it once, and leaves $tmp/in.tsv, $tmp/out.tsv and $status (1 when
# the program failed or warned: the cases are clean input). Exits 2 on a broken table.
set -u
here=$(cd "$(dirname "$0")" && pwd)
NF_BIN=${NF_BIN:-$here/../bin}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C # awk works on bytes: offsets are byte offsets

# an awk function that undoes the TSV escapes, for the checkers: awk "$AWK_UNESC"'...'
AWK_UNESC='
	function unesc(s,    r, i, c) {
		r = ""
		while ((i = index(s, "\\")) > 0) {
			c = substr(s, i + 1, 1)
			r = r substr(s, 1, i - 1) (c == "n" ? "\n" : c == "t" ? "\t" : c == "r" ? "\r" : c == "\\" ? "\\" : "\\" c)
			s = substr(s, i + 2)
		}
		return r s
	}
'

cases_run() {
	local name=$1 prog=$2 col=$4
	cases=$3 # used by the caller too
	shift 4
	[ -x "$NF_BIN/$prog" ] || { echo "$name-cases.sh: no $NF_BIN/$prog (run make)" >&2; exit 2; }
	[ -r "$cases" ] || { echo "$name-cases.sh: cannot read $cases" >&2; exit 2; }
	awk -F'\t' -v langs=" $* " -v want="lang	text	$col	note" -v me="$name-cases.sh" '
		NR == 1 {
			if ($0 != want) { print me ": bad header in " FILENAME > "/dev/stderr"; bad = 2; exit }
			print "id\tlang\ttext"
			next
		}
		$0 == "" { next }
		NF != 4 { printf "%s: %s:%d: %d fields, not 4\n", me, FILENAME, NR, NF > "/dev/stderr"; bad = 1; next }
		langs == "  " || index(langs, " " $1 " ") { print NR "\t" $1 "\t" $2 }
		END { exit bad }
	' "$cases" > "$tmp/in.tsv" || exit 2
	if [ "$(wc -l < "$tmp/in.tsv")" -le 1 ]; then
		echo "$name-cases.sh: no cases for language(s): $*" >&2
		echo "$name cases: 0/0 passed"
		exit 1
	fi
	local rc=0
	"$NF_BIN/$prog" "$tmp/in.tsv" > "$tmp/out.tsv" 2> "$tmp/err" || rc=$?
	status=0
	if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
		echo "FAIL $prog exited with status $rc"
		sed 's/^/  stderr: /' "$tmp/err"
		status=1
	fi
}
