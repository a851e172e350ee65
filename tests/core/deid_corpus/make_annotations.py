#!/usr/bin/env python3
"""Turns the marked-up corpus ([[kind:text]]) into plain text and a table of spans.

  notes.src.txt   -> notes.txt   + annotations.tsv           (the development corpus)
  holdout.src.txt -> holdout.txt + holdout_annotations.tsv   (written after the rules; never tuned on)

Each table: start<TAB>end<TAB>kind<TAB>text, byte offsets into the plain text (UTF-8), a line
break in the text written as \\n. Run it after editing a .src.txt; the test checks that the files
agree.
"""
import pathlib
import re

here = pathlib.Path(__file__).parent
for name, table in (("notes", "annotations.tsv"), ("holdout", "holdout_annotations.tsv")):
    source = (here / (name + ".src.txt")).read_text(encoding="utf-8")
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
    (here / (name + ".txt")).write_bytes(bytes(plain))
    with open(here / table, "w", encoding="utf-8") as out:
        out.write("start\tend\tkind\ttext\n")
        for row in rows:
            out.write("%d\t%d\t%s\t%s\n" % row)
