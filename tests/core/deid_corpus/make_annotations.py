#!/usr/bin/env python3
"""Turns notes.src.txt ([[kind:text]] markup) into notes.txt and annotations.tsv.

annotations.tsv: start<TAB>end<TAB>kind<TAB>text, byte offsets into notes.txt (UTF-8).
Run it after editing notes.src.txt; the test checks that both files agree.
"""
import pathlib
import re

here = pathlib.Path(__file__).parent
source = (here / "notes.src.txt").read_text(encoding="utf-8")
plain = bytearray()
rows = []
pos = 0
for m in re.finditer(r"\[\[([a-z-]+):(.*?)\]\]", source, re.S):
    plain += source[pos:m.start()].encode("utf-8")
    start = len(plain)
    text = m.group(2)
    plain += text.encode("utf-8")
    rows.append((start, len(plain), m.group(1), text.replace("\n", "\\n").replace("\t", " ")))
    pos = m.end()
plain += source[pos:].encode("utf-8")
(here / "notes.txt").write_bytes(bytes(plain))
with open(here / "annotations.tsv", "w", encoding="utf-8") as out:
    out.write("start\tend\tkind\ttext\n")
    for row in rows:
        out.write("%d\t%d\t%s\t%s\n" % row)
