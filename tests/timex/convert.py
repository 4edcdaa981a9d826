#!/usr/bin/env python3
"""Convert a fetched TIMEX3-annotated corpus into the two TSV files that
tests/timex-eval.py reads (stdlib only; the corpora themselves stay outside the repo).

    convert.py timeml --corpus NAME --lang LL --out DIR  SRC...
        SRC: .tml files or directories searched recursively for *.tml (TimeML XML:
        DCT = the TIMEX3 with functionInDocument="CREATION_TIME", text = the TEXT element).
    convert.py bio --corpus NAME --lang LL --out DIR  FILE
        FILE: token-per-line BIO file (token TAB B-TYPE|I-TYPE|O TAB value), blank line
        between sentences, a line `*!-DCTVALUE="YYYY-MM-DD"-!*` opening each document
        (the format of NGEscribano/XTN-timexes). The text is rebuilt from the tokens
        (one sentence per line, simple detokenisation), so offsets are into that text.

Writes DIR/NAME.tsv (doc lang dct text) and DIR/NAME.gold.tsv
(doc start end surface type value), offsets in UTF-8 bytes of the unescaped text,
end exclusive. The DCT timex itself is not a gold mention.
"""
import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET


def esc(s):
    return (s.replace('\\', '\\\\').replace('\t', '\\t')
             .replace('\n', '\\n').replace('\r', '\\r'))


def norm_dct(v):
    m = re.match(r'(\d{4})-?(\d{2})-?(\d{2})', v or '')
    if m:
        return '%s-%s-%s' % m.groups()
    m = re.match(r'(\d{4})-(\d{2})$', v or '')
    return v if m else ''


class Doc:
    def __init__(self, doc, lang, dct):
        self.doc, self.lang, self.dct = doc, lang, dct
        self.parts = []        # text pieces
        self.nbytes = 0
        self.gold = []         # (start, end, type, value)

    def add(self, s):
        self.parts.append(s)
        self.nbytes += len(s.encode('utf-8'))

    def text(self):
        return ''.join(self.parts)


# ---------------------------------------------------------------- TimeML
def timeml_doc(path, lang):
    root = ET.parse(path).getroot()
    docid = None
    for el in root.iter('DOCID'):
        docid = (el.text or '').strip()
        break
    if not docid:
        docid = re.sub(r'\.tml$', '', os.path.basename(path))
    dct = ''
    for t in root.iter('TIMEX3'):
        if t.get('functionInDocument') == 'CREATION_TIME':
            dct = norm_dct(t.get('value'))
            break
    text_el = root.find('.//TEXT')
    if text_el is None:
        return None
    d = Doc(docid, lang, dct)

    def walk(el):
        start = d.nbytes
        if el.text:
            d.add(el.text)
        for ch in el:
            walk(ch)
            if ch.tail:
                d.add(ch.tail)
        if el.tag == 'TIMEX3' and el.get('functionInDocument') != 'CREATION_TIME':
            d.gold.append((start, d.nbytes, el.get('type', ''), el.get('value', '')))

    walk(text_el)
    return d


def timeml_docs(srcs, lang):
    files = []
    for s in srcs:
        if os.path.isdir(s):
            for dp, dn, fn in os.walk(s):
                dn.sort()
                files += [os.path.join(dp, f) for f in sorted(fn)
                          if f.endswith('.tml') and not f.startswith('._')]
        else:
            files.append(s)
    for f in files:
        d = timeml_doc(f, lang)
        if d is not None:
            yield d


# ---------------------------------------------------------------- BIO
NO_SPACE_BEFORE = {',', '.', ';', ':', '!', '?', ')', ']', '}', '%', "''", '...',
                   "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {'(', '[', '{', '``', '$', '¿', '¡', '#'}


def bio_docs(path, corpus, lang):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    docs, d, sent = [], None, []

    def flush_sentence():
        nonlocal sent
        if d is None or not sent:
            sent = []
            return
        if d.nbytes:
            d.add('\n')
        cur = None          # open mention: [start, end, type, value]
        prev = None
        dq_open = False     # straight double quote parity
        for tok, tag, val in sent:
            if tok == '"':
                glue_before = dq_open
            else:
                glue_before = tok in NO_SPACE_BEFORE
            if prev is not None and not glue_before and prev not in NO_SPACE_AFTER \
                    and not (prev == '"' and dq_open):
                d.add(' ')
            s0 = d.nbytes
            d.add(tok)
            if tok == '"':
                dq_open = not dq_open
            if tag.startswith('B-') or (tag.startswith('I-') and
                                        (cur is None or cur[2] != tag[2:])):
                if cur:
                    d.gold.append(tuple(cur))
                cur = [s0, d.nbytes, tag[2:], val]
            elif tag.startswith('I-'):
                cur[1] = d.nbytes
            else:
                if cur:
                    d.gold.append(tuple(cur))
                cur = None
            prev = tok
        if cur:
            d.gold.append(tuple(cur))
        sent = []

    for ln in lines:
        m = re.match(r'\*!-DCTVALUE="([^"]*)"-!\*', ln)
        if m:
            flush_sentence()
            d = Doc('%s-%03d' % (corpus, len(docs) + 1), lang, norm_dct(m.group(1)))
            docs.append(d)
            continue
        if not ln.strip():
            flush_sentence()
            continue
        cols = ln.split('\t')
        while len(cols) < 3:
            cols.append('')
        sent.append((cols[0], cols[1], cols[2] if cols[2] != '-' else ''))
    flush_sentence()
    return docs


# ---------------------------------------------------------------- output
def write(docs, out, corpus):
    os.makedirs(out, exist_ok=True)
    n = g = 0
    with open(os.path.join(out, corpus + '.tsv'), 'w', encoding='utf-8') as ft, \
         open(os.path.join(out, corpus + '.gold.tsv'), 'w', encoding='utf-8') as fg:
        ft.write('doc\tlang\tdct\ttext\n')
        fg.write('doc\tstart\tend\tsurface\ttype\tvalue\n')
        for d in docs:
            text = d.text()
            b = text.encode('utf-8')
            ft.write('%s\t%s\t%s\t%s\n' % (d.doc, d.lang, d.dct, esc(text)))
            n += 1
            for s, e, t, v in sorted(d.gold):
                surf = b[s:e].decode('utf-8')
                fg.write('%s\t%d\t%d\t%s\t%s\t%s\n' % (d.doc, s, e, esc(surf), t, esc(v)))
                g += 1
    print('%s: %d docs, %d gold timexes -> %s' % (corpus, n, g, out), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('format', choices=['timeml', 'bio'])
    ap.add_argument('--corpus', required=True)
    ap.add_argument('--lang', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('src', nargs='+')
    a = ap.parse_args()
    if a.format == 'timeml':
        docs = list(timeml_docs(a.src, a.lang))
    else:
        docs = []
        for s in a.src:
            docs += bio_docs(s, a.corpus, a.lang)
    write(docs, a.out, a.corpus)


if __name__ == '__main__':
    main()
