#!/usr/bin/env python3
"""ntrex-split-eval.py [LANG...] [--bin DIR] [--corpus DIR] [-v] — nf-split on NTREX-128 paragraphs.

NTREX-128 (WMT19 newstest English news and its human translations; CC BY-SA 4.0) gives each
document as its segments, one sentence each (a few hold two). Each document's segments are
joined with one space into a paragraph, as a news site would print them, and split by
`nf-split --lang LANG`. A segment without final punctuation (. ! ? … ؟ and the closing quotes
and brackets after them) cannot be found inside a line by any splitter: it is the headline, a
caption or a sentence running into a quotation after a colon, so it ends its line instead (it
stands on its own line in a real article); those boundaries are not counted.

Per language, from the units' byte offsets (unit_start):
  - boundaries cut: the space-joined segment boundaries that nf-split cuts (recall);
  - extra cuts: cuts inside a segment (some segments really hold two sentences: -v lists each;
    translators often render one English sentence as two, so in the translations most extra
    cuts are right, and the English figure is the one that measures false cuts);
  - documents exact: the share of documents whose units are exactly their segments.
-v prints every missed boundary (`MISS`, the segment text around it with ¦ at the boundary)
and every extra cut (`EXTRA`). No data is kept in the repository; the corpus is read from
--corpus (default: $NF_SHARED/data/corpus, NF_SHARED default ../shared beside the repository).
Languages: en nl it de fr es ar pt (default: all of them).
Environment: NF_BIN (default bin/ beside tests/).
"""
import gzip, os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
FILES = {
    "en": "en/ntrex128.eng-src.tsv.gz", "nl": "nl/ntrex128.nld.tsv.gz", "it": "it/ntrex128.ita.tsv.gz",
    "de": "de/ntrex128.deu.tsv.gz", "fr": "multi/ntrex128/ntrex128.fra.tsv.gz",
    "es": "es/ntrex128.spa.tsv.gz", "ar": "ar/ntrex128.arb.tsv.gz", "pt": "multi/ntrex128/ntrex128.por.tsv.gz",
}
FINAL = re.compile(r"[.!?…؟。！？][\"'”’»«“‘)\]]*$")

argv = sys.argv[1:]
verbose = "-v" in argv
argv = [a for a in argv if a != "-v"]
def opt(name, default):
    if name in argv:
        i = argv.index(name)
        v = argv[i + 1]
        del argv[i:i + 2]
        return v
    return default
nf_bin = opt("--bin", os.environ.get("NF_BIN", os.path.join(here, "..", "bin")))
shared = os.environ.get("NF_SHARED", os.path.join(here, "..", "..", "shared"))
corpus = opt("--corpus", os.path.join(shared, "data", "corpus"))
langs = argv or list(FILES)
for l in langs:
    if l not in FILES:
        sys.exit(f"ntrex-split-eval.py: no NTREX file for language '{l}' (known: {' '.join(FILES)})")


def unesc(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), s)


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def show(text, at, width=70):
    """the text around byte offset `at`, with ¦ there"""
    b = text.encode()
    left = b[max(0, at - width):at].decode(errors="ignore")
    right = b[at:at + width].decode(errors="ignore")
    return (left + "¦" + right).replace("\n", " ⏎ ")


total = {"bound": 0, "cut": 0, "extra": 0, "docs": 0, "exact": 0}
for lang in langs:
    path = os.path.join(corpus, FILES[lang])
    if not os.path.exists(path):
        print(f"ntrex-split {lang}: skipped (no {path})")
        continue
    docs = []  # (id, text, boundaries joined by a space, all boundaries)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            segs = [s.strip() for s in unesc(cols[3]).split("\n") if s.strip()]
            text, spaced, starts = b"", set(), []
            for n, s in enumerate(segs):
                if n:
                    sep = b" " if FINAL.search(segs[n - 1]) else b"\n"
                    text += sep
                    if sep == b" ":
                        spaced.add(len(text))
                starts.append(len(text))
                text += s.encode()
            docs.append((cols[0], text.decode(), spaced, starts[1:]))
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        f.write("id\ttext\n")
        for i, d in enumerate(docs):
            f.write(f"{i}\t{esc(d[1])}\n")
        tmp = f.name
    try:
        out = subprocess.run([os.path.join(nf_bin, "nf-split"), "--lang", lang, "-q", tmp],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(tmp)
    cuts = {}
    for row in out.splitlines()[1:]:
        f = row.split("\t")
        cuts.setdefault(int(f[0]), set()).add(int(f[3]))
    bound = cut = extra = exact = 0
    for i, (did, text, spaced, starts) in enumerate(docs):
        got = cuts.get(i, set()) - {0}
        # a unit starts after the spaces that follow a cut: a cut is at a segment start
        ok = True
        for b in sorted(spaced):
            bound += 1
            if b in got:
                cut += 1
            else:
                ok = False
                if verbose:
                    print(f"  MISS  [{lang}] {did}: {show(text, b)}")
        for c in sorted(got - set(starts)):
            extra += 1
            ok = False
            if verbose:
                print(f"  EXTRA [{lang}] {did}: {show(text, c)}")
        ok = ok and set(starts) <= got | {0}
        exact += ok
    total["bound"] += bound
    total["cut"] += cut
    total["extra"] += extra
    total["docs"] += len(docs)
    total["exact"] += exact
    print(f"ntrex-split {lang}: boundaries cut {cut}/{bound} = {100 * cut / max(bound, 1):.1f} %,"
          f" extra cuts inside segments {extra}, documents exact {exact}/{len(docs)} = {100 * exact / max(len(docs), 1):.1f} %")
if len(langs) > 1 and total["docs"]:
    t = total
    print(f"ntrex-split all: boundaries cut {t['cut']}/{t['bound']} = {100 * t['cut'] / max(t['bound'], 1):.1f} %,"
          f" extra cuts inside segments {t['extra']}, documents exact {t['exact']}/{t['docs']} = {100 * t['exact'] / t['docs']:.1f} %")
