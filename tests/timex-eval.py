#!/usr/bin/env python3
"""Score nf-extract-dates on independent TIMEX3-annotated corpora (TempEval-3 style).

    tests/timex-eval.py --bin BIN --dir DIR [-v] [--top N] [--corpus NAME]...

DIR holds, per corpus, NAME.tsv (doc lang dct text; text escaped as in the record
contract) and NAME.gold.tsv (doc start end surface type value; UTF-8 byte offsets into
the unescaped text, end exclusive), made by tests/timex/convert.py. The data are not in
the repo (see tests/timex/README.md); without DIR this prints `timex: skipped (no DIR)`
and exits 0.

Each corpus is run through BIN/nf-extract-dates once, as rows `id lang date text`
(date = the corpus DCT), on whole documents, so the mention offsets are byte offsets
into the document text.

Scores (one line per corpus):
  span P/R/F1 strict  = exact start and end;
  span P/R/F1 relaxed = overlapping spans (one-to-one: each gold timex takes the
                        unused system mention that overlaps it most);
  type   = accuracy of the type on relaxed matches;
  value  = accuracy of the value on relaxed matches;
  value-recall = gold timexes with an overlapping mention of the same value / gold.
Values are compared after trivial normalisation only (trim, upper case, ISO week number
zero-padded: 2000-W7 == 2000-W07): PT24H and P1D are different values, and so are
1998-01-08T00:00 and 1998-01-08, 1968-XX and 1968, 198X and 198, T16:08Z and T16:08.
-v prints, per corpus, the largest groups of missed gold timexes (by type and surface
shape: digits -> 9, month names -> MONTH, weekdays -> WDAY), of wrong values, and of
spurious mentions, each with examples.
"""
import argparse
import collections
import os
import re
import subprocess
import sys


def unesc(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            out.append({'n': '\n', 't': '\t', 'r': '\r', '\\': '\\'}.get(n, '\\' + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def esc(s):
    return (s.replace('\\', '\\\\').replace('\t', '\\t')
             .replace('\n', '\\n').replace('\r', '\\r'))


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        for ln in f:
            ln = ln.rstrip('\n')
            if ln:
                yield dict(zip(head, ln.split('\t')))


def norm_value(v):
    v = unesc(v or '').strip().upper()
    return re.sub(r'-W(\d)(?!\d)', r'-W0\1', v)     # 2000-W7 == 2000-W07


MONTHS = ('january february march april may june july august september october november '
          'december jan feb mar apr jun jul aug sep sept oct nov dec '
          'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre '
          'noviembre diciembre '
          'janvier février mars avril mai juin juillet août septembre octobre novembre '
          'décembre '
          'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre '
          'novembre dicembre '
          'januar februar märz april mai juni juli august september oktober november '
          'dezember '
          'januari februari maart april mei juni juli augustus september oktober november '
          'december '
          'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro '
          'dezembro').split()
WDAYS = ('monday tuesday wednesday thursday friday saturday sunday '
         'lunes martes miércoles jueves viernes sábado domingo '
         'lundi mardi mercredi jeudi vendredi samedi dimanche '
         'lunedì martedì mercoledì giovedì venerdì sabato domenica '
         'montag dienstag mittwoch donnerstag freitag samstag sonntag '
         'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag '
         'segunda-feira terça-feira quarta-feira quinta-feira sexta-feira').split()
MONTH_SET, WDAY_SET = set(MONTHS), set(WDAYS)


def shape(surface):
    toks = re.findall(r"\w+(?:[-']\w+)*|[^\w\s]", surface.lower())
    out = []
    for t in toks:
        if t in MONTH_SET:
            out.append('MONTH')
        elif t in WDAY_SET or (t.endswith('s') and t[:-1] in WDAY_SET):
            out.append('WDAY')
        elif re.fullmatch(r'\d+', t):
            out.append('9' * min(len(t), 4))
        elif re.search(r'\d', t):
            out.append(re.sub(r'\d+', '9', t))
        else:
            out.append(t)
    return ' '.join(out)


def value_shape(v):
    v = norm_value(v)
    return re.sub(r'\d', '9', v) if v else '(empty)'


def run_filter(binp, docs):
    inp = ['id\tlang\tdate\ttext']
    for d in docs:
        inp.append('%s\t%s\t%s\t%s' % (d['doc'], d['lang'], d['dct'], d['text']))
    p = subprocess.run([os.path.join(binp, 'nf-extract-dates'), '-q'],
                       input=('\n'.join(inp) + '\n').encode('utf-8'),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode('utf-8', 'replace'))
        raise SystemExit('timex: nf-extract-dates failed (%d)' % p.returncode)
    lines = p.stdout.decode('utf-8').split('\n')
    head = lines[0].split('\t')
    sysm = collections.defaultdict(list)
    for ln in lines[1:]:
        if not ln:
            continue
        r = dict(zip(head, ln.split('\t')))
        sysm[r['id']].append((int(r['start']), int(r['end']), r['type'],
                              r.get('value', ''), unesc(r['surface'])))
    return sysm


def align(gold, sysl):
    """one-to-one: gold in order, each takes the unused overlapping system mention
    with the largest overlap (exact match first)."""
    used, pairs = set(), []
    for gi, (gs, ge, *_r) in enumerate(gold):
        best, bo = None, 0
        for si, (ss, se, *_q) in enumerate(sysl):
            if si in used:
                continue
            ov = min(ge, se) - max(gs, ss)
            if ov <= 0:
                continue
            score = ov + (10 ** 6 if (ss, se) == (gs, ge) else 0)
            if score > bo:
                best, bo = si, score
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs, used


def prf(tp_p, np_, tp_r, ng):
    p = tp_p / np_ if np_ else 0.0
    r = tp_r / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def ex(s, n=40):
    s = esc(s)
    return s if len(s) <= n else s[:n - 1] + '…'


def score_corpus(name, ddir, binp, verbose, top):
    docs = list(read_tsv(os.path.join(ddir, name + '.tsv')))
    gold = collections.defaultdict(list)
    for g in read_tsv(os.path.join(ddir, name + '.gold.tsv')):
        gold[g['doc']].append((int(g['start']), int(g['end']), g['type'], g['value'],
                               unesc(g['surface'])))
    sysm = run_filter(binp, docs)
    langs = sorted({d['lang'] for d in docs})
    ng = ns = strict = rel = typ = val = 0
    miss = collections.defaultdict(list)
    wrongv = collections.defaultdict(list)
    wrongt = collections.defaultdict(list)
    spur = collections.defaultdict(list)
    for d in docs:
        gl = sorted(gold.get(d['doc'], []))
        sl = sorted(sysm.get(d['doc'], []))
        ng += len(gl)
        ns += len(sl)
        pairs, used = align(gl, sl)
        rel += len(pairs)
        matched = set()
        for gi, si in pairs:
            g, s = gl[gi], sl[si]
            matched.add(gi)
            if (g[0], g[1]) == (s[0], s[1]):
                strict += 1
            if g[2] == s[2]:
                typ += 1
            else:
                wrongt[(g[2], s[2])].append((d['doc'], g, s))
            if norm_value(g[3]) == norm_value(s[3]):
                val += 1
            else:
                wrongv[(g[2], value_shape(g[3]), value_shape(s[3]))].append((d['doc'], g, s))
        for gi, g in enumerate(gl):
            if gi not in matched:
                miss[(g[2], shape(g[4]))].append((d['doc'], g))
        for si, s in enumerate(sl):
            if si not in used:
                spur[(s[2], shape(s[4]))].append((d['doc'], s))
    sp, sr, sf = prf(strict, ns, strict, ng)
    rp, rr, rf = prf(rel, ns, rel, ng)
    print('timex  %s  %s  docs %d  gold %d  span P/R/F1 (relaxed) %.2f/%.2f/%.2f  '
          'type %.2f  value %.2f  value-recall %.2f (%d/%d)  (strict %.2f/%.2f/%.2f, system %d)'
          % (name, ','.join(langs), len(docs), ng, rp, rr, rf,
             typ / rel if rel else 0, val / rel if rel else 0, val / ng if ng else 0, val, ng,
             sp, sr, sf, ns))
    if verbose:
        def groups(title, dct, fmt):
            tot = sum(len(v) for v in dct.values())
            print('  %s: %d' % (title, tot))
            for k, v in sorted(dct.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]:
                print('    %4d  %-44s %s' % (len(v), ' / '.join(k),
                                             '; '.join(fmt(x) for x in v[:3])))
        groups('missed gold (type / shape)', miss,
               lambda x: '`%s` %s' % (ex(x[1][4]), x[1][3]))
        groups('wrong value (gold type / gold value shape / system value shape)', wrongv,
               lambda x: '`%s` %s->%s' % (ex(x[1][4]), x[1][3], x[2][3]))
        groups('wrong type (gold / system)', wrongt,
               lambda x: '`%s` %s' % (ex(x[1][4]), x[1][3]))
        groups('spurious (type / shape)', spur,
               lambda x: '`%s` %s' % (ex(x[1][4]), x[1][3]))
    return ng


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', default='bin')
    ap.add_argument('--dir', default='/work/data/timex')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--top', type=int, default=12)
    ap.add_argument('--corpus', action='append', help='only this corpus (repeatable)')
    a = ap.parse_args()
    if not os.path.isdir(a.dir):
        print('timex: skipped (no %s)' % a.dir)
        return 0
    names = sorted(f[:-len('.gold.tsv')] for f in os.listdir(a.dir)
                   if f.endswith('.gold.tsv')
                   and os.path.exists(os.path.join(a.dir, f[:-len('.gold.tsv')] + '.tsv')))
    if a.corpus:
        names = [n for n in names if n in a.corpus]
    if not names:
        print('timex: skipped (no corpus in %s)' % a.dir)
        return 0
    if not os.access(os.path.join(a.bin, 'nf-extract-dates'), os.X_OK):
        print('timex: no %s/nf-extract-dates (build first)' % a.bin, file=sys.stderr)
        return 2
    for n in names:
        score_corpus(n, a.dir, a.bin, a.verbose, a.top)
    return 0


if __name__ == '__main__':
    sys.exit(main())
