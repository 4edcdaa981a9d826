#!/usr/bin/env python3
"""ud-tense.py [--ar-future SAUDINEWSNET.tsv.gz] LANG=FILE.conllu ... > lib/data/dates/tense.tsv

The shipped table was made from these Universal Dependencies repositories (github.com/
UniversalDependencies/UD_*; the dev split, and the train split where the mirror had it):
  en  English-EWT 15d613d8 (CC BY-SA 4.0), English-GUM afb41ee (CC BY-NC-SA 4.0)
  de  German-GSD 297fcf3 (CC BY-SA 4.0)
  fr  French-GSD 830e278 (CC BY-SA 4.0), French-Sequoia f5b0496 train+dev (LGPL-LR),
      French-ParTUT 4d0c835 train+dev (CC BY-NC-SA 4.0)
  es  Spanish-GSD 57c0456 (CC BY-SA 4.0)
  nl  Dutch-Alpino 95e374a, Dutch-LassySmall 7880e0b (CC BY-SA 4.0)
  pt  Portuguese-Bosque 5de7ac340 (CC BY-SA 4.0)
  it  Italian-ISDT 689c1bf, Italian-VIT 12fc5f6 (CC BY-NC-SA 3.0), Italian-ParTUT 5fcc2b3
      train+dev, Italian-PoSTWITA c83607f (CC BY-NC-SA 4.0)
  ar  future forms (F) and words that only look like them (X), from SaudiNewsNet 2015-07-21..27 (CC BY-NC-SA 4.0; the
      news corpus of ../shared/data/corpus/ar), see arabic_future()
Tried and left out: English-LinES and Portuguese-GSD (en -1, pt -8 mentions on NTREX).
  python3 lib/gen/ud-tense.py --ar-future ../shared/data/corpus/ar/saudinewsnet-2015-07-21_27.tsv.gz en=en_ewt-ud-dev.conllu en=en_gum-ud-dev.conllu de=de_gsd-ud-dev.conllu \
    fr=fr_gsd-ud-dev.conllu fr=fr_sequoia-ud-train.conllu fr=fr_sequoia-ud-dev.conllu \
    fr=fr_partut-ud-train.conllu fr=fr_partut-ud-dev.conllu it=it_partut-ud-train.conllu \
    it=it_partut-ud-dev.conllu it=it_postwita-ud-dev.conllu \
    es=es_gsd-ud-dev.conllu nl=nl_alpino-ud-dev.conllu nl=nl_lassysmall-ud-dev.conllu \
    pt=pt_bosque-ud-dev.conllu it=it_isdt-ud-dev.conllu it=it_vit-ud-dev.conllu > lib/data/dates/tense.tsv

Derives the tense lexicon of nf-extract-dates from Universal Dependencies treebanks: every word
form that is, in most of its occurrences, a verb in one tense. A month or weekday without a
year is then read by the tense of the nearest such verb of its clause (lib/extract/dates.c).

  P  past: Tense=Past, Imp or Pqp (finite), or a past participle (VerbForm=Part without
     Tense=Pres: "won", "gewonnen", "voté")
  N  present: Tense=Pres (finite); present participles and gerunds have the tense of their
     auxiliary ("was speaking Saturday") and are left out
  F  future: Tense=Fut
An auxiliary of a past participle counts as past, whatever its own tense: "ha" in "ha promesso
sabato", "heeft" in "heeft gisteren gewonnen" (a perfect or a past passive).

A form is kept when it occurs at least MIN times in the treebanks of its language and at least
SHARE of its occurrences (any part of speech) carry that tense: "said" and "findet" are kept,
"set" (past, present, noun) is not. An ending (-ed, -ato, -te) is kept when at least ETYPES word
types of the treebanks end so and ESHARE of them are of one tense. Only train and dev splits are read, never test splits.
"""
import collections
import gzip
import re
import sys

MIN, SHARE = 2, 0.75
ETYPES, ESHARE = 12, 0.9
AR_MIN, AR_STEM, AR_XMIN = 2, 10, 3


def tense(upos, feats):
    if upos not in ('VERB', 'AUX'):
        return None
    f = dict(kv.split('=', 1) for kv in feats.split('|') if '=' in kv)
    t, vf = f.get('Tense'), f.get('VerbForm')
    if t == 'Fut':
        return 'F'
    if vf == 'Part':
        return None if t == 'Pres' else 'P'
    if vf == 'Fin' and t is None and upos == 'AUX' and 'Mood=' not in feats:
        return 'N'   # can, may, must, would, could (English modals carry no tense): not the past
    if vf == 'Fin' or (vf is None and t):
        if t in ('Past', 'Imp', 'Pqp'):
            return 'P'
        if t == 'Pres':
            return 'N'
    return None


def arabic_future(path):
    """Arabic words of س + an imperfect prefix (ي ت ن أ), from a news corpus: F when the rest is
    itself a word at least AR_STEM times (سيكون, سنعمل), X (no future verb, whatever its first
    letters) when the rest occurs less than twice (سيارة, سياسة, سيدة, سيتي); kept when seen
    AR_MIN times. The X rows stop the سي-/ست- beginnings of future.tsv, which read 'سياسة' as a
    future verb."""
    c = collections.Counter()
    with gzip.open(path, 'rt', encoding='utf-8') as fh:
        for line in fh:
            c.update(re.findall('[\u0600-\u06FF]+', line))
    rows = []
    for w, n in c.items():
        if len(w) >= 4 and w[0] == '\u0633' and w[1] in '\u064a\u062a\u0646\u0623' and n >= AR_MIN:
            if c[w[1:]] >= AR_STEM:
                rows.append(('ar', w, 'F'))
            elif c[w[1:]] < 2 and n >= AR_XMIN:
                rows.append(('ar', w, 'X'))
    return rows


def main():
    ar_corpus = None
    if len(sys.argv) > 2 and sys.argv[1] == '--ar-future':
        ar_corpus = sys.argv[2]
        del sys.argv[1:3]
    seen = collections.defaultdict(collections.Counter)   # (lang, form) -> tense -> n
    total = collections.Counter()
    def sentence(lang, toks):
        ids = {c[0]: c for c in toks}
        for c in toks:
            form = c[1].lower()
            total[(lang, form)] += 1
            t = tense(c[3], c[5])
            h = ids.get(c[6])
            if c[3] == 'AUX' and c[7].startswith('aux') and h and tense(h[3], h[5]) == 'P' \
                    and 'VerbForm=Part' in h[5]:
                t = 'P'
            if t:
                seen[(lang, form)][t] += 1

    for arg in sys.argv[1:]:
        lang, path = arg.split('=', 1)
        toks = []
        with open(path, encoding='utf-8') as fh:
            for line in fh:
                c = line.rstrip('\n').split('\t')
                if len(c) != 10:
                    if toks:
                        sentence(lang, toks)
                    toks = []
                elif c[0].isdigit():   # not ranges (1-2) and empty nodes (1.1)
                    toks.append(c)
        if toks:
            sentence(lang, toks)
    rows = []
    cls = {}   # (lang, form) -> its tense, or 'O': the word types the endings are learnt from
    for (lang, form) in total:
        cnt = seen.get((lang, form))
        t, n = cnt.most_common(1)[0] if cnt else ('O', 0)
        cls[(lang, form)] = t if n >= SHARE * total[(lang, form)] else 'O'
        if t != 'O' and n >= MIN and n >= SHARE * total[(lang, form)] and '\t' not in form and ' ' not in form:
            rows.append((lang, form, t))
    # endings: -ed, -ato, -te: at least ETYPES word types end so and ESHARE of them have one tense;
    # an ending is left out when a shorter one of it says the same
    ends = collections.defaultdict(collections.Counter)
    for (lang, form), t in cls.items():
        if form.isalpha():
            for k in range(2, 5):
                if len(form) > k + 2:
                    ends[(lang, form[-k:])][t] += 1
    kept = {}
    for (lang, e), cnt in sorted(ends.items(), key=lambda kv: len(kv[0][1])):
        t, n = cnt.most_common(1)[0]
        tot = sum(cnt.values())
        if t != 'O' and tot >= ETYPES and n >= ESHARE * tot \
                and not any(kept.get((lang, e[-k:])) == t for k in range(2, len(e))):
            kept[(lang, e)] = t
            rows.append((lang, '-' + e, t))
    print('# Tense lexicon of nf-extract-dates: LANG<TAB>FORM<TAB>P (past) | N (present) | F (future) | X (no verb).')
    print('# Generated by lib/gen/ud-tense.py from the train/dev splits of Universal Dependencies')
    print('# treebanks (never their test splits): the treebanks, commits and licences are in that script.')
    if ar_corpus:
        rows += arabic_future(ar_corpus)
    for r in sorted(rows):
        print('\t'.join(r))


if __name__ == '__main__':
    main()
