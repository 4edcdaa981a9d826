#!/usr/bin/env python3
"""Score nf-normalize output (document metadata) against a gold table.

  norm-eval.py [-v] GOLD_DOCS.tsv PRED.tsv

GOLD_DOCS.tsv: header row with columns doc, lang, date (date may be empty: no date).
PRED.tsv:      nf-normalize output: header row with columns id, date, lang (others ignored).
Columns are found by name (a leading '#' on a header name is ignored); field values
use the backslash escapes \\t \\n \\r \\\\. Document ids are compared without directory
and without a .txt/.gz ending. A gold document missing from PRED counts as wrong for
both lang and date; PRED documents that are not in the gold table are ignored.

Prints (with -v) one line per mismatch, then
  normalize: docs=N lang-acc=X.XXX date-acc=X.XXX
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import doc_id, read_tsv  # noqa: E402  (the project's copy of the shared scorer)


def lookup(row, name):
    """A column by name, ignoring a leading '#' on the header name."""
    return row.get(name, row.get("#" + name, ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    a = ap.parse_args()

    gold = read_tsv(a.gold)
    pred = {}
    for p in read_tsv(a.pred):
        d = doc_id(lookup(p, "id") or lookup(p, "doc"))
        pred.setdefault(d, p)  # first row wins if an id repeats

    n = lang_ok = date_ok = 0
    for g in gold:
        d = doc_id(lookup(g, "doc") or lookup(g, "id"))
        if not d:
            continue
        n += 1
        glang = lookup(g, "lang").strip().lower()
        gdate = lookup(g, "date").strip()
        p = pred.get(d)
        if p is None:
            if a.verbose:
                print(f"  MISSING {d}: no output row (gold lang={glang} date={gdate or '-'})")
            continue
        plang = lookup(p, "lang").strip().lower()
        pdate = lookup(p, "date").strip()
        if plang == glang:
            lang_ok += 1
        elif a.verbose:
            print(f"  LANG    {d}: gold={glang} pred={plang or '-'}")
        if pdate == gdate:
            date_ok += 1
        elif a.verbose:
            print(f"  DATE    {d}: gold={gdate or '-'} pred={pdate or '-'}")

    acc = lambda k: k / n if n else 0.0
    print(f"normalize: docs={n} lang-acc={acc(lang_ok):.3f} date-acc={acc(date_ok):.3f}")
    return 0 if n else 1


if __name__ == "__main__":
    sys.exit(main())
