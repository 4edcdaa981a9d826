#!/usr/bin/env bash
# tests/bench.sh - throughput of the filters next to reference commands (`make bench`).
#
# Input (built once, cached in NF_BENCH_DIR, default ${TMPDIR:-/tmp}/nf-bench):
#   input.tsv  ~50 MB of real news as TSV (#id date title text, one document per line):
#              the NTREX-128 files (30 languages), then Reuters-21578 (en), then
#              SaudiNewsNet (ar) to fill up, from $NF_SHARED/data/corpus, cut at whole lines.
#              Without ../shared: samples/*.txt repeated (ids suffixed -1, -2, ...).
#   raw.txt    the text column unescaped: the same text as plain text.
# Each invocation then times, best of NF_BENCH_RUNS (3) runs, wall clock, stdout to /dev/null:
#   cat, wc -w, uconv -x Any-NFKC (on input.tsv, and wc/uconv also on raw.txt),
#   nf-normalize --in tsv on input.tsv, then (on docs.tsv, made once by nf-normalize)
#   nf-split, nf-extract-money, nf-extract-dates, nf-tag-entities, nf-dedupe if built;
#   then the whole job, pipelines/news-facts (--jobs 1 and 2, and its extraction part alone),
#   against the sum of its stages run alone, with its peak memory and temporary space;
#   then each filter's peak memory and time on one 50 MB line, 1 M short rows (its sentences,
#   repeated) and docs.tsv, and its time on one document of 2, 8 and 32 MB.
# Columns: input MB (10^6 bytes of that command's input), seconds, MB/s, and speed relative
# to `wc -w` and `uconv -x Any-NFKC` on the same input (1.00 = as fast; 0.50 = half as fast):
# input.tsv for nf-normalize, docs.tsv (timed again with wc -w) for the filters after it.
#
# Environment: NF_BIN (bin), NF_SHARED (../shared), NF_BENCH_DIR, NF_BENCH_BYTES (50000000),
# NF_BENCH_RUNS (3), PYTHON (python3, used once to build the input).
# Exit status: 0, or 1 when a filter fails (its stderr is shown), 2 when no input can be built.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
abspath() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
if [ -n "${NF_BIN:-}" ]; then NF_BIN=$(abspath "$NF_BIN"); else NF_BIN=$root/bin; fi
if [ -n "${NF_SHARED:-}" ]; then NF_SHARED=$(abspath "$NF_SHARED"); else NF_SHARED=$root/../shared; fi
dir=$(abspath "${NF_BENCH_DIR:-${TMPDIR:-/tmp}/nf-bench}")
bytes=${NF_BENCH_BYTES:-50000000}
runs=${NF_BENCH_RUNS:-3}
PY=${PYTHON:-python3}

# The reference commands run under LC_ALL=C.UTF-8: a UTF-8 locale, as a user's shell would
# have, and the same on every machine. wc -w's speed depends on the locale (in a multibyte
# locale it decodes characters to find Unicode spaces; with LC_ALL=C it counts bytes), so
# its figures are only comparable under the same setting. The filters do not call setlocale.
if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
    export LC_ALL=C.UTF-8
else
    echo "bench: locale C.UTF-8 not available; references run under LC_ALL=${LC_ALL:-unset}" >&2
fi

mkdir -p "$dir"
input=$dir/input.tsv
raw=$dir/raw.txt
stamp=$dir/input.src

# --- build the input (once) --------------------------------------------------------------

# cut_lines: copy stdin to stdout up to $bytes bytes, whole lines only (bytes: LC_ALL=C).
cut_lines() { LC_ALL=C awk -v max="$bytes" '{ n += length($0) + 1; if (n > max) exit; print }'; }

corpus=$NF_SHARED/data/corpus
if [ -d "$corpus" ]; then
    want="corpus $bytes"
else
    want="samples $bytes"
fi

if [ -s "$input" ] && [ -s "$raw" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    :
else
    echo "bench: building ${want%% *} input in $dir ..." >&2
    rm -f "$stamp"
    if [ -d "$corpus" ]; then
        set -- "$corpus"/*/ntrex128.*.tsv.gz "$corpus"/multi/ntrex128/ntrex128.*.tsv.gz \
            "$corpus"/en/reuters21578*.tsv.gz "$corpus"/ar/saudinewsnet*.tsv.gz
        for f in "$@"; do
            [ -f "$f" ] || { echo "bench: missing $f" >&2; exit 2; }
        done
        # The header of the first file, the bodies of all; awk adds a final newline that a
        # file might lack. zcat dies of SIGPIPE once cut_lines has enough (no pipefail here).
        skip=0
        for f in "$@"; do
            zcat -- "$f" | awk -v skip=$skip 'NR > skip'
            skip=1
        done | cut_lines >"$input.tmp"
    else
        set -- "$root"/samples/*.txt
        if [ ! -e "$1" ]; then
            echo "bench: no input: neither $corpus nor samples/*.txt" >&2
            exit 2
        fi
        # One TSV row per sample (a leading " date YYYY-MM[-DD]" line goes to the date column),
        # repeated until the size is reached.
        "$PY" - "$bytes" "$@" >"$input.tmp" <<'PY'
import os, re, sys
limit, files = int(sys.argv[1]), sys.argv[2:]
esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
rows = []
for f in files:
    t = open(f, "rb").read().decode("utf-8", "replace")
    m = re.match(r"\s*date (\d{4}-\d\d(?:-\d\d)?)[ \t]*\n?", t)
    date = m.group(1) if m else ""
    if m:
        t = t[m.end():]
    name = os.path.basename(f)[: -len(".txt")]
    rows.append((name, date, esc(t.strip("\n"))))
out = sys.stdout.buffer
head = b"id\tdate\ttitle\ttext\n"
out.write(head)
n, rep = len(head), 0
while True:
    rep += 1
    for name, date, text in rows:
        line = f"{name}-{rep}\t{date}\t\t{text}\n".encode()
        if n + len(line) > limit:
            sys.exit(0)
        out.write(line)
        n += len(line)
PY
    fi
    # raw.txt: the text column unescaped, one document after another.
    "$PY" - "$input.tmp" >"$raw.tmp" <<'PY'
import re, sys
esc = {b"t": b"\t", b"n": b"\n", b"r": b"\r", b"\\": b"\\"}
sub = lambda m: esc.get(m.group(1), m.group(0))
with open(sys.argv[1], "rb") as f:
    head = f.readline().rstrip(b"\r\n").split(b"\t")
    col = [h.lstrip(b"#") for h in head].index(b"text")
    out = sys.stdout.buffer
    for line in f:
        cells = line.rstrip(b"\n").split(b"\t")
        if len(cells) > col:
            out.write(re.sub(rb"\\(.)", sub, cells[col]) + b"\n")
PY
    mv "$input.tmp" "$input"
    mv "$raw.tmp" "$raw"
    echo "$want" >"$stamp"
fi

# --- timing ------------------------------------------------------------------------------

size() { wc -c <"$1" | tr -d ' '; }
status=0
wc_rate="" uconv_rate=""

line() { printf '%-28s %7s %8s %8s %7s %8s\n' "$@"; }
note() { printf '%-28s %s\n' "$1" "$2"; }
rel() { if [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; fi; }

# measure LABEL INPUT CMD...: best wall time of $runs runs of CMD <INPUT >/dev/null; sets
# mb, secs, rate (MB/s). On failure prints a FAILED row and the error, sets status=1, returns 1.
measure() {
    local label=$1 in=$2 i t0 t1 rc best=""
    shift 2
    mb="" secs="" rate=""
    for i in $(seq "$runs"); do
        t0=$(date +%s.%N)
        rc=0
        "$@" <"$in" >/dev/null 2>"$dir/stderr" || rc=$?
        t1=$(date +%s.%N)
        if [ "$rc" -ne 0 ]; then
            note "$label" "FAILED (exit $rc)"
            {
                echo "bench: FAILED (exit $rc, run $i): $* <$in"
                tail -n 5 "$dir/stderr"
            } >&2
            status=1
            return 1
        fi
        best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
            'BEGIN { d = b - a; if (best != "" && best + 0 < d) d = best; printf "%.3f", d }')
    done
    mb=$(awk -v n="$(size "$in")" 'BEGIN { printf "%.1f", n / 1e6 }')
    rate=$(awk -v n="$(size "$in")" -v s="$best" 'BEGIN { printf "%.1f", (s > 0 ? n / 1e6 / s : 0) }')
    secs=$best
}
# row LABEL MB SECS RATE: print a result row with the ratios to wc -w and uconv.
row() { line "$1" "$2" "$3" "$4" "$(rel "$4" "$wc_rate")" "$(rel "$4" "$uconv_rate")"; }
timeit() { measure "$@" && row "$1" "$mb" "$secs" "$rate"; }

built() { [ -f "$NF_BIN/$1" ] && [ -x "$NF_BIN/$1" ]; }

echo "input: $input ($(awk -v n="$(size "$input")" 'BEGIN { printf "%.1f", n / 1e6 }') MB," \
    "$(($(wc -l <"$input") - 1)) docs, from ${want%% *}); best of $runs; LC_ALL=${LC_ALL:-unset}"
line command "in MB" seconds "MB/s" "vs wc" "vs uconv"

# The two references first, so that every row can show its ratio to them.
wc_row="" uconv_row=""
if measure "wc -w" "$input" wc -w; then wc_rate=$rate wc_row="$mb $secs $rate"; fi
have_uconv=""
if command -v uconv >/dev/null 2>&1; then
    have_uconv=1
    if measure "uconv -x Any-NFKC" "$input" uconv -x Any-NFKC; then
        uconv_rate=$rate uconv_row="$mb $secs $rate"
    fi
fi
timeit "cat" "$input" cat || true
# shellcheck disable=SC2086  # the saved "mb secs rate" splits into three arguments
if [ -n "$wc_row" ]; then row "wc -w" $wc_row; fi
# shellcheck disable=SC2086
if [ -n "$uconv_row" ]; then row "uconv -x Any-NFKC" $uconv_row; fi
timeit "wc -w raw.txt" "$raw" wc -w || true
if [ -n "$have_uconv" ]; then
    timeit "uconv -x Any-NFKC raw.txt" "$raw" uconv -x Any-NFKC || true
else
    note "uconv -x Any-NFKC" "skipped: uconv not installed (Debian: icu-devtools)"
fi

docs=$dir/docs.tsv
rm -f "$docs"
if built nf-normalize; then
    if timeit "nf-normalize --in tsv" "$input" "$NF_BIN/nf-normalize" --in tsv "$input"; then
        if "$NF_BIN/nf-normalize" --in tsv "$input" >"$docs.tmp" 2>"$dir/stderr"; then
            mv "$docs.tmp" "$docs"
        else
            note "nf-normalize >docs.tsv" "FAILED"
            echo "bench: FAILED: nf-normalize --in tsv $input >docs.tsv" >&2
            tail -n 5 "$dir/stderr" >&2
            status=1
        fi
    fi
else
    note nf-normalize "not built yet"
fi

# Many small files: the text of every document of input.tsv as a file of its own (a folder of
# scraped articles), read by nf-normalize through xargs as by wc -w; the per-file costs (open,
# gzip sniffing, buffers, stats) decide this row, not the text work.
files=$dir/files
if built nf-normalize; then
    if [ ! -f "$files/.done" ] || [ "$files/.done" -ot "$input" ]; then
        rm -rf "$files" && mkdir -p "$files"
        "$PY" - "$input" "$files" <<'PY'
import os, re, sys
esc = {b"t": b"\t", b"n": b"\n", b"r": b"\r", b"\\": b"\\"}
sub = lambda m: esc.get(m.group(1), m.group(0))
with open(sys.argv[1], "rb") as f:
    head = f.readline().rstrip(b"\r\n").split(b"\t")
    col = [h.lstrip(b"#") for h in head].index(b"text")
    for n, line in enumerate(f, 1):
        cells = line.rstrip(b"\n").split(b"\t")
        if len(cells) > col:
            with open(os.path.join(sys.argv[2], "%06d.txt" % n), "wb") as o:
                o.write(re.sub(rb"\\(.)", sub, cells[col]) + b"\n")
PY
        touch "$files/.done"
    fi
    nfiles=$(find "$files" -name '*.txt' | wc -l | tr -d ' ')
    fbytes=$(find "$files" -name '*.txt' -print0 | du -cb --files0-from=- | tail -n 1 | cut -f1)
    # best of $runs wall seconds of the command (run in $files); sets secs
    many() {
        local i t0 t1 best=""
        for i in $(seq "$runs"); do
            t0=$(date +%s.%N)
            (cd "$files" && find . -name '*.txt' -print0 | xargs -0 "$@" >/dev/null 2>&1) || {
                note "$1 (files)" "FAILED"; status=1; return 1; }
            t1=$(date +%s.%N)
            best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
                'BEGIN { d = b - a; if (best != "" && best + 0 < d) d = best; printf "%.3f", d }')
        done
        secs=$best
    }
    fmb=$(awk -v n="$fbytes" 'BEGIN { printf "%.1f", n / 1e6 }')
    frate() { awk -v n="$fbytes" -v s="$1" 'BEGIN { printf "%.1f", (s > 0 ? n / 1e6 / s : 0) }'; }
    if many wc -w; then
        wcf=$(frate "$secs")
        line "xargs wc -w ($nfiles files)" "$fmb" "$secs" "$wcf" "1.00" ""
        if many "$NF_BIN/nf-normalize" -q; then
            r=$(frate "$secs")
            line "xargs nf-normalize (files)" "$fmb" "$secs" "$r" "$(rel "$r" "$wcf")" ""
        fi
    fi
fi

# the later filters read docs.tsv: compare them with wc -w on that same file
if [ -f "$docs" ] && measure "wc -w docs.tsv" "$docs" wc -w; then
    wc_rate=$rate
    row "wc -w docs.tsv" "$mb" "$secs" "$rate"
fi
for f in nf-split nf-extract-money nf-extract-dates nf-tag-entities nf-dedupe; do
    if ! built $f; then
        note $f "not built yet"
    elif [ ! -f "$docs" ]; then
        note $f "skipped (no docs.tsv from nf-normalize)"
    else
        timeit "$f" "$docs" "$NF_BIN/$f" || true
    fi
done

# nf-dedupe's exact mode against sort -u: on the documents, and on their sentences (many short rows)
if built nf-dedupe && [ -f "$docs" ]; then
    timeit "sort -u docs.tsv" "$docs" sort -u || true
    timeit "nf-dedupe --mode exact" "$docs" "$NF_BIN/nf-dedupe" --mode exact || true
    if built nf-split && "$NF_BIN/nf-split" <"$docs" >"$dir/sentences.tsv" 2>/dev/null; then
        timeit "sort -u sentences.tsv" "$dir/sentences.tsv" sort -u || true
        timeit "nf-dedupe sentences (exact)" "$dir/sentences.tsv" "$NF_BIN/nf-dedupe" || true
    fi
fi

# --- the whole job: pipelines/news-facts against its stages run alone ----------------------
# The stages as the pipeline runs them (normalize -> dedupe -> split -> the three extractors
# on the sentences), each timed alone on the previous one's output; their sum is what a
# pipeline that ran them one after another would cost. Then news-facts itself, --jobs 1 and
# 2, on input.tsv, and its extraction part (--docs: split and the extractors) alone. Peak
# memory is the largest process's (ru_maxrss of the children); temporary space is sampled
# every 0.1 s in news-facts' own TMPDIR.
pipeline_bench() {
    local nfp=$root/pipelines/news-facts kept=$dir/kept.tsv units=$dir/units.tsv sum=0 ext=0 t
    built nf-normalize && built nf-dedupe && built nf-split && [ -f "$docs" ] || return 0
    echo
    echo "pipeline on $(basename "$input") ($(awk -v n="$(size "$input")" 'BEGIN { printf "%.1f", n / 1e6 }') MB); best of $runs"
    printf '%-40s %8s %8s %10s\n' command seconds "MB/s" "vs stages"
    "$NF_BIN/nf-dedupe" -q <"$docs" >"$kept" 2>/dev/null || { note nf-dedupe FAILED; status=1; return 0; }
    "$NF_BIN/nf-split" -q <"$kept" >"$units" 2>/dev/null || { note nf-split FAILED; status=1; return 0; }
    local stage_in=("$input" "$docs" "$kept" "$units" "$units" "$units")
    local stage_cmd=("nf-normalize -q --in tsv" "nf-dedupe -q" "nf-split -q" "nf-extract-money -q" "nf-extract-dates -q" "nf-tag-entities -q")
    local i
    for i in 0 1 2 3 4 5; do
        # shellcheck disable=SC2086
        measure "${stage_cmd[$i]}" "${stage_in[$i]}" $NF_BIN/${stage_cmd[$i]} || return 0
        printf '  %-38s %8s\n' "${stage_cmd[$i]}" "$secs"
        sum=$(awk -v a="$sum" -v b="$secs" 'BEGIN { printf "%.3f", a + b }')
        [ "$i" -ge 2 ] && ext=$(awk -v a="$ext" -v b="$secs" 'BEGIN { printf "%.3f", a + b }')
    done
    local mbin
    mbin=$(awk -v n="$(size "$input")" 'BEGIN { printf "%.3f", n / 1e6 }')
    prow() { printf '%-40s %8s %8s %10s\n' "$1" "$2" "$(awk -v m="$mbin" -v s="$2" 'BEGIN { printf "%.1f", m / s }')" "$(rel "$3" "$2")"; }
    prow "sum of the six stages run alone" "$sum" "$sum"
    local j1="" j2=""
    for j in 1 2; do
        measure "news-facts --jobs $j" "$input" env NF_BIN="$NF_BIN" "$nfp" -q --jobs "$j" "$input" || return 0
        prow "news-facts --jobs $j" "$secs" "$sum"
        [ "$j" = 1 ] && j1=$secs || j2=$secs
    done
    prow "extraction stages alone (split + 3)" "$ext" "$ext"
    local d1="" d2=""
    for j in 1 2; do
        measure "news-facts --docs --jobs $j" "$kept" env NF_BIN="$NF_BIN" "$nfp" -q --docs --jobs "$j" "$kept" || return 0
        prow "news-facts --docs --jobs $j" "$secs" "$ext"
        [ "$j" = 1 ] && d1=$secs || d2=$secs
    done
    echo "--jobs 2 speedup: whole job $(rel "$j1" "$j2")x; extraction part $(rel "$d1" "$d2")x over --jobs 1, $(rel "$ext" "$d2")x over its stages run one after another"
    # memory and temporary space of one --jobs 1 and one --jobs 2 run
    for j in 1 2; do
        local td=$dir/tmp-$j peak=0 rss
        rm -rf "$td"; mkdir -p "$td"
        ( while :; do du -sk "$td" 2>/dev/null | cut -f1; sleep 0.1; done ) >"$dir/du.$j" &
        local sampler=$!
        rss=$(TMPDIR=$td NF_BIN=$NF_BIN "$PY" -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$nfp" -q --jobs "$j" "$input")
        kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
        peak=$(sort -n "$dir/du.$j" | tail -n 1)
        echo "--jobs $j: peak memory $(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') MB (largest process), temporary space $(awk -v k="${peak:-0}" 'BEGIN { printf "%.0f", k / 1024 }') MB at most, for $(awk -v m="$mbin" 'BEGIN { printf "%.0f", m }') MB of input"
        rm -rf "$td"
    done
}
pipeline_bench

# pipelines/report on the facts of the bench input (news-facts, once) with its documents as
# nf-dedupe --mark writes them, then on three copies of both with other ids (about three times
# the documents): seconds / peak MB of the largest process (mlr, awk or gnuplot). Needs mlr and
# gnuplot.
report_bench() {
    command -v mlr >/dev/null 2>&1 && command -v gnuplot >/dev/null 2>&1 && [ -f "$docs" ] || return 0
    local facts=$dir/facts.tsv marked=$dir/marked.tsv f r
    [ -s "$facts" ] || NF_BIN=$NF_BIN "$root/pipelines/news-facts" -q "$input" >"$facts" 2>/dev/null || { note report "FAILED (news-facts)"; status=1; return 0; }
    "$NF_BIN/nf-dedupe" -q --mark <"$docs" >"$marked" 2>/dev/null || { note report "FAILED (nf-dedupe)"; status=1; return 0; }
    for f in facts marked; do # three copies, the ids of copy n ending in #n
        LC_ALL=C awk -F'\t' -v OFS='\t' 'FNR == 1 { n++; if (n == 1) print; next } { $1 = $1 "#" n; print }' \
            "$dir/$f.tsv" "$dir/$f.tsv" "$dir/$f.tsv" >"$dir/$f.x3.tsv"
    done
    echo
    echo "report (pipelines/report), seconds / peak MB:"
    r=$(rt "$root/pipelines/report" --docs "$marked" -o "$dir/report.html" "$facts")
    printf '  %-44s %s
' "$(($(wc -l <"$marked") - 1)) documents, $(($(wc -l <"$facts") - 1)) facts" "$(echo "$r" | awk '{ print $1 " / " $2 ($3 != 0 ? " exit " $3 : "") }')"
    r=$(rt "$root/pipelines/report" --docs "$dir/marked.x3.tsv" -o "$dir/report.html" "$dir/facts.x3.tsv")
    printf '  %-44s %s
' "$(($(wc -l <"$dir/marked.x3.tsv") - 1)) documents, $(($(wc -l <"$dir/facts.x3.tsv") - 1)) facts" "$(echo "$r" | awk '{ print $1 " / " $2 ($3 != 0 ? " exit " $3 : "") }')"
}
report_bench

# Resource bounds (issue 17): each filter's peak memory (ru_maxrss) and time on three inputs:
# the bench's text as ONE line of plain text (a dump read as one document; up to 50 MB), up to
# 1 M short rows (the sentences nf-split makes of docs.tsv, repeated) and docs.tsv itself; then
# the time on one document grown 1x, 4x and 16x (an article repeated to ~2, 8 and 32 MB, one row):
# linear when t4/t1 ~ 4 and t16/t1 ~ 16. One run each (memory is what is measured).
rt() { # rt CMD... <stdin: "seconds peak_MB" of the command
    "$PY" -c 'import resource, subprocess, sys, time
t = time.monotonic()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("%.3f %.0f %d" % (time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, r.returncode))' "$@"
}
resource_bench() {
    [ -f "$docs" ] && built nf-split || return 0
    local one=$dir/oneline.txt short=$dir/short.tsv grow=$dir/grow
    [ -s "$one" ] || tr '\n' ' ' <"$raw" | head -c "$bytes" >"$one"
    # the id, date, lang and text columns, found by name (nf-normalize puts the passed-through
    # ones first)
    local cols='NR == 1 { for (i = 1; i <= NF; i++) { h = $i; sub(/^#/, "", h); if (h == "id") ic = i; if (h == "date") dc = i; if (h == "lang") lc = i; if (h == "text") tc = i } next }'
    [ -s "$short" ] || "$NF_BIN/nf-split" -q <"$docs" 2>/dev/null | LC_ALL=C awk -F'\t' "$cols"' { r[n++] = $ic "\t" $dc "\t" $lc "\t" $tc }
        END { print "id\tdate\tlang\ttext"; for (k = 0; k < 1000000 && n; k++) print r[k % n] }' >"$short"
    local art
    art=$(LC_ALL=C awk -F'\t' "$cols"' length($tc) > 4000 && length($tc) < 8000 { print $tc; exit }' "$docs")
    local k
    for k in 1 4 16; do
        [ -s "$grow.$k.tsv" ] || { printf 'id\ttext\n'; printf 'big\t'; A=$art LC_ALL=C awk -v n=$((k * 2000000)) 'BEGIN { a = ENVIRON["A"]; sep = sprintf("%c", 92) "n"; for (m = 0; m < n; m += length(a) + 2) printf "%s%s", a, sep; printf "\n" }'; } >"$grow.$k.tsv"
    done
    echo
    echo "resources: one line $(awk -v n="$(size "$one")" 'BEGIN { printf "%.0f", n / 1e6 }') MB, $(($(wc -l <"$short") - 1)) short rows, docs.tsv $(awk -v n="$(size "$docs")" 'BEGIN { printf "%.0f", n / 1e6 }') MB; seconds / peak MB; growth t4/t1 t16/t1 on one document of 2, 8, 32 MB"
    printf '%-18s %16s %16s %16s %12s\n' filter "one line" "short rows" "docs.tsv" "growth"
    local p
    for p in nf-normalize nf-split nf-extract-money nf-extract-dates nf-tag-entities nf-dedupe; do
        built "$p" || continue
        local a b c g1 g4 g16 x
        a=$(rt "$NF_BIN/$p" -q "$one" | awk '{ print $1 "/" $2 ($3 != 0 ? " exit " $3 : "") }')
        b=$(rt "$NF_BIN/$p" -q --in tsv "$short" | awk '{ print $1 "/" $2 ($3 != 0 ? " exit " $3 : "") }')
        c=$(rt "$NF_BIN/$p" -q --in tsv "$docs" | awk '{ print $1 "/" $2 ($3 != 0 ? " exit " $3 : "") }')
        g1=$(rt "$NF_BIN/$p" -q "$grow.1.tsv" | cut -d' ' -f1)
        g4=$(rt "$NF_BIN/$p" -q "$grow.4.tsv" | cut -d' ' -f1)
        g16=$(rt "$NF_BIN/$p" -q "$grow.16.tsv" | cut -d' ' -f1)
        x="$(rel "$g4" "$g1") $(rel "$g16" "$g1")"
        printf '%-18s %16s %16s %16s %12s\n' "$p" "$a" "$b" "$c" "$x"
    done
    # a flood of template items (one frame, a number and a name apart: they share their band keys;
    # each is a copy of the first): linear, as the band keys index their first texts only
    built nf-dedupe || return 0
    local n t=()
    for n in 10000 40000; do
        [ -s "$grow.flood$n.tsv" ] || LC_ALL=C awk -v n=$n 'BEGIN { print "id\ttext"; for (i = 0; i < n; i++)
            printf "t%d\tThe city council of Town%d met on Tuesday to discuss the annual budget for public works, parks and libraries. Council members reviewed proposals from residents and local businesses and agreed to publish the minutes of the meeting on the official website within two weeks. The next session will take place in the main hall and is open to the public. Item %d on the agenda.\n", i, i, i }' >"$grow.flood$n.tsv"
        rm -f "$dir/flood.state"
        t+=("$(rt "$NF_BIN/nf-dedupe" -q --state "$dir/flood.state" "$grow.flood$n.tsv" | awk '{ print $1 "/" $2 ($3 != 0 ? " exit " $3 : "") }')")
    done
    echo "nf-dedupe template flood (--state, seconds / peak MB): 10k rows ${t[0]}, 40k rows ${t[1]}, growth $(rel "${t[1]%%/*}" "${t[0]%%/*}")"
}
resource_bench

exit $status
