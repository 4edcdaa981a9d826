#!/usr/bin/env bats
# nf-tag-entities: the trained tagger, its models, the gazetteer rules, bad input.
load helpers

nft() { "$NF_BIN/nf-tag-entities" "$@"; }

# cases LANG MIN: every case of LANG in tests/entities-cases.tsv passes (and there are >= MIN)
cases() {
	run --separate-stderr "$BATS_TEST_DIRNAME/entities-cases.sh" "$1"
	local last=
	if [ ${#lines[@]} -gt 0 ]; then last=${lines[${#lines[@]} - 1]}; fi
	[[ $last =~ ^entities\ cases:\ [0-9]+/([0-9]+)\ passed$ ]] || fail "$(printf 'no summary line\n%s\n%s' "$output" "$stderr")"
	[ "${BASH_REMATCH[1]}" -ge "$2" ] || fail "only ${BASH_REMATCH[1]} cases for $1, want at least $2"
	assert_success
}

@test "golden cases (tests/entities-cases.tsv): English" { cases en 20; }
@test "golden cases (tests/entities-cases.tsv): the other languages" {
	run --separate-stderr "$BATS_TEST_DIRNAME/entities-cases.sh" fr nl it de es ar pt el ru tr pl
	assert_success
	assert_line --regexp '^entities cases: [0-9]+/[0-9]+ passed$'
}

@test "plain text: people, organisations and places with their types" {
	run --separate-stderr bash -o pipefail -c "echo 'Xiaomi chief executive Lei Jun spoke in Beijing on Monday.' | '$NF_BIN/nf-tag-entities' | cut -f4,5"
	assert_success
	assert_line --index 0 $'type\tsurface'
	assert_line $'ORG\tXiaomi'
	assert_line $'PER\tLei Jun'
	assert_line $'LOC\tBeijing'
}

@test "columns: key columns pass through, then start end type surface value; offsets cut the surface" {
	f=$(mkfile s.tsv 'id\tlang\ttext\tunit\nd1\tnl\tDe voormalige BMW-executive Rudolf Dittrich leidt het initiatief in München.\t3\n')
	run --separate-stderr nft "$f"
	assert_success
	assert_line --index 0 $'id\tlang\tunit\tstart\tend\ttype\tsurface\tvalue'
	assert_line $'d1\tnl\t3\t14\t27\tMISC\tBMW-executive\tBMW-executive' # as the Dutch training data tag it
	assert_line --partial $'PER\tRudolf Dittrich\tRudolf Dittrich'
	assert_line --partial $'LOC\tMünchen\tMunich'
}

@test "a later partial name takes the earlier full one as its value" {
	run --separate-stderr bash -o pipefail -c "printf 'id\tlang\ttext\nd\ten\tRudolf Dittrich joined the firm. Dittrich said he was pleased.\n' | '$NF_BIN/nf-tag-entities' | cut -f6,7"
	assert_success
	assert_line $'Dittrich\tRudolf Dittrich'
}

@test "a missing model directory is an error naming the file, exit 1" {
	run --separate-stderr bash -o pipefail -c "echo 'Lei Jun in Beijing' | NF_MODEL_DIR=/nonexistent '$NF_BIN/nf-tag-entities'"
	assert_failure 1
	assert_stderr_has "/nonexistent/ner-en.model" "No such file"
}

@test "a truncated model is refused (checksum), never half-loaded" {
	mkdir -p "$BATS_TEST_TMPDIR/m"
	head -c 100000 "$BATS_TEST_DIRNAME/../lib/data/models/ner-en.model" > "$BATS_TEST_TMPDIR/m/ner-en.model"
	run --separate-stderr bash -o pipefail -c "echo 'Lei Jun in Beijing' | NF_MODEL_DIR='$BATS_TEST_TMPDIR/m' '$NF_BIN/nf-tag-entities'"
	assert_failure 1
	assert_stderr_has "ner-en.model" "truncated"
}

@test "models: make maps each model (NFNER4 .nfm beside the NFNER2 .model); both give the same mentions" {
	local M="$BATS_TEST_DIRNAME/../lib/data/models"
	[ -f "$M/ner-en.nfm" ] || skip "no lib/data/models/ner-en.nfm (run make)"
	assert_equal "$(head -c 6 "$M/ner-en.nfm")" "NFNER4"
	assert_equal "$(head -c 6 "$M/ner-en.model")" "NFNER2"
	mkdir -p "$BATS_TEST_TMPDIR/m"
	cp "$M"/ner-*.model "$BATS_TEST_TMPDIR/m/" # the kept models only: the slow path
	f=$(mkfile t.tsv 'id\tlang\ttext\n1\ten\tLei Jun of Xiaomi met Angela Merkel in Beijing.\n2\tnl\tDe voormalige BMW-executive Rudolf Dittrich leidt het in München.\n')
	run --separate-stderr nft "$f"
	assert_success
	local mapped=$output
	NF_MODEL_DIR="$BATS_TEST_TMPDIR/m" run --separate-stderr nft "$f"
	assert_success
	assert_equal "$output" "$mapped"
}

@test "models: a mapped model older than its .model is not used; a broken one is refused, never half-loaded" {
	local M="$BATS_TEST_DIRNAME/../lib/data/models"
	[ -f "$M/ner-en.nfm" ] || skip "no lib/data/models/ner-en.nfm (run make)"
	mkdir -p "$BATS_TEST_TMPDIR/m"
	cp "$M/ner-en.model" "$BATS_TEST_TMPDIR/m/"
	head -c 100000 "$M/ner-en.nfm" > "$BATS_TEST_TMPDIR/m/ner-en.nfm"
	touch -d '2001-01-01' "$BATS_TEST_TMPDIR/m/ner-en.nfm"
	run --separate-stderr bash -o pipefail -c "echo 'Lei Jun in Beijing' | NF_MODEL_DIR='$BATS_TEST_TMPDIR/m' '$NF_BIN/nf-tag-entities'"
	assert_success # the stale .nfm is passed over for the .model
	touch "$BATS_TEST_TMPDIR/m/ner-en.nfm"
	run --separate-stderr bash -o pipefail -c "echo 'Lei Jun in Beijing' | NF_MODEL_DIR='$BATS_TEST_TMPDIR/m' '$NF_BIN/nf-tag-entities'"
	assert_failure 1
	assert_stderr_has "ner-en.nfm" "truncated model"
	cp "$M/ner-en.nfm" "$BATS_TEST_TMPDIR/m/ner-en.nfm"
	printf 'XXXX' | dd of="$BATS_TEST_TMPDIR/m/ner-en.nfm" bs=1 seek=500000 conv=notrunc 2>/dev/null
	run --separate-stderr bash -o pipefail -c "echo 'Lei Jun in Beijing' | NF_MODEL_DIR='$BATS_TEST_TMPDIR/m' '$NF_BIN/nf-tag-entities'"
	assert_failure 1
	assert_stderr_has "ner-en.nfm" "checksum"
	printf 'NFNER9\n\0rest' > "$BATS_TEST_TMPDIR/m/ner-en.nfm"
	run --separate-stderr bash -o pipefail -c "echo 'Lei Jun in Beijing' | NF_MODEL_DIR='$BATS_TEST_TMPDIR/m' '$NF_BIN/nf-tag-entities'"
	assert_failure 1
	assert_stderr_has "ner-en.nfm" "bad header"
}

@test "a corrupt model is refused (checksum mismatch)" {
	mkdir -p "$BATS_TEST_TMPDIR/m"
	cp "$BATS_TEST_DIRNAME/../lib/data/models/ner-en.model" "$BATS_TEST_TMPDIR/m/ner-en.model"
	printf 'XXXX' | dd of="$BATS_TEST_TMPDIR/m/ner-en.model" bs=1 seek=5000 conv=notrunc 2>/dev/null
	run --separate-stderr bash -o pipefail -c "echo 'Lei Jun in Beijing' | NF_MODEL_DIR='$BATS_TEST_TMPDIR/m' '$NF_BIN/nf-tag-entities'"
	assert_failure 1
	assert_stderr_has "checksum"
}

@test "a language without a model falls back to the English one, counted with -v" {
	f=$(mkfile sv.tsv 'id\tlang\ttext\n1\tsv\tXiaomi öppnade en fabrik i Peking.\n')
	run --separate-stderr nft -v "$f"
	assert_success
	assert_line --partial $'ORG\tXiaomi'
	assert_stderr_has "1 rows tagged with the English model"
}

@test "a language without a model in another script gets no model (Ukrainian: the English model would find nonsense), counted with -v" {
	f=$(mkfile uk.tsv 'id\tlang\ttext\n1\tuk\tУ неділю Володимир Зеленський відвідав Київ та Xiaomi.\n')
	run --separate-stderr nft -v "$f"
	assert_success
	assert_output $'id\tlang\tstart\tend\ttype\tsurface\tvalue\n1\tuk\t87\t93\tORG\tXiaomi\tXiaomi'
	assert_stderr_has "0 rows tagged with the English model" "1 rows in a script it does not read left to the gazetteer"
}

@test "text with no letters at all: no mention, exit 0" {
	run --separate-stderr bash -o pipefail -c "printf '12345 67.89 --- !!!\n' | '$NF_BIN/nf-tag-entities'"
	assert_success
	assert_output $'id\tstart\tend\ttype\tsurface\tvalue'
}

@test "a capitalised article at the start of a sentence is no entity" {
	run --separate-stderr bash -o pipefail -c "printf 'id\tlang\ttext\n1\tfr\tLes analystes de Paris restent prudents.\n' | '$NF_BIN/nf-tag-entities' | cut -f6"
	assert_success
	refute_line 'Les'
}

@test "ragged rows are reported with their line, the rest is tagged, exit 1" {
	f=$(mkfile r.tsv 'id\ttext\n1\tLei Jun in Beijing\n2\textra\tcolumn\n3\tTesla in Berlin\n')
	run --separate-stderr nft "$f"
	assert_failure 1
	assert_stderr_has "r.tsv:3:"
	assert_line --partial $'Tesla'
}

@test "seeds: the pipeline scores entity strict F1 >= 0.85 (PER ORG LOC PRODUCT)" {
	need_shared
	run bash -o pipefail -c "'$NF_BIN/nf-normalize' '$SHARED'/seeds/*.txt | '$NF_BIN/nf-split' | '$NF_BIN/nf-tag-entities' > '$BATS_TEST_TMPDIR/e.tsv' && python3 '$BATS_TEST_DIRNAME/score.py' entities '$SHARED/gold/seeds' '$BATS_TEST_TMPDIR/e.tsv' | tail -n 1"
	assert_success
	f1=${output##* }
	awk -v f="$f1" 'BEGIN { exit !(f >= 0.85) }' || fail "strict F1 $f1 < 0.85"
}

@test "-h, --version, an unknown option (exit 2), and | head -1 quiet" {
	run nft -h
	assert_success
	assert_output --partial "Usage: nf-tag-entities"
	run nft --version
	assert_success
	run --separate-stderr nft --bogus
	assert_failure 2
	yes 'Lei Jun visited Beijing and Tesla.' | head -n 20000 > "$BATS_TEST_TMPDIR/many.txt" || true
	# killed by SIGPIPE (141) as any Unix tool, or 0 when SIGPIPE is ignored; never a message
	run --separate-stderr bash -o pipefail -c '"$1" "$2" | head -n 1; echo "status ${PIPESTATUS[0]}"' _ "$NF_BIN/nf-tag-entities" "$BATS_TEST_TMPDIR/many.txt"
	assert_line --index 0 $'id\tstart\tend\ttype\tsurface\tvalue'
	[[ ${lines[1]} == "status 0" || ${lines[1]} == "status 141" ]] || fail "${lines[1]}"
	[ -z "$stderr" ] || fail "stderr: $stderr"
}

@test "a partial name in a later sentence of the same document takes the full name; a new document starts afresh" {
	f=$(mkfile sents.tsv 'id\tlang\ttext\nd1\ten\tRudolf Dittrich joined Xiaomi in Munich.\nd1\ten\tThe new team is led by Dittrich, the company said.\nd2\ten\tThe report was written by Dittrich, officials said.\n')
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-tag-entities' '$f' | awk -F'\t' '\$6 == \"Dittrich\" { print \$1, \$7 }'"
	assert_success
	assert_line 'd1 Rudolf Dittrich'
	assert_line 'd2 Dittrich'
}

@test "cue words type the name after them: titles, roles, kinds of company and place" {
	f=$(mkfile c.tsv 'id\tlang\ttext\nd\tfr\tM. Olivier Garnier, PDG de Lumaris, a parlé.\nd\tfr\tLa société Técalis a 23 usines, notamment à Clermont-Ferrand, à Sochaux et au Maroc.\n')
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-tag-entities' '$f' | cut -f5,6"
	assert_success
	assert_line $'PER\tOlivier Garnier' # M. the title left out (the French model; English read it as an initial)
	refute_line --partial 'PDG'
	# KNOWN: Lumaris after PDG de is missed by the French model; the cue types only what is tagged
	assert_line $'ORG\tTécalis'
	assert_line $'LOC\tSochaux'
	assert_line $'LOC\tClermont-Ferrand'
	refute_line --partial 'PDG'
}

@test "the document keeps a company's type: Corvane of Corvane Semiconductor Inc. in a later sentence" {
	f=$(mkfile d.tsv 'id\tlang\ttext\nd\ten\tCorvane Semiconductor Inc. said revenue rose.\nd\ten\tCorvane will also expand.\ne\ten\tCorvane will also expand.\n')
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-tag-entities' '$f' | cut -f1,5,6"
	assert_success
	assert_line $'d\tORG\tCorvane Semiconductor Inc.'
	assert_line $'d\tORG\tCorvane'
}

@test "named products: a code after a brand, a name with a number after a cue, a known brand with a number" {
	f=$(mkfile p.tsv 'id\tlang\ttext\nd\ten\tXiaomi SU7 deliveries rose, and the Atto 3 model sold well.\nd\tfr\tTécalis produit des câbles pour la Renault 5 E-Tech.\nd\tnl\tVoor modellen als de Volkswagen ID.3.\n')
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-tag-entities' '$f' | cut -f5,6"
	assert_success
	assert_line $'PRODUCT\tXiaomi SU7'
	assert_line $'PRODUCT\tAtto 3'
	assert_line $'PRODUCT\tRenault 5 E-Tech'
	assert_line $'PRODUCT\tVolkswagen ID.3'
}

@test "no product from dates, quarters, money-supply codes, currency amounts or tables" {
	f=$(mkfile n.tsv 'id\tlang\ttext\nd\ten\tOn March 11 the Q2 figures and M1 money supply were out, said the car maker.\nd\ten\tRMB 10 billion went to the SUV unit.\nd\ten\tMEXICO 37 model\n')
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-tag-entities' '$f' | cut -f5"
	assert_success
	refute_line 'PRODUCT'
}

@test "a mention never keeps punctuation, a colon or a number at its ends; lower-case words are no names" {
	f=$(mkfile k.tsv 'id\tlang\ttext\nd\tde\tEr betont: gut. Die Kapazität: 40 GWh.\n')
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-tag-entities' '$f' | cut -f6"
	assert_success
	refute_line --partial ':'
	refute_line 'betont'
	refute_line --partial '40'
}

@test "the name list is part of the model: a model file lists its names after the weights" {
	run --separate-stderr bash -o pipefail -c "head -c 8 '$BATS_TEST_DIRNAME/../lib/data/models/ner-nl.model'"
	assert_output 'NFNER2'
}

@test "library: two entity contexts used at once keep their documents apart (tests/ents-two.c)" {
	local root="$BATS_TEST_DIRNAME/.." b=build flags=
	[ "$(basename "$NF_BIN")" = bin-san ] && b=build-san flags="-fsanitize=address,undefined"
	[ -f "$root/$b/libnf.a" ] || skip "no $b/libnf.a (run make)"
	command -v "${CC:-cc}" > /dev/null || skip "no C compiler"
	"${CC:-cc}" -std=c11 -I"$root/lib" $flags "$BATS_TEST_DIRNAME/ents-two.c" "$root/$b/libnf.a" \
		$(pkg-config --libs libpcre2-8 libutf8proc zlib) -lcsv -o "$BATS_TEST_TMPDIR/ents-two"
	# interleaved: each document's later row takes its own earlier names
	printf '0\tRudolf Dittrich joined Xiaomi in Munich.\n1\tCorvane Semiconductor Inc. said revenue rose.\n0\tDittrich said Corvane will also expand.\n1\tCorvane and Dittrich will also expand.\n' > "$BATS_TEST_TMPDIR/rows"
	run --separate-stderr "$BATS_TEST_TMPDIR/ents-two" "$root/lib/data/models" < "$BATS_TEST_TMPDIR/rows"
	assert_success
	assert_line $'0\t0\t8\tPER\tDittrich\tRudolf Dittrich'
	assert_line --regexp $'^1\t12\t20\t[A-Z]+\tDittrich\tDittrich$' # not doc 0's Rudolf Dittrich
	assert_line $'1\t0\t7\tORG\tCorvane\tCorvane'
	refute_line $'0\t14\t21\tORG\tCorvane\tCorvane'
	# the same mentions as one context per document in turn
	local inter=$output
	run --separate-stderr bash -o pipefail -c "grep '^0' '$BATS_TEST_TMPDIR/rows' | '$BATS_TEST_TMPDIR/ents-two' '$root/lib/data/models'; grep '^1' '$BATS_TEST_TMPDIR/rows' | '$BATS_TEST_TMPDIR/ents-two' '$root/lib/data/models'"
	assert_success
	assert_equal "$(printf '%s\n' "$inter" | sort)" "$(printf '%s\n' "$output" | sort)"
}

@test "a first row of white space alone, then names: nothing tagged in it, the next tagged (fuzz finding)" {
	# make fuzz (tests/fuzz/entities.c): a row without tokens, before any row with, was decoded
	# and added to the document from token buffers not yet allocated (UBSan)
	f=$(mkfile blank.tsv 'id\tlang\ttext\n1\tde\t \n1\tde\tAngela Merkel besuchte Berlin.\n')
	run --separate-stderr nft "$f"
	assert_success
	assert_output $'id\tlang\tstart\tend\ttype\tsurface\tvalue\n1\tde\t0\t13\tPER\tAngela Merkel\tAngela Merkel\n1\tde\t23\t29\tLOC\tBerlin\tBerlin'
}

@test "a document is read whole: a later row of the same id informs the first (Kessling, a chancellor in a later row)" {
	printf 'id\ttext\nd1\tKessling will decide on Monday.\nd1\tChancellor Kessling met the press in Berlin.\n' > "$BATS_TEST_TMPDIR/one"
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-tag-entities' '$BATS_TEST_TMPDIR/one' | cut -f1,2,4,5"
	assert_success
	assert_line --index 1 $'d1\t0\tPER\tKessling'
	# the same first row as a document of its own has nothing to go by
	printf 'id\ttext\nd1\tKessling will decide on Monday.\nd2\tChancellor Kessling met the press in Berlin.\n' > "$BATS_TEST_TMPDIR/two"
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-tag-entities' '$BATS_TEST_TMPDIR/two' | cut -f1,2,4,5"
	assert_success
	refute_line --regexp $'^d1\t'
}

@test "a very long document (over 8 MB of rows of one id) is tagged in parts: every row tagged, none lost" {
	awk 'BEGIN { print "id\ttext"; for (i = 0; i < 160000; i++) print "d1\tXiaomi opened a plant in Munich on day " i "." }' > "$BATS_TEST_TMPDIR/long"
	run --separate-stderr bash -o pipefail -c "'$NF_BIN/nf-tag-entities' '$BATS_TEST_TMPDIR/long' | cut -f4 | sort | uniq -c | sort -rn"
	assert_success
	assert_line --regexp '^ *160000 ORG$'
	assert_line --regexp '^ *160000 LOC$'
}

@test "word clusters (lib/gen/clusters.c): words between the same neighbours share a class; the same bytes every run" {
	local root="$BATS_TEST_DIRNAME/.." b=build
	[ -f "$root/$b/libnf.a" ] || skip "no $b/libnf.a (run make)"
	command -v "${CC:-cc}" > /dev/null || skip "no C compiler"
	"${CC:-cc}" -std=c11 -D_POSIX_C_SOURCE=200809L -I"$root/lib" "$root/lib/gen/clusters.c" "$root/$b/libnf.a" \
		$(pkg-config --libs libpcre2-8 libutf8proc zlib) -lcsv -lm -o "$BATS_TEST_TMPDIR/nf-clusters"
	for r in 1 2 3 4 5 6; do
		for d in Monday Tuesday Friday; do echo "the talks resume on $d morning"; done
		for c in Paris Rome Madrid; do echo "she flew to $c airport with him"; done
	done > "$BATS_TEST_TMPDIR/text"
	run --separate-stderr "$BATS_TEST_TMPDIR/nf-clusters" en 8 4 < "$BATS_TEST_TMPDIR/text"
	assert_success
	local mon tue fri par rom mad
	mon=$(printf '%s\n' "$output" | awk -F'\t' '$1 == "monday" { print $2 }')
	tue=$(printf '%s\n' "$output" | awk -F'\t' '$1 == "tuesday" { print $2 }')
	fri=$(printf '%s\n' "$output" | awk -F'\t' '$1 == "friday" { print $2 }')
	par=$(printf '%s\n' "$output" | awk -F'\t' '$1 == "paris" { print $2 }')
	rom=$(printf '%s\n' "$output" | awk -F'\t' '$1 == "rome" { print $2 }')
	mad=$(printf '%s\n' "$output" | awk -F'\t' '$1 == "madrid" { print $2 }')
	[ -n "$mon" ] && [ "$mon" = "$tue" ] && [ "$mon" = "$fri" ] || fail "days: $mon $tue $fri"
	[ -n "$par" ] && [ "$par" = "$rom" ] && [ "$par" = "$mad" ] || fail "cities: $par $rom $mad"
	[ "$mon" != "$par" ] || fail "days and cities in one class"
	local first=$output
	run --separate-stderr "$BATS_TEST_TMPDIR/nf-clusters" en 8 4 < "$BATS_TEST_TMPDIR/text"
	assert_equal "$output" "$first"
	run --separate-stderr "$BATS_TEST_TMPDIR/nf-clusters" en 2000 4
	assert_failure 2
}

# Regression (issue 17): a whole dump read as one line took 46 s and 2.29 GB for 30 MB; the
# tagger now decodes such a line in pieces of at most 1,000 tokens, cut at a sentence end.
@test "one line of many sentences (over 1,000 tokens): every sentence's names found across the pieces" {
	python3 -c "import sys; sys.stdout.write('id\ttext\n1\t' + ' '.join(['Angela Merkel met Emmanuel Macron in Paris on Monday.'] * 400) + '\n')" > "$BATS_TEST_TMPDIR/long.tsv"
	run --separate-stderr bash -o pipefail -c '"$1" "$2" | cut -f4,6 | sort | uniq -c' _ "$NF_BIN/nf-tag-entities" "$BATS_TEST_TMPDIR/long.tsv"
	assert_success
	assert_line --regexp '^ *400 LOC	Paris$'
	assert_line --regexp '^ *400 PER	Angela Merkel$'
	assert_line --regexp '^ *400 PER	Emmanuel Macron$'
	assert_equal "${#lines[@]}" 4
}

@test "a full name given once in a long document names every later one-word mention (a lookup by last name)" {
	python3 -c "import sys; sys.stdout.write('id\ttext\n' + ''.join('d\t%s\n' % s for s in ['Chancellor Olaf Scholz spoke in Berlin.'] + ['Later Scholz said more about Berlin.'] * 300))" > "$BATS_TEST_TMPDIR/doc.tsv"
	run --separate-stderr bash -o pipefail -c '"$1" "$2" | awk -F"\t" "\$5 == \"Scholz\"" | cut -f6 | sort | uniq -c' _ "$NF_BIN/nf-tag-entities" "$BATS_TEST_TMPDIR/doc.tsv"
	assert_success
	assert_output --regexp '^ *300 Olaf Scholz$'
}
