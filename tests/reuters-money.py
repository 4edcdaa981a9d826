#!/usr/bin/env python3
"""reuters-money.py --bin BIN --corpus reuters21578.tsv.gz [--misses N] [--limit DOCS] [--min-dollars F] [--min-cents F]

Recall of nf-extract-money on the money amounts of Reuters-21578 (1987 newswire).

The filters run as users run them: the corpus (a gzipped TSV, #id date title text) goes through
`nf-normalize -q --in tsv`, whose output (title id date lang text; date in ISO 8601) goes to
`nf-extract-money`. The script reads the normalized text back, finds in it by regular expression
every "NUMBER [mln|bln|billion|million|thousand] [QUALIFIER] UNIT" (the white space between the
parts may hold one line break, not a blank line), e.g. "7.5 mln\\ndlrs", "34 cts", "12 mln stg",
"5 mln Swiss francs", and counts, per unit, those the filter found with the right value: a
mention of the same document whose [start, end) overlaps the match, whose currency is one of the
expected ones and whose amount (or, for a range, amount_max) equals the match's amount.

Expected currencies (the documents are from 1987): dlrs/dollars USD unless a country is named
(Canadian CAD, Australian AUD, N.Z. NZD, Hong Kong HKD, Singapore SGD, Taiwan TWD); cts/cents
the same dollar divided by 100; stg and (British) pounds GBP; pence GBP/100; yen JPY; marks
DEM; guilders NLG; lire ITL (TRL when the document names Turkey); pesetas ESP; francs by the qualifier (French FRF, Swiss CHF,
Belgian BEF, Luxembourg LUF), else by the dateline city (PARIS FRF, BRUSSELS BEF, ZURICH/
GENEVA/BERNE/BASLE CHF, LUXEMBOURG LUF), else any of FRF CHF BEF LUF that the document names
(France/French, Switzerland/Swiss, Belgium/Belgian, Luxembourg), else any of them; crowns by the qualifier or
dateline (Swedish/STOCKHOLM SEK, Norwegian/OSLO NOK, Danish/COPENHAGEN DKK), else any of them.

Prints one line per unit, "reuters money: UNIT N, found with the right value F", then a summary
line for the dollar units (dlrs dollars), the cent units (cts cents) and all. Exit status 0, or
1 when the dollar or cent share is below --min-dollars or --min-cents (for make eval: 0.97, 0.95).
"""
import argparse
import collections
import gzip
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal

SCALES = {"mln": 6, "million": 6, "millions": 6, "bln": 9, "billion": 9, "billions": 9,
          "thousand": 3, "trillion": 12}

# unit (lower case) -> (report group, currency or None when the qualifier/context decides, divisor)
UNITS = {
    "dlrs": ("dlrs", None, 1), "dlr": ("dlrs", None, 1),
    "dollars": ("dollars", None, 1), "dollar": ("dollars", None, 1),
    "cts": ("cts", None, 100), "ct": ("cts", None, 100),
    "cents": ("cents", None, 100), "cent": ("cents", None, 100),
    "stg": ("stg", "GBP", 1), "sterling": ("stg", "GBP", 1),
    "pence": ("pence", "GBP", 100), "yen": ("yen", "JPY", 1),
    "marks": ("marks", "DEM", 1), "mark": ("marks", "DEM", 1),
    "francs": ("francs", None, 1), "franc": ("francs", None, 1),
    "guilders": ("guilders", "NLG", 1), "guilder": ("guilders", "NLG", 1),
    "lire": ("lire", "ITL", 1), "lira": ("lire", "ITL", 1),
    "pesetas": ("pesetas", "ESP", 1), "crowns": ("crowns", None, 1),
}
# qualifier (lower case, spaces normalised) -> currency for dollars/cents, francs, crowns
QUAL = {
    "u.s.": "USD", "us": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
    "n.z.": "NZD", "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD",
    "taiwan": "TWD", "french": "FRF", "swiss": "CHF", "belgian": "BEF", "luxembourg": "LUF",
    "swedish": "SEK", "norwegian": "NOK", "danish": "DKK", "west german": "DEM",
    "german": "DEM", "dutch": "NLG", "italian": "ITL", "spanish": "ESP",
}
FRANC_CITY = {"PARIS": "FRF", "BRUSSELS": "BEF", "ZURICH": "CHF", "GENEVA": "CHF",
              "BERNE": "CHF", "BERN": "CHF", "BASLE": "CHF", "LUXEMBOURG": "LUF"}
CROWN_CITY = {"STOCKHOLM": "SEK", "OSLO": "NOK", "COPENHAGEN": "DKK"}
FRANC_WORDS = [(re.compile(rb"\b(France|French|Paris)\b"), "FRF"),
               (re.compile(rb"\b(Switzerland|Swiss|Zurich|Geneva)\b"), "CHF"),
               (re.compile(rb"\b(Belgium|Belgian|Brussels)\b"), "BEF"),
               (re.compile(rb"\bLuxembourg\b"), "LUF")]
TURKEY = re.compile(rb"\b(Turkey|Turkish|Ankara|Istanbul|ANKARA|ISTANBUL)\b")
CROWN_WORDS = [(re.compile(rb"\b(Sweden|Swedish)\b"), "SEK"),
               (re.compile(rb"\b(Norway|Norwegian)\b"), "NOK"),
               (re.compile(rb"\b(Denmark|Danish)\b"), "DKK")]

WS = rb"[ \t]*(?:\n[ \t]*)?"  # white space with at most one line break
WS1 = rb"(?:[ \t]+(?:\n[ \t]*)?|[ \t]*\n[ \t]*)"  # the same, not empty
NUM = rb"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
SCALE = rb"(?:" + WS1 + rb"(mln|million|millions|bln|billion|billions|thousand|trillion)\b)?"
QUALS = rb"(?:" + WS1 + rb"(u\.s\.|us|american|canadian|australian|n\.z\.|new" + WS1 + rb"zealand|hong" + WS1 + \
    rb"kong|singapore|taiwan|french|swiss|belgian|luxembourg|swedish|norwegian|danish|(?:west" + WS1 + \
    rb")?german|dutch|italian|spanish))?"
UNIT = WS1 + rb"(" + b"|".join(sorted((u.encode() for u in UNITS), key=len, reverse=True)) + rb")\b"
AMOUNT = re.compile(rb"(?<![\w.,$])" + NUM + SCALE + QUALS + UNIT, re.I)


def unesc(s):
    out, i = [], 0
    while True:
        j = s.find("\\", i)
        if j < 0 or j + 1 >= len(s):
            out.append(s[i:])
            return "".join(out)
        out.append(s[i:j])
        c = s[j + 1]
        out.append({"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(c, "\\" + c))
        i = j + 2


def expected(unit, qual, text, dateline):
    group, cur, div = UNITS[unit.lower()]
    q = re.sub(rb"\s+", b" ", qual.lower()).decode() if qual else ""
    if group == "lire" and not q and TURKEY.search(text):
        return group, {"TRL"}, div  # the Turkish lira of 1987
    if cur:
        return group, {cur}, div
    if group in ("dlrs", "dollars", "cts", "cents"):
        return group, {QUAL.get(q, "USD") if q else "USD"}, div
    if q in QUAL:
        return group, {QUAL[q]}, div
    city, words = (FRANC_CITY, FRANC_WORDS) if group == "francs" else (CROWN_CITY, CROWN_WORDS)
    if dateline in city:
        return group, {city[dateline]}, div
    named = {c for rx, c in words if rx.search(text)}
    return group, named or {c for _, c in words}, div


def run(args, tmp):
    norm, out = os.path.join(tmp, "norm.tsv"), os.path.join(tmp, "money.tsv")
    with open(norm, "wb") as f:
        zc = gzip.open(args.corpus, "rb")
        p = subprocess.Popen([os.path.join(args.bin, "nf-normalize"), "-q", "--in", "tsv"], stdin=subprocess.PIPE, stdout=f)
        n = 0
        for line in zc:
            if args.limit and n > args.limit:
                break
            p.stdin.write(line)
            n += 1
        p.stdin.close()
        if p.wait():
            sys.exit("nf-normalize failed")
    with open(norm, "rb") as f, open(out, "wb") as g:
        if subprocess.call([os.path.join(args.bin, "nf-extract-money"), "-q"], stdin=f, stdout=g):
            sys.exit("nf-extract-money failed")
    return norm, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[2])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--misses", type=int, default=0, help="print N missed amounts per unit (stderr)")
    ap.add_argument("--limit", type=int, default=0, help="only the first DOCS documents")
    ap.add_argument("--min-dollars", type=float, default=0, help="exit 1 when the dollar share is lower")
    ap.add_argument("--min-cents", type=float, default=0, help="exit 1 when the cent share is lower")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        norm, out = run(args, tmp)
        found = collections.defaultdict(list)  # id -> [(start, end, amount, amount_max, cur)]
        with open(out, encoding="utf-8") as f:
            col = {c: i for i, c in enumerate(f.readline().rstrip("\n").split("\t"))}
            idc = col.get("id", col.get("#id"))
            for line in f:
                r = line.rstrip("\n").split("\t")
                amax = r[col["amount_max"]]
                found[r[idc]].append((int(r[col["start"]]), int(r[col["end"]]), Decimal(r[col["amount"]]),
                                      Decimal(amax) if amax else None, r[col["currency"]]))
        total, ok = collections.Counter(), collections.Counter()
        misses = collections.defaultdict(list)
        with open(norm, encoding="utf-8") as f:
            col = {c: i for i, c in enumerate(f.readline().rstrip("\n").split("\t"))}
            for line in f:
                r = line.rstrip("\n").split("\t")
                did = r[col["id"]]
                text = unesc(r[col["text"]]).encode("utf-8")
                m = re.match(rb"\s*([A-Z][A-Z .]+?),", text)
                dateline = m.group(1).decode() if m else ""
                mentions = found.get(did, [])
                for m in AMOUNT.finditer(text):
                    group, curs, div = expected(m.group(4).decode(), m.group(3), text, dateline)
                    amt = Decimal(m.group(1).decode().replace(",", ""))
                    if m.group(2):
                        amt = amt.scaleb(SCALES[m.group(2).decode().lower()])
                    amt = amt / div
                    total[group] += 1
                    s, e = m.start(), m.end()
                    hit = any(ms < e and s < me and c in curs and (a == amt or b == amt)
                              for ms, me, a, b, c in mentions)
                    if hit:
                        ok[group] += 1
                    elif len(misses[group]) < args.misses:
                        got = [(text[ms:me].decode(errors="replace"), str(a), c) for ms, me, a, b, c in mentions
                               if ms < e and s < me]
                        ctx = text[max(0, s - 40):e + 10].decode(errors="replace").replace("\n", "\\n")
                        misses[group].append("%s %s want %s %s got %s | %s" % (group, did, amt, "/".join(sorted(curs)), got, ctx))
    groups = sorted(total, key=lambda g: -total[g])
    for g in groups:
        print("reuters money: %s %d, found with the right value %.3f" % (g, total[g], ok[g] / total[g]))
    for g in groups:
        for x in misses[g]:
            print(x, file=sys.stderr)

    def share(gs):
        t = sum(total[g] for g in gs)
        return t, sum(ok[g] for g in gs) / t if t else 0
    dol, cen, al = share(["dlrs", "dollars"]), share(["cts", "cents"]), share(groups)
    print("reuters money summary: dollars (dlrs dollars) %d %.3f; cents (cts cents) %d %.3f; all %d %.3f" %
          (dol + cen + al))
    if dol[1] < args.min_dollars or cen[1] < args.min_cents:
        print("reuters money: below the target (dollars %.2f, cents %.2f)" % (args.min_dollars, args.min_cents))
        sys.exit(1)


if __name__ == "__main__":
    main()
