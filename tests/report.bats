#!/usr/bin/env bats
# report.bats — pipelines/report: the numbers of every table against golden files on a
# hand-made run (tests/report/facts.tsv and docs.tsv, expected/*.tsv), the page on its own (no
# network, no file beside it, text escaped, right to left where the text is), a real browser
# rendering it (headless Chromium: a screenshot that is not blank, the charts in its DOM), the
# samples through the whole pipeline, and bad input. Needs mlr and gnuplot (skips without).

load helpers

REPORT=$BATS_TEST_DIRNAME/../pipelines/report
FIX=$BATS_TEST_DIRNAME/report

setup() {
	command -v mlr > /dev/null 2>&1 || skip "no mlr (Debian: miller)"
	command -v gnuplot > /dev/null 2>&1 || skip "no gnuplot (Debian: gnuplot-nox)"
}

rep() { NF_BIN=$NF_BIN "$REPORT" "$@"; }

@test "report: every table's numbers on a hand-made run equal the golden files" {
	run --separate-stderr rep --docs "$FIX/docs.tsv" --tables "$BATS_TEST_TMPDIR/t" -o "$BATS_TEST_TMPDIR/r.html" "$FIX/facts.tsv"
	assert_success
	for f in "$FIX"/expected/*.tsv; do
		diff -u "$f" "$BATS_TEST_TMPDIR/t/$(basename "$f")" || { echo "differs: $(basename "$f")"; false; }
	done
	[ "$(ls "$BATS_TEST_TMPDIR/t" | wc -l)" = "$(ls "$FIX/expected" | wc -l)" ]
}

@test "report: the run counts the copies nf-dedupe --mark dropped, exact apart from near" {
	run --separate-stderr rep --docs "$FIX/docs.tsv" --tables "$BATS_TEST_TMPDIR/t" -o /dev/null "$FIX/facts.tsv"
	assert_success
	assert_equal "$(cat "$BATS_TEST_TMPDIR/t/run.tsv")" $'documents\tkept\texact copies\tnear copies\tparagraph copies\n6\t4\t1\t1\t0'
}

@test "report: from an older nf-dedupe without dup_kind, a similarity of 1 counts as exact" {
	cut -f1-6 "$FIX/docs.tsv" > "$BATS_TEST_TMPDIR/old.tsv"
	run --separate-stderr rep --docs "$BATS_TEST_TMPDIR/old.tsv" --tables "$BATS_TEST_TMPDIR/t" -o /dev/null "$FIX/facts.tsv"
	assert_success
	assert_equal "$(sed -n 2p "$BATS_TEST_TMPDIR/t/run.tsv")" $'6\t4\t1\t1\t0'
}

@test "report: the largest amounts carry their sentence, cut from the document's text by byte offsets (Arabic too)" {
	run --separate-stderr rep --docs "$FIX/docs.tsv" --tables "$BATS_TEST_TMPDIR/t" -o /dev/null "$FIX/facts.tsv"
	assert_success
	run awk -F'\t' '$1 == "d2" { print $NF }' "$BATS_TEST_TMPDIR/t/money-largest.tsv"
	assert_output 'قالت شركة أكمي إن الصفقة بقيمة 500 مليون ريال سعودي.'
}

@test "report: the page is self-contained: no http, no src=, no script, no style sheet or font fetched" {
	run --separate-stderr rep --docs "$FIX/docs.tsv" -o "$BATS_TEST_TMPDIR/r.html" "$FIX/facts.tsv"
	assert_success
	run grep -Eic 'https?:|src=|<script|<link|@import|url\(' "$BATS_TEST_TMPDIR/r.html"
	assert_output 0
	# three charts inline, each in its figure
	assert_equal "$(grep -c '<svg' "$BATS_TEST_TMPDIR/r.html")" 3
	grep -q '<figure class="chart" id="chart-money"><svg' "$BATS_TEST_TMPDIR/r.html"
	# each chart has its size (an SVG without one collapses to nothing inside a flex box)
	run python3 -c 'import re, sys
svgs = re.findall(r"<svg\b[^>]*>", open(sys.argv[1]).read())
print(len(svgs), sum(1 for t in svgs if re.search(r"\bwidth=\"\d+\"", t) and re.search(r"\bheight=\"\d+\"", t)))' "$BATS_TEST_TMPDIR/r.html"
	assert_output '3 3'
}

@test "report: cells are dir=auto (Arabic reads right to left) and names appear as written" {
	run --separate-stderr rep -o "$BATS_TEST_TMPDIR/r.html" "$FIX/facts.tsv"
	assert_success
	grep -q '<td dir="auto">Acme Corp · Acme · أكمي</td>' "$BATS_TEST_TMPDIR/r.html"
	grep -q '<td dir="auto">ar</td>' "$BATS_TEST_TMPDIR/r.html"
	# large numbers in groups of three (narrow no-break spaces) on the page; the TSV tables keep digits
	grep -q "<td class=\"n\">$(printf '40\342\200\257000\342\200\257000\342\200\257000')</td>" "$BATS_TEST_TMPDIR/r.html"
	grep -q '<td class="n">2024</td>\|<td class="n">1</td>' "$BATS_TEST_TMPDIR/r.html"
}

@test "report: the title and every cell are HTML-escaped" {
	run --separate-stderr rep --title 'Feed <b> & "co"' -o "$BATS_TEST_TMPDIR/r.html" "$FIX/facts.tsv"
	assert_success
	grep -q '<title>Feed &lt;b&gt; &amp; &quot;co&quot;</title>' "$BATS_TEST_TMPDIR/r.html"
	sed 's/Acme Corp/A<i>\&B/' "$FIX/facts.tsv" > "$BATS_TEST_TMPDIR/f.tsv"
	run --separate-stderr rep -o "$BATS_TEST_TMPDIR/r.html" "$BATS_TEST_TMPDIR/f.tsv"
	assert_success
	grep -q 'A&lt;i&gt;&amp;B' "$BATS_TEST_TMPDIR/r.html"
	run grep -c 'A<i>' "$BATS_TEST_TMPDIR/r.html"
	assert_output 0
}

@test "report: reads stdin, gzip and several files (one header), and writes to stdout with -o -" {
	gzip -c "$FIX/facts.tsv" > "$BATS_TEST_TMPDIR/f.tsv.gz"
	rep --tables "$BATS_TEST_TMPDIR/a" -o /dev/null "$FIX/facts.tsv"
	run --separate-stderr "$REPORT" --tables "$BATS_TEST_TMPDIR/b" -o - < "$BATS_TEST_TMPDIR/f.tsv.gz"
	assert_success
	assert_output --partial '<!DOCTYPE html>'
	diff -r "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	# the same file twice: every count doubles, documents stay
	rep --tables "$BATS_TEST_TMPDIR/c" -o /dev/null "$FIX/facts.tsv" "$BATS_TEST_TMPDIR/f.tsv.gz"
	assert_equal "$(awk -F'\t' '$1 == "ORG" { print $2 }' "$BATS_TEST_TMPDIR/c/types.tsv")" 14
	assert_equal "$(awk -F'\t' '$2 == "Acme Corp" { print $3 }' "$BATS_TEST_TMPDIR/c/entities.tsv")" 4
}

@test "report: facts without rows still make a page, its tables saying (none)" {
	head -n 1 "$FIX/facts.tsv" > "$BATS_TEST_TMPDIR/empty.tsv"
	run --separate-stderr rep -o "$BATS_TEST_TMPDIR/r.html" "$BATS_TEST_TMPDIR/empty.tsv"
	assert_success
	grep -q '0 documents with facts, 0 facts' "$BATS_TEST_TMPDIR/r.html"
	grep -q '(none)' "$BATS_TEST_TMPDIR/r.html"
}

@test "report: bad input: a missing file, not facts, another header, a bad option" {
	run --separate-stderr rep -o "$BATS_TEST_TMPDIR/r.html" "$BATS_TEST_TMPDIR/nope.tsv"
	assert_failure 1
	assert_stderr_has "nope.tsv: cannot read it"
	[ ! -e "$BATS_TEST_TMPDIR/r.html" ]
	printf 'a\tb\n1\t2\n' > "$BATS_TEST_TMPDIR/x.tsv"
	run --separate-stderr rep -o "$BATS_TEST_TMPDIR/r.html" "$BATS_TEST_TMPDIR/x.tsv"
	assert_failure 1
	assert_stderr_has "not news-facts output"
	run --separate-stderr rep -o "$BATS_TEST_TMPDIR/r.html" "$FIX/facts.tsv" "$BATS_TEST_TMPDIR/x.tsv"
	assert_failure 1
	assert_stderr_has "another header"
	run --separate-stderr rep --frobnicate
	assert_failure 2
	run --separate-stderr rep --top x "$FIX/facts.tsv"
	assert_failure 2
	run --separate-stderr rep -o /nonexistent/dir/r.html "$FIX/facts.tsv"
	assert_failure 1
	assert_stderr_has "cannot write it"
}

@test "report: the samples through news-facts, then the page, in one go" {
	local d=$BATS_TEST_TMPDIR
	"$NF_BIN/nf-normalize" "$BATS_TEST_DIRNAME"/../samples/*.txt 2> /dev/null | "$NF_BIN/nf-dedupe" --mark > "$d/docs.tsv"
	NF_BIN=$NF_BIN "$BATS_TEST_DIRNAME/../pipelines/news-facts" -q "$BATS_TEST_DIRNAME"/../samples/*.txt > "$d/facts.tsv"
	run --separate-stderr rep --docs "$d/docs.tsv" --tables "$d/t" -o "$d/r.html" "$d/facts.tsv"
	assert_success
	assert_equal "$(sed -n 2p "$d/t/run.tsv")" $'7\t7\t0\t0\t0'
	assert_equal "$(($(wc -l < "$d/t/languages.tsv") - 1))" 7
	assert_equal "$(grep -c '<svg' "$d/r.html")" 3
}

# chromium --headless, its profile and crash folders in the test's temporary folder
chrome() {
	local c
	for c in chromium chromium-browser google-chrome; do
		command -v "$c" > /dev/null 2>&1 && break
		c=""
	done
	[ -n "$c" ] || skip "no headless Chromium (Debian: chromium)"
	HOME=$BATS_TEST_TMPDIR timeout 120 "$c" --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$BATS_TEST_TMPDIR/chrome" --no-first-run --disable-extensions "$@" 2> "$BATS_TEST_TMPDIR/chrome.log"
}

@test "report: headless Chromium renders the page: a screenshot that is not blank, the charts in the DOM" {
	rep --docs "$FIX/docs.tsv" -o "$BATS_TEST_TMPDIR/r.html" "$FIX/facts.tsv"
	chrome --window-size=1000,1400 --screenshot="$BATS_TEST_TMPDIR/r.png" "file://$BATS_TEST_TMPDIR/r.html" > /dev/null
	[ -s "$BATS_TEST_TMPDIR/r.png" ]
	# decode the PNG (stdlib only): many distinct pixel rows, and dark pixels (text, axes)
	run python3 - "$BATS_TEST_TMPDIR/r.png" <<'EOF'
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n"
w, h, depth, ctype = struct.unpack(">IIBB", d[16:26])
idat, i = b"", 8
while i < len(d):
    n, t = struct.unpack(">I4s", d[i:i + 8])
    if t == b"IDAT":
        idat += d[i + 8:i + 8 + n]
    i += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ctype]
stride = w * bpp + 1
rows = set(raw[r * stride + 1:(r + 1) * stride] for r in range(h))
# filter bytes aside, a blank page compresses to a few distinct rows
print(w, h, len(rows), len(idat))
EOF
	assert_success
	read -r w h distinct size <<< "$output"
	[ "$w" = 1000 ] && [ "$h" = 1400 ]
	[ "$distinct" -gt 100 ]
	# the DOM after rendering holds the three charts and the tables
	run chrome --dump-dom "file://$BATS_TEST_TMPDIR/r.html"
	assert_success
	assert_equal "$(printf '%s' "$output" | grep -o '<figure class="chart" id="chart-[a-z]*"><svg' | wc -l)" 3
	assert_output --partial '<h2 id="money">How much</h2>'
}

@test "report: after pipelines/daily, from its gzip day files (the kept documents give the sentences)" {
	local d=$BATS_TEST_TMPDIR
	mkdir -p "$d/feed" && cp "$BATS_TEST_DIRNAME"/../samples/*.txt "$d/feed/"
	NF_BIN=$NF_BIN "$BATS_TEST_DIRNAME/../pipelines/daily" -q --state "$d/st" --out "$d/out" --date 2026-12-06 "$d/feed"
	run --separate-stderr rep --docs "$d/out/docs-2026-12-06.tsv.gz" --tables "$d/t" -o "$d/out/report.html" "$d/out/facts-2026-12-06.tsv.gz"
	assert_success
	assert_equal "$(cat "$d/t/run.tsv")" $'documents\n7'
	run awk -F'\t' 'NR > 1 && $NF == "" { n++ } END { print n + 0 }' "$d/t/money-largest.tsv"
	assert_output 0
}

@test "report: a week, quarter, half or season counts in its first month on the timeline" {
	printf 'id\tdate\ttype\tvalue\na\t2024-03-10\tDATE\t2024-W10\na\t2024-03-10\tDATE\t2024-W01\na\t2024-03-10\tDATE\t2024-W52\na\t2024-03-10\tDATE\t2024-Q2\na\t2024-03-10\tDATE\t2024-H2\na\t2024-03-10\tDATE\t2024-SU\n' > "$BATS_TEST_TMPDIR/w.tsv"
	run --separate-stderr rep --tables "$BATS_TEST_TMPDIR/t" -o /dev/null "$BATS_TEST_TMPDIR/w.tsv"
	assert_success
	assert_equal "$(cut -f1 "$BATS_TEST_TMPDIR/t/months.tsv" | tail -n +2 | tr '\n' ' ')" '2024-01 2024-03 2024-04 2024-06 2024-07 2024-12 '
	assert_equal "$(awk -F'\t' '$1 == "2024-03" { print $3 }' "$BATS_TEST_TMPDIR/t/months.tsv")" 1
}

@test "report: inputs without a final newline, and blank lines, lose no row" {
	head -c -1 "$FIX/facts.tsv" > "$BATS_TEST_TMPDIR/a.tsv"
	{ head -n 1 "$FIX/facts.tsv"; echo; tail -n +2 "$FIX/facts.tsv"; } > "$BATS_TEST_TMPDIR/b.tsv"
	head -c -1 "$FIX/docs.tsv" > "$BATS_TEST_TMPDIR/d.tsv"
	run --separate-stderr rep --docs "$BATS_TEST_TMPDIR/d.tsv" --tables "$BATS_TEST_TMPDIR/t" -o "$BATS_TEST_TMPDIR/r.html" "$BATS_TEST_TMPDIR/a.tsv" "$BATS_TEST_TMPDIR/b.tsv"
	assert_success
	grep -q '4 documents with facts, 40 facts' "$BATS_TEST_TMPDIR/r.html"
	assert_equal "$(awk -F'\t' '$1 == "ORG" { print $2 }' "$BATS_TEST_TMPDIR/t/types.tsv")" 14
	assert_equal "$(sed -n 2p "$BATS_TEST_TMPDIR/t/run.tsv")" $'6\t4\t1\t1\t0'
}
