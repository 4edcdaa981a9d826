#!/bin/sh
# clusters.sh OUTDIR DATADIR TOOL [LANG...] — the recipe of the word clusters (make clusters):
# for each language, the unlabeled text below goes through nf-clusters (TOOL) into
# OUTDIR/clusters-LANG.tsv, which make models then gives the entity models (ner-models.sh).
# DATADIR is ../shared/data. The text is never a split the evaluation scores (CoNLL valid and
# testa, KIND WN_dev, the last 10% of ANERCorp.train, WikiANN de dev): only raw news and the
# training splits' words, without their tags, so that make eval stays honest.
#   en: Reuters-21578 and NTREX-128 (corpus/en), CoNLL-2003 train
#   ar: SaudiNewsNet and NTREX-128 (corpus/ar), the first 90% of ANERCorp.train
#   nl: NTREX-128, CoNLL-2002 ned.train, WikiANN nl train and dev
#   es: NTREX-128, CoNLL-2002 esp.train, WikiANN es train and val
#   it: NTREX-128, KIND WN, ADG and FIC train, WikiNEuRal it val
#   de: NTREX-128, WikiANN de train
#   el fr pl tr ru pt (with NER_EXTRA, the sets of lib/gen/nerdata): NTREX-128 and the words
#     of their training sets (tr ru pt: the first 90%, as ner-models.sh holds out the rest)
# EXTRA_TEXT=DIR adds DIR/LANG.txt (plain text, a paragraph per line) where it exists.
set -eu
out=$1 data=$2 tool=$3
shift 3
langs=${*:-en ar nl es it de}
FINE=1024 COARSE=48 ITER=15
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ner=$data/ner
# the text field of the corpus TSV (PostgreSQL COPY escapes), a document per line
corpus() { zcat "$@" | grep -v '^#' | cut -f4 | sed 's/\\n/ /g; s/\\t/ /g; s/  */ /g'; }
# the words of CoNLL-style files, a sentence per line: the token is field F
words() {
	f=$1
	shift
	awk -v f="$f" '/^-DOCSTART-/ { next } NF == 0 { if (s != "") print s; s = ""; next }
		{ w = $f; sub(/^[a-z][a-z]:/, "", w); s = s (s == "" ? "" : " ") w } END { if (s != "") print s }' "$@"
}
for l in $langs; do
	t=$work/$l.txt
	case $l in
	en) { corpus "$data"/corpus/en/*.tsv.gz; words 1 "$ner/en/conll2003/train.txt"; } > "$t" ;;
	ar) {
		corpus "$data"/corpus/ar/*.tsv.gz
		awk 'BEGIN { RS = "" } { s[NR] = $0 } END { n = int(NR * 0.9); for (i = 1; i <= n; i++) print s[i] "\n" }' \
			"$ner/ar/anercorp/ANERCorp.train" | words 1 -
	} > "$t" ;;
	nl) { corpus "$data"/corpus/nl/*.tsv.gz; words 1 "$ner/nl/conll2002/ned.train" "$ner/nl/wikiann/train" "$ner/nl/wikiann/dev"; } > "$t" ;;
	es) { corpus "$data"/corpus/es/*.tsv.gz; words 1 "$ner/es/conll2002/esp.train"; words 2 "$ner"/es/wikiann/*.conllu; } > "$t" ;;
	it) { corpus "$data"/corpus/it/*.tsv.gz; words 1 "$ner"/it/kind/*_train.tsv; words 2 "$ner/it/wikineural/val.conllu"; } > "$t" ;;
	de) { corpus "$data"/corpus/de/*.tsv.gz; words 1 "$ner/de/wikiann/train"; } > "$t" ;;
	el | fr | pl | tr | ru | pt) # NTREX-128 and the training words of the NER_EXTRA sets (not their held-out part)
		case $l in el) iso=ell ;; fr) iso=fra ;; pl) iso=pol ;; tr) iso=tur ;; ru) iso=rus ;; pt) iso=por ;; esac
		x=${NER_EXTRA:?clusters for $l need NER_EXTRA (lib/gen/nerdata)}
		{
			corpus "$data/corpus/multi/ntrex128/ntrex128.$iso.tsv.gz"
			case $l in
			tr | ru | pt) awk 'BEGIN { RS = "" } { s[NR] = $0 } END { n = int(NR * 0.9); for (i = 1; i <= n; i++) print s[i] "\n" }' \
				"$x/$l/train" | words 1 - ;;
			*) words 1 "$x/$l/train" ;;
			esac
			if [ $l = pt ]; then words 1 "$x/pt/extra/wikiann/train" "$x/pt/extra/paramopama/train"; fi
		} > "$t" ;;
	*) echo "clusters.sh: no recipe for $l" >&2; exit 2 ;;
	esac
	if [ -n "${EXTRA_TEXT:-}" ] && [ -f "$EXTRA_TEXT/$l.txt" ]; then
		cat "$EXTRA_TEXT/$l.txt" >> "$t"
	fi
	"$tool" "$l" $FINE $COARSE $ITER < "$t" > "$out/clusters-$l.tsv.new" 2> "$work/$l.log"
	grep -v iteration "$work/$l.log" >&2 || true
	mv "$out/clusters-$l.tsv.new" "$out/clusters-$l.tsv"
done
