#!/usr/bin/env python3
"""ner-filter-eval.py — score the whole nf-tag-entities filter on a CoNLL/BIO dev split.

    ner-filter-eval.py --prog NF_TAG_ENTITIES LANG CONLL [--model-dir DIR] [--show N]

The split's sentences become the rows nf-split writes (id, unit, lang, text): the tokens
joined by single spaces, id the document (the sentences between -DOCSTART- lines; a sentence
is its own document where the set marks none), unit the sentence's number in it. The filter
runs on them as users run it (document context, rules, gazetteer) with the models of
--model-dir (NF_MODEL_DIR), and its mentions are compared with the gold spans,
conlleval-style: a mention counts when its byte span and type are the gold's exactly.
A mention that begins after Arabic proclitics inside a token (the filter's تويوتا of وتويوتا)
is scored from the token's start, as ANERcorp keeps them in its tokens. Types: PRODUCT
counts as MISC; on a set without MISC (KIND, WikiANN) the filter's MISC and PRODUCT mentions
are left out, as the gold has no such type to match. Prints one line: "entities: P=.. R=..
F1=.. (N predicted, M gold)", and for Arabic a second, "entities, gold proclitics cut: ...":
the mentions as the filter wrote them against the gold cut as the project's gold is (see
main); --show N lists N misses of each kind (of the first line).
Reads the formats of ner-tool (lib/gen/ner-tool.c): token first, tag last, WikiANN "de:"
prefixes stripped, IOB1 read as BIO, PERS as PER; Dutch "24 Num O" lines are tokens.
"""
import os
import subprocess
import sys


def read_conll(path):
    """[(doc, [(token, tag)...])...]: sentences with their document number (-1: none)"""
    sents, cur, doc, ndoc, idxform = [], [], -1, 0, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            fields = line.split()
            if not fields or fields[0].startswith("-DOCSTART-"):
                if cur:
                    sents.append((doc, cur))
                    cur = []
                if fields:
                    doc, ndoc = ndoc, ndoc + 1
                continue
            if len(fields) < 2:
                continue
            if idxform is None:
                idxform = len(fields) == 3 and fields[0] in ("0", "1")
            tok = fields[1] if idxform and len(fields) >= 3 and fields[0].isdigit() else fields[0]
            if len(tok) > 3 and tok[2] == ":" and tok[0].islower():
                tok = tok[3:]
            cur.append((tok, fields[-1]))
    if cur:
        sents.append((doc, cur))
    return sents


def spans(tags):
    """entity spans (first, last+1, type) of a tag sequence, IOB1 or BIO"""
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        t = t.replace("PERS", "PER")
        kind, _, ty = t.partition("-")
        if start is not None and (kind != "I" or ty != typ):
            out.append((start, i, typ))
            start = None
        if kind == "B" or (kind == "I" and start is None):
            start, typ = i, ty
    return out


PROCLITICS = set("وفبلك")


def token_start(text, start):
    """a mention that begins inside a token after Arabic proclitics (وتويوتا: the filter
    leaves them out, as the project's gold does) is scored from the token's start, as sets
    that keep them in the token (ANERcorp) mark it; any other start stays"""
    t0 = start
    while t0 > 0 and text[t0 - 1:t0] != b" ":
        t0 -= 1
    if t0 < start:
        pre = text[t0:start].decode(errors="replace")
        if len(pre) <= 2 and all(ch in PROCLITICS for ch in pre):
            return t0
    return start


def report(what, pred, gold):
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print("%s: P=%.3f R=%.3f F1=%.3f (%d predicted, %d gold)" % (what, p, r, f1, len(pred), len(gold)))


def main():
    args = sys.argv[1:]
    show, model_dir, prog = 0, None, "nf-tag-entities"
    if "--prog" in args:
        k = args.index("--prog")
        prog = args[k + 1]
        del args[k:k + 2]
    if "--show" in args:
        k = args.index("--show")
        show = int(args[k + 1])
        del args[k:k + 2]
    if "--model-dir" in args:
        k = args.index("--model-dir")
        model_dir = args[k + 1]
        del args[k:k + 2]
    lang, path = args
    sents = read_conll(path)
    rows, gold, has_misc = [], set(), False
    unit_of, texts, firsts = {}, {}, []
    for q, (doc, toks) in enumerate(sents):
        did = "d%d" % doc if doc >= 0 else "s%d" % q
        unit_of[did] = unit_of.get(did, 0) + 1
        unit = unit_of[did]
        words = [t for t, _ in toks]
        text = " ".join(words)
        starts, at = [], 0
        for w in words:
            starts.append(len(text[:at].encode()))
            at += len(w) + 1
        ends = [s + len(w.encode()) for s, w in zip(starts, words)]
        for a, b, ty in spans([g for _, g in toks]):
            has_misc |= ty == "MISC"
            gold.add((did, unit, starts[a], ends[b - 1], ty))
            firsts.append((did, unit, starts[a], ends[b - 1], ty, words[a]))
        texts[(did, unit)] = text.encode()
        esc = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        rows.append("%s\t%d\t%s\t%s\n" % (did, unit, lang, esc))
    # Arabic: the gold also as the project's gold marks it (shared/gold/README.md: proclitics
    # left out), converted by the set's own evidence: a mention's first token loses one or two
    # leading و ف ب ل where the rest begins a mention elsewhere in the split (والصين: الصين)
    cut_gold = set()
    if lang == "ar":
        begins = {w for *_, w in firsts}
        for did, unit, a, b, ty, w in firsts:
            k = next((k for k in (2, 1) if len(w) > k + 2 and all(ch in PROCLITICS - {"ك"} for ch in w[:k])
                      and w[k:] in begins), 0)
            cut_gold.add((did, unit, a + len(w[:k].encode()), b, ty))
    env = dict(os.environ)
    if model_dir:
        env["NF_MODEL_DIR"] = model_dir
    out = subprocess.run([prog, "-q"], input="id\tunit\tlang\ttext\n" + "".join(rows), capture_output=True,
                         text=True, env=env)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        sys.exit(1)
    lines = out.stdout.split("\n")
    head = lines[0].split("\t")
    col = {n: i for i, n in enumerate(head)}
    pred, raw = set(), set()
    for line in lines[1:]:
        if not line:
            continue
        f = line.split("\t")
        ty = f[col["type"]]
        if ty == "PRODUCT":
            ty = "MISC"
        if ty == "MISC" and not has_misc:
            continue
        did, unit, start = f[col["id"]], int(f[col["unit"]]), int(f[col["start"]])
        raw.add((did, unit, start, int(f[col["end"]]), ty))
        pred.add((did, unit, token_start(texts[(did, unit)], start), int(f[col["end"]]), ty))
    report("entities", pred, gold)
    if cut_gold:
        report("entities, gold proclitics cut", raw, cut_gold)
    if show:
        text_of = {}
        for line in rows:
            did, unit, _, t = line.rstrip("\n").split("\t", 3)
            text_of[(did, int(unit))] = t.encode()
        def surf(m):
            return text_of[(m[0], m[1])][m[2]:m[3]].decode(errors="replace")
        for name, items in (("false", sorted(pred - gold)), ("missed", sorted(gold - pred))):
            for m in items[:show]:
                print("%s\t%s\t%s\t%s" % (name, m[4], surf(m), text_of[(m[0], m[1])].decode(errors="replace")[:100]))


if __name__ == "__main__":
    main()
