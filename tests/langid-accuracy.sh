#!/usr/bin/env bash
# langid-accuracy.sh — accuracy of nf-normalize's `lang` column on NTREX-128.
#
# Runs "${NF_BIN:-bin}/nf-normalize" --in tsv --text-col text FILE on every
# NTREX file of the shared corpus (the language is in the file name, ISO
# 639-3) and prints per-language accuracy, the confusions, and a last line
#   langid accuracy: X.XXX (N/M) over K languages
# Exits 1 if overall accuracy is below ${LANGID_MIN:-0.97}; prints a skip
# message and exits 0 if the shared data ($NF_SHARED, else ../shared from the
# repository root) is missing.
set -u -o pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${NF_SHARED:-$root/../shared}
bin=${NF_BIN:-bin}
case $bin in /*) ;; *) bin=$root/$bin ;; esac
nfn=$bin/nf-normalize
min=${LANGID_MIN:-0.97}

corpus=$shared/data/corpus
if [ ! -d "$corpus" ]; then
    echo "langid-accuracy: SKIP: no shared corpus at $corpus (set NF_SHARED)"
    exit 0
fi
shopt -s nullglob
files=("$corpus"/*/ntrex128.*.tsv.gz "$corpus"/multi/ntrex128/ntrex128.*.tsv.gz)
if [ ${#files[@]} -eq 0 ]; then
    echo "langid-accuracy: SKIP: no NTREX files under $corpus"
    exit 0
fi
if [ ! -x "$nfn" ]; then
    echo "langid-accuracy: FAIL: $nfn not found or not executable (build first, or set NF_BIN)" >&2
    exit 1
fi

# ISO 639-3 (NTREX file names) -> ISO 639-1, as nf-normalize writes it
iso1() {
    case $1 in
        afr) echo af ;; amh) echo am ;; arb|ara) echo ar ;; aze|azj) echo az ;;
        bel) echo be ;; ben) echo bn ;; bos) echo bs ;; bul) echo bg ;;
        cat) echo ca ;; ces) echo cs ;; cym) echo cy ;; dan) echo da ;;
        deu) echo de ;; ell) echo el ;; eng|eng-*) echo en ;; est) echo et ;;
        eus) echo eu ;; fas|pes) echo fa ;; fin) echo "fi" ;; fra) echo fr ;;
        gle) echo ga ;; glg) echo gl ;; guj) echo gu ;; hau) echo ha ;;
        heb) echo he ;; hin) echo hi ;; hrv) echo hr ;; hun) echo hu ;;
        hye) echo hy ;; ind) echo id ;; isl) echo is ;; ita) echo it ;;
        jpn) echo ja ;; kat) echo ka ;; kaz) echo kk ;; khm) echo km ;;
        kan) echo kn ;; kor) echo ko ;; lao) echo lo ;; lav) echo lv ;;
        lit) echo lt ;; mal) echo ml ;; mar) echo mr ;; mkd) echo mk ;;
        mlt) echo mt ;; mon) echo mn ;; msa|zsm) echo ms ;; mya) echo my ;;
        nep|npi) echo ne ;; nld) echo nl ;; nno) echo nn ;; nob) echo nb ;;
        pan) echo pa ;; pol) echo pl ;; por|por-*) echo pt ;; ron) echo ro ;;
        rus) echo ru ;; sin) echo si ;; slk) echo sk ;; slv) echo sl ;;
        som) echo so ;; spa|spa-*) echo es ;; sqi) echo sq ;; srp|srp-*) echo sr ;;
        swa|swh) echo sw ;; swe) echo sv ;; tam) echo ta ;; tel) echo te ;;
        tha) echo th ;; tur) echo tr ;; ukr) echo uk ;; urd) echo ur ;;
        uzb) echo uz ;; vie) echo vi ;; yor) echo yo ;; zho|zho-*) echo zh ;;
        zul) echo zu ;; *) echo "" ;;
    esac
}

total=0 good=0 langs=0 status=0
for f in "${files[@]}"; do
    code=$(basename "$f" .tsv.gz)
    code=${code#ntrex128.}
    want=$(iso1 "$code")
    if [ -z "$want" ]; then
        echo "  $code: no ISO 639-1 code known, skipped"
        continue
    fi
    out=$("$nfn" --in tsv --text-col text "$f") || {
        echo "langid-accuracy: FAIL: nf-normalize failed on $f" >&2
        status=1
        continue
    }
    # one line: "ok rows confusions...", from the header's lang column
    res=$(printf '%s\n' "$out" | awk -F'\t' -v want="$want" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == "lang") col = i; next }
        !col { exit }
        { n++; if ($col == want) ok++; else bad[$col]++ }
        END {
            if (!col) { print "nocol"; exit }
            s = ""
            for (k in bad) s = s " " k "=" bad[k]
            printf "%d %d%s\n", ok, n, s
        }')
    if [ "$res" = nocol ] || [ -z "$res" ]; then
        echo "langid-accuracy: FAIL: no lang column in nf-normalize output for $f" >&2
        status=1
        continue
    fi
    read -r ok n conf <<<"$res"
    acc=$(awk -v a="$ok" -v b="$n" 'BEGIN { printf "%.3f", b ? a / b : 0 }')
    printf '  %-8s %-3s %4d/%-4d %s%s\n' "$code" "$want" "$ok" "$n" "$acc" "${conf:+  confused: $conf}"
    total=$((total + n)) good=$((good + ok)) langs=$((langs + 1))
done

# robustness on real English wire copy, much of it tables ("Shr 34 cts vs 1.19 dlrs"):
# how much comes out en, und (unsure, the safe answer) or another language (wrong)
reut=$corpus/en/reuters21578.tsv.gz
if [ -f "$reut" ]; then
    "$nfn" -q --in tsv --text-col text "$reut" 2>/dev/null | awk -F'\t' '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == "lang") col = i; next }
        { n++; if ($col == "en") e++; else if ($col == "und") u++; else w++ }
        END { if (n) printf "reuters-21578 (en, %d docs): en %.3f, und %.3f, other (wrong) %.3f\n", n, e / n, u / n, w / n }'
fi

acc=$(awk -v a="$good" -v b="$total" 'BEGIN { printf "%.3f", b ? a / b : 0 }')
echo "langid accuracy: $acc ($good/$total) over $langs languages"
if awk -v a="$good" -v b="$total" -v m="$min" 'BEGIN { exit !(b == 0 || a / b < m) }'; then
    echo "langid-accuracy: FAIL: below $min" >&2
    status=1
fi
exit $status
