#!/usr/bin/env python3
"""Labelled near-duplicate benchmark for nf-dedupe, built from ../shared/data/corpus.

  dedupe-bench.py gen [--seed 42] [--per-file 150] [--corpus DIR | FILE.tsv.gz ...] > bench.tsv
  nf-dedupe --mark bench.tsv > marked.tsv
  dedupe-bench.py score bench.tsv marked.tsv

gen takes up to --per-file originals from every corpus file (files in sorted order, one
random.Random(seed): the same seed gives the same bytes), skipping documents under 80 words
(200 characters for CJK/Thai) and those whose normalised first 200 characters equal those of
an original already taken (the corpus has natural duplicates). Each original (kind orig) is
followed, somewhere later, by rows derived from it:
  light duplicates  header reorder words5 words10 noise (word edits: replace, delete, insert;
                    new words half from the doc, half from other docs of the file)
  heavy duplicates  words20 words30 truncate
  not duplicates    template (same frame; other numbers, ~40% of the names, ~15% of the words)
plus, per file, 5 pairs of synthetic English market sentences (orig, template) and, once, 10
boilerplate strings (orig) with one-word variants (short, not duplicates).
With --realistic (what real pages do that the rows above never do), the same rows and more:
  the original carries a site's frame (a byline with a date and a time, a footer with a
  (c) year and an update time) and a light duplicate, swap, carries another site's frame
  with other dates in other formats (y-m-d, d.m.y, d/m/y, a month name, 2024年3月5日);
  the rows of a group come in any order: a variant may come before its original; and a
  stub (not a duplicate) is a teaser of the article: its first 8-19 words (15-40 characters
  for CJK/Thai) and "Continue reading"; and groups of copies of copies, from the next
  --per-file documents of a file where it has them (Reuters and SaudiNewsNet at the default
  150): the original in its frame (chain0), a copy of it (chain1: truncated, 5% or 10% words,
  or another frame), a copy of that copy (chain2: 5% words, trimmed to 75-90%, another
  frame), half the time a copy of that (chain3), each in its own frame half the time, in any
  order; few copies per original, as in a crawl, so that an original that comes late often
  has only a truncated or edited copy before it.
The rows drawn without --realistic are the same bytes with it, and the rows of the chains
come from draws of their own: the other rows are the same, in the same order, with or
without them. For CJK and Thai
the "words" edited are characters. Output TSV: id lang script kind orig text (orig = id of the
original, empty on originals), escapes \\\\ \\t \\n \\r as in the corpus.

score reads the bench and nf-dedupe --mark output (the same rows in the same order plus the
columns dup_of and similarity; columns found by name). A row is dropped when dup_of is not
empty. The copies of a group are its original and its duplicate kinds; the first of them in
the bench is to be kept, the others are duplicates (an original after one of its copies is
counted as kind orig-late); a drop is correct only for such a duplicate whose dup_of is an
earlier copy of its own group. Prints rates per kind, recall per group, P/R/F1
per script, recall by order (orig-first: the group's original is earlier; orig-late: the
original itself after a copy; sibling-only: only copies are earlier) for the light, heavy and
chain kinds (the chain kinds, chain0 included, are not in light or heavy: those stay
comparable with the benchmark before the chains), and last
`dedupe: P=.. R=.. F1=.. light-R=.. heavy-R=..` (and chain-R=.. with chains).
Exit status: 0 ok, 1 unreadable input or rows that differ, 2 usage error.
"""
import argparse, glob, gzip, os, random, re, string, sys, unicodedata, zlib
from collections import Counter, defaultdict

LIGHT, HEAVY = ["header", "swap", "reorder", "words5", "words10", "noise"], ["words20", "words30", "truncate"]
KEEP = ["orig", "template", "short", "stub"]  # not duplicates
CHAIN = ["chain0", "chain1", "chain2", "chain3"]  # the groups of copies of copies (--realistic)
WORDS = {"words5": .05, "words10": .10, "words20": .20, "words30": .30}
ESC = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
SCRIPTS = [("CJK", "cjk"), ("HIRAGANA", "cjk"), ("KATAKANA", "cjk"), ("HANGUL", "cjk"), ("THAI", "thai"),
           ("ARABIC", "arabic"), ("CYRILLIC", "cyrillic"), ("LATIN", "latin")]
LANG2 = {"eng": "en", "deu": "de", "spa": "es", "ita": "it", "nld": "nl", "fra": "fr", "por": "pt", "arb": "ar"}
HEADER = {  # "By" of the byline, copyright, read more: in the document's language, else English
    "en": ("By", "Copyright {year} {ag}. All rights reserved.", "Read more: {url}"),
    "de": ("Von", "Copyright {year} {ag}. Alle Rechte vorbehalten.", "Mehr lesen: {url}"),
    "es": ("Por", "Copyright {year} {ag}. Todos los derechos reservados.", "Leer más: {url}"),
    "it": ("Di", "Copyright {year} {ag}. Tutti i diritti riservati.", "Leggi anche: {url}"),
    "nl": ("Door", "Copyright {year} {ag}. Alle rechten voorbehouden.", "Lees meer: {url}"),
    "fr": ("Par", "Copyright {year} {ag}. Tous droits réservés.", "Lire la suite : {url}"),
    "pt": ("Por", "Copyright {year} {ag}. Todos os direitos reservados.", "Leia mais: {url}"),
    "ar": ("بقلم", "حقوق النشر {year} {ag}. جميع الحقوق محفوظة.", "اقرأ المزيد: {url}")}
NAMES = ["Anna Berg", "James Holt", "Maria Conti", "Ahmed Saleh", "Lena Vos", "Carlos Ruiz", "Yuki Tanaka"]
CITIES = ["London", "Riyadh", "Madrid", "Berlin", "Amsterdam", "Milan", "Tokyo", "New York", "Singapore"]
AGENCIES = ["Global News Wire", "Daily Courier", "Press Agency Ltd", "Metro Media Group"]
SHORT = [("Write a Comment", ["Write a comment below", "Post a Comment"]), ("Read more", ["Read more stories"]),
         ("Share this article", ["Share this story"]), ("Follow us on Twitter", ["Follow us on Facebook"]),
         ("Subscribe to our newsletter", ["Subscribe to our podcast"]), ("Leave a reply", ["Leave a comment"]),
         ("Sign in to your account", ["Sign in to your profile"]), ("Related articles", ["Related videos"]),
         ("Continue reading", ["Continue watching"]), ("Download the app", ["Download the PDF"])]
SLOTS = {"com": ["Gold", "Silver", "Platinum", "Palladium"], "dir": ["rose", "fell"], "cur": ["yen", "euro"],
         "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "mon": ["January", "March", "July"],
         "city": ["London", "New York", "Tokyo", "Frankfurt", "Zurich"], "land": ["Spain", "Japan", "Canada"],
         "co": ["Acme Corp", "Norvik Steel", "Baltic Shipping", "Orion Foods", "Helix Pharma"]}
FRAMES = ["{com} {dir} {p} percent to ${big}.{cc} an ounce on {day} in {city} trading.",
          "Shares of {co} {dir} {p} percent to {sm}.{cc} in {city} on {day} after a profit of {sm} million.",
          "The {cur} traded at {sm}.{cc} per dollar on {day}, its lowest since {mon}, dealers in {city} said.",
          "{land}'s inflation rate {dir} to {p} percent in {mon} from {p} percent, the statistics office said.",
          "Brent crude {dir} {sm} cents, or {p} percent, to ${sm}.{cc} a barrel by {hh}:{cc} GMT on {day}."]
NUMBERS = {"p": lambda r: "%d.%d" % (r.randint(0, 9), r.randint(1, 9)), "big": lambda r: str(r.randint(1000, 2500)),
           "sm": lambda r: str(r.randint(10, 99)), "cc": lambda r: "%02d" % r.randint(0, 59),
           "hh": lambda r: "%02d" % r.randint(0, 23)}  # number slots of the frames: a new number each time
MARKS = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M")
CLUSTER = re.compile("(?s).[%s]*" % re.escape(MARKS))  # a character with its combining marks (Thai vowels)
PUNCT = string.punctuation + "«»“”‘’„‚‹›—–…·•،؛؟。、，．：；！？「」『』（）【】《》〈〉¡¿"
D = "0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0e50-\u0e59\uff10-\uff19"  # not Myanmar/Shan:
NUM, DIGIT = re.compile("[%s]+(?:[.,][%s]+)*" % (D, D)), re.compile("[%s]" % D)  # Zawgyi text uses them as letters
NONALNUM = re.compile(r"[\W_]+")
SCRIPT_OF_CHAR = {}


def unescape(s):
    return re.sub(r"\\(.)", lambda m: ESC.get(m.group(1), "\\" + m.group(1)), s) if "\\" in s else s


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def script_of(text):
    """The script of most letters of the text's start."""
    c = Counter()
    for ch, n in Counter(ch for ch in text[:400] if ch.isalpha()).items():
        if ch not in SCRIPT_OF_CHAR:
            name = unicodedata.name(ch, "")
            SCRIPT_OF_CHAR[ch] = next((s for p, s in SCRIPTS if name.startswith(p)), "other")
        c[SCRIPT_OF_CHAR[ch]] += n
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


def edit_words(d, di, share, pools, rng):
    """Edit a share of the units: replace, delete, or insert one after. A new unit is one of
    the doc (half the time) or of another doc of the file (new words, as a rewrite brings)."""
    toks, idx, chars, rand, n = list(d["toks"]), d["idx"], d["chars"], rng.random, len(pools["all"])
    vocab = [toks[i] for i in idx]

    def word():
        other = pools["all"][(di + 1 + int(rand() * (n - 1))) % n] if n > 1 and rand() < .5 else None
        return other[int(rand() * len(other))] if other else vocab[int(rand() * len(vocab))]
    for i in rng.sample(idx, max(1, round(share * len(idx)))):
        op = rand()
        if op < 1 / 3:
            toks[i] = word()
        elif op < 2 / 3:
            toks[i] = ""
            if not chars and i + 1 < len(toks) and "\n" not in toks[i + 1]:
                toks[i + 1] = ""
        else:
            toks[i] += ("" if chars else " ") + word()
    return "".join(toks)


def header(text, lang, rng):
    by, cr, more = HEADER.get(LANG2.get(lang[:3], lang), HEADER["en"])
    f = dict(name=rng.choice(NAMES), city=rng.choice(CITIES), ag=rng.choice(AGENCIES),
             year=rng.randint(1990, 2024), url="https://news.example.com/a/%d" % rng.randint(1000, 99999))
    date = (f["year"], rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59))
    first = "%s %s | %s%s " % (by, f["name"], f["city"], "،" if by == HEADER["ar"][0] else ",")
    sep = split_paras(text)[1]
    return first + "%d-%02d-%02d %02d:%02d" % date + sep + text + sep + rng.choice([cr, more]).format(**f)


MONTHS = {}  # lang -> [wide month names, 1-12] from lib/data/months.tsv (the first of each)


def months(lang):
    if not MONTHS:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib", "data", "months.tsv")
        with open(path, encoding="utf-8") as f:
            for ln in f:
                c = ln.rstrip("\n").split("\t")
                if len(c) == 4 and c[3] == "wide":
                    MONTHS.setdefault(c[0], [None] * 12)
                    if MONTHS[c[0]][int(c[1]) - 1] is None:
                        MONTHS[c[0]][int(c[1]) - 1] = c[2]
    return MONTHS.get(lang)


def a_date(lang, script, rng):
    """A date and a time as a site writes them: y-m-d, d.m.y, d/m/y, a month name, 年月日."""
    y, m, d, hh, mm = rng.randint(2005, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
    names, t = months(lang), "%02d:%02d" % (hh, mm)
    forms = ["%d-%02d-%02d %s" % (y, m, d, t), "%02d.%02d.%d %s" % (d, m, y, t), "%02d/%02d/%d, %s" % (d, m, y, t)]
    if names and names[m - 1]:
        forms += ["%d %s %d, %s" % (d, names[m - 1], y, t)] + (["%s %d, %d %s" % (names[m - 1].title(), d, y, t)] if lang == "en" else [])
    if script == "cjk":
        forms += ["%d年%d月%d日 %s" % (y, m, d, t)] * 2
    return rng.choice(forms)


def frame(text, lang, script, rng):
    """The text framed as a site frames it: a byline with a date, a footer with a (c) year and
    an update time."""
    two = LANG2.get(lang[:3], lang)
    by, cr, more = HEADER.get(two, HEADER["en"])
    f = dict(name=rng.choice(NAMES), city=rng.choice(CITIES), ag=rng.choice(AGENCIES),
             year=rng.randint(2005, 2025), url="https://news.example.com/a/%d" % rng.randint(1000, 99999))
    sep = split_paras(text)[1]
    first = "%s %s | %s, %s" % (by, f["name"], f["city"], a_date(two, script, rng))
    foot = rng.choice([cr.format(**f), "(c) %d %s" % (f["year"], f["ag"]), "\u00a9 %d-%d %s" % (f["year"] - rng.randint(1, 9), f["year"], f["ag"])])
    return first + sep + text + sep + foot + " | %02d:%02d" % (rng.randint(0, 23), rng.randint(0, 59))


def reorder(text, rng):
    paras, sep = split_paras(text)
    if len(paras) < 2:  # one paragraph: 2-4 paragraphs of its sentences (or halves)
        sents = [s for s in re.split(r"(?<=[.!?؟।])\s+|(?<=[。！？])", text) if s.strip()]
        sents = sents if len(sents) > 1 else [text[:len(text) // 2], text[len(text) // 2:]]
        n = min(len(sents), rng.randint(2, 4))
        cuts = [0] + sorted(rng.sample(range(1, len(sents)), n - 1)) + [len(sents)]
        paras = [" ".join(sents[a:b]) for a, b in zip(cuts, cuts[1:])]
    order = list(range(len(paras)))
    while order == sorted(order):
        rng.shuffle(order)
    return sep.join(paras[i] for i in order)


def truncate(text, rng):
    """The first 50-70%, cut at a paragraph end, else a sentence end, else a space if possible."""
    lo, hi = len(text) // 2, len(text) * 7 // 10
    target = rng.randint(lo, hi)
    for pat in (r"\n", r"[.!?؟।](?=\s)|[。！？]", r"\s"):
        cuts = [m.end() for m in re.finditer(pat, text) if lo <= m.end() <= hi]
        if cuts:
            target = min(cuts, key=lambda c: abs(c - target))
            break
    return text[:target].rstrip()


def noise(text, rng):
    t = re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", text.replace("'", "\u2019")).replace('"', "\u201d")
    if rng.random() < 1 / 3:  # mojibake in one paragraph (at most a third of the text), not ASCII if possible
        paras, sep = split_paras(t)
        small = [i for i, p in enumerate(paras) if len(p) <= len(t) / 3]
        if not small:  # one or two long paragraphs: the first quarter of the text instead
            cut = t.find(" ", len(t) // 4)
            cut = cut if cut > 0 else len(t) // 4
            paras, sep, small = [t[:cut], t[cut:]], "", [0]
        i = rng.choice([i for i in small if not paras[i].isascii()] or small)
        paras[i] = paras[i].encode("utf-8").decode("cp1252", errors="replace")
        t = sep.join(paras)
    ch = list(t)  # edits in place: a list item may become several characters
    words = list(re.finditer(r"\w{3,}", t))
    for m in rng.sample(words, min(3, len(words))):  # case of 3 words
        w = rng.choice([str.upper, str.lower, str.title])(m.group(0))
        ch[m.start():m.end()] = list(w) if len(w) == len(m.group(0)) else list(m.group(0))
    spaces = [m.start() for m in re.finditer(" ", t)]
    n = len(spaces) // 10
    for k, i in enumerate(rng.sample(spaces, min(len(spaces), n + max(1, n // 3)))):
        ch[i] = "\u00a0" if k < n else "  "  # 10% no-break spaces, a few double spaces
    longw = list(re.finditer(r"\w{8,}", t))
    for m in rng.sample(longw, min(3, len(longw))):  # soft hyphens in long words
        ch[(m.start() + m.end()) // 2] = "\u00ad" + ch[(m.start() + m.end()) // 2]
    for i in rng.sample(range(len(ch)), min(3, len(ch))):  # zero-width spaces
        ch[i] += "\u200b"
    return "".join(ch)


def other_number(m, rng):
    """The same shape and digit family, other digits (no new leading zero)."""
    s = m.group(0)
    while True:
        out = "".join(chr(ord(c) - unicodedata.digit(c) + rng.randint(j == 0 and c != "0", 9))
                      if c.isdigit() else c for j, c in enumerate(s))
        if out != s:
            return out


def template(d, di, pools, rng):
    """Same frame, other facts: every number, ~40% of the names, ~15% of the other words.
    Names are capitalised words, in caseless scripts also the words found in no other sampled doc."""
    toks, idx, words, rand, n = list(d["toks"]), d["idx"], d["words"], rng.random, len(pools["all"])
    for i in idx:
        if DIGIT.search(toks[i]):
            toks[i] = NUM.sub(lambda m: other_number(m, rng), toks[i])
    if sum(w.lower() != w.upper() for w in words) >= len(words) / 2:  # a script with case
        kind, names = "caps", [k for k, w in enumerate(words) if w[:1].isupper()]
    else:
        kind, names = "rare", [k for k, w in enumerate(words) if w[:1].isupper() or w in pools["rare_set"]]
    isname = set(names)
    others = [k for k, w in enumerate(words) if w and not w[0].isdigit() and k not in isname]
    for sel, pool in (([k for k in names if rand() < .4], pools[kind]),
                      ([k for k in others if rand() < .15], pools["all"])):
        for k in sel:  # a word of another document of the file
            other = pool[(di + 1 + int(rand() * (n - 1))) % n] if n > 1 else pool[di]
            new = other[int(rand() * len(other))] if other else words[k]
            toks[idx[k]] = toks[idx[k]].replace(words[k], new, 1)
    return "".join(toks)


def tok_doc(text, chars):
    """A text cut into editable units as make_pools cuts a document (toks, idx)."""
    d = dict(text=text, chars=chars)
    if chars:
        d["toks"] = CLUSTER.findall(text)
        d["idx"] = [i for i, c in enumerate(d["toks"]) if not c.isspace()]
    else:
        d["toks"] = re.split(r"(\s+)", text)
        d["idx"] = [i for i in range(0, len(d["toks"]), 2) if d["toks"][i]]
    return d


def trim(text, rng):
    """The first 75-90% of a text (a copy that cuts a copy further), at a sentence end or a space."""
    lo, hi = len(text) * 3 // 4, len(text) * 9 // 10
    target = rng.randint(lo, hi)
    for pat in (r"[.!?؟।](?=\s)|[。！？]", r"\s"):
        cuts = [m.end() for m in re.finditer(pat, text) if lo <= m.end() <= hi]
        if cuts:
            return text[:min(cuts, key=lambda c: abs(c - target))].rstrip()
    return text[:target].rstrip()


CHAIN_FIRST = ["truncate", "words5", "words10", "swap"]  # a copy of the original
CHAIN_NEXT = ["words5", "trim", "swap"]                   # a copy of that copy


def chain_groups(docs, lang, rng):
    """Copies of copies: the original on its site (chain0), a copy of it (chain1: truncated,
    5% or 10% of the words edited, or only another site's frame), a copy of that copy (chain2:
    5% of its words edited, trimmed to 75-90%, or another frame) and, half the time, a copy of
    that one (chain3). A copy keeps its site's frame half the time; the rows come in any order.
    Ids: the original's, then #c1-OP, #c2-OP-OP ... (the edits from the original on)."""
    pools, groups = make_pools(docs), []
    for di, d in enumerate(docs):
        t, i, sc, chars = d["text"], d["id"], d["script"], d["chars"]
        rows, inner, path = [(i, lang, sc, "chain0", "", frame(t, lang, sc, rng))], t, []
        for depth in range(1, 3 + (rng.random() < .5)):
            op = rng.choice(CHAIN_FIRST if depth == 1 else CHAIN_NEXT)
            if op == "truncate":
                inner = truncate(inner, rng)
            elif op == "trim":
                inner = trim(inner, rng)
            elif op in WORDS:
                inner = edit_words(tok_doc(inner, chars), di, WORDS[op], pools, rng)
            path.append(op)
            text = frame(inner, lang, sc, rng) if op == "swap" or rng.random() < .5 else inner
            rows.append(("%s#c%d-%s" % (i, depth, "-".join(path)), lang, sc, "chain%d" % depth, i, text))
        groups.append(rows)
    return groups


def make_pools(docs):
    """Tokenise each doc once: toks (joined back with ''), idx (the editable units: characters
    with their combining marks for CJK/Thai, else words between whitespace), words (the units
    without punctuation); collect per doc the replacement words of the file."""
    pools, df = {"all": [], "caps": []}, Counter()
    for d in docs:
        if d["chars"]:
            d["toks"] = CLUSTER.findall(d["text"])
            d["idx"] = [i for i, c in enumerate(d["toks"]) if not c.isspace()]
        else:
            d["toks"] = re.split(r"(\s+)", d["text"])
            d["idx"] = [i for i in range(0, len(d["toks"]), 2) if d["toks"][i]]
        d["words"] = [d["toks"][i].strip(PUNCT) for i in d["idx"]]
        words = [w for w in d["words"] if w and not w[0].isdigit()]
        pools["all"].append(words)
        pools["caps"].append([w for w in words if w[:1].isupper()])
        df.update(set(words))
    rare = pools["rare_set"] = {w for w, n in df.items() if n == 1 and (len(w) >= 3 or not w.isascii())}
    pools["rare"] = [[w for w in words if w in rare] for words in pools["all"]]
    return pools


def synth_pair(rng):
    frames = rng.sample(FRAMES, 2)
    a = {k: rng.choice(v) for k, v in SLOTS.items()}
    b = {k: rng.choice([x for x in v if x != a[k]]) for k, v in SLOTS.items()}
    fill = lambda m, f: f[m.group(1)] if m.group(1) in f else NUMBERS[m.group(1)](rng)  # noqa: E731
    return [" ".join(re.sub(r"\{(\w+)\}", lambda m: fill(m, f), x) for x in frames) for f in (a, b)]


def sample_file(path, per_file, rng, extra=0):
    """per_file originals, then up to extra more (the next ones of the same shuffle: the draws
    of rng are the same with extra or without)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = [ln for ln in f.read().split("\n")[1:] if ln]
    docs, seen, skipped = [], set(), Counter()
    for ln in rng.sample(lines, len(lines)):
        if len(docs) >= per_file + extra:
            break
        cells = ln.split("\t")
        text = unescape(cells[3]).strip() if len(cells) >= 4 else ""
        script = script_of(text)
        chars = script in ("cjk", "thai")
        key = NONALNUM.sub("", text[:1000].lower())
        key = (key if len(key) >= 200 else NONALNUM.sub("", text.lower()))[:200]
        short = len(text) < 200 if chars else len(text.split()) < 80
        why = "short" if short else "duplicate" if key in seen else ""
        skipped[why] += 1
        if not why:
            seen.add(key)
            docs.append(dict(id=unescape(cells[0]), text=text, script=script, chars=chars))
    del skipped[""]
    return docs[:per_file], docs[per_file:], skipped


def gen(a):
    rng, paths, groups, chains = random.Random(a.seed), [], [], []  # group: [original row, derived rows...]
    real = random.Random(a.seed + 7919) if a.realistic else None  # its own draws: the other rows stay the same
    crng = random.Random(a.seed + 104729)  # the chains' own draws: the rows above stay the same
    for p in a.files or [a.corpus]:
        paths += glob.glob(os.path.join(p, "**", "*.tsv.gz"), recursive=True) if os.path.isdir(p) else [p]
    if not paths:
        sys.exit("dedupe-bench: no *.tsv.gz files in %s" % " ".join(a.files or [a.corpus]))
    for path in sorted(set(paths)):
        try:
            docs, extra, skipped = sample_file(path, a.per_file, rng, a.per_file if real else 0)
        except (OSError, UnicodeDecodeError, EOFError, zlib.error) as e:
            sys.exit("dedupe-bench: %s: %s" % (path, e))
        base, dirname = os.path.basename(path), os.path.basename(os.path.dirname(path))
        m = re.match(r"ntrex128\.([^.]+)\.tsv", base)  # lang: the directory, else the NTREX code
        lang, pools = dirname if len(dirname) == 2 or not m else m.group(1), make_pools(docs)
        sys.stderr.write("dedupe-bench: %s: %d originals, %d chain originals, skipped %s\n" % (path, len(docs), len(extra), dict(skipped)))
        for di, d in enumerate(docs):
            t, i = d["text"], d["id"]
            derived = dict(header=header(t, lang, rng), reorder=reorder(t, rng), noise=noise(t, rng),
                           truncate=truncate(t, rng), template=template(d, di, pools, rng))
            derived.update((k, edit_words(d, di, s, pools, rng)) for k, s in WORDS.items())
            if real:  # the original on its site, a copy on another site with other dates, a teaser
                derived["swap"] = frame(t, lang, d["script"], real)
                if d["chars"]:
                    stub = "".join(d["toks"][:max(d["idx"][:real.randint(15, 40)] or [0]) + 1])
                else:
                    stub = " ".join(d["toks"][k] for k in d["idx"][:real.randint(8, 19)])
                derived["stub"] = stub.rstrip() + " \u2026 Continue reading"
                t = frame(t, lang, d["script"], real)
            groups.append([(i, lang, d["script"], "orig", "", t)] +
                          [(i + "#" + k, lang, d["script"], k, i, x) for k, x in sorted(derived.items())])
        if extra:
            chains += chain_groups(extra, lang, crng)
        for n in range(5):
            x, y = synth_pair(rng)
            sid = "synth:%s:%d" % (base.replace(".tsv.gz", ""), n)
            groups.append([(sid, "en", "latin", "orig", "", x), (sid + "b", "en", "latin", "template", sid, y)])
    for n, (s, variants) in enumerate(SHORT):
        groups.append([("short:%d" % n, "en", "latin", "orig", "", s)] + [
            ("short:%d#%d" % (n, j), "en", "latin", "short", "short:%d" % n, v) for j, v in enumerate(variants)])
    keyed = []  # a random position for every row; the original takes the first one of its group
    for g in groups:
        keys = sorted(rng.random() for _ in g)
        keys = [keys[0]] + rng.sample(keys[1:], len(g) - 1)
        if real:  # any order: the original's position swapped with a random row's of its group
            j = real.randrange(len(g))
            keys[0], keys[j] = keys[j], keys[0]
        keyed += zip(keys, g)
    for g in chains:  # rows of their own draws: the rows above keep their order among themselves
        keyed += zip((crng.random() for _ in g), g)
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    sys.stdout.write("id\tlang\tscript\tkind\torig\ttext\n")
    for _, row in sorted(keyed, key=lambda kr: kr[0]):
        sys.stdout.write("\t".join(escape(x) for x in row) + "\n")


def read_tsv(path, need):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().rstrip("\n").split("\n")
    head = [h.lstrip("#") for h in lines[0].rstrip("\r").split("\t")]
    if any(c not in head for c in need):
        raise ValueError("%s: no column %s" % (path, ", ".join(c for c in need if c not in head)))
    cols = [head.index(c) for c in need]
    return [{c: unescape(cells[k]) if k < len(cells) else "" for c, k in zip(need, cols)}
            for cells in (ln.rstrip("\r").split("\t") for ln in lines[1:])]


def prf(tp, drops, pos):
    p, r = tp / drops if drops else 0.0, tp / pos if pos else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score(a):
    try:
        bench, marked = read_tsv(a.bench, ["id", "script", "kind", "orig"]), read_tsv(a.marked, ["id", "dup_of"])
    except (OSError, ValueError) as e:
        return "dedupe-bench: %s" % e
    if len(bench) != len(marked):
        return "dedupe-bench: %s has %d rows, %s has %d" % (a.bench, len(bench), a.marked, len(marked))
    pos = {r["id"]: k for k, r in enumerate(bench)}
    group = {r["id"]: r["orig"] or r["id"] for r in bench}
    copy = {r["id"] for r in bench if r["kind"] in ["orig"] + LIGHT + HEAVY + CHAIN}  # the copies of a group
    first, origpos = {}, {}  # group -> the position of its first copy, of its original
    for k, r in enumerate(bench):
        if r["id"] in copy:
            first.setdefault(group[r["id"]], k)
        if r["kind"] in ("orig", "chain0"):
            origpos[r["id"]] = k
    by_kind, by_script, by_order = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    for k, (b, m) in enumerate(zip(bench, marked)):
        if b["id"] != m["id"]:
            return "dedupe-bench: line %d: id %r in %s, %r in %s" % (k + 2, b["id"], a.bench, m["id"], a.marked)
        dup, t = b["id"] in copy and first[group[b["id"]]] < k, m["dup_of"]
        ok = t in pos and pos[t] < k and group[t] == group[b["id"]]
        kind = "orig-late" if dup and b["kind"] == "orig" else b["kind"] if dup or b["kind"] in KEEP else b["kind"] + "-first"
        cs = [by_kind[kind], by_script[b["script"]]]
        if dup:  # by order: the original earlier, the original itself after a copy, only copies earlier
            o = origpos[group[b["id"]]]
            fam = "chain" if b["kind"] in CHAIN else "light" if b["kind"] in LIGHT else "heavy" if b["kind"] in HEAVY else "orig"
            cs.append(by_order[(fam, "orig-late" if o == k else "orig-first" if o < k else "sibling-only")])
        for c in cs:
            c.update(n=1, pos=dup, drops=bool(t), tp=bool(t) and dup and ok, wrong=bool(t) and dup and not ok)
    tot = sum(by_kind.values(), Counter())
    print("kind      label       n dropped  wrong   rate")
    firsts = sorted(k for k in by_kind if k.endswith("-first"))  # copies before their original: keep
    for kind in KEEP + ["orig-late"] * ("orig-late" in by_kind) + firsts + LIGHT + HEAVY + CHAIN:
        c, keep = by_kind[kind], kind in KEEP or kind.endswith("-first")
        if not c["n"] and kind in ["swap", "stub"] + CHAIN:
            continue  # made with --realistic only
        rate = (c["drops"] if keep else c["tp"]) / max(c["n"], 1)
        print("%-9s %-6s %6d %7d %6d %6.3f  %s" % (kind, "keep" if keep else "dup", c["n"], c["drops"], c["wrong"],
                                                   rate, "false-drop rate" if keep else "recall"))
    print("drops %d: correct %d, wrong target %d (a duplicate pointing outside its group), orig/template/short/stub "
          "rows (and copies placed first) dropped %d" % (tot["drops"], tot["tp"], tot["wrong"], sum(by_kind[k]["drops"] for k in KEEP + firsts)))
    P, R, F = prf(tot["tp"], tot["drops"], tot["pos"])
    print("precision (all drops) %.3f" % P)
    rec = {}
    for name, kinds in (("light", LIGHT), ("heavy", HEAVY), ("chain", CHAIN)):
        n = sum(by_kind[k]["n"] for k in kinds)
        rec[name] = r = sum(by_kind[k]["tp"] for k in kinds) / max(n, 1)
        if n or name != "chain":
            print("%-6s n=%-6d R=%.3f F1=%.3f" % (name, n, r, 2 * P * r / (P + r) if P + r else 0.0))
    print("order (recall)      light        heavy        orig         chain")
    for order in ("orig-first", "orig-late", "sibling-only"):
        cells = []
        for fam in ("light", "heavy", "orig", "chain"):
            c = by_order[(fam, order)]
            cells.append("%5d %.3f" % (c["n"], c["tp"] / c["n"]) if c["n"] else "%11s" % "-")
        print("%-13s  %s" % (order, "  ".join(cells)))
    print("script         n   dups      P      R     F1")
    for s in sorted(by_script):
        c = by_script[s]
        print("%-9s %6d %6d %6.3f %6.3f %6.3f" % ((s, c["n"], c["pos"]) + prf(c["tp"], c["drops"], c["pos"])))
    print("dedupe: P=%.3f R=%.3f F1=%.3f light-R=%.3f heavy-R=%.3f%s" % (
        P, R, F, rec["light"], rec["heavy"], " chain-R=%.3f" % rec["chain"] if by_kind["chain1"]["n"] else ""))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen", help="write the benchmark TSV to stdout")
    g.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    g.add_argument("--per-file", type=int, default=150, help="originals per corpus file (default 150)")
    g.add_argument("--realistic", action="store_true",
                   help="also site frames with their dates (swap) and variants before their original")
    here = os.path.dirname(os.path.abspath(__file__))
    g.add_argument("--corpus", default=os.path.normpath(os.path.join(here, "../../shared/data/corpus")),
                   help="corpus directory (default: ../shared/data/corpus beside the repository)")
    g.add_argument("files", nargs="*", help="corpus .tsv.gz files or directories (default: --corpus)")
    s = sub.add_parser("score", help="score nf-dedupe --mark output of the bench")
    s.add_argument("bench")
    s.add_argument("marked")
    a = ap.parse_args()
    if a.cmd == "gen" and a.per_file < 1:
        ap.error("--per-file must be at least 1")
    return gen(a) if a.cmd == "gen" else score(a)


if __name__ == "__main__":
    sys.exit(main())
