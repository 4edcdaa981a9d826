#!/usr/bin/env python3
# Copied unchanged from shared/tools/score.py (the official scorer); keep in sync.
"""Score newsfilters output against hand-made gold annotations.

  score.py money    GOLD_DIR PRED.tsv     # nf-extract-money output
  score.py dates    GOLD_DIR PRED.tsv     # nf-extract-dates output
  score.py entities GOLD_DIR PRED.tsv     # nf-tag-entities output
  score.py split    GOLD_DIR PRED.tsv     # nf-split output

GOLD_DIR holds money.tsv, dates.tsv, entities.tsv and sentences/<doc>.sentences.txt
(see gold/README.md). PRED.tsv is a filter's TSV output: header row, backslash escapes
(\\t \\n \\r \\\\). Columns are found by name: id (or doc), surface, type, value,
amount, amount_max, currency, text. A document id is compared without directory and
without a .txt/.gz ending.

Mentions are matched one to one within a document by surface: equal first, then
containment (one surface inside the other), ignoring case and spacing. Reported:
  span  P/R/F1  - a predicted mention matches a gold one
  value acc     - of matched mentions, the normalized value is right
  strict F1     - a match counts only when its value is right too  (the headline figure)
The last line printed is the headline figure.
"""
import argparse, os, re, sys, unicodedata
from collections import defaultdict

ESC = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def unescape(s):
    return re.sub(r"\\(.)", lambda m: ESC.get(m.group(1), "\\" + m.group(1)), s)


def read_tsv(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return []
    head = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = [unescape(c) for c in ln.split("\t")]
        cells += [""] * (len(head) - len(cells))
        rows.append(dict(zip(head, cells)))
    return rows


def doc_id(s):
    s = os.path.basename(s.strip())
    for ext in (".gz", ".txt"):
        if s.endswith(ext):
            s = s[: -len(ext)]
    return s


def norm(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(s.split()).strip(" .,;:")


def num(s):
    try:
        return float(s) if s not in ("", None) else None
    except ValueError:
        return None


TYPE_MAP = {"PERSON": "PER", "PERS": "PER", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
            "GPE": "LOC", "LOCATION": "LOC", "PROD": "PRODUCT"}


def match(gold, pred, same_value):
    """Greedy one-to-one matching per document; equal surfaces first, then containment."""
    by_doc = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    used = set()
    pairs = []
    unmatched = []
    for rnd in (0, 1):
        rest = []
        for p in (pred if rnd == 0 else unmatched):
            cands = [g for g in by_doc.get(p["doc"], []) if id(g) not in used]
            hit = None
            for g in cands:
                a, b = norm(g["surface"]), norm(p["surface"])
                ok = a == b if rnd == 0 else (a and b and (a in b or b in a))
                if ok and (hit is None or (same_value(g, p) and not same_value(hit, p))):
                    hit = g
                    if same_value(g, p):
                        break
            if hit is None:
                rest.append(p)
            else:
                used.add(id(hit))
                pairs.append((hit, p))
        unmatched = rest
    return pairs, unmatched, [g for g in gold if id(g) not in used]


def report(kind, gold, pred, pairs, fp, fn, same_value, verbose):
    tp = len(pairs)
    good = sum(1 for g, p in pairs if same_value(g, p))
    P = tp / len(pred) if pred else 0.0
    R = tp / len(gold) if gold else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    sP = good / len(pred) if pred else 0.0
    sR = good / len(gold) if gold else 0.0
    sF = 2 * sP * sR / (sP + sR) if sP + sR else 0.0
    if verbose:
        for g, p in pairs:
            if not same_value(g, p):
                print(f"  WRONG VALUE {g['doc']}: {g['surface']!r} gold={g['val']} pred={p['val']}")
        for p in fp:
            print(f"  SPURIOUS    {p['doc']}: {p['surface']!r} pred={p['val']}")
        for g in fn:
            print(f"  MISSED      {g['doc']}: {g['surface']!r} gold={g['val']}")
    print(f"{kind}: gold={len(gold)} pred={len(pred)} span P={P:.3f} R={R:.3f} F1={F:.3f} "
          f"value-acc={good / tp if tp else 0:.3f}")
    print(f"{kind} strict F1 {sF:.3f}")


def load_gold(gold_dir, name, docs):
    rows = read_tsv(os.path.join(gold_dir, name))
    for r in rows:
        r["doc"] = doc_id(r["doc"])
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["money", "dates", "entities", "split"])
    ap.add_argument("gold_dir")
    ap.add_argument("pred")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and error")
    ap.add_argument("--with-misc", action="store_true", help="entities: keep MISC (demonyms)")
    a = ap.parse_args()

    pred = read_tsv(a.pred)
    for p in pred:
        p["doc"] = doc_id(p.get("id") or p.get("doc") or "")
    docs = None  # every gold document counts: a document with no output is all misses

    if a.kind == "split":
        gold_n = tp = 0
        pred_n = len(pred)
        sent_dir = os.path.join(a.gold_dir, "sentences")
        have = {f[: -len(".sentences.txt")] for f in os.listdir(sent_dir)}
        per_doc = defaultdict(list)
        for p in pred:
            per_doc[p["doc"]].append(" ".join(p.get("text", "").split()))
        for d in sorted(have):
            with open(os.path.join(sent_dir, d + ".sentences.txt"), encoding="utf-8") as f:
                gold = [" ".join(x.split()) for x in f.read().split("\n") if x.strip()]
            gold_n += len(gold)
            bag = defaultdict(int)
            for s in gold:
                bag[s] += 1
            for s in per_doc.get(d, []):
                if bag[s] > 0:
                    bag[s] -= 1
                    tp += 1
                elif a.verbose:
                    print(f"  WRONG {d}: {s[:120]!r}")
        pred_n = sum(len(per_doc[d]) for d in have)
        P = tp / pred_n if pred_n else 0.0
        R = tp / gold_n if gold_n else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        print(f"split: gold={gold_n} pred={pred_n} exact-sentence P={P:.3f} R={R:.3f}")
        print(f"split sentence F1 {F:.3f}")
        return

    if a.kind == "money":
        gold = load_gold(a.gold_dir, "money.tsv", docs)
        for g in gold:
            g["val"] = (num(g["amount"]), num(g.get("amount_max")), g["currency"].upper())
        for p in pred:
            p["val"] = (num(p.get("amount")), num(p.get("amount_max")), p.get("currency", "").upper())

        def same(g, p):
            ga, gm, gc = g["val"]
            pa, pm, pc = p["val"]
            close = lambda x, y: (x is None and y is None) or (x is not None and y is not None and abs(x - y) <= 1e-6 * max(abs(x), 1))
            return close(ga, pa) and close(gm, pm) and gc == pc
    elif a.kind == "dates":
        gold = [g for g in load_gold(a.gold_dir, "dates.tsv", docs) if not g.get("note", "").startswith("DCT:")]
        for g in gold:
            g["val"] = g["value"].upper()
        for p in pred:
            p["val"] = p.get("value", "").upper()
        same = lambda g, p: g["val"] == p["val"]
    else:
        gold = load_gold(a.gold_dir, "entities.tsv", docs)
        if not a.with_misc:
            gold = [g for g in gold if g["type"] != "MISC"]
        for g in gold:
            g["val"] = g["type"]
        for p in pred:
            t = p.get("type", "").upper()
            p["val"] = TYPE_MAP.get(t, t)
        if not a.with_misc:
            pred = [p for p in pred if p["val"] != "MISC"]
        same = lambda g, p: g["val"] == p["val"]

    pairs, fp, fn = match(gold, pred, same)
    report(a.kind, gold, pred, pairs, fp, fn, same, a.verbose)


if __name__ == "__main__":
    main()
