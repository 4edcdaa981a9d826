#!/usr/bin/env python3
"""norm-ref.py FILE... — a slow, obviously-correct reference for nf-normalize's text cleaning,
for differential testing: each FILE is a TSV (plain or gzip) with a header and a column named
text (or #text); prints one escaped, cleaned text per row. Python's unicodedata does the NFC;
the folding rules are those of lib/text/foldtab.c and lib/text/textnorm.h (without entities, HTML,
mojibake and the date header, which nf-normalize is run without or which the data lacks)."""
import gzip
import re
import sys
import unicodedata

ESC = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
SPACE = {0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)}
DROP = {0xAD, 0x61C, 0x640, 0x180E, 0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF,
        *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def unesc(s):
    return re.sub(r"\\(.)", lambda m: ESC.get(m.group(1), "\\" + m.group(1)), s)


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def clean(t):
    t = t.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for ch in t:
        c = ord(ch)
        if c in (0x85, 0x2028, 0x2029):
            out.append("\n")
        elif c in SPACE:
            out.append(" ")
        elif c in DROP or (c < 0x20 and c not in (9, 10)) or c == 0x7F or 0x80 <= c <= 0x9F:
            pass
        elif 0xFF01 <= c <= 0xFF5E:
            out.append(chr(c - 0xFEE0))
        else:
            out.append(ch)
    t = unicodedata.normalize("NFC", "".join(out))
    res, blank = [], False
    for line in t.split("\n"):
        line = re.sub(r"[ \t]+", lambda m: "\t" if "\t" in m.group(0) else " ", line).strip(" \t")
        if not line:
            blank = True
            continue
        if res:
            res.append("\n\n" if blank else "\n")
        res.append(line)
        blank = False
    return "".join(res)


for path in sys.argv[1:]:
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="\n") as f:
        head = [h.lstrip("#") for h in f.readline().rstrip("\n").split("\t")]
        col = head.index("text")
        for row in f:
            cells = row.rstrip("\n").split("\t")
            print(esc(clean(unesc(cells[col]))))
