#!/usr/bin/env python3
"""Labelled near-duplicate benchmark for nf-dedupe, built from ../shared/data/corpus.

  dedupe-bench.py gen [--seed 42] [--per-file 150] [--corpus DIR | FILE.tsv.gz ...] > bench.tsv
  nf-dedupe --mark bench.tsv > marked.tsv
  dedupe-bench.py score bench.tsv marked.tsv

gen samples up to --per-file originals from every corpus file (sorted order, random.Random(seed):
the same seed gives the same bytes), skipping documents shorter than 80 words (200 characters
for CJK/Thai) and documents whose normalised first 200 characters equal an already chosen one
(the corpus has natural duplicates). Each original (kind orig) is followed, somewhere later, by
  light duplicates:  header reorder words5 words10 noise
  heavy duplicates:  words20 words30 truncate
  not duplicates:    template (same frame, other numbers, names and 15% of the words)
plus, per file, 5 pairs of synthetic English market sentences (orig + template) and, once per
run, 10 short boilerplate strings (orig) with one-word variants (short). For CJK and Thai the
"words" edited are characters. Output: TSV `id lang script kind orig text` (orig = the id of
the original, empty for originals), backslash escapes \\\\ \\t \\n \\r; rows are shuffled, an
original always comes before the rows derived from it.

score reads the bench and the filter's --mark output (same rows, same order, plus the columns
dup_of and similarity; columns are found by name). A row is dropped when dup_of is not empty; a
drop is correct only for a duplicate kind whose dup_of is an earlier row of the same group (its
original or a row derived from it). Prints rates per kind, recall per group, P/R/F1 per script
and last the line `dedupe: P=.. R=.. F1=.. light-R=.. heavy-R=..`.
Exit status: 0 ok, 1 unreadable input or row mismatch, 2 usage error.
"""
import argparse, glob, gzip, os, random, re, string, sys, unicodedata
from collections import Counter, defaultdict

LIGHT = ["header", "reorder", "words5", "words10", "noise"]
HEAVY = ["words20", "words30", "truncate"]
KEEP = ["orig", "template", "short"]
WORDS = {"words5": .05, "words10": .10, "words20": .20, "words30": .30}
ESC = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
SCRIPTS = [("CJK", "cjk"), ("HIRAGANA", "cjk"), ("KATAKANA", "cjk"), ("HANGUL", "cjk"),
           ("THAI", "thai"), ("ARABIC", "arabic"), ("CYRILLIC", "cyrillic"), ("LATIN", "latin")]
LANG2 = {"eng": "en", "deu": "de", "spa": "es", "ita": "it", "nld": "nl", "fra": "fr",
         "por": "pt", "arb": "ar"}
HEADER = {  # (byline, copyright, read more) in the document's language, else English
    "en": ("By {name} | {city}, {date}", "Copyright {year} {agency}. All rights reserved.", "Read more: {url}"),
    "de": ("Von {name} | {city}, {date}", "Copyright {year} {agency}. Alle Rechte vorbehalten.", "Mehr lesen: {url}"),
    "es": ("Por {name} | {city}, {date}", "Copyright {year} {agency}. Todos los derechos reservados.", "Leer más: {url}"),
    "it": ("Di {name} | {city}, {date}", "Copyright {year} {agency}. Tutti i diritti riservati.", "Leggi anche: {url}"),
    "nl": ("Door {name} | {city}, {date}", "Copyright {year} {agency}. Alle rechten voorbehouden.", "Lees meer: {url}"),
    "fr": ("Par {name} | {city}, {date}", "Copyright {year} {agency}. Tous droits réservés.", "Lire la suite : {url}"),
    "pt": ("Por {name} | {city}, {date}", "Copyright {year} {agency}. Todos os direitos reservados.", "Leia mais: {url}"),
    "ar": ("بقلم {name} | {city}، {date}", "حقوق النشر {year} {agency}. جميع الحقوق محفوظة.", "اقرأ المزيد: {url}"),
}
NAMES = ["Anna Berg", "James Holt", "Maria Conti", "Ahmed Saleh", "Lena Vos", "Carlos Ruiz", "Yuki Tanaka"]
CITIES = ["London", "Riyadh", "Madrid", "Berlin", "Amsterdam", "Milan", "Tokyo", "New York", "Singapore"]
AGENCIES = ["Global News Wire", "Daily Courier", "Press Agency Ltd", "Metro Media Group"]
SHORT = [("Write a Comment", ["Write a comment below", "Post a Comment"]),
         ("Share this article", ["Share this story"]), ("Read more", ["Read more stories"]),
         ("Follow us on Twitter", ["Follow us on Facebook"]),
         ("Subscribe to our newsletter", ["Subscribe to our podcast"]),
         ("Sign in to your account", ["Sign in to your profile"]),
         ("Leave a reply", ["Leave a comment"]), ("Related articles", ["Related videos"]),
         ("Continue reading", ["Continue watching"]),
         ("Click here to download the app", ["Click here to download the PDF"])]
SLOTS = {"com": ["Gold", "Silver", "Platinum", "Palladium", "Copper"], "dir": ["rose", "fell"],
         "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
         "city": ["London", "New York", "Tokyo", "Frankfurt", "Singapore", "Zurich"],
         "co": ["Acme Corp", "Norvik Steel", "Baltic Shipping", "Orion Foods", "Helix Pharma"],
         "cur": ["yen", "euro", "Swiss franc", "sterling", "yuan"],
         "mon": ["January", "March", "May", "July", "September", "November"],
         "land": ["Germany", "Spain", "Brazil", "Japan", "Canada", "Turkey"]}
FRAMES = ["{com} {dir} {p} percent to ${big}.{cc} an ounce on {day} in {city} trading.",
          "Shares of {co} {dir} {p} percent to {sm}.{cc} in {city} on {day} after the company "
          "reported a quarterly profit of {sm} million dollars.",
          "The {cur} traded at {sm}.{cc} per dollar on {day}, its weakest level since {mon}, "
          "dealers in {city} said.",
          "{land}'s inflation rate {dir} to {p} percent in {mon} from {p} percent a month "
          "earlier, the statistics office said on {day}.",
          "Brent crude futures {dir} {sm} cents, or {p} percent, to ${sm}.{cc} a barrel by "
          "{sm}:{cc} GMT on {day}."]


def unescape(s):
    return re.sub(r"\\(.)", lambda m: ESC.get(m.group(1), "\\" + m.group(1)), s) if "\\" in s else s


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


MARKS = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me"))
CLUSTER = re.compile("(?s).[%s]*" % re.escape(MARKS))  # a character with its combining marks
PUNCT = string.punctuation + "«»“”‘’„‚‹›—–…·•،؛؟。、，．：；！？「」『』（）【】《》〈〉¡¿"
NUM = re.compile(r"\d+(?:[.,]\d+)*")
DIGIT = re.compile(r"\d")
ALNUM = re.compile(r"[\W_]+")  # what the duplicate key drops
_script = {}


def script_of(text):
    c = Counter()
    for ch, n in Counter(ch for ch in text[:400] if ch.isalpha()).items():
        if ch not in _script:
            name = unicodedata.name(ch, "")
            _script[ch] = next((s for p, s in SCRIPTS if name.startswith(p)), "other")
        c[_script[ch]] += n
    return c.most_common(1)[0][0] if c else "other"


def split_paras(text):
    """Paragraphs and the separator to join them again: blank lines (SaudiNewsNet), indented
    first lines of hard-wrapped text (Reuters), else one paragraph per line (NTREX)."""
    if "\n\n" in text:
        parts, sep = re.split(r"\n\s*\n", text), "\n\n"
    elif re.search(r"\n[ \t]{2,}\S", text):
        parts, sep = re.split(r"\n(?=[ \t]{2,}\S)", text), "\n"
    else:
        parts, sep = text.split("\n"), "\n"
    return [p for p in parts if p.strip()], sep


def tokens(text, chars):
    """Token list (joined back with '') and the indices of the editable units: characters
    (clusters) for CJK/Thai, else whitespace-separated words (separators are the odd tokens)."""
    if chars:
        toks = CLUSTER.findall(text)
        return toks, [i for i, c in enumerate(toks) if not c.isspace()]
    toks = re.split(r"(\s+)", text)
    return toks, [i for i in range(0, len(toks), 2) if toks[i]]


def edit_words(d, share, rng):
    toks, idx, chars = list(d["toks"]), d["idx"], d["chars"]
    vocab, rand = [toks[i] for i in idx], rng.random
    for i in rng.sample(idx, max(1, round(share * len(idx)))):
        op = rand()
        if op < 1 / 3:
            toks[i] = vocab[int(rand() * len(vocab))]
        elif op < 2 / 3:
            toks[i] = ""
            if not chars and i + 1 < len(toks) and "\n" not in toks[i + 1]:
                toks[i + 1] = ""
        else:
            toks[i] += ("" if chars else " ") + vocab[int(rand() * len(vocab))]
    return "".join(toks)


def header(text, lang, rng):
    by, cr, more = HEADER.get(LANG2.get(lang[:3], lang), HEADER["en"])
    f = dict(name=rng.choice(NAMES), city=rng.choice(CITIES), agency=rng.choice(AGENCIES),
             year=rng.randint(1990, 2024), url="https://news.example.com/a/%d" % rng.randint(1000, 99999))
    f["date"] = "%d-%02d-%02d %02d:%02d" % (f["year"], rng.randint(1, 12), rng.randint(1, 28),
                                            rng.randint(0, 23), rng.randint(0, 59))
    sep = split_paras(text)[1]
    return by.format(**f) + sep + text + sep + rng.choice([cr, more]).format(**f)


def reorder(text, rng):
    paras, sep = split_paras(text)
    if len(paras) < 2:
        sents = [s for s in re.split(r"(?<=[.!?؟।])\s+|(?<=[。！？])", text) if s.strip()]
        if len(sents) < 2:
            mid = len(text) // 2
            sents = [text[:mid], text[mid:]]
        n = min(len(sents), rng.randint(2, 4))
        cuts = sorted(rng.sample(range(1, len(sents)), n - 1)) + [len(sents)]
        paras, a = [], 0
        for b in cuts:
            paras.append(" ".join(sents[a:b]))
            a = b
    order = list(range(len(paras)))
    while order == sorted(order):
        rng.shuffle(order)
    return sep.join(paras[i] for i in order)


def truncate(text, rng):
    lo, hi = int(.5 * len(text)), int(.7 * len(text))
    target = rng.randint(lo, hi)
    for pat in (r"\n", r"[.!?؟।。！？](?=\s)|[。！？]", r"\s"):
        cuts = [m.end() for m in re.finditer(pat, text) if lo <= m.end() <= hi]
        if cuts:
            target = min(cuts, key=lambda c: abs(c - target))
            break
    return text[:target].rstrip()


def noise(text, rng):
    t = re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", text.replace("'", "\u2019")).replace('"', "\u201d")
    if rng.random() < 1 / 3:  # mojibake in one paragraph, preferably one that is not ASCII
        paras, sep = split_paras(t)
        pick = [i for i, p in enumerate(paras) if not p.isascii()] or list(range(len(paras)))
        i = rng.choice(pick)
        paras[i] = paras[i].encode("utf-8").decode("cp1252", errors="replace")
        t = sep.join(paras)
    ch = list(t)
    spaces = [m.start() for m in re.finditer(" ", t)]
    n = len(spaces) // 10
    spaces = rng.sample(spaces, min(len(spaces), n + max(1, n // 3)))
    for i in spaces[:n]:
        ch[i] = "\u00a0"
    for i in spaces[n:n + max(1, n // 3)]:
        ch[i] = "  "
    longw = list(re.finditer(r"\w{8,}", t))
    for m in rng.sample(longw, min(3, len(longw))):
        ch[(m.start() + m.end()) // 2] = "\u00ad" + ch[(m.start() + m.end()) // 2]
    for i in rng.sample(range(len(ch)), min(3, len(ch))):
        ch[i] += "\u200b"
    words = list(re.finditer(r"\w{3,}", t))
    for m in rng.sample(words, min(3, len(words))):
        f = rng.choice([str.upper, str.lower, str.title])
        ch[m.start():m.end()] = [f(t[m.start():m.end()])] + [""] * (m.end() - m.start() - 1)
    return "".join(ch)


def other_number(m, rng):
    s = m.group(0)
    while True:
        out = "".join(chr(ord(c) - unicodedata.digit(c) + rng.randint(j == 0 and c != "0", 9))
                      if c.isdigit() else c for j, c in enumerate(s))
        if out != s:
            return out


def template(d, di, pools, rng):
    """Same frame, other facts: every number, ~40% of the names, ~15% of the other words.
    Names are capitalised words, or in caseless text words found in no other sampled doc."""
    toks, idx, words = list(d["toks"]), d["idx"], d["words"]
    for i in idx:
        if DIGIT.search(toks[i]):
            toks[i] = NUM.sub(lambda m: other_number(m, rng), toks[i])
    caps = [k for k, w in enumerate(words) if w[:1].isupper()]
    kind = "caps" if len(caps) >= .03 * len(idx) else "rare"
    names = caps if kind == "caps" else [k for k, w in enumerate(words) if w in pools["rare_set"]]
    isname = set(names)
    others = [k for k, w in enumerate(words) if w and not w[0].isdigit() and k not in isname]

    rand, n = rng.random, len(pools["all"])
    for sel, pool in (([k for k in names if rand() < .4], pools[kind]),
                      ([k for k in others if rand() < .15], pools["all"])):
        for k in sel:  # a word of another document of the file (the same one if it is alone)
            other = pool[(di + 1 + int(rand() * (n - 1))) % n] if n > 1 else pool[di]
            new = other[int(rand() * len(other))] if other else words[k]
            toks[idx[k]] = toks[idx[k]].replace(words[k], new, 1)
    return "".join(toks)


def make_pools(docs):
    """Tokenise each doc once (toks, idx, words: the units without punctuation) and collect
    the replacement words of the file."""
    pools, df = {"all": [], "caps": [], "rare": []}, Counter()
    for d in docs:
        d["toks"], d["idx"] = tokens(d["text"], d["chars"])
        d["words"] = [d["toks"][i].strip(PUNCT) for i in d["idx"]]
        words = [w for w in d["words"] if w and not w[0].isdigit()]
        pools["all"].append(words)
        pools["caps"].append([w for w in words if w[:1].isupper()])
        df.update(set(words))
    rare = pools["rare_set"] = {w for w, n in df.items() if n == 1 and (len(w) >= 3 or docs[0]["chars"])}
    pools["rare"] = [[w for w in words if w in rare] for words in pools["all"]]
    return pools


def synth_pair(rng):
    frames = rng.sample(FRAMES, 2)
    a = {k: rng.choice(v) for k, v in SLOTS.items()}
    b = {k: rng.choice([x for x in v if x != a[k]]) for k, v in SLOTS.items()}
    out = []
    for f in a, b:
        f.update(p="%d.%d" % (rng.randint(0, 9), rng.randint(1, 9)), big=rng.randint(1000, 2500),
                 sm=rng.randint(10, 99), cc="%02d" % rng.randint(0, 99))
        out.append(" ".join(x.format(**f) for x in frames))
    return out


def lang_of(path):
    d, m = os.path.basename(os.path.dirname(path)), re.match(r"ntrex128\.([^.]+)\.tsv", os.path.basename(path))
    return d if len(d) == 2 else m.group(1) if m else d


def sample_file(path, per_file, rng):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = [ln for ln in f.read().split("\n")[1:] if ln]
    docs, seen, skipped = [], set(), Counter()
    for ln in rng.sample(lines, len(lines)):
        if len(docs) >= per_file:
            break
        cells = ln.split("\t")
        if len(cells) < 4:
            skipped["bad line"] += 1
            continue
        text = unescape(cells[3]).strip()
        script = script_of(text)
        chars = script in ("cjk", "thai")
        if (len(text) < 200) if chars else (len(text.split()) < 80):
            skipped["short"] += 1
            continue
        key = ALNUM.sub("", text[:1000].lower())
        key = (key if len(key) >= 200 else ALNUM.sub("", text.lower()))[:200]
        if key in seen:
            skipped["duplicate"] += 1
            continue
        seen.add(key)
        docs.append(dict(id=unescape(cells[0]), text=text, script=script, chars=chars))
    return docs, skipped


def gen(a):
    rng = random.Random(a.seed)
    paths = []
    for p in a.files or [a.corpus]:
        paths += sorted(glob.glob(os.path.join(p, "**", "*.tsv.gz"), recursive=True)) if os.path.isdir(p) else [p]
    if not paths:
        sys.exit("dedupe-bench: no *.tsv.gz files in %s" % " ".join(a.files or [a.corpus]))
    groups = []  # each group: [original row, derived rows...]; row = (id, lang, script, kind, orig, text)
    for path in sorted(paths):
        try:
            docs, skipped = sample_file(path, a.per_file, rng)
        except (OSError, UnicodeDecodeError, EOFError) as e:
            sys.stderr.write("dedupe-bench: %s: %s\n" % (path, e))
            sys.exit(1)
        lang, pools = lang_of(path), make_pools(docs) if docs else None
        sys.stderr.write("dedupe-bench: %s: %d originals (skipped %s)\n" % (path, len(docs), dict(skipped)))
        for di, d in enumerate(docs):
            t, i = d["text"], d["id"]
            derived = dict(header=header(t, lang, rng), reorder=reorder(t, rng), noise=noise(t, rng),
                           truncate=truncate(t, rng), template=template(d, di, pools, rng))
            derived.update((k, edit_words(d, s, rng)) for k, s in WORDS.items())
            groups.append([(i, lang, d["script"], "orig", "", t)] +
                          [(i + "#" + k, lang, d["script"], k, i, x) for k, x in sorted(derived.items())])
        base = re.sub(r"\.tsv\.gz$", "", os.path.basename(path))
        for n in range(5):
            x, y = synth_pair(rng)
            sid = "synth:%s:%d" % (base, n)
            groups.append([(sid, "en", "latin", "orig", "", x), (sid + "b", "en", "latin", "template", sid, y)])
    for n, (s, variants) in enumerate(SHORT):
        sid = "short:%d" % n
        groups.append([(sid, "en", "latin", "orig", "", s)] +
                      [("%s#%d" % (sid, j), "en", "latin", "short", sid, v) for j, v in enumerate(variants)])
    keyed = []
    for g in groups:
        keys = sorted(rng.random() for _ in g)
        rest = keys[1:]
        rng.shuffle(rest)
        keyed += zip([keys[0]] + rest, g)
    keyed.sort(key=lambda kr: kr[0])
    out = sys.stdout
    out.reconfigure(encoding="utf-8", newline="\n")
    out.write("id\tlang\tscript\tkind\torig\ttext\n")
    for _, row in keyed:
        out.write("\t".join(escape(x) for x in row) + "\n")


def read_tsv(path, need):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise ValueError("empty file")
    head = [h.lstrip("#") for h in lines[0].rstrip("\r").split("\t")]
    missing = [c for c in need if c not in head]
    if missing:
        raise ValueError("no column " + ", ".join(missing))
    cols = [head.index(c) for c in need]
    rows = []
    for ln in lines[1:]:
        cells = ln.rstrip("\r").split("\t")
        rows.append({c: unescape(cells[k]) if k < len(cells) else "" for c, k in zip(need, cols)})
    return rows


def prf(tp, drops, pos):
    p, r = tp / drops if drops else 0.0, tp / pos if pos else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score(a):
    try:
        bench = read_tsv(a.bench, ["id", "script", "kind", "orig"])
        marked = read_tsv(a.marked, ["id", "dup_of"])
    except (OSError, ValueError) as e:
        sys.stderr.write("dedupe-bench: %s\n" % e)
        return 1
    if len(bench) != len(marked):
        sys.stderr.write("dedupe-bench: %s has %d rows, %s has %d\n" % (a.bench, len(bench), a.marked, len(marked)))
        return 1
    pos = {r["id"]: k for k, r in enumerate(bench)}
    group = {r["id"]: r["orig"] or r["id"] for r in bench}
    by_kind, by_script = defaultdict(Counter), defaultdict(Counter)
    for k, (b, m) in enumerate(zip(bench, marked)):
        if b["id"] != m["id"]:
            sys.stderr.write("dedupe-bench: row %d: id %r in the bench, %r in the marked file\n" % (k + 2, b["id"], m["id"]))
            return 1
        dup, t = b["kind"] in LIGHT + HEAVY, m["dup_of"]
        ok = t in pos and pos[t] < k and group[t] == group[b["id"]]
        for c in by_kind[b["kind"]], by_script[b["script"]]:
            c["n"] += 1
            c["pos"] += dup
            c["drops"] += bool(t)
            c["tp"] += bool(t) and dup and ok
            c["wrong"] += bool(t) and dup and not ok
    tot = sum(by_kind.values(), Counter())
    print("%-9s %-6s %6s %7s %6s %6s" % ("kind", "label", "n", "dropped", "wrong", "rate"))
    for kind in KEEP + LIGHT + HEAVY:
        c = by_kind[kind]
        rate = (c["tp"] if kind not in KEEP else c["drops"]) / c["n"] if c["n"] else 0.0
        print("%-9s %-6s %6d %7d %6d %6.3f  %s" % (kind, "keep" if kind in KEEP else "dup", c["n"], c["drops"],
              c["wrong"], rate, "false-drop rate" if kind in KEEP else "recall"))
    kept_drops = sum(by_kind[k]["drops"] for k in KEEP)
    print("drops: %d, correct %d, wrong target %d (dup row pointing outside its group), "
          "false drops of orig/template/short rows %d" % (tot["drops"], tot["tp"], tot["wrong"], kept_drops))
    P, R, F = prf(tot["tp"], tot["drops"], tot["pos"])
    print("precision (overall) %.3f" % P)
    grp = {}
    for name, kinds in (("light", LIGHT), ("heavy", HEAVY)):
        tp, n = sum(by_kind[k]["tp"] for k in kinds), sum(by_kind[k]["n"] for k in kinds)
        grp[name] = r = tp / n if n else 0.0
        print("%-6s n=%-6d R=%.3f F1=%.3f" % (name, n, r, 2 * P * r / (P + r) if P + r else 0.0))
    print("%-9s %6s %6s %6s %6s %6s" % ("script", "n", "dups", "P", "R", "F1"))
    for s in sorted(by_script):
        c = by_script[s]
        print("%-9s %6d %6d %6.3f %6.3f %6.3f" % ((s, c["n"], c["pos"]) + prf(c["tp"], c["drops"], c["pos"])))
    print("dedupe: P=%.3f R=%.3f F1=%.3f light-R=%.3f heavy-R=%.3f" % (P, R, F, grp["light"], grp["heavy"]))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen", help="write the benchmark TSV to stdout")
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--per-file", type=int, default=150)
    g.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                    "..", "..", "shared", "data", "corpus"))
    g.add_argument("files", nargs="*", help="corpus .tsv.gz files or directories (default: --corpus)")
    s = sub.add_parser("score", help="score nf-dedupe --mark output")
    s.add_argument("bench")
    s.add_argument("marked")
    a = ap.parse_args()
    if a.cmd == "gen":
        if a.per_file < 1:
            ap.error("--per-file must be at least 1")
        gen(a)
        return 0
    return score(a)


if __name__ == "__main__":
    sys.exit(main())
