#!/usr/bin/env bats
# lib.bats — behaviours of the shared library (lib/), exercised through nf-normalize:
# the TSV record format, column lookup, input (files, stdin, gzip, CSV), checked output,
# the common options and the date-column parser.

load helpers

HDR=$'id\tdate\tlang\ttext'

to_full() { nfn "$@" > /dev/full; }

# ---------------------------------------------------------------- TSV output escaping

@test "TSV output: TAB, LF and backslash in a value are written as \\t \\n \\\\, never raw" {
	f=$(mkfile esc.txt 'a\tb\\c\nd\n')
	run --separate-stderr nfn --lang en "$f"
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line --index 1 $'esc\t\ten\ta\\tb\\\\c\\nd'
	# exactly 4 fields: no raw TAB leaked from the value
	assert_equal "$(printf '%s\n' "${lines[1]}" | awk -F'\t' '{ print NF }')" 4
}

@test "TSV output: CR in a passed-through column is written as \\r" {
	f=$(mkfile cr.csv 'id,text,note\n1,body,"x\r\ny"\n')
	run --separate-stderr nfn --in csv --lang en "$f"
	assert_success
	assert_line --index 0 $'note\tid\tdate\tlang\ttext'
	assert_line --index 1 $'x\\r\\ny\t1\t\ten\tbody'
}

# Regression (was a bug in filters/normalize.c, write_header): the header names of a CSV file are written as
# read, so a name holding a newline or TAB breaks the header line.
@test "TSV output: CSV header names holding LF or TAB are escaped in the header" {
	f=$(mkfile h.csv '"my\ncol","a\tb",text\n1,2,Hello\n')
	run --separate-stderr nfn --in csv --lang en "$f"
	assert_success
	assert_line --index 0 $'my\\ncol\ta\\tb\tid\tdate\tlang\ttext'
	assert_equal "$(nrows)" 2
}

# Regression (was a bug in filters/normalize.c, emit): the value of a CSV 'lang' column is written with
# nf_out_s, unescaped, so a raw LF, TAB or backslash reaches the output.
@test "TSV output: a CSV lang value holding LF, TAB or backslash is never written raw" {
	f=$(mkfile l.csv 'id,lang,text\n1,"e\nn",Hello there\n2,"x\ty",Second\n3,"a\\b",Third\n')
	run --separate-stderr nfn --in csv "$f"
	assert_equal "$(nrows)" 4
	assert_equal "$(printf '%s\n' "$output" | awk -F'\t' 'NF != 4' | wc -l)" 0
	refute_output --partial $'a\\b\tThird'
}

@test "TSV input: \\t \\n \\r \\\\ are unescaped in the text column (--in tsv)" {
	f=$(mkfile in.tsv 'id\ttext\n1\tA\\\\tB\\tC\\nD\\rE\n')
	run --separate-stderr nfn --in tsv --lang en "$f"
	assert_success
	# \\t stays a literal backslash + t; \t is a TAB; \n a line break; \r becomes a line break
	assert_equal "$(field 2 4)" 'A\\tB\tC\nD\nE'
}

@test "TSV round trip: nf-normalize output read back with --in tsv gives the same bytes" {
	f=$(mkfile rt.txt 'Tab\there, back\\slash\r\nline two\n\nthird \xe2\x80\x9cpara\xe2\x80\x9d\n')
	nfn --lang en "$f" > "$BATS_TEST_TMPDIR/one.tsv"
	run --separate-stderr nfn --in tsv "$BATS_TEST_TMPDIR/one.tsv"
	assert_success
	assert_output "$(cat "$BATS_TEST_TMPDIR/one.tsv")"
	assert_equal "$(field 2 4)" 'Tab\there, back\\slash\nline two\n\nthird “para”'
}

@test "TSV input: passed-through columns keep their escapes unchanged" {
	f=$(mkfile pass.tsv 'id\ttext\tnote\n1\tbody\tx\\r\\ny\\tz\\\\\n')
	run --separate-stderr nfn --in tsv --lang en "$f"
	assert_success
	assert_line --index 1 $'x\\r\\ny\\tz\\\\\t1\t\ten\tbody'
}

# ---------------------------------------------------------------- header and columns

@test "header: the text column is found by name (--text-col body)" {
	f=$(mkfile named.tsv 'id\tbody\n7\tHello there\n')
	run --separate-stderr nfn --in tsv --text-col body --lang en "$f"
	assert_success
	assert_output "$HDR"$'\n7\t\ten\tHello there'
}

@test "header: the text column is found by number (--text-col 4)" {
	f=$(mkfile num.tsv 'id\tx\ty\tbody\n7\tX\tY\tHello there\n')
	run --separate-stderr nfn --in tsv --text-col 4 --lang en "$f"
	assert_success
	assert_line --index 0 $'x\ty\tid\tdate\tlang\ttext'
	assert_line --index 1 $'X\tY\t7\t\ten\tHello there'
}

@test "header: -f NAME is the same as --text-col" {
	f=$(mkfile f.tsv 'id\tbody\n7\tHello there\n')
	run --separate-stderr nfn --in tsv -f body --lang en "$f"
	assert_success
	assert_equal "$(field 2 4)" 'Hello there'
}

@test "header: a '#id' header name matches the id column" {
	f=$(mkfile hash.tsv '#id\ttext\nA-1\tHello there\n')
	run --separate-stderr nfn --in tsv --lang en "$f"
	assert_success
	assert_output "$HDR"$'\nA-1\t\ten\tHello there'
}

@test "header: an empty first line as the header (--in tsv) is reported, for every reader of it (fuzz finding)" {
	# make fuzz (tests/fuzz/reader.c): the empty header was kept in a buffer never allocated,
	# split from a null pointer (UBSan), then compared with the next input's by memcmp(NULL)
	f=$(mkfile empty.tsv '\n\n\n')
	g=$(mkfile empty2.tsv '\nid\ttext\n')
	run --separate-stderr nfn --in tsv --lang en "$f" "$g"
	assert_failure 1
	assert_output "$HDR"
	assert_stderr_has "empty.tsv:1: no column 'text' in the header; input skipped" "empty2.tsv:1: no column 'text' in the header"
	run --separate-stderr "$NF_BIN/nf-dedupe" --in tsv "$f" "$g"
	assert_failure 1
	assert_stderr_has "empty.tsv:1: no column 'text' in the header; input skipped"
}

@test "header: other columns pass through unchanged and in order, before id date lang text" {
	f=$(mkfile pass.tsv 'src\tid\tauthor\ttext\turl\ndpa\t1\tJan\tBody one\thttp://a/1\nafp\t2\tPiet\tBody two\thttp://a/2\n')
	run --separate-stderr nfn --in tsv --lang en "$f"
	assert_success
	assert_output "$(printf 'src\tauthor\turl\tid\tdate\tlang\ttext\ndpa\tJan\thttp://a/1\t1\t\ten\tBody one\nafp\tPiet\thttp://a/2\t2\t\ten\tBody two')"
}

@test "header: a 'lang' input column is used as lang, not passed through" {
	f=$(mkfile lang.csv 'id,lang,text,src\n1,de,kurz,s\n')
	run --separate-stderr nfn --in csv "$f"
	assert_success
	assert_output "$(printf 'src\tid\tdate\tlang\ttext\ns\t1\t\tde\tkurz')"
}

@test "header: a byte-order mark before the TSV header is ignored" {
	f=$(mkfile bom.tsv '\xef\xbb\xbfid\ttext\n5\tHello\n')
	run --separate-stderr nfn --in tsv --lang en "$f"
	assert_success
	assert_output "$HDR"$'\n5\t\ten\tHello'
}

@test "header: a column number past the header's width is an error naming the file" {
	f=$(mkfile narrow.tsv 'id\ttext\n1\tok\n')
	run --separate-stderr nfn --in tsv --text-col 5 "$f"
	assert_failure 1
	assert_stderr_has "narrow.tsv:1:" "5"
}

@test "header: files whose other columns differ from the first file's are skipped, exit 1" {
	a=$(mkfile a.tsv 'id\ttext\tsrc\n1\tA\ts1\n')
	b=$(mkfile b.tsv 'id\ttext\tother\n2\tB\to\n')
	c=$(mkfile c.tsv 'src\ttext\tid\ns3\tC\t3\n')
	run --separate-stderr nfn --in tsv --lang en "$a" "$b" "$c"
	assert_failure 1
	assert_output "$(printf 'src\tid\tdate\tlang\ttext\ns1\t1\t\ten\tA\ns3\t3\t\ten\tC')"
	assert_stderr_has "b.tsv"
}

# ---------------------------------------------------------------- -N / --no-header

@test "-N: plain text in, rows out without a header line" {
	run --separate-stderr bash -o pipefail -c 'printf "Hello there\n" | "$1" -N --lang en' _ "$NF_BIN/nf-normalize"
	assert_success
	assert_output $'stdin\t\ten\tHello there'
}

@test "-N: headerless TSV, columns by number, other columns passed through" {
	f=$(mkfile nh.tsv 'x1\tFirst text\tm1\nx2\tSecond\\ttext\tm2\n')
	run --separate-stderr nfn -N --in tsv --id-col 1 --text-col 2 --lang en "$f"
	assert_success
	assert_output "$(printf 'm1\tx1\t\ten\tFirst text\nm2\tx2\t\ten\tSecond\\ttext')"
}

@test "-N: headerless CSV, a missing id becomes NAME:LINE" {
	f=$(mkfile nh.csv 'hello world,A\n"second, quoted",B\n')
	run --separate-stderr nfn -N --in csv --text-col 1 --lang en "$f"
	assert_success
	assert_output "$(printf 'A\tnh.csv:1\t\ten\thello world\nB\tnh.csv:2\t\ten\tsecond, quoted')"
}

@test "-N: a column name instead of a number is a usage error (exit 2)" {
	f=$(mkfile nh2.tsv 'a\tb\n')
	run --separate-stderr nfn -N --in tsv --text-col body "$f"
	assert_failure 2
	assert_stderr_has "number" "body" "Try"
}

# ---------------------------------------------------------------- input: gzip, stdin

@test "gzip is detected by content: a gzip file named .txt is decompressed" {
	printf 'Zipped text\n' | gzip > "$BATS_TEST_TMPDIR/z.txt"
	run --separate-stderr nfn --lang en "$BATS_TEST_TMPDIR/z.txt"
	assert_success
	assert_output "$HDR"$'\nz\t\ten\tZipped text'
}

@test "gzip is detected by content: a plain file named .gz is read as plain text" {
	f=$(mkfile p.gz 'Plain text\n')
	run --separate-stderr nfn --lang en "$f"
	assert_success
	assert_output "$HDR"$'\np\t\ten\tPlain text'
}

@test "gzip: .txt.gz gives the id without both suffixes; stdin may be gzip too" {
	printf 'Zipped text\n' | gzip > "$BATS_TEST_TMPDIR/art.txt.gz"
	run --separate-stderr nfn --lang en "$BATS_TEST_TMPDIR/art.txt.gz"
	assert_success
	assert_output "$HDR"$'\nart\t\ten\tZipped text'
	run --separate-stderr bash -o pipefail -c '"$1" --lang en < "$2"' _ "$NF_BIN/nf-normalize" "$BATS_TEST_TMPDIR/art.txt.gz"
	assert_success
	assert_output "$HDR"$'\nstdin\t\ten\tZipped text'
}

@test "gzip: a file of several gzip members is read to the end" {
	printf 'first part\n' | gzip > "$BATS_TEST_TMPDIR/m.gz"
	printf 'second part\n' | gzip >> "$BATS_TEST_TMPDIR/m.gz"
	run --separate-stderr nfn --lines --lang en "$BATS_TEST_TMPDIR/m.gz"
	assert_success
	assert_output "$HDR"$'\nm:1\t\ten\tfirst part\nm:2\t\ten\tsecond part'
}

@test "gzip: gzip CSV and TSV input is decompressed too" {
	printf 'id,text\n1,"zipped, csv"\n' | gzip > "$BATS_TEST_TMPDIR/c.gz"
	printf 'id\ttext\n2\tzipped tsv\n' | gzip > "$BATS_TEST_TMPDIR/t.gz"
	run --separate-stderr nfn --in csv --lang en "$BATS_TEST_TMPDIR/c.gz"
	assert_success
	assert_output "$HDR"$'\n1\t\ten\tzipped, csv'
	run --separate-stderr nfn --in tsv --lang en "$BATS_TEST_TMPDIR/t.gz"
	assert_success
	assert_output "$HDR"$'\n2\t\ten\tzipped tsv'
}

# Regression (was a bug in lib/core/input.c, zlib gzread): when gzread hits corrupt data it returns -1 and the data it
# had already decompressed in that call is dropped, so a complete first member is lost when
# a later member is corrupt. input.h promises "the data before the damage is still returned".
@test "gzip: corrupt data after a complete member: the member's lines are still emitted" {
	seq 1 100 | gzip > "$BATS_TEST_TMPDIR/bad2.gz"
	# a second member: valid gzip header, then a deflate block of the reserved type 3
	printf '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff\xff' >> "$BATS_TEST_TMPDIR/bad2.gz"
	run --separate-stderr nfn --lines --lang en "$BATS_TEST_TMPDIR/bad2.gz"
	assert_failure 1
	assert_stderr_has "bad2.gz" "corrupt"
	assert_equal "$(nrows)" 101
	assert_line --index 100 $'bad2:100\t\ten\t100'
}

@test "stdin: no FILE and FILE '-' both read standard input, id 'stdin'" {
	run --separate-stderr bash -o pipefail -c 'printf "Hello there\n" | "$1" --lang en' _ "$NF_BIN/nf-normalize"
	assert_success
	assert_output "$HDR"$'\nstdin\t\ten\tHello there'
	run --separate-stderr bash -o pipefail -c 'printf "Hello there\n" | "$1" --lang en -' _ "$NF_BIN/nf-normalize"
	assert_success
	assert_output "$HDR"$'\nstdin\t\ten\tHello there'
}

@test "stdin: '-' among files is read in its place" {
	a=$(mkfile a.txt 'File A\n')
	b=$(mkfile b.txt 'File B\n')
	run --separate-stderr bash -o pipefail -c 'printf "From stdin\n" | "$1" --lang en "$2" - "$3"' _ "$NF_BIN/nf-normalize" "$a" "$b"
	assert_success
	assert_output "$HDR"$'\na\t\ten\tFile A\nstdin\t\ten\tFrom stdin\nb\t\ten\tFile B'
}

@test "stdin: messages call it '(standard input)'" {
	run --separate-stderr bash -o pipefail -c 'printf "bad \xff\n" | "$1" --lang en' _ "$NF_BIN/nf-normalize"
	assert_success
	assert_stderr_has "(standard input):1:"
}

# ---------------------------------------------------------------- CSV import

@test "CSV: RFC 4180 quoted fields hold commas, \"\" escapes and newlines" {
	f=$(mkfile q.csv 'id,src,text\n7,"a,b","He said ""hi""\nnext line"\n8,s2,plain\n')
	run --separate-stderr nfn --in csv --lang en "$f"
	assert_success
	assert_output "$(printf 'src\tid\tdate\tlang\ttext\na,b\t7\t\ten\tHe said "hi"\\nnext line\ns2\t8\t\ten\tplain')"
}

@test "CSV: records of empty fields alone (',') are read, as a header and as rows (fuzz finding)" {
	# make fuzz (tests/fuzz/reader.c): fields all empty left the field buffer unallocated,
	# and the record's views were made from a null pointer (UBSan)
	f=$(mkfile commas.csv ',\n')
	run --separate-stderr "$NF_BIN/nf-split" --in csv "$f"
	assert_failure 1
	assert_stderr_has "commas.csv:1: no column 'text' in the header; input skipped"
	f=$(mkfile commas2.csv ',\n,\n')
	run --separate-stderr nfn --in csv -N -f 2 --lang en "$f"
	assert_success
	assert_output ""
	assert_stderr_has "2 records with no text left after cleaning"
}

@test "CSV: CRLF line ends and a byte-order mark are handled" {
	f=$(mkfile crlf.csv '\xef\xbb\xbfid,text,extra\r\n7,"two\r\nlines",x\r\n8,plain,"y"\r\n')
	run --separate-stderr nfn --in csv --lang en "$f"
	assert_success
	assert_output "$(printf 'extra\tid\tdate\tlang\ttext\nx\t7\t\ten\ttwo\\nlines\ny\t8\t\ten\tplain')"
}

@test "CSV: spaces are part of the field and a last line without newline is read" {
	f=$(mkfile sp.csv 'id,text,note\n1, padded , n \n2,last,end')
	run --separate-stderr nfn --in csv --lang en "$f"
	assert_success
	assert_output "$(printf 'note\tid\tdate\tlang\ttext\n n \t1\t\ten\tpadded\nend\t2\t\ten\tlast')"
}

@test "CSV: a header only gives the header only, exit 0" {
	f=$(mkfile h.csv 'id,text\n')
	run --separate-stderr nfn --in csv "$f"
	assert_success
	assert_output "$HDR"
}

@test "CSV: a quote inside an unquoted field is reported with its line, exit 1" {
	f=$(mkfile mal.csv 'id,text\n1,fine\n2,bro"ken\n')
	run --separate-stderr nfn --in csv --lang en "$f"
	assert_failure 1
	assert_line --index 1 $'1\t\ten\tfine'
	assert_stderr_has "mal.csv:3:"
}

@test "CSV: every filter reads it, by --in csv or detected (one record path for all)" {
	f=$(mkfile q.csv 'id,lang,text\n7,en,"Paid $5 million, on Monday. Then ""more""."\n8,en,Second row.\n')
	run --separate-stderr "$NF_BIN/nf-split" "$f"
	assert_success
	assert_output "$(printf 'id\tlang\ttext\tunit\tunit_start\tunit_end\n7\ten\tPaid $5 million, on Monday.\t1\t0\t27\n7\ten\tThen "more".\t2\t28\t40\n8\ten\tSecond row.\t1\t0\t11')"
	run --separate-stderr "$NF_BIN/nf-extract-money" --in csv "$f"
	assert_success
	assert_line --index 1 --partial $'7\ten\t'
	assert_line --index 1 --partial $'\t$5 million\t5000000 USD\t'
	run --separate-stderr "$NF_BIN/nf-dedupe" --in csv "$f" "$f"
	assert_success
	assert_equal "${#lines[@]}" 3
	assert_line --index 0 $'id\tlang\ttext'
	run --separate-stderr "$NF_BIN/nf-split" --in cvs "$f"
	assert_failure 2
	assert_stderr_has "auto, text, tsv or csv"
}

@test "CSV: a malformed line stops that input for every filter, with its line, exit 1" {
	f=$(mkfile mal.csv 'id,text\n1,fine\n2,bro"ken\n3,never read\n')
	run --separate-stderr "$NF_BIN/nf-split" "$f"
	assert_failure 1
	assert_output $'id\ttext\tunit\tunit_start\tunit_end\n1\tfine\t1\t0\t4'
	assert_stderr_has "mal.csv:3:" "malformed CSV"
}

@test "auto: a one-column table needs --in tsv (a first line 'text' is more often prose)" {
	f=$(mkfile one.tsv 'text\nFirst. Second.\n')
	run --separate-stderr "$NF_BIN/nf-split" "$f"
	assert_success
	assert_line --index 1 $'one.tsv\ttext\t1\t0\t4'
	assert_stderr_has "one.tsv:1:" "read as plain text"
	run --separate-stderr "$NF_BIN/nf-split" --in tsv "$f"
	assert_success
	assert_output $'text\tunit\tunit_start\tunit_end\nFirst.\t1\t0\t6\nSecond.\t2\t7\t14'
}

@test "rows the reader skips are counted: rows in = rows out + rejected, for every filter" {
	f=$(mkfile w.tsv 'id\ttext\n1\tGood.\n2\tbad\textra\n3\tAlso good.\n')
	for p in nf-split nf-dedupe nf-extract-money nf-normalize; do
		run --separate-stderr "$NF_BIN/$p" -v "$f"
		assert_failure 1
		assert_stderr_has "w.tsv:3:" "3 fields where the header has 2; row skipped"
		assert_stderr_has "3 rows in" "1 rejected"
	done
}

# ---------------------------------------------------------------- checked output

# Regressions (issue 17): damage and missing columns never pass silently.
@test "a truncated .gz table: the rows before the cut are emitted, the cut-off last row is reported and dropped, for every filter" {
	{ printf 'id\ttext\n'; for i in $(seq 1 400); do printf '%d\tRow %d cost $%d million on 3 May 2024, said Anna Smith.\n' "$i" "$i" "$i"; done; } |
		gzip > "$BATS_TEST_TMPDIR/w.gz"
	sz=$(wc -c < "$BATS_TEST_TMPDIR/w.gz")
	head -c $((sz * 2 / 3)) "$BATS_TEST_TMPDIR/w.gz" > "$BATS_TEST_TMPDIR/cut.tsv.gz"
	full=$(gzip -dc "$BATS_TEST_TMPDIR/cut.tsv.gz" 2>/dev/null | wc -l)   # complete lines, header included
	[ "$full" -gt 10 ] || fail "test set-up: only $full lines before the cut"
	[ -n "$(gzip -dc "$BATS_TEST_TMPDIR/cut.tsv.gz" 2>/dev/null | tail -c 1 | tr -d '\n')" ] ||
		fail "test set-up: the cut falls on a line end"
	for p in nf-split nf-dedupe nf-extract-money nf-extract-dates nf-tag-entities; do
		run --separate-stderr "$NF_BIN/$p" "$BATS_TEST_TMPDIR/cut.tsv.gz"
		assert_failure 1
		assert_stderr_has "cut.tsv.gz: truncated gzip input" "cut.tsv.gz:$((full + 1)): the last line is incomplete" "dropped"
		last=$(printf '%s\n' "$output" | tail -n 1 | cut -f1)
		assert_equal "$last" $((full - 1))
	done
}

@test "-f NAME that the input lacks is a usage error (exit 2), for every filter; without -f plain text is still welcome" {
	f=$(mkfile a.tsv 'id\ttext\n1\tIt cost $5 on 3 May 2024.\n')
	for p in nf-normalize nf-split nf-dedupe nf-extract-money nf-extract-dates nf-tag-entities; do
		run --separate-stderr "$NF_BIN/$p" -f body "$f"
		assert_failure 2
		assert_stderr_has "a.tsv:1: no column 'body'"
		assert_output ""
		run --separate-stderr "$NF_BIN/$p" --in tsv -f body "$f"
		assert_failure 2
		run --separate-stderr "$NF_BIN/$p" -N -f 7 "$f"
		assert_failure 2
		assert_stderr_has "no column 7"
	done
	g=$(mkfile prose.txt 'Just an article. It cost $5.\n')
	run --separate-stderr "$NF_BIN/nf-extract-money" "$g"
	assert_success
}

@test "a NUL byte in the text is repaired to U+FFFD and reported with its line, for every filter; --strict rejects the row" {
	printf 'id\ttext\n1\tfine text\n2\tIt co\0st $5 on 3 May 2024.\n' > "$BATS_TEST_TMPDIR/nul.tsv"
	for p in nf-split nf-dedupe nf-extract-money nf-extract-dates nf-tag-entities; do
		run --separate-stderr bash -o pipefail -c '"$1" "$2" | od -An -c | tr -d " \n"' _ "$NF_BIN/$p" "$BATS_TEST_TMPDIR/nul.tsv"
		assert_success
		assert_stderr_has "nul.tsv:3: 1 NUL byte in the text replaced by U+FFFD"
		[[ $output != *'\0'* ]] || fail "$p wrote a NUL byte: $output"
		run --separate-stderr "$NF_BIN/$p" --strict "$BATS_TEST_TMPDIR/nul.tsv"
		assert_failure 1
		assert_stderr_has "nul.tsv:3: row rejected (--strict): a NUL byte"
	done
}

@test "output: '| head -1' ends quietly (no message, status 0 or 141)" {
	seq 1 100000 | sed 's/$/ words of one line of the text/' > "$BATS_TEST_TMPDIR/many.txt"
	run --separate-stderr bash -o pipefail -c '"$1" --lines --lang en "$2" | head -1; echo "status=${PIPESTATUS[0]}"' \
		_ "$NF_BIN/nf-normalize" "$BATS_TEST_TMPDIR/many.txt"
	assert_success
	assert_stderr_empty
	assert_line --index 0 "$HDR"
	assert_equal "${#lines[@]}" 2
	[[ ${lines[1]} == status=0 || ${lines[1]} == status=141 ]] || fail "nf-normalize ended with ${lines[1]}"
}

@test "output: with SIGPIPE ignored, '| head -1' ends quietly with status 0 (EPIPE)" {
	seq 1 100000 | sed 's/$/ words of one line of the text/' > "$BATS_TEST_TMPDIR/many.txt"
	run --separate-stderr bash -o pipefail -c 'trap "" PIPE; "$1" --lines --lang en "$2" | head -1; echo "status=${PIPESTATUS[0]}"' \
		_ "$NF_BIN/nf-normalize" "$BATS_TEST_TMPDIR/many.txt"
	assert_success
	assert_stderr_empty
	assert_output "$HDR"$'\nstatus=0'
}

# Regression (was a bug in lib/core/out.c, write_all): on EPIPE it calls _exit(NF_EXIT_OK), dropping the sticky
# status (nf_close uses nf_status); an error reported before the reader left is lost.
@test "output: an error before '| head -1' (SIGPIPE ignored) still gives exit 1" {
	seq 1 100000 | sed 's/$/ words of one line of the text/' > "$BATS_TEST_TMPDIR/many.txt"
	run --separate-stderr bash -o pipefail -c 'trap "" PIPE; "$1" --lines --lang en "$2" "$3" | head -1; echo "status=${PIPESTATUS[0]}"' \
		_ "$NF_BIN/nf-normalize" "$BATS_TEST_TMPDIR/missing.txt" "$BATS_TEST_TMPDIR/many.txt"
	assert_success
	assert_stderr_has "missing.txt"
	assert_output "$HDR"$'\nstatus=1'
}

@test "output: writing to a full disk (/dev/full) is reported, exit 1" {
	f=$(mkfile small.txt 'Some text\n')
	run --separate-stderr to_full "$f"
	assert_failure 1
	assert_stderr_has "nf-normalize" "write error"
}

@test "output: a full disk in the middle of a large output is reported, exit 1" {
	seq 1 50000 | sed 's/$/ words of one line of the text/' > "$BATS_TEST_TMPDIR/many.txt"
	run --separate-stderr to_full --lines "$BATS_TEST_TMPDIR/many.txt"
	assert_failure 1
	assert_stderr_has "write error"
}

# ---------------------------------------------------------------- common options

@test "-h/--help: usage on stdout with the exit statuses, exit 0" {
	for o in -h --help; do
		run --separate-stderr nfn "$o"
		assert_success
		assert_stderr_empty
		assert_line --index 0 --partial "Usage: nf-normalize"
		assert_output --partial "Exit status"
		assert_output --partial "--lines"
	done
}

@test "--version: name and version on stdout, exit 0" {
	run --separate-stderr nfn --version
	assert_success
	assert_stderr_empty
	assert_output --regexp '^nf-normalize \(newsfilters\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "an unknown option is a usage error: exit 2, 'Try' on stderr, nothing on stdout" {
	run --separate-stderr nfn --no-such-option
	assert_failure 2
	assert_output ""
	assert_stderr_has "Try" "--help"
}

@test "a missing option argument or a bad value is a usage error, exit 2" {
	run --separate-stderr nfn --in
	assert_failure 2
	assert_stderr_has "Try"
	run --separate-stderr nfn --in xml
	assert_failure 2
	assert_stderr_has "xml" "Try"
	run --separate-stderr nfn --lines --in csv
	assert_failure 2
	assert_stderr_has "Try"
}

@test "-v prints a one-line summary on stderr (rows in and out); without it stderr is quiet" {
	f=$(mkfile two.txt 'One line\nTwo line\n')
	run --separate-stderr nfn --lines --lang en -v "$f"
	assert_success
	assert_equal "$(nrows)" 3
	assert_stderr_has "2 rows in" "2 rows out"
	assert_equal "${#stderr_lines[@]}" 1
	run --separate-stderr nfn --lines --lang en "$f"
	assert_success
	assert_stderr_empty
}

@test "-q: no progress display even with --progress before it; output unchanged" {
	f=$(mkfile two.txt 'One line\nTwo line\n')
	run --separate-stderr nfn --lines --lang en "$f"
	want=$output
	run --separate-stderr nfn --progress -q --lines --lang en "$f"
	assert_success
	assert_stderr_empty
	assert_output "$want"
	run --separate-stderr nfn --quiet --lines --lang en "$f"
	assert_success
	assert_stderr_empty
	assert_output "$want"
}

# ---------------------------------------------------------------- date column values

@test "date column values in the common export forms become ISO 8601" {
	cases=(
		'2015-07-21|2015-07-21'
		'2015/07/21|2015-07-21'
		'2015-07-21 02:51:32|2015-07-21T02:51:32'
		'2015-07-21T02:51:32Z|2015-07-21T02:51:32Z'
		'20150721|2015-07-21'
		'26-FEB-1987 15:01:01.79|1987-02-26T15:01:01'
		'21 Jul 2015|2015-07-21'
		'Jul 21, 2015|2015-07-21'
		'Tue, 21 Jul 2015 10:00:00 +0300|2015-07-21T10:00:00+03:00'
		'21.07.2015|2015-07-21'
		'21/07/2015|2015-07-21'
		'07/21/2015|2015-07-21'
		'1437446400|2015-07-21T02:40:00Z'
	)
	{
		printf 'id,date,text\n'
		for i in "${!cases[@]}"; do printf '%d,"%s",text\n' "$i" "${cases[$i]%%|*}"; done
	} > "$BATS_TEST_TMPDIR/dates.csv"
	run --separate-stderr nfn --in csv --lang en "$BATS_TEST_TMPDIR/dates.csv"
	assert_success
	assert_stderr_empty
	bad=
	for i in "${!cases[@]}"; do
		c=${cases[$i]}
		got=$(field $((i + 2)) 2)
		[ "$got" = "${c#*|}" ] || bad+="  '${c%%|*}' -> '$got', expected '${c#*|}'"$'\n'
	done
	[ -z "$bad" ] || fail "$(printf 'date values:\n%s' "$bad")"
}
