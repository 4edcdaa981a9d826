#!/bin/sh
# ner-names.sh LANG NERDIR — the name list a language's entity model is trained with
# (make models): "TYPE<TAB>name" lines, tokens separated by single spaces, TYPE one of PER
# LOC ORG MISC FIRST (a given name). The list is stored inside the model, so the tagger
# sees at run time exactly the names it was trained with. Sources (see README "Entity
# models"): entity mentions of the WikiANN / WikiNEuRal silver sets (never of the set a
# model is trained or evaluated on), the KIND Italian organisation list, ANERGazet, the NLTK
# gazetteers and given names, and the CLDR place names of lib/data/entities/places-cldr.tsv.
set -eu
lang=$1 ner=$2
here=$(dirname "$0")
mentions() { # CoNLL-style files -> TYPE<TAB>mention
	awk -F'[ \t]' '
	function flush() { if (cur != "") print typ "\t" cur; cur = "" }
	NF < 2 || $1 ~ /^-DOCSTART-/ { flush(); next }
	{
		tok = (NF == 3 && $1 ~ /^[0-9]+$/) ? $2 : $1
		sub(/^[a-z][a-z]:/, "", tok)
		tag = $NF; sub(/PERS$/, "PER", tag)
		if (tag ~ /^B-/ || (tag ~ /^I-/ && (cur == "" || substr(tag, 3) != typ))) { flush(); typ = substr(tag, 3); cur = tok }
		else if (tag ~ /^I-/) cur = cur " " tok
		else flush()
	}
	END { flush() }' "$@"
}
list() { # TYPE FILE...: one name per line
	t=$1; shift
	cat "$@" | iconv -f utf-8 -t utf-8 -c | awk -v t="$t" 'NF && $0 !~ /^=+$/ { $1 = $1; print t "\t" $0 }'
}
nltk=$ner/gazetteers/nltk
{
	list LOC "$nltk/gazetteers/countries.txt" "$nltk/gazetteers/isocountries.txt" "$nltk/gazetteers/uscities.txt" \
		"$nltk/gazetteers/usstates.txt" "$nltk/gazetteers/caprovinces.txt" "$nltk/gazetteers/mexstates.txt"
	list MISC "$nltk/gazetteers/nationalities.txt"
	list FIRST "$nltk/names/male.txt" "$nltk/names/female.txt"
	awk -F'\t' '$1 == "LOC" && NF >= 2 { print "LOC\t" $2 }' "$here/../data/entities/places-cldr.tsv"
	case $lang in
	en) mentions "$ner/en/wikiann/train" "$ner/en/wikiann/dev" ;;
	nl) mentions "$ner/nl/wikiann/train" "$ner/nl/wikiann/dev" ;;
	es) mentions "$ner/es/wikiann/train.conllu" "$ner/es/wikiann/val.conllu" ;;
	it) mentions "$ner/it/wikineural/val.conllu"
	    awk '{ t = $1; $1 = ""; sub(/^ /, ""); if (t == "ORG" && $0 != "") print "ORG\t" $0 }' "$ner/it/gazetteers/it-ORG-wikipedia.txt" ;;
	ar) list LOC "$ner/ar/gazetteers/ANERGazet_Loc.txt"
	    list ORG "$ner/ar/gazetteers/ANERGazet_Org.txt"
	    list PER "$ner/ar/gazetteers/ANERGazet_Pers.txt" ;;
	de) ;; # the German model is trained on WikiANN: its names would only echo the training set
	esac
} | LC_ALL=C sort -u
