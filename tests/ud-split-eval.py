#!/usr/bin/env python3
"""ud-split-eval.py CONLLU [LANG] [-v] — how many UD paragraphs nf-split cuts exactly as the gold.

Measures: the share of paragraphs of a Universal Dependencies .conllu file whose sentences
nf-split finds exactly (same number of units, each unit equal to the gold sentence's `# text`).
A paragraph is the sentences between `# newpar` / `# newdoc` lines; without them, the
sentences whose sent_id shares the part before `.s.N` (Alpino, LassySmall: doc.p.5.s.2); without
either (Italian ISDT), runs of up to GROUP consecutive sentences (pseudo-paragraphs: the
sentences are excerpts, so a sentence without a final . ! ? or … ends its run, and one whose first letter
(after opening quotes) is in lower case begins a run). Sentence texts
are joined with one space. LANG (default: the file name's prefix, en_ewt-... -> en) is passed
to nf-split as --lang. -g REGEX keeps only the documents whose `# newdoc id` matches it (GUM's
news: -g GUM_news). -v prints each paragraph that differs. Use train or dev splits only: the
test splits are the independent check. No data is kept in the repository.
Environment: NF_BIN (default bin/ beside tests/).
"""
import os, re, subprocess, sys, tempfile

GROUP = 3
argv, genre, verbose = sys.argv[1:], None, False
if "-g" in argv:
    i = argv.index("-g")
    genre = re.compile(argv[i + 1])
    del argv[i:i + 2]
verbose = "-v" in argv
args = [a for a in argv if a != "-v"]
if not args:
    sys.exit(__doc__)
path = args[0]
lang = args[1] if len(args) > 1 else os.path.basename(path).split("_")[0]
nf_bin = os.environ.get("NF_BIN", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bin"))

sents = []  # (break_before, sent_id, text)
brk, sid, keep = False, None, genre is None
has_par = False
for line in open(path, encoding="utf-8"):
    if line.startswith("# newpar") or line.startswith("# newdoc"):
        brk = True
        has_par |= line.startswith("# newpar")
        if genre and line.startswith("# newdoc"):
            keep = bool(genre.search(line))
    elif line.startswith("# sent_id"):
        sid = line.split("=", 1)[1].strip()
    elif line.startswith("# text =") and keep:
        sents.append((brk, sid, line.split("=", 1)[1].strip()))
        brk = False

paras, prev_key = [], None
for n, (b, s, t) in enumerate(sents):
    if has_par or (b and paras):
        new = b or not paras
    else:
        m = re.match(r"(.*)\.s\.\d+$", s or "")
        if m:
            key = m.group(1)
            new = key != prev_key
            prev_key = key
        else:  # unrelated sentences: one without a final . ! ? … (a heading, "... questione:") ends a group
            new = n % GROUP == 0 or not re.search(r"[.!?…][\"'”»)]*$", sents[n - 1][2]) or re.sub(r"^[^\w]+", "", t)[:1].islower()
    if new:
        paras.append([])
    paras[-1].append(t)

clean = lambda s: s.replace("\t", " ").replace("\\", "/")
with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
    f.write("id\ttext\n")
    for i, p in enumerate(paras):
        f.write(f"{i}\t{clean(' '.join(p))}\n")
    tmp = f.name
out = subprocess.run([os.path.join(nf_bin, "nf-split"), "--lang", lang, "-q", tmp],
                     capture_output=True, text=True, check=True).stdout
os.unlink(tmp)
got = {}
for row in out.splitlines()[1:]:
    f = row.split("\t")
    got.setdefault(int(f[0]), []).append(f[1])
ok = 0
for i, p in enumerate(paras):
    gold = [clean(s) for s in p]
    if got.get(i, []) == gold:
        ok += 1
    elif verbose:
        print("GOLD:", " ¦ ".join(gold))
        print("GOT: ", " ¦ ".join(got.get(i, [])))
        print()
print(f"{os.path.basename(path)} [{lang}] paragraphs split exactly: {ok}/{len(paras)} = {100 * ok / len(paras):.1f} %"
      f" ({len(sents)} sentences)")
