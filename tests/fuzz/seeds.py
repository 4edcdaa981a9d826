#!/usr/bin/env python3
"""seeds.py DIR — the seed corpora of the libFuzzer harnesses (tests/fuzz/*.c), one folder each
under DIR: samples/, small TSV and CSV inputs (good and bad: ragged rows, NUL, bad UTF-8, BOM,
CRLF, quotes, gzip whole and cut short), the rows of the case tables (tests/*-cases.tsv), real
state files of bin/nf-dedupe (whole, cut short, a byte changed) and the entity models (cut
short, a byte changed; the names they hold), and the inputs of past findings (tests/fuzz/
found/NAME/, so that tests/fuzz.bats runs them again). Run by make fuzz-build, from the top folder."""
import glob, gzip, hashlib, os, struct, subprocess, sys, tempfile, zlib

out = sys.argv[1]
# fz_lang's list (tests/fuzz/fuzz.h): the first byte of a per-record input picks the language
LANGS = ["", "und", "en", "de", "fr", "nl", "it", "es", "ar", "pt", "pl", "ru", "el", "tr", "ja", "zh",
         "ko", "th", "hi", "x", "EN", "de-AT", "zz", "fa"]
MAX = 4096


def put(h, data):
    d = os.path.join(out, h)
    os.makedirs(d, exist_ok=True)
    data = data[:MAX]
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def rec(lang, ref, text, flags=0):
    """a per-record input: language byte, flags byte, REF TAB TEXT"""
    i = LANGS.index(lang) if lang in LANGS else 0
    return bytes([i, flags]) + (ref + "\t" + text).encode()


samples = {os.path.basename(p): open(p, "rb").read() for p in sorted(glob.glob("samples/*.txt"))}
table = b"id\tdate\tlang\ttext\nd1\t2024-03-21\ten\tCorvane said revenue rose 18% to $2.41 billion.\\nIts shares rose.\n" \
        b"d2\t\tde\tDie Firma investiert 3 Mrd. Euro.\n"
readers = [
    table, table.replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + table,
    b"id\ttext\nx\ta\tb\ny\t\n\nz\tc\\\n",                           # ragged rows, a blank line, a lone backslash
    b"id\ttext\nx\ta\x00b\ny\t\xff\xfe bad \xc3\n",                  # NUL and invalid UTF-8
    b"id,date,text\r\n1,2024-01-01,\"He said \"\"hi\"\", then\nleft\"\r\n2,,plain\r\n3,\"unterminated\n",
    b"text\none line\n", b"a\tb\tc\n1\t2\t3\n", b"1\t2024\ten\tno header\n",
    b"", b"\n\n\n", b"just some text\nover two lines\n",
]
for name, data in samples.items():
    readers.append(data)
    put("norm", data)
    lang = name[:2]
    put("split", rec(lang, "", data.decode()))
    put("money", rec(lang, "2024-03-21", data.decode()))
    put("dates", rec(lang, "2024-03-21", data.decode(), 2))
    put("entities", rec(lang, "", data.decode().replace("\n\n", "\x1e"), 1))
    put("dedupe", data)
gz = gzip.compress(table)
readers += [gz, gz[: len(gz) // 2], gz[:10] + b"\x00" + gz[11:], gzip.compress(samples["en-chip-results.txt"])]
READER_MODES = 12  # tests/fuzz/reader.c: the last byte picks the input mode


def put_reader(data):
    for m in range(READER_MODES):
        put("reader", data[: MAX - 1] + bytes([m]))


for r in readers:
    put_reader(r)

DEDUPE_SEL = 24  # tests/fuzz/dedupe.c: the last byte picks the mode (8) and the state reading (3)


def put_dedupe(data):
    for sel in range(DEDUPE_SEL):
        put("dedupe", data[: MAX - 1] + bytes([sel]))

for h, f in [("split", "split"), ("money", "money"), ("dates", "dates"), ("entities", "entities"), ("dates", "dates-gaps")]:
    path = "tests/%s-cases.tsv" % f if f != "dates-gaps" else "tests/dates-gaps.tsv"
    rows = open(path, encoding="utf-8").read().split("\n")
    cols = rows[0].split("\t")
    for row in rows[1:]:
        v = row.split("\t")
        if len(v) != len(cols):
            continue
        c = dict(zip(cols, v))
        text = c["text"].replace("\\n", "\n").replace("\\t", "\t")
        put(h, rec(c["lang"], c.get("ref", "2024-03-21" if h == "money" else ""), text))
        if h == "split":
            put("dedupe", text.encode())
            put("norm", text.encode())

# state files of nf-dedupe: exact, near, --mark, --paragraphs; whole, cut, a byte changed
tmp = tempfile.mkdtemp()
docs = b"id\tdate\ttext\n" + b"".join(b"d%d\t2024-03-%02d\t%s\n" % (i, 1 + i % 28, l.replace(b"\t", b" "))
                                       for i, l in enumerate(samples["en-chip-results.txt"].split(b"\n")[:12]) if l)
for i, opts in enumerate([[], ["--mode", "near"], ["--mark"], ["--paragraphs"], ["--mode", "near", "--mark", "--paragraphs"]]):
    st = os.path.join(tmp, "s%d" % i)
    r = subprocess.run(["bin/nf-dedupe", "-q", "--state", st] + opts, input=docs, stdout=subprocess.DEVNULL)
    if r.returncode != 0 or not os.path.exists(st):
        continue
    data = open(st, "rb").read()
    put_dedupe(data)
    put_dedupe(data[: len(data) // 2])
    put_dedupe(data[:72])
    put_dedupe(data[:80] + bytes([data[80] ^ 1]) + data[81:])
    if len(data) > 72:  # the tables uncompressed, for the harness's third reading
        put_dedupe(data[:72] + zlib.decompress(data[72:]))
for f in os.listdir(tmp):
    os.unlink(os.path.join(tmp, f))
os.rmdir(tmp)

# entity models: the kept (NFNER2) and mapped (NFNER4) files cut short and changed; the
# names and tags they hold, for the harness's own NFNER2 and NFNER4 files
for m in ["lib/data/models/ner-en.model", "lib/data/models/ner-de.nfm"]:
    if not os.path.exists(m):
        continue
    with open(m, "rb") as f:
        head = f.read(MAX)
    put("ner", head)
    put("ner", head[:32])
    put("ner", head[:20])
    put("ner", head[:7])
    put("ner", head[:12] + bytes([head[12] ^ 0x40]) + head[13:])
with open("lib/data/models/ner-en.model", "rb") as f:
    d = f.read()
rl, cl = struct.unpack("<II", d[8:16])
raw = zlib.decompress(d[20:20 + cl])
nl = struct.unpack("<I", raw[12:16])[0]
names = raw[-nl:]
tags = raw[16:16 + 256]
for i, off in enumerate([0, len(names) // 3, len(names) * 2 // 3, len(names) - 2000]):
    chunk = names[off:off + 1500]
    chunk = chunk[chunk.find(b"\n") + 1:] if off else chunk
    put("ner", bytes([i, 0]) + chunk)
    put("ner", bytes([i + 3, 1]) + tags + chunk)
put("ner", b"NFNER2\n\x00" + b"\x00" * 12)
put("ner", b"NFNER4\n\x00" + b"\x00" * 24)
put("ner", b"\x7fELF\x02\x01\x01" + b"\x00" * 40)  # foreign files
put("ner", b"NFDUP1\n\x00" + b"\x03" + b"\x00" * 70)

# the inputs of past findings, as they were found
for d in sorted(glob.glob("tests/fuzz/found/*/")):
    for f in sorted(glob.glob(d + "*")):
        h = os.path.basename(d.rstrip("/"))
        data = open(f, "rb").read()
        if h == "reader":  # found when every input ran in every mode: now one per mode
            put_reader(data)
        elif h == "dedupe":  # likewise, every state variant
            put_dedupe(data)
        else:
            put(h, data)
