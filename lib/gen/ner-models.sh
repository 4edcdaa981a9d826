#!/bin/sh
# ner-models.sh ship|dev OUTDIR NERDIR TOOL — the recipe of the entity models, one place for
# make models (ship) and make eval (dev).
#   ship: each model is trained on its language's train and dev splits together and written
#         to OUTDIR/ner-LANG.model: these are the models the repository keeps.
#   dev:  the same recipe on the train split only, evaluated on the dev split: a line
#         "LANG model entities: P=.. R=.. F1=.." per language (the model on the split's
#         tokens) and, when NER_FILTER_EVAL is set (a command: LANG DEV --model-dir DIR, e.g.
#         tests/ner-filter-eval.py with nf-tag-entities), "LANG filter entities: ..." (the whole
#         filter on the split's sentences as rows; Arabic also "ar filter entities, gold
#         proclitics cut: ...", the gold as the project's gold cuts it): the figures in the README.
# NER_SEED sets the seed (default 42). The word clusters of lib/data/clusters (make clusters)
# go into each model that has them.
# The sentences are cut as nf-tag-entities cuts text (ner-tool --tokens LANG), so that a model
# learns the tokens it will see. Fixed epochs and seed: the same bytes every run. Arabic has no dev split: the last 10% of
# ANERCorp.train's sentences stand in for it.
set -eu
mode=$1 out=$2 ner=$3 tool=$4
EPOCHS=12 SEED=${NER_SEED:-42}
here=$(dirname "$0")
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk -v tr="$work/ar.train" -v dv="$work/ar.dev" 'BEGIN { RS = ""; ORS = "\n\n" } { s[NR] = $0 }
	END { n = int(NR * 0.9); for (i = 1; i <= NR; i++) print s[i] > (i <= n ? tr : dv) }' "$ner/ar/anercorp/ANERCorp.train"
# held out: the last 10% of a set's sentences stand in for a dev split it does not have
holdout() { # FILE LANG
	awk -v tr="$work/$2.train" -v dv="$work/$2.dev" 'BEGIN { RS = ""; ORS = "\n\n" } { s[NR] = $0 }
		END { n = int(NR * 0.9); for (i = 1; i <= NR; i++) print s[i] > (i <= n ? tr : dv) }' "$1"
}
specs="en:en/conll2003/train.txt:en/conll2003/valid.txt nl:nl/conll2002/ned.train:nl/conll2002/ned.testa
	it:it/kind/WN_train.tsv:it/kind/WN_dev.tsv es:es/conll2002/esp.train:es/conll2002/esp.testa
	de:de/wikiann/train:de/wikiann/dev ar:$work/ar.train:$work/ar.dev"
# NER_EXTRA: the sets of more languages, fetched and converted by lib/gen/nerdata (README
# there: sources and licences); LANG/train, LANG/dev, LANG/extra/NAME/train. A '+' joins
# training files.
x=${NER_EXTRA:-}
if [ -n "$x" ] && [ -d "$x" ]; then
	holdout "$x/tr/train" tr
	holdout "$x/ru/train" ru
	holdout "$x/pt/train" pt
	holdout "$x/fr/extra/europeana/train" fr-news
	# fr: WikiANN alone scored 0.208 on held-out Europeana newspapers (0.819 on its own dev
	# set): its Wikipedia fragments teach nothing of running news; with the newspapers 0.671
	specs="$specs el:$x/el/train:$x/el/dev fr:$x/fr/train+$x/fr/dev+$work/fr-news.train:$work/fr-news.dev pl:$x/pl/train:$x/pl/dev
	tr:$work/tr.train:$work/tr.dev ru:$work/ru.train:$work/ru.dev
	pt:$work/pt.train+$x/pt/extra/wikiann/train+$x/pt/extra/paramopama/train:$work/pt.dev"
fi
for spec in $specs; do
	l=${spec%%:*} rest=${spec#*:}
	tr=${rest%%:*} dv=${rest#*:}
	case $tr in /*) ;; *) tr=$ner/$tr dv=$ner/$dv ;; esac
	tr=$(printf '%s' "$tr" | tr '+' ' ')
	sh "$here/ner-names.sh" "$l" "$ner" > "$work/names-$l.tsv"
	cl=
	[ -f "$here/../data/clusters/clusters-$l.tsv" ] && cl="--clusters $here/../data/clusters/clusters-$l.tsv"
	# prediction history (what the model made of the document's earlier sentences): filter dev
	# F1 en +0.3 and +0.5 (seeds 42, 7), nl -0.2 and -0.9; the other sets mark no documents,
	# so that it would be learnt from single sentences and read on whole documents: en only
	[ "$l" = en ] && cl="$cl --history"
	if [ "$mode" = ship ]; then
		"$tool" --tokens "$l" train "$out/ner-$l.model" $EPOCHS $SEED $tr "$dv" --names "$work/names-$l.tsv" $cl
	else
		printf '%s model ' "$l"
		"$tool" --tokens "$l" train "$out/ner-$l.model" $EPOCHS $SEED $tr --names "$work/names-$l.tsv" $cl --dev "$dv" 2>/dev/null
		if [ -n "${NER_FILTER_EVAL:-}" ]; then # the whole filter with this model, on the same split
			$NER_FILTER_EVAL "$l" "$dv" --model-dir "$out" > "$work/filter-$l.txt"
			sed "s/^/$l filter /" "$work/filter-$l.txt"
		fi
	fi
done
