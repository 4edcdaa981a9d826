#!/usr/bin/env bash
# invariants.sh [--quick] CORPUS_DIR — properties every filter keeps on real news, checked on
# the corpus files (TSV, gzip, header `#id date title text`, one document per line):
#   count  rows in (from -v) = the file's documents, none rejected or unread; nf-dedupe's rows
#          out + copies dropped = rows in; nf-split gives units for every document with text
#   rerun  a second run gives the same bytes
#   -N     the rows without the header line, read with -N and the text column by number,
#          give the same rows as with the header (less the header line; the header's date
#          column renamed, as -N cannot name one, but for nf-normalize's --date-col)
#   plain  the file decompressed on stdin gives the same bytes as the .gz named as a file
#   parts  the file cut into 3 parts at document boundaries, each part run on its own (for
#          nf-dedupe, one --state carried from part to part), gives the same rows
# One line per filter and file: "invariants FILTER FILE ok" or "... FAIL: what"; the last
# line "invariants: N checks, N failed". Exit 1 when any failed, 2 on usage.
# --quick: the NTREX files of every language and the first 3,000 documents of the others
# (the test suite's subset); without it, every file whole (make invariants).
# Environment: NF_BIN (default bin/ beside tests/).
set -u
export LC_ALL=C.UTF-8
quick=0
[ "${1:-}" = --quick ] && { quick=1; shift; }
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: invariants.sh [--quick] CORPUS_DIR" >&2; exit 2; }
corpus=$1
here=$(cd "$(dirname "$0")" && pwd)
bin=${NF_BIN:-$here/../bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
checks=0 failed=0

# the options each filter needs for this corpus: the id column is named '#id'
opts() {
	case $1 in
	nf-normalize) echo "-q --id-col #id --lang en" ;; # --lang: langid is not under test here
	nf-dedupe) echo "-q" ;;
	*) echo "-q" ;;
	esac
}
nopts() { # the same with -N: columns by number (1 id, 2 date, 4 text)
	case $1 in
	nf-normalize) echo "-q -N --id-col 1 --date-col 2 --text-col 4 --lang en" ;;
	*) echo "-q -N -f 4" ;;
	esac
}

bad() { failed=$((failed + 1)); echo "invariants $1 $2 FAIL: $3"; }

check() { # filter file(.tsv, plain) docs
	local p=$1 f=$2 docs=$3 name
	name=$(basename "$f" .tsv)
	local fail0=$failed
	# shellcheck disable=SC2046
	"$bin/$p" $(opts "$p") -v "$f.gz" > "$work/o1" 2> "$work/e1"
	local rc=$?
	checks=$((checks + 1))
	[ $rc -eq 0 ] || bad "$p" "$name" "exit $rc: $(grep -v ' rows in,' "$work/e1" | head -n 2 | tr '\n' ' ')"
	local sum
	sum=$(grep ' rows in, ' "$work/e1" | tail -n 1)
	local rin rout rej
	rin=$(printf '%s\n' "$sum" | sed -n 's/.*: \([0-9]*\) rows in, \([0-9]*\) rows out, \([0-9]*\) rejected.*/\1/p')
	rout=$(printf '%s\n' "$sum" | sed -n 's/.*: \([0-9]*\) rows in, \([0-9]*\) rows out, \([0-9]*\) rejected.*/\2/p')
	rej=$(printf '%s\n' "$sum" | sed -n 's/.*: \([0-9]*\) rows in, \([0-9]*\) rows out, \([0-9]*\) rejected.*/\3/p')
	checks=$((checks + 1))
	if [ "$rin" != "$docs" ] || [ "$rej" != 0 ]; then
		bad "$p" "$name" "count: $docs documents, -v says '$sum'"
	elif [ "$p" = nf-dedupe ]; then
		local dropped
		dropped=$(printf '%s\n' "$sum" | sed -n 's/.* \([0-9]*\) duplicates.*/\1/p')
		[ -n "$dropped" ] && [ $((rout + dropped)) -eq "$rin" ] || bad "$p" "$name" "count: out + duplicates != in: '$sum'"
	elif [ "$p" = nf-split ]; then
		local ids empty
		ids=$(tail -n +2 "$work/o1" | cut -f1 | uniq | wc -l)
		empty=$(printf '%s\n' "$sum" | sed -n 's/.* \([0-9]*\) rows without text.*/\1/p')
		[ $((ids + ${empty:-0})) -eq "$docs" ] || bad "$p" "$name" "count: units for $ids documents of $docs (${empty:-0} without text)"
	fi
	# rerun
	# shellcheck disable=SC2046
	"$bin/$p" $(opts "$p") "$f.gz" > "$work/o2" 2> /dev/null
	checks=$((checks + 1))
	cmp -s "$work/o1" "$work/o2" || bad "$p" "$name" "rerun: a second run differs"
	# -N: without a header no date column can be named (nf-normalize's --date-col can), so the
	# rows are compared with a header run in which the date column has another name
	# shellcheck disable=SC2046
	tail -n +2 "$f" | "$bin/$p" $(nopts "$p") > "$work/oN" 2> /dev/null
	if [ "$p" = nf-normalize ]; then
		cp "$work/o1" "$work/oH"
	else
		# shellcheck disable=SC2046
		{ head -n 1 "$f" | sed 's/\tdate\t/\tdate_\t/'; tail -n +2 "$f"; } | "$bin/$p" $(opts "$p") > "$work/oH" 2> /dev/null
	fi
	checks=$((checks + 1))
	tail -n +2 "$work/oH" | cmp -s - "$work/oN" || bad "$p" "$name" "-N: the rows differ from the header run's"
	# plain on stdin
	# shellcheck disable=SC2046
	"$bin/$p" $(opts "$p") < "$f" > "$work/oP" 2> /dev/null
	checks=$((checks + 1))
	cmp -s "$work/o1" "$work/oP" || bad "$p" "$name" "plain: stdin differs from the .gz"
	# parts
	rm -f "$work/state" "$work/oS"
	local k
	for k in 1 2 3; do
		{ head -n 1 "$f"; tail -n +2 "$f" | awk -v k=$k -v n="$docs" 'NR > int((k - 1) * n / 3) && NR <= int(k * n / 3)'; } > "$work/part"
		local st=()
		[ "$p" = nf-dedupe ] && st=(--state "$work/state")
		# shellcheck disable=SC2046
		"$bin/$p" $(opts "$p") "${st[@]}" "$work/part" 2> /dev/null | { [ $k -eq 1 ] && cat || tail -n +2; } >> "$work/oS"
	done
	checks=$((checks + 1))
	cmp -s "$work/o1" "$work/oS" || bad "$p" "$name" "parts: 3 parts run apart differ from one run"
	[ $failed -eq $fail0 ] && echo "invariants $p $name ok"
	return 0
}

files=$(find "$corpus" -name '*.tsv.gz' | sort)
[ -n "$files" ] || { echo "invariants: no *.tsv.gz under $corpus" >&2; exit 2; }
for g in $files; do
	base=$(basename "$g" .gz)
	case $base in
	ntrex128.*) ;;
	*) [ $quick -eq 1 ] && lim=3001 || lim= ;;
	esac
	case $base in ntrex128.*) lim= ;; esac
	if [ -n "$lim" ]; then zcat "$g" | head -n "$lim"; else zcat "$g"; fi > "$work/$base"
	gzip -c "$work/$base" > "$work/$base.gz"
	docs=$(($(wc -l < "$work/$base") - 1))
	for p in nf-normalize nf-split nf-extract-money nf-extract-dates nf-tag-entities nf-dedupe; do
		check "$p" "$work/$base" "$docs"
	done
	rm -f "$work/$base" "$work/$base.gz"
done
echo "invariants: $checks checks, $failed failed"
[ $failed -eq 0 ]
