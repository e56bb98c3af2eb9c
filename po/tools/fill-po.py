#!/usr/bin/python3
"""Appends Swedish entries to po/sv.po for msgids of a .pot that sv.po lacks.

Usage: fill-po.py TEMPLATE.pot TRANSLATIONS.py   (a file defining a dict T: msgid or
(context, msgid) → msgstr). Entries without a translation are reported, not written."""

import re
import sys


def unquote(s):
    return bytes(s[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def entries(path):
    text = open(path, encoding="utf-8").read()
    for block in text.split("\n\n"):
        ctx = None
        msgid = None
        current = None
        for line in block.splitlines():
            if line.startswith("msgctxt "):
                current = "ctx"; ctx = unquote(line[8:])
            elif line.startswith("msgid "):
                current = "id"; msgid = unquote(line[6:])
            elif line.startswith("msgstr") or line.startswith("msgid_plural"):
                current = None
            elif line.startswith('"') and current == "id":
                msgid += unquote(line)
            elif line.startswith('"') and current == "ctx":
                ctx += unquote(line)
        if msgid:
            yield ctx, msgid


pot, table = sys.argv[1], sys.argv[2]
scope = {}
exec(open(table, encoding="utf-8").read(), scope)
T = scope["T"]
have = set(entries("po/sv.po"))
missing = []
with open("po/sv.po", "a", encoding="utf-8") as out:
    for ctx, msgid in entries(pot):
        if (ctx, msgid) in have:
            continue
        key = (ctx, msgid) if ctx else msgid
        if key not in T:
            missing.append(msgid)
            continue
        out.write("\n")
        if ctx:
            out.write(f"msgctxt {quote(ctx)}\n")
        out.write(f"msgid {quote(msgid)}\nmsgstr {quote(T[key])}\n")
        have.add((ctx, msgid))
for m in missing:
    print("untranslated:", m)
