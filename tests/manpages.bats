#!/usr/bin/env bats
# The EXAMPLES of every man page are run as written, in a folder that holds the files they name
# (articles/, samples/, feed.tsv, docs.tsv, corpus.tsv.gz, export.csv.gz, pipelines/): each
# must exit 0 under pipefail with nothing on stderr, and print or write something.

load helpers

ROOT=$BATS_TEST_DIRNAME/..

setup() {
	W=$BATS_TEST_TMPDIR/w
	mkdir -p "$W/articles" "$W/bin"
	cp "$ROOT"/samples/*.txt "$W/articles/"
	ln -s "$ROOT/samples" "$W/samples"
	ln -s "$ROOT/pipelines" "$W/pipelines"
	for p in "$NF_BIN"/nf-*; do ln -s "$p" "$W/bin/"; done
	"$NF_BIN/nf-normalize" -q "$ROOT"/samples/*.txt > "$W/docs.tsv"
	cp "$W/docs.tsv" "$W/feed.tsv"
	gzip -c "$W/docs.tsv" > "$W/corpus.tsv.gz"
	# a CMS export: url and body columns, RFC 4180 quoting, bodies over several lines
	{
		printf 'url,title,body\n'
		for f in "$ROOT"/samples/*.txt; do
			printf '"https://example.org/%s","t","%s"\n' "$(basename "$f" .txt)" "$(sed 's/"/""/g' "$f")"
		done
	} | gzip -c > "$W/export.csv.gz"
}

# examples PAGE: the command lines of PAGE's EXAMPLES section, roff escapes undone
examples() {
	sed -n '/^\.SH EXAMPLES/,/^\.SH /p' "$ROOT/filters/$1.1" | sed -n '/^\.nf/,/^\.fi/p' |
		sed '/^\.nf/d; /^\.fi/d; /^$/d' |
		sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' -e 's/\\e/\\/g' -e 's/\\\\/\\/g'
}

# run_examples PAGE: run each example in $W; fail naming the first that does not pass
run_examples() {
	local page=$1 n=0 cmd out err rc missing=""
	while IFS= read -r cmd; do
		n=$((n + 1))
		if [[ $cmd == *"| mlr "* ]] && ! command -v mlr >/dev/null; then
			missing="$missing '$cmd'"
			continue
		fi
		rm -f "$W"/.out "$W"/.err
		rc=0
		(cd "$W" && HOME=$W PATH="$W/bin:$PATH" bash -o pipefail -c "$cmd" > .out 2> .err) || rc=$?
		err=$(cat "$W/.err")
		[ "$rc" -eq 0 ] || fail "$page.1 example '$cmd': exit $rc: $err"
		[ -z "$err" ] || fail "$page.1 example '$cmd': stderr: $err"
		# output on stdout, or in the file it was sent to
		if [[ $cmd == *" > "* ]]; then
			out=${cmd##*> }
			out=${out%% *}
			[ -s "$W/${out/#\~/$W}" ] || [ -s "${out/#\~/$W}" ] || fail "$page.1 example '$cmd': wrote nothing to $out"
		else
			[ -s "$W/.out" ] || fail "$page.1 example '$cmd': printed nothing"
		fi
	done < <(examples "$page")
	[ "$n" -gt 0 ] || fail "$page.1 has no EXAMPLES"
	[ -z "$missing" ] || skip "the others passed; Miller (mlr) is not installed for:$missing"
}

@test "man pages: every program has one, with EXAMPLES" {
	for f in normalize split extract-money extract-dates tag-entities dedupe; do
		[ -f "$ROOT/filters/$f.1" ] || fail "no filters/$f.1"
		grep -q '^\.SH EXAMPLES' "$ROOT/filters/$f.1" || fail "filters/$f.1 has no EXAMPLES"
	done
}

@test "man page examples run as written: nf-normalize" { run_examples normalize; }
@test "man page examples run as written: nf-split" { run_examples split; }
@test "man page examples run as written: nf-extract-money" { run_examples extract-money; }
@test "man page examples run as written: nf-extract-dates" { run_examples extract-dates; }
@test "man page examples run as written: nf-tag-entities" { run_examples tag-entities; }
@test "man page examples run as written: nf-dedupe" { run_examples dedupe; }
