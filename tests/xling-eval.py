#!/usr/bin/env python3
"""xling-eval.py - cross-lingual check of nf-extract-money and nf-extract-dates on NTREX-128.

    tests/xling-eval.py --bin BIN --corpus CORPUSDIR [--gold tests/xling/ntrex-gold.tsv]
                        [--lang LIST] [-o DIR] [-v]

NTREX-128 is parallel: sentence k of document d is the same sentence in every language.
The gold (tests/xling/ntrex-gold.tsv) lists the money and date/time mentions of the
ENGLISH side, with values resolved against one reference date (2019-01-15). For every
language, the sentences are fed to the extractors as rows `id lang date text`
(id = doc:sent, date = the reference date, one run per extractor and language), and each
gold mention counts as found when the aligned sentence has an extracted mention of the
same kind with the same value:
  money  same currency and amount (relative tolerance 1e-6); a range needs both ends;
  dates  the same TIMEX3 value string (the type may differ: DATE 2019-01-14 and TIME
         2019-01-14 are the same value); X placeholders only match X placeholders.
         The evening and the night of a day are one value (…TEV = …TNI): a translation
         says "ce soir", "heute Abend", "stasera" where the English says "tonight".
         A zone offset is not compared (…T10:15+01:00 = …T10:15): the gold writes the
         wall-clock time, the extractor keeps the zone the text names (10:15 BST).
Mentions are matched one to one within a sentence.

P~ is a ROUGH precision: among the extracted mentions (both kinds) in sentences that have
gold of that kind, the share whose value equals some gold value of the sentence. It says
nothing about sentences without gold (for dates, only the gold's document sample counts).

Output: one line per language
    xling  LANG  money R=0.xx (n/N)  dates R=0.xx (n/N)  P~0.xx
then `xling  main7 ...` summed over en nl it de fr es ar. -v lists every miss, and every
extracted mention of a gold sentence whose value is not in the gold (what lowers P~):
    miss   LANG  doc:sent  kind  gold-value (surface)  got: values extracted in the sentence
    extra  LANG  doc:sent  kind  surface=value  gold: the gold values of the sentence
Exit status: 0 (also when CORPUSDIR is missing: `xling: skipped (no CORPUSDIR)`),
1 when an extractor fails, 2 on usage errors.
"""
import argparse
import collections
import gzip
import os
import signal
import subprocess
import sys

REF_DATE = "2019-01-15"

# (code printed, ISO 639-1 code passed to the filters, file relative to CORPUSDIR)
MAIN = [
    ("en", "en", "en/ntrex128.eng-src.tsv.gz"),
    ("nl", "nl", "nl/ntrex128.nld.tsv.gz"),
    ("it", "it", "it/ntrex128.ita.tsv.gz"),
    ("de", "de", "de/ntrex128.deu.tsv.gz"),
    ("fr", "fr", "multi/ntrex128/ntrex128.fra.tsv.gz"),
    ("es", "es", "es/ntrex128.spa.tsv.gz"),
    ("ar", "ar", "ar/ntrex128.arb.tsv.gz"),
]
ISO3 = {
    "amh": "am", "ben": "bn", "ell": "el", "fas": "fa", "fra": "fr", "heb": "he",
    "hin": "hi", "hye": "hy", "ind": "id", "jpn": "ja", "kat": "ka", "kor": "ko",
    "mya": "my", "pol": "pl", "por": "pt", "rus": "ru", "swa": "sw", "tam": "ta",
    "tha": "th", "tur": "tr", "ukr": "uk", "urd": "ur", "vie": "vi", "zho-CN": "zh",
}


def split_escaped(text):
    """Split a COPY-escaped field on escaped newlines (\\n), keeping other escapes as they are."""
    out, cur, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            if text[i + 1] == "n":
                out.append("".join(cur))
                cur = []
            else:
                cur.append(text[i:i + 2])
            i += 2
            continue
        cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def unescape(s):
    m = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in m:
            out.append(m[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def load_corpus(path):
    """{doc: [escaped sentence, ...]} with the bare NTREX id (after the last ':')."""
    docs = {}
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        header = f.readline().rstrip("\n").lstrip("#").split("\t")
        ti = header.index("text") if "text" in header else 3
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) <= ti:
                continue
            doc = cols[0].split(":")[-1]
            sents = split_escaped(cols[ti])
            while sents and not sents[-1].strip():
                sents.pop()
            docs[doc] = sents
    return docs


def load_gold(path):
    gold = collections.defaultdict(list)   # (doc, sent, kind) -> [row dict]
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for n, line in enumerate(f, 2):
            if not line.strip():
                continue
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            row["line"] = n
            gold[(row["doc"], int(row["sent"]), row["kind"])].append(row)
    return gold


def parse_money_value(v):
    """'2500000 USD' or '10-15 USD' -> (lo, hi or None, CUR) or None."""
    parts = v.strip().split()
    if len(parts) != 2:
        return None
    num, cur = parts
    lo, hi = num, None
    if "-" in num[1:]:
        k = num.index("-", 1)
        lo, hi = num[:k], num[k + 1:]
    try:
        return (float(lo), float(hi) if hi else None, cur.upper())
    except ValueError:
        return None


def close(a, b):
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def money_eq(g, x):
    if g is None or x is None or g[2] != x[2] or not close(g[0], x[0]):
        return False
    if g[1] is None and x[1] is None:
        return True
    return g[1] is not None and x[1] is not None and close(g[1], x[1])


def norm_date(v):
    v = v.strip().upper()
    if "T" in v and len(v) > 16 and v[-6] in "+-" and v[-3] == ":":
        v = v[:-6]   # 2019-01-15T10:15+01:00 = 2019-01-15T10:15: the same wall-clock time
    if len(v) > 16 and "T" in v and v.endswith(":00") and v.count(":") == 2:
        v = v[:-3]   # 2019-01-15T19:00:00 = 2019-01-15T19:00
    if v.endswith("TEV"):
        v = v[:-3] + "TNI"   # tonight = ce soir: a translation's choice, not an extractor's
    return v


def run_filter(exe, rows_tsv, kind):
    """Run one extractor over the rows; return {(doc, sent): [(value_key, shown)]}."""
    p = subprocess.run([exe, "-q"], input=rows_tsv.encode("utf-8"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0,):
        sys.stderr.write("xling: %s exited %d: %s\n" % (os.path.basename(exe), p.returncode,
                                                         p.stderr.decode("utf-8", "replace")[:300]))
        if not p.stdout:
            return None
    lines = p.stdout.decode("utf-8", "replace").split("\n")
    header = lines[0].split("\t")
    ix = {name: i for i, name in enumerate(header)}
    got = collections.defaultdict(list)
    for line in lines[1:]:
        if not line:
            continue
        c = line.split("\t")
        if len(c) < len(header):
            continue
        doc, _, sent = c[ix["id"]].rpartition(":")
        value = unescape(c[ix["value"]])
        surface = unescape(c[ix["surface"]]) if "surface" in ix else ""
        if kind == "money":
            key = None
            if "amount" in ix and "currency" in ix and c[ix["amount"]]:
                try:
                    amax = c[ix["amount_max"]] if "amount_max" in ix else ""
                    key = (float(c[ix["amount"]]), float(amax) if amax else None,
                           c[ix["currency"]].upper())
                except ValueError:
                    key = None
            if key is None:
                key = parse_money_value(value)
        else:
            key = norm_date(value)
        got[(doc, int(sent))].append((key, "%s=%s" % (surface, value)))
    return got


def score_lang(lang, code, docs, gold, binary, verbose, keep):
    rows = ["id\tlang\tdate\ttext"]
    for doc in sorted(docs):
        for i, s in enumerate(docs[doc], 1):
            rows.append("%s:%d\t%s\t%s\t%s" % (doc, i, code, REF_DATE, s.replace("\t", "\\t")))
    tsv = "\n".join(rows) + "\n"
    res = {}
    for kind, exe in (("money", "nf-extract-money"), ("date", "nf-extract-dates")):
        got = run_filter(os.path.join(binary, exe), tsv, kind)
        if got is None:
            return None
        res[kind] = got
    if keep:
        with open(os.path.join(keep, "%s.rows.tsv" % lang), "w", encoding="utf-8") as f:
            f.write(tsv)
    st = {"money": [0, 0], "date": [0, 0], "p": [0, 0], "pk": {"money": [0, 0], "date": [0, 0]}}
    misses = []
    for (doc, sent, kind), grows in sorted(gold.items()):
        if doc not in docs or sent > len(docs[doc]):
            continue
        got = res[kind].get((doc, sent), [])
        eq = money_eq if kind == "money" else (lambda a, b: a == b)
        gkeys = [parse_money_value(g["value"]) if kind == "money" else norm_date(g["value"])
                 for g in grows]
        used = [False] * len(got)
        for g, gk in zip(grows, gkeys):
            st[kind][1] += 1
            hit = False
            for j, (xk, _) in enumerate(got):
                if not used[j] and eq(gk, xk):
                    used[j] = hit = True
                    break
            if hit:
                st[kind][0] += 1
            else:
                misses.append("miss  %s  %s:%d  %s  %s (%s)  got: %s" % (
                    lang, doc, sent, kind, g["value"], g["surface"],
                    "; ".join(x[1] for x in got) or "-"))
        for xk, shown in got:
            ok = any(eq(gk, xk) for gk in gkeys)
            st["p"][1] += 1
            st["pk"][kind][1] += 1
            if ok:
                st["p"][0] += 1
                st["pk"][kind][0] += 1
            else:
                misses.append("extra  %s  %s:%d  %s  %s  gold: %s" % (
                    lang, doc, sent, kind, shown, "; ".join(g["value"] for g in grows)))
    return st, misses


def ratio(a, b):
    return "%.2f" % (a / b) if b else "-"


def line(lang, st):
    return "xling  %-6s money R=%s (%d/%d)  dates R=%s (%d/%d)  P~%s" % (
        lang, ratio(*st["money"]), st["money"][0], st["money"][1],
        ratio(*st["date"]), st["date"][0], st["date"][1], ratio(*st["p"]))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="directory holding nf-extract-money and nf-extract-dates")
    ap.add_argument("--corpus", required=True, help="the shared corpus directory (holds en/, multi/ntrex128/ ...)")
    ap.add_argument("--gold", default=os.path.join(here, "xling", "ntrex-gold.tsv"))
    ap.add_argument("--lang", default="", help="comma-separated subset of the printed codes (default: all)")
    ap.add_argument("-o", dest="keep", default="", help="keep the input rows per language in this directory")
    ap.add_argument("--und", action="store_true",
                    help="pass lang=und (all languages) instead of the ISO 639-1 code for the languages "
                         "outside the main seven (shows what the language-independent patterns find)")
    ap.add_argument("-v", action="store_true", help="list the misses and the per-kind precision")
    a = ap.parse_args()

    if not os.path.isdir(a.corpus) or not os.path.exists(os.path.join(a.corpus, MAIN[0][2])):
        print("xling: skipped (no CORPUSDIR)")
        return 0
    for exe in ("nf-extract-money", "nf-extract-dates"):
        if not os.access(os.path.join(a.bin, exe), os.X_OK):
            print("xling: skipped (no %s in %s)" % (exe, a.bin))
            return 0
    gold = load_gold(a.gold)
    if a.keep:
        os.makedirs(a.keep, exist_ok=True)

    langs = list(MAIN)
    mdir = os.path.join(a.corpus, "multi", "ntrex128")
    if os.path.isdir(mdir):
        for fn in sorted(os.listdir(mdir)):
            if not (fn.startswith("ntrex128.") and fn.endswith(".tsv.gz")):
                continue
            iso3 = fn[len("ntrex128."):-len(".tsv.gz")]
            if iso3 == "fra":
                continue
            code = "und" if a.und else ISO3.get(iso3, "und")
            langs.append((iso3, code, os.path.join("multi", "ntrex128", fn)))
    if a.lang:
        want = set(a.lang.split(","))
        langs = [t for t in langs if t[0] in want or t[1] in want]

    en_docs = load_corpus(os.path.join(a.corpus, MAIN[0][2]))
    status = 0
    total = {"money": [0, 0], "date": [0, 0], "p": [0, 0]}
    main_codes = {t[0] for t in MAIN}
    for lang, code, rel in langs:
        path = os.path.join(a.corpus, rel)
        if not os.path.exists(path):
            print("xling  %-6s missing (%s)" % (lang, rel))
            continue
        docs = load_corpus(path)
        bad = [d for d in en_docs if len(docs.get(d, [])) != len(en_docs[d])]
        if bad:
            print("xling  %-6s warning: %d documents do not align with English (%s ...); they are skipped"
                  % (lang, len(bad), bad[0]))
            for d in bad:
                docs.pop(d, None)
        r = score_lang(lang, code, docs, gold, a.bin, a.v, a.keep)
        if r is None:
            status = 1
            print("xling  %-6s FAILED" % lang)
            continue
        st, misses = r
        if a.v:
            for m in misses:
                print(m)
            print("xling  %-6s precision by kind: money P~%s (%d/%d)  dates P~%s (%d/%d)" % (
                lang, ratio(*st["pk"]["money"]), st["pk"]["money"][0], st["pk"]["money"][1],
                ratio(*st["pk"]["date"]), st["pk"]["date"][0], st["pk"]["date"][1]))
        print(line(lang, st))
        sys.stdout.flush()
        if lang in main_codes:
            for k in total:
                total[k][0] += st[k][0]
                total[k][1] += st[k][1]
    print(line("main7", total) + "   (en nl it de fr es ar; P~ is a rough precision: see --help)")
    return status


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # `| head` ends quietly
    sys.exit(main())
